import { MONEY_SCALE, toUnits } from "./scope.ts";

// Numeric helpers the analyses share: robust location and spread, quantiles, additive Holt-Winters, error
// measures, and exact decimal sums for money. Statistics run on floats; money that is reported comes from exact sums.

export function sum(values: readonly number[]): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}

export function mean(values: readonly number[]): number {
  return values.length ? sum(values) / values.length : Number.NaN;
}

/** Sample standard deviation (n - 1). */
export function standardDeviation(values: readonly number[]): number {
  if (values.length < 2) return 0;
  const m = mean(values);
  return Math.sqrt(sum(values.map((v) => (v - m) ** 2)) / (values.length - 1));
}

/** Quantile by linear interpolation between order statistics (Hyndman & Fan type 7, as numpy and R default). */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * Math.min(1, Math.max(0, q));
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
}

export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}

/** Median absolute deviation, unscaled (multiply by 1.4826 for a normal-consistent sigma). */
export function medianAbsoluteDeviation(values: readonly number[]): number {
  const m = median(values);
  return median(values.map((v) => Math.abs(v - m)));
}

/** Tukey's fences (Tukey 1977, Exploratory Data Analysis): [Q1 - k*IQR, Q3 + k*IQR]. */
export interface Fences {
  q1: number;
  q3: number;
  iqr: number;
  lower: number;
  upper: number;
}

export function tukeyFences(values: readonly number[], k = 1.5): Fences {
  const q1 = quantile(values, 0.25);
  const q3 = quantile(values, 0.75);
  const iqr = q3 - q1;
  return { q1, q3, iqr, lower: q1 - k * iqr, upper: q3 + k * iqr };
}

/** Mean absolute percentage error in percent, over the pairs whose actual is not zero. */
export function meanAbsolutePercentageError(actual: readonly number[], forecast: readonly number[]): number | null {
  const errors: number[] = [];
  actual.forEach((a, i) => {
    if (a !== 0) errors.push(Math.abs((a - forecast[i]) / a));
  });
  return errors.length ? (100 * sum(errors)) / errors.length : null;
}

/** Two-sided standard normal quantiles for the prediction intervals we report. */
export const Z_80 = 1.2816;
export const Z_95 = 1.96;

export interface HoltWintersParameters {
  alpha: number;
  beta: number;
  gamma: number;
  seasonLength: number;
}

export interface HoltWintersFit extends HoltWintersParameters {
  level: number;
  trend: number;
  /** Seasonal terms for the next seasonLength steps: seasonal[i] applies to forecast step h with (h-1) % m == i. */
  seasonal: number[];
  /** One-step-ahead errors from the first observation after the initial season onwards. */
  residuals: number[];
  sse: number;
}

/**
 * Additive Holt-Winters (Holt 1957, Winters 1960; Hyndman & Athanasopoulos, "Forecasting: Principles and Practice",
 * 3rd ed., §8.3). Initial level is the mean of the first season, trend the mean change between the first two
 * seasons per step, seasonal terms the first season's deviations from its mean.
 */
export function fitHoltWinters(series: readonly number[], params: HoltWintersParameters): HoltWintersFit {
  const { alpha, beta, gamma, seasonLength: m } = params;
  if (series.length < 2 * m) throw new Error(`Holt-Winters needs at least ${2 * m} observations`);
  const first = mean(series.slice(0, m));
  const second = mean(series.slice(m, 2 * m));
  let level = first;
  let trend = (second - first) / m;
  const seasonal = series.slice(0, m).map((v) => v - first);
  const residuals: number[] = [];
  let sse = 0;
  for (let t = m; t < series.length; t++) {
    const s = seasonal[t % m];
    const error = series[t] - (level + trend + s);
    residuals.push(error);
    sse += error * error;
    const previousLevel = level;
    level = alpha * (series[t] - s) + (1 - alpha) * (level + trend);
    trend = beta * (level - previousLevel) + (1 - beta) * trend;
    seasonal[t % m] = gamma * (series[t] - level) + (1 - gamma) * s;
  }
  const n = series.length;
  const nextSeasonal = Array.from({ length: m }, (_, i) => seasonal[(n + i) % m]);
  return { ...params, level, trend, seasonal: nextSeasonal, residuals, sse };
}

export function forecastHoltWinters(fit: HoltWintersFit, steps: number): number[] {
  return Array.from({ length: steps }, (_, i) => fit.level + (i + 1) * fit.trend + fit.seasonal[i % fit.seasonLength]);
}

// A coarse grid is enough: SSE is flat near its minimum, and a fixed grid keeps fits deterministic and fast.
// No beta 0: the trend would stay whatever the first two weeks suggested, which one-step SSE barely sees but months
// ahead compound (the demo's Google Cloud, fitted with beta 0, was forecast 60% up in four months against some 3% a
// month of history).
export const HOLT_WINTERS_GRID = {
  alpha: [0.05, 0.1, 0.2, 0.3, 0.5, 0.7],
  beta: [0.01, 0.02, 0.05, 0.1],
  gamma: [0.05, 0.1, 0.2, 0.3, 0.5],
};

/** Fits every grid point and keeps the one with the smallest one-step-ahead SSE. */
export function fitHoltWintersByGrid(series: readonly number[], seasonLength: number): HoltWintersFit {
  let best: HoltWintersFit | null = null;
  for (const alpha of HOLT_WINTERS_GRID.alpha) {
    for (const beta of HOLT_WINTERS_GRID.beta) {
      for (const gamma of HOLT_WINTERS_GRID.gamma) {
        const fit = fitHoltWinters(series, { alpha, beta, gamma, seasonLength });
        if (!best || fit.sse < best.sse) best = fit;
      }
    }
  }
  return best!;
}

