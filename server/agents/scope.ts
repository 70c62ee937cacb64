import type { Database } from "../adapters/db/database.ts";
import type { CompareMode } from "../finops/analytics/compare.ts";
import { currenciesIn } from "../finops/analytics/currency.ts";
import { isPlaceholderValue } from "../finops/analytics/scope.ts";
import { dataTransferDefinition } from "../finops/data-transfer.ts";
import { GPU_DEFINITION } from "../finops/gpu.ts";
import { MARKETPLACE_DEFINITION } from "../finops/marketplace.ts";
import { addMonths, distinctValuesSql, type Dimension, type Filters, type Metric, type Period } from "../finops/analytics/scope.ts";
import { addDaysIso } from "../finops/data-range.ts";
import type { QueryDimensions } from "./classifier/dimensions.ts";
import { shiftTimeRange } from "./classifier/time-range.ts";
import { GEOGRAPHIES } from "./classifier/catalog.ts";
import { storedRegions, type CostCatalog } from "../finops/cost-catalog.ts";

/** What the specialists query: the question's dimensions resolved against the data that exists. */
export interface ResolvedScope {
  period: Period;
  periodLabel: string;
  /** The label as it follows a figure: "in October 2026", "on September 15, 2026" (a single day). */
  periodPhrase: string;
  /** Why this period (e.g. "no period given: the latest complete month of data"). */
  periodNote: string | null;
  /** Said before the answer: the period asked has no data yet and the one before it is answered instead. */
  periodInstead?: string;
  filters: Filters;
  /** The account nicknames or ids the question named ("prod"), each with the accounts it stands for. */
  accounts: NamedAccounts[];
  /** The accounts the question leaves out ("other than prod"), each with the accounts it stands for. */
  excludedAccounts?: NamedAccounts[];
  /** The resources the question leaves out, as found in the data. */
  excludedResources?: NamedResource[];
  /** The resources the question named, as found in the data (id and FOCUS name). */
  resources: NamedResource[];
  /** Names read as SKUs ("gpt-4o": no resource is called so, but SKUs are): each with the SkuId values it stands for. */
  skus: NamedSkus[];
  /** Names found nowhere in the data (no resource, SKU or charge description): the answer says so first. */
  unmatched: string[];
  /** A subject the question names that nothing in the data is called ("spend on GPUs"), set by the supervisor. */
  unnamedSubject?: string | null;
  /** The billing currency every amount is in (with several in the data, the filters pick this one). */
  currency: string;
  /** A currency the question asked for that nothing is billed in ("our spend in EUR" over a USD bill). */
  currencyMissing?: string;
  metric: Metric;
  groupBy: { dimension: Dimension; tagKey?: string } | null;
  /** A second grouping within each groupBy value ("by team and region"). */
  thenBy: { dimension: Dimension; tagKey?: string } | null;
  topN: number;
  comparison: CompareMode | null;
  /** The period a "custom" comparison compares with (the earlier of two the question named). */
  comparisonBaseline: Period | null;
  /** The period whose first days comparisonBaseline is ("this month vs last month" while this one is under way). */
  comparisonSameDaysOf?: string;
  granularity: "day" | "week" | "month";
  dataRange: { start: string; end: string };
}

const COMPARISON: Record<string, CompareMode> = {
  month_over_month: "MoM",
  quarter_over_quarter: "QoQ",
  year_over_year: "YoY",
};

const monthStart = (day: string) => `${day.slice(0, 7)}-01`;
/** Months a "which way is spend going?" answer looks back over when the question names no period. */
const DIRECTION_MONTHS = 6;
/** "October 2026": the month a day falls in, as people say it. */
export const monthLabel = (day: string) =>
  new Date(`${day}T00:00:00Z`).toLocaleDateString("en-US", { month: "long", year: "numeric", timeZone: "UTC" });

/** The latest complete calendar month of data, or the last 30 days when there is less than a month. */
export function defaultPeriod(dataRange: { start: string; end: string }): { period: Period; label: string } {
  const dayAfter = addDaysIso(dataRange.end, 1);
  const lastFullMonthEnd = dayAfter.endsWith("-01") ? dayAfter : monthStart(dataRange.end);
  const lastFullMonthStart = monthStart(addDaysIso(lastFullMonthEnd, -1));
  if (lastFullMonthStart >= dataRange.start) {
    return { period: { start: lastFullMonthStart, end: lastFullMonthEnd }, label: monthLabel(lastFullMonthStart) };
  }
  const { start } = lastDaysOf(dataRange, 30);
  return { period: { start, end: dayAfter }, label: `${start} to ${dataRange.end}` };
}

/** The first day of the first calendar month the data covers from its first day. */
export function firstCompleteMonth(dataRange: { start: string }): string {
  return dataRange.start.endsWith("-01") ? dataRange.start : addMonths(dataRange.start, 1);
}

/** Whether the data covers the whole calendar month starting on `monthStart` (it neither starts nor ends inside it). */
export function wholeMonthOfData(monthStart: string, dataRange: { start: string; end: string }): boolean {
  return monthStart >= firstCompleteMonth(dataRange) && addMonths(monthStart, 1) <= addDaysIso(dataRange.end, 1);
}

/** The first days of the calendar months in a period that the data covers whole. */
export function wholeMonthsIn(period: Period, dataRange: { start: string; end: string }): string[] {
  const months: string[] = [];
  for (let m = `${period.start.slice(0, 7)}-01`; m < period.end; m = addMonths(m, 1)) if (wholeMonthOfData(m, dataRange)) months.push(m);
  return months;
}

/** The sentence saying how many months a month-by-month answer left out because the data covers them only in part. */
export function partialMonthsNote(left: number, dataRange: { start: string; end: string }): string {
  return `${left === 1 ? "One month" : `${left} months`} that the data covers only in part ${left === 1 ? "is" : "are"} left out: the data runs from ${dataRange.start} to ${dataRange.end}.`;
}

