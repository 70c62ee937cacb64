import type { Database } from "../../adapters/db/database.ts";
import { capitalised, cents, emptySection, formatMoney, formatPercent, measuresTable, pointsMoved, readableLabels, tableMarkdown, type AnswerSection, type MeasurePair } from "../answer.ts";
import {
  commitmentAnalysis,
  commitmentCoverage,
  commitmentTrend,
  purchaseAction,
  termOffer,
  COMMITMENT_TERMS,
  TARGET_UTILIZATION,
  type CommitmentAnalysis,
  type CommitmentTerm,
} from "../../finops/analytics/commitments.ts";
import { addMonths, daysBetween, type Provenance } from "../../finops/analytics/scope.ts";
import { addDaysIso } from "../../finops/data-range.ts";
import { monthLabel, partialMonthsNote, wholeMonthOfData } from "../scope.ts";
import { SAVINGS_DEFINITIONS, savingsMetrics } from "../../finops/analytics/savings.ts";
import { sumDecimals } from "../../finops/analytics/stats.ts";
import { commitmentStarts, MIN_SPAN_DAYS, type CommitmentStart } from "../../finops/analytics/commitment-starts.ts";
import type { ExecutionScope } from "../hardened-agent.ts";
import { MATERIAL_SHARE } from "./answer-limits.ts";
import { inBothPeriods, scopeText, Specialist, type SpecialistInput } from "./specialist.ts";
import { SPEND_ON_COMMITMENTS } from "../classifier/dimensions.ts";

/** Commitment kinds as questions name them, and the FOCUS CommitmentDiscountType values they cover. */
// `type` is a plain pattern (letters and spaces), read in SQL as well (`~*`, commitmentCoverage's commitmentTypes).
const COMMITMENT_KINDS: ReadonlyArray<{ words: RegExp; type: RegExp; label: string }> = [
  { words: /\bsavings? plans?\b/i, type: /savings plan/i, label: "Savings Plans" },
  { words: /\breserv(?:ed instances?|ations?)\b|\bris?\b/i, type: /reserv/i, label: "Reservations" },
  { words: /\bcommitted[- ]use\b|\bcuds?\b/i, type: /committed use/i, label: "Committed use discounts" },
];
/** Asks whether (or how much) to buy. */
const BUY = /\b(?:should (?:we|i) (?:buy|purchase|get|commit)|buy(?:ing)?|purchas\w*|worth (?:buying|it)|how much (?:should we|to) commit)\b/i;
/** Asks what buying a commitment changed ("did our spend go down after we bought the savings plan?"). */
const SINCE_PURCHASE = /\b(?:after|since|before and after)\s+(?:we\s+|i\s+)?(?:bought|buying|purchased|purchasing|got|signed|added|took out)\b/i;
/** Asks how coverage or utilisation moved over time. */
const TREND_ASKED = /\btrend(?:s|ed|ing)?\b|\bover time\b|\bmonth (?:by|over|to) month\b|\b(?:improv|worsen|declin)(?:e|ed|es|ing)\b/i;
/** Asks for an amount: "how much of our reservations went unused?". */
const HOW_MUCH = /\bhow much\b/i;
/** "Which reservations expire soon?", "when do our savings plans end?": end dates, which FOCUS does not carry. */
const EXPIRY = /\bexpir\w*|\brenew\w*|\bend(?:s|ing)?\s+(?:date|soon)|\bwhen\s+(?:do|does|will)\b.*\bend\b|\blaps\w*/i;
/** Asks which commitments go unused ("which reservations are underutilised?"). */
const UNDERUSED = /\bunder[- ]?(?:utili[sz]\w*|used)\b|\bunused\b|\bwast(?:ed|ing)\b|\blow(?:est)? utili[sz]ation\b|\bpoorly (?:utili[sz]ed|used)\b|\bnot (?:fully )?used\b/i;
/** Asks for a verdict ("is our commitment utilization healthy?", "is our RI coverage good enough?"). */
const HEALTH_ASKED =
  /\bhealth(?:y)?\b|\bin good shape\b|\bgood enough\b|\bon track\b|\bacceptable\b|\b(?:is|are|looks?|looking) (?:it |that |they )?(?:good|ok|okay|fine|right)\b|\b(?:coverage|utili[sz]ation|commitments?|reservations?|plans?|ris|cuds)\s+(?:good|ok|okay|fine)\b|\b(?:good|ok|okay|fine)\s*[?.!]*\s*$/i;
/** Asks how much usage commitments cover. */
const COVERAGE = /\b(?:coverage|covered)\b/i;
/** Services with at least this share of eligible spend can lead a coverage answer (a tiny service at 0% says little). */
const MATERIAL_ELIGIBLE_SHARE = 0.05;

/** Groupings coverage is given per ("which account has the highest commitment coverage?"), and their row nouns. */
const COVERAGE_GROUPS = { SubAccountId: "Sub-account", BillingAccountId: "Billing account", RegionId: "Region", ProviderName: "Provider" } as const;
type CoverageGroup = keyof typeof COVERAGE_GROUPS;
const isCoverageGroup = (d: string | undefined): d is CoverageGroup => d !== undefined && d in COVERAGE_GROUPS;

/**
 * "Which account has the highest commitment coverage?": each value's coverage of its eligible usage as the first
 * table, the highest first (the lowest first when asked), and the headline naming the first among the values with
 * at least MATERIAL_SHARE (1%) of the eligible spend (a $20 account fully covered says little).
 */
