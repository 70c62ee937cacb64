// Budget status: spend so far in each budget's current period, its burn rate, and a projection.
// Charge categories: all (a budget is checked against what will be invoiced, credits included).
// The projection burns day-to-day spend at its average rate but not charges billed for a whole month: FOCUS dates
// those (tax, commitment fees: ChargeCategory Tax and Purchase) on the billing period's first day, so on the 5th a
// linear projection would count a month of tax six times and call a healthy budget at risk.
import { z } from "zod";
import type { Database } from "../../adapters/db/database.ts";
import { AppError } from "../../errors.ts";
import { costBreakdown, costRowsQuery } from "./breakdown.ts";
import {
  addMonths,
  daySchema,
  fromUnits,
  metricSchema,
  MONTHLY_CHARGE_CATEGORIES,
  provenanceOf,
  ratio,
  SqlParams,
  tidySql,
  toUnits,
  type Analysis,
  type Filters,
  type Metric,
  type Period,
  type Provenance,
} from "./scope.ts";

const isoDate = daySchema;

export const budgetStatusInput = z.object({
  /** The day the status is computed for; its spend counts as already happened. */
  asOf: isoDate,
  budgetId: z.uuid("That is not a budget id.").optional(),
  metric: metricSchema,
  /**
   * Each budget over the calendar quarter or year holding asOf instead of its own period: a monthly budget over a
   * quarter is three of its months (its amount × 3). Budgets whose period is that long or longer, or that start inside
   * the span, keep their own period.
   */
  over: z.enum(["quarterly", "annual"], { error: 'Give "quarterly" or "annual" to see budgets over a quarter or a year.' }).optional(),
});
export type BudgetStatusInput = z.output<typeof budgetStatusInput>;

export const PROJECTION_METHOD =
  "Burn rate = spend so far, less charges billed for a whole month (tax and purchases dated on a month's first day), / elapsed days (asOf included); " +
  "projected spend = spend so far + burn rate × days left + the latest month's such charges once for each month still to begin in the period, " +
  "and, while the latest month's tax or purchases are not billed yet, the month before's.";


/** The stored filters of a budget (budgets.filters jsonb). */
export interface BudgetFilters {
  provider?: string;
  billingAccountId?: string;
  /** A member account, subscription or project (FOCUS SubAccountId): where AWS, Azure and GCP budgets usually sit. */
  subAccountId?: string;
  serviceName?: string;
  tag?: { key: string; value: string };
}

export interface BudgetStatus {
  id: string;
  name: string;
  amount: string;
  currency: string;
  cadence: "monthly" | "quarterly" | "annual";
  /** The budget's own cadence when its status is restated over a longer span (`over`): amount is then the span's. */
  restatedFrom?: "monthly" | "quarterly";
  /** How many of its own periods the span holds (a monthly budget over a quarter: 3), when restated. */
  restatedTimes?: number;
  filters: BudgetFilters;
  /** Whether asOf lies between the budget's start_date and end_date (inclusive). */
  active: boolean;
  currentPeriod: Period;
  elapsedDays: number;
  totalDays: number;
  spent: string;
  spentValue: number;
  /** spent / amount in percent; null for a zero budget. */
  spentPercent: number | null;
  /** amount - spent: what is left to spend this period (negative once over). */
  remaining: string;
  /** Spend so far billed for a whole month (tax and purchases on a month's first day): counted, not extrapolated. */
  monthlyCharges: string;
  /**
   * Such charges still expected in the period: the latest month's, once for each month still to begin, and
   * pendingMonthlyCharges. Part of the projection.
   */
  upcomingMonthlyCharges: string;
  /**
   * The latest month's tax and purchases not billed yet: the kinds the month before had and it does not, expected at
   * the month before's amount (part of upcomingMonthlyCharges).
   */
  pendingMonthlyCharges: string;
  /** Day-to-day spend so far / elapsed days, rounded to the cent. */
  burnRatePerDay: string;
  /** Rounded to the cent. */
  projectedSpend: string;
  projectedPercent: number | null;
  /** The day cumulative spend passes the amount: the actual day when already over, else the projected day (null if not this period). */
  forecastOverrunDate: string | null;
  status: "on_track" | "at_risk" | "over_budget";
  method: string;
}