/** The latest calendar quarter the data covers completely, or null when it covers none. */
function latestQuarter(dataRange: { start: string; end: string }): Period | null {
  const dayAfter = addDaysIso(dataRange.end, 1);
  const month = Number(dayAfter.slice(5, 7));
  // It ends where the quarter holding the day after the data starts.
  const end = `${dayAfter.slice(0, 4)}-${String(month - ((month - 1) % 3)).padStart(2, "0")}-01`;
  const start = addMonths(end, -3);
  return start >= dataRange.start ? { start, end } : null;
}

/** The latest Monday-to-Sunday week the data covers completely, or null when it covers none. */
function latestWeek(dataRange: { start: string; end: string }): Period | null {
  const dayAfter = addDaysIso(dataRange.end, 1);
  // The week ends on the Monday on or before the day after the data (getUTCDay: Sunday 0, Monday 1).
  const weekday = new Date(`${dayAfter}T00:00:00Z`).getUTCDay();
  const end = addDaysIso(dayAfter, -((weekday + 6) % 7));
  const start = addDaysIso(end, -7);
  return start >= dataRange.start ? { start, end } : null;
}

/** The last `days` days of data (fewer when the data is shorter), as a half-open period. */
function lastDaysOf(dataRange: { start: string; end: string }, days: number): Period {
  const end = addDaysIso(dataRange.end, 1);
  const start = addDaysIso(end, -days);
  return { start: start < dataRange.start ? dataRange.start : start, end };
}

/** A period under way ("this week", "today"), and the one before it, by the step back to it and its name. */
const UNDER_WAY: Array<[RegExp, "day" | "week" | "month" | "quarter", string]> = [
  [/^today$/, "day", "yesterday"],
  [/^(?:this|current)\s+week$/, "week", "last week"],
  [/^this\s+weekend$/, "week", "last weekend"],
  [/^(?:this|current)\s+month$/, "month", "last month"],
  [/^(?:this|current)\s+(?:quarter|qtr)$/, "quarter", "last quarter"],
];

/**
 * The period before one under way that the data has not reached ("which day this week was most expensive?" asked on
 * a Monday, "today" over a bill that lags a day): the one before it, named, when the data covers any of it.
 */
function periodBefore(
  timeRange: NonNullable<QueryDimensions["timeRange"]>,
  dataRange: { start: string; end: string },
): { period: Period; label: string; step: (typeof UNDER_WAY)[number][1] } | null {
  const underWay = UNDER_WAY.find(([phrase]) => phrase.test(timeRange.resolvedFrom.trim().toLowerCase()));
  if (!underWay) return null;
  const before = shiftTimeRange(timeRange, underWay[1], timeRange.resolvedFrom);
  if (before.start > dataRange.end || before.end <= dataRange.start) return null;
  // Clipped to the data ("last week" when the data ends on its Friday: its days up to then).
  const clipped = before.end > addDaysIso(dataRange.end, 1);
  const last = clipped ? dataRange.end : addDaysIso(before.end, -1);
  const name = clipped ? `${underWay[2]} up to the latest data` : underWay[2];
  return { period: { start: before.start, end: addDaysIso(last, 1) }, label: `${name} (${before.start === last ? last : `${before.start} to ${last}`})`, step: underWay[1] };
}

/**
 * Resolves dimensions into analytics inputs. Account nicknames ("prod") match sub-account names; the period is
 * clipped to the data so "this month" means the days that have data.
 */
