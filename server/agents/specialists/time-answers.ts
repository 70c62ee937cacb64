// Answers about spend over time: which way it is going ("is our spend going up?", "the top 5 accounts and their
// trend"), and which day, week or month cost the most, and why.
import type { Database } from "../../adapters/db/database.ts";
import {
  capitalised, cents, dimensionLabel, dimensionNoun, emptySection, formatMoney, formatPercent, formatSignedPercent, pointsMoved, readableLabels, tableMarkdown, type AnswerSection,
} from "../answer.ts";
import { costBreakdown, nameIds } from "../../finops/analytics/breakdown.ts";
import { comparePeriods } from "../../finops/analytics/compare.ts";
import { costTrend, type Trend } from "../../finops/analytics/trend.ts";
import type { ExecutionScope } from "../hardened-agent.ts";
import { addTrendsByValue, bucketLabel, wholeBuckets, withinData } from "./trend-by.ts";
import { chargeCategoryLabel, hasScope, periodName, scopeText, shareWhole, type SpecialistInput } from "./specialist.ts";
import { monthLabel, partialMonthsNote, wholeMonthOfData, type ResolvedScope } from "../scope.ts";
import { addDaysIso } from "../../finops/data-range.ts";
import { sumDecimals } from "../../finops/analytics/stats.ts";
import { addMonths, fromUnits, narrowTo, toUnits, withoutMonthlyCharges, type Analysis, type ColumnDimension, type Period } from "../../finops/analytics/scope.ts";

type Db = Pick<Database, "sql">;
/** "Which day cost the most, and why?": an ask for what made it stand out. */
const ASKS_WHY = /\bwhy\b|\bwhat (?:caused|drove|happened)\b|\bexplain\b|\breasons?\b/i;



/** "rose in 3 of the", "fell in all", "rose in 2 and fell in 2 of the" (before "4 month-to-month steps"). */
function moves(rises: number, falls: number, steps: number): string {
  if (rises === falls) return `rose in ${rises} and fell in ${falls} of the`;
  const most = Math.max(rises, falls);
  return `${rises > falls ? "rose" : "fell"} in ${most === steps ? "all" : `${most} of the`}`;
}


/** Asks for a growth rate ("what's our storage growth rate?", "how fast is AI spend growing?"): the rate leads. */
const GROWTH_RATE_ASKED = /\bgrowth rates?\b|\bhow fast\b|\brate of (?:growth|increase)\b/i;

