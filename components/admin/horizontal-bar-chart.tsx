import type { ComponentProps } from "react";
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { chartTooltipStyle } from "@/components/ui/chart-style";


/**
 * The admin pages' bar chart with one horizontal bar per row (categories down the side, counts along the bottom),
 * in a `figure.admin-chart` with role="img" and `ariaLabel` as its text; it grows with the rows, up to 12 rows' height.
 */
export function HorizontalBarChart<T extends object>({
  data,
  ariaLabel,
  categoryKey,
  categoryTickFormatter,
  valueKey,
  barName,
  barClassName,
  tooltipFormatter,
}: {
  data: T[];
  ariaLabel: string;
  categoryKey: keyof T & string;
  categoryTickFormatter?: (value: string) => string;
  valueKey: keyof T & string;
  barName: string;
  barClassName: string;
  tooltipFormatter: ComponentProps<typeof Tooltip>["formatter"];
}) {
  // Recharts cannot check a key of an unresolved T; the props above already tie both keys to the data's type.
  const categoryDataKey: string = categoryKey;
  const valueDataKey: string = valueKey;
  return (
    <figure className="admin-chart" role="img" aria-label={ariaLabel}>
      <ResponsiveContainer width="100%" height={Math.min(data.length, 12) * 32 + 40}>
        <BarChart data={data} layout="vertical" margin={{ top: 4, right: 16, bottom: 4, left: 4 }}>
          <CartesianGrid horizontal={false} className="admin-chart__grid" />
          <XAxis type="number" allowDecimals={false} tickLine={false} axisLine={false} fontSize={12} />
          <YAxis
            type="category"
            dataKey={categoryDataKey}
            tickFormatter={categoryTickFormatter}
            width={150}
            tickLine={false}
            axisLine={false}
            fontSize={12}
          />
          <Tooltip cursor={{ fill: "var(--accent-soft)" }} contentStyle={chartTooltipStyle} formatter={tooltipFormatter} />
          <Bar dataKey={valueDataKey} name={barName} className={barClassName} radius={[0, 4, 4, 0]} maxBarSize={20} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