async function coverageByValue(
  db: Pick<Database, "sql">,
  { scope, dimensions, question }: SpecialistInput,
  by: CoverageGroup,
  section: AnswerSection,
): Promise<Provenance[]> {
  // "Savings plan coverage by account": only what the kinds named covered counts as covered.
  const { kinds, label, narrowed } = commitmentKindsAsked(question);
  const commitmentTypes = narrowed ? kinds.map((k) => k.type.source) : undefined;
  const result = await commitmentCoverage(db, { period: scope.period, filters: scope.filters, by, commitmentTypes });
  const what = narrowed ? `${label} coverage` : "commitment coverage";
  const noun = COVERAGE_GROUPS[by];
  const values = result.data.rows.map((r) => ({ ...r, label: r.key ?? `(no ${noun.toLowerCase()})`, isOthers: false }));
  const lowestFirst = dimensions.smallestFirst || /\b(?:lowest|least|worst|poorest)\b/i.test(question);
  const ranked = [...values].sort((a, b) => (lowestFirst ? 1 : -1) * ((a.coveragePercent ?? -1) - (b.coveragePercent ?? -1)) || b.eligible.value - a.eligible.value);
  const eligible = values.reduce((sum, v) => sum + v.eligible.value, 0);
  const lead = ranked.find((v) => v.key !== null && v.eligible.value >= MATERIAL_SHARE * eligible);
  const { shown, idColumns, idCell } = readableLabels(ranked);
  const money = (amount: string) => formatMoney(amount, scope.currency);
  if (lead) {
    section.figures = { ...section.figures, coverageLead: shown(lead), coverageLeadPercent: lead.coveragePercent };
    section.headline =
      `**${shown(lead)}** has the ${lowestFirst ? "lowest" : "highest"} ${what} ${scope.periodPhrase}: **${formatPercent(lead.coveragePercent)}** ` +
      `of its ${money(lead.eligible.amount)} eligible usage (${money(lead.covered.amount)} covered, ${money(lead.onDemand.amount)} on demand). ${section.headline}`;
  }
  section.tables.unshift({
    title: `${capitalised(what)} by ${noun.toLowerCase()}`,
    columns: [
      { key: "label", label: noun, format: "text" },
      ...idColumns,
      { key: "eligible", label: `Eligible (${scope.currency})`, format: "money" },
      { key: "covered", label: `Covered (${scope.currency})`, format: "money" },
      { key: "onDemand", label: `On demand (${scope.currency})`, format: "money" },
      { key: "coverage", label: "Coverage", format: "percent" },
    ],
    rows: ranked.map((v) => ({ label: shown(v), ...idCell(v), eligible: v.eligible.amount, covered: v.covered.amount, onDemand: v.onDemand.amount, coverage: v.coveragePercent })),
  });
  return result.provenance;
}

/**
 * The kinds of commitment a question names ("Savings Plans"), how the answer calls them, and whether they narrow it
 * (some named, not every one: all of them named is no choice).
 */
function commitmentKindsAsked(question: string) {
  const kinds = COMMITMENT_KINDS.filter((k) => k.words.test(question));
  return {
    kinds,
    label: kinds.map((k) => k.label).join(" and "),
    narrowed: kinds.length > 0 && kinds.length < COMMITMENT_KINDS.length,
    /** Whether a FOCUS CommitmentDiscountType is of the kinds named. */
    ofType: (type: string | null) => kinds.some((k) => k.type.test(type ?? "")),
  };
}

/** The used share of some commitments' used and unused cost, in percent; null when they held none. */
function utilisationOf(commitments: CommitmentAnalysis["commitments"]): number | null {
  const used = Number(sumDecimals(commitments.map((x) => x.used.amount)));
  const total = used + Number(sumDecimals(commitments.map((x) => x.unused.amount)));
  return total > 0 ? (used / total) * 100 : null;
}

export const namesCommitments = (question: string) => /\bcommitments?\b/i.test(question) || COMMITMENT_KINDS.some((k) => k.words.test(question));

/** Rate optimisation: commitment utilisation and coverage, purchase recommendations, and savings already realised. */
export class OptimizationAgent extends Specialist {
  readonly agentType = "optimization" as const;
  readonly agentName = "optimization";
  readonly title = "Reviewing commitments and rates";

  protected answer(input: SpecialistInput, exec: ExecutionScope<AnswerSection>) {
    return input.intent === "reserved_instance_analysis" ? this.commitments(input, exec) : this.savings(input, exec);
  }

  /**
   * The covered services' daily cost over equal spans of days before and after each commitment's first day in the
   * data; a commitment active from the data's first day has no before, and what it saved is said instead.
   */
  private async sincePurchase({ scope, question }: SpecialistInput, exec: ExecutionScope<AnswerSection>) {
    exec.useTool("commitmentStarts");
    const dataRange = { start: scope.dataRange.start, end: addDaysIso(scope.dataRange.end, 1) };
    const result = await commitmentStarts(this.db, { dataRange, period: scope.period, filters: scope.filters });
    const { label, narrowed, ofType } = commitmentKindsAsked(question);
    const named = narrowed ? result.data.filter((c) => ofType(c.commitmentDiscountType)) : result.data;
    const money = (amount: string | number) => formatMoney(amount, scope.currency);
    const nameOf = (c: CommitmentStart) => c.commitmentDiscountName ?? c.commitmentDiscountId;
    const section = emptySection("optimization", "Before and after the commitments");
    section.provenance = result.provenance;
    if (!named.length) {
      section.headline = `**No ${narrowed ? label : "commitments"}** appear in the cost data${scopeText(scope)} (${scope.dataRange.start} to ${scope.dataRange.end}), so there is no purchase to look before and after.`;
      return section;
    }
    const change = (c: CommitmentStart) => (c.before && c.after && c.before.daily !== 0 ? ((c.after.daily - c.before.daily) / c.before.daily) * 100 : null);
    const measured = named.filter((c) => change(c) !== null).sort((a, b) => Number(b.saved) - Number(a.saved));
    const sentences: string[] = [];
    const lead = measured[0];
    if (lead) {
      const pct = change(lead)!;
      const days = daysBetween(lead.after!.period.start, lead.after!.period.end);
      sentences.push(
        `**Spend on what ${nameOf(lead)} covers ${pct < 0 ? "fell" : "rose"} ${formatPercent(Math.abs(pct))}** after its first day in the data, ${lead.firstDay}: ` +
          `${money(lead.after!.daily)} a day over the ${days} days from then, against ${money(lead.before!.daily)} over the ${days} days before (${lead.services.join(", ")}).`,
      );
      if (measured.length > 1) sentences.push(`The other ${measured.length - 1} started within the data too: the table sets each against its own days.`);
    }
    const fromStart = named.filter((c) => change(c) === null && c.firstDay <= scope.dataRange.start);
    if (fromStart.length) {
      const saved = sumDecimals(fromStart.map((c) => c.saved));
      sentences.push(
        `${lead ? "" : "**"}${fromStart.length === 1 ? nameOf(fromStart[0]!) : `${fromStart.length} of the ${named.length} ${narrowed ? label : "commitments"}`} ` +
          `${fromStart.length === 1 ? "was" : "were"} already active when the data begins (${scope.dataRange.start})${lead ? "" : "**"}, so the bill holds no before to compare with; ` +
          `${fromStart.length === 1 ? "it" : "they"} saved ${money(saved)} ${scope.periodPhrase} on the usage ${fromStart.length === 1 ? "it" : "they"} covered.`,
      );
    }
    const tooSoon = named.filter((c) => change(c) === null && c.firstDay > scope.dataRange.start);
    if (tooSoon.length) {
      sentences.push(`${tooSoon.map((c) => `${nameOf(c)} (first day ${c.firstDay})`).join(" and ")} started too close to the edge of the data to set ${MIN_SPAN_DAYS} days on either side.`);
    }
    section.headline = sentences.join(" ");
    section.figures = {
      commitments: named.length,
      measured: measured.length,
      ...(lead ? { firstDay: lead.firstDay, dailyBefore: cents(lead.before!.daily), dailyAfter: cents(lead.after!.daily), changePercent: change(lead) } : {}),
      activeFromStart: fromStart.length,
      savedFromStart: sumDecimals(fromStart.map((c) => c.saved)),
    };
    section.tables.push({
      title: "Each commitment before and after its first day",
      columns: [
        { key: "label", label: "Commitment", format: "text" },
        { key: "firstDay", label: "First day in the data", format: "text" },
        { key: "before", label: `Daily before (${scope.currency})`, format: "money" },
        { key: "after", label: `Daily after (${scope.currency})`, format: "money" },
        { key: "change", label: "Change", format: "percent" },
        { key: "saved", label: `Saved in the period (${scope.currency})`, format: "money" },
      ],
      rows: named.map((c) => ({
        label: nameOf(c),
        firstDay: c.firstDay,
        before: c.before ? cents(c.before.daily) : null,
        after: c.after ? cents(c.after.daily) : null,
        change: change(c),
        saved: c.saved,
      })),
    });
    section.markdown = [
      tableMarkdown(section.tables[0]!, scope.currency),
      "",
      `Before and after: the EffectiveCost of usage of the services each commitment covered, a day on average over equal spans (at most 30 days) on either side of the first day a charge carries it; ` +
        `growth and new workloads in those weeks move it too. Saved: ContractedCost - EffectiveCost of the usage it covered.`,
    ].join("\n");
    return section;
  }

