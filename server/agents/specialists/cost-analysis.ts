import { dimensionLabel, emptySection, plural, readableLabels, formatMoney, formatPercent, formatNumber, formatUnitPrice, formatSignedPercent, tableMarkdown, type AnswerSection } from "../answer.ts";
import { costBreakdown, nameIds } from "../../finops/analytics/breakdown.ts";
import { countPerValue } from "../../finops/analytics/counts.ts";
import { comparePeriods } from "../../finops/analytics/compare.ts";
import { isPlaceholderValue } from "../../finops/analytics/tag-coverage.ts";
import { bucketOf, costTrend, type Trend } from "../../finops/analytics/trend.ts";
import { unitCosts } from "../../finops/analytics/unit-cost.ts";
import { rightsizingFindings } from "../../finops/analytics/rightsizing.ts";
import type { ExecutionScope } from "../hardened-agent.ts";
import { appearedValues } from "./appeared.ts";
import { weekendsAnswer } from "./weekends.ts";
import { addTrendsByValue } from "./trend-by.ts";
import { allocationAnswer, variantsOf } from "./allocation-answer.ts";
import { MATERIAL_SHARE, THRESHOLD_LIMIT } from "./answer-limits.ts";
import { taggingAnswer } from "./tagging-answer.ts";
import { accountsLabel, chargeCategoryLabel, periodName, scopeText, Specialist, type SpecialistInput } from "./specialist.ts";
import { CHANGE, FALL, HOW_CHANGED, RELATIVE_CHANGE } from "../classifier/change-words.ts";
import { monthLabel, partialMonthsNote, wholeMonthOfData, type ResolvedScope } from "../scope.ts";
import { addDaysIso } from "../../finops/data-range.ts";
import { baselineFor, wholeMonths, type CompareMode, type Comparison } from "../../finops/analytics/compare.ts";
import { decimalToUnits, sumDecimals, unitsToCents } from "../../finops/analytics/stats.ts";
import { addMonths, daysBetween, MONTHLY_CHARGE_CATEGORIES, narrowTo, type Analysis, type ColumnDimension, type Period, type Provenance } from "../../finops/analytics/scope.ts";

/** A span of months the question asks about as a whole: "over the last 6 months", "during the past two quarters". */
const OVER_A_SPAN =
  /\b(?:over|during|in|across|throughout|within)\s+the\s+(?:last|past|previous)\s+(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|few|several)\s+(?:months|quarters|years)\b/i;
/** "Which day cost the most, and why?": an ask for what made it stand out. */
const ASKS_WHY = /\bwhy\b|\bwhat (?:caused|drove|happened)\b|\bexplain\b|\breasons?\b/i;
/** Days in a month on average (365 / 12): a monthly run rate is the daily average times this. */
const DAYS_PER_MONTH = 365 / 12;
const cents = (n: number) => Math.round(n * 100) / 100;

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

/** Rows a "how many" answer lists. */
const COUNT_LIMIT = 50;
/** A two-level breakdown ("by team and region"): the first grouping's largest values, and each one's largest parts. */
const CROSS_ROWS = 5;
const CROSS_PARTS = 5;

/** FOCUS PricingCategory values in the words FinOps teams use for them. */
const PRICING_CATEGORY_NAMES: Record<string, string> = {
  Standard: "Standard (on-demand)",
  Committed: "Committed (reservations, savings plans)",
  Dynamic: "Dynamic (spot, preemptible)",
  Other: "Other",
};
const PRICING_CATEGORY_NOTE =
  "FOCUS PricingCategory: Standard is on-demand pricing, Committed is usage a reservation or savings plan covers, " +
  "Dynamic is spot or preemptible capacity. Charges without a price (taxes, credits, commitment purchases) have none.";


/** Whether the scope narrows the costs at all (a billing currency alone does not). */
function hasScope(scope: ResolvedScope): boolean {
  return Object.entries(scope.filters).some(([key, value]) => key !== "billingCurrencies" && Array.isArray(value) && value.length > 0);
}

/** Units of the business, not of the bill: unit economics that need a count the cost data does not have. */
const BUSINESS_UNIT = /\bper\s+(?:active\s+|paying\s+)?(customer|user|order|transaction|tenant|seat|sale|subscriber|request served|visit|session)s?\b/i;

/** "Hours" -> "Hour", "Requests" -> "Request"; "GB-Mo" and "1K Tokens" as they are. */
const singular = (unit: string) => (/^[A-Za-z]+s$/.test(unit) ? unit.slice(0, -1) : unit);

/** Service and pricing-unit pairs a unit cost question naming a unit reads, to find every one priced in that unit. */
const UNIT_PAIRS_LIMIT = 200;
/** The unit a question names, and how FOCUS PricingUnit values spell it ("GB-Mo", "GiB-Hours", "Hrs", "1K Tokens"). */
const UNIT_WORDS: Array<[RegExp, RegExp]> = [
  [/\b(?:gb|gib|gigabytes?)\b/i, /\bG(?:i)?B\b|gigabyte/i],
  [/\b(?:tb|tib|terabytes?)\b/i, /\bT(?:i)?B\b|terabyte/i],
  [/\bvcpu\b/i, /vcpu/i],
  [/\b(?:hours?|hr|hrs|hourly)\b/i, /\bh(?:ou)?rs?\b|hour/i],
  [/\brequests?\b/i, /request/i],
  [/\btokens?\b/i, /token/i],
  [/\bquer(?:y|ies)\b/i, /quer/i],
];


/** Values a metrics-side-by-side answer reads per metric, so each row finds its amount in every metric. */
const METRICS_ROWS = 500;
const METRIC_NAMES = { BilledCost: "Billed cost", EffectiveCost: "Effective cost", ListCost: "List cost", ContractedCost: "Contracted cost" };
/** What each FOCUS cost metric is, as the FinOps Foundation defines it. */
const METRIC_MEANINGS = {
  BilledCost: "what the invoice charges in the period: commitment purchases when they are bought, usage at the rate paid.",
  EffectiveCost:
    "amortized cost: commitment purchases spread over the usage they cover, so usage carries its share and the purchase rows none.",
  ListCost: "the same usage at public list prices, before any discount.",
  ContractedCost: "the usage at your negotiated rates, before commitment discounts.",
};
const METRIC_WORDS = { BilledCost: "billed cost", EffectiveCost: "effective (amortized) cost", ListCost: "list cost", ContractedCost: "contracted cost" };

/** Spend questions: totals and breakdowns, trends, period comparisons with drivers, allocation and tag coverage. */
export class CostAnalysisAgent extends Specialist {
  readonly agentType = "cost_analysis" as const;
  readonly agentName = "cost-analysis";
  readonly title = "Analysing spend";

  protected async answer(input: SpecialistInput, exec: ExecutionScope<AnswerSection>): Promise<AnswerSection> {
    // "Amortized vs billed": the metrics side by side over one scope.
    if (input.dimensions.metrics.length >= 2) return this.metricsSideBySide(input, exec);
    // "Unit cost per GB for S3": usage cost per pricing unit.
    if (input.dimensions.unitCost) return this.unitCost(input, exec);
    // "Which services are new this month?": cost now and none in the months before (or the other way round).
    if (input.dimensions.appeared) return appearedValues(this.db, input, exec);
    // "Average daily spend on weekends vs weekdays": the average day of each, and what drops at weekends.
    if (input.dimensions.weekends) return weekendsAnswer(this.db, input, exec);
    // "How many resources do we have in each account?": a count per value, not a breakdown of cost.
    const countOf = input.dimensions.countOf?.dimension;
    if (input.dimensions.count && countOf && countOf !== "Tag" && input.scope.groupBy) return this.countPer(input, countOf, exec);
    // "Which accounts grew the most?" is a comparison ranked by change; "which services cost more than $20k?" is not.
    const amountOnly = input.dimensions.thresholds.some((t) => t.kind === "amount") && !CHANGE.test(input.question.toLowerCase());
    // "How has that changed over the last 6 months?": how it moved month by month within them, not set against the 6
    // months before.
    const withinSpan = HOW_CHANGED.test(input.question) && OVER_A_SPAN.test(input.question) && daysBetween(input.scope.period.start, input.scope.period.end) >= 85;
    if (withinSpan && !input.scope.comparison && !input.dimensions.growth) return this.direction({ ...input, scope: { ...input.scope, granularity: "month" } }, exec);
    if ((input.intent === "spend_comparison" && !amountOnly) || input.scope.comparison || input.dimensions.growth) return this.compare(input, exec);
    // "Staging compared to production", "Azure OpenAI vs Bedrock": two things named against each other are set side by
    // side, each with its own change, not added up, whatever the question was classified as.
    if (namesTwoSides(input) && !amountOnly) return this.compare(input, exec);
    // "Cost by team and region": each team split by region.
    if (input.scope.groupBy && input.scope.thenBy && !input.dimensions.count) return this.crossBreakdown(input, exec);
    // Allocation is by tag; "which accounts cost the most" classified as allocation is a breakdown by account, and
    // "what does the checkout app cost" (one owner named) a breakdown of that owner's cost.
    const byColumn = input.scope.groupBy && input.scope.groupBy.dimension !== "Tag";
    const oneOwner = input.dimensions.tags.some((t) => t.values.length > 0);
    // "Which team has the highest cost per day?" is a daily rate per team (runRate), not a showback of the period.
    if (input.intent === "cost_allocation" && !byColumn && !oneOwner && !input.dimensions.rate) return allocationAnswer(this.db, input, exec);
    if (input.intent === "tagging_compliance") return taggingAnswer(this.db, input, exec);
    if (input.dimensions.rate) return this.runRate(input, exec);
    if (input.dimensions.peak) return this.peak(input, input.dimensions.peak, exec);
    if (input.dimensions.monthlyAverage) return this.monthlyAverage(input, exec);
    if (input.dimensions.direction) return this.direction(input, exec);
    return this.breakdown(input, exec);
  }