export async function resolveScope(
  db: Pick<Database, "sql">,
  dimensions: QueryDimensions,
  dataRange: { start: string; end: string },
  /** The store's billing currencies, and its services with their categories. */
  catalog: Pick<CostCatalog, "currencies" | "services">,
  /**
   * Whether a period under way that the data has not reached yet ("this week" on a Monday) is answered with the one
   * before it; not for forecasts, which are about the period ahead.
   */
  options: { lookBack: boolean } = { lookBack: true },
): Promise<ResolvedScope> {
  let period: Period;
  let periodLabel: string;
  let periodNote: string | null = null;
  let periodInstead: string | undefined;
  let before: ReturnType<typeof periodBefore> = null;
  const quarter = !dimensions.timeRange && dimensions.comparison?.mode === "quarter_over_quarter" ? latestQuarter(dataRange) : null;
  const week = !dimensions.timeRange && dimensions.comparison?.mode === "week_over_week" ? latestWeek(dataRange) : null;
  if (dimensions.timeRange) {
    period = { start: dimensions.timeRange.start, end: dimensions.timeRange.end };
    periodLabel = dimensions.timeRange.label;
    const dataEnd = addDaysIso(dataRange.end, 1);
    before = period.start >= dataEnd && options.lookBack ? periodBefore(dimensions.timeRange, dataRange) : null;
    if (before) {
      periodInstead = `There is no cost data for ${periodLabel} yet (the data ends on ${dataRange.end}), so this is ${before.label}.`;
      period = before.period;
      periodLabel = before.label;
    } else if (period.start >= dataEnd) {
      periodNote = `There is no cost data for ${periodLabel} yet: the data ends on ${dataRange.end}.`;
    } else if (period.end <= dataRange.start) {
      periodNote = `There is no cost data for ${periodLabel}: the data starts on ${dataRange.start}.`;
    } else if (period.end > dataEnd) {
      period = { ...period, end: dataEnd };
      periodNote = `Data ends on ${dataRange.end}, so ${periodLabel} covers the days up to then.`;
    } else if (period.start < dataRange.start) {
      periodNote = `Data starts on ${dataRange.start}, so ${periodLabel} is only partly covered.`;
    }
  } else if (dimensions.allTime) {
    // "Our highest spending day ever": all the data the store holds.
    period = { start: dataRange.start, end: addDaysIso(dataRange.end, 1) };
    periodLabel = `all the data (${dataRange.start} to ${dataRange.end})`;
    periodNote = `"Ever" covers all the cost data: ${dataRange.start} to ${dataRange.end}.`;
  } else if (dimensions.rate) {
    // A rate is about spend now: the latest 30 days, not the latest complete month.
    period = lastDaysOf(dataRange, 30);
    const days = (Date.parse(period.end) - Date.parse(period.start)) / 86_400_000;
    periodLabel = `the last ${days} days of data (${period.start} to ${dataRange.end})`;
    periodNote = `No period was given, so this uses the last ${days} days of data: a run rate follows the latest spend.`;
  } else if ((dimensions.direction && !STEP_COMPARISONS.has(dimensions.comparison?.mode ?? "")) || dimensions.granularity === "monthly" || dimensions.monthlyAverage) {
    // Which way spend is going, or spend "per month" or its monthly average: the complete months of the last half year.
    // "When did our costs start going up?": every complete month, to find where the run began.
    const latest = defaultPeriod(dataRange).period;
    const sixBack = addMonths(latest.end, -DIRECTION_MONTHS);
    const firstFull = firstCompleteMonth(dataRange);
    const start = sixBack < firstFull || dimensions.turn ? firstFull : sixBack;
    period = start < latest.end ? { start, end: latest.end } : latest;
    const [first, last] = [monthLabel(period.start), monthLabel(addDaysIso(period.end, -1))];
    periodLabel = first === last ? first : `${first} to ${last}`;
    periodNote = dimensions.turn
      ? `No period was given, so this looks over every complete month of data (${periodLabel}).`
      : `No period was given, so this uses the complete months of the last half year (${periodLabel}).`;
  } else if (quarter) {
    // "Quarter over quarter" with no period: the latest complete quarter against the one before.
    period = quarter;
    periodLabel = `Q${(Number(period.start.slice(5, 7)) + 2) / 3} ${period.start.slice(0, 4)}`;
    periodNote = `No period was given, so this uses ${periodLabel}, the latest complete quarter of data.`;
  } else if (week) {
    // "Week over week" with no period: the latest complete week against the one before.
    period = week;
    periodLabel = `the week of ${period.start} to ${addDaysIso(period.end, -1)}`;
    periodNote = `No period was given, so this uses ${periodLabel}, the latest complete week of data.`;
  } else {
    const fallback = defaultPeriod(dataRange);
    period = fallback.period;
    periodLabel = fallback.label;
    periodNote = `No period was given, so this uses ${periodLabel}, the latest complete month of data.`;
  }

  const filters: Filters = {};
  if (dimensions.providers.length) filters.providers = dimensions.providers;
  if (dimensions.services.length) {
    // A job named on every cloud ("containers", "NAT gateways"): the services doing it that the data holds, so the
    // answer names what was counted; with none held, all of them (the answer is then $0 for each).
    const stored = new Set(catalog.services.map((s) => s.name));
    const held = dimensions.services.filter((s) => !dimensions.roleServices.includes(s) || stored.has(s));
    filters.services = held.some((s) => dimensions.roleServices.includes(s)) ? held : dimensions.services;
  }
  const categories = [...dimensions.serviceCategories, ...(dimensions.networking ? ["Networking"] : [])];
  if (categories.length) filters.serviceCategories = [...new Set(categories)];
  if (dimensions.regions.length) filters.regions = dimensions.regions;
  // "Spend in Europe": the stored regions there (eu-west-1, europe-west1, westeurope…), named in the note.
  const inThem = await regionsIn(db, dimensions.geographies);
  if (inThem.length) {
    filters.regions = [...new Set([...(filters.regions ?? []), ...inThem.flatMap((g) => (g.regions.length ? g.regions : [g.name]))])];
    const said = inThem.map((g) =>
      g.regions.length ? `${g.name} is the regions the data holds there: ${g.regions.join(", ")}.` : `No region in the cost data is in ${g.name}.`,
    );
    periodNote = [periodNote, ...said].filter(Boolean).join(" ");
  }
  if (dimensions.gpu) {
    filters.gpu = true;
    periodNote = [periodNote, GPU_DEFINITION].filter(Boolean).join(" ");
  }
  if (dimensions.marketplace) {
    filters.marketplace = true;
    periodNote = [periodNote, MARKETPLACE_DEFINITION].filter(Boolean).join(" ");
  }
  if (dimensions.dataTransfer) {
    filters.dataTransfer = dimensions.dataTransfer;
    periodNote = [periodNote, dataTransferDefinition(dimensions.dataTransfer)].filter(Boolean).join(" ");
  }
  if (dimensions.chargeCategories.length) filters.chargeCategories = dimensions.chargeCategories;
  if (dimensions.tags.length) {
    const tags = await resolveTagValues(db, dimensions.tags);
    filters.tags = tags.filters;
    if (tags.notes.length) periodNote = [periodNote, ...tags.notes].filter(Boolean).join(" ");
  }
  // "Data storage in BigQuery": BigQuery is an Analytics service, so its storage is the SKUs that say so, not the
  // Storage category (which BigQuery is not in: the two filters together would be $0).
  let skus: NamedSkus[] = [];
  if (filters.services?.length && filters.serviceCategories?.length) {
    const within = await categoryWithinServices(db, catalog.services, filters.services, filters.serviceCategories, period);
    if (within) {
      if (within.skus.length) {
        filters.serviceCategories = undefined;
        skus = within.skus;
        filters.skuIds = [...new Set(skus.flatMap((s) => s.skuIds))];
      }
      periodNote = [periodNote, within.note].filter(Boolean).join(" ");
    }
  }
  let resources: NamedResource[] = [];
  let unmatched: string[] = [];
  if (dimensions.resources.length) {
    const found = await resourcesNamed(db, dimensions.resources, period);
    resources = found.resources;
    const notes = found.withoutCost.map((name) => `${name} has no cost in this period.`);
    // A name no resource carries may be SKUs ("gpt-4o"); one found nowhere keeps its filter (so the answer is $0),
    // and the note says so.
    const elsewhere = found.missing.filter((name) => !found.withoutCost.includes(name));
    if (elsewhere.length) {
      const named = await skusNamed(db, elsewhere, period);
      skus = [...skus, ...named.skus];
      unmatched = named.unmatched;
      notes.push(...named.notes);
    }
    const resourceIds = [...resources.map((r) => r.id), ...found.withoutCost, ...unmatched];
    if (resourceIds.length) filters.resourceIds = resourceIds;
    if (skus.length) filters.skuIds = [...new Set(skus.flatMap((s) => s.skuIds))];
    if (notes.length) periodNote = [periodNote, ...notes].filter(Boolean).join(" ");
  }
  // "rg-checkout-prod": the Azure resource groups named; one no cost is in keeps its filter (the answer is $0) and
  // the note says so, with the groups there are.
  if (dimensions.resourceGroups.length) {
    filters.resourceGroups = dimensions.resourceGroups;
    const note = await resourceGroupsNote(db, dimensions.resourceGroups);
    if (note) periodNote = [periodNote, note].filter(Boolean).join(" ");
  }
  let accounts: NamedAccounts[] = [];
  if (dimensions.accounts.length) {
    accounts = await accountsNamed(db, dimensions.accounts);
    const subAccountIds = [...new Set(accounts.flatMap((a) => a.subAccountIds))];
    const billingAccountIds = [...new Set(accounts.flatMap((a) => a.billingAccountIds))];
    if (subAccountIds.length) filters.subAccountIds = subAccountIds;
    if (billingAccountIds.length) filters.billingAccountIds = billingAccountIds;
  }
  // "Excluding credits", "everything but AWS", "other than prod": the values left out, by the same names.
  const left = dimensions.excluded;
  let excludedAccounts: NamedAccounts[] = [];
  let excludedResources: NamedResource[] = [];
  if (left) {
    excludedAccounts = left.accounts.length ? await accountsNamed(db, left.accounts) : [];
    const exclude: NonNullable<Filters["exclude"]> = {};
    if (left.providers.length) exclude.providers = left.providers;
    if (left.services.length) exclude.services = left.services;
    if (left.serviceCategories.length) exclude.serviceCategories = left.serviceCategories;
    if (left.chargeCategories.length) exclude.chargeCategories = left.chargeCategories;
    // "Everywhere but Europe": the stored regions there.
    const leftGeographies = await regionsIn(db, left.geographies);
    const leftRegions = [...new Set(leftGeographies.flatMap((g) => g.regions))];
    if (leftGeographies.length) {
      const names = leftGeographies.map((g) => g.name).join(" and ");
      const said = leftRegions.length ? `Leaving out ${names} leaves out the regions the data holds there: ${leftRegions.join(", ")}.` : `No region in the cost data is in ${names}, so nothing is left out for it.`;
      periodNote = [periodNote, said].filter(Boolean).join(" ");
    }
    if (left.regions.length || leftRegions.length) exclude.regions = [...new Set([...left.regions, ...leftRegions])];
    if (left.resources.length) {
      const found = await resourcesNamed(db, left.resources, period);
      excludedResources = found.resources;
      if (found.resources.length) exclude.resourceIds = found.resources.map((r) => r.id);
      if (found.missing.length) periodNote = [periodNote, `No resource ${found.missing.join(" or ")} has cost ${periodPhraseOf(periodLabel, (Date.parse(period.end) - Date.parse(period.start)) / 86_400_000)}, so nothing is left out for ${found.missing.length === 1 ? "it" : "them"}.`].filter(Boolean).join(" ");
    }
    if (left.resourceGroups.length) exclude.resourceGroups = left.resourceGroups;
    if (left.gpu) exclude.gpu = true;
    if (left.dataTransfer) exclude.dataTransfer = left.dataTransfer;
    if (left.marketplace) exclude.marketplace = true;
    if (left.pricingCategories.length) exclude.pricingCategories = left.pricingCategories;
    if (left.tags.length) {
      // As the data spells them ("the data team" is team=data-platform when no cost is tagged data), said so.
      const tags = await resolveTagValues(db, left.tags);
      exclude.tags = tags.filters.map((t) => ({ key: t.key, values: t.values ?? [] })).filter((t) => t.values.length > 0);
      if (tags.notes.length) periodNote = [periodNote, ...tags.notes].filter(Boolean).join(" ");
    }
    const subAccountIds = [...new Set(excludedAccounts.flatMap((a) => a.subAccountIds))];
    const billingAccountIds = [...new Set(excludedAccounts.flatMap((a) => a.billingAccountIds))];
    if (subAccountIds.length) exclude.subAccountIds = subAccountIds;
    if (billingAccountIds.length) exclude.billingAccountIds = billingAccountIds;
    if (Object.keys(exclude).length) filters.exclude = exclude;
    const none = excludedAccounts.filter((a) => !a.subAccountIds.length && !a.billingAccountIds.length).map((a) => a.name);
    if (none.length) periodNote = [periodNote, `No account is named ${none.join(" or ")}, so none is left out for ${none.length === 1 ? "it" : "them"}.`].filter(Boolean).join(" ");
  }

  // "By namespace", "by cost center": the tag key as the data spells it ("k8s-namespace", "CostCenter"), or a note that
  // no cost carries it (with the keys there are), never a silent grouping by another key.
  const groupKey = dimensions.groupBy?.dimension === "Tag" && dimensions.groupBy.tagKey ? await resolveTagKey(db, dimensions.groupBy.tagKey) : null;
  const thenKey = dimensions.thenBy?.dimension === "Tag" && dimensions.thenBy.tagKey ? await resolveTagKey(db, dimensions.thenBy.tagKey) : null;
  for (const note of [groupKey?.note, thenKey?.note]) if (note) periodNote = [periodNote, note].filter(Boolean).join(" ");

  const currency = await chooseCurrency(db, catalog.currencies, period, filters, dimensions.currency);
  if (currency.note) periodNote = periodNote ? `${periodNote} ${currency.note}` : currency.note;

  const days = (Date.parse(period.end) - Date.parse(period.start)) / 86_400_000;
  // The earlier of two periods the question named; for a week "week over week", the week before. Moved back with the
  // period when that has no data yet ("this week vs last week" on a Monday: last week against the week before).
  const asked = dimensions.comparison?.baseline;
  const named = asked && before ? shiftTimeRange(asked, before.step, asked.resolvedFrom) : asked;
  // "This quarter vs last quarter" while this one is under way: the same days of the earlier one, not all of it.
  const cut = named && dimensions.timeRange && period.end < dimensions.timeRange.end ? addDaysIso(named.start, days) : null;
  if (named && cut && cut < named.end) {
    periodNote = `${periodNote ? `${periodNote} ` : ""}It is compared with the same days of ${named.label}: ${named.start} to ${addDaysIso(cut, -1)}.`;
  }
  const baseline: Period | null = named
    ? { start: named.start, end: cut && cut < named.end ? cut : named.end }
    : dimensions.comparison?.mode === "week_over_week" && days === 7
      ? { start: addDaysIso(period.start, -7), end: period.start }
      : null;
  // A rate's chart shows the days it averages ("monthly run rate" is not a request for monthly points).
  const granularity = dimensions.rate
    ? days > 92 ? "week" : "day"
    : dimensions.direction && days > 45 ? "month"
    : dimensions.granularity === "daily" ? "day" : dimensions.granularity === "weekly" ? "week" : dimensions.granularity === "monthly" ? "month" : days > 120 ? "month" : days > 45 ? "week" : "day";
  return {
    period,
    periodLabel,
    periodPhrase: periodPhraseOf(periodLabel, days),
    periodNote,
    ...(periodInstead ? { periodInstead } : {}),
    filters,
    accounts,
    excludedAccounts,
    excludedResources,
    resources,
    skus,
    unmatched,
    currency: currency.code,
    currencyMissing: dimensions.currency && dimensions.currency !== currency.code ? dimensions.currency : undefined,
    metric: dimensions.metric ?? "EffectiveCost",
    groupBy: dimensions.groupBy ? { dimension: dimensions.groupBy.dimension, tagKey: groupKey?.key ?? dimensions.groupBy.tagKey } : null,
    thenBy: dimensions.groupBy && dimensions.thenBy ? { dimension: dimensions.thenBy.dimension, tagKey: thenKey?.key ?? dimensions.thenBy.tagKey } : null,
    topN: Math.min(dimensions.topN ?? 10, 50),
    comparison: baseline ? "custom" : dimensions.comparison ? (COMPARISON[dimensions.comparison.mode] ?? null) : null,
    comparisonBaseline: baseline,
    comparisonSameDaysOf: named && cut && cut < named.end ? named.label : undefined,
    granularity,
    dataRange,
  };
}

