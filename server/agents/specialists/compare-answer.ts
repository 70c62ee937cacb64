// Comparisons: a period against the one before (or the same days of it, to date), with the drivers ranked by change,
// by rate or past a threshold; two named things side by side; and a month to date without the charges it has not had.
import type { Database } from "../../adapters/db/database.ts";
import { addColumn, capitalised, oneCloudNoValue, tagValueSubject, cents, dimensionLabel, emptySection, plural, readableLabels, formatMoney, formatPercent, formatNumber, formatSignedPercent, tableMarkdown, valueNoun, type AnswerSection } from "../answer.ts";
import { costBreakdown, costTotal } from "../../finops/analytics/breakdown.ts";
import { comparePeriods } from "../../finops/analytics/compare.ts";
import { isPlaceholderValue, widenFrom } from "../../finops/analytics/scope.ts";
import type { ExecutionScope } from "../hardened-agent.ts";
import { MATERIAL_SHARE, THRESHOLD_LIMIT } from "./answer-limits.ts";
import { accountFilters, chargeCategoryLabel, namedAccountLabel, periodName, scopeName, scopeText, type SpecialistInput } from "./specialist.ts";
import { FALL, GROWTH, HOW_CHANGED, RELATIVE_CHANGE, wayAsked, WHICH_MOVED, WHY_FALL, WHY_RISE, type Way } from "../classifier/change-words.ts";
import { PROVIDERS, type ProviderName } from "../classifier/catalog.ts";
import { monthLabel, wholeMonthsIn } from "../scope.ts";
import { addDaysIso } from "../../finops/data-range.ts";
import { baselineFor, wholeMonths, type CompareMode, type Comparison } from "../../finops/analytics/compare.ts";
import { sumDecimals } from "../../finops/analytics/stats.ts";
import { addMonths, daysBetween, eachDay, isWeekendDay, MONTHLY_CHARGE_CATEGORIES, withoutChargeCategories, type Analysis, type ColumnDimension, type Period, type Provenance } from "../../finops/analytics/scope.ts";
import { directionAnswer } from "./time-answers.ts";

type Db = Pick<Database, "sql">;

/** One side of "A vs B": its cost now and in the comparison period. */
interface Side {
  /** What the question called it ("prod"), for the headline and the figures. */
  name: string;
  /** The table's and chart's label, which may say what the name covers ("prod (3 sub-accounts)"). */
  label: string;
  current: string;
  baseline: string;
  delta: string;
  deltaPercent: number | null;
}

/**
 * Whether a comparison period lies at least half before the data starts: its change would mostly be against days with
 * no cost recorded ("this year" against the 11 months before, on a year of data).
 */
function mostlyBeforeTheData(baseline: Period, dataStart: string): boolean {
  if (baseline.start >= dataStart) return false;
  const days = (from: string, to: string) => Date.parse(to) - Date.parse(from);
  return days(baseline.start, dataStart < baseline.end ? dataStart : baseline.end) * 2 >= days(baseline.start, baseline.end);
}



/**
 * Drivers ranked by percentage change (largest rise first, or from the bottom: largest fall first), among those whose earlier
 * cost was at least MATERIAL_SHARE of the earlier total; Others and values new in the period (no percentage) are out.
 */
function byRate<D extends { isOthers: boolean; baseline: string; deltaPercent: number | null }>(drivers: D[], baselineTotal: string, fromBottom: boolean, limit: number) {
  const floor = Number(baselineTotal) * MATERIAL_SHARE;
  const material = drivers.filter((d) => !d.isOthers && d.deltaPercent !== null && Number(d.baseline) >= floor);
  const ranked = material.sort((a, b) => (fromBottom ? a.deltaPercent! - b.deltaPercent! : b.deltaPercent! - a.deltaPercent!)).slice(0, limit);
  const checked = drivers.filter((d) => !d.isOthers).length;
  return { drivers: ranked, floor: cents(floor), fromBottom, checked, unranked: drivers.some((d) => d.isOthers) };
}

/**
 * The largest rise among the drivers (the largest fall; the largest move either way), with the verb that says so; lead
 * is absent when none moved that way.
 */
function mostMoved<D extends { delta: string }>(drivers: D[], way: Way): { lead: D | undefined; verb: string } {
  const lead = drivers.filter((d) => goesWay(d, way)).sort(byMove(way))[0];
  return { lead, verb: way === "either" ? "changed" : way === "down" ? "fell" : "grew" };
}

const goesWay = (d: { delta: string }, way: Way) => (way === "either" ? Number(d.delta) !== 0 : way === "down" ? Number(d.delta) < 0 : Number(d.delta) > 0);
/** The largest rise (fall; move either way) first. */
const byMove = (way: Way) => (a: { delta: string }, b: { delta: string }) =>
  way === "either" ? Math.abs(Number(b.delta)) - Math.abs(Number(a.delta)) : (way === "down" ? 1 : -1) * (Number(a.delta) - Number(b.delta));

/** By tag: how the cost with no real value (untagged, or a placeholder such as "TBD") changed, as one sentence. */
function unownedChange(unowned: { label: string; delta: string }[], tagKey: string, currency: string): string {
  if (!unowned.length) return "";
  const delta = sumDecimals(unowned.map((d) => d.delta));
  const way = Number(delta) > 0 ? "rose" : Number(delta) < 0 ? "fell" : "did not change";
  const by = Number(delta) !== 0 ? ` by ${formatMoney(Math.abs(Number(delta)), currency)}` : "";
  return `Cost with no real "${tagKey}" value (${unowned.map((d) => d.label).join(", ")}) ${way}${by}: it is in the table, but no ${tagKey} owns it.`;
}

interface ChangeThreshold {
  passes(driver: { delta: string; deltaPercent: number | null; baseline: string }): boolean;
  /** "grew more than 20%". */
  phrase: string;
  /** The table's title: "Services that grew more than 20%". */
  subject(label: string): string;
}

/**
 * A change a driver must pass ("grew more than 20%", "up over $1,000", "dropped by more than 10%"), from the
 * question's first percent or amount threshold; null when it names none. A driver with no cost before is a rise
 * past any percent.
 */