  /** "How many resources do we have in each account?": per account, how many resources had cost, the most first. */
  private async countPer({ scope }: SpecialistInput, countOf: ColumnDimension, exec: ExecutionScope<AnswerSection>) {
    const groupBy = scope.groupBy!;
    const section = emptySection("cost_analysis", `${dimensionLabel(countOf)} count by ${dimensionLabel(groupBy.dimension, groupBy.tagKey).toLowerCase()}`);
    exec.useTool("countPerValue");
    const result = await countPerValue(this.db, {
      period: scope.period, filters: scope.filters, metric: scope.metric, dimension: groupBy.dimension, tagKey: groupBy.tagKey, countOf, limit: COUNT_LIMIT,
    });
    const c = result.data;
    const rows = c.rows.map((r) => ({ ...r, isOthers: false, name: null as string | null }));
    const names = await nameIds(this.db, groupBy.dimension, scope.period, rows);
    const { shown, idColumns, idCell } = readableLabels(rows);
    const per = dimensionLabel(groupBy.dimension, groupBy.tagKey);
    const what = dimensionLabel(countOf).toLowerCase();
    // Cost in no account (taxes, support) is not "in" one.
    const top = rows.find((r) => r.key !== null) ?? rows[0];
    section.figures = { total: c.total, values: c.valueCount, top: top ? shown(top) : null, topCount: top?.count ?? null };
    section.headline = top
      ? `**${formatNumber(c.total)} ${plural(what, c.total)}** had cost ${scope.periodPhrase}${scopeText(scope)}, in ${c.valueCount} ${plural(per.toLowerCase(), c.valueCount)}; ` +
        `the most are in **${shown(top)}** (${formatNumber(top.count)}, ${formatMoney(top.amount, scope.currency)}).`
      : `No ${plural(what, 2)} had cost ${scope.periodPhrase}${scopeText(scope)}.`;
    section.tables.push({
      title: section.title,
      columns: [
        { key: "label", label: per, format: "text" },
        ...idColumns,
        { key: "count", label: `${dimensionLabel(countOf)}s`, format: "number" },
        { key: "amount", label: `Cost (${scope.currency})`, format: "money" },
      ],
      rows: rows.map((r) => ({ label: shown(r), ...idCell(r), count: r.count, amount: r.amount })),
    });
    section.markdown = [
      tableMarkdown(section.tables[0]!, scope.currency, COUNT_LIMIT),
      "",
      `Counted over the ${plural(what, 2)} with cost ${scope.periodPhrase}; a ${what} in two ${plural(per.toLowerCase(), 2)} counts in each row, and once in the total.`,
    ].join("\n");
    section.provenance = [...result.provenance, ...(names ? [names] : [])];
    return section;
  }