/**
 * One billing currency per answer: amounts are never converted, so with several currencies in the data the answer
 * keeps to the one the question names, else the one with the most cost in scope, and says so. Sets the filter.
 */
async function chooseCurrency(db: Pick<Database, "sql">, stored: readonly string[], period: Period, filters: Filters, named: string | undefined) {
  if (stored.length <= 1) {
    const code = stored[0] ?? "USD";
    return { code, note: named && named !== code ? `All costs here are billed in ${code}; there are none in ${named}, and amounts are not converted.` : null };
  }
  // Largest cost first, in the period; with no cost in the period, over all the data.
  let present = await currenciesIn(db, { period, filters });
  if (!present.length) present = await currenciesIn(db, { filters });
  const choices = present.length ? present.map((c) => c.currency) : stored;
  const code = named && stored.includes(named) ? named : choices[0]!;
  filters.billingCurrencies = [code];
  const others = choices.filter((c) => c !== code);
  const missing = named && named !== code ? `There are no costs billed in ${named}. ` : "";
  const note = others.length
    ? `${missing}Costs here are also billed in ${others.join(" and ")}; amounts in different currencies are not added up, so this covers ${code} only (ask "… in ${others[0]}" for the rest).`
    : missing.trim() || null;
  return { code, note };
}

/** The accounts one name in a question stands for ("prod": every sub-account whose name holds it). */
export interface NamedAccounts {
  name: string;
  subAccountIds: string[];
  billingAccountIds: string[];
}

