import { BUDGET_COVERAGE } from "./budget-words.ts";
import { GROWTH, HOW_CHANGED, HOW_MUCH_MOVED, WHICH_COSTS_MORE, WHICH_MOVED } from "./change-words.ts";
import { COMMITMENT_WORDS, EFFICIENCY_ASKED, LINE_ITEMS_ASKED, recommendationStatusAsked, SPEND_ON_COMMITMENTS, FIXED_VARIABLE, IDLE_WORDS, namesThreeYearTerm, SCHEDULE_WORDS, hasAnyDimension, readQuestion, QUICK_WINS, RETURN_ASKED, type QueryDimensions } from "./dimensions.ts";
import type { ContentIntent, Intent } from "./intents.ts";
import { classify } from "./model.ts";
import { FUTURE_WORDS, isoDay, toUtcDay } from "./time-range.ts";

// The classifier stage of the agents: the model's intent plus two rules it cannot learn from single questions —
// several asks in one message (multi_intent) and nothing to act on (clarification_needed).

/** Below this the model is guessing; asking is cheaper than answering the wrong question. */
export const CONFIDENCE_THRESHOLD = 0.5;

export interface PreviousTurn {
  intent: Intent;
  dimensions: QueryDimensions;
  rewrittenQuery?: string;
}

export interface QueryClassification {
  intent: Intent;
  /**
   * For a content intent, its probability. For multi_intent, the least confident part's. For clarification_needed,
   * 1 when the message is vague by rule, else 1 minus the model's best probability.
   */
  confidence: number;
  dimensions: QueryDimensions;
  /** For multi_intent: the separate asks, in order. Empty otherwise. */
  subQuestions: string[];
  /** For multi_intent: how each sub-question classified. */
  parts: Array<{ text: string; intent: ContentIntent; confidence: number }>;
  /** For clarification_needed: the follow-up question to ask instead of guessing. */
  clarification?: string;
  /** The model's ranking for the whole text, for logging and the rewriter. */
  ranked: Array<{ intent: ContentIntent; p: number }>;
}

// Where one message holds two asks. A bare " and " is not here: "between May and June", "EC2 and S3"; nor " and how"
// ("October and how it compares to September" is one comparison). Asking what to do about it is a second ask: "our
// biggest cost driver and what can we do about it?".
const SPLIT =
  /\s*(?:;\s*|\?\s*|,?\s+and also\s+|,?\s+and then\s+|\s+plus\s+|,?\s+(?=and what about\s)|,?\s+(?=and (?:what|how) (?:can|could|should|do) (?:we|i) (?:do|fix|reduce|cut|save|lower|optimi[sz]e|improve)\b))/i;
const LEADING_JOINER = /^(?:and|also|then|plus|but)\s+/i;

export function splitQuestions(text: string): string[] {
  return text
    .split(SPLIT)
    .map((part) => part.trim().replace(LEADING_JOINER, "").trim())
    .filter((part) => part.split(/\s+/).length >= 2);
}

// Words that carry no ask on their own; a message made only of these (and punctuation) has nothing to act on.
const FILLER = new Set([
  "help", "hmm", "ok", "okay", "and", "so", "what", "about", "it", "that", "this", "one", "thing", "why", "how",
  "costs", "cost", "spend", "data", "numbers", "show", "me", "tell", "more", "please", "can", "you", "check", "is",
  "good", "do", "think", "the", "from", "before", "something", "looks", "off", "bill", "a", "there", "any", "well",
]);

function hasNothingToActOn(text: string, dimensions: QueryDimensions, hasContext: boolean): boolean {
  if (hasContext || hasAnyDimension(dimensions)) return false;
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.every((w) => FILLER.has(w));
}

const GREETING = new Set(["hi", "hello", "hey", "hiya", "greetings", "morning", "afternoon", "evening", "yo"]);
const THANKS = new Set(["thanks", "thank", "thx", "cheers", "ty", "bye", "goodbye"]);
const POLITE = new Set(["good", "there", "you", "very", "much", "a", "lot", "so", "all", "team", "again"]);
const EXAMPLES = "'What did we spend last month by service?', 'Any cost anomalies in the last 30 days?' or 'Forecast for next month'";