  private async commitments(input: SpecialistInput, exec: ExecutionScope<AnswerSection>) {
    const { scope, question, dimensions } = input;
    // "Did our spend go down after we bought the savings plan?": before and after each commitment's first day.
    if (SINCE_PURCHASE.test(question)) return this.sincePurchase(input, exec);
    // "Our commitment coverage trend over the last 6 months", "is our RI utilisation improving?": month by month.
    if (TREND_ASKED.test(question) || dimensions.direction || dimensions.granularity === "monthly") return this.trend(input, exec);
    // "How does that compare to the month before?": utilisation and coverage in both periods.
    if (scope.comparison) return this.commitmentsCompared(input, exec);
    exec.useTool("commitmentAnalysis");
    // "What would a 3-year savings plan save us?": the purchase is sized for the term asked (both asked: 1 year, and
    // 3 years beside it).
    const terms = dimensions.commitmentTerms;
    const term = terms.length === 1 ? terms[0]! : "1y";
    const result = await commitmentAnalysis(this.db, { period: scope.period, filters: scope.filters, term });
    const c = result.data;
    const section = emptySection("optimization", "Commitments");
    section.figures = {
      utilizationPercent: c.totals.utilizationPercent,
      coveragePercent: c.totals.coveragePercent,
      unused: c.totals.unused.amount,
      onDemandEligible: c.totals.onDemandEligible.amount,
    };
    // "What percent of our compute is covered by reservations?": coverage leads; otherwise utilisation does.
    const coverageAsked = COVERAGE.test(question) || scope.groupBy?.dimension === "ServiceName";
    const money = (amount: string) => formatMoney(amount, scope.currency);
    const { totals } = c;
    const all = coverageAsked
      ? `Commitments covered **${formatPercent(totals.coveragePercent)}** of eligible usage ${scope.periodPhrase}: ${money(totals.covered.amount)} of ${money(totals.eligible.amount)}, ` +
        `**${formatPercent(totals.utilizationPercent)} utilised**, with ${money(totals.unused.amount)} of commitment unused.`
      : `Commitments were **${formatPercent(totals.utilizationPercent)} utilised** and covered **${formatPercent(totals.coveragePercent)}** of eligible usage ${scope.periodPhrase}; ` +
        `${money(totals.unused.amount)} of commitment went unused.`;
    // "What's our Savings Plan utilization?": the kinds the question names lead (all of them named is no choice).
    const { kinds, label, narrowed, ofType } = commitmentKindsAsked(question);
    const named = narrowed ? c.commitments.filter((x) => ofType(x.commitmentDiscountType)) : null;
    if (named?.length) {
      const used = sumDecimals(named.map((x) => x.used.amount));
      const unused = sumDecimals(named.map((x) => x.unused.amount));
      const utilization = utilisationOf(named);
      // What a commitment used is the eligible usage it covered (their sums agree: commitments.ts).
      const coverage = totals.eligible.value > 0 ? (Number(used) / totals.eligible.value) * 100 : null;
      section.figures = { ...section.figures, named: label, namedUsed: used, namedUnused: unused, namedUtilizationPercent: utilization, namedCoveragePercent: coverage };
      const across = `across ${named.length} commitment${named.length === 1 ? "" : "s"}`;
      section.headline = coverageAsked
        ? `**${label}** covered **${formatPercent(coverage)}** of eligible usage ${scope.periodPhrase}: ${money(used)} of ${money(totals.eligible.amount)}, ` +
          `${formatPercent(utilization)} utilised, with ${money(unused)} unused ${across}. ` +
          all.replace(/^Commitments covered/, "All commitments covered")
        : `**${label}** were **${formatPercent(utilization)} utilised** ${scope.periodPhrase}: ${money(used)} used and ` +
          `${money(unused)} unused ${across}. ` +
          all.replace(/^Commitments were/, "All commitments were");
    } else if (c.commitments.length === 0) {
      // Nothing to be utilised: "— utilised" would say nothing. What runs on demand is what a commitment could cover.
      const onDemand = totals.onDemandEligible.value > 0
        ? `all ${money(totals.onDemandEligible.amount)} of commitment-eligible usage ran at on-demand rates.`
        : "there is no commitment-eligible usage either.";
      section.headline = `**No ${kinds.length ? label.toLowerCase() : "commitments"}** applied${scopeText(scope)} ${scope.periodPhrase}: ${onDemand}`;
    } else {
      section.headline = named ? `**No ${label.toLowerCase()}** in the cost data ${scope.periodPhrase}. ${all}` : all;
    }
    // "Which reservations are underutilised?": the ones below the utilisation target lead, the least used first.
    const pool = named ?? c.commitments;
    const health = HEALTH_ASKED.test(question) && pool.length > 0;
    const underused = (UNDERUSED.test(question) || (health && !coverageAsked)) && pool.length > 0;
    // The least used first; commitments without usage rows (no utilisation) last.
    const leastUsedFirst = (xs: typeof pool) => [...xs].sort((a, b) => (a.utilizationPercent ?? 101) - (b.utilizationPercent ?? 101));
    if (underused) {
      const noun = named ? label.toLowerCase() : "commitments";
      const ranked = leastUsedFirst(pool).filter((x) => x.utilizationPercent !== null);
      const below = ranked.filter((x) => x.utilizationPercent! < TARGET_UTILIZATION);
      const nameOf = (x: (typeof pool)[number]) => x.commitmentDiscountName ?? x.commitmentDiscountId;
      const least = ranked[0];
      section.figures = { ...section.figures, belowTarget: below.length, targetUtilizationPercent: TARGET_UTILIZATION };
      const belowList = below.map((x) => `${nameOf(x)} at ${formatPercent(x.utilizationPercent)} (${money(x.unused.amount)} unused)`).join("; ");
      if (HOW_MUCH.test(question)) {
        // "How much of our reservations went unused?": the amount leads, then which fell short of the target.
        const unused = sumDecimals(pool.map((x) => x.unused.amount));
        const used = sumDecimals(pool.map((x) => x.used.amount));
        const whole = Number(used) + Number(unused);
        section.figures = { ...section.figures, poolUnused: unused, poolUsed: used };
        section.headline =
          `**${money(unused)} of ${noun} went unused** ${scope.periodPhrase}: ${formatPercent(whole > 0 ? (Number(used) / whole) * 100 : null)} utilised, ${money(used)} used. ` +
          (below.length
            ? `${below.length} of ${pool.length} ${below.length === 1 ? "is" : "are"} below the ${TARGET_UTILIZATION}% target: ${belowList}.`
            : `None is below the ${TARGET_UTILIZATION}% target.`) +
          (named ? ` ${all.replace(/^Commitments were/, "All commitments were").replace(/^Commitments covered/, "All commitments covered")}` : "");
      } else if (health) {
        // "Is our commitment utilization healthy?": yes or no against the target, then what falls short of it.
        const utilization = named ? (section.figures.namedUtilizationPercent as number | null) : totals.utilizationPercent;
        const met = utilization !== null && utilization >= TARGET_UTILIZATION;
        section.figures = { ...section.figures, healthy: met ? "yes" : "no" };
        section.headline =
          `**${met ? "Yes" : "No"}: ${noun} were ${formatPercent(utilization)} utilised ${scope.periodPhrase}, ${met ? "meeting" : "under"} the ${TARGET_UTILIZATION}% target**` +
          (below.length ? `; ${below.length} of ${pool.length} fall short: ${belowList}. ` : ". ") + section.headline;
      } else section.headline =
        (below.length
          ? `**${below.length} of ${pool.length} ${noun} ${below.length === 1 ? "is" : "are"} below the ${TARGET_UTILIZATION}% utilisation target** ${scope.periodPhrase}: ` +
            `${belowList}. `
          : `**None of the ${pool.length} ${noun} is below the ${TARGET_UTILIZATION}% utilisation target** ${scope.periodPhrase}` +
            (least ? `: the least used is ${nameOf(least)} at ${formatPercent(least.utilizationPercent)}. ` : ". ")) + section.headline;
    }
    if (health && coverageAsked) {
      // "Is our RI coverage good enough?": coverage has no one target; whether the steady on-demand usage left
      // uncovered would pay for a commitment is the measure (the purchase recommendations below).
      const n = c.recommendations.length;
      section.figures = { ...section.figures, healthy: n === 0 ? "yes" : "no" };
      section.headline =
        (n
          ? `**Coverage has room to grow**: ${formatPercent(totals.coveragePercent)} of eligible usage was covered ${scope.periodPhrase}, and the steady on-demand usage on ` +
            `${n} ${n === 1 ? "provider" : "providers"} would pay for a further commitment (below). `
          : `**Coverage fits the steady usage**: ${formatPercent(totals.coveragePercent)} of eligible usage was covered ${scope.periodPhrase}, and no further commitment is recommended. `) +
        section.headline;
    }
    if (terms.length && c.recommendations.length) {
      addTermOffers(section, c, terms, scope.currency);
    } else if (BUY.test(question) || terms.length) {
      // "Should we buy a savings plan?": the answer to that leads, then the state of today's commitments.
      const n = c.recommendations.length;
      const buys = c.recommendations.map((r) => `${r.providerName}: ${purchaseAction(r, scope.currency)}, saving about ${money(r.estimatedMonthlySavings.amount)} a month`);
      section.headline =
        (n
          ? `**Yes, on ${n} ${n === 1 ? "provider" : "providers"}** — ${buys.join("; ")} (sized on the steady on-demand baseline after rightsizing, at assumed discounts: see below). `
          : `**No purchase is recommended** ${scope.periodPhrase}${c.skipped.length ? `: ${c.skipped.map((x) => `${x.providerName}: ${x.reason}`).join(" ")}` : ": there is no on-demand eligible usage to commit."} `) +
        section.headline;
    }
    if (SPEND_ON_COMMITMENTS.test(question) && pool.length) {
      // "How much are we spending on savings plans?": what they cost (amortized), used and unused, leads.
      const used = sumDecimals(pool.map((x) => x.used.amount));
      const unused = sumDecimals(pool.map((x) => x.unused.amount));
      const cost = sumDecimals([used, unused]);
      section.figures = { ...section.figures, commitmentCost: cost, commitmentUsed: used, commitmentUnused: unused };
      const whole = Number(cost) > 0 ? (Number(used) / Number(cost)) * 100 : null;
      section.headline =
        `**${money(cost)} on ${named ? label : "commitments"}** ${scope.periodPhrase}${scopeText(scope)}, their amortized cost: ${money(used)} of it covered usage ` +
        `and ${money(unused)} went unused (${formatPercent(whole)} utilised, ${pool.length} commitment${pool.length === 1 ? "" : "s"}). ` +
        (named
          ? all.replace(/^Commitments were/, "All commitments were").replace(/^Commitments covered/, "All commitments covered")
          : `They covered **${formatPercent(totals.coveragePercent)}** of eligible usage.`);
    }
    if (EXPIRY.test(question)) {
      // Said first, not left to be guessed from a table of utilisation.
      section.figures = { ...section.figures, commitmentEndDates: "none in the data" };
      section.headline =
        `**The cost data holds no end dates for commitments**: FOCUS carries none for a reservation, savings plan or committed use discount, ` +
        `so which expire soon cannot be read from it. Each provider's commitment inventory has them (AWS Cost Explorer's reservations and ` +
        `Savings Plans inventory, Azure Reservations, Google Cloud's committed use discounts). What the data shows: ${section.headline}`;
    }
    // The named kinds first, then the rest; asked which go unused, each part the least used first.
    const order = (xs: typeof pool) => (underused ? leastUsedFirst(xs) : xs);
    const rows = named ? [...order(named), ...order(c.commitments.filter((x) => !named.includes(x)))] : order(c.commitments);
    if (rows.length) section.tables.push({
      title: "Commitments",
      columns: [
        { key: "name", label: "Commitment", format: "text" },
        { key: "type", label: "Type", format: "text" },
        { key: "used", label: `Used (${scope.currency})`, format: "money" },
        { key: "unused", label: `Unused (${scope.currency})`, format: "money" },
        { key: "utilization", label: "Utilisation", format: "percent" },
      ],
      rows: rows.map((x) => ({
        name: x.commitmentDiscountName ?? x.commitmentDiscountId,
        type: x.commitmentDiscountType,
        used: x.used.amount,
        unused: x.unused.amount,
        utilization: x.utilizationPercent,
      })),
    });
    section.recommendations = c.recommendations.map((r) => ({
      title: `${purchaseAction(r, scope.currency)} on ${r.providerName}`,
      category: "commitment",
      monthlySavingsUsd: r.estimatedMonthlySavings.value,
      currency: scope.currency,
      href: "/admin/recommendations?category=commitment",
    }));
    const purchases = c.recommendations.map(
      (r) =>
        `- **${r.providerName}**: ${purchaseAction(r, scope.currency)}, saving about ` +
        `${formatMoney(r.estimatedMonthlySavings.amount, scope.currency)} a month. ${r.note}`,
    );
    // "Commitment coverage by service": each eligible service's covered share, the largest eligible spend first.
    const coverage = [...c.coverage].sort((x, y) => y.eligible.value - x.eligible.value);
    if (coverageAsked && coverage.length) {
      const least = coverage.filter((x) => x.eligible.value >= MATERIAL_ELIGIBLE_SHARE * c.totals.eligible.value).sort((x, y) => (x.coveragePercent ?? 0) - (y.coveragePercent ?? 0))[0];
      // One service in scope ("coverage for EC2"): the headline is already its own; there is nothing to rank.
      section.headline += least && coverage.length > 1
        ? ` The least covered of the larger services is **${least.serviceName}** (${least.providerName}): ${formatPercent(least.coveragePercent)} of ${formatMoney(least.eligible.amount, scope.currency)} eligible, ${formatMoney(least.onDemand.amount, scope.currency)} of it on demand.`
        : "";
      section.tables.unshift({
        title: "Coverage by service",
        columns: [
          { key: "service", label: "Service", format: "text" },
          { key: "provider", label: "Provider", format: "text" },
          { key: "eligible", label: `Eligible (${scope.currency})`, format: "money" },
          { key: "covered", label: `Covered (${scope.currency})`, format: "money" },
          { key: "onDemand", label: `On demand (${scope.currency})`, format: "money" },
          { key: "coverage", label: "Coverage", format: "percent" },
        ],
        rows: coverage.map((x) => ({
          service: x.serviceName,
          provider: x.providerName,
          eligible: x.eligible.amount,
          covered: x.covered.amount,
          onDemand: x.onDemand.amount,
          coverage: x.coveragePercent,
        })),
      });
    }
    // "Which account has the highest commitment coverage?": per account (region, provider), first.
    const by = scope.groupBy?.dimension;
    const perValue = coverageAsked && isCoverageGroup(by) ? await coverageByValue(this.db, input, by, section) : [];
    section.markdown = [
      ...section.tables.map((t) => tableMarkdown(t, scope.currency)).flatMap((t) => [t, ""]),
      purchases.length ? "Purchase recommendations from the steady on-demand baseline:" : "",
      ...purchases,
      // A provider with eligible spend but no purchase says why (too little history, no steady baseline, or the
      // recommended resource changes take the whole baseline away).
      ...c.skipped.map((x) => `- **${x.providerName}**: no purchase recommended. ${x.reason}`),
    ].join("\n");
    section.provenance = [...result.provenance, ...perValue];
    return section;
  }