/** "Is our spend going up?": each month (or week, day) of the period, how it moved, and which way overall. */
export async function directionAnswer(db: Db, input: SpecialistInput, exec: ExecutionScope<AnswerSection>) {
  const { question, dimensions, scope } = input;
  exec.useTool("costTrend");
  const trend = await costTrend(db, { period: scope.period, filters: scope.filters, metric: scope.metric, granularity: scope.granularity });
  const unit = scope.granularity;
  // A month the data covers only part of (it starts or ends during it) would read as a rise from, or fall to,
  // little: the months compared are whole ones.
  const points = unit === "month" ? trend.data.total.filter((p) => wholeMonthOfData(p.bucketStart, scope.dataRange)) : trend.data.total;
  const partial = trend.data.total.length - points.length;
  const bucketName = (start: string) =>
    unit === "month" ? periodName({ start, end: addMonths(start, 1) }) : unit === "week" ? `the week of ${start}` : start;
  const money = (amount: string | number) => formatMoney(amount, scope.currency);
  // "The trend of our credits": credits are negative, so their size is what rises or falls (more credits is a rise).
  const credits = points.length > 0 && points.every((p) => p.value <= 0) && points.some((p) => p.value < 0);
  const sized = credits ? points.map((p) => ({ ...p, value: -p.value, amount: fromUnits(-toUnits(p.amount)) })) : points;
  const what = credits ? "credits" : "spend";
  const steps = sized.slice(1).map((p, i) => ({ from: sized[i]!, to: p, delta: p.value - sized[i]!.value }));
  const rises = steps.filter((s) => s.delta > 0).length;
  const falls = steps.filter((s) => s.delta < 0).length;
  const first = sized[0];
  const last = sized.at(-1);
  const section = emptySection("cost_analysis", "Which way spend is going");
  section.provenance = trend.provenance;
  if (!first || !last || steps.length === 0) {
    section.headline = `There is not enough data ${scope.periodPhrase}${scopeText(scope)} to tell which way spend is going: it needs two ${unit}s or more.`;
    return section;
  }
  // "How has our GPU spend changed?" with none of it: no way to go, said plainly (not "up, unevenly" from $0 to $0).
  if (sized.every((p) => p.value === 0)) {
    section.figures = { first: points[0]!.amount, last: points.at(-1)!.amount, rises: 0, falls: 0, steps: steps.length };
    section.headline = `**No ${what}${scopeText(scope)}** in any of the ${sized.length} ${unit}s ${scope.periodPhrase}: it cost nothing in each, so it went neither up nor down.`;
    return section;
  }
  const percent = (from: number, to: number) => (from === 0 ? null : ((to - from) / Math.abs(from)) * 100);
  const overall = percent(first.value, last.value);
  const lastStep = steps.at(-1)!;
  const way = rises > falls ? "Up" : falls > rises ? "Down" : last.value >= first.value ? "Up, unevenly" : "Down, unevenly";
  // The compound growth rate a step: the one rate that, step after step, takes the first to the last.
  const rate = first.value > 0 && last.value > 0 ? (Math.pow(last.value / first.value, 1 / steps.length) - 1) * 100 : null;
  section.figures = { first: points[0]!.amount, last: points.at(-1)!.amount, changePercent: overall, rises, falls, steps: steps.length, averageGrowthPercent: rate, ...(credits ? { of: "credits" } : {}) };
  const span = `from ${money(first.amount)} in ${bucketName(first.bucketStart)} to ${money(last.amount)} in ${bucketName(last.bucketStart)} (${formatSignedPercent(overall)})`;
  const average = rate === null ? "" : `${formatSignedPercent(rate)} a ${unit}`;
  const rateAsked = GROWTH_RATE_ASKED.test(question) && rate !== null;
  const whole = `${what} ${moves(rises, falls, steps.length)} ${steps.length} ${unit}-to-${unit} steps, ${span}${average ? `, ${average} on average.` : "."}`;
  section.headline = rateAsked
    ? `**${average}** on average${scopeText(scope)}, compounded: ${span}; ${what} ${moves(rises, falls, steps.length)} ${steps.length} ${unit}-to-${unit} steps.`
    : `**${way}**${scopeText(scope)}: ${whole}`;
  // "When did our costs start going up?": where the latest run that way began.
  if (dimensions.turn) section.headline = `${runSentence(steps, dimensions.turn === "up" ? 1 : -1, bucketName, money, unit, scopeText(scope))} Over all ${steps.length + 1} ${unit}s, ${whole}`;
  // "How has AI's share of our bill changed this year?": each bucket's share of the whole's cost, which leads.
  const shares = dimensions.share && hasScope(scope) && !credits ? await sharesOfWhole(db, input, trend) : null;
  if (shares) {
    section.provenance.push(...shares.provenance);
    const [a, b] = [shares.at(first.bucketStart), shares.at(last.bucketStart)];
    Object.assign(section.figures, { firstShare: a, lastShare: b });
    section.headline =
      `**${formatPercent(b)}** of ${shares.of} in ${bucketName(last.bucketStart)} were${scopeText({ ...scope, filters: shares.part })}, ` +
      `against ${formatPercent(a)} in ${bucketName(first.bucketStart)} (${pointsMoved(a, b)}). ${capitalised(whole)}`;
  }
  section.tables.push({
    title: `By ${unit}`,
    columns: [
      { key: "bucket", label: unit === "month" ? "Month" : unit === "week" ? "Week of" : "Day", format: "text" },
      { key: "amount", label: `Cost (${scope.currency})`, format: "money" },
      { key: "change", label: `Change (${scope.currency})`, format: "money" },
      { key: "changePercent", label: "Change", format: "percent" },
    ],
    rows: points.map((p, i) => ({
      bucket: unit === "month" ? bucketName(p.bucketStart) : p.bucketStart,
      amount: p.amount,
      change: i === 0 ? null : cents(p.value - points[i - 1]!.value),
      changePercent: i === 0 ? null : percent(points[i - 1]!.value, p.value),
      ...(shares ? { share: shares.at(p.bucketStart) } : {}),
    })),
  });
  if (shares) section.tables[0]!.columns.push({ key: "share", label: `Share of ${shares.of}`, format: "percent" });
  section.charts.push({
    kind: "line",
    title: `${unit === "month" ? "Monthly" : unit === "week" ? "Weekly" : "Daily"} cost`,
    unit: scope.currency,
    series: [{ name: scope.metric, style: "actual", points: points.map((p) => ({ x: p.bucketStart, y: p.value })) }],
  });
  section.markdown = [
    tableMarkdown(section.tables[0]!, scope.currency),
    "",
    `The latest ${unit}, ${bucketName(lastStep.to.bucketStart)}, ${credits ? "had credits " : "was "}${formatSignedPercent(percent(lastStep.from.value, lastStep.to.value))} on the one before.`,
    ...(partial ? ["", partialMonthsNote(partial, scope.dataRange)] : []),
  ].join("\n");
  // "The top 5 accounts and their trend": each one's too.
  // "How did the top 5 accounts trend?": the values asked about lead, the whole bill after them.
  if (scope.groupBy) {
    const kept = new Set(points.map((p) => p.bucketStart));
    const byValue = await addTrendsByValue(db, scope, section, (bucket) => kept.has(bucket), (bucket) => bucketLabel(bucket, unit), { sentenceLeads: !rateAsked });
    if (byValue && !rateAsked) section.headline = `${byValue} In all${scopeText(scope)}, ${whole}`;
  }
  return section;
}

