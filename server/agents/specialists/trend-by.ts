// "The top 5 accounts by spend and their trend", "monthly trend by service": beside which way the whole spend is going,
// each of the largest values' cost bucket by bucket, which of them rose and fell the most, and a line for each.
import type { Database } from "../../adapters/db/database.ts";
import { nameIds } from "../../finops/analytics/breakdown.ts";
import { bucketOf, costTrend, type Granularity, type TrendPoint, type TrendSeries } from "../../finops/analytics/trend.ts";
import { addMonths } from "../../finops/analytics/scope.ts";
import { addDaysIso } from "../../finops/data-range.ts";
import { dimensionLabel, formatMoney, formatSignedPercent, plural, readableLabels, tableMarkdown, type AnswerSection } from "../answer.ts";
import type { ResolvedScope } from "../scope.ts";

/** Values followed at most, and by default. */
const MOST = 10;
const DEFAULT = 5;

/** "Jun 2026": a month as a table column names it, narrower than "June 2026"; days and weeks by their first day. */
export const bucketLabel = (bucketStart: string, unit: Granularity) =>
  unit === "month" ? new Date(`${bucketStart}T00:00:00Z`).toLocaleString("en-US", { month: "short", year: "numeric", timeZone: "UTC" }) : bucketStart;

/** The buckets the data reaches: before it starts or after it ends, no cost is recorded, which is not a cost of zero. */
export const withinData = (points: readonly TrendPoint[], dataRange: { start: string; end: string }, unit: Granularity): TrendPoint[] =>
  points.filter((p) => p.bucketStart <= dataRange.end && p.bucketStart >= bucketOf(dataRange.start, unit));

/**
 * The buckets the period and the data both cover whole: a week or month begun before the period (or the data) starts,
 * or ended after, holds only part of its cost and would draw as a fall that is not one.
 */
export function wholeBuckets(points: readonly TrendPoint[], period: { start: string; end: string }, dataRange: { start: string; end: string }, unit: Granularity): TrendPoint[] {
  const from = period.start > dataRange.start ? period.start : dataRange.start;
  const dataEnd = addDaysIso(dataRange.end, 1);
  const to = period.end < dataEnd ? period.end : dataEnd;
  const next = (bucket: string) => (unit === "month" ? addMonths(bucket, 1) : addDaysIso(bucket, unit === "week" ? 7 : 1));
  return points.filter((p) => p.bucketStart >= from && next(p.bucketStart) <= to);
}

const percent = (from: number, to: number) => (from === 0 ? null : ((to - from) / Math.abs(from)) * 100);

/**
 * Adds the trend of each of the largest values of the scope's grouping to a "which way is spend going" section:
 * their cost in each bucket `kept` (whole months), a line each, and the ones that rose and fell the most.
 */
export async function addTrendsByValue(
  db: Pick<Database, "sql">,
  scope: ResolvedScope,
  section: AnswerSection,
  kept: (bucketStart: string) => boolean,
  bucketLabel: (bucketStart: string) => string,
  options: {
    /** Beside a breakdown of the same values, the table says it is over time. */
    overTimeTitle?: boolean;
    /** The caller leads with the sentence on which values rose and fell most: it is returned, not added below the table. */
    sentenceLeads?: boolean;
  } = {},
): Promise<string> {
  const { overTimeTitle = false, sentenceLeads = false } = options;
  const { dimension, tagKey } = scope.groupBy!;
  const limit = Math.min(scope.topN ?? DEFAULT, MOST);
  // By a tag, placeholder values ("unknown") are no one's, pooled with the untagged as the breakdown beside it pools them.
  const trend = await costTrend(db, {
    period: scope.period, filters: scope.filters, metric: scope.metric, granularity: scope.granularity, dimension, tagKey, limit, poolPlaceholders: true,
  });
  section.provenance = [...section.provenance, ...trend.provenance];
  const buckets = trend.data.total.map((p) => p.bucketStart).filter(kept);
  const valuesOf = (s: TrendSeries) => buckets.map((b) => s.points.find((p) => p.bucketStart === b));
  const named: Array<TrendSeries & { name?: string | null }> = trend.data.series.filter((s) => !s.isOthers && s.key !== null);
  if (named.length === 0 || buckets.length < 2) return "";
  // Ids read badly ("210987654321"): the name FOCUS carries beside them leads, the id in a column of its own.
  const naming = await nameIds(db, dimension, scope.period, named);
  if (naming) section.provenance.push(naming);
  const { shown, idColumns, idCell } = readableLabels(named);
  const label = dimensionLabel(dimension, tagKey);
  const moves = named.map((s) => {
    const points = valuesOf(s);
    const [first, last] = [points[0]?.value ?? 0, points.at(-1)?.value ?? 0];
    return { series: s, first, last, change: percent(first, last) };
  });
  const columnKey = (bucket: string) => `b${bucket}`;
  section.tables.push({
    title: `By ${label.toLowerCase()}${overTimeTitle ? `, ${scope.granularity} by ${scope.granularity}` : ""}`,
    columns: [
      { key: "label", label, format: "text" },
      ...idColumns,
      ...buckets.map((b) => ({ key: columnKey(b), label: bucketLabel(b), format: "money" as const })),
      { key: "changePercent", label: "Change", format: "percent" },
    ],
    rows: moves.map((m) => ({
      label: shown(m.series),
      ...idCell(m.series),
      ...Object.fromEntries(valuesOf(m.series).map((p, i) => [columnKey(buckets[i]!), p?.amount ?? "0"])),
      changePercent: m.change,
    })),
  });
  section.charts.push({
    kind: "line",
    title: `Cost by ${label.toLowerCase()}`,
    unit: scope.currency,
    series: named.map((s) => ({ name: shown(s), style: "actual" as const, points: valuesOf(s).map((p, i) => ({ x: buckets[i]!, y: p?.value ?? 0 })) })),
  });
  const ranked = moves.filter((m) => m.change !== null).sort((a, b) => b.change! - a.change!);
  const money = (n: number) => formatMoney(n, scope.currency);
  const phrase = (m: (typeof moves)[number]) =>
    `**${shown(m.series)}** (${money(m.first)} → ${money(m.last)}, ${formatSignedPercent(m.change)})`;
  const [rose, fell] = [ranked[0], ranked.at(-1)];
  const sentence =
    rose && fell && rose !== fell
      ? `Of the ${named.length} largest ${plural(label.toLowerCase(), named.length)}, from ${bucketLabel(buckets[0]!)} to ${bucketLabel(buckets.at(-1)!)}: ` +
        `${phrase(rose)} ${rose.change! >= 0 ? "grew the most" : "fell the least"}; ${phrase(fell)} ${fell.change! < 0 ? "fell the most" : "grew the least"}.`
      : "";
  if (rose) Object.assign(section.figures, { risesMost: shown(rose.series), risesMostKey: rose.series.key, risesMostPercent: rose.change, valuesFollowed: named.length });
  section.markdown = [section.markdown, "", tableMarkdown(section.tables.at(-1)!, scope.currency), ...(sentenceLeads ? [] : ["", sentence])].join("\n").trim();
  return sentence;
}
