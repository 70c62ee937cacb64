import { z } from "zod";
import type { Database } from "../../adapters/db/database.ts";
import { AppError } from "../../errors.ts";
import {
  addDays,
  addMonths,
  chooseTable,
  daySchema,
  eachDay,
  filtersSchema,
  METRIC_COLUMNS,
  metricSchema,
  provenanceOf,
  SqlParams,
  tidySql,
  whereClauses,
  type Analysis,
  type Filters,
  type Provenance,
} from "./scope.ts";
import {
  fitHoltWinters,
  fitHoltWintersByGrid,
  forecastHoltWinters,
  mean,
  meanAbsolutePercentageError,
  money,
  moneyFromNumber,
  standardDeviation,
  sum,
  sumDecimals,
  Z_80,
  Z_95,
  type Money,
} from "./stats.ts";

// Method: usage cost (ChargeCategory Usage) is a daily series with a weekly pattern, modelled by additive
// Holt-Winters with season 7, alpha/beta/gamma chosen on a fixed grid by one-step-ahead SSE (Hyndman &
// Athanasopoulos, FPP3 §8.3). Purchases, taxes, credits and adjustments arrive in monthly lumps, so they are
// forecast as the mean of the last three complete months (the FinOps Foundation forecasting capability suggests
// modelling recurring fees apart from variable usage).
// Intervals: one-step residual std sigma, growing with sqrt(h) for a day h steps ahead; daily errors are taken as
// independent, so a month's total has std sigma * sqrt(sum of its h). z = 1.2816 (80%) and 1.96 (95%).
const SEASON = 7;
const MIN_HISTORY_DAYS = 28;
const BACKTEST_MONTHS = 2;
const OTHER_CHARGES_MONTHS = 3;

export const forecastInputSchema = z.object({
  /** The first day without actuals; defaults to the day after the latest cost in the store. */
  asOf: daySchema.optional(),
  horizonMonths: z
    .number()
    .int("horizonMonths is a whole number of months.")
    .min(1, "Forecast at least 1 month ahead.")
    .max(12, "Forecasts are limited to 12 months ahead.")
    .default(3),
  filters: filtersSchema,
  metric: metricSchema,
  history: z
    .number()
    .int()
    .min(MIN_HISTORY_DAYS, `history must be at least ${MIN_HISTORY_DAYS} days.`)
    .max(1830, "history is limited to five years.")
    .default(365),
  /**
   * Fit with these smoothing parameters instead of choosing them on the grid. Additive Holt-Winters is linear in its
   * series for fixed parameters, so parts of a whole forecast with the whole's parameters (and historyStart) add up
   * to the whole's forecast.
   */
  smoothing: z
    .object({ alpha: z.number().min(0).max(1), beta: z.number().min(0).max(1), gamma: z.number().min(0).max(1) })
    .optional(),
  /** The first day of history: days from it without cost count as zero. By default history starts at the first cost. */
  historyStart: daySchema.optional(),
  /**
   * Days to total as well (`end` exclusive), such as a week or the next 30 days: their actual cost before asOf, and
   * the forecast of the rest. They must end within the horizon.
   */
  span: z
    .object({ start: daySchema, end: daySchema })
    .refine((s) => s.start < s.end, "span.start must be before span.end.")
    .optional(),
});
export type ForecastInput = z.input<typeof forecastInputSchema>;

export interface Interval {
  lower: Money;
  upper: Money;
}

export interface MonthForecast {
  /** YYYY-MM */
  month: string;
  actualToDate: Money;
  /** Forecast of the rest of the month (the whole month for future months). */
  forecastRemainder: Money;
  total: Money;
  interval80: Interval;
  interval95: Interval;
}

/** Days that are not a whole month: what they have cost to asOf and the forecast of their days after it. */
export interface SpanForecast {
  start: string;
  /** Exclusive. */
  end: string;
  /** The span's days before asOf, all charges. */
  actualToDate: Money;
  /** Its days from asOf: usage, plus the month's other charges still expected, spread evenly over the month's days left. */
  forecastRemainder: Money;
  total: Money;
  interval80: Interval;
  interval95: Interval;
  /** Days of the span with actual cost (before asOf) and forecast (from asOf). */
  actualDays: number;
  forecastDays: number;
}

