import { z } from "zod";
import type { Database } from "../../adapters/db/database.ts";
import {
  addDays,
  chooseTable,
  DIMENSION_COLUMNS,
  eachDay,
  filtersSchema,
  METRIC_COLUMNS,
  metricSchema,
  periodSchema,
  provenanceOf,
  SqlParams,
  tidySql,
  whereClauses,
  type Analysis,
  type ColumnDimension,
  type Filters,
  type Provenance,
} from "./scope.ts";
import {
  decimalToUnits,
  median,
  money,
  moneyFromNumber,
  spikeOrStep,
  sumDecimals,
  unitsToCents,
  weekdayBaselineScores,
  type Money,
  type SeriesPattern,
  type WeekdayScore,
} from "./stats.ts";

// Method and thresholds:
// - Weekday-matched baseline: the median of the same weekday over the previous `baselineDays / 7` weeks (default
//   5), so a service that always dips at weekends is compared with earlier weekends (seasonal naive forecast,
//   Hyndman & Athanasopoulos FPP3 §5.2).
// - Score: Tukey's fences with k = 1.5 on the weekday-adjusted residuals of the baseline window (Tukey 1977); a day
//   is unusual above Q3 + 1.5 * IQR, and the score is (residual - Q3) / IQR, so 1.5 is the fence. It is the test
//   Azure Data Explorer's series_decompose_anomalies applies (Tukey fences on the residuals of a seasonal
//   decomposition, threshold 1.5 by default); FinOps hubs in the finops-toolkit keep cost data in Data Explorer.
// - Impact floors: AWS Cost Anomaly Detection alerts on an absolute ($) and/or a percentage impact threshold; we
//   require both, default $50/day and 30% above expected, so noise on small services never alerts.
// - Spike or step: a run whose excess is still at least half there in the week after it is a level shift (a new or
//   resized resource); it is reported once, not again while the baseline window still straddles it.
const COLUMN_DIMENSIONS = Object.keys(DIMENSION_COLUMNS) as [ColumnDimension, ...ColumnDimension[]];
const TOP_CONTRIBUTORS = 5;

/** Default thresholds: the dollar and percent floors, the weekday baseline in days and the Tukey fence k. */
export const ANOMALY_DEFAULTS = { minDailyCost: 50, minPercent: 30, baselineDays: 35, fenceK: 1.5 } as const;

export const anomaliesInputSchema = z.object({
  period: periodSchema,
  filters: filtersSchema,
  metric: metricSchema,
  dimension: z
    .enum(COLUMN_DIMENSIONS, { error: `Group anomalies by one of: ${COLUMN_DIMENSIONS.join(", ")}.` })
    .default("ServiceName"),
  /** Dollar floor: a day's excess over expected must be at least this much. */
  minDailyCost: z.number().min(0, "minDailyCost cannot be negative.").max(1e9).default(ANOMALY_DEFAULTS.minDailyCost),
  /** Percent floor: a day's excess must be at least this percentage of expected. */
  minPercent: z.number().min(0, "minPercent cannot be negative.").max(10_000).default(ANOMALY_DEFAULTS.minPercent),
  baselineDays: z
    .number()
    .int()
    .min(21, "baselineDays must cover at least 3 weeks.")
    .max(182, "baselineDays is limited to 26 weeks.")
    .refine((d) => d % 7 === 0, "baselineDays must be a whole number of weeks (a multiple of 7).")
    .default(ANOMALY_DEFAULTS.baselineDays),
  /** Tukey fence multiplier. */
  fenceK: z.number().min(0.5).max(10).default(ANOMALY_DEFAULTS.fenceK),
});
export type AnomaliesInput = z.input<typeof anomaliesInputSchema>;
type Options = z.output<typeof anomaliesInputSchema>;

export type Severity = "low" | "medium" | "high";
/** spike: back to normal within the data; level-shift: stayed up (new or resized resource); ongoing: too recent. */
export type AnomalyPattern = SeriesPattern;