/** A greeting or a thank-you with no question in it gets a reply in kind (and what to ask), not a generic query. */
function smallTalkReply(text: string): string | null {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  if (words.length === 0 || !words.every((w) => GREETING.has(w) || THANKS.has(w) || POLITE.has(w))) return null;
  if (words.some((w) => THANKS.has(w))) return `You're welcome. Ask me anything else about your cloud costs, for example ${EXAMPLES}.`;
  if (words.some((w) => GREETING.has(w))) {
    return `Hello! I answer questions about your cloud bill from the cost data loaded here, for example ${EXAMPLES}.`;
  }
  return null;
}

const ASKS: Record<ContentIntent, string> = {
  cost_analysis: "the total spend",
  optimization_recommendation: "recommendations to reduce cost",
  cost_anomaly_detection: "an explanation of unusual changes",
  budget_tracking: "spend against a budget",
  resource_utilization: "how busy or idle resources are",
  cost_allocation: "spend per team or project",
  forecast_prediction: "a forecast",
  spend_comparison: "a comparison with another period or scope",
  service_breakdown: "a breakdown by service",
  tagging_compliance: "tag coverage",
  savings_opportunity: "how much could be saved",
  rightsizing: "instances to resize",
  reserved_instance_analysis: "reserved instance and savings plan coverage",
  spot_instance_analysis: "spot usage and savings",
  general_query: "an explanation of a FinOps concept",
};

function clarificationFor(ranked: QueryClassification["ranked"], dimensions: QueryDimensions, vague: boolean) {
  if (vague) return "Which period and which costs do you mean — for example 'AWS spend last month by service'?";
  const scope = [dimensions.providers.join(" and "), dimensions.services.join(", "), dimensions.timeRange?.label]
    .filter(Boolean)
    .join(", ");
  const [first, second] = ranked;
  return `Do you want ${ASKS[first.intent]} or ${ASKS[second.intent]}${scope ? ` (${scope})` : ""}? ` +
    "For example 'EC2 spend last month by region' or 'forecast for December'.";
}

/** A request for the period report (the supervisor writes it whatever the intent). */
export const REPORT = /\breport\b/i;
/** "Summarise our spend for the CFO": a spend question asking for the whole picture, which the report answers. */
export const SUMMARY = /\b(?:summar(?:y|i[sz]e)|overview|recap|rundown|executive|cfo|leadership|exec team|board)\b/i;

/** Intents the cost specialist answers alike: the total and its breakdown, by what the question names. */
const PLAIN_SPEND: ReadonlySet<ContentIntent> = new Set(["cost_analysis", "service_breakdown"]);
/** Spend measured against a plan: "on track", "on target", "off pace". */
const ON_TRACK = /\b(?:on|off)\s+(?:track|target|pace|plan)\b/i;

/**
 * "The total spend or a breakdown?" is no question to ask back ("break down Azure spend by subscription" split the
 * model between the two): when its two likeliest intents are both plain spend, the likelier one is taken with their
 * joint probability. Nor is it for a report the model is unsure about, or a ranking of values ("grouped": the text
 * names a grouping): those are spend questions.
 */
function settleSpend<T extends { intent: ContentIntent; confidence: number; ranked: Array<{ intent: ContentIntent; p: number }> }>(c: T, text: string, grouped: boolean): T {
  // "Give me a report for Q3": the period report, which the supervisor writes for a spend question.
  if (c.confidence < CONFIDENCE_THRESHOLD && (REPORT.test(text) || SUMMARY.test(text))) return { ...c, intent: "cost_analysis", confidence: CONFIDENCE_THRESHOLD };
  const [first, second] = c.ranked;
  if (first && second && PLAIN_SPEND.has(first.intent) && PLAIN_SPEND.has(second.intent)) {
    return { ...c, intent: first.intent, confidence: Math.max(c.confidence, first.p + second.p) };
  }
  // "What are our biggest cost centers?": a ranking of values is a breakdown when the model is unsure of anything else
  // (it split this one between a definition and a breakdown).
  const spend = grouped && c.confidence < CONFIDENCE_THRESHOLD ? c.ranked.slice(0, 3).find((r) => PLAIN_SPEND.has(r.intent)) : undefined;
  return spend ? { ...c, intent: spend.intent, confidence: CONFIDENCE_THRESHOLD } : c;
}