  /**
   * Coverage and utilisation month by month over the period's whole months of data (the last six when the period is
   * a month or less), with the way each went.
   */
  private async trend({ scope, question }: SpecialistInput, exec: ExecutionScope<AnswerSection>) {
    const days = daysBetween(scope.period.start, scope.period.end);
    // A trend's default period is already the last half year (scope.ts); a single month asked is widened to six.
    const period = days > 45 ? scope.period : { start: addMonths(scope.period.start.slice(0, 7) + "-01", -5), end: scope.period.end };
    exec.useTool("commitmentTrend");
    const result = await commitmentTrend(this.db, { period, filters: scope.filters });
    // A month the data covers only in part would read as a change of coverage that is not one.
    const months = result.data.months.filter((m) => wholeMonthOfData(m.month, scope.dataRange));
    const section = emptySection("optimization", "Commitment coverage and utilisation by month");
    section.provenance = result.provenance;
    const first = months[0];
    const last = months.at(-1);
    if (!first || !last || months.length < 2) {
      section.headline = `There is not enough data${scopeText(scope)} for a trend: it needs two whole months or more between ${period.start} and ${addDaysIso(period.end, -1)}.`;
      return section;
    }
    const name = (m: (typeof months)[number]) => monthLabel(m.month);
    section.figures = {
      months: months.length,
      firstCoveragePercent: first.coveragePercent,
      lastCoveragePercent: last.coveragePercent,
      firstUtilizationPercent: first.utilizationPercent,
      lastUtilizationPercent: last.utilizationPercent,
    };
    section.headline =
      `Commitments covered **${formatPercent(last.coveragePercent)}** of eligible usage${scopeText(scope)} in ${name(last)}, against ${formatPercent(first.coveragePercent)} in ${name(first)} ` +
      `(${pointsMoved(first.coveragePercent, last.coveragePercent)}); utilisation was **${formatPercent(last.utilizationPercent)}**, against ${formatPercent(first.utilizationPercent)} ` +
      `(${pointsMoved(first.utilizationPercent, last.utilizationPercent)}).`;
    // "Our savings plan utilisation trend": the kinds named, month by month, lead; all commitments follow.
    const { label, narrowed, ofType } = commitmentKindsAsked(question);
    const namedOf = (m: (typeof months)[number]) => {
      const own = m.byType.filter((t) => ofType(t.type));
      const used = own.reduce((s, t) => s + t.used.value, 0);
      const unused = own.reduce((s, t) => s + t.unused.value, 0);
      return { held: own.length > 0, utilization: used + unused > 0 ? (used / (used + unused)) * 100 : null };
    };
    if (narrowed) {
      const [a, b] = [namedOf(first), namedOf(last)];
      Object.assign(section.figures, { named: label, namedFirstUtilizationPercent: a.utilization, namedLastUtilizationPercent: b.utilization });
      const all = section.headline.replace(/^Commitments covered/, "All commitments covered");
      section.headline = months.some((m) => namedOf(m).held)
        ? `**${label}** were **${formatPercent(b.utilization)} utilised** in ${name(last)}, against ${formatPercent(a.utilization)} in ${name(first)} (${pointsMoved(a.utilization, b.utilization)}). ${all}`
        : `**No ${label.toLowerCase()}** in the cost data${scopeText(scope)} between ${name(first)} and ${name(last)}. ${all}`;
    }
    section.tables.push({
      title: "By month",
      columns: [
        { key: "month", label: "Month", format: "text" },
        { key: "eligible", label: `Eligible (${scope.currency})`, format: "money" },
        { key: "covered", label: `Covered (${scope.currency})`, format: "money" },
        { key: "coverage", label: "Coverage", format: "percent" },
        { key: "unused", label: `Unused (${scope.currency})`, format: "money" },
        { key: "utilization", label: "Utilisation", format: "percent" },
        ...(narrowed ? [{ key: "namedUtilization", label: `${label} utilisation`, format: "percent" as const }] : []),
      ],
      rows: months.map((m) => ({
        month: name(m), eligible: m.eligible.amount, covered: m.covered.amount, coverage: m.coveragePercent, unused: m.unused.amount, utilization: m.utilizationPercent,
        ...(narrowed ? { namedUtilization: namedOf(m).utilization } : {}),
      })),
    });
    section.charts.push({
      kind: "line",
      title: "Coverage and utilisation",
      unit: "%",
      series: [
        { name: "Coverage", points: months.map((m) => ({ x: m.month, y: m.coveragePercent ?? 0 })) },
        { name: "Utilisation", points: months.map((m) => ({ x: m.month, y: m.utilizationPercent ?? 0 })) },
      ],
    });
    const left = result.data.months.length - months.length;
    section.markdown = [
      tableMarkdown(section.tables[0]!, scope.currency),
      "",
      "Coverage = usage a commitment covered ÷ commitment-eligible usage (usage charges, not Spot); utilisation = the commitments' used cost ÷ their used and unused cost, each month on its own.",
      ...(left ? ["", partialMonthsNote(left, scope.dataRange)] : []),
    ].join("\n");
    return section;
  }