export interface AnomalyDay {
  day: string;
  actual: Money;
  expected: Money;
  excess: Money;
  score: number;
}

export interface Contributor {
  key: string;
  label: string | null;
  actual: Money;
  expected: Money;
  excess: Money;
}

export interface CostAnomaly {
  dimension: ColumnDimension;
  /** The dimension value ("(none)" when the column is empty). */
  key: string;
  /** First anomalous day and the day after the last one (half-open, like periods). */
  start: string;
  end: string;
  days: AnomalyDay[];
  peakDay: string;
  actual: Money;
  expected: Money;
  excess: Money;
  /** Excess over expected, percent of expected (null when expected is zero). */
  excessPercent: number | null;
  /** The peak day's score in IQRs above Q3 of the baseline residuals; the fence is fenceK. */
  score: number;
  severity: Severity;
  pattern: AnomalyPattern;
  contributors: { resources: Contributor[]; skus: Contributor[]; subAccounts: Contributor[] };
}

export interface AnomalyReport {
  dimension: ColumnDimension;
  metric: Options["metric"];
  thresholds: { minDailyCost: number; minPercent: number; baselineDays: number; fenceK: number };
  /** Key-days of the period not scored for lack of history (fewer than 3 same-weekday baseline points). */
  unscoredDays: number;
  anomalies: CostAnomaly[];
  /** The anomalies' excess over expected, summed exactly. */
  totalExcess: Money;
}

/** Cost spikes per dimension value over a period, against a weekday-matched baseline. */
export async function detectAnomalies(db: Pick<Database, "sql">, input: AnomaliesInput): Promise<Analysis<AnomalyReport>> {
  const options = anomaliesInputSchema.parse(input);
  // Purchases, taxes and credits land on billing-cycle days and would read as spikes; score usage unless asked.
  const filters: Filters = { ...options.filters, chargeCategories: options.filters.chargeCategories ?? ["Usage"] };
  const windowStart = addDays(options.period.start, -options.baselineDays);
  const days = eachDay(windowStart, options.period.end);
  const daily = await dailyCostByKey(db, { ...options, filters, windowStart });
  const provenance = [daily.provenance];

  const found: Omit<CostAnomaly, "contributors">[] = [];
  let unscoredDays = 0;
  for (const [key, byDay] of daily.series) {
    const values = days.map((d) => Number(byDay.get(d) ?? 0));
    const scored = weekdayBaselineScores(values, daily.firstIndex, options);
    unscoredDays += scored.filter((s) => s === null).length;
    found.push(...mergeRuns(key, days, { byDay, values, firstIndex: daily.firstIndex }, scored, options));
  }
  found.sort((a, b) => b.excess.value - a.excess.value);

  const anomalies: CostAnomaly[] = [];
  for (const anomaly of found) {
    const contributors = await topContributors(db, { options, filters, anomaly, firstDay: days[daily.firstIndex] });
    provenance.push(...contributors.provenance);
    anomalies.push({ ...anomaly, contributors: contributors.data });
  }
  const { minDailyCost, minPercent, baselineDays, fenceK } = options;
  return {
    data: {
      dimension: options.dimension,
      metric: options.metric,
      thresholds: { minDailyCost, minPercent, baselineDays, fenceK },
      unscoredDays,
      anomalies,
      totalExcess: money(sumDecimals(anomalies.map((a) => a.excess.amount))),
    },
    provenance,
  };
}

