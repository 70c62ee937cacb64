import { equivalentService, type ProviderName } from "../classifier/catalog.ts";
import { CONFIDENCE_THRESHOLD, type PreviousTurn, type QueryClassification } from "../classifier/classify-query.ts";
import { extractDimensions, groupingNamed, hasAnyDimension, sameGrouping, type QueryDimensions } from "../classifier/dimensions.ts";
import { conceptCues } from "../classifier/features.ts";
import type { Intent } from "../classifier/intents.ts";
import { extractShiftBack, isoDay, shiftTimeRange, toUtcDay } from "../classifier/time-range.ts";
import { defaultPeriod } from "../scope.ts";
import { type NamedService, withStoredServices } from "../classifier/stored-services.ts";
import { describeQuery } from "./describe.ts";

// Turns a classified message into a self-contained query: explicit dates, FOCUS names, and for follow-ups the scope
// of the previous turn with only what the follow-up changed replaced.

export interface RewriteResult {
  intent: Intent;
  rewrittenQuery: string;
  dimensions: QueryDimensions;
  /** Which date relative expressions were resolved against, and why. */
  referenceNote: string;
  /** Dimension fields taken from the previous turn, e.g. ["timeRange", "services"]. */
  carriedOver: string[];
}

// Cost exports arrive a day or two late; only data older than this is "historical" and moves the anchor.
const HISTORICAL_LAG_DAYS = 7;
const DAY = 86_400_000;

/** Openers that make a message a continuation of the previous one rather than a new question. */
const FOLLOW_UP_OPENERS = [
  "and", "but", "also", "ok(?:ay)?,?", "now", "then", "what about", "how about", "same", "likewise", "only", "just",
  "why", "for", "break (?:that|this|it) down", "split (?:that|this|it)", "show (?:that|this|it)",
  // "By service", "per team": the last answer regrouped ("by how much…" asks anew).
  "by(?!\\s+how\\b)", "per", "(?:grouped|split|broken down) by",
  // "Compare to last month", "vs October": the last answer set against another period.
  "compared?\\s+(?:to|with|against)", "vs\\.?", "versus", "against",
];
/** "Which one cost the most?": one of what the last answer listed. */
const WHICH_ONE = /\bwhich\s+(?:one|ones)\b/i;
/**
 * "Which service drove the difference?", "what explains the gap?": the last two periods answered, set against each other
 * ("the difference between A and B" names its own).
 */
const THE_DIFFERENCE = /\bthe\s+(?:difference|gap)\b(?!\s+between)/i;
// "this" is not a back-reference on its own: "spend this month" is a new question; "which of these" is one.
const FOLLOW_UP = new RegExp(
  `^(?:${FOLLOW_UP_OPENERS.join("|")})\\b|\\b(?:that|those|it|same|their|them|they)\\b|\\bwhich of these\\b|${WHICH_ONE.source}` +
    `|${THE_DIFFERENCE.source}` +
    // "Show me only the AWS ones": some of what the last answer listed.
    `|\\b(?:only|just)\\s+the\\s+(?:[\\w-]+\\s+){1,2}ones\\b`,
  "i",
);
/** Openers that carry a longer message on from the last one ("for each team, …" may begin a new question). */
const LONG_OPENER = /^(?:and|but|also|what about|how about)\b/i;
/** A longer message about what the last answer was about: "how has that changed over the last 6 months?". */
const REFERS_BACK =
  /\bhow (?:has|have|did|does|do|is|are|was|were) (?:that|those|it|this|they)\b|\bwhat (?:drove|drives|caused|explains?) (?:that|those|it|this)\b|\b(?:why|when) (?:did|has|have|is|was) (?:that|those|it|this|they)\b/i;
