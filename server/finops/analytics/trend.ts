// Cost over time: one total series, and optionally one series per top-N value of a dimension plus "Others".
// Charge categories: all by default (credits subtract on the day they are charged); filter with chargeCategories.
import { z } from "zod";
import type { Database } from "../../adapters/db/database.ts";
import { costRowsQuery, emptyLabelFor, OTHERS_KEY, placeholdersPooled, UNTAGGED_OR_PLACEHOLDER_LABEL } from "./breakdown.ts";
import {
  dimensionSchema,
  filtersSchema,
  fromUnits,
  metricSchema,
  periodSchema,
  provenanceOf,
  SqlParams,
  toUnits,
  type Analysis,
  type Dimension,
  type Metric,
  type Period,
} from "./scope.ts";

export const granularitySchema = z.enum(["day", "week", "month"]).default("day");
export type Granularity = z.output<typeof granularitySchema>;

export const costTrendInput = z
  .object({
    period: periodSchema,
    filters: filtersSchema,
    metric: metricSchema,
    granularity: granularitySchema,
    dimension: dimensionSchema.optional(),
    tagKey: z.string().trim().min(1).max(200).optional(),
    limit: z.number().int().min(1, "Show at least one series.").max(50).default(5),
    /** By a tag: placeholder values ("unknown", "n/a", "TBD", "") join the untagged series, as costBreakdown's do. */
    poolPlaceholders: z.boolean().default(false),
  })
  .refine((i) => i.dimension !== "Tag" || i.tagKey, { message: "Grouping by Tag needs a tagKey.", path: ["tagKey"] })
  .refine((i) => i.granularity !== "day" || Date.parse(i.period.end) - Date.parse(i.period.start) <= 400 * 86_400_000, {
    message: "Daily trends are limited to 400 days; use week or month granularity for longer periods.",
    path: ["granularity"],
  });
export type CostTrendInput = z.output<typeof costTrendInput>;

export interface TrendPoint {
  /** First day of the bucket (YYYY-MM-DD): the day, the ISO week's Monday, or the month's first day. */
  bucketStart: string;
  amount: string;
  value: number;
}

export interface TrendSeries {
  key: string | null;
  label: string;
  isOthers: boolean;
  points: TrendPoint[];
  total: string;
}

export interface Trend {
  granularity: Granularity;
  metric: Metric;
  dimension: Dimension | null;
  /** Every bucket of the period in order, zero-filled, so charts have no gaps. */
  total: TrendPoint[];
  /** Empty without a dimension; otherwise the top `limit` values (by total) and "Others" when more exist. */
  series: TrendSeries[];
  grandTotal: string;
}

const DAY_MS = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The bucket a day falls in. Weeks are ISO weeks (Monday first), in UTC like charge dates. */
export function bucketOf(day: string, granularity: Granularity): string {
  if (granularity === "month") return `${day.slice(0, 7)}-01`;
  if (granularity === "day") return day;
  const ms = Date.parse(`${day}T00:00:00Z`);
  const sinceMonday = (new Date(ms).getUTCDay() + 6) % 7;
  return isoDay(ms - sinceMonday * DAY_MS);
}

/** Bucket starts covering the half-open period; the first may start before the period (a week or month begun). */
export function bucketsOf(period: Period, granularity: Granularity): string[] {
  const buckets: string[] = [];
  const end = Date.parse(`${period.end}T00:00:00Z`);
  let cursor = bucketOf(period.start, granularity);
  while (Date.parse(`${cursor}T00:00:00Z`) < end) {
    buckets.push(cursor);
    const next = new Date(`${cursor}T00:00:00Z`);
    if (granularity === "month") next.setUTCMonth(next.getUTCMonth() + 1);
    else next.setUTCDate(next.getUTCDate() + (granularity === "week" ? 7 : 1));
    cursor = isoDay(next.getTime());
  }
  return buckets;
}