function changeThreshold(dimensions: SpecialistInput["dimensions"], question: string): ChangeThreshold | "fasterThanWhole" | null {
  const t = dimensions.thresholds.find((x) => x.kind === "percent" || x.kind === "amount");
  // "Which services are growing faster than the overall bill?": the whole's own change is the bar, known once compared.
  if (!t && FASTER_THAN_WHOLE.test(question)) return "fasterThanWhole";
  // "Which services cost more this month than last month?", "which services dropped last month?": every rise (every
  // fall, for "less"), however small.
  const moreOrLess = t ? null : COST_MORE_THAN.exec(question);
  const moved = t || moreOrLess || dimensions.growth ? null : WHICH_MOVED.exec(question.toLowerCase());
  if (moreOrLess || moved) {
    const less = moreOrLess ? moreOrLess[1]!.toLowerCase() === "less" : FALL.test(moved![0]);
    const phrase = moreOrLess ? (less ? "cost less" : "cost more") : less ? "fell" : "rose";
    return { passes: (driver) => (less ? Number(driver.delta) < 0 : Number(driver.delta) > 0), phrase, subject: (label) => `${plural(label, 2)} that ${phrase}` };
  }
  if (!t) return null;
  const falling = FALL.test(question.toLowerCase().replace(t.resolvedFrom, ""));
  const sign = falling ? -1 : 1;
  const verb = falling ? "fell" : "grew";
  const bound = t.kind === "percent" ? `${formatNumber(t.value)}%` : formatMoney(t.value);
  const phrase = `${verb} ${t.op === "lt" ? "less than" : "more than"} ${bound}`;
  const passes = (driver: { delta: string; deltaPercent: number | null; baseline: string }) => {
    const change = t.kind === "percent" ? (driver.deltaPercent ?? (Number(driver.baseline) === 0 && Number(driver.delta) !== 0 ? Math.sign(Number(driver.delta)) * Infinity : 0)) : Number(driver.delta);
    const moved = sign * change;
    if (moved <= 0) return false;
    return t.op === "lt" ? moved < t.value : moved > t.value;
  };
  return { passes, phrase, subject: (label) => `${plural(label, 2)} that ${phrase}` };
}

/** Grew faster than the whole ("growing faster than the overall bill", "outpacing our total spend"). */
const FASTER_THAN_WHOLE =
  /\b(?:grow(?:ing|n|s)?|grew|ris(?:e|es|ing)|rose|increas\w*)\s+(?:faster|more|quicker)\s+than\s+(?:the\s+|our\s+)?(?:overall\s+|whole\s+|total\s+|entire\s+)?(?:cloud\s+)?(?:bill|spend(?:ing)?|costs?|total|average)\b|\boutpac\w*\s+(?:the\s+|our\s+)?(?:overall\s+|whole\s+|total\s+)?(?:cloud\s+)?(?:bill|spend(?:ing)?|costs?)\b/i;

/** The bar "faster than the whole" sets: a rise past the whole's own change in percent (a value new in the period passes). */
function fasterThan(wholePercent: number | null, wholeName: string): ChangeThreshold {
  const bar = wholePercent ?? 0;
  const phrase = `grew faster than ${wholeName} (${formatSignedPercent(wholePercent)})`;
  return {
    passes: (d) => Number(d.delta) > 0 && (d.deltaPercent === null ? Number(d.baseline) === 0 : d.deltaPercent > bar),
    phrase,
    subject: (label) => `${plural(label, 2)} that ${phrase}`,
  };
}

/** "Which services cost more this month than last month?": the values whose cost rose (fell), with no amount named. */
const COST_MORE_THAN = /\b(?:which|what)\b[^?]*\b(?:costs?|spent|spend|spending|paid|billed)\s+(more|less)\b[^?]*\bthan\b/i;

/** "Month-over-month comparison" when the periods are calendar months, else what the comparison period is. */
function comparisonTitle(mode: Comparison["mode"], period: Period): string {
  const months = wholeMonths(period) ?? 0;
  if (mode === "YoY") return "Year-over-year comparison";
  if (mode === "MoM" && months > 0) return "Month-over-month comparison";
  if (mode === "QoQ" && months > 0 && months % 3 === 0) return "Quarter-over-quarter comparison";
  if (mode === "custom") return "Comparison";
  return "Against the period before";
}

/** Words that name what to compare with ("compared to", "vs", "the previous"). */
const NAMES_A_COMPARISON = /\b(?:compar\w*|vs\.?|versus|previous|prior|than|over)\b/i;

/** What a period to date runs through: a week, a month, a quarter or a year. */
type ToDateUnit = "week" | "month" | "quarter" | "year";

interface SameDaysBefore {
  baseline: Period;
  unit: ToDateUnit;
}

/**
 * How a comparison with the same days before is named: a whole week is "the week before", a single day (a Monday)
 * "the same day of the previous week", and part of a week, month, quarter or year "the same days of the previous" one.
 */
export function sameDaysWording(toDate: SameDaysBefore, period: Period): { title: string; before: string } {
  const days = daysBetween(period.start, period.end);
  if (toDate.unit === "week" && days === 7) return { title: "Week vs the week before", before: "the week before" };
  if (toDate.unit === "week" && days === 1) return { title: "Day vs the same day of the previous week", before: "the same day of the previous week" };
  const unit = toDate.unit;
  return { title: `${capitalised(unit)} to date vs the same days of the previous ${unit}`, before: `the same days of the previous ${unit}` };
}

/**
 * A period to date compares with the same days of the period before it: a month to date (it starts on the 1st and
 * ends before the month does) with the same days of the previous month, a quarter to date (it starts on a quarter's
 * first day, runs past its first month and ends where the data does) with the same days of the previous quarter, a
 * year to date (from January 1, past its first quarter, to where the data ends) with the same days of the year before,
 * and a week (from a Monday, or the days of it the data holds) with the same days of the week before.
 * Comparing 20 days with a whole month, or seven weeks with the seven weeks before, would not compare like with like.
 */
export function sameDaysBefore(period: Period, dataEnd: string, mode: CompareMode): SameDaysBefore | null {
  // "What changed this week?": against the week before, not the same dates a month before.
  const monday = new Date(`${period.start}T00:00:00Z`).getUTCDay() === 1;
  if (mode === "MoM" && monday && daysBetween(period.start, period.end) <= 7) {
    return { baseline: { start: addDaysIso(period.start, -7), end: addDaysIso(period.end, -7) }, unit: "week" };
  }
  // "Month over month" (the default) takes either; "quarter over quarter" only a quarter to date.
  if (!period.start.endsWith("-01") || (mode !== "MoM" && mode !== "QoQ")) return null;
  const days = (Date.parse(period.end) - Date.parse(period.start)) / 86_400_000;
  const sameDays = (months: number): Period | null => {
    const previousStart = addMonths(period.start, -months);
    const length = (Date.parse(period.start) - Date.parse(previousStart)) / 86_400_000;
    return days < length ? { start: previousStart, end: addDaysIso(previousStart, days) } : null;
  };
  if (days < 28 && mode === "MoM") {
    const baseline = sameDays(1);
    return baseline && { baseline, unit: "month" };
  }
  const quarterStart = (Number(period.start.slice(5, 7)) - 1) % 3 === 0;
  const toDate = period.end === addDaysIso(dataEnd, 1);
  // "This year" runs to December 31 or stops where the data does: either way the days it has so far are compared.
  const dataStop = addDaysIso(dataEnd, 1);
  if (mode === "MoM" && period.start.endsWith("-01-01") && period.start < dataStop && period.end >= dataStop && dataStop > addMonths(period.start, 3)) {
    return { baseline: baselineFor({ start: period.start, end: dataStop }, "YoY"), unit: "year" };
  }
  const baseline = quarterStart && toDate && period.end > addMonths(period.start, 1) ? sameDays(3) : null;
  return baseline && { baseline, unit: "quarter" };
}