/**
 * The scope's share of its whole (all costs, or the whole the question names: "share of AWS spend") in each bucket of
 * the scope's trend; null when there is no whole cost to divide by.
 */
async function sharesOfWhole(db: Db, { scope, dimensions }: SpecialistInput, mine: Analysis<Trend>) {
  const { whole, part } = shareWhole(scope.filters, dimensions.shareOf);
  const all = await costTrend(db, { period: scope.period, filters: whole, metric: scope.metric, granularity: scope.granularity });
  const wholeAt = new Map(all.data.total.map((p) => [p.bucketStart, p.value]));
  const mineAt = new Map(mine.data.total.map((p) => [p.bucketStart, p.value]));
  const at = (bucket: string) => {
    const w = wholeAt.get(bucket);
    return w ? ((mineAt.get(bucket) ?? 0) / w) * 100 : null;
  };
  const of = dimensions.shareOf.length ? `the costs${scopeText({ ...scope, filters: whole })}` : "all costs";
  return { at, of, part, provenance: all.provenance };
}

/**
 * Where the latest run of steps the way asked (`sign` 1 up, -1 down) began: "Since February 2026: spend rose in each
 * of the 9 months …", or that the latest step went the other way.
 */
export function runSentence(
  steps: Array<{ from: { bucketStart: string; amount: string; value: number }; to: { bucketStart: string; amount: string; value: number }; delta: number }>,
  sign: 1 | -1,
  bucketName: (start: string) => string,
  money: (amount: string | number) => string,
  unit: string,
  scopeWords: string,
): string {
  const rose = sign > 0 ? "rose" : "fell";
  let first = steps.length;
  while (first > 0 && Math.sign(steps[first - 1]!.delta) === sign) first -= 1;
  const run = steps.slice(first);
  const last = steps.at(-1)!;
  if (!run.length) {
    // The latest run the way asked, before the step that broke it.
    let end = steps.length - 1;
    while (end >= 0 && Math.sign(steps[end]!.delta) !== sign) end -= 1;
    let begin = end;
    while (begin > 0 && Math.sign(steps[begin - 1]!.delta) === sign) begin -= 1;
    const earlier = end >= 0
      ? ` The latest run ${sign > 0 ? "up" : "down"} was from ${bucketName(steps[begin]!.from.bucketStart)} to ${bucketName(steps[end]!.to.bucketStart)}, ` +
        `${money(steps[begin]!.from.amount)} to ${money(steps[end]!.to.amount)} (${formatSignedPercent(steps[begin]!.from.value === 0 ? null : ((steps[end]!.to.value - steps[begin]!.from.value) / Math.abs(steps[begin]!.from.value)) * 100)}).`
      : "";
    return `**Spend${scopeWords} is not ${sign > 0 ? "going up" : "going down"} now**: ${bucketName(last.to.bucketStart)} ${sign > 0 ? "fell" : "rose"} ${formatPercent(Math.abs(last.from.value === 0 ? 0 : (last.delta / last.from.value) * 100))} on the ${unit} before.${earlier}`;
  }
  const start = run[0]!.from;
  const end = run.at(-1)!.to;
  const change = start.value === 0 ? null : ((end.value - start.value) / Math.abs(start.value)) * 100;
  const before = first > 0 ? steps[first - 1]! : null;
  return (
    `**Since ${bucketName(start.bucketStart)}**${scopeWords}: spend ${rose} ${run.length === 1 ? "in the one" : `in each of the ${run.length}`} ${unit}-to-${unit} ${run.length === 1 ? "step" : "steps"} from then, ` +
    `from ${money(start.amount)} to ${money(end.amount)} in ${bucketName(end.bucketStart)} (${formatSignedPercent(change)})` +
    (before ? `; before that, ${bucketName(before.to.bucketStart)} ${before.delta === 0 ? "held level" : sign > 0 ? "fell" : "rose"} on ${bucketName(before.from.bucketStart)}.` : `, the first ${unit} of the data.`)
  );
}