const BUCKET_SQL: Record<Granularity, string> = {
  day: "r.charge_date",
  week: "date_trunc('week', r.charge_date::timestamp)::date",
  month: "date_trunc('month', r.charge_date::timestamp)::date",
};

export async function costTrend(db: Pick<Database, "sql">, raw: z.input<typeof costTrendInput>): Promise<Analysis<Trend>> {
  const input = costTrendInput.parse(raw);
  const params = new SqlParams();
  const rows = costRowsQuery({ ...input, params });
  const limit = params.add(input.dimension ? input.limit : 0);
  const pooled = input.poolPlaceholders && input.dimension === "Tag";
  const key = pooled ? placeholdersPooled("r.key", params) : "r.key";
  // Series rank: 1..limit for the top values by period total, 0 for everything else ("Others", or the whole total
  // when there is no dimension).
  const sql = `WITH per_bucket AS (
      SELECT ${BUCKET_SQL[input.granularity]} AS bucket, ${key} AS key, sum(r.amount) AS amount
      FROM (${rows.sql}) r GROUP BY 1, 2),
    keyed AS (SELECT *, sum(amount) OVER (PARTITION BY key) AS key_total FROM per_bucket),
    ranked AS (SELECT *, dense_rank() OVER (ORDER BY key_total DESC, key ASC NULLS LAST) AS rank FROM keyed)
    SELECT to_char(bucket, 'YYYY-MM-DD') AS bucket,
      CASE WHEN rank <= ${limit} THEN rank ELSE 0 END AS series,
      CASE WHEN rank <= ${limit} THEN key END AS key,
      sum(amount)::text AS amount
    FROM ranked GROUP BY 1, 2, 3`;
  const result = await db.sql.query<{ bucket: string; series: string | number; key: string | null; amount: string }>(
    sql,
    params.values,
  );

  const buckets = bucketsOf(input.period, input.granularity);
  const bySeries = new Map<number, { key: string | null; amounts: Map<string, bigint> }>();
  for (const r of result) {
    const rank = Number(r.series);
    const series = bySeries.get(rank) ?? { key: r.key, amounts: new Map() };
    series.amounts.set(r.bucket, (series.amounts.get(r.bucket) ?? 0n) + toUnits(r.amount));
    bySeries.set(rank, series);
  }
  const pointsOf = (amounts: (bucket: string) => bigint): TrendPoint[] =>
    buckets.map((bucketStart) => {
      const amount = fromUnits(amounts(bucketStart));
      return { bucketStart, amount, value: Number(amount) };
    });
  const sumAt = (bucket: string) => [...bySeries.values()].reduce((s, x) => s + (x.amounts.get(bucket) ?? 0n), 0n);
  const total = pointsOf(sumAt);
  const emptyLabel = pooled ? UNTAGGED_OR_PLACEHOLDER_LABEL : input.dimension ? emptyLabelFor(input.dimension) : "";
  const series: TrendSeries[] = input.dimension
    ? [...bySeries.entries()]
        .sort(([a], [b]) => (a === 0 ? 1 : b === 0 ? -1 : a - b))
        .map(([rank, s]) => {
          const points = pointsOf((bucket) => s.amounts.get(bucket) ?? 0n);
          const sum = [...s.amounts.values()].reduce((a, b) => a + b, 0n);
          return rank === 0
            ? { key: OTHERS_KEY, label: "Others", isOthers: true, points, total: fromUnits(sum) }
            : { key: s.key, label: s.key ?? emptyLabel, isOthers: false, points, total: fromUnits(sum) };
        })
    : [];
  const grandTotal = fromUnits(buckets.reduce((s, b) => s + sumAt(b), 0n));
  return {
    data: { granularity: input.granularity, metric: input.metric, dimension: input.dimension ?? null, total, series, grandTotal },
    provenance: [provenanceOf(`${input.metric} per ${input.granularity}${input.dimension ? ` by ${input.dimension}` : ""}`, input, rows.table, sql, params)],
  };
}