/** Intents the open recommendations answer. */
const RECOMMENDATIONS: ReadonlySet<ContentIntent> = new Set(["savings_opportunity", "optimization_recommendation"]);
/** Intents that answer with recommendations of some kind. */
const RECOMMENDATION_KINDS: ReadonlySet<ContentIntent> = new Set([...RECOMMENDATIONS, "rightsizing", "reserved_instance_analysis"]);
const RECOMMENDATION_WORDS = /\b(?:recommendations?|recommend(?:ed)?|suggestions?)\b/i;
/** Cost without tags: "untagged costs by service" is where tagging falls short, not the services' whole spend. */
const UNTAGGED_WORDS = /\b(?:untagged|untaged|unlabell?ed|without (?:any |a )?(?:tags?|labels?)|missing (?:tags?|labels?))\b/i;
/** Coverage or utilisation of commitments: "commitment coverage by service" is rate optimisation, not a breakdown. */
const COMMITMENT_RATE =
  /\b(?:commitments?|ris?|reserved instances?|reservations?|savings? plans?|cuds?|committed[- ]use)\b[^.?!]*\b(?:coverage|covered|utili[sz](?:ation|ed))\b|\b(?:coverage|utili[sz]ation) of (?:our )?(?:commitments?|ris?|reserved instances?|reservations?|savings? plans?|cuds?)\b|\b(?:covered|coverage)\b[^.?!]*\b(?:by|with|from) (?:our )?(?:commitments?|ris?|reserved instances?|reservations?|savings? plans?|cuds?)\b/i;
/** Asks for things to do that save money: "cost-saving actions", "savings measures", "money-saving steps". */
const SAVING_ACTIONS = /\b(?:cost[- ]?sav(?:ing|ings)|money[- ]sav(?:ing|ings)|savings?)\s+(?:actions?|measures?|steps?|moves?|levers?|initiatives?|ideas?)\b/i;
/** Tagging named ("tagged", "untagged resources", "labels"). */
const TAG_WORDS = /\b(?:tags?|tagged|tagging|untagged|labels?|labell?ed|unlabell?ed)\b/i;
/** Asks what something costs, or for it split up ("break down EC2 by instance type"). */
const SPEND_WORDS = /\b(?:spend|spent|spending|costs?|costing|bill|billed|paying|paid)\b/i;
const SPLIT_WORDS = /\b(?:break(?:s|ing)?[- ]?down|split|divide)\b/i;
/** Intents that answer about idle resources themselves (the findings, or what acting on them saves). */
const IDLE_ANSWERED: ReadonlySet<ContentIntent> = new Set(["resource_utilization", "rightsizing", "savings_opportunity", "optimization_recommendation"]);
/** Asks what size something should be. */
const SIZING_WORDS = /\b(?:right-?siz\w*|downsiz\w*|upsiz\w*|resiz\w*|over-?provision\w*|under-?utili[sz]\w*|idle|fit|should|switch|move)\b/i;
/** Asks how busy something is. */
const UTILISATION_WORDS = /\b(?:cpu|memory|utili[sz]\w*|busy|usage|load)\b/i;
/** Asks about something out of the ordinary: an anomaly question, whatever charge it names. */
const UNUSUAL = /\b(?:anomal\w*|spikes?|unusual|unexpected|surges?|odd|weird|strange|abnormal)\b/i;
/**
 * Anomalies named as things ("which anomalies cost the most?", "list the spikes", "any outliers?"): narrower than
 * UNUSUAL, whose adjectives ("the numbers look weird") leave a vague question vague.
 */
const ANOMALY_NOUN = /\banomal(?:y|ies)\b|\bspikes?\b|\boutliers?\b/i;
/** A question after what a term means or how it is worked out, not after our figure. */
const DEFINITION_ASKED = /\b(?:mean|means|meaning|defin\w*|explain\w*|how (?:do|does|should|would|to|can) (?:we |i |you |one )?(?:calculate|compute|measure|work out))\b/i;
/** Values ranked by what they cost: "the most expensive region", "our costliest account". */
const RANKED_BY_COST = /\b(?:most|least) expensive\b|\bcostliest\b|\bpriciest\b|\bcheapest\b|\b(?:biggest|largest|smallest)\b/i;
/** A probability at which the model's intent stands against the quick-wins rule. */
const SURE = 0.9;
/** The question is about the user's own costs. */
const OURS = /\b(?:our|we|us|my)\b/i;