/** "Our biggest resource over time", "how has our most expensive service trended?": the one, not a ranking of many. */
export const TOP_ONE = /\b(?:our|the)\s+(?:single\s+)?(?:biggest|largest|most expensive|costliest|priciest|top|highest[- ]cost(?:ing)?)\s+(?:cost\s+)?(?:resource|service|account|sub-?account|region|team|app|application|provider|project|environment|cost[- ]cent(?:er|re))\b(?!s)/i;

/**
 * "Show spend on our biggest resource over time": the value of the grouping that cost the most over the period, then
 * which way its own spend went, bucket by bucket. Falls back to every value's trend when the grouping cannot be
 * narrowed to one (no value has cost, or the dimension has no filter).
 */
export async function topOneDirection(db: Db, input: SpecialistInput, exec: ExecutionScope<AnswerSection>) {
  const { scope } = input;
  const { dimension, tagKey } = scope.groupBy!;
  exec.useTool("costBreakdown");
  const ranking = await costBreakdown(db, { period: scope.period, filters: scope.filters, metric: scope.metric, dimension, tagKey, limit: 5 });
  const rows = ranking.data.rows.map((r) => ({ ...r, name: null as string | null }));
  const naming = await nameIds(db, dimension, scope.period, rows);
  const top = rows.find((r) => !r.isOthers && r.key !== null);
  const filters = top ? narrowTo(scope.filters, dimension, top.key!, tagKey) : null;
  if (!top || !filters) return directionAnswer(db, input, exec);
  const shown = readableLabels(rows).shown(top);
  const narrowed: ResolvedScope = {
    ...scope,
    filters,
    groupBy: null,
    resources: dimension === "ResourceId" ? [{ id: top.key!, name: shown }] : scope.resources,
    accounts: dimension === "SubAccountId" ? [{ name: shown, subAccountIds: [top.key!], billingAccountIds: [] }] : scope.accounts,
  };
  const section = await directionAnswer(db, { ...input, scope: narrowed }, exec);
  const noun = dimensionNoun(dimensionLabel(dimension, tagKey));
  const share = Number(ranking.data.total) === 0 ? "" : `, ${formatPercent((Number(top.amount) / Number(ranking.data.total)) * 100)} of all`;
  section.title = `${shown} over time`;
  Object.assign(section.figures, { top: shown, topKey: top.key, topAmount: top.amount });
  section.headline =
    `**${shown}** is the largest ${noun} ${scope.periodPhrase} (${formatMoney(top.amount, scope.currency)}${share}). ${section.headline}`;
  section.provenance = [...ranking.provenance, ...(naming ? [naming] : []), ...section.provenance];
  return section;
}