const DAY_MS = 86_400_000;
const ms = (day: string) => Date.parse(`${day}T00:00:00Z`);
const isoDay = (t: number) => new Date(t).toISOString().slice(0, 10);
const STEP_MONTHS = { monthly: 1, quarterly: 3, annual: 12 } as const;

/** start + n months, clamped to the month's last day (Jan 31 + 1 month = Feb 29 in 2024). */
function addMonthsClamped(start: string, months: number): string {
  const [y, m, d] = start.split("-").map(Number);
  const lastDay = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate();
  return isoDay(Date.UTC(y, m - 1 + months, Math.min(d, lastDay)));
}

/** The budget period (anchored on start_date, stepping by the cadence) that contains asOf. */
export function budgetPeriodContaining(startDate: string, cadence: BudgetStatus["cadence"], asOf: string): Period {
  const step = STEP_MONTHS[cadence];
  const months = (Number(asOf.slice(0, 4)) - Number(startDate.slice(0, 4))) * 12 + Number(asOf.slice(5, 7)) - Number(startDate.slice(5, 7));
  let k = Math.floor(months / step);
  while (asOf < addMonthsClamped(startDate, k * step)) k -= 1;
  while (asOf >= addMonthsClamped(startDate, (k + 1) * step)) k += 1;
  return { start: addMonthsClamped(startDate, k * step), end: addMonthsClamped(startDate, (k + 1) * step) };
}

/** The budget's scope: its stored filters, in its own currency (spend billed in other currencies is not its spend). */
export function budgetScope(stored: BudgetFilters, currency: string): Filters {
  return {
    billingCurrencies: [currency],
    ...(stored.provider ? { providers: [stored.provider] } : {}),
    ...(stored.billingAccountId ? { billingAccountIds: [stored.billingAccountId] } : {}),
    ...(stored.subAccountId ? { subAccountIds: [stored.subAccountId] } : {}),
    ...(stored.serviceName ? { services: [stored.serviceName] } : {}),
    ...(stored.tag ? { tags: [{ key: stored.tag.key, values: [stored.tag.value] }] } : {}),
  };
}

/** a / b rounded half away from zero to the cent, in units of 1e-10. */
function divideToCent(a: bigint, b: bigint): bigint {
  const cent = 10n ** 8n;
  const negative = a < 0n !== b < 0n;
  const [x, y] = [a < 0n ? -a : a, b < 0n ? -b : b];
  const cents = (2n * x + y * cent) / (2n * y * cent);
  return (negative ? -cents : cents) * cent;
}

/** A stored budget, its filters parsed. */
export type BudgetRow = {
  id: string;
  name: string;
  amount: string;
  currency: string;
  period: BudgetStatus["cadence"];
  start_date: string;
  end_date: string | null;
  filters: BudgetFilters;
  created_at: Date;
};

/** The budgets columns as BudgetRow reads them (for a SELECT or a RETURNING). */
export const BUDGET_COLUMNS = `id::text, name, amount::text AS amount, currency, period, to_char(start_date, 'YYYY-MM-DD') AS start_date,
  to_char(end_date, 'YYYY-MM-DD') AS end_date, filters, created_at`;

/** A row as a driver returns BUDGET_COLUMNS: jsonb may come as text, a timestamp as text. */
export type StoredBudgetRow = Omit<BudgetRow, "filters" | "created_at"> & { filters: BudgetFilters | string | null; created_at: Date | string };

/** A row read with BUDGET_COLUMNS, its filters parsed. */
export function budgetRowOf(row: StoredBudgetRow): BudgetRow {
  const filters = (typeof row.filters === "string" ? JSON.parse(row.filters) : row.filters) ?? {};
  return { ...row, filters, created_at: new Date(row.created_at) };
}

/** The budgets (the one budget, given its id), by name, with where they were read from. */
export async function readBudgets(db: Pick<Database, "sql">, budgetId?: string): Promise<{ budgets: BudgetRow[]; provenance: Provenance }> {
  const sql = `SELECT ${BUDGET_COLUMNS}
    FROM budgets ${budgetId ? "WHERE id = $1::uuid" : ""} ORDER BY name, id`;
  const params = budgetId ? [budgetId] : [];
  const budgets = (await db.sql.query<StoredBudgetRow>(sql, params)).map(budgetRowOf);
  return { budgets, provenance: { description: "Budgets", period: null, filters: {}, metric: null, table: "budgets", sql: tidySql(sql), params } };
}

