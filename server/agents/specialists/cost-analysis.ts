import { valueNoun as valueNounOf, oneCloudNoValue, tagValueSubject, addColumn, capitalised, cents, formatShare, dimensionLabel, dimensionNoun, emptySection, plural, readableLabels, formatMoney, formatWholeMoney, formatPercent, formatNumber, formatUnitPrice, tableMarkdown, type AnswerSection } from "../answer.ts";
import { costBreakdown, costTotal, nameIds, UNTAGGED_OR_PLACEHOLDER_LABEL } from "../../finops/analytics/breakdown.ts";
import { DATA_TRANSFER_NAMES } from "../../finops/data-transfer.ts";
import { countPerValue } from "../../finops/analytics/counts.ts";
import { costTrend, type Trend } from "../../finops/analytics/trend.ts";
import { unitCosts, unitCostTrend } from "../../finops/analytics/unit-cost.ts";
import { rightsizingFindings } from "../../finops/analytics/rightsizing.ts";
import type { ExecutionScope } from "../hardened-agent.ts";
import { appearedValues } from "./appeared.ts";
import { volatilityAnswer } from "./volatility-answer.ts";
import { ONLY_IN, onlyInAnswer } from "./only-in.ts";
import { efficiencyAnswer } from "./efficiency.ts";
import { isMachineState } from "../unnamed-subject.ts";
import { weekendsAnswer } from "./weekends.ts";
import { OWNER_ASKED, ownersOf, ownershipOf } from "./ownership.ts";
import { allocationAnswer, variantsOf } from "./allocation-answer.ts";
import { THRESHOLD_LIMIT } from "./answer-limits.ts";
import { crossBreakdown } from "./cross-breakdown.ts";
import { versusRestAnswer } from "./versus-rest.ts";
import { METRIC_WORDS, metricsSideBySide } from "./metrics-answer.ts";
import { lineItemsAnswer } from "./line-items.ts";
import { relocationAnswer } from "./relocation.ts";
import { taggingAnswer } from "./tagging-answer.ts";
import { vcpuHourAnswer } from "./vcpu-answer.ts";
import { compareAnswer } from "./compare-answer.ts";
import { directionAnswer, peakAnswer, TOP_ONE, topOneDirection } from "./time-answers.ts";
import { addTrendsByValue, bucketLabel, wholeBuckets, withinData } from "./trend-by.ts";
import { accountFilters, namedAccountLabel, chargeCategoryLabel, hasScope, scopeName, scopeText, shareWhole, Specialist, type SpecialistInput } from "./specialist.ts";
import { CHANGE, HOW_CHANGED, WHICH_COSTS_MORE } from "../classifier/change-words.ts";
import { BUSINESS_UNIT, EFFICIENCY_ASKED, FIXED_VARIABLE, HOURLY_RATE, LINE_ITEMS_ASKED, WEEKLY_RATE } from "../classifier/dimensions.ts";
import { monthLabel, wholeMonthOfData, type ResolvedScope } from "../scope.ts";
import { addDaysIso } from "../../finops/data-range.ts";
import { isKubernetesService } from "../../finops/kubernetes.ts";
import { singular, unitPriceLead, unitPriceText } from "./unit-price.ts";
import { unitCostChangesAnswer, unitCostChangesAsked } from "./unit-cost-changes.ts";
import { addTopEachMonth, EACH_MONTH } from "./top-each-period.ts";
import { sumDecimals } from "../../finops/analytics/stats.ts";
import { addMonths, DAYS_PER_MONTH, daysBetween, fromUnits, toUnits, type Analysis, type ColumnDimension, type Dimension, type Filters } from "../../finops/analytics/scope.ts";

/** A span of months the question asks about as a whole: "over the last 6 months", "during the past two quarters". */
const OVER_A_SPAN =
  /\b(?:over|during|in|across|throughout|within)\s+the\s+(?:last|past|previous)\s+(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|few|several)\s+(?:months|quarters|years)\b/i;
/** How an answer names the placeholder tag values it pools with the untagged cost (DEFAULT_PLACEHOLDER_VALUES). */
const PLACEHOLDER_EXAMPLES = `"unknown", "n/a", "TBD" or empty`;
const KUBERNETES_NOTE =
  "These are the Kubernetes services' own charges (cluster management and control plane). The worker nodes are billed as " +
  "virtual machines (EC2, Virtual Machines, Compute Engine), not here: ask for spend by your cluster tag to see whole clusters.";
/** What the cost with no value of a dimension is, after its amount. */
const NO_VALUE_NOTES: Partial<Record<Dimension, string>> = {
  ResourceId: "charged to no resource, such as tax, credits and support fees, billed to the account as a whole",
  ResourceGroup: "in no Azure resource group: charges made for a whole subscription or billing account (reservations, tax, credits) and costs on other clouds",
  RegionId: "with no region: global services (such as CDN and DNS) and charges such as tax, credits and support",
  SubAccountId: "billed to no sub-account (project, subscription or member account), such as tax, credits and support on the billing account",
};


/** Asks which values cost the most or least ("which regions do we spend the most in?", "top 10 resources"). */
export const RANKING_ASKED =
  /\b(?:which|what)\b[^.?!]*\b(?:most|highest|largest|biggest|costliest|priciest|least|lowest|smallest|cheapest)\b|\b(?:most|least)[- ]expensive\b|\b(?:costliest|priciest|cheapest)\b|\btop\s+\d+\b|\brank\b/i;