/**
 * Periods of different lengths (November's 30 days against October's 31): the same daily spend costs less over fewer
 * days. A sentence with the change per day; null when the two are as long.
 */
function dayCountNote(current: PeriodTotal, baseline: PeriodTotal, currency: string): string | null {
  const d = perDay(current, baseline);
  if (d.days === d.baselineDays || d.change === null) return null;
  return (
    `${periodName(current.period)} has ${d.days} days and ${periodName(baseline.period)} ${d.baselineDays}: per day, spend went from ` +
    `${formatMoney(d.before, currency)} to ${formatMoney(d.now, currency)} (${formatSignedPercent(d.change)}).`
  );
}

interface PeriodTotal {
  period: Period;
  total: string;
}

/** Each period's average day, and the change between them in percent (null when the period before cost nothing). */
function perDay(current: PeriodTotal, baseline: PeriodTotal) {
  const [days, baselineDays] = [daysBetween(current.period.start, current.period.end), daysBetween(baseline.period.start, baseline.period.end)];
  const now = days > 0 ? Number(current.total) / days : 0;
  const before = baselineDays > 0 ? Number(baseline.total) / baselineDays : 0;
  return { days, baselineDays, now, before, change: before !== 0 ? ((now - before) / Math.abs(before)) * 100 : null };
}

/**
 * The same dates of two months are not the same weekdays (December 1–6, 2026 holds a weekend, November 1–6 one day of
 * one): when the two hold different numbers of weekend days, a sentence saying so; null when they hold as many.
 */
export function weekendMix(current: Period, baseline: Period, before: string): string | null {
  const weekendDays = (p: Period) => eachDay(p.start, p.end).filter(isWeekendDay).length;
  const now = weekendDays(current);
  if (now === weekendDays(baseline)) return null;
  return (
    `These days hold ${now} weekend ${plural("day", now)} and ${before} ${weekendDays(baseline)}: where weekend spend ` +
    `differs from weekday spend, part of the change is the calendar (ask how weekends compare with weekdays to see by how much).`
  );
}