export interface DailyForecast {
  day: string;
  value: number;
  lower80: number;
  upper80: number;
  lower95: number;
  upper95: number;
}

export interface Backtest {
  /** Fitted on days before trainEnd, compared on the held-out complete months. */
  trainEnd: string;
  months: { month: string; actual: Money; forecast: Money; errorPercent: number }[];
  mapeMonthly: number;
  /** MAPE of daily usage cost over the held-out days with non-zero actuals. */
  mapeDaily: number | null;
}

export interface CostForecast {
  method: "holt-winters-additive";
  parameters: {
    alpha: number;
    beta: number;
    gamma: number;
    seasonLength: number;
    /** Standard deviation of one-step-ahead daily errors. */
    residualStd: number;
    /** Forecast non-usage charges (purchases, tax...) per month. */
    otherChargesPerMonth: Money;
  };
  asOf: string;
  history: { start: string; end: string; days: number };
  currentMonth: MonthForecast;
  months: MonthForecast[];
  daily: DailyForecast[];
  /** The days asked for in `span`, when they were. */
  span: SpanForecast | null;
  backtest: Backtest | null;
  /** Why the backtest was skipped, when it was. */
  backtestSkipped: string | null;
}

interface Series {
  days: string[];
  usage: number[];
  usageText: string[];
  other: string[];
}

/** Month-end and next-months forecast of cost, with prediction intervals and a two-month backtest. */
export async function forecastCost(db: Pick<Database, "sql">, input: ForecastInput): Promise<Analysis<CostForecast>> {
  const options = forecastInputSchema.parse(input);
  const provenance: Provenance[] = [];
  const asOf = options.asOf ?? (await latestDay(db, options.filters, provenance));
  const loaded = await dailySeries(db, { ...options, asOf });
  provenance.push(loaded.provenance);
  const series = loaded.series;
  if (series.days.length < MIN_HISTORY_DAYS) {
    const message = `Forecasting needs at least ${MIN_HISTORY_DAYS} days of cost history before ${asOf}; found ${series.days.length}.`;
    throw new AppError("bad_request:cost", message);
  }
  const horizonEnd = addMonths(asOf, options.horizonMonths + 1);
  if (options.span && options.span.end > horizonEnd) {
    throw new AppError("bad_request:cost", `span ends after the forecast horizon (${horizonEnd}); raise horizonMonths.`);
  }
  const model = project(series, asOf, horizonEnd, options.smoothing, options.span);
  const [currentMonth, ...months] = model.months;
  const backtest = runBacktest(series, asOf);
  return {
    data: {
      method: "holt-winters-additive",
      parameters: model.parameters,
      asOf,
      history: { start: series.days[0], end: asOf, days: series.days.length },
      currentMonth,
      months,
      daily: model.daily,
      span: model.span,
      backtest: typeof backtest === "string" ? null : backtest,
      backtestSkipped: typeof backtest === "string" ? backtest : null,
    },
    provenance,
  };
}