/** "Which day had the highest spend last month?": the period's days (weeks, months) ranked by cost. */
export async function peakAnswer(db: Db, { scope, question, dimensions }: SpecialistInput, unit: "day" | "week" | "month", exec: ExecutionScope<AnswerSection>) {
  // "Our cheapest month this year": the one that cost the least.
  const least = dimensions.smallestFirst;
  exec.useTool("costTrend");
  const trend = await costTrend(db, { period: scope.period, filters: scope.filters, metric: scope.metric, granularity: unit });
  const money = (amount: string | number) => formatMoney(amount, scope.currency);
  // Days after the data ends (or before it starts) have no cost recorded, not a cost of zero: not averaged in. A week
  // or month the period or the data cuts (December to its 5th) holds only part of its cost: not ranked or averaged
  // either, unless no whole one is left.
  const within = withinData(trend.data.total, scope.dataRange, unit);
  const whole = unit === "day" ? within : wholeBuckets(within, scope.period, scope.dataRange, unit);
  const points = whole.length ? whole : within;
  const cut = within.filter((p) => !points.includes(p));
  const ranked = [...points].sort((a, b) => (least ? a.value - b.value : b.value - a.value) || a.bucketStart.localeCompare(b.bucketStart));
  const top = ranked[0];
  const section = emptySection("cost_analysis", `${least ? "Least" : "Most"} expensive ${unit}`);
  section.provenance = trend.provenance;
  // The headline names the bucket; the table's column already says "Week of".
  const name = (bucket: string) => (unit === "month" ? monthLabel(bucket) : unit === "week" ? `The week of ${bucket}` : bucket);
  const cell = (bucket: string) => (unit === "week" ? bucket : name(bucket));
  if (!top || top.value === 0) {
    section.headline = `There is no cost ${scope.periodPhrase}${scopeText(scope)}.`;
    return section;
  }
  const sum = sumDecimals(points.map((p) => p.amount));
  const mean = Number(sum) / points.length;
  section.figures = { peak: top.bucketStart, peakAmount: top.amount, buckets: points.length, average: cents(mean), ranking: least ? "least" : "most" };
  section.headline =
    `**${name(top.bucketStart)}** cost the ${least ? "least" : "most"} ${scope.periodPhrase}${scopeText(scope)}: **${money(top.amount)}**, ` +
    `against ${money(mean)} for the average ${unit} (${formatSignedPercent(mean === 0 ? null : ((top.value - mean) / mean) * 100)}).`;
  // "The most expensive day": each month's first day carries its tax and purchases, which FOCUS dates there. The day
  // that cost the most for what was used is named too.
  if (unit === "day" && !least && top.bucketStart.endsWith("-01")) {
    exec.useTool("costTrend");
    const usage = await costTrend(db, { period: scope.period, filters: withoutMonthlyCharges(scope.filters), metric: scope.metric, granularity: "day" });
    const peak = [...withinData(usage.data.total, scope.dataRange, unit)].sort((a, b) => b.value - a.value || a.bucketStart.localeCompare(b.bucketStart))[0];
    if (peak && peak.bucketStart !== top.bucketStart) {
      Object.assign(section.figures, { peakWithoutMonthlyCharges: peak.bucketStart, peakWithoutMonthlyChargesAmount: peak.amount });
      section.headline +=
        ` That is a month's first day, which carries the month's tax and purchases; without them, the most expensive day was ` +
        `**${peak.bucketStart}** (${money(peak.amount)}).`;
      section.provenance = [...section.provenance, ...usage.provenance];
    }
  }
  section.tables.push({
    title: `${least ? "Least" : "Most"} expensive ${unit}s`,
    columns: [
      { key: "bucket", label: unit === "month" ? "Month" : unit === "week" ? "Week of" : "Day", format: "text" },
      { key: "amount", label: `Cost (${scope.currency})`, format: "money" },
    ],
    rows: ranked.slice(0, 5).map((p) => ({ bucket: cell(p.bucketStart), amount: p.amount })),
  });
  if (points.length > 1) {
    section.charts.push({
      kind: "line",
      title: `Cost per ${unit}`,
      unit: scope.currency,
      series: [{ name: scope.metric, style: "actual", points: points.map((p) => ({ x: p.bucketStart, y: p.value })) }],
      markers: [{ x: top.bucketStart, label: least ? "lowest" : "highest" }],
      markerKind: "peak",
    });
  }
  const partial =
    (points.length > 0 && addDaysIso(scope.dataRange.end, 1) < scope.period.end ? ` The data ends on ${scope.dataRange.end}.` : "") +
    (cut.length
      ? ` ${capitalised(cut.map((p) => (unit === "week" ? `the week of ${p.bucketStart}` : name(p.bucketStart))).join(" and "))} ` +
        `${cut.length === 1 ? "holds" : "hold"} only part of ${cut.length === 1 ? "its" : "their"} days here and ${cut.length === 1 ? "is" : "are"} left out.`
      : "");
  section.markdown = [
    tableMarkdown(section.tables[0]!, scope.currency),
    "",
    `The average ${unit}: ${money(sum)} over ${points.length} ${unit}s ÷ ${points.length}.${partial}`,
  ].join("\n");
  // "…and why?": what made it stand out, against the same stretch just before.
  if (ASKS_WHY.test(question)) await whyPeak(db, scope, unit, top.bucketStart, name(top.bucketStart), section, exec);
  return section;
}