export async function compareAnswer(db: Db, input: SpecialistInput, exec: ExecutionScope<AnswerSection>): Promise<AnswerSection> {
  const { scope, dimensions, question } = input;
  exec.useTool("comparePeriods");
  // "Which services grew more than 20%?": every driver is ranked (up to the analysis's limit), then kept if it passes.
  const thresholdAsked = changeThreshold(dimensions, question);
  // "Which services are growing fastest?": ranked by percentage, among those big enough to matter.
  const relative = RELATIVE_CHANGE.test(question.toLowerCase());
  // "AWS vs Azure", "EC2 vs S3", "compute vs storage", "eu-west-1 vs us-east-1": named things compared with each other, each against its own
  // previous period.
  // Services one job word stands for ("what happened with NAT gateway costs?": AWS's, Google Cloud's) are one subject.
  // "The ML team vs the data platform team": two values of one tag key.
  const tagSides = scope.filters.tags?.find((t) => (t.values?.length ?? 0) >= 2);
  const sides: ColumnDimension | "Tag" | null = scope.comparison
    ? null
    : dimensions.services.filter((s) => !dimensions.roleServices.includes(s)).length >= 2
      ? "ServiceName"
      : dimensions.providers.length >= 2
        ? "ProviderName"
        : dimensions.serviceCategories.length >= 2
          ? "ServiceCategory"
          : dimensions.regions.length >= 2
            ? "RegionId"
            : tagSides
              ? "Tag"
              : null;
  const oneJob = dimensions.services.length > 1 && dimensions.services.every((s) => dimensions.roleServices.includes(s));
  const mode = scope.comparison ?? "MoM";
  // "How does this month compare to last month?" arrives with its baseline set to the same days of last month: still a
  // month to date (its unbilled monthly charges and weekday mix said), when that baseline is the same days before.
  // "What happened on November 18?": a day asked is set against the same weekday a week before (spend follows the
  // week), not the day before.
  const dayAsked = input.dimensions.timeRange && daysBetween(input.dimensions.timeRange.start, input.dimensions.timeRange.end) === 1 && !scope.comparison;
  const datesBefore = dayAsked
    ? { baseline: { start: addDaysIso(scope.period.start, -7), end: addDaysIso(scope.period.end, -7) }, unit: "week" as const }
    : sameDaysBefore(scope.period, scope.dataRange.end, mode === "custom" ? "MoM" : mode);
  const given = scope.comparisonBaseline;
  const toDate =
    datesBefore && (mode !== "custom" || (given && given.start === datesBefore.baseline.start && given.end === datesBefore.baseline.end)) ? datesBefore : null;
  const wording = toDate && sameDaysWording(toDate, scope.period);
  const baseline = scope.comparisonBaseline ?? toDate?.baseline ?? null;
  const periods = baseline ? { mode: "custom" as const, baseline } : { mode };
  const asked = sidesAsked(question);
  if (!sides && !scope.comparison && scope.accounts.length >= 2) return accountsSideBySide(db, scope, periods, wording?.before ?? null, asked);
  const rankedBySpend = BY_SPEND.test(question) && !dimensions.growth && !thresholdAsked && !relative;
  const request = {
    current: scope.period,
    ...periods,
    filters: scope.filters,
    metric: scope.metric,
    // Within one service the change is explained by its resources; across services, by service.
    // So are the services of one job ("NAT gateways", "Kubernetes"): the gateways, the clusters.
    driverDimension: sides ?? scope.groupBy?.dimension ?? (scope.filters.services?.length === 1 || oneJob ? "ResourceId" : "ServiceName"),
    tagKey: sides === "Tag" ? tagSides!.key : sides ? undefined : scope.groupBy?.tagKey,
    // A ranking by rise or fall with a count ("which 5 resources grew the most?") looks past the largest moves either way.
    limit: (thresholdAsked || relative || (dimensions.growth && dimensions.topN)) && !sides ? THRESHOLD_LIMIT : Math.min(scope.topN, 10),
    // "Our top 5 accounts by spend and their change": the largest now, each with its change.
    rankBy: rankedBySpend ? ("current" as const) : ("change" as const),
  };
  const result = await comparePeriods(db, request);
  const c = result.data;
  if (sides) {
    const named = c.drivers.filter((d) => !d.isOthers).map((d) => ({ ...d, name: d.label }));
    const section = sideBySide(named, c.baseline.period, dimensionLabel(c.driverDimension, tagSides?.key), result.provenance, scope, wording?.before ?? null, asked);
    // "What percentage of our AWS bill is EC2 vs S3?": each side's share of the whole they are part of.
    if (dimensions.share && sides !== "Tag") await addSharesOfWhole(db, section, named, sides, scope);
    return section;
  }
  if (mostlyBeforeTheData(c.baseline.period, scope.dataRange.start)) {
    // "How has our spend changed this year?" with no year before it in the data: how it moved within the period,
    // month by month, when the period holds three whole months or more. A comparison asked for ("year over year",
    // "compared to the previous 4 months") is not swapped for another: it says there is nothing to compare with.
    const months = wholeMonthsIn(scope.period, scope.dataRange);
    const asksHowItChanged = HOW_CHANGED.test(question) && !NAMES_A_COMPARISON.test(question);
    // "Which service had the largest increase this year?": with no year before it, its latest complete month against
    // its first, ranked as asked.
    if (dimensions.growth && !scope.comparison && months.length >= 2) {
      const [first, last] = [months[0]!, months.at(-1)!];
      const within = await compareAnswer(
        db,
        {
          ...input,
          scope: {
            ...scope, period: { start: last, end: addMonths(last, 1) }, periodLabel: monthLabel(last), periodPhrase: `in ${monthLabel(last)}`,
            comparison: "custom", comparisonBaseline: { start: first, end: addMonths(first, 1) }, comparisonSameDaysOf: undefined,
          },
        },
        exec,
      );
      within.markdown +=
        `\n\nThe same days before (${periodName(c.baseline.period)}) are not in the cost data, which starts on ${scope.dataRange.start}: ` +
        `this sets ${monthLabel(last)}, the latest complete month ${scope.periodPhrase}, against ${monthLabel(first)}, its first.`;
      return within;
    }
    if (scope.comparison || !asksHowItChanged || months.length < 3) return beforeTheData(result, scope);
    const within = await directionAnswer(db, { ...input, scope: { ...scope, granularity: "month" } }, exec);
    within.markdown +=
      `\n\nThe same days before (${periodName(c.baseline.period)}) are not in the cost data, which starts on ${scope.dataRange.start}: ` +
      `this is how spend moved ${scope.periodPhrase}.`;
    return within;
  }
  // A month to date can lack charges billed on a month's first day that the same days before hold (December's tax
  // is not billed by December 5; November's was, on November 1): the drivers then compare like with like.
  const unbilled = toDate?.unit === "week" ? await firstDayInOneWeek(db, scope, toDate.baseline) : toDate ? await notYetBilled(db, scope) : null;
  const likeForLike = unbilled ? await comparePeriods(db, { ...request, filters: unbilled.filters }) : null;
  /** The comparison the drivers come from: like for like when charges are not billed yet. */
  const k = likeForLike?.data ?? c;
  const section = emptySection("cost_analysis", wording ? wording.title : comparisonTitle(c.mode, scope.period));
  const direction = Number(c.change) >= 0 ? "up" : "down";
  section.figures = {
    current: c.current.total,
    baseline: c.baseline.total,
    change: c.change,
    changePercent: c.changePercent,
    topDriver: k.drivers[0]?.label ?? null,
    topDriverDelta: k.drivers[0]?.delta ?? null,
  };
  // "This month vs last month" while this one is under way: the same days of last month, named so.
  const sameDays = scope.comparisonSameDaysOf && c.baseline.period.start === scope.comparisonBaseline?.start && c.baseline.period.end === scope.comparisonBaseline.end;
  const baselinePhrase = sameDays
    ? `over the same days of ${scope.comparisonSameDaysOf!.replace(/ \([^)]*\)$/, "")} (${c.baseline.period.start} to ${addDaysIso(c.baseline.period.end, -1)})`
    : `in ${periodName(c.baseline.period)}`;
  // Nothing in either period: "up $0.00 (n/a) from $0.00" would say nothing.
  const neither = Number(c.current.total) === 0 && Number(c.baseline.total) === 0;
  const totals = (b: (text: string) => string) =>
    neither
      ? `${b("No cost")} ${scope.periodPhrase}${scopeText(scope)}, nor ${baselinePhrase}${wording && !sameDays ? ` (${wording.before})` : ""}: there is no change to compare.`
      : `${b(formatMoney(c.current.total, scope.currency))} ${scope.periodPhrase}${scopeText(scope)}, ${direction} ${formatMoney(Math.abs(Number(c.change)), scope.currency)} ` +
        `(${formatSignedPercent(c.changePercent)}) from ${formatMoney(c.baseline.total, scope.currency)} ${baselinePhrase}` +
        // The baseline already named as the same days: not again.
        (wording && !sameDays ? ` (${wording.before}).` : ".");
  section.headline = totals((text) => `**${text}**`);
  // "Cost per day this month compared to last month": the daily averages lead; months differ in length.
  // Like for like when charges are not billed yet: a month's tax in one average and not the other is no change a day.
  const unbilledNames = unbilled?.missing.map(chargeCategoryLabel).join(" and ");
  if (dimensions.rate) {
    const { days, baselineDays, now, before, change: perDayChange } = perDay({ period: scope.period, total: k.current.total }, k.baseline);
    Object.assign(section.figures, { days, baselineDays, dailyAverage: cents(now), baselineDailyAverage: cents(before), dailyChangePercent: perDayChange });
    section.headline =
      `**${formatMoney(now, scope.currency)} a day** on average ${scope.periodPhrase}${scopeText(scope)} (${days} ${plural("day", days)}${unbilled ? `, without ${unbilledNames}` : ""}), ` +
      `${now >= before ? "up" : "down"} ${perDayChange === null ? "" : `${formatPercent(Math.abs(perDayChange))} `}from ${formatMoney(before, scope.currency)} a day in ${periodName(c.baseline.period)} ` +
      `(${baselineDays} ${plural("day", baselineDays)}). In all: ${totals((text) => text)}`;
  }
  if (unbilled) {
    const names = unbilledNames;
    Object.assign(section.figures, { likeForLikeCurrent: k.current.total, likeForLikeBaseline: k.baseline.total, likeForLikeChange: k.change, likeForLikeChangePercent: k.changePercent, notYetBilled: unbilled.expected });
    const why =
      "day" in unbilled
        ? `billed on ${unbilled.day}, a month's first day, which ${unbilled.inCurrent ? "these days hold and the same days of the week before do not" : "the same days of the week before hold and these days do not"} ` +
          `(${formatMoney(unbilled.expected, scope.currency)})`
        : `which are billed on a month's first day and not yet for ${monthLabel(unbilled.month)} (${formatMoney(unbilled.expected, scope.currency)} the month before)`;
    section.headline +=
      ` Like for like, without ${names}, ${why}: ` +
      `**${Number(k.change) >= 0 ? "up" : "down"} ${formatMoney(Math.abs(Number(k.change)), scope.currency)} (${formatSignedPercent(k.changePercent)})**, ` +
      `${formatMoney(k.current.total, scope.currency)} against ${formatMoney(k.baseline.total, scope.currency)}.`;
  }
  // "Why did it go up?" when it went down: the answer says so first, then how it moved.
  const premise = WHY_RISE.test(question) && !WHY_FALL.test(question) ? "up" : WHY_FALL.test(question) && !WHY_RISE.test(question) ? "down" : null;
  const net = Number(k.change);
  if (premise && (premise === "up" ? net < 0 : net > 0)) {
    section.figures.premise = premise;
    section.headline = `**It did not go ${premise}${scopeText(scope)}: it ${net < 0 ? "fell" : "rose"}${unbilled ? ", like for like" : ""}.** ${section.headline}`;
  }
  const whole = scopeName(scope);
  const threshold = thresholdAsked === "fasterThanWhole" ? fasterThan(k.changePercent, whole === "all costs" ? "the whole bill" : `${whole} as a whole`) : thresholdAsked;
  const passing = threshold ? k.drivers.filter((d) => !d.isOthers && threshold.passes(d)) : null;
  // Falls, and the slowest growth, rank from the bottom.
  const falling = FALL.test(question.toLowerCase());
  // By tag, "which team grew the most?" is about the teams: untagged cost and placeholder values ("TBD") are no team.
  const byTag = k.driverDimension === "Tag";
  const owned = (d: (typeof c.drivers)[number]) => !d.isOthers && !(byTag && (d.key === null || isPlaceholderValue(d.key)));
  const fastest = relative && !threshold ? byRate(k.drivers.filter(owned), k.baseline.total, falling || /\bslowest\b/.test(question.toLowerCase()), Math.min(scope.topN, 10)) : null;
  // "Which accounts grew the most?" leads with the largest rise ("dropped the most": fall), not the largest move,
  // and its table ranks by change, the largest rise (fall) first and Others last, not by the size of the move.
  const candidates = k.drivers.filter(owned);
  const way = wayAsked(question, "up");
  const moved = dimensions.growth && !fastest && !/\bleast\b/i.test(question) ? mostMoved(candidates, way) : null;
  // "Which 5 resources grew the most?": the five largest rises (falls), as many as asked. Without a count, the largest
  // moves ranked by change, those that went the other way after them and Others last.
  const byChange = !moved
    ? null
    : dimensions.topN
      ? k.drivers
          // The cost in no value ("(no resource)": taxes, credits) is no resource that grew.
          .filter((d) => owned(d) && d.key !== null && goesWay(d, way))
          .sort(byMove(way))
          .slice(0, Math.min(dimensions.topN, 10))
      : [...k.drivers.filter((d) => !d.isOthers)].sort(byMove(way)).concat(k.drivers.filter((d) => d.isOthers));
  // None passing ("which of those grew?" when all fell): the whole change is the table, under "No subscription rose".
  const nonePassed = passing !== null && passing.length === 0;
  // One cloud's cost on no project is "(no project)", as its column says "Project".
  const drivers = oneCloudNoValue((nonePassed ? null : passing) ?? fastest?.drivers ?? byChange ?? k.drivers, k.driverDimension, scope.filters.providers);
  const { shown, idColumns, idCell } = readableLabels(drivers);
  // A headline's subject: a tag value with its key ("The growth team grew the fastest", not "growth grew").
  const subject = (d: (typeof drivers)[number]) =>
    !d.isOthers && d.key !== null ? tagValueSubject(shown(d), { dimension: k.driverDimension, tagKey: scope.groupBy?.tagKey }) : shown(d);
  section.tables.push({
    title:
      (threshold && !nonePassed ? `${threshold.subject(dimensionLabel(k.driverDimension, scope.groupBy?.tagKey))}` : "What changed") +
      (unbilled ? `, without ${unbilled.missing.map(chargeCategoryLabel).join(" and ")}` : ""),
    columns: [
      { key: "label", label: dimensionLabel(k.driverDimension, scope.groupBy?.tagKey, scope.filters.providers), format: "text" },
      ...idColumns,
      { key: "baseline", label: `Before (${scope.currency})`, format: "money" },
      { key: "current", label: `Now (${scope.currency})`, format: "money" },
      { key: "delta", label: `Change (${scope.currency})`, format: "money" },
      { key: "deltaPercent", label: "Change", format: "percent" },
    ],
    rows: drivers.map((d) => ({
      label: shown(d),
      ...idCell(d),
      baseline: d.baseline,
      current: d.current,
      delta: d.delta,
      deltaPercent: d.deltaPercent,
    })),
  });
  if (drivers.length > 0) {
    section.charts.push({
      kind: "bar",
      title: "Change by driver",
      unit: scope.currency,
      series: [{ name: "Change", points: drivers.map((d) => ({ x: shown(d), y: Number(d.delta) })) }],
    });
  }
  const lead = fastest ? fastest.drivers[0] : moved ? moved.lead : (candidates[0] ?? k.drivers[0]);
  section.figures.lead = lead?.label ?? null;
  // Named as the table names it ("acme-staging", not its id), for an answer that follows on from it.
  if (lead && !lead.isOthers && lead.key !== null) section.lead = { dimension: k.driverDimension, key: lead.key, label: shown(lead), tagKey: scope.groupBy?.tagKey };
  let passed = "";
  if (fastest) {
    const label = valueNoun(k.driverDimension, scope.groupBy?.tagKey, scope.filters.providers);
    section.figures.topByRate = lead?.label ?? null;
    passed =
      `Ranked by percentage change, among the ${plural(label, 2)} that cost at least ${formatMoney(fastest.floor, scope.currency)} ` +
      `(${formatPercent(MATERIAL_SHARE * 100)} of the earlier period's total) before${fastest.unranked ? ` (the ${fastest.checked} largest changes were checked)` : ""}.`;
  }
  if (threshold && passing) {
    const label = valueNoun(k.driverDimension, scope.groupBy?.tagKey, scope.filters.providers);
    section.figures.passing = passing.length;
    const ranked = k.drivers.filter((d) => !d.isOthers).length;
    const unranked = k.drivers.some((d) => d.isOthers) ? ` (the ${ranked} largest changes were checked)` : "";
    passed =
      passing.length > 0
        ? `**${passing.length} ${plural(label, passing.length)}** ${threshold.phrase}${unranked}.`
        : `**No ${label}** ${threshold.phrase}${unranked}.`;
  }
  const baselineGap =
    c.baseline.period.start < scope.dataRange.start
      ? `_The comparison period starts before the data does (${scope.dataRange.start}), so part of it has no cost recorded and the change is overstated._`
      : "";
  // "Which accounts grew the most?": the answer to that leads, then the whole change.
  if (moved) {
    const noun = valueNoun(k.driverDimension, scope.groupBy?.tagKey, scope.filters.providers);
    section.headline =
      (lead
        ? `**${subject(lead)}** ${moved.verb} the most: ${formatMoney(lead.delta, scope.currency)} (${changeOf(lead)}), ` +
          `from ${formatMoney(lead.baseline, scope.currency)} to ${formatMoney(lead.current, scope.currency)}. `
        : `**No ${noun} ${moved.verb}.** `) + section.headline;
  }
  // "Which app is growing the fastest?": the one ranked first by percentage leads, then the whole change.
  if (fastest && lead && !moved) {
    const verb = fastest.fromBottom ? (falling ? "fell the fastest" : "grew the least") : "grew the fastest";
    section.headline =
      `**${subject(lead)}** ${verb}: ${changeOf(lead)} (${formatMoney(lead.baseline, scope.currency)} → ${formatMoney(lead.current, scope.currency)}, ` +
      `${formatMoney(lead.delta, scope.currency)}). ${section.headline}`;
  }
  // "Which services cost more this month than last?", "which grew more than 20%?": how many did, and which, lead.
  if (threshold && passing) {
    const named = passing.slice(0, 5).map((d) => `${shown(d)} (${formatMoney(d.delta, scope.currency)})`).join(", ");
    section.headline = `${passed.replace(/\.$/, "")}${named ? `: ${named}${passing.length > 5 ? ", …" : ""}` : ""}. ${section.headline}`;
    passed = "";
  }
  section.markdown = [
    passed,
    drivers.length > 0 ? tableMarkdown(section.tables[0]!, scope.currency) : "",
    "",
    lead && !moved && rankedBySpend
      ? `The largest now is **${shown(lead)}** (${formatMoney(lead.current, scope.currency)}, ${changeOf(lead)}).`
      : lead && !moved && !fastest && !threshold
      ? `The biggest driver is **${shown(lead)}** (${formatMoney(lead.delta, scope.currency)}, ${changeOf(lead)}).`
      : "",
    byTag ? unownedChange(k.drivers.filter((d) => !d.isOthers && !owned(d)), scope.groupBy?.tagKey ?? "tag", scope.currency) : "",
    baselineGap,
    // A month, quarter or year to date against the same dates before: their weekdays differ.
    ...(toDate && wording && toDate.unit !== "week" ? [weekendMix(c.current.period, c.baseline.period, wording.before) ?? ""] : []),
    // The daily averages already lead when a rate was asked.
    dimensions.rate ? "" : (dayCountNote(c.current, c.baseline, scope.currency) ?? ""),
  ].join("\n");
  section.provenance = [...result.provenance, ...(unbilled?.provenance ?? []), ...(likeForLike?.provenance ?? [])];
  return section;
}