/**
 * The model's intent, with the rules above it: "any quick wins?" and "the low-hanging fruit for cutting our AWS bill"
 * ask for open recommendations that take little work (the model read them as rightsizing, or as the bill itself),
 * unless the model is sure of another ask ("quick wins and the forecast for December" is a forecast too); then
 * settleSpend.
 */
function settle<T extends { intent: ContentIntent; confidence: number; ranked: Array<{ intent: ContentIntent; p: number }> }>(
  c: T,
  text: string,
  grouped = false,
  bySku = false,
  counting = false,
  /** The question names a kind of charge (credits, tax, refunds), to see or to leave out. */
  charges = false,
): T {
  // "Which recommendations did we implement?": the recommendations in that workflow status, which the model read as
  // rightsizing (or anything else short of sure).
  // "What did we save from implemented recommendations?": those recommendations, which it read (surely) as savings.
  if (recommendationStatusAsked(text) && (c.confidence < SURE || RECOMMENDATIONS.has(c.intent))) return { ...c, intent: "optimization_recommendation", confidence: Math.max(c.confidence, CONFIDENCE_THRESHOLD) };
  // "Did we get any credits or refunds?": what charges of that kind came to, which the model (never trained on kinds
  // of charge) read as an anomaly or could not place.
  if (charges && !UNUSUAL.test(text) && c.confidence < SURE && (c.intent === "cost_anomaly_detection" || c.confidence < CONFIDENCE_THRESHOLD)) {
    return { ...c, intent: grouped ? "service_breakdown" : "cost_analysis", confidence: Math.max(c.confidence, CONFIDENCE_THRESHOLD) };
  }
  // "How many instances are running in dev?": how many have cost, not how busy they are or what to resize.
  const countOnly = counting && !IDLE_WORDS.test(text) && !SIZING_WORDS.test(text) && !UTILISATION_WORDS.test(text);
  if (countOnly && (c.intent === "resource_utilization" || c.intent === "rightsizing")) {
    return { ...c, intent: "service_breakdown", confidence: Math.max(c.confidence, CONFIDENCE_THRESHOLD) };
  }
  // "EC2 cost per instance type": what each instance type (FOCUS SkuId) costs, not what size it should be.
  if (bySku && c.intent === "rightsizing" && (SPEND_WORDS.test(text) || SPLIT_WORDS.test(text)) && !SIZING_WORDS.test(text)) {
    return { ...c, intent: "service_breakdown", confidence: Math.max(c.confidence, CONFIDENCE_THRESHOLD) };
  }
  // "The top 3 cost-saving actions for next month": what to do, not the month's forecast or the bill (the model,
  // never trained on "actions", read it as either).
  if (SAVING_ACTIONS.test(text) && (RECOMMENDATIONS.has(c.intent) ? c.confidence < CONFIDENCE_THRESHOLD : c.confidence < SURE)) {
    const intent = RECOMMENDATIONS.has(c.intent) ? c.intent : "optimization_recommendation";
    return { ...c, intent, confidence: Math.max(c.confidence, CONFIDENCE_THRESHOLD) };
  }
  // "Which recommendations have the highest ROI?": every kind of recommendation, by savings per hour of work.
  if (RETURN_ASKED.test(text) && (RECOMMENDATION_WORDS.test(text) || /\bsav(?:e|es|ings?)\b/i.test(text)) && c.intent !== "optimization_recommendation" && c.confidence < SURE) {
    return { ...c, intent: "optimization_recommendation", confidence: Math.max(c.confidence, CONFIDENCE_THRESHOLD) };
  }
  if (QUICK_WINS.test(text.toLowerCase()) && !RECOMMENDATIONS.has(c.intent) && c.confidence < SURE) {
    return { ...c, intent: "optimization_recommendation", confidence: Math.max(c.confidence, CONFIDENCE_THRESHOLD) };
  }
  // "What are the top 3 recommendations?", "show me the recommendations": asking back "recommendations or a
  // concept?" is no help. When the model is unsure, its likeliest kind of recommendation, else the open ones.
  if (RECOMMENDATION_WORDS.test(text) && c.confidence < CONFIDENCE_THRESHOLD) {
    const kind = c.ranked.slice(0, 3).find((r) => RECOMMENDATION_KINDS.has(r.intent));
    return { ...c, intent: kind?.intent ?? "optimization_recommendation", confidence: CONFIDENCE_THRESHOLD };
  }
  // "What would a 3-year savings plan save us?": what buying a commitment of that term would do, not the open
  // recommendations (which are sized for 1 year and answer "a 1-year savings plan").
  if (namesThreeYearTerm(text.toLowerCase()) && (RECOMMENDATIONS.has(c.intent) || PLAIN_SPEND.has(c.intent) || c.confidence < CONFIDENCE_THRESHOLD)) {
    return { ...c, intent: "reserved_instance_analysis", confidence: Math.max(c.confidence, CONFIDENCE_THRESHOLD) };
  }
  // "How much are we spending on savings plans?": what the commitments cost, used and unused (the model could not
  // tell it from the spend it covers).
  if (SPEND_ON_COMMITMENTS.test(text) && (PLAIN_SPEND.has(c.intent) || c.confidence < CONFIDENCE_THRESHOLD)) {
    return { ...c, intent: "reserved_instance_analysis", confidence: Math.max(c.confidence, CONFIDENCE_THRESHOLD) };
  }
  if (COMMITMENT_RATE.test(text) && PLAIN_SPEND.has(c.intent)) {
    return { ...c, intent: "reserved_instance_analysis", confidence: Math.max(c.confidence, CONFIDENCE_THRESHOLD) };
  }
  // "Which accounts have no budget?", "unbudgeted spend": which things have budgets, whatever else the model read.
  if (BUDGET_COVERAGE.test(text) && (c.intent === "budget_tracking" || c.confidence < SURE)) {
    return { ...c, intent: "budget_tracking", confidence: Math.max(c.confidence, CONFIDENCE_THRESHOLD) };
  }
  // "How has our spend changed this year?", "what changed in the week of September 30?", "what happened with
  // networking costs in October?": a change, which the model read (even surely) as the spend itself, or could not place.
  if (HOW_CHANGED.test(text) && (PLAIN_SPEND.has(c.intent) || c.confidence < CONFIDENCE_THRESHOLD)) {
    return { ...c, intent: "spend_comparison", confidence: Math.max(c.confidence, CONFIDENCE_THRESHOLD) };
  }
  // "What are our fixed vs variable costs?": our spend split by pricing category, not the concepts explained.
  if (FIXED_VARIABLE.test(text) && OURS.test(text) && c.intent !== "service_breakdown") {
    return { ...c, intent: "service_breakdown", confidence: Math.max(c.confidence, CONFIDENCE_THRESHOLD) };
  }
  // "What is our cost per GB of data transfer?": a question about our own costs that the model half read as a
  // definition is the spend it also saw.
  const [, runnerUp] = c.ranked;
  if (c.intent === "general_query" && c.confidence < SURE && OURS.test(text) && runnerUp && PLAIN_SPEND.has(runnerUp.intent) && runnerUp.p >= 0.2) {
    return { ...c, intent: runnerUp.intent, confidence: Math.max(runnerUp.p, CONFIDENCE_THRESHOLD) };
  }
  // "Where did costs increase the most?": a change ranked, whatever the model short of sure made of it; "which team
  // changed the most?", which it read (surely) as the spend or the showback.
  if (GROWTH.test(text.toLowerCase()) && (c.confidence < SURE || PLAIN_SPEND.has(c.intent) || c.intent === "cost_allocation")) {
    return { ...c, intent: "spend_comparison", confidence: Math.max(c.confidence, CONFIDENCE_THRESHOLD) };
  }
  // "Which services dropped last month?", "which of those grew?": the values that moved that way, which the model read
  // (even surely) as the spend itself, or short of sure as anything else ("those" read as resources, their utilisation).
  if (WHICH_MOVED.test(text.toLowerCase()) && (PLAIN_SPEND.has(c.intent) || (c.confidence < SURE && !UTILISATION_WORDS.test(text)))) {
    return { ...c, intent: "spend_comparison", confidence: Math.max(c.confidence, CONFIDENCE_THRESHOLD) };
  }
  // "How efficient is our cloud spend?", "our FinOps KPIs": the efficiency measures side by side, whatever the model
  // made of them (a definition, recommendations).
  if (EFFICIENCY_ASKED.test(text)) return { ...c, intent: "cost_analysis", confidence: Math.max(c.confidence, CONFIDENCE_THRESHOLD) };
  // "Shut down staging at weekends", "stop test servers outside business hours": what a schedule would save, which the
  // model (never trained on scheduling) reads as anything from utilisation to a question back.
  if (SCHEDULE_WORDS.test(text)) return { ...c, intent: "savings_opportunity", confidence: Math.max(c.confidence, CONFIDENCE_THRESHOLD) };
  // "What does idle compute cost us?": the idle resources' cost (not unused commitments), whatever else the model short
  // of sure made of it.
  const idleCost = IDLE_WORDS.test(text) && SPEND_WORDS.test(text) && !COMMITMENT_WORDS.test(text);
  if (idleCost && c.confidence < SURE && (!IDLE_ANSWERED.has(c.intent) || c.confidence < CONFIDENCE_THRESHOLD)) {
    const intent = IDLE_ANSWERED.has(c.intent) ? c.intent : "resource_utilization";
    return { ...c, intent, confidence: Math.max(c.confidence, CONFIDENCE_THRESHOLD) };
  }
  // "Do we have any unattached disks?": idle or orphaned resources, which the model could not place.
  if (IDLE_WORDS.test(text) && c.confidence < CONFIDENCE_THRESHOLD) {
    return { ...c, intent: "resource_utilization", confidence: CONFIDENCE_THRESHOLD };
  }
  // "Which anomalies cost us the most this year?": the anomalies ranked, which the model (reading "cost the most" as a
  // ranking of spend) could not place.
  if (ANOMALY_NOUN.test(text) && c.confidence < CONFIDENCE_THRESHOLD) {
    return { ...c, intent: "cost_anomaly_detection", confidence: CONFIDENCE_THRESHOLD };
  }
  // "Untagged costs by service", "breakdown of untagged spend": the model read the breakdown and missed "untagged".
  if (UNTAGGED_WORDS.test(text) && (PLAIN_SPEND.has(c.intent) || c.confidence < CONFIDENCE_THRESHOLD)) {
    return { ...c, intent: "tagging_compliance", confidence: Math.max(c.confidence, CONFIDENCE_THRESHOLD) };
  }
  return settleSpend(c, text, grouped);
}