/** Consecutive anomalous days of one key become one anomaly; a step change is reported once. */
function mergeRuns(
  key: string,
  days: readonly string[],
  series: { byDay: Map<string, string>; values: readonly number[]; firstIndex: number },
  scores: (WeekdayScore | null)[],
  options: Options,
): Omit<CostAnomaly, "contributors">[] {
  const runs: Omit<CostAnomaly, "contributors">[] = [];
  let run: AnomalyDay[] = [];
  let runStart = 0;
  let shiftStart = Number.NEGATIVE_INFINITY;
  const close = (endIndex: number) => {
    if (!run.length) return;
    const pattern = spikeOrStep(series.values, series.firstIndex, runStart, endIndex, options.baselineDays);
    // While the baseline window still straddles an earlier step change, later runs are that change, not news.
    if (runStart - shiftStart >= options.baselineDays) runs.push({ ...summarise(key, run, options), pattern });
    if (pattern === "level-shift" && runStart - shiftStart >= options.baselineDays) shiftStart = runStart;
    run = [];
  };
  scores.forEach((s, k) => {
    const index = k + options.baselineDays;
    if (!s?.anomalous) return close(index);
    if (!run.length) runStart = index;
    const day = days[index];
    run.push({
      day,
      actual: money(sumDecimals([series.byDay.get(day) ?? "0"])),
      expected: moneyFromNumber(s.expected),
      excess: moneyFromNumber(s.excess),
      score: round2(s.score),
    });
  });
  close(series.values.length);
  return runs;
}

function summarise(key: string, run: AnomalyDay[], options: Options): Omit<CostAnomaly, "contributors" | "pattern"> {
  const peak = run.reduce((a, b) => (b.excess.value > a.excess.value ? b : a));
  const actual = money(sumDecimals(run.map((d) => d.actual.amount)));
  const expected = money(sumDecimals(run.map((d) => d.expected.amount)));
  const excess = money(unitsToCents(decimalToUnits(actual.amount) - decimalToUnits(expected.amount)));
  const excessPercent = expected.value > 0 ? round2((100 * excess.value) / expected.value) : null;
  return {
    dimension: options.dimension,
    key,
    start: run[0].day,
    end: addDays(run[run.length - 1].day, 1),
    days: run,
    peakDay: peak.day,
    actual,
    expected,
    excess,
    excessPercent,
    score: Math.max(...run.map((d) => d.score)),
    severity: severityOf(excess.value, excessPercent, options.minDailyCost),
  };
}

/**
 * A product choice, not a standard: high when the spend at least doubled and the excess is 10x the daily floor,
 * medium at +50% or 5x the floor, low otherwise (AWS Cost Anomaly Detection likewise ranks by total impact).
 */
export function severityOf(excess: number, excessPercent: number | null, minDailyCost: number): Severity {
  const percent = excessPercent ?? Number.POSITIVE_INFINITY;
  const floor = Math.max(minDailyCost, 1);
  if (percent >= 100 && excess >= 10 * floor) return "high";
  if (percent >= 50 || excess >= 5 * floor) return "medium";
  return "low";
}

async function dailyCostByKey(
  db: Pick<Database, "sql">,
  input: Options & { filters: Filters; windowStart: string },
): Promise<{ series: Map<string, Map<string, string>>; firstIndex: number; provenance: Provenance }> {
  const table = chooseTable({ dimension: input.dimension, filters: input.filters });
  const column = DIMENSION_COLUMNS[input.dimension].column;
  const metric = METRIC_COLUMNS[input.metric];
  const params = new SqlParams();
  const period = { start: input.windowStart, end: input.period.end };
  const where = whereClauses({ table, alias: "c", period, filters: input.filters, params });
  const sql = tidySql(`
    SELECT c.charge_date::text AS day, coalesce(c.${column}, '(none)') AS key, sum(c.${metric})::text AS cost
    FROM ${table} c
    WHERE ${where.join(" AND ")}
    GROUP BY 1, 2
    ORDER BY 1, 2`);
  const rows = await db.sql.query<{ day: string; key: string; cost: string }>(sql, params.values);
  const series = new Map<string, Map<string, string>>();
  for (const row of rows) {
    if (!series.has(row.key)) series.set(row.key, new Map());
    series.get(row.key)!.set(row.day, row.cost);
  }
  const days = eachDay(input.windowStart, input.period.end);
  const firstIndex = rows.length ? Math.max(0, days.indexOf(rows[0].day)) : 0;
  return {
    series,
    firstIndex,
    provenance: provenanceOf(`Daily ${input.metric} per ${input.dimension}, baseline window and period`, { ...input, period }, table, sql, params),
  };
}