/** Fits on `series` (days before asOf) and forecasts every month from asOf's month up to horizonEnd (exclusive). */
function project(
  series: Series,
  asOf: string,
  horizonEnd: string,
  smoothing?: { alpha: number; beta: number; gamma: number },
  span?: { start: string; end: string },
) {
  const fit = smoothing ? fitHoltWinters(series.usage, { ...smoothing, seasonLength: SEASON }) : fitHoltWintersByGrid(series.usage, SEASON);
  const futureDays = eachDay(asOf, horizonEnd);
  const point = forecastHoltWinters(fit, futureDays.length).map((v) => Math.max(0, v));
  const settled = fit.residuals.slice(SEASON); // the first week of residuals still reflects the initial state
  const sigma = standardDeviation(settled.length >= 2 ? settled : fit.residuals);
  const otherPerMonth = otherChargesPerMonth(series, asOf);

  const daily: DailyForecast[] = futureDays.map((day, i) => {
    const spread = sigma * Math.sqrt(i + 1);
    const clip = (v: number) => Math.max(0, round2(v));
    return {
      day,
      value: round2(point[i]),
      lower80: clip(point[i] - Z_80 * spread),
      upper80: clip(point[i] + Z_80 * spread),
      lower95: clip(point[i] - Z_95 * spread),
      upper95: clip(point[i] + Z_95 * spread),
    };
  });
  // The other charges still expected in a month, spread over its days from asOf: a whole month's days add up to it.
  const otherPerDay = new Map<string, number>();
  /** The actual cost of days [from, to) and the forecast of its days from asOf, with intervals. */
  const total = (from: string, to: string, whole: boolean) => {
    const actualDays = series.days.map((d, i) => [d, i] as const).filter(([d]) => d >= from && d < to);
    const actual = money(sumDecimals(actualDays.flatMap(([, i]) => [series.usageText[i], series.other[i]])));
    const steps = futureDays.map((d, i) => [d, i] as const).filter(([d]) => d >= from && d < to);
    const other = whole
      ? Math.max(0, otherPerMonth - sum(actualDays.map(([, i]) => Number(series.other[i]))))
      : sum(steps.map(([d]) => otherPerDay.get(d.slice(0, 7)) ?? 0));
    const remainder = sum(steps.map(([, i]) => point[i])) + other;
    const spread = sigma * Math.sqrt(sum(steps.map(([, i]) => i + 1)));
    const value = actual.value + remainder;
    const interval = (z: number) => ({
      lower: moneyFromNumber(Math.max(actual.value, value - z * spread)),
      upper: moneyFromNumber(value + z * spread),
    });
    const forecast = {
      actualToDate: actual,
      forecastRemainder: moneyFromNumber(remainder),
      total: moneyFromNumber(value),
      interval80: interval(Z_80),
      interval95: interval(Z_95),
    };
    return { forecast, other, actualDays: actualDays.length, forecastDays: steps.length };
  };
  const months: MonthForecast[] = [];
  for (let month = addMonths(asOf, 0); month < horizonEnd; month = addMonths(month, 1)) {
    const next = addMonths(month, 1);
    const { forecast, other, forecastDays } = total(month, next, true);
    if (forecastDays) otherPerDay.set(month.slice(0, 7), other / forecastDays);
    months.push({ month: month.slice(0, 7), ...forecast });
  }
  const asked = span ? total(span.start, span.end, false) : null;
  const { alpha, beta, gamma, seasonLength } = fit;
  return {
    parameters: {
      alpha,
      beta,
      gamma,
      seasonLength,
      residualStd: round2(sigma),
      otherChargesPerMonth: moneyFromNumber(otherPerMonth),
    },
    months,
    daily,
    span: asked && span ? { start: span.start, end: span.end, ...asked.forecast, actualDays: asked.actualDays, forecastDays: asked.forecastDays } : null,
  };
}

/** Mean non-usage charges of the last three complete months before asOf (zero without any complete month). */
function otherChargesPerMonth(series: Series, asOf: string): number {
  const totals: number[] = [];
  for (let k = 1; k <= OTHER_CHARGES_MONTHS; k++) {
    const month = addMonths(asOf, -k);
    if (month < series.days[0]) break;
    const next = addMonths(month, 1);
    totals.push(sum(series.days.map((d, i) => (d >= month && d < next ? Number(series.other[i]) : 0))));
  }
  return totals.length ? mean(totals) : 0;
}