export interface NamedResource {
  id: string;
  name: string | null;
}

/** Parts of the world named ("Europe"), each with the regions the data holds there. */
async function regionsIn(db: Pick<Database, "sql">, names: readonly string[]): Promise<Array<{ name: string; regions: string[] }>> {
  const geographies = GEOGRAPHIES.filter((g) => names.includes(g.name));
  if (!geographies.length) return [];
  const stored = await storedRegions(db);
  return geographies.map((g) => ({ name: g.name, regions: stored.filter((id) => g.regions.test(id)) }));
}

/** When a resource group named holds no cost: which, and the groups there are (the largest first); else null. */
async function resourceGroupsNote(db: Pick<Database, "sql">, wanted: string[]): Promise<string | null> {
  const stored = await db.sql.query<{ name: string }>(
    `SELECT resource_group AS name FROM cost_line_items WHERE resource_group IS NOT NULL
      GROUP BY 1 ORDER BY sum(effective_cost) DESC, 1`,
  );
  const names = new Set(stored.map((r) => r.name));
  const missing = wanted.filter((w) => !names.has(w));
  if (!missing.length) return null;
  const there = stored.slice(0, 12).map((r) => r.name);
  return `No cost is in resource group ${missing.join(" or ")}` +
    (there.length ? `; the resource groups with the most cost are ${there.join(", ")}${stored.length > there.length ? ", …" : ""}.` : ": no cost in the data carries an Azure resource group.");
}

/**
 * The resources whose id or FOCUS ResourceName is one of `wanted` (compared without case), with cost in the period;
 * the names found in none, and of those the ones a resource carries outside the period (it has no cost in it).
 * Line items, read over the period only unless a name is not found there (resource names have no index).
 */