/** Whether asOf lies between the budget's start and end dates (inclusive). */
export const isActive = (budget: Pick<BudgetRow, "start_date" | "end_date">, asOf: string) =>
  budget.start_date <= asOf && (!budget.end_date || asOf <= budget.end_date);

export async function budgetStatus(db: Pick<Database, "sql">, raw: z.input<typeof budgetStatusInput>): Promise<Analysis<BudgetStatus[]>> {
  const input = budgetStatusInput.parse(raw);
  const { budgets, provenance: read } = await readBudgets(db, input.budgetId);
  if (input.budgetId && budgets.length === 0) throw new AppError("not_found:cost", "That budget does not exist.");
  const provenance: Provenance[] = [read];
  const statuses: BudgetStatus[] = [];
  for (const budget of budgets) {
    const restated = input.over ? restatedOver(budget, input.over, input.asOf) : null;
    const { status, provenance: p } = await budgetStatusOf(db, restated?.budget ?? budget, input.asOf, input.metric);
    statuses.push(restated ? { ...status, restatedFrom: budget.period as "monthly" | "quarterly", restatedTimes: restated.times } : status);
    provenance.push(...p);
  }
  return { data: statuses, provenance };
}

/**
 * A budget restated over the calendar quarter or year holding asOf ("how are we tracking against budget this
 * quarter?" over monthly budgets): its amount times its periods in that span, from the span's first day, and how many
 * times that is. Null when the budget's own period is as long (nothing to restate) or it starts inside the span (its
 * periods do not fill it).
 */
export function restatedOver(budget: BudgetRow, over: "quarterly" | "annual", asOf: string): { budget: BudgetRow; times: number } | null {
  const step = STEP_MONTHS[over];
  const own = STEP_MONTHS[budget.period];
  if (own >= step) return null;
  const month = Number(asOf.slice(5, 7));
  const start = `${asOf.slice(0, 4)}-${String(month - ((month - 1) % step)).padStart(2, "0")}-01`;
  if (budget.start_date > start || !budget.start_date.endsWith("-01") || (Number(budget.start_date.slice(5, 7)) - 1) % own !== 0) return null;
  const times = step / own;
  return { budget: { ...budget, period: over, start_date: start, amount: fromUnits(toUnits(budget.amount) * BigInt(times)) }, times };
}

/** The first day the running total of daily amounts passes `amount`; null when it never does. */
function dayPassing(daily: readonly { day: string; amount: string }[], amount: bigint): string | null {
  let cumulative = 0n;
  return daily.find((d) => (cumulative += toUnits(d.amount)) > amount)?.day ?? null;
}