const WHY = /^\s*(?:and\s+)?why\b/i;
/** "Break that down by region" after a breakdown by team: each team by region, not regions instead of teams. */
const DRILL_DOWN = /\b(?:break|split|drill)\s+(?:that|this|it|those|these|them|each(?:\s+one)?)\s+(?:down\s+)?(?:further\s+)?(?:by|per|into)\b/i;
const SHORT_WORDS = 8;
/** A longer message is a follow-up only when it opens as one or steps back from the last period. */
const LONGER_WORDS = 14;
/** "How does that compare to the quarter before?": the previous period against the one before it. */
const COMPARED = /\bcompar\w*|\bvs\.?(?=\s|$)|\bversus\b|\bagainst\b/i;

export function isFollowUp(text: string): boolean {
  const words = text.trim().split(/\s+/).length;
  const steppingBack = extractShiftBack(text) !== undefined;
  if (words <= SHORT_WORDS) return FOLLOW_UP.test(text.trim()) || steppingBack;
  return words <= LONGER_WORDS && (LONG_OPENER.test(text.trim()) || REFERS_BACK.test(text) || steppingBack);
}

/** The day relative dates count from: the reference date, or the day after the data when the data is old. */
export function anchorFor(referenceDate: Date | string, dataRange?: { start: string; end: string }) {
  const today = toUtcDay(referenceDate);
  if (!dataRange) return { anchor: today, note: `Relative dates resolved against the reference date ${isoDay(today)}.` };
  const latest = toUtcDay(dataRange.end);
  if (today.getTime() - latest.getTime() <= HISTORICAL_LAG_DAYS * DAY) {
    return { anchor: today, note: `Relative dates resolved against the reference date ${isoDay(today)}.` };
  }
  // "Last month" over data that ends in June means June, not a month with no rows: anchor on the day after it.
  return {
    anchor: new Date(latest.getTime() + DAY),
    note:
      `Relative dates resolved against the latest data date ${isoDay(latest)}, not the reference date ` +
      `${isoDay(today)}, because the data ends before it.`,
  };
}

/** The unit a message sets its period against ("compared to last year": year), read as "this year over last". */
function againstUnit(own: QueryDimensions): string | undefined {
  return own.comparison && /_over_/.test(own.comparison.mode) ? /\b(?:last|previous|prior)\s+(year|quarter|month|week)$/.exec(own.comparison.resolvedFrom)?.[1] : undefined;
}

/** "Which one grew faster?", "which of them costs more?": the subjects of the last two turns, against each other. */
const WHICH_OF_THEM = /\bwhich\s+(?:one|of\s+(?:them|these|those|the\s+two|both))\b|\bwhich\s+(?:is|was)\s+(?:bigger|larger|more expensive|cheaper|higher|growing faster)\b/i;

/** "What about accounts?", "and how about regions?": only a grouping named. */
const WHAT_ABOUT = /^\s*(?:and\s+)?(?:what|how)\s+about\s+(?:the\s+|our\s+|by\s+|per\s+)?([a-z][\w-]*(?:\s+[a-z][\w-]*)?)\s*\??\s*$/i;

/** A follow-up with an ask of its own ("and how much on EC2?", "show the top services"), not only another scope. */
const ASKS_ANEW = /\b(?:how much|how many|spend|spent|spending|costs?|show|list|break|top|which|forecast|budgets?|trend)\b/i;

