// How much each value's daily cost moves from day to day: "which services have the most variable spend?", "which
// accounts are the most stable?". Per value, its daily cost over every day of the period (a day without cost counts
// as 0), the mean and population standard deviation of those days, and their ratio, the coefficient of variation
// (CV = standard deviation / mean): a spend-predictability measure that compares values of different size.
import { z } from "zod";
import type { Database } from "../../adapters/db/database.ts";
import { costRowsQuery, valueLabel } from "./breakdown.ts";
import {
  daysBetween,
  dimensionSchema,
  filtersSchema,
  metricSchema,
  normalizeDecimal,
  periodSchema,
  provenanceOf,
  SqlParams,
  tidySql,
  type Analysis,
  type Dimension,
  type Metric,
  type Period,
} from "./scope.ts";

/** Values under this share of the period's cost are left out: a few dollars that come and go are all variation. */
export const DEFAULT_MIN_SHARE_PERCENT = 1;

/** The shortest period day-to-day variation is read over: a week, so every weekday counts. */
export const MIN_VOLATILITY_DAYS = 7;

export const costVolatilityInput = z
  .object({
    period: periodSchema.refine(
      (p) => daysBetween(p.start, p.end) >= MIN_VOLATILITY_DAYS,
      `Day-to-day variation needs a period of at least ${MIN_VOLATILITY_DAYS} days.`,
    ),
    filters: filtersSchema,
    metric: metricSchema,
    dimension: dimensionSchema.default("ServiceName"),
    tagKey: z.string().trim().min(1).max(200).optional(),
    /** The least variable first ("the most stable accounts") instead of the most. */
    steadiestFirst: z.boolean().default(false),
    minSharePercent: z.number().min(0).max(100).default(DEFAULT_MIN_SHARE_PERCENT),
    limit: z.number().int().min(1).max(100).default(10),
  })
  .refine((i) => i.dimension !== "Tag" || i.tagKey, { message: "Grouping by Tag needs a tagKey.", path: ["tagKey"] });

export interface VolatilityRow {
  key: string | null;
  label: string;
  total: string;
  /** The mean daily cost and its population standard deviation, over every day of the period. */
  dailyMean: number;
  dailyStdDev: number;
  /** dailyStdDev / dailyMean, in percent. */
  cvPercent: number;
  lowestDay: { date: string; amount: string };
  highestDay: { date: string; amount: string };
}

export interface CostVolatility {
  period: Period;
  metric: Metric;
  dimension: Dimension;
  days: number;
  total: string;
  /** Values ranked (those with at least minSharePercent of the total and a positive mean), the most variable first unless steadiestFirst. */
  rows: VolatilityRow[];
  /** How many values were ranked, and how many were left out (under minSharePercent of the total, or no positive mean). */
  ranked: number;
  leftOut: number;
}

export async function costVolatility(db: Pick<Database, "sql">, raw: z.input<typeof costVolatilityInput>): Promise<Analysis<CostVolatility>> {
  const input = costVolatilityInput.parse(raw);
  const params = new SqlParams();
  const rows = costRowsQuery({ period: input.period, filters: input.filters, metric: input.metric, dimension: input.dimension, tagKey: input.tagKey, params });
  const start = params.add(input.period.start);
  const end = params.add(input.period.end);
  const sql = tidySql(`
    WITH per_day AS (SELECT r.key, r.charge_date AS day, sum(r.amount) AS amount FROM (${rows.sql}) r GROUP BY 1, 2),
    days AS (SELECT d::date AS day FROM generate_series(${start}::date, ${end}::date - 1, interval '1 day') d),
    keys AS (SELECT DISTINCT key FROM per_day),
    filled AS (
      SELECT k.key, d.day, coalesce(p.amount, 0) AS amount
      FROM keys k CROSS JOIN days d LEFT JOIN per_day p ON p.key IS NOT DISTINCT FROM k.key AND p.day = d.day)
    SELECT key, sum(amount)::text AS total, (sum(sum(amount)) OVER ())::text AS all_total, avg(amount)::float8 AS mean, stddev_pop(amount)::float8 AS sd,
      (array_agg(day::text ORDER BY amount ASC, day))[1] AS low_day, min(amount)::text AS low,
      (array_agg(day::text ORDER BY amount DESC, day))[1] AS high_day, max(amount)::text AS high
    FROM filled GROUP BY key`);
  type Row = { key: string | null; total: string; all_total: string; mean: number; sd: number; low_day: string; low: string; high_day: string; high: string };
  const result = await db.sql.query<Row>(sql, params.values);
  const total = normalizeDecimal(result[0]?.all_total ?? "0");
  const floor = (Number(total) * input.minSharePercent) / 100;
  const eligible = result.filter((r) => r.mean > 0 && Number(r.total) >= floor);
  const cv = (r: Row) => r.sd / r.mean;
  const sorted = eligible.sort((a, b) => (input.steadiestFirst ? cv(a) - cv(b) : cv(b) - cv(a)) || Number(b.total) - Number(a.total));
  return {
    data: {
      period: input.period,
      metric: input.metric,
      dimension: input.dimension,
      days: daysBetween(input.period.start, input.period.end),
      total,
      rows: sorted.slice(0, input.limit).map((r) => ({
        key: r.key,
        label: valueLabel(r.key, input.dimension),
        total: normalizeDecimal(r.total),
        dailyMean: r.mean,
        dailyStdDev: r.sd,
        cvPercent: cv(r) * 100,
        lowestDay: { date: r.low_day, amount: normalizeDecimal(r.low) },
        highestDay: { date: r.high_day, amount: normalizeDecimal(r.high) },
      })),
      ranked: eligible.length,
      leftOut: result.length - eligible.length,
    },
    provenance: [
      provenanceOf(
        `Daily ${input.metric} per ${input.dimension === "Tag" ? `tag ${input.tagKey}` : input.dimension}, every day of the period (0 without cost): mean, standard deviation and their ratio`,
        input,
        rows.table,
        sql,
        params,
      ),
    ],
  };
}