/** One budget's status as of a day (budgetStatus, for a budget already read). */
export async function budgetStatusOf(db: Pick<Database, "sql">, budget: BudgetRow, asOf: string, metric: Metric): Promise<{ status: BudgetStatus; provenance: Provenance[] }> {
  const stored = budget.filters;
  const filters = budgetScope(stored, budget.currency);
  const current = budgetPeriodContaining(budget.start_date, budget.period, asOf);
  const spentPeriod = { start: current.start, end: isoDay(ms(asOf) + DAY_MS) };
  const params = new SqlParams();
  // Spend day by day from the cheapest table that holds the budget's filters (the rollups, for most budgets).
  const rows = costRowsQuery({ period: spentPeriod, filters, metric, params });
  const sql = `SELECT to_char(r.charge_date, 'YYYY-MM-DD') AS day, sum(r.amount)::text AS amount
    FROM (${rows.sql}) r GROUP BY r.charge_date ORDER BY r.charge_date`;
  const daily = await db.sql.query<{ day: string; amount: string }>(sql, params.values);
  // The monthly charges, on the months' first days only (one day each, however the budget is filtered), from the
  // period's first month: a period that starts mid-month still needs that month's to estimate the next ones.
  const latestMonthStart = `${asOf.slice(0, 8)}01`;
  const monthStarts: string[] = [];
  for (let m = `${current.start.slice(0, 8)}01`; m <= latestMonthStart; m = addMonths(m, 1)) monthStarts.push(m);
  // The month before the latest too: what its charges were is what the latest's are expected to be until billed.
  const previousMonthStart = addMonths(latestMonthStart, -1);
  const readStarts = monthStarts.includes(previousMonthStart) ? monthStarts : [previousMonthStart, ...monthStarts];
  const onFirstDays = await Promise.all(
    readStarts.map((m) =>
      costBreakdown(db, { period: { start: m, end: isoDay(ms(m) + DAY_MS) }, filters: { ...filters, chargeCategories: [...MONTHLY_CHARGE_CATEGORIES] }, metric, dimension: "ChargeCategory", limit: 10 }),
    ),
  );
  const byCategory = new Map(readStarts.map((m, i) => [m, new Map(onFirstDays[i]!.data.rows.filter((r) => r.key !== null).map((r) => [r.key!, toUnits(r.amount)]))]));
  const monthlyOn = new Map(readStarts.map((m) => [m, [...byCategory.get(m)!.values()].reduce((s, u) => s + u, 0n)]));
  // Tax (or a commitment fee) the month before had and the latest month does not yet: invoiced at the month's end, it
  // is not in the data until then, and is expected at the month before's amount (when the latest month is the period's).
  const latestCharges = byCategory.get(latestMonthStart)!;
  const pending =
    latestMonthStart >= current.start
      ? [...byCategory.get(previousMonthStart)!].filter(([category, units]) => units > 0n && !latestCharges.get(category)).reduce((s, [, units]) => s + units, 0n)
      : 0n;

  const amount = toUnits(budget.amount);
  const spent = daily.reduce((s, d) => s + toUnits(d.amount), 0n);
  const monthly = monthStarts.filter((m) => m >= current.start).reduce((s, m) => s + monthlyOn.get(m)!, 0n);
  const burning = spent - monthly;
  const nextMonthly = monthlyOn.get(latestMonthStart)! + pending;
  const elapsedDays = Math.round((ms(asOf) - ms(current.start)) / DAY_MS) + 1;
  const totalDays = Math.round((ms(current.end) - ms(current.start)) / DAY_MS);
  const daysLeft = Array.from({ length: totalDays - elapsedDays }, (_, i) => isoDay(ms(asOf) + (i + 1) * DAY_MS));
  const monthsToBegin = daysLeft.filter((day) => day.endsWith("-01")).length;
  const [elapsed, total] = [BigInt(elapsedDays), BigInt(totalDays)];
  const upcoming = nextMonthly * BigInt(monthsToBegin) + pending;
  // The pending charges land on the latest month's last day (or at once, when that day has passed).
  const pendingOn = isoDay(ms(addMonths(latestMonthStart, 1)) - DAY_MS);
  const pendingLater = pending > 0n && daysLeft.includes(pendingOn);
  // Everything × elapsed, so the burn rate (burning / elapsed) stays exact: projected spend × elapsed.
  const projectedScaled = (spent + upcoming) * elapsed + burning * (total - elapsed);
  let overrun: string | null = null;
  if (spent > amount) {
    overrun = dayPassing(daily, amount) ?? asOf;
  } else {
    // The first day left on which the projection, day by day, passes the amount.
    let cumulative = (spent + (pendingLater ? 0n : pending)) * elapsed;
    const landing = (day: string) => (day.endsWith("-01") ? nextMonthly * elapsed : 0n) + (pendingLater && day === pendingOn ? pending * elapsed : 0n);
    overrun = (cumulative > amount * elapsed ? asOf : null) ?? daysLeft.find((day) => (cumulative += burning + landing(day)) > amount * elapsed) ?? null;
  }
  const percent = (part: bigint) => {
    const r = ratio(part, amount);
    return r === null ? null : r * 100;
  };
  const status: BudgetStatus = {
    id: budget.id,
    name: budget.name,
    amount: fromUnits(amount),
    currency: budget.currency,
    cadence: budget.period,
    filters: stored,
    active: isActive(budget, asOf),
    currentPeriod: current,
    elapsedDays,
    totalDays,
    spent: fromUnits(spent),
    spentValue: Number(fromUnits(spent)),
    spentPercent: percent(spent),
    remaining: fromUnits(amount - spent),
    monthlyCharges: fromUnits(monthly),
    upcomingMonthlyCharges: fromUnits(upcoming),
    pendingMonthlyCharges: fromUnits(pending),
    burnRatePerDay: fromUnits(divideToCent(burning, elapsed)),
    projectedSpend: fromUnits(divideToCent(projectedScaled, elapsed)),
    projectedPercent: amount === 0n ? null : Number((projectedScaled * 10n ** 8n) / (amount * elapsed)) / 1e6,
    forecastOverrunDate: overrun,
    status: spent > amount ? "over_budget" : projectedScaled > amount * elapsed ? "at_risk" : "on_track",
    method: PROJECTION_METHOD,
  };
  const provenance = [
    provenanceOf(`${metric} of budget "${budget.name}" from ${current.start} through ${asOf}`, { period: spentPeriod, filters, metric }, rows.table, sql, params),
    ...onFirstDays.flatMap((t) => t.provenance),
  ];
  return { status, provenance };
}