async function resourcesNamed(db: Pick<Database, "sql">, wanted: string[], period: Period) {
  const lookup = (inPeriod: boolean) =>
    db.sql.query<{ id: string; name: string | null }>(
      `SELECT DISTINCT resource_id AS id, resource_name AS name FROM cost_line_items
       WHERE resource_id IS NOT NULL AND (lower(resource_id) = ANY($1::text[]) OR lower(resource_name) = ANY($1::text[]))
         ${inPeriod ? "AND charge_date >= $2::date AND charge_date < $3::date" : ""}
       LIMIT 100`,
      inPeriod ? [wanted, period.start, period.end] : [wanted],
    );
  const resources = await lookup(true);
  const matches = (rows: NamedResource[], w: string) => rows.some((r) => r.id.toLowerCase() === w || r.name?.toLowerCase() === w);
  const missing = wanted.filter((w) => !matches(resources, w));
  const anyTime = missing.length ? await lookup(false) : [];
  return { resources, missing, withoutCost: missing.filter((w) => matches(anyTime, w)) };
}

/** The names a question gave that the data knows as SKUs, each with the SkuId values it stands for. */
export interface NamedSkus {
  name: string;
  skuIds: string[];
}

/** SKUs one name may stand for, at most: as many as a filter takes (filtersSchema). A name that finds more says so. */
const MAX_SKUS = 100;
const likePattern = (term: string) => `%${term.replace(/[\\%_]/g, "\\$&")}%`;
const skuList = (ids: string[]) => (ids.length > 5 ? `${ids.slice(0, 5).join(", ")} and ${ids.length - 5} more` : ids.join(", "));

/**
 * A regular expression (PostgreSQL's, or with bounds "\\b" JavaScript's) matching the words in order, each at a
 * word's start and the last one a whole word, plural or not: ["public", "ip", "address"] matches "In-use public IPv4
 * address hour"; ["log"] matches "Logs" and "Log Storage", not "Logical".
 */
