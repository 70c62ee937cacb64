import { formatCategory, formatValue } from "./answer-format";
import type { AnswerChart } from "./types";

/** The label of a breakdown's remainder row (see server/finops/analytics/breakdown.ts). */
const OTHERS_LABEL = "Others";
/** A row of cost with no value for the dimension: "(no resource)", "(untagged)", "(empty value)" (breakdown.ts). */
const PLACEHOLDER = /^\(.*\)$/;

/** What a screen reader hears instead of the picture: the shape of the data in one sentence. */
export function chartSummary(chart: AnswerChart): string {
  const points = chart.series[0]?.points ?? [];
  const fmt = (v: number) => formatValue(v, chart.unit);
  if (points.length === 0) return `${chart.title}: no data.`;
  if (chart.kind === "bar") {
    // The largest bar by size, whatever its sign (a drop of $6,514 beats a rise of $84), and a named one: "Others"
    // sums the values not shown, and "(no resource)" is cost of no one resource.
    const named = points.filter((p) => p.x !== OTHERS_LABEL && !PLACEHOLDER.test(String(p.x)));
    const top = [...(named.length ? named : points)].sort((a, b) => Math.abs(Number(b.y)) - Math.abs(Number(a.y)))[0]!;
    const total = points.reduce((sum, p) => sum + Number(p.y), 0);
    if (points.length === 1) return `Bar chart, ${chart.title}: one value, ${top.x} at ${fmt(Number(top.y))}.`;
    return `Bar chart, ${chart.title}: ${points.length} values totalling ${fmt(total)}; the largest is ${top.x} at ${fmt(Number(top.y))}.`;
  }
  const ys = points.map((p) => Number(p.y));
  const first = points[0]!;
  const last = points[points.length - 1]!;
  const band = points.some((p) => p.lower != null) ? " A shaded band shows the likely range." : "";
  const markers = !chart.markers?.length
    ? ""
    : chart.markerKind === "peak"
      ? " The highest point is marked."
      : ` ${chart.markers.length} anomalous point${chart.markers.length === 1 ? "" : "s"} marked.`;
  return (
    `Line chart, ${chart.title}: ${points.length} points from ${formatCategory(first.x)} to ${formatCategory(last.x)}, ` +
    `between ${fmt(Math.min(...ys))} and ${fmt(Math.max(...ys))}; last value ${fmt(Number(last.y))}.${band}${markers}`
  );
}
