"use client";

import { useId, useState } from "react";
import {
  Area,
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  ComposedChart,
  Line,
  ReferenceDot,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { chartTooltipStyle } from "@/components/ui/chart-style";
import { formatCategory, formatMoneyCompact, formatValue, isCurrency } from "./answer-format";
import { chartSummary } from "./chart-summary";
import type { AnswerChart } from "./types";

// Breakdowns are read top-down; beyond this many bars the rest stay in the "Show data" table.
const MAX_BARS = 15;
/** Line colours, --chart-1 to --chart-8 in globals.css; a ninth line takes the first colour again. */
const CHART_COLOURS = 8;

type Row = { x: string; [key: string]: string | number | [number, number] | null };

function toRows(chart: AnswerChart): Row[] {
  const rows = new Map<string, Row>();
  chart.series.forEach((series, i) => {
    for (const p of series.points) {
      const row = rows.get(p.x) ?? { x: p.x };
      row[`s${i}`] = Number(p.y);
      if (p.lower != null && p.upper != null) row[`b${i}`] = [Number(p.lower), Number(p.upper)];
      rows.set(p.x, row);
    }
  });
  return [...rows.values()];
}


export function AnswerChartView({ chart }: { chart: AnswerChart }) {
  const [showData, setShowData] = useState(false);
  const id = useId();
  const rows = toRows(chart);
  const summary = chartSummary(chart);
  const money = isCurrency(chart.unit);
  const tick = money ? (v: unknown) => formatMoneyCompact(v, chart.unit) : (v: unknown) => String(v);
  const tooltipValue = (v: unknown) =>
    Array.isArray(v) ? `${formatValue(v[0], chart.unit)} – ${formatValue(v[1], chart.unit)}` : formatValue(v, chart.unit);

  return (
    <figure className="answer-chart" data-testid="answer-chart" data-kind={chart.kind}>
      <figcaption className="answer-chart__head">
        <span id={`${id}-title`} className="answer-chart__title">
          {chart.title.charAt(0).toUpperCase() + chart.title.slice(1)}
        </span>
        <button
          type="button"
          className="link-button answer-chart__toggle"
          aria-expanded={showData}
          aria-controls={`${id}-data`}
          onClick={() => setShowData((v) => !v)}
          data-testid="chart-show-data"
        >
          {showData ? "Hide data" : "Show data"}
        </button>
      </figcaption>
      <div className="answer-chart__plot" role="img" aria-labelledby={`${id}-title`} aria-describedby={`${id}-summary`}>
        <p id={`${id}-summary`} className="visually-hidden">
          {summary}
        </p>
        {chart.kind === "bar" ? (
          <ResponsiveContainer width="100%" height={Math.min(rows.length, MAX_BARS) * 30 + 36}>
            <BarChart data={rows.slice(0, MAX_BARS)} layout="vertical" margin={{ top: 4, right: 16, bottom: 4, left: 4 }}>
              <CartesianGrid horizontal={false} className="answer-chart__grid" />
              <XAxis type="number" tickFormatter={tick} tickLine={false} axisLine={false} fontSize={12} />
              <YAxis
                type="category"
                dataKey="x"
                width={150}
                tickLine={false}
                axisLine={false}
                fontSize={12}
                tickFormatter={(v: string) => (v.length > 22 ? `${v.slice(0, 21)}…` : v)}
              />
              <Tooltip
                cursor={{ fill: "var(--accent-soft)" }}
                contentStyle={chartTooltipStyle}
                formatter={(v) => [tooltipValue(v), chart.series[0]?.name ?? ""]}
              />
              <Bar dataKey="s0" name={chart.series[0]?.name} className="answer-chart__bar" radius={[0, 4, 4, 0]} maxBarSize={20} isAnimationActive={false}>
                {rows.slice(0, MAX_BARS).map((r) => (
                  // The rolled-up remainder is not a service: shown muted so it does not read as the biggest one.
                  <Cell key={r.x} className={r.x === "Others" ? "answer-chart__bar--others" : undefined} />
                ))}
              </Bar>
            </BarChart>
          </ResponsiveContainer>
        ) : (
          <ResponsiveContainer width="100%" height={240}>
            <ComposedChart data={rows} margin={{ top: 8, right: 16, bottom: 4, left: 4 }}>
              <CartesianGrid vertical={false} className="answer-chart__grid" />
              <XAxis dataKey="x" tickFormatter={formatCategory} tickLine={false} minTickGap={24} fontSize={12} />
              <YAxis tickFormatter={tick} tickLine={false} axisLine={false} width={56} fontSize={12} />
              <Tooltip contentStyle={chartTooltipStyle} labelFormatter={(l) => formatCategory(String(l))} formatter={(v, name) => [tooltipValue(v), name]} />
              {chart.series.map((s, i) =>
                s.points.some((p) => p.lower != null && p.upper != null) ? (
                  <Area
                    key={`band-${i}`}
                    dataKey={`b${i}`}
                    name={`${s.name} range`}
                    className="answer-chart__band"
                    stroke="none"
                    isAnimationActive={false}
                  />
                ) : null,
              )}
              {chart.series.map((s, i) => (
                <Line
                  key={`line-${i}`}
                  dataKey={`s${i}`}
                  name={s.name}
                  className={`answer-chart__line answer-chart__line--${i % CHART_COLOURS}${s.style === "forecast" ? " answer-chart__line--forecast" : ""}`}
                  dot={false}
                  strokeWidth={2}
                  strokeDasharray={s.style === "forecast" ? "6 4" : undefined}
                  isAnimationActive={false}
                />
              ))}
              {(chart.markers ?? []).map((m, i) => {
                const y = rows.find((r) => r.x === m.x)?.s0;
                return typeof y === "number" ? (
                  <ReferenceDot key={`m-${i}`} x={m.x} y={y} r={5} className="answer-chart__marker" ifOverflow="extendDomain" />
                ) : (
                  <ReferenceLine key={`m-${i}`} x={m.x} className="answer-chart__marker-line" strokeDasharray="3 3" />
                );
              })}
            </ComposedChart>
          </ResponsiveContainer>
        )}
      </div>
      {chart.kind === "line" && chart.series.length > 1 ? (
        <p className="answer-chart__legend" data-testid="chart-series-legend">
          {chart.series.map((s, i) => (
            <span key={s.name} className="answer-chart__series">
              <span className={`answer-chart__swatch answer-chart__swatch--${i % CHART_COLOURS}`} aria-hidden="true" /> {s.name}
            </span>
          ))}
        </p>
      ) : null}
      {chart.markers?.length ? (
        <p className="answer-chart__legend">
          <span className="answer-chart__legend-dot" aria-hidden="true" /> {chart.markerKind === "peak" ? "Highest" : "Anomaly"}:{" "}
          {[...new Set(chart.markers.map((m) => (chart.markerKind === "peak" ? formatCategory(m.x) : `${formatCategory(m.x)} (${m.label})`)))].slice(0, 6).join(", ")}
          {chart.markers.length > 6 ? "…" : ""}
        </p>
      ) : null}
      {showData ? <ChartDataTable id={`${id}-data`} chart={chart} rows={rows} /> : null}
    </figure>
  );
}

function ChartDataTable({ id, chart, rows }: { id: string; chart: AnswerChart; rows: Row[] }) {
  const bands = chart.series.map((s) => s.points.some((p) => p.lower != null));
  const cell = (v: Row[string]) => (typeof v === "number" ? formatValue(v, chart.unit) : "—");
  return (
    <div id={id} className="md-table answer-chart__data" role="region" aria-label={`${chart.title} data`} tabIndex={0} data-testid="chart-data">
      <table>
        <thead>
          <tr>
            <th scope="col">{chart.kind === "bar" ? "Item" : "Period"}</th>
            {chart.series.map((s, i) => [
              <th key={`h${i}`} scope="col" className="num">
                {s.name}
              </th>,
              bands[i] ? (
                <th key={`r${i}`} scope="col" className="num">
                  Range
                </th>
              ) : null,
            ])}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.x}>
              <td>{chart.kind === "bar" ? r.x : r.x.slice(0, 10)}</td>
              {chart.series.map((_, i) => {
                const band = r[`b${i}`];
                return [
                  <td key={`v${i}`} className="num">
                    {cell(r[`s${i}`])}
                  </td>,
                  bands[i] ? (
                    <td key={`b${i}`} className="num">
                      {Array.isArray(band) ? `${cell(band[0])} – ${cell(band[1])}` : "—"}
                    </td>
                  ) : null,
                ];
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