export const wordStartsPattern = (words: readonly string[], bounds: [string, string] = ["\\m", "\\M"]) =>
  words.map((w) => bounds[0] + w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join(".*") + `(?:s|es)?${bounds[1]}`;

/**
 * Per term, the SKUs of the period (of these services, if given) whose id or charge description holds it: as a
 * substring (the default), or matching a regular expression (patterns given, see wordStartsPattern).
 */
const skusHolding = (db: Pick<Database, "sql">, terms: string[], period: Period, services?: string[], patterns?: string[]) =>
  db.sql.query<{ term: string; sku_id: string }>(
    `SELECT n.term, s.sku_id FROM unnest($1::text[], $2::text[]) AS n(term, pattern)
       CROSS JOIN LATERAL (
         SELECT DISTINCT sku_id FROM cost_line_items
         WHERE charge_date >= $3::date AND charge_date < $4::date AND sku_id IS NOT NULL
           AND ($5::text[] IS NULL OR service_name = ANY($5::text[]))
           AND (sku_id ${patterns ? "~*" : "ILIKE"} n.pattern OR charge_description ${patterns ? "~*" : "ILIKE"} n.pattern)
         ORDER BY sku_id LIMIT ${MAX_SKUS}) s`,
    [terms, patterns ?? terms.map(likePattern), period.start, period.end, services ?? null],
  );
const idsOf = (rows: Array<{ term: string; sku_id: string }>, term: string) => rows.filter((r) => r.term === term).map((r) => r.sku_id);
const readAsSkus = (s: NamedSkus) =>
  `${s.name} is read as the SKUs whose id or charge description holds it: ${skuList(s.skuIds)}.` +
  (s.skuIds.length === MAX_SKUS ? ` More than ${MAX_SKUS} hold it: this covers the first ${MAX_SKUS} by id; name it more closely for the rest.` : "");

/**
 * "How much do we spend on snapshots?", "what are we paying for public IP addresses?": a subject no service, account
 * or tag is called, read as the SKUs whose id or charge description holds it (the first of the phrasings, longest
 * first, that any does). Null when none does.
 */
export async function skusForSubject(
  db: Pick<Database, "sql">,
  phrasings: ReadonlyArray<{ name: string; words: readonly string[] }>,
  period: Period,
  services?: string[],
) {
  if (!phrasings.length) return null;
  const names = phrasings.map((p) => p.name);
  const found = await skusHolding(db, names, period, services, phrasings.map((p) => wordStartsPattern(p.words)));
  const name = names.find((n) => idsOf(found, n).length > 0);
  if (!name) return null;
  const skus: NamedSkus = { name, skuIds: idsOf(found, name) };
  return { skus, note: readAsSkus(skus) };
}

/**
 * Names no resource carries, looked up in SkuId and ChargeDescription ("gpt-4o" is a model's token SKUs in an
 * Azure OpenAI bill): the SKUs with cost in the period whose id or description holds the name. A name found nowhere
 * is unmatched; its note offers the nearest term that is found, the name without its last part ("gpt-4o-mini" ->
 * "gpt-4o"). Line items over the period: neither column has an index, and the charge date's BRIN bounds the scan.
 */
async function skusNamed(db: Pick<Database, "sql">, names: string[], period: Period, services?: string[]) {
  const lookup = (terms: string[]) => skusHolding(db, terms, period, services);
  const found = await lookup(names);
  const skus: NamedSkus[] = names.map((name) => ({ name, skuIds: idsOf(found, name) })).filter((s) => s.skuIds.length > 0);
  const unmatched = names.filter((name) => !skus.some((s) => s.name === name));
  const notes = skus.map(readAsSkus);
  const shorter = new Map(unmatched.map((name) => [name, name.replace(/[-_. ][^-_. ]*$/, "")] as const).filter(([name, term]) => term !== name && term.length >= 3));
  const near = shorter.size ? await lookup([...new Set(shorter.values())]) : [];
  for (const name of unmatched) {
    const term = shorter.get(name);
    const ids = term ? idsOf(near, term) : [];
    notes.push(
      `No resource in the cost data is called ${name} (by id or name), and no SKU or charge description in this period holds it.` +
        (term && ids.length ? ` The nearest is ${term}, in the SKUs ${skuList(ids)}: ask about "${term}" for them.` : ""),
    );
  }
  return { skus, unmatched, notes };
}

/** "Growing month over month": one period against the one before it, not which way the half year went. */
const STEP_COMPARISONS: ReadonlySet<string> = new Set(["month_over_month", "quarter_over_quarter", "week_over_week", "year_over_year"]);

/** The word a service's SKUs use for a kind of charge that is a FOCUS ServiceCategory elsewhere. */
const CATEGORY_TERMS: Record<string, string> = { Storage: "storage", Compute: "compute", Databases: "database", Networking: "network" };

/**
 * Categories named with services that are in none of them ("storage in BigQuery"): read as those services' SKUs whose
 * id or charge description holds the category's word. Null when every category named holds one of the services.
 */
async function categoryWithinServices(
  db: Pick<Database, "sql">,
  stored: CostCatalog["services"],
  services: string[],
  categories: string[],
  period: Period,
) {
  const held = new Set(stored.filter((s) => services.includes(s.name)).map((s) => s.category));
  if (categories.some((c) => held.has(c) || !CATEGORY_TERMS[c])) return null;
  const terms = categories.map((c) => CATEGORY_TERMS[c]!);
  const { skus } = await skusNamed(db, terms, period, services);
  const skuIds = [...new Set(skus.flatMap((s) => s.skuIds))];
  const what = `${services.join(", ")} ${services.length === 1 ? "is" : "are"} not in ${categories.join(" or ")} (FOCUS ServiceCategory)`;
  const note = skuIds.length
    ? `${what}: "${terms.join('", "')}" is read as ${services.length === 1 ? "its" : "their"} SKUs whose id or charge description holds it: ${skuList(skuIds)}.`
    : `${what}, and none of ${services.length === 1 ? "its" : "their"} SKUs in this period names ${terms.join(" or ")}.`;
  return { skus, note };
}

/** For each name: sub-accounts whose name holds it (or whose id it is), and the billing account of that id. */
export async function accountsNamed(db: Pick<Database, "sql">, names: string[]): Promise<NamedAccounts[]> {
  // A sub-account whose name is the name asked ("acme-dev") is that one, not every name containing it ("sub-acme-dev");
  // a nickname ("dev") is every name containing it.
  const rows = await db.sql.query<{ name: string; kind: string; id: string }>(
    `WITH asked AS (
       SELECT n.name, n.pattern, EXISTS (SELECT 1 FROM cost_daily_rollup x WHERE lower(x.sub_account_name) = lower(n.name)) AS exact
         FROM unnest($1::text[], $2::text[]) AS n(name, pattern))
     SELECT n.name, 'sub' AS kind, r.id FROM asked n
       CROSS JOIN LATERAL (
         SELECT DISTINCT sub_account_id AS id FROM cost_daily_rollup
          WHERE sub_account_id IS NOT NULL AND (sub_account_id = n.name OR
            CASE WHEN n.exact THEN lower(sub_account_name) = lower(n.name) ELSE sub_account_name ILIKE n.pattern END)) r
     UNION ALL
     SELECT n.name, 'billing', r.id FROM unnest($1::text[]) AS n(name)
       CROSS JOIN LATERAL (SELECT DISTINCT billing_account_id AS id FROM cost_daily_rollup WHERE billing_account_id = n.name) r`,
    [names, names.map((n) => `%${n.replace(/[%_]/g, "")}%`)],
  );
  const idsOf = (name: string, kind: string) => rows.filter((r) => r.name === name && r.kind === kind).map((r) => r.id);
  return names.map((name) => ({ name, subAccountIds: idsOf(name, "sub"), billingAccountIds: idsOf(name, "billing") }));
}

/**
 * Tag values as the data spells them. A value no cost carries ("team=data" where the team is "data-platform") becomes
 * the stored values that contain it as a word, and the answer says so; with none, the filter stays (the answer is
 * then $0) and the note lists the values there are, so nothing reads as a silent zero.
 */
export async function resolveTagValues(
  db: Pick<Database, "sql">,
  tags: ReadonlyArray<{ key: string; values: readonly string[] }>,
): Promise<{ filters: NonNullable<Filters["tags"]>; notes: string[] }> {
  const notes: string[] = [];
  const filters: NonNullable<Filters["tags"]> = [];
  for (const tag of tags) {
    if (tag.values.length === 0) {
      filters.push({ key: tag.key });
      continue;
    }
    const stored = await tagValuesOf(db, tag.key);
    // "data platform" is the stored "data-platform" (or "data_platform"); a name of two words that none has is read
    // as its last word ("the show platform team" is the platform team).
    const spelled = (v: string) => v.toLowerCase().replace(/[\s_-]+/g, "-");
    const valuesOf = async (asked: string): Promise<string[]> => {
      const exact = stored.find((v) => spelled(v) === spelled(asked));
      if (exact !== undefined) return [exact];
      const wanted = asked.includes(" ") ? asked.split(" ").at(-1)! : asked;
      const word = stored.find((v) => v.toLowerCase() === wanted.toLowerCase());
      if (word !== undefined) return [word];
      const containing = stored.filter((v) => v.toLowerCase().split(/[^\p{L}\p{N}]+/u).includes(wanted.toLowerCase()));
      if (containing.length) {
        notes.push(`No cost is tagged ${tag.key}=${wanted}, so this uses ${containing.map((v) => `${tag.key}=${v}`).join(" and ")}.`);
        return containing;
      }
      // Placeholders ("unknown", "TBD") are not values anyone would mean.
      const real = stored.filter((v) => !isPlaceholderValue(v));
      // "The payments team" where payments is an app: the keys that do hold the value.
      const elsewhere = await keysHolding(db, wanted, tag.key);
      notes.push(
        (real.length
          ? `No cost is tagged ${tag.key}=${wanted}; the ${tag.key} values are ${real.slice(0, 12).join(", ")}${real.length > 12 ? ", …" : ""}.`
          : `No cost carries a "${tag.key}" tag.`) +
          (elsewhere.length ? ` ${elsewhere.map((e) => `${e.key}=${e.value}`).join(" and ")} ${elsewhere.length > 1 ? "do" : "does"}: ask about ${elsewhere.map((e) => `the ${e.value} ${e.key}`).join(" or ")} for ${elsewhere.length > 1 ? "those" : "that"}.` : ""),
      );
      return [wanted];
    };
    const values: string[] = [];
    for (const asked of tag.values) values.push(...(await valuesOf(asked)));
    filters.push({ key: tag.key, values: [...new Set(values)] });
  }
  return { filters, notes };
}

/** Where Kubernetes namespaces come from, for a bill that has none. */
const NAMESPACE_SOURCES =
  " Namespaces reach a FOCUS export only as tags the clusters' cost allocation writes (GKE cost allocation's " +
  "k8s-namespace label, the aws:eks:namespace tag of AWS split cost allocation data): switch it on, or group by a tag " +
  "your workloads carry.";

/**
 * A tag key as the data spells it: the key itself, the same letters spelled otherwise ("CostCenter", "cost_center" for
 * cost-center), or the key that holds it as a word ("k8s-namespace" for namespace). With none, the key stays and the
 * note says no cost carries it, listing the keys there are.
 */
export async function resolveTagKey(db: Pick<Database, "sql">, key: string): Promise<{ key: string; note: string | null }> {
  const stored = (await db.sql.query<{ value: string }>(distinctValuesSql("cost_tag_daily_rollup", "tag_key"))).map((r) => r.value);
  if (!stored.length || stored.includes(key)) return { key, note: null };
  const letters = (k: string) => k.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "");
  const same = stored.find((k) => letters(k) === letters(key));
  if (same !== undefined) return { key: same, note: null };
  const holding = stored.filter((k) => k.toLowerCase().split(/[^\p{L}\p{N}]+/u).includes(key.toLowerCase()));
  if (holding.length) {
    const others = holding.slice(1);
    return {
      key: holding[0]!,
      note: `No cost carries a "${key}" tag, so this uses the ${holding[0]} tag${others.length ? ` (${others.join(" and ")} ${others.length === 1 ? "holds" : "hold"} it too: ask by ${others.length === 1 ? "that tag" : "those tags"})` : ""}.`,
    };
  }
  const shown = stored.slice(0, 12).join(", ") + (stored.length > 12 ? ", …" : "");
  return { key, note: `No cost carries a "${key}" tag: the tag keys in the cost data are ${shown}.${key === "namespace" ? NAMESPACE_SOURCES : ""}` };
}