  /** "Is our spend going up?": each month (or week, day) of the period, how it moved, and which way overall. */
  private async direction({ scope }: SpecialistInput, exec: ExecutionScope<AnswerSection>) {
    exec.useTool("costTrend");
    const trend = await costTrend(this.db, { period: scope.period, filters: scope.filters, metric: scope.metric, granularity: scope.granularity });
    const unit = scope.granularity;
    // A month the data covers only part of (it starts or ends during it) would read as a rise from, or fall to,
    // little: the months compared are whole ones.
    const points = unit === "month" ? trend.data.total.filter((p) => wholeMonthOfData(p.bucketStart, scope.dataRange)) : trend.data.total;
    const partial = trend.data.total.length - points.length;
    const bucketName = (start: string) =>
      unit === "month" ? periodName({ start, end: addMonths(start, 1) }) : unit === "week" ? `the week of ${start}` : start;
    const money = (amount: string | number) => formatMoney(amount, scope.currency);
    const steps = points.slice(1).map((p, i) => ({ from: points[i]!, to: p, delta: p.value - points[i]!.value }));
    const rises = steps.filter((s) => s.delta > 0).length;
    const falls = steps.filter((s) => s.delta < 0).length;
    const first = points[0];
    const last = points.at(-1);
    const section = emptySection("cost_analysis", "Which way spend is going");
    section.provenance = trend.provenance;
    if (!first || !last || steps.length === 0) {
      section.headline = `There is not enough data ${scope.periodPhrase}${scopeText(scope)} to tell which way spend is going: it needs two ${unit}s or more.`;
      return section;
    }
    const percent = (from: number, to: number) => (from === 0 ? null : ((to - from) / Math.abs(from)) * 100);
    const overall = percent(first.value, last.value);
    const lastStep = steps.at(-1)!;
    const way = rises > falls ? "Up" : falls > rises ? "Down" : last.value >= first.value ? "Up, unevenly" : "Down, unevenly";
    section.figures = { first: first.amount, last: last.amount, changePercent: overall, rises, falls, steps: steps.length };
    section.headline =
      `**${way}**${scopeText(scope)}: spend ${moves(rises, falls, steps.length)} ${steps.length} ${unit}-to-${unit} steps, ` +
      `from ${money(first.amount)} in ${bucketName(first.bucketStart)} to ${money(last.amount)} in ${bucketName(last.bucketStart)} (${formatSignedPercent(overall)}).`;
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
      })),
    });
    section.charts.push({
      kind: "line",
      title: `${unit === "month" ? "Monthly" : unit === "week" ? "Weekly" : "Daily"} cost`,
      unit: scope.currency,
      series: [{ name: scope.metric, style: "actual", points: points.map((p) => ({ x: p.bucketStart, y: p.value })) }],
    });
    section.markdown = [
      tableMarkdown(section.tables[0]!, scope.currency),
      "",
      `The latest ${unit}, ${bucketName(lastStep.to.bucketStart)}, was ${formatSignedPercent(percent(lastStep.from.value, lastStep.to.value))} on the one before.`,
      ...(partial ? ["", partialMonthsNote(partial, scope.dataRange)] : []),
    ].join("\n");
    // "The top 5 accounts and their trend": each one's too.
    if (scope.groupBy) {
      const kept = new Set(points.map((p) => p.bucketStart));
      await addTrendsByValue(this.db, scope, section, (bucket) => kept.has(bucket), (bucket) => (unit === "month" ? shortMonthLabel(bucket) : bucket));
    }
    return section;
  }

  /** "How much are we spending per day?", "monthly run rate": the daily average, and a month and a year at that pace. */
  private async runRate(input: SpecialistInput, exec: ExecutionScope<AnswerSection>) {
    const { scope } = input;
    const section = await this.breakdown(input, exec);
    const days = (Date.parse(scope.period.end) - Date.parse(scope.period.start)) / 86_400_000;
    const total = Number(section.figures.total);
    const daily = total / days;
    const money = (n: number) => formatMoney(n, scope.currency);
    section.title = "Run rate";
    Object.assign(section.figures, {
      days,
      dailyAverage: cents(daily),
      monthlyRunRate: cents(daily * DAYS_PER_MONTH),
      annualRunRate: cents(daily * 365),
    });
    section.headline =
      `**${money(daily)} a day** on average over ${scope.periodLabel}${scopeText(scope)}: ` +
      `a run rate of **${money(daily * DAYS_PER_MONTH)} a month** and **${money(daily * 365)} a year**.`;
    const grouped = scope.groupBy ? section.tables.at(-1) : undefined;
    const top = section.figures.topKey;
    if (grouped && top != null) {
      // "Which team costs the most a day?": each value's daily average beside its cost, led by the largest.
      const before = tableMarkdown(grouped, scope.currency, 15);
      const at = grouped.columns.findIndex((c) => c.key === "amount") + 1;
      grouped.columns.splice(at, 0, { key: "perDay", label: `Per day (${scope.currency})`, format: "money" });
      for (const row of grouped.rows) row.perDay = row.amount == null ? null : cents(Number(row.amount) / days);
      section.markdown = section.markdown.replace(before, tableMarkdown(grouped, scope.currency, 15));
      const topDaily = Number(section.figures.topAmount) / days;
      section.figures.topDailyAverage = cents(topDaily);
      section.headline =
        `**${top}** costs the most a day${scopeText(scope)}: **${money(topDaily)} a day** on average over ${scope.periodLabel}, ` +
        `of ${money(daily)} a day in all (a run rate of ${money(daily * DAYS_PER_MONTH)} a month).`;
    }
    section.markdown = [
      `Run rate: the ${money(total)} of those ${days} days ÷ ${days}, × 30.4 days a month (365 ÷ 12) or × 365 days a year.`,
      "",
      section.markdown,
    ].join("\n");
    return section;
  }

  /** "Which day had the highest spend last month?": the period's days (weeks, months) ranked by cost. */
  private async peak({ scope, question }: SpecialistInput, unit: "day" | "week" | "month", exec: ExecutionScope<AnswerSection>) {
    exec.useTool("costTrend");
    const trend = await costTrend(this.db, { period: scope.period, filters: scope.filters, metric: scope.metric, granularity: unit });
    const money = (amount: string | number) => formatMoney(amount, scope.currency);
    // Days after the data ends (or before it starts) have no cost recorded, not a cost of zero: not averaged in.
    const points = trend.data.total.filter((p) => p.bucketStart <= scope.dataRange.end && p.bucketStart >= bucketOf(scope.dataRange.start, unit));
    const ranked = [...points].sort((a, b) => b.value - a.value || a.bucketStart.localeCompare(b.bucketStart));
    const top = ranked[0];
    const section = emptySection("cost_analysis", `Most expensive ${unit}`);
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
    section.figures = { peak: top.bucketStart, peakAmount: top.amount, buckets: points.length, average: cents(mean) };
    section.headline =
      `**${name(top.bucketStart)}** cost the most ${scope.periodPhrase}${scopeText(scope)}: **${money(top.amount)}**, ` +
      `against ${money(mean)} for the average ${unit} (${formatSignedPercent(mean === 0 ? null : ((top.value - mean) / mean) * 100)}).`;
    section.tables.push({
      title: `Most expensive ${unit}s`,
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
        markers: [{ x: top.bucketStart, label: "highest" }],
        markerKind: "peak",
      });
    }
    const partial = points.length > 0 && addDaysIso(scope.dataRange.end, 1) < scope.period.end ? ` The data ends on ${scope.dataRange.end}.` : "";
    section.markdown = [
      tableMarkdown(section.tables[0]!, scope.currency),
      "",
      `The average ${unit}: ${money(sum)} over ${points.length} ${unit}s ÷ ${points.length}.${partial}`,
    ].join("\n");
    // "…and why?": what made it stand out, against the same stretch just before.
    if (ASKS_WHY.test(question)) await this.whyPeak(scope, unit, top.bucketStart, name(top.bucketStart), section, exec);
    return section;
  }

  /**
   * What made a peak stand out: the day against the same weekday a week before (the week against the week before,
   * the month against the month before), by service, and how much of the rise is charges billed for a whole period
   * (tax, commitment fees), which FOCUS dates on the period's first day.
   */
  private async whyPeak(scope: ResolvedScope, unit: "day" | "week" | "month", bucket: string, name: string, section: AnswerSection, exec: ExecutionScope<AnswerSection>) {
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
      comparePeriods(this.db, { current, mode: "custom", baseline, filters: scope.filters, metric: scope.metric, driverDimension, limit: 5 });
    const [byService, byCharge] = await Promise.all([compare("ServiceName"), compare("ChargeCategory")]);
    const c = byService.data;
    section.figures.whyBaseline = c.baseline.total;
    section.figures.whyChange = c.change;
    const rises = c.drivers.filter((d) => !d.isOthers && Number(d.delta) > 0).slice(0, 3);
    section.tables.push({
      title: `${name[0]!.toUpperCase()}${name.slice(1)} against ${before}`,
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

  /**
   * "What's the average monthly spend this year?": the period's complete months of data (a month the data only
   * partly covers would pull the average down), their total ÷ their number.
   */
  private async monthlyAverage(input: SpecialistInput, exec: ExecutionScope<AnswerSection>) {
    const scope: ResolvedScope = { ...input.scope, granularity: "month" };
    exec.useTool("costTrend");
    const trend = await costTrend(this.db, { period: scope.period, filters: scope.filters, metric: scope.metric, granularity: "month" });
    // The breakdown shows the months (its by-month table and chart come from this same trend) and the services.
    const section = await this.breakdown({ ...input, scope, dimensions: { ...input.dimensions, granularity: "monthly" } }, exec, trend);
    const complete = trend.data.total.filter((p) => wholeMonthOfData(p.bucketStart, scope.dataRange));
    const money = (amount: string | number) => formatMoney(amount, scope.currency);
    section.title = "Average month";
    if (complete.length === 0) {
      section.markdown = [`_No month ${scope.periodPhrase} is wholly covered by the data (${scope.dataRange.start} to ${scope.dataRange.end}), so there is no monthly average._`, "", section.markdown].join("\n");
      return section;
    }
    const total = sumDecimals(complete.map((p) => p.amount));
    const average = cents(Number(total) / complete.length);
    const first = monthLabel(complete[0]!.bucketStart);
    const last = monthLabel(complete.at(-1)!.bucketStart);
    Object.assign(section.figures, { monthlyAverage: average, completeMonths: complete.length, completeMonthsTotal: total });
    section.headline =
      `**${money(average)} a month** on average ${scope.periodPhrase}${scopeText(scope)}, over the ${complete.length} complete ` +
      `${complete.length === 1 ? "month" : "months"} of data (${complete.length === 1 ? first : `${first} to ${last}`}).`;
    const left = trend.data.total.length - complete.length;
    section.markdown = [
      `Average: ${money(total)} ÷ ${complete.length}.` +
        (left > 0 ? ` ${left} ${left === 1 ? "month" : "months"} of the period the data does not wholly cover ${left === 1 ? "is" : "are"} left out.` : ""),
      "",
      section.markdown,
    ].join("\n");
    return section;
  }

  /** "What's our unit cost per GB for S3?": usage cost per FOCUS PricingUnit, leading with the unit the question names. */
  private async unitCost(input: SpecialistInput, exec: ExecutionScope<AnswerSection>) {
    const { scope, question } = input;
    // "Cost per customer": a business unit the bill does not count. Give the spend to divide, and say so.
    const business = question.match(BUSINESS_UNIT);
    if (business) {
      const section = await this.breakdown(input, exec);
      section.markdown = [
        `_Cost per ${business[1]!.toLowerCase()} needs the number of ${business[1]!.toLowerCase()}s, which the cost data does not hold: divide the spend below by it. ` +
          `Per unit of usage (GB-month, hour, request), ask for the unit cost per GB or per hour._`,
        "",
        section.markdown,
      ].join("\n");
      return section;
    }
    const asked = UNIT_WORDS.find(([word]) => word.test(question))?.[1];
    exec.useTool("unitCosts");
    // A unit named ("per GB") reads enough pairs to find every service priced in it, however small.
    const result = await unitCosts(this.db, { period: scope.period, filters: scope.filters, metric: scope.metric, limit: asked ? UNIT_PAIRS_LIMIT : Math.max(scope.topN, 10) });
    const section = emptySection("cost_analysis", "Unit cost");
    section.provenance = result.provenance;
    // "Cost per GB of our storage": the pairs priced in that unit, not requests and operations beside them.
    const inUnit = asked ? result.data.rows.filter((r) => asked.test(r.pricingUnit)) : [];
    const otherUnits = inUnit.length ? [...new Set(result.data.rows.filter((r) => !asked!.test(r.pricingUnit)).map((r) => r.pricingUnit))] : [];
    const u = inUnit.length ? { ...result.data, rows: inUnit } : { ...result.data, rows: result.data.rows.slice(0, Math.max(scope.topN, 10)) };
    const priced = u.rows.filter((r) => r.unitCost !== null);
    const lead = priced.find((r) => !asked || asked.test(r.pricingUnit)) ?? priced[0];
    if (!lead) {
      section.headline = `There is no usage with a pricing quantity ${scope.periodPhrase}${scopeText(scope)}, so there is no unit cost to give.`;
      return section;
    }
    section.figures = { unitCost: lead.unitCost, pricingUnit: lead.pricingUnit, service: lead.serviceName, cost: lead.cost, quantity: lead.quantity };
    section.headline =
      `**${formatUnitPrice(lead.unitCost!, scope.currency)} per ${singular(lead.pricingUnit)}**${perMillion(lead.unitCost!, lead.pricingUnit, scope.currency)} for ${lead.serviceName} ${scope.periodPhrase}${scopeText(scope)}: ` +
      `${formatMoney(lead.cost, scope.currency)} ${METRIC_WORDS[scope.metric]} of usage over ${formatNumber(lead.quantity)} ${lead.pricingUnit}.`;
    section.tables.push({
      title: "Unit cost by service and pricing unit",
      columns: [
        { key: "service", label: "Service", format: "text" },
        { key: "unit", label: "Pricing unit", format: "text" },
        { key: "quantity", label: "Quantity", format: "number" },
        { key: "cost", label: `Cost (${scope.currency})`, format: "money" },
        { key: "unitCost", label: `Unit cost (${scope.currency})`, format: "text" },
      ],
      rows: u.rows.map((r) => ({
        service: r.serviceName,
        unit: r.pricingUnit,
        quantity: r.quantity,
        cost: r.cost,
        unitCost: r.unitCost === null ? null : `${formatUnitPrice(r.unitCost, scope.currency)}${perMillion(r.unitCost, r.pricingUnit, scope.currency)}`,
      })),
    });
    const more = otherUnits.length
      ? ` Only pricing units in the unit asked about are shown; ${otherUnits.join(", ")} ${otherUnits.length === 1 ? "is" : "are"} left out (ask for the unit cost without a unit to see every one).`
      : u.pairCount > u.rows.length
        ? ` The ${u.rows.length} largest of ${u.pairCount} service and unit pairs are shown.`
        : "";
    section.markdown = [
      tableMarkdown(section.tables[0]!, scope.currency),
      "",
      `Unit cost = ${METRIC_WORDS[scope.metric]} of usage ÷ its FOCUS PricingQuantity, per service and PricingUnit; ` +
        `purchases, credits and taxes have no usage quantity and are left out.${more}`,
    ].join("\n");
    return section;
  }

  /** "Amortized vs billed": each metric's total over one scope, by service, and what tells them apart. */
  private async metricsSideBySide({ scope, dimensions }: SpecialistInput, exec: ExecutionScope<AnswerSection>) {
    const metrics = dimensions.metrics;
    const dimension = scope.groupBy?.dimension ?? "ServiceName";
    exec.useTool("costBreakdown");
    // Every value of the dimension, so each metric's amount can be shown beside the first metric's top rows.
    const results = await Promise.all(
      metrics.map((metric) =>
        costBreakdown(this.db, { period: scope.period, filters: scope.filters, metric, dimension, tagKey: scope.groupBy?.tagKey, limit: METRICS_ROWS }),
      ),
    );
    const [first, ...others] = results.map((r) => r.data);
    const money = (amount: string) => formatMoney(amount, scope.currency);
    const difference = (a: string, b: string) => unitsToCents(decimalToUnits(a) - decimalToUnits(b));
    const section = emptySection("cost_analysis", metrics.map((m) => METRIC_NAMES[m]).join(" vs "));
    section.figures = Object.fromEntries(results.map((r, i) => [metrics[i]!, r.data.total]));
    const gaps = others.map((o, i) => ({ metric: metrics[i + 1]!, delta: difference(o.total, first!.total) }));
    section.headline =
      results.map((r, i) => `**${money(r.data.total)}** ${METRIC_WORDS[metrics[i]!]}`).join(" vs ") +
      ` ${scope.periodPhrase}${scopeText(scope)}` +
      gaps
        .map((g) =>
          Number(g.delta) === 0
            ? `; the two are equal`
            : `; ${METRIC_NAMES[g.metric].toLowerCase()} is ${money(g.delta.replace(/^-/, ""))} ${g.delta.startsWith("-") ? "lower" : "higher"}`,
        )
        .join("") +
      ".";
    const label = dimensionLabel(dimension, scope.groupBy?.tagKey);
    const byKey = others.map((o) => new Map(o.rows.map((r) => [r.key, r])));
    const shown = first!.rows.filter((r) => !r.isOthers).slice(0, scope.topN);
    section.tables.push({
      title: `By ${label.toLowerCase()}`,
      columns: [
        { key: "label", label, format: "text" },
        ...metrics.map((m) => ({ key: m, label: `${METRIC_NAMES[m]} (${scope.currency})`, format: "money" as const })),
        ...others.map((_, i) => ({ key: `delta${i}`, label: `Difference (${scope.currency})`, format: "money" as const })),
      ],
      rows: [
        ...shown.map((r) => {
          const row: Record<string, string | number | null> = { label: r.label, [metrics[0]!]: r.amount };
          byKey.forEach((rows, i) => {
            // Not among the other metric's rows: no cost there, unless it has more values than were read.
            const other = rows.get(r.key)?.amount ?? (others[i]!.valueCount > METRICS_ROWS ? null : "0");
            row[metrics[i + 1]!] = other;
            row[`delta${i}`] = other === null ? null : difference(other, r.amount);
          });
          return row;
        }),
        {
          label: "Total",
          ...Object.fromEntries(results.map((r, i) => [metrics[i]!, r.data.total])),
          ...Object.fromEntries(gaps.map((g, i) => [`delta${i}`, g.delta])),
        },
      ],
    });
    section.charts.push({
      kind: "bar",
      title: `${metrics.map((m) => METRIC_NAMES[m]).join(" and ")} by ${label.toLowerCase()}`,
      unit: scope.currency,
      series: results.map((r, i) => ({
        name: metrics[i]!,
        points: shown.map((row) => ({ x: row.label, y: Number(r.data.rows.find((x) => x.key === row.key)?.amount ?? 0) })),
      })),
    });
    const notes = metrics.map((m) => `- **${METRIC_NAMES[m]}**: ${METRIC_MEANINGS[m]}`);
    section.markdown = [
      tableMarkdown(section.tables[0]!, scope.currency, scope.topN + 1),
      "",
      `Rows are the ${shown.length} largest by ${METRIC_WORDS[metrics[0]!]}; the total row covers every ${label.toLowerCase()}.`,
      "",
      ...notes,
    ].join("\n");
    section.provenance = results.flatMap((r) => r.provenance);
    return section;
  }

  /**
   * "Cost by team and region", "break that down by region" after a breakdown by team: the largest values of the first
   * grouping, each split into its largest values of the second (one costBreakdown per value, narrowed to it).
   */
  private async crossBreakdown({ scope }: SpecialistInput, exec: ExecutionScope<AnswerSection>) {
    const [rowsBy, partsBy] = [scope.groupBy!, scope.thenBy!];
    const base = { period: scope.period, metric: scope.metric };
    exec.useTool("costBreakdown");
    const outer = await costBreakdown(this.db, { ...base, filters: scope.filters, dimension: rowsBy.dimension, tagKey: rowsBy.tagKey, limit: CROSS_ROWS });
    // Costs with no value and the Others remainder are not one value: they are not split.
    const inner = await Promise.all(
      outer.data.rows.map((r) => {
        const narrowed = r.isOthers || r.key === null ? null : narrowTo(scope.filters, rowsBy.dimension, r.key, rowsBy.tagKey);
        return narrowed && costBreakdown(this.db, { ...base, filters: narrowed, dimension: partsBy.dimension, tagKey: partsBy.tagKey, limit: CROSS_PARTS });
      }),
    );
    // A tag by its key, as written; a column by its FOCUS name ("Region" heads the column, "region" is in sentences).
    const label = (g: NonNullable<ResolvedScope["groupBy"]>) => (g.dimension === "Tag" ? g.tagKey! : dimensionLabel(g.dimension));
    const name = (g: NonNullable<ResolvedScope["groupBy"]>) => (g.dimension === "Tag" ? g.tagKey! : dimensionLabel(g.dimension).toLowerCase());
    const [rowsName, partsName] = [name(rowsBy), name(partsBy)];
    const outerShown = readableLabels(outer.data.rows).shown;
    const innerShown = inner.map((split) => split && readableLabels(split.data.rows).shown);
    const section = emptySection("cost_analysis", `Spend by ${rowsName} and ${partsName}`);
    const lines: Array<{ group: string; part: string; amount: string; share: number | null }> = [];
    outer.data.rows.forEach((r, i) => {
      const split = inner[i];
      const shown = innerShown[i];
      if (!split || !shown) return void lines.push({ group: outerShown(r), part: "—", amount: r.amount, share: null });
      for (const p of split.data.rows) lines.push({ group: outerShown(r), part: shown(p), amount: p.amount, share: p.share == null ? null : p.share * 100 });
    });
    section.tables.push({
      title: `By ${rowsName} and ${partsName}`,
      columns: [
        { key: "group", label: label(rowsBy), format: "text" },
        { key: "part", label: label(partsBy), format: "text" },
        { key: "amount", label: `Cost (${scope.currency})`, format: "money" },
        { key: "share", label: `Share of the ${rowsName}`, format: "percent" },
      ],
      rows: lines,
    });
    section.charts.push({
      kind: "bar",
      title: `${scope.periodLabel} by ${rowsName}`,
      unit: scope.currency,
      series: [{ name: scope.metric, points: outer.data.rows.map((r) => ({ x: outerShown(r), y: r.value })) }],
    });
    const topIndex = outer.data.rows.findIndex((r) => !r.isOthers && r.key !== null);
    const top = outer.data.rows[topIndex];
    const topPart = inner[topIndex]?.data.rows.find((p) => !p.isOthers && p.key !== null);
    const money = (amount: string) => formatMoney(amount, scope.currency);
    // As the one-grouping breakdown's figures: values by label.
    section.figures = { total: outer.data.total, topKey: top?.label ?? null, topAmount: top?.amount ?? null, topPart: topPart?.label ?? null, topPartAmount: topPart?.amount ?? null };
    section.headline =
      `**${money(outer.data.total)}** ${METRIC_WORDS[scope.metric]} ${scope.periodPhrase}${scopeText(scope)}, by ${rowsName} and ${partsName}` +
      (top
        ? `: the largest ${rowsName} is **${outerShown(top)}** (${money(top.amount)})` +
          (topPart ? `, most of it in **${innerShown[topIndex]!(topPart)}** (${money(topPart.amount)}, ${formatPercent((topPart.share ?? 0) * 100)}).` : ".")
        : ".");
    const split = inner.filter(Boolean).length;
    const unsplit = outer.data.rows.some((r) => r.isOthers || r.key === null) ? ` Others and cost with no ${rowsName} are not split.` : "";
    // The text names each group once, on its first line; the table's data keeps it on every line (API callers, exports).
    const grouped = lines.map((line, i) => (i > 0 && lines[i - 1]!.group === line.group ? { ...line, group: "" } : line));
    section.markdown = [
      tableMarkdown({ ...section.tables[0]!, rows: grouped }, scope.currency, grouped.length),
      "",
      `The ${split} largest ${plural(rowsName, split)}, each split into ${split === 1 ? "its" : "their"} ${CROSS_PARTS} largest ${plural(partsName, CROSS_PARTS)} (the rest as Others).${unsplit}`,
    ].join("\n");
    section.provenance = [...outer.provenance, ...inner.flatMap((b) => b?.provenance ?? [])];
    return section;
  }

  /** `knownTrend`: the scope's trend at its granularity, when the caller already read it. */
  private async breakdown({ scope, intent, dimensions }: SpecialistInput, exec: ExecutionScope<AnswerSection>, knownTrend?: Analysis<Trend>) {
    // "Services costing more than $5,000": the rows past an amount.
    const amountOver = dimensions.count || dimensions.share ? undefined : dimensions.thresholds.find((t) => t.kind === "amount");
    // "Storage vs compute", "the ratio of storage to compute": two or more categories named, each one a row.
    const categories = (scope.filters.serviceCategories?.length ?? 0) >= 2 && !scope.filters.services?.length;
    // One service ("what's driving our Bedrock costs?") is broken down by its resources, as its change drivers are: a
    // table of that one service would say nothing.
    // "Taxes and credits this year": two or more charge categories named, each one a row (netted, they say little).
    const chargeKinds = (scope.filters.chargeCategories?.length ?? 0) >= 2;
    const dimension =
      scope.groupBy?.dimension ??
      (categories ? "ServiceCategory" : chargeKinds ? "ChargeCategory" : scope.filters.services?.length === 1 ? "ResourceId" : "ServiceName");
    // "The least expensive services", "which account spent the least?": the smallest first.
    const smallestFirst = dimensions.smallestFirst && !dimensions.count && !amountOver;
    exec.useTool("costBreakdown");
    const breakdown = await costBreakdown(this.db, {
      period: scope.period,
      filters: scope.filters,
      metric: scope.metric,
      dimension,
      tagKey: scope.groupBy?.tagKey,
      // "How many accounts do we have?" lists them all (up to a page); "services over $5k" ranks enough to filter.
      limit: dimensions.count ? Math.max(scope.topN, COUNT_LIMIT) : amountOver ? THRESHOLD_LIMIT : scope.topN,
      order: smallestFirst ? "smallest" : "largest",
    });
    const label = dimensionLabel(dimension, scope.groupBy?.tagKey);
    const section = emptySection("cost_analysis", intent === "service_breakdown" || dimension !== "ServiceName" ? `Spend by ${label.toLowerCase()}` : "Spend");
    const b = amountOver
      ? {
          ...breakdown.data,
          rows: breakdown.data.rows.filter((r) => !r.isOthers && r.key !== null && (amountOver.op === "lt" ? r.value < amountOver.value : r.value > amountOver.value)),
        }
      : breakdown.data;
    // The largest (or smallest) named value: costs with none ("no resource": taxes, credits, support) are not "the most
    // expensive".
    const top = b.rows.find((r) => !r.isOthers && r.key !== null) ?? b.rows.find((r) => !r.isOthers);
    section.figures = { total: b.total, topKey: top?.label ?? null, topAmount: top?.amount ?? null, rows: b.rows.length, order: smallestFirst ? "smallest" : "largest" };
    if (top && !top.isOthers && top.key !== null) section.lead = { dimension, key: top.key, label: top.label, tagKey: scope.groupBy?.tagKey };
    // "How much credit did we get?": credits are negative cost; the answer gives their size, and what they did.
    const creditsOnly = scope.filters.chargeCategories?.length === 1 && scope.filters.chargeCategories[0] === "Credit" && Number(b.total) < 0;
    // "How much do we spend on GPUs?" with nothing called so: the bill is not passed off as the subject's cost.
    const allCosts = scope.unnamedSubject ? `: all costs, as nothing in the cost data is called "${scope.unnamedSubject}".` : ".";
    section.headline = creditsOnly
      ? `**${formatMoney(b.total.replace(/^-/, ""), scope.currency)} in credits** ${scope.periodPhrase}${scopeText({ ...scope, filters: { ...scope.filters, chargeCategories: undefined } })}: they lowered the ${METRIC_WORDS[scope.metric]} by that much.`
      : `**${formatMoney(b.total, scope.currency)}** ${METRIC_WORDS[scope.metric]} ${scope.periodPhrase}${scopeText(scope)}${allCosts}`;
    if (chargeKinds && dimension === "ChargeCategory") {
      // Each category named on its own, credits by their size: "$175,165 in taxes and $3,063 in credits".
      const parts = scope.filters.chargeCategories!.map((category) => {
        const amount = b.rows.find((r) => r.key === category)?.amount ?? "0";
        const credit = category === "Credit" && Number(amount) < 0;
        return `**${formatMoney(credit ? amount.replace(/^-/, "") : amount, scope.currency)}** in ${chargeCategoryLabel(category)}`;
      });
      const rest = scopeText({ ...scope, filters: { ...scope.filters, chargeCategories: undefined } });
      section.headline = `${parts.join(" and ")} ${scope.periodPhrase}${rest}: ${formatMoney(b.total, scope.currency)} ${METRIC_WORDS[scope.metric]} net.`;
    }
    // "How much did we spend on gpt-4o-mini?" when nothing is called so: that comes first, not "$0.00".
    if (scope.unmatched.length && b.rows.every((r) => r.value === 0)) section.headline = `**No cost found for ${scope.unmatched.join(", ")}** ${scope.periodPhrase}.`;
    const provenance = [...breakdown.provenance];
    if (dimensions.count) {
      // The costs carrying no value of the dimension ("no sub-account": taxes, credits) are not one of them.
      const unnamed = b.rows.find((r) => r.key === null && !r.isOthers);
      const count = b.valueCount - (unnamed ? 1 : 0);
      section.figures.count = count;
      section.headline =
        `**${count} ${plural(label.toLowerCase(), count)}** had cost ${scope.periodPhrase}${scopeText(scope)}: ` +
        `${formatMoney(b.total, scope.currency)} ${METRIC_WORDS[scope.metric]} in all` +
        (unnamed ? `, ${formatMoney(unnamed.amount, scope.currency)} of it on no ${label.toLowerCase()}.` : ".");
    } else if (dimensions.share && hasScope(scope)) {
      // "What percentage of our spend is compute?": the part against every cost of the period.
      exec.useTool("costBreakdown");
      const all = await costBreakdown(this.db, {
        period: scope.period,
        filters: { billingCurrencies: scope.filters.billingCurrencies },
        metric: scope.metric,
        dimension: "ProviderName",
      });
      const whole = all.data.totalValue;
      const share = whole === 0 ? null : (b.totalValue / whole) * 100;
      section.figures.share = share;
      section.figures.allCosts = all.data.total;
      section.headline =
        `**${formatPercent(share)}** of all costs ${scope.periodPhrase} were${scopeText(scope)}: ` +
        `${formatMoney(b.total, scope.currency)} of ${formatMoney(all.data.total, scope.currency)} ${METRIC_WORDS[scope.metric]}.`;
      provenance.push(...all.provenance);
    }
    // Ids read badly ("arn:aws:…", "418295730164"): rows show the name FOCUS carries beside them, and the id after it.
    const readable = readableLabels(b.rows);
    const shown = dimension === "PricingCategory" ? (r: (typeof b.rows)[number]) => PRICING_CATEGORY_NAMES[r.label] ?? readable.shown(r) : readable.shown;
    const { idColumns, idCell } = readable;
    section.tables.push({
      title: `By ${label.toLowerCase()}`,
      columns: [
        { key: "label", label: dimension === "Tag" ? (scope.groupBy?.tagKey ?? "Tag") : label, format: "text" },
        ...idColumns,
        { key: "amount", label: `Cost (${scope.currency})`, format: "money" },
        { key: "share", label: "Share", format: "percent" },
      ],
      rows: b.rows.map((r) => ({
        label: shown(r),
        ...idCell(r),
        amount: r.amount,
        share: r.share == null ? null : r.share * 100,
      })),
    });
    // No cost at all ("how much did gpt-4o-mini cost?" when nothing is called so): no empty table or flat charts.
    const empty = b.rows.length === 0;
    if (!empty) {
      section.charts.push({
        kind: "bar",
        title: `${scope.periodLabel} by ${label.toLowerCase()}`,
        unit: scope.currency,
        series: [{ name: scope.metric, points: b.rows.map((r) => ({ x: shown(r), y: r.value })) }],
      });
    }
    exec.setPartial({ ...section, markdown: empty ? "" : tableMarkdown(section.tables[0]!, scope.currency) });
    exec.useTool("costTrend");
    const trend = knownTrend ?? (await costTrend(this.db, { period: scope.period, filters: scope.filters, metric: scope.metric, granularity: scope.granularity }));
    const unitName = scope.granularity === "day" ? "Daily" : scope.granularity === "week" ? "Weekly" : "Monthly";
    // One day (or week) is one point: no line to draw.
    if (trend.data.total.length > 1 && !empty) {
      section.charts.unshift({
        kind: "line",
        title: `${unitName} cost`,
        unit: scope.currency,
        series: [{ name: scope.metric, style: "actual", points: trend.data.total.map((p) => ({ x: p.bucketStart, y: p.value })) }],
      });
    }
    // "Q3 broken down by month": the months are the breakdown asked for, before the one by service.
    const byTime = dimensions.granularity !== undefined && !dimensions.rate && !scope.groupBy && trend.data.total.length > 1;
    if (byTime) {
      const unit = scope.granularity;
      section.tables.unshift({
        title: `By ${unit}`,
        columns: [
          { key: "bucket", label: unit === "month" ? "Month" : unit === "week" ? "Week of" : "Day", format: "text" },
          { key: "amount", label: `Cost (${scope.currency})`, format: "money" },
          { key: "share", label: "Share", format: "percent" },
        ],
        rows: trend.data.total.map((p) => ({
          bucket: unit === "month" ? monthLabel(p.bucketStart) : p.bucketStart,
          amount: p.amount,
          share: b.totalValue === 0 ? null : (p.value / b.totalValue) * 100,
        })),
      });
    }
    const explanation = dimensions.count
      ? ""
      : top
      ? `The ${smallestFirst ? "smallest" : "largest"} is **${shown(top)}** at ${formatMoney(top.amount, scope.currency)} (${formatPercent((top.share ?? 0) * 100)} of the total), out of ${b.valueCount} ${label.toLowerCase()} ${b.valueCount === 1 ? "value" : "values"}` +
        (smallestFirst ? `, smallest first: this ranks what you spent, not prices.` : ".")
      : "There is no cost in this period for these filters.";
    const shareNote = section.figures.share === undefined ? [] : ["", `Share: ${formatMoney(b.total, scope.currency)} ÷ ${formatMoney(String(section.figures.allCosts), scope.currency)}, the period's costs with no filter.`];
    const pricingNote = dimension === "PricingCategory" ? ["", PRICING_CATEGORY_NOTE] : [];
    const variantsNote = dimension === "Tag" ? variantsOf(b.rows.filter((r) => !r.isOthers), scope.currency) : [];
    if (amountOver) section.figures.passing = b.rows.length;
    const over = amountOver
      ? [
          `**${b.rows.length === 0 ? "No" : b.rows.length} ${plural(label.toLowerCase(), b.rows.length === 0 ? 2 : b.rows.length)}** cost ${amountOver.op === "lt" ? "less" : "more"} than ${formatMoney(amountOver.value, scope.currency)}` +
            (breakdown.data.rows.some((r) => r.isOthers) ? ` (the ${THRESHOLD_LIMIT} largest were checked).` : "."),
          "",
        ]
      : [];
    section.markdown = [
      ...over,
      ...(byTime ? [tableMarkdown(section.tables[0]!, scope.currency, 31), ""] : []),
      ...(empty ? [] : [tableMarkdown(section.tables.at(-1)!, scope.currency, dimensions.count ? COUNT_LIMIT : amountOver ? THRESHOLD_LIMIT : 15)]),
      ...(explanation ? ["", explanation] : []),
      ...shareNote,
      ...pricingNote,
      ...variantsNote,
    ].join("\n");
    section.provenance = [...provenance, ...trend.provenance];
    // "How much does assistant-dev-ec2-0047 cost?": what it is used for, and whether it should be changed.
    if (scope.resources.length === 1 && scope.filters.resourceIds?.length === 1) await this.aboutResource(scope, section, exec);
    return section;
  }

  /** One resource's usage (quantity and unit cost) and its rightsizing finding, if it has one. */
  private async aboutResource(scope: ResolvedScope, section: AnswerSection, exec: ExecutionScope<AnswerSection>) {
    exec.useTool("unitCosts");
    exec.useTool("rightsizingFindings");
    const utilisation = { start: addDaysIso(scope.dataRange.end, -29), end: addDaysIso(scope.dataRange.end, 1) };
    const [usage, rightsizing] = await Promise.all([
      unitCosts(this.db, { period: scope.period, filters: scope.filters, metric: scope.metric }),
      rightsizingFindings(this.db, { period: utilisation, filters: { resourceIds: scope.filters.resourceIds } }),
    ]);
    const lines: string[] = [];
    const used = usage.data.rows.filter((r) => r.unitCost !== null);
    if (used.length) {
        lines.push(
        `Usage: ${used.map((r) => `${formatNumber(r.quantity)} ${r.pricingUnit} of ${r.serviceName} at ${formatUnitPrice(r.unitCost!, scope.currency)} per ${singular(r.pricingUnit)}`).join("; ")}.`,
      );
      section.figures.usageUnitCost = used[0]!.unitCost;
    }
    const finding = rightsizing.data.findings[0];
    if (finding) {
      const { cpuP95, memP95 } = finding.evidence;
      const observed = [cpuP95 == null ? null : `p95 CPU ${formatPercent(cpuP95)}`, memP95 == null ? null : `memory ${formatPercent(memP95)}`].filter(Boolean).join(", ");
      lines.push(
        `From ${utilisation.start} to ${scope.dataRange.end}${observed ? ` (${observed})` : ""}: **${finding.proposedAction}**, ` +
          `saving up to ${formatMoney(finding.estimatedMonthlySavings.max.amount, scope.currency)} a month.`,
      );
      Object.assign(section.figures, { finding: finding.proposedAction, findingSavings: finding.estimatedMonthlySavings.max.amount });
    }
    if (lines.length) section.markdown = [section.markdown, ...lines.flatMap((line) => ["", line])].join("\n");
    section.provenance.push(...usage.provenance, ...rightsizing.provenance);
  }

  private async compare(input: SpecialistInput, exec: ExecutionScope<AnswerSection>) {
    const { scope, dimensions, question } = input;
    exec.useTool("comparePeriods");
    // "Which services grew more than 20%?": every driver is ranked (up to the analysis's limit), then kept if it passes.
    const threshold = changeThreshold(dimensions, question);
    // "Which services are growing fastest?": ranked by percentage, among those big enough to matter.
    const relative = RELATIVE_CHANGE.test(question.toLowerCase());
    // "AWS vs Azure", "EC2 vs S3": named things compared with each other, each against its own previous period.
    const sides: ColumnDimension | null = scope.comparison ? null : dimensions.services.length >= 2 ? "ServiceName" : dimensions.providers.length >= 2 ? "ProviderName" : null;
    const mode = scope.comparison ?? "MoM";
    const toDate = sameDaysBefore(scope.period, scope.dataRange.end, mode);
    const baseline = scope.comparisonBaseline ?? toDate?.baseline ?? null;
    const periods = baseline ? { mode: "custom" as const, baseline } : { mode };
    if (!sides && !scope.comparison && scope.accounts.length >= 2) return this.accountsSideBySide(scope, periods, toDate?.unit ?? null);
    const request = {
      current: scope.period,
      ...periods,
      filters: scope.filters,
      metric: scope.metric,
      // Within one service the change is explained by its resources; across services, by service.
      driverDimension: sides ?? scope.groupBy?.dimension ?? (scope.filters.services?.length === 1 ? "ResourceId" : "ServiceName"),
      tagKey: sides ? undefined : scope.groupBy?.tagKey,
      limit: (threshold || relative) && !sides ? THRESHOLD_LIMIT : Math.min(scope.topN, 10),
    };
    const result = await comparePeriods(this.db, request);
    const c = result.data;
    if (sides) {
      const named = c.drivers.filter((d) => !d.isOthers).map((d) => ({ ...d, name: d.label }));
      return this.sideBySide(named, c.baseline.period, dimensionLabel(c.driverDimension), result.provenance, scope, toDate?.unit ?? null);
    }
    if (mostlyBeforeTheData(c.baseline.period, scope.dataRange.start)) {
      // "How has our spend changed this year?" with no year before it in the data: how it moved within the period,
      // month by month, when the period holds three whole months or more. A comparison asked for ("year over year",
      // "compared to the previous 4 months") is not swapped for another: it says there is nothing to compare with.
      const months: string[] = [];
      for (let m = scope.period.start.slice(0, 7) + "-01"; m < scope.period.end; m = addMonths(m, 1)) if (wholeMonthOfData(m, scope.dataRange)) months.push(m);
      const asksHowItChanged = HOW_CHANGED.test(question) && !NAMES_A_COMPARISON.test(question);
      if (scope.comparison || !asksHowItChanged || months.length < 3) return this.beforeTheData(result, scope);
      const within = await this.direction({ ...input, scope: { ...scope, granularity: "month" } }, exec);
      within.markdown +=
        `\n\nThe same days before (${periodName(c.baseline.period)}) are not in the cost data, which starts on ${scope.dataRange.start}: ` +
        `this is how spend moved ${scope.periodPhrase}.`;
      return within;
    }
    // A month to date can lack charges billed on a month's first day that the same days before hold (December's tax
    // is not billed by December 5; November's was, on November 1): the drivers then compare like with like.
    const unbilled = toDate ? await this.notYetBilled(scope, periods) : null;
    const likeForLike = unbilled ? await comparePeriods(this.db, { ...request, filters: unbilled.filters }) : null;
    /** The comparison the drivers come from: like for like when charges are not billed yet. */
    const k = likeForLike?.data ?? c;
    const section = emptySection("cost_analysis", toDate ? `${toDate.unit[0]!.toUpperCase()}${toDate.unit.slice(1)} to date vs the same days of the previous ${toDate.unit}` : comparisonTitle(c.mode, scope.period));
    const direction = Number(c.change) >= 0 ? "up" : "down";
    section.figures = {
      current: c.current.total,
      baseline: c.baseline.total,
      change: c.change,
      changePercent: c.changePercent,
      topDriver: k.drivers[0]?.label ?? null,
      topDriverDelta: k.drivers[0]?.delta ?? null,
    };
    const totals = (b: (text: string) => string) =>
      `${b(formatMoney(c.current.total, scope.currency))} ${scope.periodPhrase}${scopeText(scope)}, ${direction} ${formatMoney(Math.abs(Number(c.change)), scope.currency)} ` +
      `(${formatSignedPercent(c.changePercent)}) from ${formatMoney(c.baseline.total, scope.currency)} in ${periodName(c.baseline.period)}` +
      (toDate ? ` (the same days of the previous ${toDate.unit}).` : ".");
    section.headline = totals((text) => `**${text}**`);
    // "Cost per day this month compared to last month": the daily averages lead; months differ in length.
    if (dimensions.rate) {
      const days = daysBetween(scope.period.start, scope.period.end);
      const baselineDays = daysBetween(c.baseline.period.start, c.baseline.period.end);
      const now = Number(c.current.total) / days;
      const before = Number(c.baseline.total) / baselineDays;
      const perDayChange = before !== 0 ? ((now - before) / Math.abs(before)) * 100 : null;
      Object.assign(section.figures, { days, baselineDays, dailyAverage: cents(now), baselineDailyAverage: cents(before), dailyChangePercent: perDayChange });
      section.headline =
        `**${formatMoney(now, scope.currency)} a day** on average ${scope.periodPhrase}${scopeText(scope)} (${days} ${plural("day", days)}), ` +
        `${now >= before ? "up" : "down"} ${perDayChange === null ? "" : `${formatPercent(Math.abs(perDayChange))} `}from ${formatMoney(before, scope.currency)} a day in ${periodName(c.baseline.period)} ` +
        `(${baselineDays} ${plural("day", baselineDays)}). In all: ${totals((text) => text)}`;
    }
    if (unbilled) {
      const names = unbilled.missing.map((d) => chargeCategoryLabel(d.key!)).join(" and ");
      const held = sumDecimals(unbilled.missing.map((d) => d.baseline));
      Object.assign(section.figures, { likeForLikeCurrent: k.current.total, likeForLikeBaseline: k.baseline.total, likeForLikeChange: k.change, likeForLikeChangePercent: k.changePercent, notYetBilled: held });
      section.headline +=
        ` Like for like, without ${names}, which are billed on a month's first day (${formatMoney(held, scope.currency)} in ${periodName(c.baseline.period)}, none yet): ` +
        `**${Number(k.change) >= 0 ? "up" : "down"} ${formatMoney(Math.abs(Number(k.change)), scope.currency)} (${formatSignedPercent(k.changePercent)})**, ` +
        `${formatMoney(k.current.total, scope.currency)} against ${formatMoney(k.baseline.total, scope.currency)}.`;
    }
    const passing = threshold ? k.drivers.filter((d) => !d.isOthers && threshold.passes(d)) : null;
    // Falls, and the slowest growth, rank from the bottom.
    const falling = FALL.test(question.toLowerCase());
    // By tag, "which team grew the most?" is about the teams: untagged cost and placeholder values ("TBD") are no team.
    const byTag = k.driverDimension === "Tag";
    const owned = (d: (typeof c.drivers)[number]) => !d.isOthers && !(byTag && (d.key === null || isPlaceholderValue(d.key)));
    const fastest = relative && !threshold ? byRate(k.drivers.filter(owned), k.baseline.total, falling || /\bslowest\b/.test(question.toLowerCase()), Math.min(scope.topN, 10)) : null;
    const drivers = passing ?? fastest?.drivers ?? k.drivers;
    const { shown, idColumns, idCell } = readableLabels(drivers);
    section.tables.push({
      title:
        (threshold ? `${threshold.subject(dimensionLabel(k.driverDimension, scope.groupBy?.tagKey))}` : "What changed") +
        (unbilled ? `, without ${unbilled.missing.map((d) => chargeCategoryLabel(d.key!)).join(" and ")}` : ""),
      columns: [
        { key: "label", label: dimensionLabel(k.driverDimension, scope.groupBy?.tagKey), format: "text" },
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
    // "Which accounts grew the most?" leads with the largest rise ("dropped the most": fall), not the largest move.
    const candidates = k.drivers.filter(owned);
    const moved = dimensions.growth && !fastest && !/\bleast\b/i.test(question) ? mostMoved(candidates, falling) : null;
    const lead = fastest ? fastest.drivers[0] : moved ? moved.lead : (candidates[0] ?? k.drivers[0]);
    section.figures.lead = lead?.label ?? null;
    if (lead && !lead.isOthers && lead.key !== null) section.lead = { dimension: k.driverDimension, key: lead.key, label: lead.label, tagKey: scope.groupBy?.tagKey };
    let passed = "";
    if (fastest) {
      const label = dimensionLabel(k.driverDimension, scope.groupBy?.tagKey).toLowerCase();
      section.figures.topByRate = lead?.label ?? null;
      passed =
        `Ranked by percentage change, among the ${plural(label, 2)} that cost at least ${formatMoney(fastest.floor, scope.currency)} ` +
        `(${formatPercent(MATERIAL_SHARE * 100)} of the earlier period's total) before${fastest.unranked ? ` (the ${fastest.checked} largest changes were checked)` : ""}.`;
    }
    if (threshold && passing) {
      const label = dimensionLabel(k.driverDimension, scope.groupBy?.tagKey).toLowerCase();
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
    section.markdown = [
      passed,
      drivers.length > 0 ? tableMarkdown(section.tables[0]!, scope.currency) : "",
      "",
      lead
        ? moved
          ? `**${readableLabels([lead]).shown(lead)}** ${moved.verb} the most (${formatMoney(lead.delta, scope.currency)}, ${formatSignedPercent(lead.deltaPercent)}).`
          : `The ${fastest ? (fastest.fromBottom ? (falling ? "fastest falling" : "slowest growing") : "fastest growing") : "biggest driver"} is **${readableLabels([lead]).shown(lead)}** (${formatMoney(lead.delta, scope.currency)}, ${formatSignedPercent(lead.deltaPercent)}).`
        : moved
          ? `No ${dimensionLabel(k.driverDimension, scope.groupBy?.tagKey).toLowerCase()} ${moved.verb}.`
          : "",
      byTag ? unownedChange(k.drivers.filter((d) => !d.isOthers && !owned(d)), scope.groupBy?.tagKey ?? "tag", scope.currency) : "",
      baselineGap,
    ].join("\n");
    section.provenance = [...result.provenance, ...(unbilled?.provenance ?? []), ...(likeForLike?.provenance ?? [])];
    return section;
  }

  /**
   * Monthly charges (tax, purchases: billed on a month's first day) that the baseline holds and the current period has
   * none of yet, with the filters that leave them out; null when there are none, or nothing else to compare.
   */
  private async notYetBilled(scope: SpecialistInput["scope"], periods: { mode: "custom"; baseline: Period } | { mode: CompareMode }) {
    const byCategory = await comparePeriods(this.db, { current: scope.period, ...periods, filters: scope.filters, metric: scope.metric, driverDimension: "ChargeCategory", limit: 20 });
    const categories = byCategory.data.drivers.filter((d) => !d.isOthers && d.key !== null);
    const missing = categories.filter((d) => MONTHLY_CHARGE_CATEGORIES.has(d.key!) && Number(d.current) === 0 && Number(d.baseline) !== 0);
    const kept = categories.filter((d) => !missing.includes(d)).map((d) => d.key!);
    if (missing.length === 0 || kept.length === 0) return null;
    return { missing, filters: { ...scope.filters, chargeCategories: kept }, provenance: byCategory.provenance };
  }

  /** A comparison period that ends before the data starts (YoY on 12 months of data): say so, with no made-up change. */
  private beforeTheData(result: Analysis<Comparison>, scope: SpecialistInput["scope"]): AnswerSection {
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
  private async accountsSideBySide(
    scope: SpecialistInput["scope"],
    periods: { mode: "custom"; baseline: Period } | { mode: NonNullable<SpecialistInput["scope"]["comparison"]> },
    /** The period is a month or quarter to date, compared with the same days of the one before. */
    toDate: ToDateUnit | null,
  ): Promise<AnswerSection> {
    const sides: Side[] = [];
    const provenance: Provenance[] = [];
    let baseline: Period | null = null;
    for (const { name, subAccountIds, billingAccountIds } of scope.accounts) {
      if (!subAccountIds.length && !billingAccountIds.length) {
        sides.push({ name, label: `${name} (no matching account)`, current: "0", baseline: "0", delta: "0", deltaPercent: null });
        continue;
      }
      const filters = {
        ...scope.filters,
        subAccountIds: subAccountIds.length ? subAccountIds : undefined,
        billingAccountIds: billingAccountIds.length ? billingAccountIds : undefined,
      };
      const result = await comparePeriods(this.db, { current: scope.period, ...periods, filters, metric: scope.metric, driverDimension: "SubAccountId", limit: 1 });
      const c = result.data;
      baseline = c.baseline.period;
      provenance.push(...result.provenance);
      const label = subAccountIds.length ? accountsLabel(name, subAccountIds.length) : name;
      sides.push({ name, label, current: c.current.total, baseline: c.baseline.total, delta: c.change, deltaPercent: c.changePercent });
    }
    return this.sideBySide(sides, baseline ?? scope.period, "Account", provenance, scope, toDate);
  }

  /** Each named value's cost in the period, largest first, and how each moved against the previous period. */
  private sideBySide(
    sides: readonly Side[],
    baselinePeriod: Period,
    dimension: string,
    provenance: Provenance[],
    scope: SpecialistInput["scope"],
    toDate: ToDateUnit | null,
  ): AnswerSection {
    const named = [...sides].sort((a, b) => Number(b.current) - Number(a.current));
    const section = emptySection("cost_analysis", named.map((d) => d.name).join(" vs "));
    // "AWS vs Azure this year" when the year before is mostly not in the data: a change against it would be growth
    // from a few weeks (+1,164%). The sides are set against each other only.
    const noBaseline = mostlyBeforeTheData(baselinePeriod, scope.dataRange.start);
    for (const d of named) {
      section.figures[`current:${d.name}`] = d.current;
      section.figures[`baseline:${d.name}`] = noBaseline ? null : d.baseline;
      section.figures[`changePercent:${d.name}`] = noBaseline ? null : d.deltaPercent;
    }
    const before = `${periodName(baselinePeriod)}${toDate ? `, the same days of the previous ${toDate}` : ""}`;
    section.headline =
      `${named.map((d) => `**${d.name}** ${formatMoney(d.current, scope.currency)}`).join(" vs ")} ${scope.periodPhrase}` +
      (noBaseline ? "." : ` (${named.map((d) => `${d.name} ${formatSignedPercent(d.deltaPercent)}`).join(", ")} against ${before}).`);
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
    ].join("\n");
    section.provenance = provenance;
    return section;
  }

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

/** The largest rise among the drivers (falling: the largest fall), with the verb that says so; lead is absent when none moved that way. */
function mostMoved<D extends { delta: string }>(drivers: D[], falling: boolean): { lead: D | undefined; verb: string } {
  const way = drivers.filter((d) => (falling ? Number(d.delta) < 0 : Number(d.delta) > 0));
  const lead = way.sort((a, b) => (falling ? Number(a.delta) - Number(b.delta) : Number(b.delta) - Number(a.delta)))[0];
  return { lead, verb: falling ? "fell" : "grew" };
}

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
function changeThreshold(dimensions: SpecialistInput["dimensions"], question: string): ChangeThreshold | null {
  const t = dimensions.thresholds.find((x) => x.kind === "percent" || x.kind === "amount");
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

/** "Month-over-month comparison" when the periods are calendar months, else what the comparison period is. */
function comparisonTitle(mode: Comparison["mode"], period: Period): string {
  const months = wholeMonths(period) ?? 0;
  if (mode === "YoY") return "Year-over-year comparison";
  if (mode === "MoM" && months > 0) return "Month-over-month comparison";
  if (mode === "QoQ" && months > 0 && months % 3 === 0) return "Quarter-over-quarter comparison";
  if (mode === "custom") return "Comparison";
  return "Against the period before";
}

/**
 * " ($0.19 per million requests)" beside a unit price below a cent: requests, invocations and API calls are priced
 * and read per million (Lambda's list price is per 1M requests), not at seven decimal places. "" otherwise.
 */
export function perMillion(unitCost: string | number, pricingUnit: string, currency: string): string {
  const price = Number(unitCost);
  if (!(Math.abs(price) > 0 && Math.abs(price) < 0.01)) return "";
  return ` (${formatMoney(price * 1e6, currency)} per million ${plural(singular(pricingUnit), 2)})`;
}

/** "A vs B", "A versus B", "A compared to B": things set against each other. */
const VERSUS = /\bvs\.?(?=\s|$)|\bversus\b|\bcompared?\s+(?:to|with)\b/i;

/** The question sets two named services, providers or accounts against each other. */
function namesTwoSides({ question, dimensions, scope }: SpecialistInput): boolean {
  const sides = dimensions.services.length >= 2 || dimensions.providers.length >= 2 || scope.accounts.length >= 2;
  return sides && VERSUS.test(question) && !scope.groupBy;
}

/** Words that name what to compare with ("compared to", "vs", "the previous"). */
const NAMES_A_COMPARISON = /\b(?:compar\w*|vs\.?|versus|previous|prior|than|over)\b/i;

/** What a period to date runs through: a month, a quarter or a year. */
type ToDateUnit = "month" | "quarter" | "year";

/**
 * A period to date compares with the same days of the period before it: a month to date (it starts on the 1st and
 * ends before the month does) with the same days of the previous month, a quarter to date (it starts on a quarter's
 * first day, runs past its first month and ends where the data does) with the same days of the previous quarter, a
 * year to date (from January 1, past its first quarter, to where the data ends) with the same days of the year before.
 * Comparing 20 days with a whole month, or seven weeks with the seven weeks before, would not compare like with like.
 */
export function sameDaysBefore(period: Period, dataEnd: string, mode: CompareMode): { baseline: Period; unit: ToDateUnit } | null {
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

/** "Jun 2026": a month as a table column names it, narrower than "June 2026". */
const shortMonthLabel = (day: string) => new Date(`${day}T00:00:00Z`).toLocaleString("en-US", { month: "short", year: "numeric", timeZone: "UTC" });

/** "rose in 3 of the", "fell in all", "rose in 2 and fell in 2 of the" (before "4 month-to-month steps"). */
function moves(rises: number, falls: number, steps: number): string {
  if (rises === falls) return `rose in ${rises} and fell in ${falls} of the`;
  const most = Math.max(rises, falls);
  return `${rises > falls ? "rose" : "fell"} in ${most === steps ? "all" : `${most} of the`}`;
}