/** Ranks values by what they cost ("top 5 accounts by spend and their month over month change"), not by change. */
const BY_SPEND = /\bby (?:spend|spending|cost|costs)\b|\b(?:most expensive|costliest|largest|biggest) (?:accounts?|services?|regions?|teams?|projects?|subscriptions?)\b/i;

/** A driver's change in percent; one with no cost before is new. */
const changeOf = (d: { baseline: string; deltaPercent: number | null }) => (d.deltaPercent === null && Number(d.baseline) === 0 ? "new" : formatSignedPercent(d.deltaPercent));

/**
 * A week against the week before, when only one of them holds a month's first day: the monthly charges billed on it
 * (tax, purchases) would read as a change of the week's spend. Those charges, with the filters that leave them out;
 * null when both weeks (or neither) hold a month's first day, or there is nothing else to compare.
 */
async function firstDayInOneWeek(db: Db, scope: SpecialistInput["scope"], baseline: Period) {
  const dataEnd = addDaysIso(scope.dataRange.end, 1);
  const end = scope.period.end < dataEnd ? scope.period.end : dataEnd;
  const firstDayIn = (p: Period) => eachDay(p.start, p.end).find((d) => d.endsWith("-01"));
  const [now, before] = [firstDayIn({ start: scope.period.start, end }), firstDayIn({ start: baseline.start, end: addDaysIso(end, -7) })];
  if (Boolean(now) === Boolean(before)) return null;
  const day = (now ?? before)!;
  const charges = await firstDayCharges(db, scope, day);
  const missing = [...MONTHLY_CHARGE_CATEGORIES].filter((c) => Number(charges.on(c)) !== 0);
  const filters = withoutChargeCategories(scope.filters, missing);
  if (missing.length === 0 || !filters.chargeCategories?.length) return null;
  return { missing, day, inCurrent: Boolean(now), expected: sumDecimals(missing.map(charges.on)), filters, provenance: charges.provenance };
}