  /** Utilisation, coverage and unused commitment in the question's period against the baseline's, side by side. */
  private async commitmentsCompared({ scope, question }: SpecialistInput, exec: ExecutionScope<AnswerSection>) {
    exec.useTool("commitmentAnalysis");
    const both = await inBothPeriods(scope, (period) => commitmentAnalysis(this.db, { period, filters: scope.filters, afterRightsizing: false }));
    const { now, before, baseline, beforeName } = both;
    const [a, b] = [before.data.totals, now.data.totals];
    const money = (amount: string) => formatMoney(amount, scope.currency);
    const section = emptySection("optimization", "Commitments compared");
    section.provenance = both.provenance;
    section.figures = {
      utilizationPercent: b.utilizationPercent, baselineUtilizationPercent: a.utilizationPercent,
      coveragePercent: b.coveragePercent, baselineCoveragePercent: a.coveragePercent,
      unused: b.unused.amount, baselineUnused: a.unused.amount, baselineStart: baseline.start, baselineEnd: baseline.end,
    };
    // The first figure named carries the periods; the second is set against the same ones.
    const against = (x: number | null, y: number | null, first: boolean) =>
      `${first ? ` ${scope.periodPhrase}` : ""}, against ${formatPercent(x)}${first ? ` in ${beforeName}` : ""} (${pointsMoved(x, y)})`;
    const utilised = (first: boolean) => `**${formatPercent(b.utilizationPercent)} utilised**${against(a.utilizationPercent, b.utilizationPercent, first)}`;
    const covered = (first: boolean) => `**${formatPercent(b.coveragePercent)}** of eligible usage${against(a.coveragePercent, b.coveragePercent, first)}`;
    const unused = `${money(b.unused.amount)} of commitment went unused, against ${money(a.unused.amount)}.`;
    section.headline = COVERAGE.test(question)
      ? `Commitments covered ${covered(true)} and were ${utilised(false)}; ${unused}`
      : `Commitments were ${utilised(true)} and covered ${covered(false)}; ${unused}`;
    const pairs: MeasurePair[] = [
      { label: "Utilisation", kind: "percent", before: a.utilizationPercent, now: b.utilizationPercent },
      { label: "Coverage", kind: "percent", before: a.coveragePercent, now: b.coveragePercent },
      { label: "Commitment used", kind: "money", before: a.used.amount, now: b.used.amount },
      { label: "Commitment unused", kind: "money", before: a.unused.amount, now: b.unused.amount },
      { label: "Eligible usage", kind: "money", before: a.eligible.amount, now: b.eligible.amount },
      { label: "Eligible usage on demand", kind: "money", before: a.onDemandEligible.amount, now: b.onDemandEligible.amount },
    ];
    // "How did our savings plan utilisation compare to last month?": the kinds named lead, from their own commitments.
    const { label, narrowed, ofType } = commitmentKindsAsked(question);
    if (narrowed) {
      const use = (c: CommitmentAnalysis) => utilisationOf(c.commitments.filter((x) => ofType(x.commitmentDiscountType)));
      const [x, y] = [use(before.data), use(now.data)];
      pairs.unshift({ label: `${label} utilisation`, kind: "percent", before: x, now: y });
      Object.assign(section.figures, { named: label, namedUtilizationPercent: y, baselineNamedUtilizationPercent: x });
      section.headline = `**${label}** were **${formatPercent(y)} utilised** ${scope.periodPhrase}, against ${formatPercent(x)} in ${beforeName} (${pointsMoved(x, y)}). ${section.headline.replace(/^Commitments were/, "All commitments were").replace(/^Commitments covered/, "All commitments covered")}`;
    }
    section.tables.push(measuresTable("Commitments in both periods", pairs, both.columns, scope.currency));
    section.markdown = [
      tableMarkdown(section.tables[0]!, scope.currency),
      "",
      "Coverage = usage a commitment covered ÷ commitment-eligible usage (usage charges, not Spot); utilisation = the commitments' used cost ÷ their used and unused cost.",
    ].join("\n");
    return section;
  }