/** The previous scope with whatever the follow-up names replacing it. */
function mergeDimensions(previous: QueryDimensions, next: QueryDimensions) {
  const merged: QueryDimensions = { ...previous, tags: [...previous.tags] };
  const carriedOver: string[] = [];
  // "By subscription" names Azure (subscriptions are its sub-accounts): the same provider again is no change.
  const providerChanged = next.providers.length > 0 && next.services.length === 0 && next.providers.join() !== previous.providers.join();
  // "And Bedrock?" after Azure OpenAI: the subject replaced stays beside the new one, for "which one grew faster?".
  const replaced = providerChanged || (next.services.length > 0 && next.services.join() !== previous.services.join());
  // "What about the data platform team?" after the ML team's: the tag value replaced stays beside it too.
  const replacedTags = previous.tags.filter((t) => t.values.length && next.tags.some((n) => n.key === t.key && n.values.length && n.values.join() !== t.values.join()));
  // "And Vertex AI?" after "and Bedrock?" after Azure OpenAI: every subject replaced in the run stays beside it.
  const earlier = previous.alongside;
  const union = (a: readonly string[] = [], b: readonly string[] = []) => [...new Set([...a, ...b])];
  const tagsBeside = replacedTags.map((t) => {
    const before = earlier?.tags?.find((e) => e.key === t.key);
    return before ? { ...t, values: union(before.values, t.values).filter((v) => !next.tags.some((n) => n.key === t.key && n.values.includes(v))) } : t;
  });
  merged.alongside =
    (replaced && (previous.services.length || previous.providers.length)) || replacedTags.length
      ? {
          services: replaced ? union(earlier?.services, previous.services).filter((s) => !next.services.includes(s)) : [],
          providers: replaced ? union(earlier?.providers, previous.providers) : [],
          tags: tagsBeside,
        }
      : undefined;
  if (providerChanged) {
    merged.providers = next.providers;
    // EC2 -> Azure means Azure's VMs; a service with no counterpart on the new provider is dropped.
    const target = next.providers.length === 1 ? (next.providers[0] as ProviderName) : undefined;
    const mapped = target ? previous.services.map((s) => equivalentService(s, target)?.name) : [];
    merged.services = [...new Set(mapped.filter((s): s is string => Boolean(s)))];
    if (merged.services.length) carriedOver.push("services");
    // Regions and accounts belong to one provider; they do not survive a provider switch.
    merged.regions = next.regions;
    merged.accounts = next.accounts;
  } else if (next.services.length) {
    merged.services = next.services;
    merged.roleServices = next.roleServices;
    merged.providers = next.providers;
  }
  const replaceable = [
    "timeRange", "comparison", "serviceCategories", "chargeCategories", "metric", "topN", "granularity", "groupBy", "thresholds", "currency", "geographies", "excluded",
    ...(providerChanged ? [] : ["accounts", "regions"]),
  ];
  // "And in Europe?" after us-east-1 (or the other way round): a part of the world and a region are one place named.
  if (next.geographies.length && !next.regions.length) merged.regions = [];
  if (next.regions.length && !next.geographies.length) merged.geographies = [];
  const given = (value: unknown) => (Array.isArray(value) ? value.length > 0 : value !== undefined);
  const [before, after, target] = [previous, next, merged] as Array<Record<string, unknown>>;
  for (const key of replaceable) {
    if (given(after[key])) target[key] = after[key];
    else if (given(before[key])) carriedOver.push(key);
  }
  if (!providerChanged && !next.services.length) {
    if (previous.providers.length) carriedOver.push("providers");
    if (previous.services.length) carriedOver.push("services");
  }
  merged.networking = next.networking || previous.networking;
  merged.gpu = next.gpu || previous.gpu;
  merged.marketplace = next.marketplace || previous.marketplace;
  merged.dataTransfer = next.dataTransfer ?? previous.dataTransfer;
  merged.rate = next.rate || previous.rate;
  merged.direction = next.direction || previous.direction;
  merged.growth = next.growth || previous.growth;
  merged.explain = next.explain || previous.explain;
  // "Split it evenly instead" after a showback split in proportion: the new split.
  merged.sharedSplit = next.sharedSplit ?? previous.sharedSplit;
  merged.wentOver = next.wentOver || previous.wentOver;
  // A resource named in the follow-up replaces the previous one ("and web-prod-ec2-0013?").
  if (next.resources.length) merged.resources = next.resources;
  if (next.resourceGroups.length) merged.resourceGroups = next.resourceGroups;
  merged.share = next.share || previous.share;
  merged.count = next.count || previous.count;
  merged.unitCost = next.unitCost || previous.unitCost;
  merged.peak = next.peak ?? previous.peak;
  merged.monthlyAverage = next.monthlyAverage || previous.monthlyAverage;
  merged.weekends = next.weekends || previous.weekends;
  merged.appeared = next.appeared ?? previous.appeared;
  merged.volatility = next.volatility ?? previous.volatility;
  merged.quickWins = next.quickWins || previous.quickWins;
  // A new grouping brings its own second one (or none); otherwise the previous pair stands.
  merged.thenBy = next.groupBy ? next.thenBy : previous.thenBy;
  merged.metrics = next.metrics.length ? next.metrics : previous.metrics;
  for (const tag of next.tags) {
    const at = merged.tags.findIndex((t) => t.key === tag.key);
    if (at >= 0) merged.tags[at] = tag;
    else merged.tags.push(tag);
  }
  if (previous.tags.some((t) => !next.tags.some((n) => n.key === t.key))) carriedOver.push("tags");
  // "Break that down by region", then "what about just us-east-1?": one value of the grouping narrows to it, and a
  // breakdown by what is now one value would say nothing, so the grouping is not carried over.
  // A value of the second grouping ("by team, then region", then "just us-east-1") drops that one only.
  if (!next.groupBy && previous.groupBy && namesValueOf(next, previous.groupBy)) {
    merged.groupBy = previous.thenBy;
    merged.thenBy = undefined;
    if (!merged.groupBy) carriedOver.splice(carriedOver.indexOf("groupBy"), 1);
  } else if (!next.groupBy && previous.thenBy && namesValueOf(next, previous.thenBy)) {
    merged.thenBy = undefined;
  }
  return { merged, carriedOver };
}

