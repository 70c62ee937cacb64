// Period over period: totals, change, and the dimension values that drive the change.
// Charge categories: all by default, so the comparison matches invoice-to-invoice; filter with chargeCategories.
import { z } from "zod";
import type { Database } from "../../adapters/db/database.ts";
import { costRowsQuery, nameIds, OTHERS_KEY, valueLabel } from "./breakdown.ts";
import {
  dimensionSchema,
  filtersSchema,
  metricSchema,
  normalizeDecimal,
  periodSchema,
  provenanceOf,
  ratio,
  SqlParams,
  toUnits,
  type Analysis,
  type Dimension,
  type Metric,
  type Period,
} from "./scope.ts";

export const compareModeSchema = z.enum(["MoM", "QoQ", "YoY", "custom"]);
export type CompareMode = z.output<typeof compareModeSchema>;

export const comparePeriodsInput = z
  .object({
    current: periodSchema,
    baseline: periodSchema.optional(),
    mode: compareModeSchema.optional(),
    filters: filtersSchema,
    metric: metricSchema,
    driverDimension: dimensionSchema.default("ServiceName"),
    tagKey: z.string().trim().min(1).max(200).optional(),
    limit: z.number().int().min(1, "Show at least one driver.").max(100).default(10),
    /** Which values are the drivers: the largest changes (default), or the largest now ("top 5 accounts and their change"). */
    rankBy: z.enum(["change", "current"], { error: "rankBy is change or current." }).default("change"),
    /** Only the values that started costing (none in the baseline) or stopped (none in the current period). */
    only: z.enum(["new", "gone"], { error: "only is new or gone." }).optional(),
  })
  .refine((i) => i.mode !== "custom" || i.baseline, { message: "A custom comparison needs a baseline period.", path: ["baseline"] })
  .refine((i) => !(i.baseline && i.mode && i.mode !== "custom"), {
    message: "Give either a baseline period or a mode (MoM, QoQ, YoY), not both.",
    path: ["baseline"],
  })
  .refine((i) => i.driverDimension !== "Tag" || i.tagKey, { message: "Drivers by Tag need a tagKey.", path: ["tagKey"] });
export type ComparePeriodsInput = z.output<typeof comparePeriodsInput>;

export interface Driver {
  key: string | null;
  label: string;
  isOthers: boolean;
  current: string;
  baseline: string;
  delta: string;
  /** delta / baseline in percent; null when the baseline is zero. */
  deltaPercent: number | null;
  /** delta / total delta; null when the total did not change. */
  shareOfChange: number | null;
  /** For ids (resources, sub-accounts, billing accounts): the name FOCUS carries beside it, when there is one. */
  name?: string | null;
}

export interface Comparison {
  mode: CompareMode;
  metric: Metric;
  current: { period: Period; total: string; value: number };
  baseline: { period: Period; total: string; value: number };
  change: string;
  /** change / baseline total in percent; null when the baseline total is zero. */
  changePercent: number | null;
  driverDimension: Dimension;
  /**
   * Sorted by |delta| (or by current, see rankBy); the top `limit` values, then "Others" so the deltas add up exactly
   * to `change`. With `only`, the values that are new or gone and Others of those: they add up to their own change.
   */
  drivers: Driver[];
  /** With `only`: how many values are new (or gone), listed or in Others. */
  matching?: number;
}

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const iso = (d: Date) => d.toISOString().slice(0, 10);
const addMonths = (date: string, months: number) => {
  const d = day(date);
  d.setUTCMonth(d.getUTCMonth() + months);
  return iso(d);
};
/** Whole calendar months between two month starts, or null when either is not the first of a month. */
export const wholeMonths = (p: Period) => {
  if (!p.start.endsWith("-01") || !p.end.endsWith("-01")) return null;
  const [sy, sm] = p.start.split("-").map(Number);
  const [ey, em] = p.end.split("-").map(Number);
  return (ey - sy) * 12 + (em - sm);
};

/**
 * The baseline for a mode. MoM / QoQ: when the current period is whole calendar months (MoM) or whole quarters
 * (QoQ), the same number of months just before it (March -> February, Q2 -> Q1); QoQ of anything else, the same
 * dates one quarter earlier (November -> August); MoM of days, the window of the same length immediately before.
 * YoY: the same dates one year earlier (Feb 29 -> Feb 28).
 */
export function baselineFor(current: Period, mode: Exclude<CompareMode, "custom">): Period {
  const months = wholeMonths(current);
  // The same dates `back` months earlier, a day past the end of a shorter month clamped to its last day.
  const sameDates = (back: number): Period => {
    if (months !== null) return { start: addMonths(current.start, -back), end: addMonths(current.end, -back) };
    const shift = (date: string) => {
      const [y, m, d] = date.split("-").map(Number);
      const lastDay = new Date(Date.UTC(y, m - back, 0)).getUTCDate();
      return iso(new Date(Date.UTC(y, m - 1 - back, Math.min(d, lastDay))));
    };
    return { start: shift(current.start), end: shift(current.end) };
  };
  if (mode === "YoY") return sameDates(12);
  const quarterAligned = months !== null && (Number(current.start.slice(5, 7)) - 1) % 3 === 0 && months % 3 === 0;
  if (months !== null && months > 0 && (mode === "MoM" || quarterAligned)) {
    return { start: addMonths(current.start, -months), end: current.start };
  }
  if (mode === "QoQ") return sameDates(3);
  const length = day(current.end).getTime() - day(current.start).getTime();
  return { start: iso(new Date(day(current.start).getTime() - length)), end: current.start };
}