/** A month's first day's charges by category in the question's scope (monthly charges are billed on it). */
async function firstDayCharges(db: Db, scope: SpecialistInput["scope"], day: string) {
  const charges = await costBreakdown(db, { period: { start: day, end: addDaysIso(day, 1) }, filters: scope.filters, metric: scope.metric, dimension: "ChargeCategory", limit: 20 });
  return { on: (category: string) => charges.data.rows.find((r) => r.key === category)?.amount ?? "0", provenance: charges.provenance };
}

/**
 * Monthly charges (tax, purchases: billed on a month's first day) that the baseline holds and the current period has
 * none of yet, with the filters that leave them out; null when there are none, or nothing else to compare.
 */
async function notYetBilled(db: Db, scope: SpecialistInput["scope"]) {
  // The latest month begun in the period, where the data has days: its first day holds its monthly charges once billed.
  const end = scope.period.end < addDaysIso(scope.dataRange.end, 1) ? scope.period.end : addDaysIso(scope.dataRange.end, 1);
  const latest = `${addDaysIso(end, -1).slice(0, 8)}01`;
  if (latest < scope.period.start) return null;
  const [now, before] = await Promise.all([firstDayCharges(db, scope, latest), firstDayCharges(db, scope, addMonths(latest, -1))]);
  // Billed on the month before's first day and not (yet) on this one's.
  const missing = [...MONTHLY_CHARGE_CATEGORIES].filter((c) => Number(before.on(c)) !== 0 && Number(now.on(c)) === 0);
  // Every other charge category FOCUS allows (or the ones the question kept to).
  const filters = withoutChargeCategories(scope.filters, missing);
  if (missing.length === 0 || !filters.chargeCategories?.length) return null;
  return {
    missing,
    month: latest,
    expected: sumDecimals(missing.map(before.on)),
    filters,
    provenance: [...now.provenance, ...before.provenance],
  };
}