/**
 * Classifies one user message. `context.previous` is the last resolved turn: with it, short follow-ups are not
 * rejected as vague here, because the rewriter can complete them from the previous turn.
 */
export function classifyQuery(input: {
  text: string;
  referenceDate: Date | string;
  context?: { previous?: PreviousTurn };
}): QueryClassification {
  const { text, referenceDate } = input;
  // What the question leaves out is not what it asks: "EC2 spend not counting reserved instances" is about spend.
  const { dimensions, asked } = readQuestion(text, referenceDate);
  const settled = settle(classify(asked), asked, dimensions.groupBy !== undefined, dimensions.groupBy?.dimension === "SkuId", dimensions.count, dimensions.chargeCategories.length > 0 || Boolean(dimensions.excluded?.chargeCategories.length));
  // "Which is more expensive, EC2 or Lambda?": two things named and asked which costs more, a comparison of the two.
  const twoNamed = dimensions.services.length >= 2 || dimensions.providers.length >= 2 || dimensions.regions.length >= 2;
  const whole = twoNamed && WHICH_COSTS_MORE.test(text) && settled.confidence < SURE
    ? { ...settled, intent: "spend_comparison" as const, confidence: Math.max(settled.confidence, CONFIDENCE_THRESHOLD) }
    : settled;
  // "The difference between billed and amortized cost last month": two metrics over a period asked of the data is
  // their figures side by side (which say what tells them apart), not only the definitions.
  // "Are our costs higher on Mondays?": days of the week compared, not anomalies (the model read "higher" as one).
  const byDay = dimensions.weekends && whole.intent === "cost_anomaly_detection" && !UNUSUAL.test(asked) && whole.confidence < SURE;
  // "Which resources are new this month?": the values that started or stopped costing, which the model read from the
  // noun alone (resources as utilisation, even surely unless idleness is asked).
  const nounOnly = whole.intent === "resource_utilization" && !IDLE_WORDS.test(asked);
  const churn = dimensions.appeared !== undefined && !PLAIN_SPEND.has(whole.intent) && (whole.confidence < SURE || nounOnly);
  // "Show spend for resources tagged env=prod and team=ml": the cost of those tag values, not tag coverage (the model
  // read "tagged" as tagging).
  const taggedSpend =
    whole.intent === "tagging_compliance" && dimensions.tags.some((t) => t.values.length > 0) && /\b(?:spend|spent|spending|costs?|cost|pay|paid|bill)\b/i.test(asked) &&
    !/\b(?:untagged|coverage|complian\w*|missing|without|policy|hygiene|quality)\b/i.test(asked);
  // "Which teams use more than one cloud?": the teams counted by cloud (the model read "more than" as a comparison);
  // "which services are the most volatile?": their daily cost's variation (not anomalies).
  const counted = (dimensions.countBound !== undefined || dimensions.volatility !== undefined) && !PLAIN_SPEND.has(whole.intent) && whole.confidence < SURE;
  // "The cost split between shared and dedicated resources": what nobody (or everybody) owns against the rest, which
  // the model could not place.
  const sharedAsked = dimensions.sharedCost && whole.confidence < CONFIDENCE_THRESHOLD;
  // "What's the cost of the ml team's GPUs?": the spend on what a filter reads from the SKUs, which the model could not
  // place; "what is our marketplace spend?", which it read short of sure as the concept.
  const skuSpend =
    (dimensions.gpu || dimensions.dataTransfer !== undefined || dimensions.marketplace) && SPEND_WORDS.test(asked) &&
    (whole.confidence < CONFIDENCE_THRESHOLD || (whole.intent === "general_query" && whole.confidence < SURE && OURS.test(asked)));
  // "What is the cost per customer?": a unit cost of ours, which the model read (even surely) as a concept to explain;
  // "what does unit cost mean?" names no unit and stays one.
  const unitAsked = whole.intent === "general_query" && dimensions.unitCost && /\bper\b/i.test(asked) && !DEFINITION_ASKED.test(asked);
  // "What is our Datadog bill?", "what is our amortized cost?": a figure of ours, which the model read short of sure as a
  // concept to explain ("what is amortized cost?" and "what does our bill mean?" stay concepts).
  const oursAsked =
    whole.intent === "general_query" && whole.confidence < SURE && !DEFINITION_ASKED.test(asked) &&
    (/\b(?:our|my)\s+(?:[\w-]+\s+){0,2}(?:bill|spend(?:ing)?|costs?)\b/i.test(asked));
  // "What does staging cost?", "what do staging and dev cost?": the cost of something of ours named, which the model
  // read (surely: "what does X cost" reads like "what does X mean") as a concept, or could not place.
  // Values only (not "marketplace" or "GPU", which "what is marketplace spend?" asks about as concepts).
  const named = dimensions.accounts.length + dimensions.services.length + dimensions.providers.length + dimensions.regions.length > 0 || dimensions.tags.some((t) => t.values.length > 0);
  const namedCost = named && !dimensions.comparison && SPEND_WORDS.test(asked) && !DEFINITION_ASKED.test(asked) && (whole.intent === "general_query" || whole.confidence < CONFIDENCE_THRESHOLD);
  // "What's our Azure bill going to be next month?": spend in a period wholly after today, asked about as the future, is
  // a forecast, which the model read as the spend itself (there is none to give); "what did we spend in December?"
  // before December is not.
  const ahead = dimensions.timeRange !== undefined && dimensions.timeRange.start > isoDay(toUtcDay(referenceDate)) && FUTURE_WORDS.test(asked.toLowerCase());
  // The first of these that holds moves the intent, at least as sure as the threshold.
  const moves: Array<[boolean, Intent]> = [
    // "Is our spending on track this month?": against the budgets, which the model read (surely) as the spend itself.
    [ON_TRACK.test(asked) && (PLAIN_SPEND.has(whole.intent) || whole.intent === "spend_comparison" || whole.confidence < CONFIDENCE_THRESHOLD), "budget_tracking"],
    [ahead && (PLAIN_SPEND.has(whole.intent) || whole.confidence < CONFIDENCE_THRESHOLD), "forecast_prediction"],
    [(whole.intent === "general_query" && dimensions.metrics.length >= 2 && dimensions.timeRange !== undefined) || byDay || churn || counted || taggedSpend || unitAsked || skuSpend || sharedAsked || oursAsked || namedCost, "cost_analysis"],
    // "What are the quick wins?": our quick wins, which the model (even surely) read as the concept; "what are quick
    // wins?" stays one.
    [dimensions.quickWins && whole.intent === "general_query" && /\b(?:the|our|any|top|best)\s+(?:\d+\s+)?quick[- ]wins?\b/i.test(asked), "optimization_recommendation"],
    // "How much did our GCP bill go up in October?": how far it moved against the period before, which the model read
    // (surely) as the spend itself; over a run of months it is a direction, answered as one.
    [HOW_MUCH_MOVED.test(asked) && !dimensions.direction && PLAIN_SPEND.has(whole.intent), "spend_comparison"],
    // "What is our largest single line item?": single charges ranked, which the model read as a concept or a breakdown.
    [LINE_ITEMS_ASKED.test(asked) && (whole.intent === "general_query" || PLAIN_SPEND.has(whole.intent)) && !dimensions.count, "cost_analysis"],
    // "How many resources do we have?", "which dev resources ran over the weekend?": resources counted or listed, which
    // the model read as tagging (resources are what its tagging questions are about).
    [dimensions.groupBy?.dimension === "ResourceId" && whole.intent === "tagging_compliance" && !TAG_WORDS.test(asked) && whole.confidence < SURE, "cost_analysis"],
    // "What would it cost to run everything in us-east-1?": where the spend runs now and what a move would re-price,
    // which the recommendations (or savings) the model read cannot tell.
    [dimensions.relocation !== undefined, "cost_analysis"],
    // "What's the ratio of prod to non-prod spend?": one value against all the rest, which the model could not place.
    [dimensions.versusRest && whole.confidence < CONFIDENCE_THRESHOLD, "spend_comparison"],
    // "Since when has S3 been rising?": where spend turned, which the model could not place; "when did Bedrock costs
    // start increasing?", which it read short of sure as an anomaly.
    [dimensions.turn !== undefined && (whole.confidence < CONFIDENCE_THRESHOLD || (whole.intent === "cost_anomaly_detection" && whole.confidence < SURE)), "cost_analysis"],
    // "What is the cheapest region we use?": our values ranked, which the model short of sure read as a general question.
    [whole.intent === "general_query" && whole.confidence < SURE && dimensions.groupBy !== undefined && (dimensions.smallestFirst || dimensions.topN !== undefined || RANKED_BY_COST.test(asked)), "service_breakdown"],
    // "Which services cost more in October than in September?", "how much did the ml team spend in Q3 vs Q2?": two
    // periods named against each other are a comparison, which the model short of sure read as the spend (or one
    // team's share) of one, or could not place.
    [
      dimensions.comparison?.mode === "between_periods" && whole.intent !== "spend_comparison" && whole.confidence < SURE &&
        (PLAIN_SPEND.has(whole.intent) || whole.intent === "cost_allocation" || (whole.confidence < CONFIDENCE_THRESHOLD && SPEND_WORDS.test(asked))),
      "spend_comparison",
    ],
    // "What happened with networking costs in October?": that spend explained (its change against the period before,
    // then any anomalies, as for a why-question), which the model could not place (it would ask a question back).
    [Boolean(dimensions.explain) && whole.confidence < CONFIDENCE_THRESHOLD, "cost_analysis"],
  ];
  const movedTo = moves.find(([holds]) => holds)?.[1];
  const measured = movedTo ? { ...whole, intent: movedTo, confidence: Math.max(whole.confidence, CONFIDENCE_THRESHOLD) } : whole;
  const base = { dimensions, ranked: measured.ranked, subQuestions: [], parts: [] };

  const candidates = splitQuestions(text);
  if (candidates.length >= 2) {
    const parts = candidates.map((part) => {
      const c = settle(classify(part), part);
      return { text: part, intent: c.intent, confidence: c.confidence };
    });
    const confident = parts.every((p) => p.confidence >= CONFIDENCE_THRESHOLD);
    if (confident && new Set(parts.map((p) => p.intent)).size >= 2) {
      const confidence = Math.min(...parts.map((p) => p.confidence));
      return { ...base, intent: "multi_intent", confidence, subQuestions: candidates, parts };
    }
  }

  const smallTalk = smallTalkReply(text);
  if (smallTalk) return { ...base, intent: "clarification_needed", confidence: 1, clarification: smallTalk };
  const vague = hasNothingToActOn(text, dimensions, Boolean(input.context?.previous));
  if (vague || measured.confidence < CONFIDENCE_THRESHOLD) {
    return {
      ...base,
      intent: "clarification_needed",
      confidence: vague ? 1 : 1 - measured.confidence,
      clarification: clarificationFor(measured.ranked, dimensions, vague),
    };
  }
  return { ...base, intent: measured.intent, confidence: measured.confidence };
}