type Breakdown = keyof CostAnomaly["contributors"];
const BREAKDOWNS: Record<Breakdown, { key: string; label: string }> = {
  resources: { key: "resource_id", label: "resource_name" },
  skus: { key: "sku_id", label: "charge_description" },
  subAccounts: { key: "sub_account_id", label: "sub_account_name" },
};

/** Resources, SKUs and sub-accounts ranked by their own excess over their own weekday-matched baseline. */
async function topContributors(
  db: Pick<Database, "sql">,
  input: { options: Options; filters: Filters; anomaly: Omit<CostAnomaly, "contributors">; firstDay: string },
): Promise<Analysis<CostAnomaly["contributors"]>> {
  const { options, anomaly } = input;
  const weeks = options.baselineDays / 7;
  const windowStart = addDays(anomaly.start, -options.baselineDays);
  const column = DIMENSION_COLUMNS[options.dimension].column;
  const params = new SqlParams();
  const period = { start: windowStart, end: anomaly.end };
  const where = whereClauses({ table: "cost_line_items", alias: "li", period, filters: input.filters, params });
  where.push(anomaly.key === "(none)" ? `li.${column} IS NULL` : `li.${column} = ${params.add(anomaly.key)}`);
  const parts = Object.entries(BREAKDOWNS).map(
    ([name, b]) =>
      `SELECT '${name}' AS breakdown, li.charge_date::text AS day, coalesce(li.${b.key}, '(none)') AS key,
        max(li.${b.label}) AS label, sum(li.${METRIC_COLUMNS[options.metric]})::text AS cost
      FROM cost_line_items li WHERE ${where.join(" AND ")} GROUP BY 1, 2, 3`,
  );
  const sql = tidySql(`${parts.join("\nUNION ALL\n")}\nORDER BY 1, 3, 2`);
  const rows = await db.sql.query<{ breakdown: Breakdown; day: string; key: string; label: string | null; cost: string }>(
    sql,
    params.values,
  );
  const groups = new Map<string, { breakdown: Breakdown; key: string; label: string | null; byDay: Map<string, string> }>();
  for (const row of rows) {
    const id = `${row.breakdown}\u0000${row.key}`;
    if (!groups.has(id)) groups.set(id, { breakdown: row.breakdown, key: row.key, label: row.label, byDay: new Map() });
    groups.get(id)!.byDay.set(row.day, row.cost);
  }
  const data: CostAnomaly["contributors"] = { resources: [], skus: [], subAccounts: [] };
  for (const group of groups.values()) {
    let actual = 0;
    let expected = 0;
    const actuals: string[] = [];
    for (const { day } of anomaly.days) {
      const history = Array.from({ length: weeks }, (_, w) => addDays(day, -7 * (w + 1))).filter((d) => d >= input.firstDay);
      actuals.push(group.byDay.get(day) ?? "0");
      actual += Number(group.byDay.get(day) ?? 0);
      expected += history.length ? median(history.map((d) => Number(group.byDay.get(d) ?? 0))) : 0;
    }
    if (actual - expected <= 0) continue;
    data[group.breakdown].push({
      key: group.key,
      label: group.label,
      actual: money(sumDecimals(actuals)),
      expected: moneyFromNumber(expected),
      excess: moneyFromNumber(actual - expected),
    });
  }
  for (const list of Object.values(data)) {
    list.sort((a, b) => b.excess.value - a.excess.value);
    list.splice(TOP_CONTRIBUTORS);
  }
  return {
    data,
    provenance: [
      provenanceOf(
        `Line items of ${options.dimension} ${anomaly.key} by resource, SKU and sub-account, ${anomaly.start} to ${anomaly.end} with its baseline`,
        { period, filters: input.filters, metric: options.metric },
        "cost_line_items",
        sql,
        params,
      ),
    ],
  };
}

const round2 = (v: number) => Math.round(v * 100) / 100;