  /** The savings made and the effective savings rate in the question's period against the baseline's, side by side. */
  private async savingsCompared({ scope }: SpecialistInput, exec: ExecutionScope<AnswerSection>) {
    exec.useTool("savingsMetrics");
    const both = await inBothPeriods(scope, (period) => savingsMetrics(this.db, { period, filters: scope.filters }));
    const { now, before, baseline, beforeName, columns: periods } = both;
    const [a, b] = [before.data.total, now.data.total];
    const rate = (s: typeof a) => (s.effectiveSavingsRate === null ? null : s.effectiveSavingsRate * 100);
    const money = (amount: string) => formatMoney(amount, scope.currency);
    const section = emptySection("optimization", "Savings realised, compared");
    section.provenance = both.provenance;
    section.figures = {
      effectiveSavingsRate: b.effectiveSavingsRate, baselineEffectiveSavingsRate: a.effectiveSavingsRate,
      totalSavings: b.totalSavings, baselineTotalSavings: a.totalSavings, baselineStart: baseline.start, baselineEnd: baseline.end,
    };
    section.headline =
      `An effective savings rate of **${formatPercent(rate(b))}** ${scope.periodPhrase}, against ${formatPercent(rate(a))} in ${beforeName} (${pointsMoved(rate(a), rate(b))}): ` +
      `${money(b.totalSavings)} saved against list price, against ${money(a.totalSavings)}.`;
    const spot = Number(a.spotSavings) !== 0 || Number(b.spotSavings) !== 0;
    section.tables.push(
      measuresTable(
        "Savings in both periods",
        [
          { label: "Effective savings rate", kind: "percent", before: rate(a), now: rate(b) },
          { label: "Saved against list price", kind: "money", before: a.totalSavings, now: b.totalSavings },
          { label: "Negotiated savings", kind: "money", before: a.negotiatedSavings, now: b.negotiatedSavings },
          { label: "Commitment savings", kind: "money", before: a.commitmentSavings, now: b.commitmentSavings },
          ...(spot ? [{ label: "Spot savings", kind: "money" as const, before: a.spotSavings, now: b.spotSavings }] : []),
          { label: "List cost", kind: "money", before: a.listCost, now: b.listCost },
          { label: "Effective cost", kind: "money", before: a.effectiveCost, now: b.effectiveCost },
        ],
        periods,
        scope.currency,
      ),
    );
    // Each provider's rate in both periods (a provider in one of them only has no figure in the other).
    const providers = [...new Set([...now.data.byProvider, ...before.data.byProvider].map((p) => p.provider))].sort();
    const rateOf = (rows: typeof now.data.byProvider, provider: string) => {
      const row = rows.find((p) => p.provider === provider);
      return row ? rate(row) : null;
    };
    section.tables.push(
      measuresTable(
        "Effective savings rate by provider",
        providers.map((p) => ({ label: p, kind: "percent" as const, before: rateOf(before.data.byProvider, p), now: rateOf(now.data.byProvider, p) })),
        periods,
        scope.currency,
      ),
    );
    const d = SAVINGS_DEFINITIONS;
    section.markdown = `${section.tables.map((t) => tableMarkdown(t, scope.currency)).join("\n\n")}\n\nDefinitions, over ${d.scope.replace(/\.$/, "")}: negotiated savings = ${d.negotiatedSavings}; commitment savings = ${d.commitmentSavings}; spot savings = ${d.spotSavings}; ESR = ${d.effectiveSavingsRate}.`;
    return section;
  }