// Seasonal (weekly) robust scoring for anomaly detection.
const MIN_BASELINE_POINTS = 3;
const MAX_SCORE = 999;
const POST_RUN_DAYS = 7;

export interface WeekdayScore {
  expected: number;
  excess: number;
  score: number;
  anomalous: boolean;
}

/**
 * Weekday-matched robust scoring of a daily series (see server/finops/analytics/anomalies.ts for the sources).
 * Scores each value after the first `baselineDays`: expected = median of the same weekday in the window before it;
 * score = (excess - Q3) / IQR of the window's weekday-adjusted residuals, so Tukey's fence sits at `fenceK`.
 * A day is anomalous when score >= fenceK and its excess clears both floors. `firstIndex` is the first day with
 * any data: earlier days are unknown rather than zero and stay out of baselines. Null: fewer than 3 same-weekday
 * points of history.
 */
export function weekdayBaselineScores(
  values: readonly number[],
  firstIndex: number,
  options: { baselineDays: number; fenceK: number; minDailyCost: number; minPercent: number },
): (WeekdayScore | null)[] {
  const { baselineDays: window, fenceK } = options;
  const scores: (WeekdayScore | null)[] = [];
  for (let i = window; i < values.length; i++) {
    const from = Math.max(i - window, firstIndex);
    const byWeekday: number[][] = Array.from({ length: 7 }, () => []);
    for (let j = from; j < i; j++) byWeekday[(i - j) % 7].push(values[j]);
    if (byWeekday[0].length < MIN_BASELINE_POINTS) {
      scores.push(null);
      continue;
    }
    const medians = byWeekday.map((v) => (v.length ? median(v) : 0));
    const residuals: number[] = [];
    for (let j = from; j < i; j++) residuals.push(values[j] - medians[(i - j) % 7]);
    const expected = medians[0];
    const excess = values[i] - expected;
    const fences = tukeyFences(residuals, fenceK);
    // A perfectly flat baseline has IQR 0; a cent-level floor keeps the score finite and the floors decide.
    const spread = Math.max(fences.iqr, 0.01 * Math.abs(expected), 0.01);
    const score = Math.min(MAX_SCORE, Math.max(0, (excess - fences.q3) / spread));
    const anomalous =
      score >= fenceK && excess >= options.minDailyCost && excess >= (options.minPercent / 100) * Math.abs(expected);
    scores.push({ expected, excess, score, anomalous });
  }
  return scores;
}

/** spike: back to normal within the data; level-shift: stayed up; ongoing: under a week of data after it. */
export type SeriesPattern = "spike" | "level-shift" | "ongoing";

/**
 * Spike or step for the anomalous run [start, end): compares the week after the run with the weekday medians from
 * before it. If at least half of the run's mean daily excess is still there, the cost moved to a new level (a new
 * or resized resource) rather than spiking; with less than a week of data after the run it is still "ongoing".
 */
export function spikeOrStep(
  values: readonly number[],
  firstIndex: number,
  start: number,
  end: number,
  window: number,
): SeriesPattern {
  const after = values.slice(end, end + POST_RUN_DAYS);
  if (after.length < POST_RUN_DAYS) return "ongoing";
  const byWeekday: number[][] = Array.from({ length: 7 }, () => []);
  for (let j = Math.max(start - window, firstIndex); j < start; j++) byWeekday[j % 7].push(values[j]);
  const expectedAt = (j: number) => (byWeekday[j % 7].length ? median(byWeekday[j % 7]) : 0);
  let runExcess = 0;
  for (let j = start; j < end; j++) runExcess += values[j] - expectedAt(j);
  let afterExcess = 0;
  after.forEach((v, k) => (afterExcess += v - expectedAt(end + k)));
  return afterExcess / after.length >= 0.5 * (runExcess / (end - start)) ? "level-shift" : "spike";
}

// Money: numeric(20, 10) columns arrive as decimal strings. Sums stay exact as bigint units of 1e-10.
/** Decimal text -> exact units of 1e-10 (the store's scale): the one money parser, from scope.ts. */
export const decimalToUnits = toUnits;

/** Rounds units to cents, half away from zero, and writes them as "1234.57". */
export function unitsToCents(units: bigint): string {
  const negative = units < 0n;
  const abs = negative ? -units : units;
  const perCent = 10n ** BigInt(MONEY_SCALE) / 100n;
  const cents = (abs + perCent / 2n) / perCent;
  const text = `${cents / 100n}.${(cents % 100n).toString().padStart(2, "0")}`;
  return negative && cents !== 0n ? `-${text}` : text;
}

/** Exact sum of decimal strings, rounded to cents. */
export function sumDecimals(values: readonly string[]): string {
  let total = 0n;
  for (const v of values) total += decimalToUnits(v);
  return unitsToCents(total);
}

/** A float amount (a forecast, a median) written to the cent. */
export function toCents(value: number): string {
  const rounded = Math.round(Math.abs(value) * 100) / 100;
  return `${value < 0 && rounded !== 0 ? "-" : ""}${rounded.toFixed(2)}`;
}

/** A money amount: exact decimal text for display, a number for charts and statistics. */
export interface Money {
  amount: string;
  value: number;
}

export function money(amount: string): Money {
  return { amount, value: Number(amount) };
}

export function moneyFromNumber(value: number): Money {
  const amount = toCents(value);
  return { amount, value: Number(amount) };
}