export async function comparePeriods(db: Pick<Database, "sql">, raw: z.input<typeof comparePeriodsInput>): Promise<Analysis<Comparison>> {
  const input = comparePeriodsInput.parse(raw);
  const mode: CompareMode = input.baseline ? "custom" : (input.mode ?? "MoM");
  const baseline = input.baseline ?? baselineFor(input.current, mode as Exclude<CompareMode, "custom">);
  const params = new SqlParams();
  const scope = { filters: input.filters, metric: input.metric, dimension: input.driverDimension, tagKey: input.tagKey, params };
  const currentRows = costRowsQuery({ ...scope, period: input.current });
  const baselineRows = costRowsQuery({ ...scope, period: baseline });
  const limit = params.add(input.limit);
  // A value with no key (cost charged to no resource, say) is no value that came or went.
  const only = { new: "WHERE key IS NOT NULL AND current <> 0 AND baseline = 0", gone: "WHERE key IS NOT NULL AND current = 0 AND baseline <> 0" };
  // One statement: per value current/baseline/delta, ranked by |delta|; the rest folded into Others; the totals.
  const sql = `WITH sides AS (
      SELECT r.key, r.amount AS current, 0::numeric AS baseline FROM (${currentRows.sql}) r
      UNION ALL SELECT r.key, 0::numeric, r.amount FROM (${baselineRows.sql}) r),
    grouped AS (
      SELECT key, sum(current) AS current, sum(baseline) AS baseline, sum(current) - sum(baseline) AS delta
      FROM sides GROUP BY key),
    ranked AS (
      SELECT *, row_number() OVER (ORDER BY ${input.rankBy === "current" ? "current DESC" : "abs(delta) DESC, delta DESC"}, key ASC NULLS LAST) AS rank
      FROM grouped ${input.only ? only[input.only] : ""})
    SELECT 'value' AS kind, key, current::text, baseline::text, delta::text, rank FROM ranked WHERE rank <= ${limit}
    UNION ALL SELECT 'others', NULL, coalesce(sum(current), 0)::text, coalesce(sum(baseline), 0)::text,
      coalesce(sum(delta), 0)::text, count(*) FROM ranked WHERE rank > ${limit}
    UNION ALL SELECT 'total', NULL, coalesce(sum(current), 0)::text, coalesce(sum(baseline), 0)::text,
      coalesce(sum(delta), 0)::text, count(*) FROM grouped`;
  type Row = { kind: string; key: string | null; current: string; baseline: string; delta: string; rank: string | number };
  const result = await db.sql.query<Row>(sql, params.values);
  const totals = result.find((r) => r.kind === "total")!;
  const others = result.find((r) => r.kind === "others")!;
  const totalDelta = toUnits(totals.delta);
  const driver = (r: Row, isOthers: boolean): Driver => {
    const delta = toUnits(r.delta);
    const percent = ratio(delta, toUnits(r.baseline));
    return {
      key: isOthers ? OTHERS_KEY : r.key,
      label: isOthers ? "Others" : valueLabel(r.key, input.driverDimension),
      isOthers,
      current: normalizeDecimal(r.current),
      baseline: normalizeDecimal(r.baseline),
      delta: normalizeDecimal(r.delta),
      deltaPercent: percent === null ? null : percent * 100,
      shareOfChange: ratio(delta, totalDelta),
    };
  };
  const drivers = result
    .filter((r) => r.kind === "value")
    .sort((a, b) => Number(a.rank) - Number(b.rank))
    .map((r) => driver(r, false));
  if (Number(others.rank) > 0) drivers.push(driver(others, true));
  // ISO days compare as text: the span of both periods, for names of values present in either.
  const span = {
    start: baseline.start < input.current.start ? baseline.start : input.current.start,
    end: baseline.end > input.current.end ? baseline.end : input.current.end,
  };
  const named = await nameIds(db, input.driverDimension, span, drivers);
  const changeRatio = ratio(totalDelta, toUnits(totals.baseline));
  const current = normalizeDecimal(totals.current);
  const base = normalizeDecimal(totals.baseline);
  const description =
    `${input.metric} ${input.current.start}..${input.current.end} vs ${baseline.start}..${baseline.end} (${mode}) by ${input.driverDimension}` +
    (input.only ? `, ${input.only === "new" ? "values new in the current period" : "values with no cost in the current period"}` : "");
  return {
    data: {
      mode,
      metric: input.metric,
      current: { period: input.current, total: current, value: Number(current) },
      baseline: { period: baseline, total: base, value: Number(base) },
      change: normalizeDecimal(totals.delta),
      changePercent: changeRatio === null ? null : changeRatio * 100,
      driverDimension: input.driverDimension,
      drivers,
      ...(input.only ? { matching: result.filter((r) => r.kind === "value").length + Number(others.rank) } : {}),
    },
    provenance: [
      provenanceOf(description, { period: input.current, filters: input.filters, metric: input.metric }, currentRows.table, sql, params),
      ...(named ? [named] : []),
    ],
  };
}