/** A comparison period that ends before the data starts (YoY on 12 months of data): say so, with no made-up change. */
function beforeTheData(result: Analysis<Comparison>, scope: SpecialistInput["scope"]): AnswerSection {
  const c = result.data;
  const section = emptySection("cost_analysis", comparisonTitle(c.mode, scope.period));
  section.figures = { current: c.current.total, baseline: null, change: null };
  const when = c.baseline.period.end <= scope.dataRange.start ? "ends before" : "is mostly before";
  section.headline =
    `**${formatMoney(c.current.total, scope.currency)}** ${scope.periodPhrase}${scopeText(scope)}; there is nothing to compare it with: ` +
    `the comparison period (${periodName(c.baseline.period)}) ${when} the cost data starts (${scope.dataRange.start}).`;
  section.markdown = `Compare periods the data covers instead, for example month over month (*How did last month compare to the month before?*).`;
  section.provenance = result.provenance;
  return section;
}

/**
 * "prod vs staging": account nicknames name several sub-accounts each (one per cloud), so each side is its own
 * comparison, over the sub-accounts whose name holds the nickname.
 */
async function accountsSideBySide(db: Db, 
  scope: SpecialistInput["scope"],
  periods: { mode: "custom"; baseline: Period } | { mode: NonNullable<SpecialistInput["scope"]["comparison"]> },
  /** The period is a week, month or quarter to date, compared with the same days of the one before: how they are named. */
  sameDays: string | null,
  asked: SidesAsked,
): Promise<AnswerSection> {
  const sides: Side[] = [];
  const provenance: Provenance[] = [];
  let baseline: Period | null = null;
  for (const account of scope.accounts) {
    const { name, subAccountIds, billingAccountIds } = account;
    if (!subAccountIds.length && !billingAccountIds.length) {
      sides.push({ name, label: `${name} (no matching account)`, current: "0", baseline: "0", delta: "0", deltaPercent: null });
      continue;
    }
    const filters = accountFilters(scope.filters, account);
    const result = await comparePeriods(db, { current: scope.period, ...periods, filters, metric: scope.metric, driverDimension: "SubAccountId", limit: 1 });
    const c = result.data;
    baseline = c.baseline.period;
    provenance.push(...result.provenance);
    sides.push({ name, label: namedAccountLabel(account), current: c.current.total, baseline: c.baseline.total, delta: c.change, deltaPercent: c.changePercent });
  }
  return sideBySide(sides, baseline ?? scope.period, "Account", provenance, scope, sameDays, asked);
}

/**
 * Adds each side's share of the whole it is part of: the scope without the sides' own filter (EC2 and S3 of the AWS
 * bill, AWS and Azure of all costs), as a column and a sentence leading the answer.
 */
async function addSharesOfWhole(db: Db, section: AnswerSection, sides: readonly Side[], dimension: ColumnDimension, scope: SpecialistInput["scope"]) {
  const filters = widenFrom(scope.filters, dimension);
  if (!filters) return;
  const whole = await costTotal(db, { period: scope.period, filters, metric: scope.metric });
  const total = Number(whole.data.total);
  if (total === 0) return;
  const wholeName = scopeName({ ...scope, filters });
  const share = (d: Side) => (Number(d.current) / total) * 100;
  const table = section.tables[0]!;
  addColumn(section, table, { key: "wholeShare", label: `Share of ${wholeName}`, format: "percent" }, (row) => {
    const side = sides.find((s) => s.label === row.label);
    return side ? share(side) : null;
  }, scope.currency);
  for (const d of sides) section.figures[`share:${d.name}`] = share(d);
  section.figures.wholeTotal = whole.data.total;
  const parts = [...sides].sort((a, b) => Number(b.current) - Number(a.current)).map((d) => `**${d.name}** is ${formatPercent(share(d))}`);
  section.headline =
    `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)} of the ${formatMoney(whole.data.total, scope.currency)} ${wholeName === "all costs" ? "of all costs" : `for ${wholeName}`} ` +
    `${scope.periodPhrase}. ${section.headline}`;
  section.provenance = [...section.provenance, ...whole.provenance];
}

/** How a side-by-side question was put: "which is cheaper" puts the cheaper first and, like "pricier", asks about price. */
interface SidesAsked {
  cheaperFirst: boolean;
  aboutPrice: boolean;
  /** "Which one grew faster?": the one whose cost rose the most (in percent) leads. */
  growth: boolean;
  /** "Are we spending more on storage than compute?": which costs more ("less": which costs less) leads. */
  moreOrLess: "more" | "less" | null;
  /** Asked to be answered yes or no ("are we…?"). */
  yesNo: boolean;
  question: string;
}

const CHEAPER = /\b(?:cheaper|cheapest|costs? less|less expensive|least expensive|lower cost)\b/i;
const PRICE_WORDS = /\b(?:cheaper|cheapest|pricier|costlier|(?:more|less|least|most) expensive)\b/i;

function sidesAsked(question: string): SidesAsked {
  const more = MORE_OR_LESS.exec(question);
  return {
    cheaperFirst: CHEAPER.test(question),
    aboutPrice: PRICE_WORDS.test(question),
    growth: GROWTH.test(question.toLowerCase()),
    moreOrLess: more ? (/^(?:less|cheaper|lower|smaller)$/i.test(more[1]!) ? "less" : "more") : null,
    yesNo: YES_NO.test(question),
    question,
  };
}