/** Whether a follow-up names a value of the grouping ("us-east-1" of "by region", "the ml team" of "by team"). */
function namesValueOf(next: QueryDimensions, groupBy: NonNullable<QueryDimensions["groupBy"]>): boolean {
  switch (groupBy.dimension) {
    case "RegionId": return next.regions.length > 0;
    case "ServiceName": return next.services.length > 0;
    case "ProviderName": return next.providers.length > 0 && next.services.length === 0;
    // An account id is one account; a nickname ("prod") usually stands for several, which stay grouped.
    case "SubAccountId": case "SubAccountName": return next.accounts.some((a) => /^\d+$/.test(a));
    case "Tag": return next.tags.some((t) => t.key === groupBy.tagKey && t.values.length > 0);
    default: return false;
  }
}

/** Intents whose answers are savings of their own kind: "how much would that save?" after one is about those. */
const SAVINGS_KINDS: ReadonlySet<Intent> = new Set(["rightsizing", "reserved_instance_analysis", "spot_instance_analysis"]);
const SAVINGS_ASK: ReadonlySet<Intent> = new Set(["savings_opportunity", "optimization_recommendation"]);
/**
 * Intents whose answers are a measure of their own (tag coverage, commitment utilisation and coverage, savings made):
 * "how does that compare to last month?" after one sets that measure against the period, not the spend.
 */
const MEASURES: ReadonlySet<Intent> = new Set(["tagging_compliance", "reserved_instance_analysis"]);
const measureOf = (previous: PreviousTurn) => MEASURES.has(previous.intent) || (previous.intent === "savings_opportunity" && previous.dimensions.realisedSavings);

/** Refers back to what the last answer was about. */
const BACK_REFERENCE = /\b(?:that|those|these|it|them)\b/i;

function followUpIntent(text: string, classification: QueryClassification, previous: PreviousTurn): Intent {
  if (WHY.test(text)) return previous.dimensions.comparison ? "spend_comparison" : "cost_anomaly_detection";
  // "What anomalies did we have this year?", then "which one cost the most?": one of those anomalies.
  if (WHICH_ONE.test(text) && previous.intent === "cost_anomaly_detection") return previous.intent;
  // "Which EC2 instances should we downsize?" then "how much would that save per year?": those savings, not every
  // open recommendation.
  if (SAVINGS_KINDS.has(previous.intent) && SAVINGS_ASK.has(classification.intent) && BACK_REFERENCE.test(text)) return previous.intent;
  // "Split it evenly instead" after a showback: the same showback, split another way.
  if (previous.intent === "cost_allocation" && classification.dimensions.sharedSplit) return previous.intent;
  // A follow-up changes the ask only when it names one ("and the forecast for that?"). On "and for Azure?" the model
  // is confidently wrong (provider-only questions look like "AWS vs Azure"), so its intent alone is not enough.
  const namesNewAsk =
    classification.intent !== "clarification_needed" &&
    classification.intent !== "multi_intent" &&
    classification.confidence >= CONFIDENCE_THRESHOLD &&
    conceptCues(text).length > 0;
  return namesNewAsk ? classification.intent : previous.intent;
}