export const budgetHistoryInput = z.object({
  /** Budget periods overlapping these days are read, each as a whole. */
  period: z.object({ start: isoDate, end: isoDate }).refine((p) => p.start < p.end, "period.start must be before period.end."),
  /** The latest day with cost: a budget period running past it is still in progress. */
  asOf: isoDate,
  metric: metricSchema,
});

/** One budget period: what it was set at, what was spent in it, and whether and when it went over. */
export interface BudgetPeriodResult {
  start: string;
  /** Exclusive. */
  end: string;
  spent: string;
  spentPercent: number | null;
  /** spent - amount, when over. */
  overBy: string | null;
  /** The day cumulative spend passed the amount. */
  overOn: string | null;
  /** False for the period holding asOf: its spend is so far. */
  complete: boolean;
}

export interface BudgetHistory {
  id: string;
  name: string;
  amount: string;
  currency: string;
  cadence: BudgetStatus["cadence"];
  filters: BudgetFilters;
  periods: BudgetPeriodResult[];
}

/**
 * Each budget's periods overlapping a span ("which budgets did we exceed this year?"): spend in each against the
 * amount, and the day it went over. One query per budget (its daily spend across the periods).
 */
export async function budgetHistory(db: Pick<Database, "sql">, raw: z.input<typeof budgetHistoryInput>): Promise<Analysis<BudgetHistory[]>> {
  const input = budgetHistoryInput.parse(raw);
  const { budgets, provenance: read } = await readBudgets(db);
  const provenance: Provenance[] = [read];
  const histories: BudgetHistory[] = [];
  const dayAfter = isoDay(ms(input.asOf) + DAY_MS);
  for (const budget of budgets) {
    const periods: Period[] = [];
    const first = input.period.start > budget.start_date ? input.period.start : budget.start_date;
    for (let p = budgetPeriodContaining(budget.start_date, budget.period, first); p.start < input.period.end && p.start <= input.asOf; ) {
      if (budget.end_date && p.start > budget.end_date) break;
      periods.push(p);
      p = budgetPeriodContaining(budget.start_date, budget.period, p.end);
    }
    const base = { id: budget.id, name: budget.name, amount: budget.amount, currency: budget.currency, cadence: budget.period, filters: budget.filters };
    if (!periods.length) {
      histories.push({ ...base, periods: [] });
      continue;
    }
    const filters = budgetScope(budget.filters, budget.currency);
    const span = { start: periods[0]!.start, end: periods.at(-1)!.end < dayAfter ? periods.at(-1)!.end : dayAfter };
    const params = new SqlParams();
    const rows = costRowsQuery({ period: span, filters, metric: input.metric, params });
    const sql = `SELECT to_char(r.charge_date, 'YYYY-MM-DD') AS day, sum(r.amount)::text AS amount
      FROM (${rows.sql}) r GROUP BY r.charge_date ORDER BY r.charge_date`;
    const daily = await db.sql.query<{ day: string; amount: string }>(sql, params.values);
    provenance.push(provenanceOf(`${input.metric} of budget "${budget.name}" by day, ${span.start} to ${span.end}`, { period: span, filters, metric: input.metric }, rows.table, sql, params));
    const amount = toUnits(budget.amount);
    histories.push({
      ...base,
      periods: periods.map((p) => {
        const days = daily.filter((d) => d.day >= p.start && d.day < p.end);
        const spent = days.reduce((s, d) => s + toUnits(d.amount), 0n);
        const r = ratio(spent, amount);
        return {
          start: p.start,
          end: p.end,
          spent: fromUnits(spent),
          spentPercent: r === null ? null : r * 100,
          overBy: spent > amount ? fromUnits(spent - amount) : null,
          overOn: dayPassing(days, amount),
          complete: p.end <= dayAfter,
        };
      }),
    });
  }
  return { data: histories, provenance };
}