/** Holds out the last two complete months before asOf's month, fits on the rest, compares. */
function runBacktest(series: Series, asOf: string): Backtest | string {
  const trainEnd = addMonths(asOf, -BACKTEST_MONTHS);
  const holdoutEnd = addMonths(asOf, 0);
  const cut = series.days.findIndex((d) => d >= trainEnd);
  if (cut < MIN_HISTORY_DAYS) {
    return `The backtest needs ${MIN_HISTORY_DAYS} days of history before ${trainEnd}; found ${Math.max(0, cut)}.`;
  }
  const train: Series = {
    days: series.days.slice(0, cut),
    usage: series.usage.slice(0, cut),
    usageText: series.usageText.slice(0, cut),
    other: series.other.slice(0, cut),
  };
  const model = project(train, trainEnd, holdoutEnd);
  const months = model.months.map((m) => {
    const next = addMonths(`${m.month}-01`, 1);
    const inMonth = (d: string) => d >= `${m.month}-01` && d < next;
    const text = series.days.flatMap((d, i) => (inMonth(d) ? [series.usageText[i], series.other[i]] : []));
    const actual = money(sumDecimals(text));
    const errorPercent = actual.value ? round2((100 * Math.abs(actual.value - m.total.value)) / Math.abs(actual.value)) : 0;
    return { month: m.month, actual, forecast: m.total, errorPercent };
  });
  const heldOut = series.days.map((d, i) => [d, i] as const).filter(([d]) => d >= trainEnd && d < holdoutEnd);
  const mapeDaily = meanAbsolutePercentageError(
    heldOut.map(([, i]) => series.usage[i]),
    heldOut.map((_, k) => model.daily[k].value),
  );
  return {
    trainEnd,
    months,
    mapeMonthly: round2(mean(months.map((m) => m.errorPercent))),
    mapeDaily: mapeDaily === null ? null : round2(mapeDaily),
  };
}

async function latestDay(db: Pick<Database, "sql">, filters: Filters, provenance: Provenance[]): Promise<string> {
  const table = chooseTable({ dimension: "ChargeCategory", filters });
  const params = new SqlParams();
  const where = whereClauses({ table, alias: "c", filters, params });
  const whereSql = where.length ? `WHERE ${where.join(" AND ")}` : "";
  const sql = tidySql(`SELECT max(c.charge_date)::text AS day FROM ${table} c ${whereSql}`);
  const [row] = await db.sql.query<{ day: string | null }>(sql, params.values);
  if (!row?.day) {
    const message = "There is no cost data to forecast from. Import a FOCUS file or load the demo data first.";
    throw new AppError("bad_request:cost", message);
  }
  provenance.push({ description: "Latest day with cost", period: null, filters, metric: null, table, sql, params: params.values });
  return addDays(row.day, 1);
}

async function dailySeries(
  db: Pick<Database, "sql">,
  input: z.output<typeof forecastInputSchema> & { asOf: string },
): Promise<{ series: Series; provenance: Provenance }> {
  const table = chooseTable({ dimension: "ChargeCategory", filters: input.filters });
  const params = new SqlParams();
  const period = { start: addDays(input.asOf, -input.history), end: input.asOf };
  const where = whereClauses({ table, alias: "c", period, filters: input.filters, params });
  const sql = tidySql(`
    SELECT c.charge_date::text AS day,
      coalesce(sum(c.${METRIC_COLUMNS[input.metric]}) FILTER (WHERE c.charge_category = 'Usage'), 0)::text AS usage,
      coalesce(sum(c.${METRIC_COLUMNS[input.metric]}) FILTER (WHERE c.charge_category <> 'Usage'), 0)::text AS other
    FROM ${table} c
    WHERE ${where.join(" AND ")}
    GROUP BY 1
    ORDER BY 1`);
  const rows = await db.sql.query<{ day: string; usage: string; other: string }>(sql, params.values);
  const byDay = new Map(rows.map((r) => [r.day, r]));
  // Days before the first cost are unknown, not zero (unless history is said to start earlier); days after it
  // without rows cost nothing.
  const first = input.historyStart && (!rows.length || input.historyStart < rows[0].day) ? input.historyStart : rows[0]?.day;
  const days = first ? eachDay(first < period.start ? period.start : first, input.asOf) : [];
  const series: Series = {
    days,
    usageText: days.map((d) => byDay.get(d)?.usage ?? "0"),
    usage: days.map((d) => Number(byDay.get(d)?.usage ?? 0)),
    other: days.map((d) => byDay.get(d)?.other ?? "0"),
  };
  return {
    series,
    provenance: provenanceOf(`Daily ${input.metric}, usage and other charges`, { ...input, period }, table, sql, params),
  };
}

const round2 = (v: number) => Math.round(v * 100) / 100;