export function rewriteQuery(input: {
  text: string;
  classification: QueryClassification;
  referenceDate: Date | string;
  /** The dates the cost data covers; `end` is the latest date with data. */
  dataRange?: { start: string; end: string };
  previous?: { rewrittenQuery: string; intent: Intent; dimensions: QueryDimensions };
  /** The services the cost data holds: a question may name any of them ("Glue", "Key Vault"). */
  services?: readonly NamedService[];
}): RewriteResult {
  const { text, classification, previous } = input;
  const { anchor, note } = anchorFor(input.referenceDate, input.dataRange);
  const read = withStoredServices(text, extractDimensions(text, anchor), input.services ?? []);
  // "What about accounts?" after a ranking of services: the same ask, by the grouping named.
  const regrouped = previous?.dimensions.groupBy && !read.groupBy ? WHAT_ABOUT.exec(text) : null;
  const grouping = regrouped ? groupingNamed(regrouped[1]!.toLowerCase()) : undefined;
  const own = grouping ? { ...read, groupBy: grouping, thenBy: undefined } : read;

  let intent = classification.intent;
  let dimensions = own;
  let carriedOver: string[] = [];
  const alongside = previous?.dimensions.alongside;
  if (previous && alongside && WHICH_OF_THEM.test(text) && !own.services.length && !own.providers.length) {
    // "Which one grew faster?" after "Azure OpenAI last month" and "and Bedrock?": the two set side by side, each
    // with its own change, over the period they were asked about.
    const both = (a: readonly string[], b: readonly string[]) => [...new Set([...a, ...b])];
    // A tag value replaced ("the ML team", then "the data platform team") joins the one now asked about.
    const tags = previous.dimensions.tags.map((t) => {
      const before = alongside.tags?.find((a) => a.key === t.key);
      return before ? { ...t, values: both(before.values, t.values) } : t;
    });
    dimensions = {
      ...previous.dimensions,
      services: both(alongside.services, previous.dimensions.services),
      providers: both(alongside.providers, previous.dimensions.providers),
      tags,
      ...(own.serviceCategories.length ? { serviceCategories: own.serviceCategories } : {}),
      alongside: undefined,
      growth: own.growth,
      groupBy: undefined,
      thenBy: undefined,
      ...(own.timeRange ? { timeRange: own.timeRange } : {}),
    };
    carriedOver = ["services", "timeRange"];
    intent = "spend_comparison";
    return { intent, rewrittenQuery: describeQuery(intent, dimensions, text), dimensions, referenceNote: note, carriedOver };
  }
  if (previous && isFollowUp(text)) {
    intent = followUpIntent(text, classification, previous);
    ({ merged: dimensions, carriedOver } = mergeDimensions(previous.dimensions, own));
    // A comparison of periods after a measure compares that measure ("our tag coverage", then "vs last month?"), whether
    // or not the classifier read "compare" as a spend comparison.
    const measureKept = measureOf(previous) && (intent === previous.intent || intent === "spend_comparison");
    // "What's our ESR?" then "and last quarter?": still the savings made.
    if (measureKept && previous.dimensions.realisedSavings) dimensions = { ...dimensions, realisedSavings: true };
    const compared = measureKept ? previous.intent : "spend_comparison";
    // Only the turn right after a step back can ask for "the difference".
    dimensions = { ...dimensions, steppedFrom: undefined };
    const rows = previous.dimensions.groupBy;
    if (DRILL_DOWN.test(text) && rows && own.groupBy && !own.thenBy && !sameGrouping(rows, own.groupBy)) {
      dimensions = { ...dimensions, groupBy: rows, thenBy: own.groupBy };
      carriedOver.push("groupBy");
    }
    // A bare "why?" after an answer asks what explains it: the change against the period before, then any anomalies.
    if (WHY.test(text) && intent === "cost_anomaly_detection" && !dimensions.explain) dimensions = { ...dimensions, explain: true };
    // "Why did S3 go up?" then "and the quarter before?" asks why again; "and how much on EC2?" asks something new.
    if (dimensions.explain && !own.explain && ASKS_ANEW.test(text)) dimensions = { ...dimensions, explain: undefined };
    // "And the month before?": the previous turn's period (or the default one it used), one step back.
    const shift = extractShiftBack(text);
    const fallback = input.dataRange ? defaultPeriod(input.dataRange) : undefined;
    const base = previous.dimensions.timeRange ?? (fallback && { ...fallback.period, label: fallback.label, resolvedFrom: "the previous answer's period" });
    if (shift && base && COMPARED.test(text)) {
      // "How does that compare to the quarter before?": the previous turn's period stays, against the one before it.
      const baseline = shiftTimeRange(base, shift.unit, shift.resolvedFrom);
      dimensions = { ...dimensions, timeRange: base, comparison: { mode: "between_periods", resolvedFrom: shift.resolvedFrom, baseline } };
      intent = compared;
    } else if (shift && base) {
      dimensions = { ...dimensions, timeRange: shiftTimeRange(base, shift.unit, shift.resolvedFrom), steppedFrom: base };
      carriedOver = carriedOver.filter((key) => key !== "timeRange");
    } else if (THE_DIFFERENCE.test(text) && previous.dimensions.steppedFrom && previous.dimensions.timeRange && !own.timeRange) {
      // "Last month?", "and the month before?", then "which service drove the difference?": the later against the earlier.
      const baseline = previous.dimensions.timeRange;
      dimensions = { ...dimensions, timeRange: previous.dimensions.steppedFrom, comparison: { mode: "between_periods", resolvedFrom: "the difference", baseline } };
      carriedOver = [...carriedOver.filter((key) => key !== "timeRange"), "timeRange"];
      intent = "spend_comparison";
    } else if (base && own.timeRange && COMPARED.test(text) && (own.timeRange.start !== base.start || againstUnit(own))) {
      // "How does that compare to last year?" after the year to date: the previous answer's period stays, set against
      // the period named; "last year" (quarter, month, week) is the same days of it, like for like.
      const unit = /^(?:last|previous|prior)\s+(year|quarter|month|week)$/.exec(own.timeRange.resolvedFrom)?.[1] ?? againstUnit(own);
      const mode = unit ? (`${unit}_over_${unit}` as "year_over_year" | "quarter_over_quarter" | "month_over_month" | "week_over_week") : undefined;
      const comparison = mode
        ? { mode, resolvedFrom: own.comparison?.resolvedFrom ?? own.timeRange.resolvedFrom }
        : { mode: "between_periods" as const, resolvedFrom: own.timeRange.resolvedFrom, baseline: own.timeRange };
      dimensions = { ...dimensions, timeRange: base, comparison };
      carriedOver = [...carriedOver.filter((key) => key !== "timeRange"), "timeRange"];
      intent = compared;
    }
  } else if (previous && classification.intent === "clarification_needed" && classification.confidence < 1) {
    // Not phrased as a follow-up, but the model was unsure and the message changes a dimension: treat it as one.
    if (hasAnyDimension(own)) {
      intent = previous.intent;
      ({ merged: dimensions, carriedOver } = mergeDimensions(previous.dimensions, own));
    }
  }
  return {
    intent,
    rewrittenQuery: describeQuery(intent, dimensions, text),
    dimensions,
    referenceNote: note,
    carriedOver,
  };
}