  private async savings(input: SpecialistInput, exec: ExecutionScope<AnswerSection>) {
    // "What's our effective savings rate?", then "how does that compare to last quarter?": both periods side by side.
    if (input.scope.comparison) return this.savingsCompared(input, exec);
    const { scope, question } = input;
    exec.useTool("savingsMetrics");
    const result = await savingsMetrics(this.db, { period: scope.period, filters: scope.filters });
    const s = result.data.total;
    const section = emptySection("optimization", "Savings realised");
    section.figures = { ...s };
    const esr = `an effective savings rate of **${formatPercent((s.effectiveSavingsRate ?? 0) * 100)}**`;
    // "How much did we save from reservations?": what commitments saved leads; negotiated discounts are not theirs.
    section.headline = namesCommitments(question)
      ? `**${formatMoney(s.commitmentSavings, scope.currency)}** saved by commitments (reservations, savings plans and committed use discounts together: ` +
        `${SAVINGS_DEFINITIONS.commitmentSavings}) ${scope.periodPhrase}. With negotiated discounts, ${formatMoney(s.totalSavings, scope.currency)} was saved against list price — ${esr}.`
      : `**${formatMoney(s.totalSavings, scope.currency)}** saved against list price ${scope.periodPhrase} — ${esr}: ` +
        `${formatMoney(s.negotiatedSavings, scope.currency)} by negotiated discounts, ${formatMoney(s.commitmentSavings, scope.currency)} by commitments` +
        (Number(s.spotSavings) !== 0 ? ` and ${formatMoney(s.spotSavings, scope.currency)} by spot usage.` : ".");
    // "How much did we save with savings plans?": the kinds the question names lead, from their own rows.
    const asked = commitmentKindsAsked(question);
    const byType = result.data.byCommitmentType;
    if (asked.narrowed) {
      const label = asked.label;
      const named = byType.filter((t) => asked.ofType(t.commitmentDiscountType));
      const saved = sumDecimals(named.map((t) => t.commitmentSavings));
      section.figures = { ...section.figures, named: label, namedCommitmentSavings: saved };
      section.headline = named.length
        ? `**${formatMoney(saved, scope.currency)}** saved by ${label} ${scope.periodPhrase} (${SAVINGS_DEFINITIONS.commitmentSavings} on the usage they covered, less what went unused), ` +
          `of ${formatMoney(s.commitmentSavings, scope.currency)} saved by all commitments. With negotiated discounts, ${formatMoney(s.totalSavings, scope.currency)} was saved against list price — ${esr}.`
        : `**No ${label.toLowerCase()}** in the cost data ${scope.periodPhrase}: nothing was saved by them. ${section.headline}`;
    }
    if (byType.length) {
      section.tables.push({
        title: "Commitment savings by type",
        columns: [
          { key: "type", label: "Commitment type", format: "text" },
          { key: "provider", label: "Provider", format: "text" },
          { key: "saved", label: `Commitment savings (${scope.currency})`, format: "money" },
        ],
        rows: byType.map((t) => ({ type: t.commitmentDiscountType, provider: t.provider, saved: t.commitmentSavings })),
      });
    }
    section.tables.unshift({
      title: "Savings by provider",
      columns: [
        { key: "provider", label: "Provider", format: "text" },
        { key: "list", label: `List (${scope.currency})`, format: "money" },
        { key: "negotiated", label: `Negotiated savings (${scope.currency})`, format: "money" },
        { key: "commitment", label: `Commitment savings (${scope.currency})`, format: "money" },
        ...(Number(s.spotSavings) !== 0 ? [{ key: "spot", label: `Spot savings (${scope.currency})`, format: "money" as const }] : []),
        { key: "esr", label: "ESR", format: "percent" },
      ],
      rows: result.data.byProvider.map((p) => ({
        provider: p.provider,
        list: p.listCost,
        negotiated: p.negotiatedSavings,
        commitment: p.commitmentSavings,
        spot: p.spotSavings,
        esr: p.effectiveSavingsRate == null ? null : p.effectiveSavingsRate * 100,
      })),
    });
    const d = SAVINGS_DEFINITIONS;
    section.markdown = `${section.tables.map((t) => tableMarkdown(t, scope.currency)).join("\n\n")}\n\nDefinitions, over ${d.scope.replace(/\.$/, "")}: negotiated savings = ${d.negotiatedSavings}; commitment savings = ${d.commitmentSavings}; spot savings = ${d.spotSavings}; ESR = ${d.effectiveSavingsRate}.`;
    section.provenance = result.provenance;
    return section;
  }
}