/** Which of two costs more (less): "are we spending more on storage than compute?", "is S3 cheaper than GCS?". */
const MORE_OR_LESS = /\b(more|less|cheaper|pricier|costlier|bigger|larger|higher|lower|smaller)\b(?:\s+\w+){0,4}?\s+than\b/i;
/** A question answered yes or no: "are we…", "is S3…", "do we…". */
const YES_NO = /^\s*(?:are|is|do|does|did|were|was|have|has)\b/i;

/** Each named value's cost in the period, largest first (cheapest first when asked), and how each moved against the previous period. */
function sideBySide(
  sides: readonly Side[],
  baselinePeriod: Period,
  dimension: string,
  provenance: Provenance[],
  scope: SpecialistInput["scope"],
  sameDays: string | null,
  asked: SidesAsked,
): AnswerSection {
  const named = [...sides].sort((a, b) => (asked.cheaperFirst ? -1 : 1) * (Number(b.current) - Number(a.current)));
  const section = emptySection("cost_analysis", named.map((d) => d.name).join(" vs "));
  // "AWS vs Azure this year" when the year before is mostly not in the data: a change against it would be growth
  // from a few weeks (+1,164%). The sides are set against each other only.
  const noBaseline = mostlyBeforeTheData(baselinePeriod, scope.dataRange.start);
  for (const d of named) {
    section.figures[`current:${d.name}`] = d.current;
    section.figures[`baseline:${d.name}`] = noBaseline ? null : d.baseline;
    section.figures[`changePercent:${d.name}`] = noBaseline ? null : d.deltaPercent;
  }
  const before = `${periodName(baselinePeriod)}${sameDays ? `, ${sameDays}` : ""}`;
  section.headline =
    `${named.map((d) => `**${d.name}** ${formatMoney(d.current, scope.currency)}`).join(" vs ")} ${scope.periodPhrase}` +
    (noBaseline ? "." : ` (${named.map((d) => `${d.name} ${formatSignedPercent(d.deltaPercent)}`).join(", ")} against ${before}).`);
  const byGrowth = [...named].filter((d) => d.deltaPercent !== null).sort((a, b) => b.deltaPercent! - a.deltaPercent!);
  if (asked.moreOrLess && !asked.growth && named.length === 2 && named[0]!.current !== named[1]!.current) {
    // "Are we spending more on storage than compute?": which one costs more (less) leads, yes or no when the question
    // names the first side first.
    const less = asked.moreOrLess === "less";
    const [bigger, smaller] = [...named].sort((a, b) => Number(b.current) - Number(a.current));
    const [lead, other] = less ? [smaller!, bigger!] : [bigger!, smaller!];
    // Where the question names a side: by its name, or a provider by any of its names ("Azure" for Microsoft).
    const at = (d: Side) => {
      const lower = asked.question.toLowerCase();
      const alias = PROVIDERS[d.name as ProviderName]?.exec(lower);
      return alias ? alias.index : lower.indexOf(d.name.toLowerCase());
    };
    const first = at(named[0]!) >= 0 && at(named[1]!) >= 0 ? (at(named[0]!) < at(named[1]!) ? named[0]! : named[1]!) : null;
    const answer = first && asked.yesNo ? (first === lead ? "Yes: " : "No: ") : "";
    const ratio = Number(other.current) > 0 && Number(lead.current) > 0 ? ` (${formatNumber(Number(bigger!.current) / Number(smaller!.current))}× as much)` : "";
    section.figures.costsMore = bigger!.name;
    section.headline =
      `${answer}**${lead.name}** cost ${less ? "less" : "more"} ${scope.periodPhrase}: ${formatMoney(lead.current, scope.currency)} against ${formatMoney(other.current, scope.currency)} for ${other.name}${less ? "" : ratio}.` +
      (noBaseline ? "" : ` Against ${before}: ${named.map((d) => `${d.name} ${formatSignedPercent(d.deltaPercent)}`).join(", ")}.`);
  }
  if (asked.growth && !noBaseline && byGrowth.length >= 2) {
    // "Which one grew faster?": the answer first, each with its own change in percent and money.
    const [top, ...rest] = byGrowth;
    const moved = (d: Side) => `${formatSignedPercent(d.deltaPercent)} (${formatMoney(d.baseline, scope.currency)} → ${formatMoney(d.current, scope.currency)})`;
    const lead = top!.deltaPercent! > 0 ? `**${top!.name}** grew ${named.length === 2 ? "faster" : "the most"}` : `**${named.length === 2 ? "Neither" : "None"} grew**: ${top!.name} fell the least`;
    section.headline = `${lead}, ${moved(top!)} ${scope.periodPhrase} against ${before}; ${rest.map((d) => `${d.name} ${moved(d)}`).join(", ")}.`;
    section.figures.fastest = top!.name;
  }
  const total = sumDecimals(named.map((d) => d.current));
  section.tables.push({
    title: "Side by side",
    columns: [
      { key: "label", label: dimension, format: "text" },
      { key: "current", label: `Now (${scope.currency})`, format: "money" },
      ...(noBaseline
        ? [{ key: "share", label: "Share", format: "percent" as const }]
        : [
            { key: "baseline", label: `Before (${scope.currency})`, format: "money" as const },
            { key: "delta", label: `Change (${scope.currency})`, format: "money" as const },
            { key: "deltaPercent", label: "Change", format: "percent" as const },
          ]),
    ],
    rows: named.map((d): Record<string, string | number | null> =>
      noBaseline
        ? { label: d.label, current: d.current, share: Number(total) === 0 ? null : (Number(d.current) / Number(total)) * 100 }
        : { label: d.label, current: d.current, baseline: d.baseline, delta: d.delta, deltaPercent: d.deltaPercent },
    ),
  });
  section.charts.push({
    kind: "bar",
    title: `${scope.periodLabel} by ${dimension.toLowerCase()}`,
    unit: scope.currency,
    series: [{ name: scope.metric, points: named.map((d) => ({ x: d.name, y: Number(d.current) })) }],
  });
  section.markdown = [
    tableMarkdown(section.tables[0]!, scope.currency),
    ...(noBaseline ? ["", `No change is given: the period before, ${before}, is mostly before the cost data starts (${scope.dataRange.start}).`] : []),
    // "Which is cheaper, S3 or Cloud Storage?": the bill says what each cost us, not which has the lower rates.
    ...(asked.aboutPrice
      ? ["", `These are what each cost ${scope.periodPhrase}, which follows how much of each was used as well as its rates; they do not compare prices. Ask for the unit cost (*cost per GB*) to set rates side by side.`]
      : []),
  ].join("\n");
  section.provenance = provenance;
  return section;
}