/** A tag value a subject is read as: the phrasing asked, the key and value, and the other keys that carry the value. */
export interface SubjectTag {
  asked: string;
  key: string;
  value: string;
  otherKeys: string[];
}

/**
 * The tag value a subject names ("payments": app=payments; "data platform": team=data-platform), in the first of its
 * phrasings that some tag carries; the key with the most cost when several carry it, the others named.
 */
export async function tagValueNamed(
  db: Pick<Database, "sql">,
  phrasings: ReadonlyArray<{ name: string; words: readonly string[] }>,
): Promise<SubjectTag | null> {
  const spellingsOf = (p: { name: string; words: readonly string[] }) => {
    const words = p.name.split(" ");
    return ["-", "_", " ", ""].flatMap((sep) => [words.join(sep), p.words.join(sep)]);
  };
  const spellings = [...new Set(phrasings.flatMap(spellingsOf))];
  if (!spellings.length) return null;
  const rows = await db.sql.query<{ key: string; value: string; amount: string }>(
    `SELECT k.value AS key, t.tag_value AS value, sum(t.effective_cost)::text AS amount
       FROM (${distinctValuesSql("cost_tag_daily_rollup", "tag_key")}) k
       JOIN cost_tag_daily_rollup t ON t.tag_key = k.value AND t.tag_value = ANY($1::text[])
      GROUP BY 1, 2 ORDER BY sum(t.effective_cost) DESC, 1`,
    [spellings],
  );
  for (const p of phrasings) {
    const held = rows.filter((r) => spellingsOf(p).includes(r.value) && !isPlaceholderValue(r.value));
    if (held.length) return { asked: p.name, key: held[0]!.key, value: held[0]!.value, otherKeys: [...new Set(held.slice(1).map((r) => r.key))] };
  }
  return null;
}

/**
 * The other tag keys with cost under a value (as written, or lower-cased): the distinct keys by a loose index scan, then
 * one (tag_key, tag_value) index probe per key.
 */
async function keysHolding(db: Pick<Database, "sql">, value: string, exceptKey: string): Promise<Array<{ key: string; value: string }>> {
  const spellings = [...new Set([value, value.toLowerCase()])];
  return db.sql.query<{ key: string; value: string }>(
    `SELECT k.value AS key, v.value FROM (${distinctValuesSql("cost_tag_daily_rollup", "tag_key")}) k
       CROSS JOIN unnest($1::text[]) AS v(value)
      WHERE k.value <> $2 AND EXISTS (SELECT 1 FROM cost_tag_daily_rollup t WHERE t.tag_key = k.value AND t.tag_value = v.value)
      ORDER BY k.value`,
    [spellings, exceptKey],
  );
}

/** The distinct values of a tag key, walking the tag rollup's (tag_key, tag_value) index one value at a time. */
async function tagValuesOf(db: Pick<Database, "sql">, key: string): Promise<string[]> {
  const rows = await db.sql.query<{ value: string }>(distinctValuesSql("cost_tag_daily_rollup", "tag_value", "t.tag_key = $1"), [key]);
  return rows.map((r) => r.value);
}

/**
 * The period as a sentence says it: "in October 2026", "on 2026-10-05", "in the last 30 days", and as they are
 * "last month, October 2026", "this quarter, Q4 2026", "since March 2026", "year to date", "yesterday".
 */
export function periodPhraseOf(label: string, days: number): string {
  if (/^(?:(?:last|this|next|previous) (?:week|weekend|month|quarter|year)\b|since\b|(?:year|month|quarter) to date\b|yesterday\b|today\b)/.test(label)) return label;
  if (/^last \d+ /.test(label)) return `in the ${label}`;
  return days === 1 ? `on ${label}` : `in ${label}`;
}