/**
 * What made a peak stand out: the day against the same weekday a week before (the week against the week before,
 * the month against the month before), by service, and how much of the rise is charges billed for a whole period
 * (tax, commitment fees), which FOCUS dates on the period's first day.
 */
async function whyPeak(db: Db, scope: ResolvedScope, unit: "day" | "week" | "month", bucket: string, name: string, section: AnswerSection, exec: ExecutionScope<AnswerSection>) {
  const current = { start: bucket < scope.period.start ? scope.period.start : bucket, end: unit === "month" ? addMonths(bucket, 1) : addDaysIso(bucket, unit === "day" ? 1 : 7) };
  if (current.end > scope.period.end) current.end = scope.period.end;
  const baseline = unit === "month" ? { start: addMonths(current.start, -1), end: addMonths(current.end, -1) } : { start: addDaysIso(current.start, -7), end: addDaysIso(current.end, -7) };
  const before = unit === "day" ? `the same weekday a week before (${baseline.start})` : unit === "week" ? `the week before` : periodName(baseline);
  if (baseline.start < scope.dataRange.start) {
    section.markdown += `\n\nWhy it stands out cannot be told here: ${before} is before the cost data starts (${scope.dataRange.start}).`;
    return;
  }
  exec.useTool("comparePeriods");
  const compare = (driverDimension: ColumnDimension) =>
    comparePeriods(db, { current, mode: "custom", baseline, filters: scope.filters, metric: scope.metric, driverDimension, limit: 5 });
  const [byService, byCharge] = await Promise.all([compare("ServiceName"), compare("ChargeCategory")]);
  const c = byService.data;
  section.figures.whyBaseline = c.baseline.total;
  section.figures.whyChange = c.change;
  const rises = c.drivers.filter((d) => !d.isOthers && Number(d.delta) > 0).slice(0, 3);
  section.tables.push({
    title: `${capitalised(name)} against ${before}`,
    columns: [
      { key: "label", label: "Service", format: "text" },
      { key: "baseline", label: `Before (${scope.currency})`, format: "money" },
      { key: "current", label: `Then (${scope.currency})`, format: "money" },
      { key: "delta", label: `Change (${scope.currency})`, format: "money" },
    ],
    rows: c.drivers.map((d) => ({ label: d.label, baseline: d.baseline, current: d.current, delta: d.delta })),
  });
  // Period charges: tax, commitment fees and other non-usage charges dated on the first day of their billing period.
  const periodCharges = byCharge.data.drivers.filter((d) => !d.isOthers && d.key !== null && d.key !== "Usage" && Number(d.delta) > 0);
  const periodDelta = Number(sumDecimals(periodCharges.map((d) => d.delta)));
  const chargesNote =
    periodCharges.length && periodDelta >= Math.abs(Number(c.change)) * 0.2
      ? ` ${periodDelta >= Math.abs(Number(c.change)) * 0.5 ? "Most of it is" : "Part of it is"} ` +
        `${periodCharges.map((d) => `${chargeCategoryLabel(d.key!)} (${formatMoney(d.delta, scope.currency)})`).join(" and ")}: ` +
        `charges billed for a whole billing period, which FOCUS dates on the period's first day, so they land on one day rather than spread over the month.`
      : "";
  section.markdown +=
    `\n\n**Why:** ${name} cost ${formatMoney(c.current.total, scope.currency)}, ${Number(c.change) >= 0 ? "up" : "down"} ${formatMoney(Math.abs(Number(c.change)), scope.currency)} ` +
    `from ${formatMoney(c.baseline.total, scope.currency)} on ${before}.` +
    chargesNote +
    (rises.length ? ` By service, the largest rises were ${rises.map((d) => `${d.label} (${formatMoney(d.delta, scope.currency)})`).join(", ")}.` : "") +
    `\n\n${tableMarkdown(section.tables.at(-1)!, scope.currency)}`;
  section.provenance = [...section.provenance, ...byService.provenance, ...byCharge.provenance];
}