/** "…and what's the trend?", "and their trend" after a breakdown of one period: each value month by month as well. */
const TREND_ALSO = /\band\s+(?:what(?:'s|\s+is)\s+|show\s+|how\s+about\s+)?(?:the|their|its)\s+(?:monthly\s+)?trends?\b|\band\s+how\s+(?:is|are|has|have)\s+(?:it|they|that|those)\s+trend(?:ing|ed)\b/i;
/** The months such a trend covers, ending with the period asked. */
const TREND_ALSO_MONTHS = 6;

/** "The average cost per account", "average spend by service": the mean over the values, not a breakdown alone. */
const AVERAGE_PER = /\baverage\s+(?:monthly\s+)?(?:cost|spend(?:ing)?|bill)\s+(?:per|by|for each|of each|of an?|across)\b/i;

/** A share of a total, a tiny one not shown as "0.0%". */
const shareOfTotal = (percent: number) => (percent > 0 && percent < 0.05 ? "under 0.1%" : formatPercent(percent));

/** Rows a "how many" answer lists. */
const COUNT_LIMIT = 50;

/** FOCUS PricingCategory values in the words FinOps teams use for them. */
const PRICING_CATEGORY_NAMES: Record<string, string> = {
  Standard: "Standard (on-demand)",
  Committed: "Committed (reservations, savings plans)",
  Dynamic: "Dynamic (spot, preemptible)",
  Other: "Other",
};
/** What a pricing category's share of the costs did, for "what percentage of compute is on-demand?". */
const PRICING_KIND_PHRASES: Record<string, string> = {
  Standard: "ran at on-demand rates",
  Committed: "was covered by reservations or savings plans",
  Dynamic: "ran on spot or preemptible capacity",
};
const PRICING_CATEGORY_NOTE =
  "FOCUS PricingCategory: Standard is on-demand pricing, Committed is usage a reservation or savings plan covers, " +
  "Dynamic is spot or preemptible capacity. Charges without a price (taxes, credits, commitment purchases) have none.";




/** Service and pricing-unit pairs a unit cost question naming a unit reads, to find every one priced in that unit. */
const UNIT_PAIRS_LIMIT = 200;
/** Asks what a ranking's first N come to: "how much did our top 5 resources cost?", "the top 3 services combined". */
/** Asks who owns several resources ("the most expensive resources", "our top 10 instances"). */
const OWNERS_OF_MANY = /\b(?:resources|instances|vms|machines|buckets|databases|clusters)\b/i;
const TOGETHER_ASKED = /\bhow much\b|\btogether\b|\bcombined\b|\bin total\b|\btotal (?:cost|spend)\b|\badd up\b/i;
/** The unit a question names, and how FOCUS PricingUnit values spell it ("GB-Mo", "GiB-Hours", "Hrs", "1K Tokens"). */
const GIGABYTE_UNIT = /\bG(?:i)?B\b|gigabyte/i;
const TERABYTE_UNIT = /\bT(?:i)?B\b|terabyte/i;

const HOUR_WORD = /\b(?:hours?|hr|hrs|hourly)\b/i;
/** "How much data did we transfer?": a volume, not only its cost. */
const VOLUME_ASKED = /\bhow much data\b|\bvolumes?\b|\bhow many (?:gb|gigabytes|tb|terabytes|gib)\b/i;
/** Gigabytes in one of each data-volume pricing unit (not per month or hour: those are storage and throughput). */
const GIGABYTES_PER: Record<string, number> = { GB: 1, GiB: 1.073741824, TB: 1000, TiB: 1099.511627776, MB: 0.001, MiB: 0.001048576 };
/** A unit cost over time: "our cost per invocation trend", "how has our cost per GB changed?", "month by month". */
const UNIT_TREND_ASKED = /\btrend(?:s|ed|ing)?\b|\bover time\b|\bmonth (?:by|over|to) month\b|\bchang(?:e|ed|es|ing)\b|\bgoing (?:up|down)\b|\b(?:rising|falling|increasing|decreasing)\b/i;
/** "Which service has the highest cost per request?": the unit price ranked, not the cost; group 1: the cheapest first. */
const PRICE_RANKED = /\b(?:(lowest|cheapest|least expensive|smallest)|highest|most expensive|priciest|costliest|largest|biggest)\b[^?.]*?\b(?:per|unit)\b/i;

/** A per-GiB price per GB: 1 GiB is 1.073741824 GB (2^30 ÷ 10^9), so ÷ that, to the store's 10 decimals. */
function perDecimalGigabyte(unitCost: string): string {
  const units = toUnits(unitCost) * 1_000_000_000n;
  return fromUnits((units + 536_870_912n) / 1_073_741_824n);
}

/**
 * A unit price restated in the larger unit a question asks for: a per-GB (or GiB) price per TB (TiB), × 1,000 for
 * decimal units and × 1,024 for binary ones; a per-second price (Cloud Run's "vCPU-Seconds") per hour, × 3,600.
 */
function scaledUnitPrice(unitCost: string, pricingUnit: string, to: "terabyte" | "hour"): { unitCost: string; unit: string; factor: number } {
  const factor = to === "hour" ? 3600 : /GiB/.test(pricingUnit) ? 1024 : 1000;
  const unit =
    to === "hour"
      ? pricingUnit.replace(/seconds?/i, (w) => (w[0] === "S" ? "Hour" : "hour") + (/s$/i.test(w) ? "s" : ""))
      : pricingUnit.replace(/GiB/, "TiB").replace(/\bGB\b/, "TB").replace(/gigabyte/i, "terabyte");
  return { unitCost: fromUnits(toUnits(unitCost) * BigInt(factor)), unit, factor };
}

/**
 * "Storage per TB" over several services: all their cost over all their usage in decimal gigabytes (GiB × 1.073741824),
 * per GB or per TB as asked; null unless every row is priced per GB or GiB alike (all per month, or none: storage
 * and transfer do not blend).
 */
function blendedGigabytePrice(rows: Array<{ pricingUnit: string; quantity: string; cost: string }>, perTerabyte: boolean) {
  const monthly = (unit: string) => /mo(?:nth)?s?\b/i.test(unit);
  if (rows.length < 2 || !rows.every((r) => /^(?:GB|GiB)\b/.test(r.pricingUnit)) || new Set(rows.map((r) => monthly(r.pricingUnit))).size !== 1) return null;
  const gigabytes = rows.reduce((t, r) => t + Number(r.quantity) * (/GiB/.test(r.pricingUnit) ? GIGABYTES_PER.GiB! : 1), 0);
  if (gigabytes <= 0) return null;
  const cost = fromUnits(rows.reduce((t, r) => t + toUnits(r.cost), 0n));
  const scale = perTerabyte ? 1000 : 1;
  const unit = `${perTerabyte ? "TB" : "GB"}${monthly(rows[0]!.pricingUnit) ? "-month" : ""}`;
  return { unitCost: (Number(cost) / gigabytes) * scale, quantity: gigabytes / scale, unit, cost };
}

/** A pricing unit of tokens ("1K Tokens"). */
const TOKEN_UNIT = /token/i;
/** SKUs of a token price said in the headline; more are in the table only. */
const SKUS_SAID = 4;
/** A pricing unit of vCPUs (Cloud Run's "vCPU-Seconds"). */
const VCPU_UNIT = /vcpu/i;

const UNIT_WORDS: Array<[RegExp, RegExp]> = [
  [/\b(?:gb|gib|gigabytes?)\b/i, GIGABYTE_UNIT],
  [/\b(?:tb|tib|terabytes?)\b/i, TERABYTE_UNIT],
  [/\bvcpu\b/i, VCPU_UNIT],
  [/\b(?:hours?|hr|hrs|hourly)\b/i, /\bh(?:ou)?rs?\b|hour/i],
  // Lambda bills its invocations as requests; API calls are requests too.
  [/\b(?:requests?|invocations?|api calls?)\b/i, /request/i],
  [/\btokens?\b/i, TOKEN_UNIT],
  [/\bquer(?:y|ies)\b/i, /quer/i],
];

/** Spend questions: totals and breakdowns, trends, period comparisons with drivers, allocation and tag coverage. */
export class CostAnalysisAgent extends Specialist {
  readonly agentType = "cost_analysis" as const;
  readonly agentName = "cost-analysis";
  readonly title = "Analysing spend";

  protected async answer(input: SpecialistInput, exec: ExecutionScope<AnswerSection>): Promise<AnswerSection> {
    const section = await this.answerOf(input, exec);
    // "Who owns the most expensive resource?", "which team owns assistant-dev-ec2-0047?": its tags lead.
    if (OWNER_ASKED.test(input.question)) {
      const { scope } = input;
      const named = scope.resources.length === 1 ? { id: scope.resources[0]!.id, label: scope.resources[0]!.name ?? scope.resources[0]!.id } : null;
      const led = section.lead?.dimension === "ResourceId" ? { id: section.lead.key, label: section.lead.label } : null;
      const resource = named ?? led;
      // "Who owns the most expensive resources?": each one listed gets its owner, and the owner of most of them leads.
      const listed = section.tables[0]?.columns[0]?.label === "Resource" ? section.tables[0].rows.filter((r) => typeof r.id === "string" && r.id) : [];
      if (!named && OWNERS_OF_MANY.test(input.question) && listed.length > 1) {
        exec.useTool("resourceTags");
        const table = section.tables[0]!;
        const { owners, provenance } = await ownersOf(this.db, listed.map((r) => String(r.id)), scope.period);
        addColumn(section, table, { key: "owner", label: "Owner", format: "text" }, (row) => (typeof row.id === "string" ? (owners.get(row.id) ?? "(no owner tag)") : null), scope.currency, "label");
        const counts = new Map<string, { n: number; cost: number }>();
        for (const r of listed) {
          const owner = owners.get(String(r.id));
          if (owner) counts.set(owner, { n: (counts.get(owner)?.n ?? 0) + 1, cost: (counts.get(owner)?.cost ?? 0) + Number(r.amount) });
        }
        const [top] = [...counts].sort((a, b) => b[1].n - a[1].n || b[1].cost - a[1].cost);
        const untagged = listed.filter((r) => !owners.get(String(r.id))).length;
        section.figures.topOwner = top?.[0] ?? null;
        section.headline =
          (top
            ? `**${top[0]}** owns ${top[1].n} of the ${listed.length} most expensive resources (${formatMoney(top[1].cost, scope.currency)}), by their owning tags`
            : `**None of the ${listed.length} most expensive resources carries an owner or team tag**`) +
          (top && untagged ? `; ${untagged} carry no owner or team tag` : "") +
          `. ${section.headline}`;
        section.provenance.push(provenance);
      } else if (resource) {
        exec.useTool("resourceTags");
        const owner = await ownershipOf(this.db, resource, scope.period);
        if (owner) {
          section.headline = `${owner.sentence} ${section.headline}`;
          section.figures.ownerTags = JSON.stringify(owner.tags);
          section.provenance.push(owner.provenance);
        }
      }
    }
    return section;
  }

  private async answerOf(input: SpecialistInput, exec: ExecutionScope<AnswerSection>): Promise<AnswerSection> {
    // "Amortized vs billed": the metrics side by side over one scope.
    if (input.dimensions.metrics.length >= 2) return metricsSideBySide(this.db, input, exec);
    // "How efficient is our cloud spend?": the efficiency measures side by side.
    if (EFFICIENCY_ASKED.test(input.question)) return efficiencyAnswer(this.db, input, exec);
    // "Unit cost per GB for S3": usage cost per pricing unit.
    if (input.dimensions.unitCost) return this.unitCost(input, exec);
    // "Which services are new this month?": cost now and none in the months before (or the other way round).
    if (input.dimensions.appeared) return appearedValues(this.db, input, exec);
    // "If we cut dev spend by 30%…": that share of its cost, a month and a year.
    if (input.dimensions.reductionPercent) return this.reduction(input, input.dimensions.reductionPercent, exec);
    // "What is our largest single line item?": single charges ranked, not a grouping of them.
    if (LINE_ITEMS_ASKED.test(input.question) && !input.dimensions.count) return lineItemsAnswer(this.db, input, exec);
    // "What would it cost to run everything in us-east-1?": the spend a move would re-price, and why the bill cannot price it.
    if (input.dimensions.relocation) return relocationAnswer(this.db, input, exec);
    // "Which services are only used in dev?": those whose usage is all there.
    if (ONLY_IN.test(input.question) && input.dimensions.countBound === undefined) {
      const only = await onlyInAnswer(this.db, input, exec);
      if (only) return only;
    }
    // "Which services are the most volatile?": how each one's daily cost moves, not its size.
    if (input.dimensions.volatility) return volatilityAnswer(this.db, input, exec);
    // "Average daily spend on weekends vs weekdays": the average day of each, and what drops at weekends.
    if (input.dimensions.weekends) return weekendsAnswer(this.db, input, exec);
    // "How many resources do we have in each account?": a count per value, not a breakdown of cost.
    const countOf = input.dimensions.countOf?.dimension;
    if (input.dimensions.count && countOf && countOf !== "Tag" && input.scope.groupBy) return this.countPer(input, countOf, exec);
    // "How many resources do we have?": counted per service (hundreds of them listed one by one would say little);
    // "how many EC2 instances do we have?", of one service, per sub-account.
    const resourcesCounted = input.dimensions.count && !countOf && input.scope.groupBy?.dimension === "ResourceId" && !input.scope.thenBy;
    if (resourcesCounted && !input.dimensions.thresholds.length && input.intent !== "tagging_compliance") {
      const per = input.scope.filters.services?.length === 1 ? "SubAccountId" : "ServiceName";
      return this.countPer({ ...input, scope: { ...input.scope, groupBy: { dimension: per } } }, "ResourceId", exec);
    }
    // "Which accounts grew the most?" is a comparison ranked by change; "which services cost more than $20k?" is not.
    const amountOnly = input.dimensions.thresholds.some((t) => t.kind === "amount") && !CHANGE.test(input.question.toLowerCase());
    // "How has that changed over the last 6 months?": how it moved month by month within them, not set against the 6
    // months before.
    const withinSpan = HOW_CHANGED.test(input.question) && OVER_A_SPAN.test(input.question) && daysBetween(input.scope.period.start, input.scope.period.end) >= 85;
    if (withinSpan && !input.scope.comparison && !input.dimensions.growth) return directionAnswer(this.db, { ...input, scope: { ...input.scope, granularity: "month" } }, exec);
    // "Prod vs non-prod": the accounts named against every other cost, two parts of one whole.
    if (input.dimensions.versusRest && input.scope.filters.subAccountIds?.length) return versusRestAnswer(this.db, input, exec);
    // "Our tag coverage", then "vs the month before?": the coverage in both periods, not the spend.
    if (input.intent === "tagging_compliance" && input.scope.comparison) return taggingAnswer(this.db, input, exec);
    // "Last week compared to the week before": a comparison named is one, whatever the question was classified as.
    const comparisonNamed = input.dimensions.comparison?.mode === "previous_period";
    if ((input.intent === "spend_comparison" && !amountOnly) || input.scope.comparison || comparisonNamed || input.dimensions.growth) return compareAnswer(this.db, input, exec);
    // "Staging compared to production", "Azure OpenAI vs Bedrock": two things named against each other are set side by
    // side, each with its own change, not added up, whatever the question was classified as.
    if (namesTwoSides(input) && !amountOnly) return compareAnswer(this.db, input, exec);
    // "Cost by team and region": each team split by region.
    if (input.scope.groupBy && input.scope.thenBy && !input.dimensions.count) return crossBreakdown(this.db, input, exec);
    // Allocation is by tag; "which accounts cost the most" classified as allocation is a breakdown by account, and
    // "what does the checkout app cost" (one owner named) a breakdown of that owner's cost.
    const byColumn = input.scope.groupBy && input.scope.groupBy.dimension !== "Tag";
    const oneOwner = input.dimensions.tags.some((t) => t.values.length > 0);
    // "Which team has the highest cost per day?" is a daily rate per team (runRate), not a showback of the period.
    // "How much of our spend is shared?": the shared pool a showback would split, whatever the question was classified as.
    const showback = input.intent === "cost_allocation" || input.dimensions.sharedCost;
    // "What does each team cost per month?", "monthly cost by env": each value month by month, not one showback of the
    // whole period.
    const overTime = input.dimensions.granularity !== undefined && !input.dimensions.sharedCost;
    if (showback && !byColumn && !oneOwner && !input.dimensions.rate && !overTime) return allocationAnswer(this.db, input, exec);
    if (input.intent === "tagging_compliance") return taggingAnswer(this.db, input, exec);
    if (input.dimensions.rate) return this.runRate(input, exec);
    if (input.dimensions.peak) return peakAnswer(this.db, input, input.dimensions.peak, exec);
    if (input.dimensions.monthlyAverage) return this.monthlyAverage(input, exec);
    // "Our biggest resource over time": the one that cost the most, and which way its spend went.
    if (input.dimensions.direction && input.scope.groupBy && TOP_ONE.test(input.question)) return topOneDirection(this.db, input, exec);
    if (input.dimensions.direction) return directionAnswer(this.db, input, exec);
    return this.breakdown(input, exec);
  }

  /** "How many resources do we have in each account?": per account, how many resources had cost, the most first. */
  private async countPer({ scope, dimensions }: SpecialistInput, countOf: ColumnDimension, exec: ExecutionScope<AnswerSection>) {
    const groupBy = scope.groupBy!;
    const section = emptySection("cost_analysis", `${dimensionLabel(countOf)} count by ${dimensionLabel(groupBy.dimension, groupBy.tagKey).toLowerCase()}`);
    exec.useTool("countPerValue");
    const bound = dimensions.countBound;
    const result = await countPerValue(this.db, {
      period: scope.period, filters: scope.filters, metric: scope.metric, dimension: groupBy.dimension, tagKey: groupBy.tagKey, countOf, limit: COUNT_LIMIT,
      countAtLeast: bound?.min, countAtMost: bound?.max,
    });
    if (bound) return this.countWithin(section, scope, result, bound);
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

  /**
   * "Which services are only used in one region?", "which teams use more than one cloud?": the values with that many
   * of the other, the costliest first, each with the one value it has (or how many).
   */
  private async countWithin(
    section: AnswerSection,
    scope: SpecialistInput["scope"],
    result: Awaited<ReturnType<typeof countPerValue>>,
    bound: { min: number; max?: number },
  ) {
    const c = result.data;
    const groupBy = scope.groupBy!;
    const rows = c.rows.map((r) => ({ ...r, isOthers: false, name: null as string | null }));
    const names = await nameIds(this.db, groupBy.dimension, scope.period, rows);
    const { shown, idColumns, idCell } = readableLabels(rows);
    const per = dimensionLabel(groupBy.dimension, groupBy.tagKey).toLowerCase();
    const what = dimensionLabel(c.countOf).toLowerCase();
    const single = bound.max === 1;
    const howMany = single ? `only one ${what}` : bound.max === undefined ? (bound.min === 2 ? `more than one ${what}` : `${bound.min} or more ${plural(what, 2)}`) : `${bound.min}–${bound.max} ${plural(what, 2)}`;
    const money = (amount: string) => formatMoney(amount, scope.currency);
    const listed = rows
      .slice(0, 5)
      .map((r) => `${shown(r)} (${single && r.sole ? r.sole.label : `${formatNumber(r.count)} ${plural(what, r.count)}`}, ${money(r.amount)})`)
      .join(", ");
    section.title = `${capitalised(plural(per, 2))} in ${howMany}`;
    section.figures = { matching: c.matching, values: c.named, noneCounted: c.noneCounted, top: rows[0] ? shown(rows[0]) : null };
    section.headline = c.matching
      ? `**${formatNumber(c.matching)} of ${formatNumber(c.named)} ${plural(per, c.named)}** had cost in ${howMany} ${scope.periodPhrase}${scopeText(scope)}: ` +
        `${listed}${c.matching > 5 ? ", …" : ""}.`
      : `No ${per} had cost in ${howMany} ${scope.periodPhrase}${scopeText(scope)}, of the ${formatNumber(c.named)} ${plural(per, c.named)} with cost.`;
    if (rows.length) {
      section.tables.push({
        title: section.title,
        columns: [
          { key: "label", label: dimensionLabel(groupBy.dimension, groupBy.tagKey), format: "text" },
          ...idColumns,
          single ? { key: "sole", label: dimensionLabel(c.countOf), format: "text" } : { key: "count", label: capitalised(plural(what, 2)), format: "number" },
          { key: "amount", label: `Cost (${scope.currency})`, format: "money" },
        ],
        rows: rows.map((r) => ({ label: shown(r), ...idCell(r), sole: r.sole?.label ?? null, count: r.count, amount: r.amount })),
      });
    }
    const none = c.noneCounted
      ? ` ${formatNumber(c.noneCounted)} ${plural(per, c.noneCounted)} had cost in no ${what} at all` +
        (c.countOf === "RegionId" ? " (global services such as CDN and DNS, and charges such as tax and support)" : "") + ": they are not counted."
      : "";
    section.markdown = [
      rows.length ? tableMarkdown(section.tables[0]!, scope.currency, COUNT_LIMIT) : "",
      "",
      `Counted over the ${plural(what, 2)} with cost ${scope.periodPhrase}.${none}`,
    ].join("\n").trim();
    section.provenance = [...result.provenance, ...(names ? [names] : [])];
    return section;
  }

  /**
   * "If we cut dev spend by 30%, how much would we save per year?": that share of the scope's cost, a month and a year
   * at the period's pace (the open recommendations that would get there follow, from the recommendation agent).
   */
  private async reduction(input: SpecialistInput, percent: number, exec: ExecutionScope<AnswerSection>) {
    const { scope } = input;
    const section = await this.breakdown(input, exec);
    const days = daysBetween(scope.period.start, scope.period.end);
    const total = Number(section.figures.total);
    const daily = (total * percent) / 100 / days;
    const money = (n: number) => formatMoney(n, scope.currency);
    section.title = `A ${percent}% cut`;
    Object.assign(section.figures, { reductionPercent: percent, monthlySaving: cents(daily * DAYS_PER_MONTH), yearlySaving: cents(daily * 365) });
    const what = scopeName(scope);
    section.headline =
      `A ${percent}% cut of ${what} would save **${money(daily * DAYS_PER_MONTH)} a month** and **${money(daily * 365)} a year** at the pace of ${scope.periodLabel}: ` +
      `${percent}% of its ${formatMoney(section.figures.total as string, scope.currency)} over ${days} days, a month being 365 ÷ 12 days.`;
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
    if (WEEKLY_RATE.test(input.question)) {
      // "How much does acme-staging cost per week?": the same average, a week at a time.
      section.figures.weeklyAverage = cents(daily * 7);
      section.headline =
        `**${money(daily * 7)} a week** on average over ${scope.periodLabel}${scopeText(scope)}: ${money(daily)} a day × 7, ` +
        `a run rate of ${money(daily * DAYS_PER_MONTH)} a month and ${money(daily * 365)} a year.`;
    }
    if (HOURLY_RATE.test(input.question)) {
      // "How much are we spending per hour on compute?": the same average, an hour at a time.
      section.figures.hourlyAverage = cents(daily / 24);
      section.headline =
        `**${money(daily / 24)} an hour** on average over ${scope.periodLabel}${scopeText(scope)}: ${money(daily)} a day ÷ 24, ` +
        `a run rate of ${money(daily * DAYS_PER_MONTH)} a month and ${money(daily * 365)} a year.`;
    }
    const grouped = scope.groupBy ? section.tables.at(-1) : undefined;
    const top = section.figures.topKey;
    if (grouped && top != null) {
      // "Which team costs the most a day?": each value's daily average beside its cost, led by the largest.
      const perDay = { key: "perDay", label: `Per day (${scope.currency})`, format: "money" as const };
      addColumn(section, grouped, perDay, (row) => (row.amount == null ? null : cents(Number(row.amount) / days)), scope.currency, "amount");
      const topDaily = Number(section.figures.topAmount) / days;
      section.figures.topDailyAverage = cents(topDaily);
      section.headline =
        `**${tagValueSubject(String(top), scope.groupBy)}** costs the most a day${scopeText(scope)}: **${money(topDaily)} a day** on average over ${scope.periodLabel}, ` +
        `of ${money(daily)} a day in all (a run rate of ${money(daily * DAYS_PER_MONTH)} a month).`;
    }
    section.markdown = [
      `Run rate: the ${money(total)} of those ${days} days ÷ ${days}, × 30.4 days a month (365 ÷ 12) or × 365 days a year.`,
      "",
      section.markdown,
    ].join("\n");
    return section;
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
    // "What's our cost per environment per month?": each value's own monthly average leads (when every month of the
    // period is complete, the value's total ÷ their number), beside its total.
    const grouped = scope.groupBy && left === 0 ? section.tables.find((t) => t.columns[0]?.label !== "Month" && t.columns.some((c) => c.key === "amount") && t.columns.some((c) => c.key === "share")) : undefined;
    const named = grouped?.rows.filter((r) => r.amount != null && r.label !== "Others" && !/^\(/.test(String(r.label))) ?? [];
    if (grouped && named.length) {
      const perMonth = { key: "perMonth", label: `A month (${scope.currency})`, format: "money" as const };
      addColumn(section, grouped, perMonth, (row) => (row.amount == null ? null : cents(Number(row.amount) / complete.length)), scope.currency, "amount");
      const each = named.slice(0, 4).map((r) => `${r.label} ${money(Number(r.perMonth))}`);
      section.figures.topMonthlyAverage = Number(named[0]!.perMonth);
      section.headline =
        `**${named[0]!.label}: ${money(Number(named[0]!.perMonth))} a month** on average ${scope.periodPhrase}${scopeText(scope)}` +
        (each.length > 1 ? `, then ${each.slice(1).join(", ")}` : "") +
        `, over the ${complete.length} complete ${complete.length === 1 ? "month" : "months"} of data (${complete.length === 1 ? first : `${first} to ${last}`}); ` +
        `${money(average)} a month in all.`;
    }
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
      const unit = business[1]!.toLowerCase();
      section.headline += ` Cost per ${unit} needs the number of ${unit}s, which the cost data does not hold: divide this spend by it.`;
      section.markdown = [`_Per unit of usage (GB-month, hour, request), ask for the unit cost per GB or per hour._`, "", section.markdown].join("\n");
      return section;
    }
    // "Which services have the highest unit cost increase?": each unit cost against the period before, ranked.
    if (unitCostChangesAsked(question)) return unitCostChangesAnswer(this.db, input, exec);
    let asked = UNIT_WORDS.find(([word]) => word.test(question))?.[1];
    exec.useTool("unitCosts");
    // A unit named ("per GB") reads enough pairs to find every service priced in it, however small.
    const result = await unitCosts(this.db, { period: scope.period, filters: scope.filters, metric: scope.metric, limit: asked ? UNIT_PAIRS_LIMIT : Math.max(scope.topN, 10) });
    // "Cost per vCPU hour": machines bill instance-hours, which each type's vCPUs divide; what bills vCPUs itself (Cloud
    // Run's vCPU-seconds) is said beside it, and answers alone when no machine ran.
    if (asked === VCPU_UNIT) {
      const perVcpu = result.data.rows
        .filter((r) => VCPU_UNIT.test(r.pricingUnit) && r.unitCost !== null)
        .map((r) => {
          const hourly = /second/i.test(r.pricingUnit) ? scaledUnitPrice(r.unitCost!, r.pricingUnit, "hour") : null;
          return `${r.serviceName} ${formatUnitPrice(hourly?.unitCost ?? r.unitCost!, scope.currency)} per ${singular(hourly?.unit ?? r.pricingUnit)}`;
        });
      const machines = await vcpuHourAnswer(this.db, input, exec, perVcpu);
      if (machines) return machines;
    }
    const section = emptySection("cost_analysis", "Unit cost");
    section.provenance = result.provenance;
    // "Storage per TB": clouds price storage per GB(-month); a terabyte is 1,000 of those (1,024 for GiB).
    const perTerabyte = asked === TERABYTE_UNIT && !result.data.rows.some((r) => TERABYTE_UNIT.test(r.pricingUnit));
    if (perTerabyte) asked = GIGABYTE_UNIT;
    // "Cost per GB of our storage": the pairs priced in that unit, not requests and operations beside them.
    const inUnit = asked ? result.data.rows.filter((r) => asked!.test(r.pricingUnit)) : [];
    const otherUnits = inUnit.length ? [...new Set(result.data.rows.filter((r) => !asked!.test(r.pricingUnit)).map((r) => r.pricingUnit))] : [];
    const u = inUnit.length ? { ...result.data, rows: inUnit } : { ...result.data, rows: result.data.rows.slice(0, Math.max(scope.topN, 10)) };
    const ranked = PRICE_RANKED.exec(question);
    if (ranked) {
      // Unpriced pairs last, whichever way the prices run.
      const price = (r: (typeof u.rows)[number]) => (r.unitCost === null ? null : toUnits(r.unitCost));
      const sign = ranked[1] ? 1n : -1n;
      u.rows = [...u.rows].sort((a, b) => {
        const [pa, pb] = [price(a), price(b)];
        if (pa === null || pb === null) return Number(pa === null) - Number(pb === null);
        return pa === pb ? 0 : (pa - pb) * sign > 0n ? 1 : -1;
      });
    }
    const priced = u.rows.filter((r) => r.unitCost !== null);
    const lead = priced.find((r) => !asked || asked!.test(r.pricingUnit)) ?? priced[0];
    if (!lead) {
      section.headline = `There is no usage with a pricing quantity ${scope.periodPhrase}${scopeText(scope)}, so there is no unit cost to give.`;
      return section;
    }
    section.figures = { unitCost: lead.unitCost, pricingUnit: lead.pricingUnit, service: lead.serviceName, cost: lead.cost, quantity: lead.quantity };
    // "Cost per vCPU hour" where the bill prices vCPU-seconds: the per-second price × 3,600.
    const perHour = HOUR_WORD.test(question) && /second/i.test(lead.pricingUnit);
    const tb = perTerabyte && GIGABYTE_UNIT.test(lead.pricingUnit) ? scaledUnitPrice(lead.unitCost!, lead.pricingUnit, "terabyte") : null;
    const hourly = perHour ? scaledUnitPrice(lead.unitCost!, lead.pricingUnit, "hour") : null;
    if (tb) section.figures = { ...section.figures, unitCostPerTerabyte: tb.unitCost, terabyteUnit: tb.unit };
    if (hourly) section.figures = { ...section.figures, unitCostPerHour: hourly.unitCost, hourUnit: hourly.unit };
    const scaled = tb ?? hourly;
    section.headline =
      (scaled
        ? `**${formatUnitPrice(scaled.unitCost, scope.currency)} per ${singular(scaled.unit)}** (${formatUnitPrice(lead.unitCost!, scope.currency)} per ${singular(lead.pricingUnit)} × ${formatNumber(scaled.factor)})`
        : unitPriceLead(lead.unitCost!, lead.pricingUnit, scope.currency)) +
      ` for ${lead.serviceName} ${scope.periodPhrase}${scopeText(scope)}: ` +
      `${formatMoney(lead.cost, scope.currency)} ${METRIC_WORDS[scope.metric]} of usage over ${formatNumber(lead.quantity)} ${lead.pricingUnit}.`;
    // "How much are we spending on storage per TB?": across the services priced so, the blended price leads.
    const blended = !ranked && !scope.filters.services?.length && asked === GIGABYTE_UNIT ? blendedGigabytePrice(priced, perTerabyte) : null;
    if (blended) {
      // Each service's own price in the same decimal unit.
      const perDecimal = (r: (typeof priced)[number]) => {
        const gigabyte = /GiB/.test(r.pricingUnit) ? perDecimalGigabyte(r.unitCost!) : r.unitCost!;
        return perTerabyte ? fromUnits(toUnits(gigabyte) * 1000n) : gigabyte;
      };
      const each = priced.map((r) => `${r.serviceName} ${formatUnitPrice(perDecimal(r), scope.currency)}`);
      Object.assign(section.figures, { blendedUnitCost: blended.unitCost, blendedUnit: blended.unit, blendedCost: blended.cost, blendedQuantity: blended.quantity, services: priced.length });
      section.headline =
        `**${formatUnitPrice(blended.unitCost, scope.currency)} per ${blended.unit}** on average across ${priced.length} services ${scope.periodPhrase}${scopeText(scope)}: ` +
        `${formatMoney(blended.cost, scope.currency)} over ${formatNumber(blended.quantity)} ${blended.unit}s (${each.join(", ")} per ${blended.unit}).`;
    }
    if (ranked && priced.length > 1) {
      const units = [...new Set(priced.map((r) => r.pricingUnit))];
      section.headline +=
        ` The ${ranked[1] ? "lowest" : "highest"} unit price of the ${priced.length} service and pricing unit pairs shown` +
        (units.length > 1 ? `; their units differ (${units.join(", ")}), each price is per its own unit.` : ".");
    }
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
        unitCost: r.unitCost === null ? null : unitPriceText(r.unitCost, r.pricingUnit, scope.currency),
      })),
    });
    // "S3 compared to Cloud Storage per GB": one prices per GB, the other per GiB (7.4% larger); set side by side per GB.
    const mixedGigabytes = u.rows.some((r) => /GiB/.test(r.pricingUnit)) && u.rows.some((r) => /\bGB\b/.test(r.pricingUnit));
    if (mixedGigabytes) {
      const table = section.tables[0]!;
      table.columns.push({ key: "perGb", label: `Per GB (${scope.currency})`, format: "text" });
      u.rows.forEach((r, i) => {
        table.rows[i]!.perGb = r.unitCost === null ? null : formatUnitPrice(/GiB/.test(r.pricingUnit) ? perDecimalGigabyte(r.unitCost) : r.unitCost, scope.currency);
      });
      section.figures.perGb = "GiB prices ÷ 1.073741824";
    }
    const more = otherUnits.length
      ? ` Only pricing units in the unit asked about are shown; ${otherUnits.join(", ")} ${otherUnits.length === 1 ? "is" : "are"} left out (ask for the unit cost without a unit to see every one).`
      : u.pairCount > u.rows.length
        ? ` The ${u.rows.length} largest of ${u.pairCount} service and unit pairs are shown.`
        : "";
    section.markdown = [
      tableMarkdown(section.tables[0]!, scope.currency),
      "",
      `Unit cost = ${METRIC_WORDS[scope.metric]} of usage ÷ its FOCUS PricingQuantity, per service and PricingUnit; ` +
        `purchases, credits and taxes have no usage quantity and are left out.${more}` +
        (mixedGigabytes ? ` Some prices are per GiB (2^30 bytes) and some per GB (10^9 bytes): "Per GB" restates the GiB prices ÷ 1.073741824 so they compare.` : ""),
    ].join("\n");
    // "What do we pay per 1K tokens on Bedrock?": input and output tokens are priced apart; each SKU's price beside the blend.
    if (asked === TOKEN_UNIT && inUnit.length) await this.unitCostBySku(scope, section);
    // "Our Lambda cost per invocation trend", "how has our S3 cost per GB changed?": the lead's unit cost month by month.
    if (UNIT_TREND_ASKED.test(question) || input.dimensions.granularity === "monthly") await this.unitCostByMonth(scope, lead, section, exec);
    return section;
  }

  /** Each token SKU's own price (a model's input and output), as a table and, for a few, in the headline. */
  private async unitCostBySku(scope: ResolvedScope, section: AnswerSection) {
    const result = await unitCosts(this.db, { period: scope.period, filters: scope.filters, metric: scope.metric, limit: UNIT_PAIRS_LIMIT, bySku: true });
    const skus = result.data.rows.filter((r) => TOKEN_UNIT.test(r.pricingUnit) && r.unitCost !== null);
    if (skus.length < 2) return;
    section.provenance.push(...result.provenance);
    const name = (r: (typeof skus)[number]) => r.description ?? r.skuId ?? "(no SKU)";
    section.figures.skus = skus.length;
    const said = skus.slice(0, SKUS_SAID).map((r) => `${name(r)} ${unitPriceText(r.unitCost!, r.pricingUnit, scope.currency)}`);
    section.headline += ` By SKU: ${said.join("; ")}${skus.length > SKUS_SAID ? `; ${skus.length - SKUS_SAID} more in the table` : ""}.`;
    section.tables.push({
      title: "Unit cost by SKU",
      columns: [
        { key: "service", label: "Service", format: "text" },
        { key: "sku", label: "SKU", format: "text" },
        { key: "unit", label: "Pricing unit", format: "text" },
        { key: "quantity", label: "Quantity", format: "number" },
        { key: "cost", label: `Cost (${scope.currency})`, format: "money" },
        { key: "unitCost", label: `Unit cost (${scope.currency})`, format: "text" },
      ],
      rows: skus.map((r) => ({ service: r.serviceName, sku: name(r), unit: r.pricingUnit, quantity: r.quantity, cost: r.cost, unitCost: unitPriceText(r.unitCost!, r.pricingUnit, scope.currency) })),
    });
    section.markdown += `\n\n${tableMarkdown(section.tables.at(-1)!, scope.currency)}\n\nInput and output tokens (and each model) are priced apart: the service's unit cost above blends them by how many of each were used.`;
  }

  /** One service and pricing unit's unit cost over the period's whole months of data: which way it went leads. */
  private async unitCostByMonth(scope: ResolvedScope, lead: { serviceName: string; pricingUnit: string }, section: AnswerSection, exec: ExecutionScope<AnswerSection>) {
    exec.useTool("unitCostTrend");
    const trend = await unitCostTrend(this.db, { period: scope.period, filters: scope.filters, metric: scope.metric, ...lead });
    section.provenance = [...section.provenance, ...trend.provenance];
    // A month the data covers only in part holds part of its usage; its unit cost is not compared.
    const points = trend.data.points.filter((p) => p.unitCost !== null && wholeMonthOfData(p.month, scope.dataRange));
    if (points.length < 2) return;
    const [first, last] = [points[0]!, points.at(-1)!];
    const price = (unitCost: string) => unitPriceText(unitCost, lead.pricingUnit, scope.currency);
    const change = Number(first.unitCost) === 0 ? null : ((Number(last.unitCost) - Number(first.unitCost)) / Number(first.unitCost)) * 100;
    const way = change === null || Math.abs(change) < 0.05 ? "unchanged" : change > 0 ? "up" : "down";
    Object.assign(section.figures, { unitCostFirstMonth: first.month, unitCostFirst: first.unitCost, unitCostLastMonth: last.month, unitCostLast: last.unitCost, unitCostChangePercent: change });
    section.headline =
      `${unitPriceLead(last.unitCost!, lead.pricingUnit, scope.currency)} ` +
      `for ${lead.serviceName} in ${monthLabel(last.month)}${scopeText(scope)}, ` +
      `${way === "unchanged" ? "unchanged" : `${way} ${formatPercent(Math.abs(change!))}`} from ${price(first.unitCost!)} in ${monthLabel(first.month)}: ` +
      `${formatMoney(last.cost, scope.currency)} over ${formatNumber(last.quantity)} ${lead.pricingUnit} against ${formatMoney(first.cost, scope.currency)} over ${formatNumber(first.quantity)}.`;
    section.tables.push({
      title: `${lead.serviceName} per ${singular(lead.pricingUnit)}, month by month`,
      columns: [
        { key: "month", label: "Month", format: "text" },
        { key: "quantity", label: `Quantity (${lead.pricingUnit})`, format: "number" },
        { key: "cost", label: `Cost (${scope.currency})`, format: "money" },
        { key: "unitCost", label: `Unit cost (${scope.currency})`, format: "text" },
      ],
      rows: points.map((p) => ({ month: monthLabel(p.month), quantity: p.quantity, cost: p.cost, unitCost: price(p.unitCost!) })),
    });
    section.charts.push({
      kind: "line",
      title: `${lead.serviceName} unit cost per ${singular(lead.pricingUnit)}`,
      unit: scope.currency,
      series: [{ name: lead.pricingUnit, style: "actual", points: points.map((p) => ({ x: p.month, y: Number(p.unitCost) })) }],
    });
    const cut = trend.data.points.length - points.length;
    section.markdown = [
      tableMarkdown(section.tables.at(-1)!, scope.currency),
      ...(cut > 0 ? ["", `${cut === 1 ? "One month" : `${cut} months`} the data covers only in part ${cut === 1 ? "is" : "are"} left out.`] : []),
      "",
      section.markdown,
    ].join("\n");
  }

  /** Spend by a dimension (or the total), with its trend; `knownTrend`: the scope's trend at its granularity, when the caller already read it. */
  private async breakdown({ scope, intent, dimensions, question }: SpecialistInput, exec: ExecutionScope<AnswerSection>, knownTrend?: Analysis<Trend>) {
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
      // "Cost per day by team": "unknown" and "TBD" are nobody's team, as in the showback.
      poolPlaceholders: true,
      // "Resources over $1,000": every value past the amount is counted, however many there are.
      ...(amountOver ? { [amountOver.op === "lt" ? "amountBelow" : "amountAbove"]: amountOver.value } : {}),
    });
    // In sentences a tag's values are named by its key ("13 apps"), not "tag apps"; one cloud's sub-accounts by its word,
    // as is their column ("Project" for Google Cloud's).
    const valueNoun = valueNounOf(dimension, scope.groupBy?.tagKey, scope.filters.providers);
    const label = dimensionLabel(dimension, scope.groupBy?.tagKey, scope.filters.providers);
    const section = emptySection("cost_analysis", intent === "service_breakdown" || dimension !== "ServiceName" ? `Spend by ${valueNoun}` : "Spend");
    // One cloud's sub-accounts are its projects (subscriptions, accounts): the cost on none is "(no project)".
    const oneCloudAccounts = dimension === "SubAccountId" && valueNoun !== dimensionNoun(dimensionLabel(dimension));
    const rows = oneCloudNoValue(breakdown.data.rows.filter((r) => !amountOver || !r.isOthers), dimension, scope.filters.providers);
    const b = { ...breakdown.data, rows };
    // The largest (or smallest) named value: costs with none ("no resource": taxes, credits, support) are not "the most
    // expensive".
    const top = b.rows.find((r) => !r.isOthers && r.key !== null) ?? b.rows.find((r) => !r.isOthers);
    section.figures = { total: b.total, topKey: top?.label ?? null, topAmount: top?.amount ?? null, rows: b.rows.length, order: smallestFirst ? "smallest" : "largest" };
    if (top && !top.isOthers && top.key !== null) section.lead = { dimension, key: top.key, label: top.label, tagKey: scope.groupBy?.tagKey };
    // "How much credit did we get?": credits are negative cost; the answer gives their size, and what they did.
    const creditsOnly = scope.filters.chargeCategories?.length === 1 && scope.filters.chargeCategories[0] === "Credit" && Number(b.total) < 0;
    // "How much do we spend on GPUs?" with nothing called so: the bill is not passed off as the subject's cost.
    // The absence leads: the bill's total comes after it, as what all costs came to.
    const total = `**${formatMoney(b.total, scope.currency)}** ${METRIC_WORDS[scope.metric]} ${scope.periodPhrase}${scopeText(scope)}`;
    section.headline = creditsOnly
      ? `**${formatMoney(b.total.replace(/^-/, ""), scope.currency)} in credits** ${scope.periodPhrase}${scopeText({ ...scope, filters: { ...scope.filters, chargeCategories: undefined } })}: they lowered the ${METRIC_WORDS[scope.metric]} by that much.`
      : scope.unnamedSubject && isMachineState(scope.unnamedSubject)
        ? `**The bill does not say which machines are ${scope.unnamedSubject}**, so it cannot give their cost; all costs came to ${total}.`
        : scope.unnamedSubject
        ? `**No cost is called "${scope.unnamedSubject}"** in the cost data, so there is none of it to give; all costs came to ${total}.`
        : scope.currencyMissing
          ? `**Nothing is billed in ${scope.currencyMissing}** and amounts are not converted; in ${scope.currency}, ${total}.`
          : `${total}.`;
    // Ids read badly ("arn:aws:…", "418295730164"): rows show the name FOCUS carries beside them, and the id after it.
    const readable = readableLabels(b.rows);
    const shown = dimension === "PricingCategory" ? (r: (typeof b.rows)[number]) => PRICING_CATEGORY_NAMES[r.label] ?? readable.shown(r) : readable.shown;
    // "Which regions do we spend the most in?", "top 10 resources": the first of the ranking leads.
    // A follow-up ("and in September?") keeps the ranking's top N.
    // Not when a more particular lead follows (a count, a share, named charge kinds, or nothing found).
    const particular =
      dimensions.count || (dimensions.share && hasScope(scope)) || (dimension === "PricingCategory" && dimensions.pricingKinds.length > 0) ||
      (chargeKinds && dimension === "ChargeCategory") || (scope.unmatched.length > 0 && b.rows.every((r) => r.value === 0));
    const rankingLeads =
      (RANKING_ASKED.test(question) || dimensions.topN !== undefined) && !particular && !creditsOnly && !amountOver && top !== undefined && !top.isOthers && top.key !== null;
    // The costs carrying no value of the dimension ("no sub-account": taxes, credits) are not one of the values.
    const unnamed = b.rows.find((r) => r.key === null && !r.isOthers);
    const namedValues = b.valueCount - (unnamed ? 1 : 0);
    if (rankingLeads) {
      section.headline =
        `**${tagValueSubject(shown(top!), { dimension, tagKey: scope.groupBy?.tagKey })}** cost the ${smallestFirst ? "least" : "most"} ${scope.periodPhrase}${scopeText(scope)}: ${formatMoney(top!.amount, scope.currency)}, ` +
        `${shareOfTotal((top!.share ?? 0) * 100)} of the ${formatMoney(b.total, scope.currency)} ${METRIC_WORDS[scope.metric]}, over ${namedValues} ${plural(valueNoun, namedValues)}.`;
      // "How much did our top 5 resources cost?": what the N come to together leads.
      const n = dimensions.topN;
      const topN = n !== undefined && n > 1 && TOGETHER_ASKED.test(question) ? b.rows.filter((r) => !r.isOthers && r.key !== null).slice(0, n) : [];
      if (topN.length > 1) {
        const together = fromUnits(topN.reduce((sum, r) => sum + toUnits(r.amount), 0n));
        const share = b.totalValue === 0 ? null : (Number(together) / b.totalValue) * 100;
        Object.assign(section.figures, { topTogether: together, topTogetherShare: share, topCounted: topN.length });
        section.headline =
          `**${formatMoney(together, scope.currency)} for the top ${topN.length} ${plural(valueNoun, topN.length)}** ${scope.periodPhrase}${scopeText(scope)}: ` +
          `${shareOfTotal(share ?? 0)} of the ${formatMoney(b.total, scope.currency)} ${METRIC_WORDS[scope.metric]}; the largest is ${shown(top!)} at ${formatMoney(top!.amount, scope.currency)}.`;
      }
    }
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
    // "What did we spend this week?" on a Monday, before the week has data: that comes first, not "$0.00".
    const noDataYet = scope.period.start > scope.dataRange.end;
    if (noDataYet) section.headline = `**No cost data ${scope.periodPhrase} yet**${scopeText(scope)}: the data ends on ${scope.dataRange.end}.`;
    const provenance = [...breakdown.provenance];
    // "Data transfer between regions" when no charge names any: that comes first, then what data transfer there was.
    const transfer = scope.filters.dataTransfer;
    let accountParts: Awaited<ReturnType<typeof this.accountParts>> | undefined;
    if (!noDataYet && transfer && transfer !== "all" && b.rows.length === 0) {
      exec.useTool("costTotal");
      const all = await costTotal(this.db, { period: scope.period, filters: { ...scope.filters, dataTransfer: "all" }, metric: scope.metric });
      provenance.push(...all.provenance);
      section.figures.allDataTransfer = all.data.total;
      const name = DATA_TRANSFER_NAMES[transfer];
      section.headline =
        `**No ${name}** ${scope.periodPhrase}${scopeText({ ...scope, filters: { ...scope.filters, dataTransfer: undefined } })}: no charge's SkuId or ChargeDescription names it. ` +
        (all.data.totalValue === 0
          ? "No charge names data transfer of any kind either."
          : `All data transfer came to ${formatMoney(all.data.total, scope.currency)}.`);
    }
    // "How much data did we transfer out to the internet, and what did it cost?": the volume leads, with the cost.
    if (!noDataYet && transfer && VOLUME_ASKED.test(question) && b.rows.length > 0) {
      exec.useTool("unitCosts");
      const units = await unitCosts(this.db, { period: scope.period, filters: scope.filters, metric: scope.metric, limit: UNIT_PAIRS_LIMIT });
      provenance.push(...units.provenance);
      const byVolume = units.data.rows.filter((r) => GIGABYTES_PER[r.pricingUnit.trim()] !== undefined);
      const gigabytes = byVolume.reduce((sum, r) => sum + Number(r.quantity) * GIGABYTES_PER[r.pricingUnit.trim()]!, 0);
      if (gigabytes > 0) {
        const perGigabyte = Number(sumDecimals(byVolume.map((r) => r.cost))) / gigabytes;
        Object.assign(section.figures, { gigabytes: Math.round(gigabytes * 100) / 100, costPerGigabyte: perGigabyte });
        section.headline =
          `**${formatNumber(Math.round(gigabytes))} GB of ${DATA_TRANSFER_NAMES[transfer]}** ${scope.periodPhrase}${scopeText({ ...scope, filters: { ...scope.filters, dataTransfer: undefined } })}, ` +
          `for ${formatMoney(b.total, scope.currency)}: ${formatUnitPrice(perGigabyte, scope.currency)} a GB on average over the usage priced by the GB, GiB or TB (a GiB is 1.073741824 GB).`;
      }
    }
    if (dimensions.count) {
      section.figures.count = namedValues;
      section.headline =
        `**${namedValues} ${plural(valueNoun, namedValues)}** had cost ${scope.periodPhrase}${scopeText(scope)}: ` +
        `${formatMoney(b.total, scope.currency)} ${METRIC_WORDS[scope.metric]} in all` +
        (unnamed ? `, ${formatMoney(unnamed.amount, scope.currency)} of it on no ${valueNoun}.` : ".");
    } else if (AVERAGE_PER.test(question) && (scope.groupBy || dimension === "ResourceId") && dimension !== "Tag" && namedValues > 0) {
      // "The average cost of an EC2 instance": one service is broken down by its resources, so per resource.
      // "What is the average cost per account?": the cost the values carry ÷ how many had cost; what carries none of
      // them (tax, credits on no sub-account) is no one's, so not averaged.
      const spread = toUnits(b.total) - (unnamed ? toUnits(unnamed.amount) : 0n);
      const average = fromUnits(spread / BigInt(namedValues));
      section.figures = { ...section.figures, averagePerValue: average, valuesAveraged: namedValues };
      section.headline =
        `**${formatMoney(average, scope.currency)} per ${valueNoun} on average** ${scope.periodPhrase}${scopeText(scope)}: ` +
        `${formatMoney(fromUnits(spread), scope.currency)} ${METRIC_WORDS[scope.metric]} over ${namedValues} ${plural(valueNoun, namedValues)}` +
        (unnamed ? `, leaving out the ${formatMoney(unnamed.amount, scope.currency)} on no ${valueNoun}.` : ".");
    } else if (dimension === "PricingCategory" && FIXED_VARIABLE.test(question)) {
      // "What are our fixed vs variable costs?": committed capacity is paid whether used or not (fixed); on-demand and
      // spot usage moves with use (variable); taxes, credits and purchases carry no pricing category.
      const unitsOf = (keys: string[]) => b.rows.filter((r) => r.key !== null && keys.includes(r.key)).reduce((sum, r) => sum + toUnits(r.amount), 0n);
      const [fixedUnits, variableUnits] = [unitsOf(["Committed"]), unitsOf(["Standard", "Dynamic"])];
      const [fixed, variable, rest] = [fixedUnits, variableUnits, toUnits(b.total) - fixedUnits - variableUnits].map(fromUnits) as [string, string, string];
      const share = (amount: string) => formatPercent(b.totalValue === 0 ? null : (Number(amount) / b.totalValue) * 100);
      Object.assign(section.figures, { fixed, variable, neither: rest });
      section.headline =
        `**${formatMoney(variable, scope.currency)} variable (${share(variable)})** against **${formatMoney(fixed, scope.currency)} fixed (${share(fixed)})** ` +
        `of the ${formatMoney(b.total, scope.currency)} ${METRIC_WORDS[scope.metric]} ${scope.periodPhrase}${scopeText(scope)}: variable is on-demand and spot usage, ` +
        `fixed the reservations and savings plans paid for whether used or not` +
        (Number(rest) !== 0 ? `; ${formatMoney(rest, scope.currency)} (${share(rest)}) is neither (taxes, credits and other charges without a pricing category).` : ".");
    } else if (dimension === "PricingCategory" && dimensions.pricingKinds.length) {
      // "What percentage of our compute is on-demand?": the named categories' shares of the scope's costs.
      const parts = dimensions.pricingKinds.map((kind) => {
        const amount = b.rows.find((r) => r.key === kind)?.amount ?? "0";
        return { kind, amount, share: b.totalValue === 0 ? null : (Number(amount) / b.totalValue) * 100 };
      });
      for (const p of parts) section.figures[`share${p.kind}`] = p.share;
      const total = `${formatMoney(b.total, scope.currency)} ${METRIC_WORDS[scope.metric]}`;
      const [only] = parts;
      section.headline =
        parts.length === 1
          ? `**${formatShare(only!.share)}** of the costs ${scope.periodPhrase}${scopeText(scope)} ${PRICING_KIND_PHRASES[only!.kind]}: ` +
            `${formatMoney(only!.amount, scope.currency)} of ${total}.`
          : `Of the ${total} ${scope.periodPhrase}${scopeText(scope)}, ` +
            `${parts.map((p) => `**${formatShare(p.share)}** ${PRICING_KIND_PHRASES[p.kind]} (${formatMoney(p.amount, scope.currency)})`).join(", ")}.`;
    } else if (dimensions.share && hasScope(scope)) {
      // "What percentage of our spend is compute?": the part against every cost of the period; "what share of AWS
      // spend is EC2?", against the whole named (AWS).
      const { whole: wholeFilters, part: partFilters } = shareWhole(scope.filters, dimensions.shareOf);
      exec.useTool("costBreakdown");
      const all = await costBreakdown(this.db, { period: scope.period, filters: wholeFilters, metric: scope.metric, dimension: "ProviderName" });
      const whole = all.data.totalValue;
      const share = whole === 0 ? null : (b.totalValue / whole) * 100;
      section.figures.share = share;
      section.figures.allCosts = all.data.total;
      const ofWhole = dimensions.shareOf.length ? `the costs ${scope.periodPhrase}${scopeText({ ...scope, filters: wholeFilters })}` : `all costs ${scope.periodPhrase}`;
      section.headline =
        `**${formatPercent(share)}** of ${ofWhole} were${scopeText({ ...scope, filters: partFilters })}: ` +
        `${formatMoney(b.total, scope.currency)} of ${formatMoney(all.data.total, scope.currency)} ${METRIC_WORDS[scope.metric]}.`;
      provenance.push(...all.provenance);
    } else if (scope.accounts.length >= 2 && !scope.groupBy && !noDataYet && !transfer) {
      accountParts = await this.accountParts(scope, b.total, exec);
      provenance.push(...accountParts.provenance);
      section.figures = { ...section.figures, ...accountParts.figures };
      section.headline = `${total}: ${accountParts.sentence}`;
    }
    const { idColumns, idCell } = readable;
    section.tables.push({
      title: `By ${valueNoun}`,
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
        title: `${scope.periodLabel} by ${valueNoun}`,
        unit: scope.currency,
        series: [{ name: scope.metric, points: b.rows.map((r) => ({ x: shown(r), y: r.value })) }],
      });
    }
    exec.setPartial({ ...section, markdown: empty ? "" : tableMarkdown(section.tables[0]!, scope.currency) });
    exec.useTool("costTrend");
    const trend = knownTrend ?? (await costTrend(this.db, { period: scope.period, filters: scope.filters, metric: scope.metric, granularity: scope.granularity }));
    const unit = scope.granularity;
    const unitName = unit === "day" ? "Daily" : unit === "week" ? "Weekly" : "Monthly";
    const points = withinData(trend.data.total, scope.dataRange, unit);
    // The line draws whole weeks and months: December to date, or the days of a week inside the quarter, would read as
    // a fall. Too few whole ones ("this month" by week): all of them.
    const whole = wholeBuckets(points, scope.period, scope.dataRange, unit);
    const drawn = whole.length > 1 ? whole : points;
    const partial = points.filter((p) => !drawn.includes(p));
    // One day (or week) is one point: no line to draw.
    if (drawn.length > 1 && !empty) {
      section.charts.unshift({
        kind: "line",
        title: `${unitName} cost`,
        unit: scope.currency,
        series: [{ name: scope.metric, style: "actual", points: drawn.map((p) => ({ x: p.bucketStart, y: p.value })) }],
      });
    }
    const partialNote = partial.length && drawn.length > 1 && !empty
      ? ["", `The ${unitName.toLowerCase()} line leaves out ${partial.map((p) => (unit === "month" ? monthLabel(p.bucketStart) : `the ${unit} of ${p.bucketStart}`)).join(" and ")}, which ${partial.length === 1 ? "holds" : "hold"} only part of ${partial.length === 1 ? "its" : "their"} days here.`]
      : [];
    // "Q3 broken down by month": the months are the breakdown asked for, before the one by service; "monthly spend by
    // provider": each provider month by month, after it.
    const overTime = dimensions.granularity !== undefined && !dimensions.rate && points.length > 1;
    const byTime = overTime && !scope.groupBy;
    if (byTime) {
      section.tables.unshift({
        title: `By ${unit}`,
        columns: [
          { key: "bucket", label: unit === "month" ? "Month" : unit === "week" ? "Week of" : "Day", format: "text" },
          { key: "amount", label: `Cost (${scope.currency})`, format: "money" },
          { key: "share", label: "Share", format: "percent" },
        ],
        rows: points.map((p) => ({
          bucket: unit === "month" ? monthLabel(p.bucketStart) : p.bucketStart,
          amount: p.amount,
          share: b.totalValue === 0 ? null : (p.value / b.totalValue) * 100,
        })),
      });
    }
    // "Services under $50" with none: the nearest there is, the cheapest service (or for "over", the dearest).
    const range = breakdown.data.valueRange;
    const nearest = amountOver && !b.rows.length && range
      ? amountOver.op === "lt"
        ? `The least expensive ${valueNoun} cost ${formatMoney(range.smallest, scope.currency)}.`
        : `The most expensive ${valueNoun} cost ${formatMoney(range.largest, scope.currency)}.`
      : undefined;
    // A ranking that leads the answer is not said again, only how it was ranked.
    const explanation = nearest ?? (dimensions.count
      ? ""
      : rankingLeads
      ? smallestFirst ? "Smallest first: this ranks what you spent, not prices." : ""
      : top
      ? `The ${smallestFirst ? "smallest" : "largest"} is **${shown(top)}** at ${formatMoney(top.amount, scope.currency)} (${formatPercent((top.share ?? 0) * 100)} of the total), out of ${b.valueCount} ${valueNoun} ${b.valueCount === 1 ? "value" : "values"}` +
        (smallestFirst ? `, smallest first: this ranks what you spent, not prices.` : ".")
      : noDataYet
      ? "Ask about a period up to then (the last 7 days, last week) for the latest spend."
      : "There is no cost in this period for these filters.");
    const shareNote = section.figures.share === undefined ? [] : ["", `Share: ${formatMoney(b.total, scope.currency)} ÷ ${formatMoney(String(section.figures.allCosts), scope.currency)}, the period's costs with no filter.`];
    const pricingNote = dimension === "PricingCategory" ? ["", PRICING_CATEGORY_NOTE] : [];
    // "What is our Kubernetes spend?": EKS, AKS and GKE bill the clusters; their nodes are billed as machines.
    const kubernetesNote = scope.filters.services?.length && scope.filters.services.every(isKubernetesService) ? ["", KUBERNETES_NOTE] : [];
    // "Top 5 S3 buckets", "most expensive regions": the row that is no bucket, no region, says what it is.
    const unattributed = NO_VALUE_NOTES[dimension] ? b.rows.find((r) => r.key === null && !r.isOthers) : undefined;
    const noResourceNote = unattributed
      ? ["", `${unattributed.label}: the ${formatMoney(unattributed.amount, scope.currency)} ${oneCloudAccounts ? `billed to no ${valueNoun}, such as tax, credits and support on the billing account` : NO_VALUE_NOTES[dimension]}.`]
      : [];
    const variantsNote = dimension === "Tag" ? variantsOf(b.rows.filter((r) => !r.isOthers), scope.currency) : [];
    const pooledNote = b.rows.some((r) => r.label === UNTAGGED_OR_PLACEHOLDER_LABEL)
      ? ["", `${UNTAGGED_OR_PLACEHOLDER_LABEL}: the cost with no ${scope.groupBy?.tagKey} tag and the cost tagged with a placeholder (${PLACEHOLDER_EXAMPLES}), which no ${scope.groupBy?.tagKey} owns.`]
      : [];
    let over: string[] = [];
    if (amountOver) {
      // "Which resources cost more than $5,000?": how many, and what they come to together, lead.
      const { count, amount: passing } = breakdown.data.matching!;
      const share = Number(b.total) > 0 ? ` (${shareOfTotal((Number(passing) / Number(b.total)) * 100)} of the ${formatMoney(b.total, scope.currency)} ${METRIC_WORDS[scope.metric]})` : "";
      Object.assign(section.figures, { passing: count, passingTotal: passing });
      section.headline =
        `**${count === 0 ? "No" : count} ${plural(valueNoun, count === 0 ? 2 : count)}** cost ${amountOver.op === "lt" ? "less" : "more"} than ${Number.isInteger(amountOver.value) ? formatWholeMoney(amountOver.value, scope.currency) : formatMoney(amountOver.value, scope.currency)} ` +
        `${scope.periodPhrase}${scopeText(scope)}` +
        (count === 1 ? `: ${shown(b.rows[0]!)}, ${formatMoney(passing, scope.currency)}${share}.` : count ? `: ${formatMoney(passing, scope.currency)} together${share}.` : ".");
      if (count > b.rows.length) over = [`The ${b.rows.length} largest are listed.`, ""];
    }
    if (accountParts) section.tables.unshift(accountParts.table);
    section.markdown = [
      ...over,
      ...(byTime ? [tableMarkdown(section.tables[0]!, scope.currency, 31), ""] : []),
      ...(accountParts ? [tableMarkdown(accountParts.table, scope.currency), "", ...accountParts.notes] : []),
      ...(empty ? [] : [tableMarkdown(section.tables.at(-1)!, scope.currency, dimensions.count ? COUNT_LIMIT : amountOver ? THRESHOLD_LIMIT : Math.max(15, scope.topN ?? 0))]),
      ...(explanation ? ["", explanation] : []),
      ...shareNote,
      ...pricingNote,
      ...kubernetesNote,
      ...partialNote,
      ...noResourceNote,
      ...pooledNote,
      ...variantsNote,
    ].join("\n");
    section.provenance = [...provenance, ...trend.provenance];
    // "Our top 3 services in each of the last 3 months": each month's own ranking leads.
    const eachMonth = EACH_MONTH.test(question) && (RANKING_ASKED.test(question) || dimensions.topN !== undefined) && !dimensions.count && !empty && !amountOver;
    if (eachMonth) {
      exec.useTool("costBreakdown");
      section.provenance.push(...(await addTopEachMonth(this.db, scope, section, { dimension, tagKey: scope.groupBy?.tagKey, valueNoun })));
    } else if (overTime && scope.groupBy && !dimensions.count && !empty) {
      exec.useTool("costTrend");
      const kept = new Set(drawn.map((p) => p.bucketStart));
      await addTrendsByValue(this.db, scope, section, (bucket) => kept.has(bucket), (bucket) => bucketLabel(bucket, unit));
    } else if (TREND_ALSO.test(question) && scope.groupBy && !dimensions.count && !empty) {
      // "How much did each provider cost last month and what's the trend?": the period asked, then each value month by
      // month over the half year that ends with it (the whole months of data only).
      exec.useTool("costTrend");
      const end = scope.period.end.slice(0, 8) + "01";
      const months = { start: addMonths(end, -TREND_ALSO_MONTHS), end };
      const dataEnd = addDaysIso(scope.dataRange.end, 1);
      const whole = (bucket: string) => bucket >= scope.dataRange.start && addMonths(bucket, 1) <= dataEnd;
      await addTrendsByValue(this.db, { ...scope, period: months, granularity: "month" }, section, whole, (bucket) => bucketLabel(bucket, "month"), { overTimeTitle: true });
    }
    // "How much does assistant-dev-ec2-0047 cost?": what it is used for, and whether it should be changed.
    if (scope.resources.length === 1 && scope.filters.resourceIds?.length === 1) await this.aboutResource(scope, section, exec);
    return section;
  }

  /**
   * "What do dev and staging cost together?": each named account's part of the total, over the sub-accounts (or billing
   * accounts) its name stands for; a sub-account whose name holds two of them counts in both.
   */
  private async accountParts(scope: ResolvedScope, total: string, exec: ExecutionScope<AnswerSection>) {
    exec.useTool("costTotal");
    const parts = await Promise.all(
      scope.accounts.map(async (account) => {
        const ids = account.subAccountIds.length + account.billingAccountIds.length;
        const result = ids ? await costTotal(this.db, { period: scope.period, filters: accountFilters(scope.filters, account), metric: scope.metric }) : null;
        return { account, amount: result?.data.total ?? "0", provenance: result?.provenance ?? [] };
      }),
    );
    const ranked = [...parts].sort((a, b) => Number(b.amount) - Number(a.amount));
    const shareOf = (amount: string) => (Number(total) === 0 ? null : (Number(amount) / Number(total)) * 100);
    const named = ranked.map((p) => `**${p.account.name}** ${formatMoney(p.amount, scope.currency)} (${formatPercent(shareOf(p.amount))})`);
    const overlap = parts.reduce((sum, p) => sum + toUnits(p.amount), 0n) !== toUnits(total);
    return {
      sentence: `${named.slice(0, -1).join(", ")} and ${named.at(-1)}.`,
      figures: Object.fromEntries(parts.map((p) => [`account:${p.account.name}`, p.amount])),
      provenance: parts.flatMap((p) => p.provenance),
      notes: overlap ? ["Some sub-accounts' names hold more than one of these, so they count in each and the parts add up to more than the total.", ""] : [],
      table: {
        title: "By account",
        columns: [
          { key: "label", label: "Account", format: "text" as const },
          { key: "amount", label: `Cost (${scope.currency})`, format: "money" as const },
          { key: "share", label: "Share", format: "percent" as const },
        ],
        rows: ranked.map((p) => ({ label: namedAccountLabel(p.account), amount: p.amount, share: shareOf(p.amount) })),
      },
    };
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

}


/** "A vs B", "A versus B", "A compared to B": things set against each other. */
const VERSUS = /\bvs\.?(?=\s|$)|\bversus\b|\bcompared?\s+(?:to|with)\b/i;

/** The question sets two named services, providers, regions or accounts against each other. */
function namesTwoSides({ question, dimensions, scope }: SpecialistInput): boolean {
  const sides = dimensions.services.length >= 2 || dimensions.providers.length >= 2 || dimensions.regions.length >= 2 || scope.accounts.length >= 2;
  return sides && (VERSUS.test(question) || WHICH_COSTS_MORE.test(question)) && !scope.groupBy;
}