const TERM_NAMES: Record<CommitmentTerm, string> = { "1y": "1-year", "3y": "3-year" };

/**
 * "What would a 3-year savings plan save us?", "1 or 3 year?": each term's purchase on the same steady baseline, side
 * by side, with what the longer term risks. Leads the headline.
 */
function addTermOffers(section: AnswerSection, c: CommitmentAnalysis, asked: CommitmentTerm[], currency: string) {
  const money = (amount: string) => formatMoney(amount, currency);
  // Each recommendation as sized, and the other term on its baseline.
  const offers = c.recommendations.flatMap((r) =>
    COMMITMENT_TERMS.map((t) => ({ providerName: r.providerName, ...(t === r.term ? r : termOffer(r.providerName, r.baselineOnDemandPerHour, t)) })),
  );
  const ofTerm = (t: CommitmentTerm) => offers.filter((o) => o.term === t);
  const monthly = (t: CommitmentTerm) => sumDecimals(ofTerm(t).map((o) => o.estimatedMonthlySavings.amount));
  const overTerm = (t: CommitmentTerm) => sumDecimals(ofTerm(t).map((o) => o.termSavings.amount));
  const breakEvens = (t: CommitmentTerm) => {
    const values = [...new Set(ofTerm(t).map((o) => o.breakEvenUtilizationPercent))].sort((a, b) => a - b);
    return values.length === 1 ? `${values[0]}%` : `${values[0]}–${values.at(-1)}%`;
  };
  for (const t of COMMITMENT_TERMS) {
    section.figures[`monthlySavings${t}`] = monthly(t);
    section.figures[`termSavings${t}`] = overTerm(t);
  }
  const providers = c.recommendations.map((r) => r.providerName).join(", ");
  const buys = ofTerm(asked[0]!).map((o) => `${o.providerName}: ${purchaseAction(o, currency)}`);
  const lead =
    asked.length === 1
      ? `**A ${TERM_NAMES[asked[0]!]} commitment would save about ${money(monthly(asked[0]!))} a month** on ${providers} ` +
        `(${money(overTerm(asked[0]!))} over its ${asked[0] === "3y" ? "3 years" : "year"}), against ${money(monthly(asked[0] === "3y" ? "1y" : "3y"))} a month ` +
        `for ${asked[0] === "3y" ? "1 year" : "3 years"}: ${buys.join("; ")}.`
      : `**3-year terms would save about ${money(monthly("3y"))} a month, 1-year terms ${money(monthly("1y"))}**, on ${providers}: ` +
        "the table sets each provider's purchase for both terms side by side.";
  section.headline =
    `${lead} Both are sized on the steady on-demand baseline after rightsizing, at assumed discounts (see below). ` +
    `A 3-year commitment pays off while at least ${breakEvens("3y")} of it is used (1 year: ${breakEvens("1y")}) and binds that spend for 36 months: ` +
    `commit for 3 years only the usage you expect to keep that long. ${section.headline}`;
  section.tables.push({
    title: "Purchase by term",
    columns: [
      { key: "provider", label: "Provider", format: "text" },
      { key: "product", label: "Commitment", format: "text" },
      { key: "perHour", label: `Commit (${currency}/hour)`, format: "number" },
      { key: "monthly", label: `Monthly savings (${currency})`, format: "money" },
      { key: "overTerm", label: `Savings over the term (${currency})`, format: "money" },
      { key: "breakEven", label: "Break-even utilisation", format: "percent" },
    ],
    rows: offers.map((o) => ({
      provider: o.providerName,
      product: o.product,
      perHour: o.commitmentPerHour,
      monthly: o.estimatedMonthlySavings.amount,
      overTerm: o.termSavings.amount,
      breakEven: o.breakEvenUtilizationPercent,
    })),
  });
}
