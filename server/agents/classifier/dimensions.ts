import { z } from "zod";
import { CHANGE_OVER, CHANGE_SINCE, GROWTH, HOW_CHANGED, WHAT_HAPPENED, WHY_CHANGE } from "./change-words.ts";
import { dimensionSchema, METRIC_COLUMNS, type Metric } from "../../finops/analytics/scope.ts";
import { COMMITMENT_TERMS } from "../../finops/analytics/commitments.ts";
import { RESOURCE_KINDS, type ResourceKind } from "../../finops/analytics/rightsizing.ts";
import { DATA_TRANSFER_SCOPES, type DataTransferScope } from "../../finops/data-transfer.ts";
import {
  ACCOUNT_NAMES,
  doesRole,
  CHARGE_CATEGORY_WORDS,
  findGeographies,
  findRegions,
  NETWORKING_WORDS,
  PROVIDERS,
  type ProviderName,
  SERVICE_CATEGORY_WORDS,
  SERVICE_ROLE_WORDS,
  SERVICES,
  replaceResources,
} from "./catalog.ts";
import type { RecommendationStatus } from "../../finops/recommendations/schemas.ts";
import { comparisonSchema, extractComparison, extractPeriodPair, extractTimeRange, timeRangeSchema, TWO_WEEKDAYS } from "./time-range.ts";
export { TWO_WEEKDAYS };

// Rule-based reading of what a question is about: period, scope (providers, services, accounts, regions, tags),
// metric and shape (top N, thresholds, granularity, group-by). Values are FOCUS values so they map onto Filters.

const tagFilterSchema = z.object({ key: z.string(), values: z.array(z.string()) });
export type TagFilter = z.infer<typeof tagFilterSchema>;

export const thresholdSchema = z.object({
  kind: z.enum(["amount", "percent", "budget"]),
  op: z.enum(["gt", "lt", "eq"]),
  value: z.number(),
  resolvedFrom: z.string(),
});
export type Threshold = z.infer<typeof thresholdSchema>;

export const groupBySchema = z.object({ dimension: dimensionSchema, tagKey: z.string().optional() });
export type GroupBy = z.infer<typeof groupBySchema>;

// scope.ts's metricSchema defaults to EffectiveCost; here "not said" must stay distinguishable from "said effective".
const metricNameSchema = z.enum(Object.keys(METRIC_COLUMNS) as [Metric, ...Metric[]]);

export const queryDimensionsSchema = z.object({
  timeRange: timeRangeSchema.optional(),
  /** The period a follow-up stepped back from ("and the month before?" after last month): "the difference" sets them side by side. */
  steppedFrom: timeRangeSchema.optional(),
  comparison: comparisonSchema.optional(),
  providers: z.array(z.string()),
  /** FOCUS ServiceName values. */
  services: z.array(z.string()),
  /** Of those, the ones a job word stands for ("Kubernetes", "NAT gateways"): one subject, not several to compare. */
  roleServices: z.array(z.string()).default([]),
  serviceCategories: z.array(z.string()),
  /** FOCUS ChargeCategory values the question is about ("taxes", "credits"); empty: every charge. */
  chargeCategories: z.array(z.string()).default([]),
  /** Egress / data transfer: spread across services, so a flag rather than a service filter. */
  networking: z.boolean(),
  /** GPU usage ("spend on GPUs", "NVIDIA instances"): GPU instance types and accelerators across services, so a flag too. */
  gpu: z.boolean().default(false),
  /**
   * Data transfer ("data transfer costs", "egress to the internet"): billed under whatever service moved the data, so
   * read from SKUs (server/finops/data-transfer.ts) rather than the networking services; "internet" for what left the
   * cloud, "internal" for what moved between regions or zones. Takes the place of `networking` for those words.
   */
  dataTransfer: z.enum(DATA_TRANSFER_SCOPES).optional(),
  /** Marketplace purchases ("AWS Marketplace", "third-party software"): read from PublisherName (finops/marketplace.ts). */
  marketplace: z.boolean().default(false),
  /** Resources named by id or name ("assistant-dev-ec2-0047", "i-0abc12345678", an ARN), lower-cased as written. */
  resources: z.array(z.string()).default([]),
  /** Kinds of resource named ("unattached disks", "idle databases", "elastic IPs"), for utilisation findings. */
  resourceKinds: z.array(z.enum(RESOURCE_KINDS)).default([]),
  /** Azure resource groups named ("rg-checkout-prod", "resource group web-prod"), lower-cased. */
  resourceGroups: z.array(z.string()).default([]),
  /** Sub-account nicknames (prod, staging...) or 12-digit account ids. */
  accounts: z.array(z.string()),
  regions: z.array(z.string()),
  /** Parts of the world named instead of regions ("Europe", "North America"): the stored regions in each. */
  geographies: z.array(z.string()).default([]),
  tags: z.array(tagFilterSchema),
  /** Asks for a rate ("per day", "daily average", "run rate") rather than a period's total. */
  rate: z.boolean().default(false),
  /** Asks which way spend is going ("is our spend going up?", "are costs trending down?"). */
  direction: z.boolean().default(false),
  /**
   * The subject a follow-up replaced ("Azure OpenAI last month", then "and Bedrock?"): what "which one grew faster?"
   * sets against the subject now.
   */
  alongside: z.object({ services: z.array(z.string()), providers: z.array(z.string()), tags: z.array(tagFilterSchema).default([]) }).optional(),
  /** Asks when spend turned that way ("when did our costs start going up?"): where the latest run of rises (falls) began. */
  turn: z.enum(["up", "down"]).optional(),
  /** Asks what grew (or fell) the most ("which accounts grew the most?"): a comparison ranked by change. */
  growth: z.boolean().default(false),
  /**
   * Asks which values are new ("which services are new this month?") or gone ("which accounts stopped spending?"):
   * cost in the period and none in the months before it, or the other way round.
   */
  appeared: z.enum(["new", "gone"]).optional(),
  /** Asks which day, week or month cost the most ("which day had the highest spend?", "most expensive month"). */
  peak: z.enum(["day", "week", "month"]).optional(),
  /**
   * Asks why a cost changed or what happened in a period ("why did S3 go up?", "what happened with NAT in October?"):
   * the change's drivers and the anomalies. Kept by follow-ups ("and the quarter before?").
   */
  explain: z.boolean().optional(),
  /**
   * Asks whether budgets went over in the past ("which budgets did we exceed this year?", "were we over budget?"), not
   * how they are doing now. Kept by follow-ups ("and in the last 3 months?").
   */
  wentOver: z.boolean().optional(),
  /** Sets weekends against weekdays ("average daily spend on weekends vs weekdays", "do we spend less at weekends?"). */
  weekends: z.boolean().default(false),
  /** A cut asked about ("if we cut dev spend by 30%", "a 10% reduction in storage"): the percentage taken off the scope's cost. */
  reductionPercent: z.number().positive().max(100).optional(),
  /** A move supposed ("run everything in us-east-1", "what if we moved to Azure"): the region or cloud moved to. */
  relocation: z.object({ regions: z.array(z.string()), providers: z.array(z.string()) }).optional(),
  /** Asks how much daily cost moves ("most volatile services", "which accounts are the most stable?"): most or least first. */
  volatility: z.enum(["most", "least"]).optional(),
  /** Asks for the average month ("average monthly spend this year"). */
  monthlyAverage: z.boolean().default(false),
  /** Asks for the quick wins ("any quick wins?", "low-hanging fruit"): savings that take little work. */
  quickWins: z.boolean().default(false),
  /** Asks for the smallest values first ("least expensive services", "which account spent the least?"). */
  smallestFirst: z.boolean().default(false),
  /**
   * Asks for shared or unowned cost to be split across the owners of a showback ("with shared costs split
   * proportionally", "spread untagged cost evenly"): in equal parts, or in proportion to each owner's direct cost.
   */
  sharedSplit: z.enum(["even", "proportional"]).optional(),
  /** Tag values the question names as shared cost ("treat platform as shared"). */
  sharedValues: z.array(z.string()).default([]),
  /** Asks over all the data ("our highest spending day ever", "of all time"), with no period named. */
  allTime: z.boolean().default(false),
  /** Asks how much of the cost is shared ("how much of our spend is shared?", "what are our shared costs?"), unsplit. */
  sharedCost: z.boolean().default(false),
  /** Asks for a part's share of all costs ("what percentage of our spend is compute?"). */
  share: z.boolean().default(false),
  /**
   * What a share is of, when not all costs ("what share of AWS spend is EC2?": providers; "how much of our Bedrock
   * spend is in staging?": services): the kinds of value the whole names, among those above.
   */
  shareOf: z.array(z.enum(["providers", "services", "serviceCategories", "accounts", "regions", "tags"])).default([]),
  /** Sets the accounts named against every other cost ("prod vs non-prod", "prod and everything else"). */
  versusRest: z.boolean().default(false),
  /** Asks about savings already made (the effective savings rate, what commitments saved), not savings still to be had. */
  realisedSavings: z.boolean().default(false),
  /**
   * The FOCUS pricing categories whose share of the costs the question asks for, in the order named ("what percentage
   * of compute is on-demand?": Standard; "on-demand vs spot": Standard, Dynamic). The costs are then split by
   * PricingCategory.
   */
  pricingKinds: z.array(z.enum(["Standard", "Committed", "Dynamic"])).default([]),
  /** The commitment terms the question names, in order ("a 3-year savings plan": 3y; "1 or 3 year RIs": 1y, 3y). */
  commitmentTerms: z.array(z.enum(COMMITMENT_TERMS)).default([]),
  /** Asks what a unit of usage costs ("unit cost per GB", "price per hour"). */
  unitCost: z.boolean().default(false),
  /** Asks how many there are ("how many accounts do we have?") of the groupBy dimension's values. */
  count: z.boolean().default(false),
  /**
   * "How many resources do we have in each account?": what is counted (resources) within each groupBy value (account);
   * groupBy is then the rows.
   */
  countOf: groupBySchema.optional(),
  /** "Which services are only in one region?": the groupBy values with this many countOf values (at least min, at most max). */
  countBound: z.object({ min: z.number().int().min(0), max: z.number().int().min(0).optional() }).optional(),
  metric: metricNameSchema.optional(),
  /** Two or more cost metrics set against each other ("amortized vs billed"), in the order named. */
  metrics: z.array(metricNameSchema).default([]),
  topN: z.number().int().positive().optional(),
  thresholds: z.array(thresholdSchema),
  granularity: z.enum(["daily", "weekly", "monthly"]).optional(),
  groupBy: groupBySchema.optional(),
  /** A second grouping within each groupBy value ("by team and region": each team's cost by region). */
  thenBy: groupBySchema.optional(),
  /** A billing currency the question names ("in EUR", "in euros"): picks it when the data has several. */
  currency: z.string().regex(/^[A-Z]{3}$/).optional(),
  /**
   * What the question leaves out ("spend excluding credits", "every service except EC2", "other than prod"): the
   * values named after the exclusion, none of which is then in the lists above.
   */
  excluded: z
    .object({
      providers: z.array(z.string()),
      services: z.array(z.string()),
      serviceCategories: z.array(z.string()),
      chargeCategories: z.array(z.string()),
      regions: z.array(z.string()),
      accounts: z.array(z.string()),
      /** FOCUS PricingCategory values ("excluding spot": Dynamic). */
      pricingCategories: z.array(z.string()).default([]),
      /** Tag values ("excluding the data team": team=data). */
      tags: z.array(tagFilterSchema).default([]),
      /** Parts of the world ("everywhere but Europe"): the stored regions there. */
      geographies: z.array(z.string()).default([]),
      /** Resources by id or name, as written. */
      resources: z.array(z.string()).default([]),
      resourceGroups: z.array(z.string()).default([]),
      /** What is read from SKUs and publishers: GPU usage, data transfer, marketplace purchases. */
      gpu: z.boolean().default(false),
      dataTransfer: z.enum(DATA_TRANSFER_SCOPES).optional(),
      marketplace: z.boolean().default(false),
      /**
       * Kinds of recommendation, in a question about recommendations ("savings opportunities other than
       * commitments"): the categories the recommendations generator writes.
       */
      recommendationCategories: z.array(z.string()).default([]),
    })
    .optional(),
});
export type ExcludedDimensions = NonNullable<z.infer<typeof queryDimensionsSchema>["excluded"]>;
export type QueryDimensions = z.infer<typeof queryDimensionsSchema>;

export function emptyDimensions(): QueryDimensions {
  return {
    providers: [], services: [], roleServices: [], serviceCategories: [], chargeCategories: [], networking: false, gpu: false, marketplace: false, resources: [], resourceKinds: [], resourceGroups: [], accounts: [], regions: [], geographies: [], tags: [],
    thresholds: [], rate: false, direction: false, growth: false, weekends: false, share: false, shareOf: [], versusRest: false, realisedSavings: false, pricingKinds: [], commitmentTerms: [], count: false, unitCost: false, metrics: [], monthlyAverage: false,
    quickWins: false, smallestFirst: false, sharedValues: [], sharedCost: false, allTime: false,
  };
}

const unique = <T>(items: T[]) => [...new Set(items)];
const NUMBER_WORDS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, twenty: 20,
};
const NOT_TEAM_NAMES = new Set([
  "each", "every", "which", "what", "our", "my", "a", "per", "by", "that", "this", "same", "whole", "any", "all",
  "other", "the", "feature", "product", "engineering", "your", "their", "for", "of", "to", "on", "in", "with",
  "and", "or", "is", "whole", "each", "one", "another", "new", "no", "did", "does", "do", "was", "are", "has", "have", "from",
  "tagged", "labelled", "labeled", "resources",
  // "The team tag", "the team label": the key named, not a team.
  "tag", "tags", "label", "labels", "key", "keys",
]);

/** Words before "app" that are not an app's name ("web app", "mobile app", "an app"). */
const NOT_APP_NAMES = new Set(["tagged", "labelled", "labeled", "web", "mobile", "serverless", "function", "container", "cloud", "main", "logic", "static"]);

/** "$1,000", "50k", "2m", "1.5k" -> a number; undefined when it does not read as an amount. */
export function parseAmount(raw: string): number | undefined {
  const m = raw.toLowerCase().replace(/[$,\s]/g, "").match(/^(\d+(?:\.\d+)?)([km])?$/);
  if (!m) return undefined;
  return Number(m[1]) * (m[2] === "k" ? 1_000 : m[2] === "m" ? 1_000_000 : 1);
}

function extractThresholds(lower: string): Threshold[] {
  const out: Threshold[] = [];
  const budget = lower.match(/\bbudget(?:ed)?\s+(?:of\s+)?(\$?\s?\d[\d,.]*\s?[km]?)\b/);
  if (budget) out.push({ kind: "budget", op: "eq", value: parseAmount(budget[1])!, resolvedFrom: budget[0] });
  // "Growing faster than 20%": a rate above it; "slower than 5%" below.
  const compare = /\b(over|above|more than|greater than|exceeding|at least|under|below|less than|faster than|quicker than|slower than)\s+(\$?\s?\d[\d,.]*\s?(?:%|[km]\b)?)/g;
  for (const m of lower.matchAll(compare)) {
    const op = /under|below|less|slower/.test(m[1]) ? "lt" : "gt";
    const isPercent = m[2].endsWith("%");
    const value = isPercent ? Number(m[2].replace(/[%\s]/g, "")) : parseAmount(m[2]);
    const isAmount = m[2].includes("$") || /[km]$/.test(m[2]) || /^\s*\d[\d,]{3,}/.test(m[2]);
    if (value !== undefined && (isPercent || isAmount)) {
      out.push({ kind: isPercent ? "percent" : "amount", op, value, resolvedFrom: m[0] });
    }
  }
  return out;
}

/** "List all services we use", "show me every account": every value listed, not the largest ten and the others. */
const LIST_ALL = new RegExp(
  String.raw`\b(?:list|show|give|display|see)\s+(?:me\s+|us\s+)?(?:all|every|each)\s+(?:(?:of\s+)?(?:the|our)\s+)?(?:[a-z][\w-]*\s+)?(?:services?|resources?|(?:sub-?)?accounts?|regions?|teams?|apps?|projects?|subscriptions?|skus?|buckets?|providers?|categories)\b` +
    // "Which services does the ml team use?", "what regions do we run in?": what it uses, every one.
    String.raw`|\b(?:which|what)\s+(?:services?|regions?|(?:sub-?)?accounts?|providers?|clouds?|skus?)\s+(?:does|do|did|is|are)\b[^?.!]*\b(?:use|using|used|run|running|in)\b(?![^?.!]*\b(?:most|least|top|biggest|largest|cheapest)\b)`,
);
/** As many rows as "all" lists (the most a breakdown shows; past it, the rest is one row). */
export const ALL_ROWS = 50;

function extractTopN(lower: string): number | undefined {
  if (LIST_ALL.test(lower)) return ALL_ROWS;
  const words = "(\\d+|one|two|three|four|five|six|seven|eight|nine|ten|twenty)";
  const m =
    lower.match(new RegExp(`\\b(?:top|biggest|largest|highest|most expensive)\\s+${words}\\b`)) ??
    lower.match(new RegExp(`\\b${words}\\s+(?:biggest|largest|most expensive|top)\\b`)) ??
    // "Which 5 resources grew the most?", "our 3 costliest accounts".
    lower.match(new RegExp(`\\b(?:which|what|the|our|list)\\s+${words}\\s+(?:[a-z][\\w-]*\\s+)?(?:services?|resources?|(?:sub-?)?accounts?|regions?|teams?|apps?|projects?|subscriptions?|skus?|instances?|buckets?|databases?|providers?|categories)\\b`));
  if (!m) return undefined;
  const n = NUMBER_WORDS[m[1]] ?? Number(m[1]);
  return n > 0 ? n : undefined;
}

/** "For team ml", "what did team data-platform spend": a team named after the word. */
const TEAM_NAMED_AFTER = /\b(?:for|of|on|from|did|does|do|has|is|was)\s+(?:the\s+)?team\s+(?!(?:last|this|next|in|on|for|over|during|since|and|or|by|per|with)\b)([a-z][\w-]*)(?='s\b|\b)/;

/** Teams or apps listed before their plural: "the ml and data-platform teams", "checkout, payments and search apps". */
const LISTED_OWNERS = /\b((?:[a-z][\w-]*\s*,\s*)*[a-z][\w-]*)\s*,?\s+(?:and|&|or)\s+(?:the\s+)?([a-z][\w-]*)\s+(teams|apps|applications)\b/;

/** Where extractTags reads a tag: "key=value", "key:value", "<name> team", "team <name>", "<name> app" and lists of them. */
const TAG_PHRASES = [/\b[a-z][\w-]*(?:\s*=\s*|:)[a-z0-9][\w.-]*/, TEAM_NAMED_AFTER, /\b[a-z][\w-]*\s+(?:team|app|application)\b/, LISTED_OWNERS];

function extractTags(lower: string): TagFilter[] {
  const tags = new Map<string, Set<string>>();
  const add = (key: string, value: string) => tags.set(key, (tags.get(key) ?? new Set()).add(value));
  // "team = data" may be spaced; "app:checkout" may not, or "quick one: what..." would read as a tag.
  for (const m of lower.matchAll(/\b([a-z][\w-]*)(?:\s*=\s*|:)([a-z0-9][\w.-]*)/g)) add(m[1], m[2]);
  // "env prod" is a value; "per environment prod vs dev" names the sides of a comparison (accounts, see extractAccounts).
  for (const m of lower.matchAll(/(?<!\b(?:per|by|each)\s+)\benv(?:ironment)?\s+(prod|production|staging|dev|test|qa)\b(?!\s+(?:vs\.?|versus)\b)/g)) {
    add("env", m[1] === "production" ? "prod" : m[1]);
  }
  // "the data platform team": two words when both can be a name (scope.ts matches "data platform" to a stored
  // "data-platform", else falls back to "platform").
  // Not "tagged team=ml": that names the key, the value after it.
  for (const m of lower.matchAll(/\b(?:([a-z][\w-]*)\s+)?([a-z][\w-]*)\s+team\b(?!\s*[=:])/g)) {
    if (NOT_TEAM_NAMES.has(m[2]!)) continue;
    add("team", m[1] && !NOT_TEAM_NAMES.has(m[1]) ? `${m[1]} ${m[2]}` : m[2]!);
  }
  const after = TEAM_NAMED_AFTER.exec(lower);
  if (after && !NOT_TEAM_NAMES.has(after[1]!)) add("team", after[1]!);
  for (const m of lower.matchAll(/\b([a-z][\w-]*)\s+(?:app|application)\b/g)) {
    if (!NOT_TEAM_NAMES.has(m[1]) && !NOT_APP_NAMES.has(m[1])) add("app", m[1]);
  }
  for (const m of lower.matchAll(new RegExp(LISTED_OWNERS, "g"))) {
    const key = m[3] === "teams" ? "team" : "app";
    const names = [...m[1]!.split(/\s*,\s*/), m[2]!].filter((n) => !NOT_TEAM_NAMES.has(n) && (key === "team" || !NOT_APP_NAMES.has(n)));
    if (names.length >= 2) names.forEach((n) => add(key, n));
  }
  return [...tags].map(([key, values]) => ({ key, values: [...values] }));
}

function extractAccounts(lower: string): string[] {
  const ids = lower.match(/\b\d{12}\b/g) ?? [];
  const names = Object.keys(ACCOUNT_NAMES).join("|");
  // "The acme-dev account", "labs-data project": the account by its own name.
  const ownMatches = [...lower.matchAll(new RegExp(`\\b([a-z0-9]+(?:-[a-z0-9]+)*-(?:${names}))\\s+(?:accounts?|subscriptions?|projects?)\\b`, "g"))];
  const own = ownMatches.map((m) => m[1]!);
  // The nickname inside such a name ("dev" in "acme-dev") is not the nickname's accounts too.
  const inOwnName = (at: number) => ownMatches.some((m) => at >= m.index! && at < m.index! + m[1]!.length);
  const named = [
    ...lower.matchAll(new RegExp(`\\b(${names})\\s+(?:accounts?|environments?|subscriptions?|projects?|workloads?)\\b`, "g")),
    ...lower.matchAll(/\b(?:in|for|on)\s+(prod|production|staging|dev)\b/g),
    // "Which dev resources ran over the weekend?", "our sandbox VMs": an environment's resources.
    ...lower.matchAll(new RegExp(`\\b(${ENVIRONMENT_WORD.slice(3, -1)})\\s+(?:resources?|instances?|vms?|(?:virtual\\s+)?machines?|servers?|databases?|clusters?)\\b`, "g")),
    // "Dev spend", "development costs", "how much is dev costing us", "what did dev cost".
    ...lower.matchAll(/\b(dev|development)\s+(?:spend|spending|costs?|bill|usage)\b/g),
    ...lower.matchAll(/\b(?:is|are|does|did|has|have)\s+(?:our\s+|the\s+)?(dev|development)\s+(?:cost|costing|costs|spend|spending|spent|been)\b/g),
    // "Moving dev to spot", "running staging on reserved".
    ...lower.matchAll(/\b(?:mov(?:e|ing)|migrat(?:e|ing)|shift(?:ing)?|switch(?:ing)?|run(?:ning)?)\s+(?:our\s+|the\s+|all\s+)?(prod|production|staging|dev)\b(?!\s*(?:team|[=:]))/g),
    // "Turning off dev at night", "shut down staging", "schedule dev".
    ...lower.matchAll(/\b(?:turn(?:s|ing|ed)?|shut(?:s|ting)?|switch(?:es|ing|ed)?|power(?:s|ing|ed)?|stop(?:s|ped|ping)?|paus(?:e|es|ed|ing)|schedul(?:e|es|ed|ing))\s+(?:off\s+|down\s+)?(?:our\s+|the\s+|all\s+)?(prod|production|staging|dev)\b(?!\s*(?:team|[=:]))/g),
    ...lower.matchAll(/(?<!(?:env|environment)\s*[=:]?\s*)\b(prod|production|staging)\b(?!\s*(?:team|[=:]))/g),
    // "compare prod and dev", "between staging and dev": both sides of a comparison are accounts.
    ...lower.matchAll(new RegExp(`\\b(?:compare|comparing|between)\\s+(?:the\\s+|our\\s+)?(${names})\\b`, "g")),
    ...lower.matchAll(new RegExp(`\\b(?:compare|comparing|between)\\s+(?:the\\s+|our\\s+)?(?:${names})(?:\\s+(?:accounts?|environments?|spend|costs?))?\\s+(?:and|with|to|vs\\.?|versus)\\s+(?:the\\s+|our\\s+)?(${names})\\b`, "g")),
    // "Dev and staging", "staging, dev": a nickname listed with prod or staging (which say accounts) is an account too.
    ...lower.matchAll(new RegExp(`\\b(${names})(?=\\s*(?:,|\\band\\b|&|\\+|\\bor\\b)\\s*(?:the\\s+)?(?:prod|production|staging|stage)\\b(?!\\s*(?:teams?\\b|[=:])))`, "g")),
    ...lower.matchAll(new RegExp(`(?<=\\b(?:prod|production|staging|stage)\\s*(?:,|\\band\\b|&|\\+|\\bor\\b)\\s*(?:the\\s+)?)(${names})\\b(?!\\s*(?:teams?\\b|[=:]))`, "g")),
    // "prod vs dev", "dev versus shared": either side of a comparison is an account.
    ...lower.matchAll(new RegExp(`\\b(?:vs\\.?|versus)\\s+(${names})\\b`, "g")),
    ...lower.matchAll(new RegExp(`\\b(${names})\\s+(?:vs\\.?|versus)\\s`, "g")),
  ]
    .filter((m) => !inOwnName(m.index! + m[0].indexOf(m[1]!)))
    .sort((a, b) => a.index! - b.index!)
    .map((m) => ACCOUNT_NAMES[m[1]]);
  return unique([...ids, ...own, ...named]);
}

// What a breakdown is by: "by/per <noun>", or the noun a ranking asks for ("which accounts", "top 10 most expensive
// resources", "costliest regions").
const GROUP_NOUNS: Array<[string, GroupBy]> = [
  ["(?:service\\s+)?categor(?:y|ies)", { dimension: "ServiceCategory" }],
  ["services?", { dimension: "ServiceName" }],
  ["regions?", { dimension: "RegionId" }],
  ["(?:sub-?\\s?)?accounts?|subscriptions?", { dimension: "SubAccountId" }],
  ["providers?|clouds?", { dimension: "ProviderName" }],
  // "By instance type", "which SKUs cost the most", "Bedrock per model" (a model's tokens are its SKUs): FOCUS SkuId
  // (before "instances", which are resources).
  ["skus?|(?:instance|machine|vm|node)\\s+(?:types?|sizes?)|(?:ai\\s+|llm\\s+|foundation\\s+)?models?", { dimension: "SkuId" }],
  // Azure resource groups (before "resources").
  ["resource[- ]?groups?|rgs?", { dimension: "ResourceGroup" }],
  // The kinds of resource people name: "which storage buckets cost the most?", "our biggest VMs", "our largest
  // database" (a database, not the database services).
  ["resources?|instances?|(?:storage\\s+)?buckets?|volumes?|disks?|clusters?|vms?|(?:virtual\\s+)?machines?|databases?", { dimension: "ResourceId" }],
  ["charge categor(?:y|ies)", { dimension: "ChargeCategory" }],
  ["pricing (?:categor(?:y|ies)|models?|types?)|purchase (?:options?|types?)", { dimension: "PricingCategory" }],
  ["teams?", { dimension: "Tag", tagKey: "team" }],
  ["projects?", { dimension: "Tag", tagKey: "project" }],
  ["apps?|applications?", { dimension: "Tag", tagKey: "app" }],
  ["env|environments?", { dimension: "Tag", tagKey: "env" }],
  ["cost[- ]?cent(?:er|re)s?", { dimension: "Tag", tagKey: "cost-center" }],
  ["owners?", { dimension: "Tag", tagKey: "owner" }],
  ["departments?", { dimension: "Tag", tagKey: "department" }],
  ["business[- ]units?", { dimension: "Tag", tagKey: "business-unit" }],
  ["(?:kubernetes\\s+|k8s\\s+)?namespaces?", { dimension: "Tag", tagKey: "namespace" }],
];
/** Model tokens, which are billed as SKUs ("Claude 3.5 Sonnet output tokens"). */
const TOKENS = /\btokens?\b/;
/** An environment's nickname before what it holds ("dev resources", "staging VMs"). */
const ENVIRONMENT_WORD = "(?:prod|production|staging|stage|dev|development|sandbox)";
const RANKING = "(?:which|what|top(?:\\s+\\d+)?|(?:most|least)\\s+expensive|costliest|cheapest|biggest|largest|priciest|(?:fastest|slowest)[- ]growing)";
/** On-demand set against committed, reserved or spot capacity: how spend splits by FOCUS PricingCategory. */
const PRICING_SPLIT =
  /\bon[- ]?demand\b.*\b(?:vs\.?|versus|and|or|compared (?:to|with))\b.*\b(?:commit\w*|reserv\w*|spot|savings plans?|discounted)\b|\b(?:commit\w*|reserv\w*|spot|savings plans?|discounted)\b.*\b(?:vs\.?|versus|and|or|compared (?:to|with))\b.*\bon[- ]?demand\b/;
/** FOCUS PricingCategory values as people name them. */
const PRICING_KIND_WORDS: Array<["Standard" | "Committed" | "Dynamic", RegExp]> = [
  ["Standard", /\bon[- ]?demand\b/],
  ["Dynamic", /\b(?:spot|preemptible)\b/],
  ["Committed", /\b(?:reserved|committed|commitments?|savings plans?|cuds?)\b/],
];
/** How well commitments are used or cover the usage: the commitments' own measures, not a pricing split. */
const COMMITMENT_MEASURE = /\b(?:utili[sz]\w*|used|unused|wasted|idle|coverage|covered|expir\w*)\b/;

/**
 * "What percentage of compute is on-demand?", "how much of our EC2 runs on spot?", "on-demand vs reserved": the
 * pricing categories whose share the question asks for, in the order named.
 */
function extractPricingKinds(lower: string): QueryDimensions["pricingKinds"] {
  if (!(SHARE.test(lower) || /\bhow much of\b/.test(lower) || PRICING_SPLIT.test(lower)) || COMMITMENT_MEASURE.test(lower)) return [];
  return PRICING_KIND_WORDS.map(([kind, pattern]) => ({ kind, at: lower.search(pattern) }))
    .filter((k) => k.at >= 0)
    .sort((a, b) => a.at - b.at)
    .map((k) => k.kind);
}

const TERM = String.raw`(?:(?:1|one)(?:[- ]?(?:or|and|vs\.?|versus)[- ]?(?:3|three))?|3|three)[- ]?(?:years?|yrs?)`;
const COMMITMENT_NOUN = String.raw`(?:commit\w*|ris?|reserv\w*|savings? plans?|cuds?)`;
/**
 * What is spent on commitments themselves: "how much are we spending on savings plans?", "what do we pay for our
 * RIs?" (their amortized cost, used and unused), not the usage they cover.
 */
export const SPEND_ON_COMMITMENTS = new RegExp(
  String.raw`\b(?:spend(?:ing|s)?|spent|pay(?:ing|s)?|paid|costs?|costing)\s+(?:on|for)\s+(?:our\s+|the\s+|all\s+)?(?:aws\s+|azure\s+|gcp\s+|compute\s+|ec2\s+)?(?:commitments?|savings? plans?|reservations?|reserved instances?|ris|cuds?|committed use(?: discounts?)?)\b`,
  "i",
);
/** Commitments named at all: reservations, savings plans, committed use discounts. */
export const COMMITMENT_WORDS = new RegExp(String.raw`\b${COMMITMENT_NOUN}\b`, "i");
/**
 * Resources paid for and doing nothing: "idle", "orphaned disks", "what we pay for but aren't using". One vocabulary
 * for the classifier, the rightsizing answer and the recommendations a question is about.
 */
export const IDLE_WORDS = /\b(?:idle|unused|orphan(?:ed|s)?|zombies?|unattached|forgotten|abandoned|not (?:being )?us(?:ed|ing)|never used)\b/i;
/** Times machines could be stopped: at night, at weekends, outside working hours. */
const OFF_TIMES = String.raw`(?:at night|nights?|overnight|nightly|evenings?|weekends?|after hours|off[- ]hours|out of hours|outside (?:of )?(?:business|working|office|work) hours)`;
/**
 * Scheduling machines off: "turning off dev environments at night", "shut down staging at weekends", "stop
 * non-prod VMs outside business hours", "schedule our dev instances", "only run dev during working hours".
 */
export const SCHEDULE_WORDS = new RegExp(
  String.raw`\b(?:turn(?:s|ing|ed)?|shut(?:s|ting)?|switch(?:es|ing|ed)?|power(?:s|ing|ed)?|spin(?:s|ning)?|scal(?:e|es|ing))\b[^.?!]*\b(?:off|down)\b[^.?!]*\b${OFF_TIMES}` +
    String.raw`|\b(?:stop(?:s|ped|ping)?|paus(?:e|es|ed|ing)|sleep(?:s|ing)?)\b[^.?!]*\b${OFF_TIMES}` +
    String.raw`|\b(?:schedul(?:e|es|ed|ing))\b[^.?!]*\b(?:instances?|vms?|machines?|servers?|dev|staging|test|qa|non-?prod(?:uction)?|databases?|environments?)\b` +
    String.raw`|\bonly\s+run(?:ning)?\b[^.?!]*\b(?:during|in)\s+(?:business|working|office|work) hours\b|\boff[- ]hours\s+(?:shutdowns?|scheduling|savings?)\b`,
  "i",
);
/** What a scheduling question stops: nights, weekends, or both (working hours only). */
export function offTimesAsked(text: string): { nights: boolean; weekends: boolean } {
  const nights = /\b(?:at night|nights?|overnight|nightly|evenings?|after hours)\b/i.test(text);
  const weekends = /\bweekends?\b/i.test(text);
  const workingHoursOnly = /\b(?:off[- ]hours|out of hours|outside (?:of )?(?:business|working|office|work) hours|(?:during|in) (?:business|working|office|work) hours)\b/i.test(text);
  return workingHoursOnly || (!nights && !weekends) ? { nights: true, weekends: true } : { nights, weekends };
}

/** A commitment's term named: "a 3-year savings plan", "1 or 3 year RIs", "reservations for three years". */
export const COMMITMENT_TERM = new RegExp(String.raw`\b${TERM}\b[^.?!]*\b${COMMITMENT_NOUN}\b|\b${COMMITMENT_NOUN}\b[^.?!]*\b(?:for|of|on|over|with|at)\s+(?:a\s+|the\s+)?${TERM}\b`);

const ONE_YEAR = /\b(?:1|one)[- ]?(?:years?|yrs?)\b|\b(?:1|one)[- ]?(?:or|and|vs\.?|versus)[- ]?(?:3|three)[- ]?(?:years?|yrs?)\b/;
const THREE_YEARS = /\b(?:3|three)[- ]?(?:years?|yrs?)\b/;
/** A 3-year commitment named ("what would a 3-year savings plan save?"): more than the open (1-year) recommendations say. */
export const namesThreeYearTerm = (lower: string) => COMMITMENT_TERM.test(lower) && THREE_YEARS.test(lower);

/** The commitment terms a question names, in the order named. */
function extractCommitmentTerms(lower: string): QueryDimensions["commitmentTerms"] {
  if (!COMMITMENT_TERM.test(lower)) return [];
  const named = [
    { term: "1y" as const, at: lower.search(ONE_YEAR) },
    { term: "3y" as const, at: lower.search(THREE_YEARS) },
  ];
  return named.filter((t) => t.at >= 0).sort((a, b) => a.at - b.at).map((t) => t.term);
}

/** "Fixed vs variable costs": a split by pricing category (committed against on-demand and spot). */
export const FIXED_VARIABLE = /\bfixed\b[^.?!]*\bvariable\b|\bvariable\b[^.?!]*\bfixed\b|\b(?:fixed|variable) (?:costs?|spend(?:ing)?)\b/i;

const GROUP_BY: Array<[RegExp, GroupBy]> = [
  [PRICING_SPLIT, { dimension: "PricingCategory" }],
  // "Fixed vs variable costs": committed capacity against on-demand and spot usage.
  [FIXED_VARIABLE, { dimension: "PricingCategory" }],
  // "Show untagged resources": the resources themselves.
  [/\b(?:untagged|unowned|unlabell?ed)\s+(?:resources?|instances?|vms?|buckets?|volumes?)\b/, { dimension: "ResourceId" }],
  // "How is our spend split across clouds?", "spread between teams"
  ...GROUP_NOUNS.map(([noun, groupBy]): [RegExp, GroupBy] => [
    new RegExp(`\\b(?:split|spread|divided|distributed|broken down)\\s+(?:up\\s+)?(?:across|between|among|by|over)\\s+(?:the\\s+|our\\s+|all\\s+|different\\s+)?(?:${noun})\\b`),
    groupBy,
  ]),
  // "The split of our spend across environments", "how is the bill distributed among teams".
  ...GROUP_NOUNS.map(([noun, groupBy]): [RegExp, GroupBy] => [
    new RegExp(`\\b(?:split|spread|breakdown|distribution|distributed|allocation|allocated|mix)\\b[^.?!]*?\\b(?:across|between|among|amongst)\\s+(?:the\\s+|our\\s+|all\\s+|different\\s+)?(?:${noun})\\b`),
    groupBy,
  ]),
  ...GROUP_NOUNS.map(([noun, groupBy]): [RegExp, GroupBy] => [new RegExp(`\\bhow many\\s+(?:different\\s+)?(?:aws\\s+|azure\\s+|gcp\\s+)?(?:${noun})\\b`), groupBy]),
  // "How many RDS instances", "how many S3 buckets": one word (a service) before the resources counted.
  [/\bhow many\s+(?:aws\s+|azure\s+|gcp\s+)?[a-z0-9][\w-]*\s+(?:resources|instances|buckets|volumes|disks|clusters|vms|machines|databases)\b/, { dimension: "ResourceId" }],
  ...GROUP_NOUNS.map(([noun, groupBy]): [RegExp, GroupBy] => [new RegExp(`\\b(?:by|per|each|every)\\s+(?:${noun})\\b`), groupBy]),
  [/\b(?:by|per)\s+(?:tag|label)\s+([a-z][\w-]*)\b/, { dimension: "Tag" }],
  [/\b(?:by|per)\s+(?:the\s+)?([a-z][\w-]*)\s+(?:tag|label)\b/, { dimension: "Tag" }],
  // "Any resources without an owner tag?", "instances missing the team label" (after "by service": "spend by service
  // for resources without tags" is by service).
  [/\b(?:resources?|instances?|vms?|buckets?|volumes?)\s+(?:that\s+)?(?:without|with no|missing|lack(?:s|ing)?|have no|has no)\s+(?:an?\s+|any\s+|the\s+)?(?:[\w-]+\s+)?(?:tags?|labels?)\b/, { dimension: "ResourceId" }],
  ...GROUP_NOUNS.map(([noun, groupBy]): [RegExp, GroupBy] => [
    // "Which dev resources…": an environment's may stand between.
    new RegExp(`\\b${RANKING}\\s+(?:\\d+\\s+)?(?:(?:most|least)\\s+expensive\\s+|costliest\\s+|biggest\\s+|largest\\s+)?(?:${ENVIRONMENT_WORD}\\s+)?(?:aws\\s+|azure\\s+|gcp\\s+)?(?:${noun})\\b`),
    groupBy,
  ]),
  // "Rank our teams by spend", "sort the accounts by cost", "list all our services".
  ...GROUP_NOUNS.map(([noun, groupBy]): [RegExp, GroupBy] => [
    new RegExp(`\\b(?:rank|sort|order|list|show(?:\\s+me)?)\\s+(?:all\\s+)?(?:of\\s+)?(?:our\\s+|the\\s+)?(?:aws\\s+|azure\\s+|gcp\\s+)?(?:${noun})\\b`),
    groupBy,
  ]),
];

/** "How many resources do we have in each account?", "number of services per provider": what is counted, per what. */
function extractCountPer(lower: string): { of: GroupBy; per: GroupBy; bound?: { min: number; max?: number } } | undefined {
  const bounded = extractCountBound(lower);
  if (bounded) return bounded;
  const m = /\b(?:how many|number of|count of)\s+(?:different\s+)?([a-z][\w-]*(?:\s+[a-z][\w-]*)?)\b.*?\b(?:in|per|for|by|across)\s+(?:each|every|the|our)?\s*([a-z][\w-]*(?:\s+[a-z][\w-]*)?)/.exec(lower);
  if (!m) return undefined;
  const of = groupingNamed(m[1]!);
  const per = groupingNamed(m[2]!);
  // Only columns are counted ("how many teams per account" would count tag values: not asked for here).
  return of && per && of.dimension !== "Tag" && !sameGrouping(of, per) ? { of, per } : undefined;
}

/** How many people ask for, as words: "one", "a single", "more than one", "several"… */
const COUNT_WORDS: Array<[RegExp, { min: number; max?: number }]> = [
  [/^(?:more than one|multiple|several|many|two or more|2 or more|at least (?:two|2)|over one|different)$/, { min: 2 }],
  [/^(?:only one|just one|exactly one|one|a single|single|1|only 1|one single)$/, { min: 1, max: 1 }],
];
/**
 * "Which services are only used in one region?", "accounts running in more than one region": the values (services)
 * that have that many of another (regions).
 */
const COUNT_BOUND =
  /\b([a-z][\w-]*(?:\s+[a-z][\w-]*)?)\s+(?:(?:are|is|were|was|that|which|do|does|did|we|have|has|had|only|just|still|been|used|use|uses|using|run|runs|running|deployed|live|exist|present|spread|spending|costing|with cost)\s+)*?(?:in|across|on|over|into|uses?|using|spans?|spanning)\s+(more than one|multiple|several|many|two or more|2 or more|at least (?:two|2)|(?:only |just |exactly )?(?:one|1)|(?:only |just )?a single|single)\s+(?:different\s+)?([a-z][\w-]*(?:\s+[a-z][\w-]*)?)/;

function extractCountBound(lower: string): { of: GroupBy; per: GroupBy; bound: { min: number; max?: number } } | undefined {
  const m = COUNT_BOUND.exec(lower);
  if (!m) return undefined;
  const phrase = m[1]!;
  // "Which of our services…": the noun is the phrase's last word.
  const per = groupingNamed(phrase) ?? groupingNamed(phrase.split(/\s+/).at(-1)!);
  const of = groupingNamed(m[3]!);
  const bound = COUNT_WORDS.find(([words]) => words.test(m[2]!))?.[1];
  return of && per && bound && of.dimension !== "Tag" && !sameGrouping(of, per) ? { of, per, bound } : undefined;
}

/** The grouping a phrase names ("region", "service category", "owner tag"), or undefined. */
export function groupingNamed(phrase: string): GroupBy | undefined {
  const tag = /^([a-z][\w-]*)\s+(?:tag|label)\b/.exec(phrase);
  if (tag) return { dimension: "Tag", tagKey: tag[1]! };
  return GROUP_NOUNS.find(([noun]) => new RegExp(`^(?:${noun})\\b`).test(phrase))?.[1];
}

// "by team and region", "per account, then by service": two groupings, in the order written.
const TWO_GROUPINGS = /\b(?:by|per)\s+(?:the\s+)?([a-z][\w-]*(?:\s+[a-z][\w-]*)?)\s*(?:,|\band\b|\bthen\b|&|\/)\s*(?:then\s+)?(?:by\s+|per\s+)?(?:the\s+)?([a-z][\w-]*(?:\s+[a-z][\w-]*)?)/;

// "Per environment for each team", "by service within every account": the grouping after "each" is the rows.
const FOR_EACH = /\b(?:by|per)\s+(?:the\s+)?([a-z][\w-]*(?:\s+[a-z][\w-]*)?)\s+(?:for|of|in|within|across|inside)\s+(?:each|every)\s+([a-z][\w-]*(?:\s+[a-z][\w-]*)?)/;
// "What does each team spend per environment?": the same, "each" first.
const EACH_PER = /\b(?:each|every)\s+([a-z][\w-]*(?:\s+[a-z][\w-]*)?)\b[^.?!]*?\b(?:by|per)\s+(?:the\s+)?([a-z][\w-]*(?:\s+[a-z][\w-]*)?)/;

/** "The most expensive service in each region": each region's largest services (the rows are the grouping after "each"). */
export const TOP_IN_EACH =
  /\b(?:most expensive|costliest|priciest|biggest|largest|top|main)\s+([a-z][\w-]*(?:\s+[a-z][\w-]*)?)\s+(?:in|for|of|within|per|by)\s+(?:each|every)\s+([a-z][\w-]*(?:\s+[a-z][\w-]*)?)/;

/** Two different groupings named together, the first one the rows. */
export function extractGroupings(lower: string): [GroupBy, GroupBy] | undefined {
  const m = TWO_GROUPINGS.exec(lower) ?? swapped(FOR_EACH.exec(lower)) ?? EACH_PER.exec(lower) ?? swapped(TOP_IN_EACH.exec(lower));
  if (!m) return undefined;
  const first = groupingNamed(m[1]!) ?? groupingNamed(m[1]!.split(/\s+/)[0]!);
  const second = groupingNamed(m[2]!) ?? groupingNamed(m[2]!.split(/\s+/)[0]!);
  if (!first || !second || sameGrouping(first, second)) return undefined;
  return [first, second];
}

/** A match with its two groupings the other way round. */
const swapped = (m: RegExpExecArray | null) => (m ? Object.assign([m[0], m[2]!, m[1]!], { index: m.index }) : null);

export const sameGrouping = (a: GroupBy, b: GroupBy) => a.dimension === b.dimension && a.tagKey === b.tagKey;

function extractGroupBy(lower: string): GroupBy | undefined {
  for (const [pattern, groupBy] of GROUP_BY) {
    const m = lower.match(pattern);
    if (m) return groupBy.dimension === "Tag" && !groupBy.tagKey ? { dimension: "Tag", tagKey: m[1] } : groupBy;
  }
  return undefined;
}

const METRIC_WORDS: Array<[Metric, RegExp]> = [
  ["EffectiveCost", /\b(?:amorti[sz]ed|effective)\b/],
  ["BilledCost", /\bbilled\b|\binvoiced?\b/],
  ["ListCost", /\blist (?:cost|price)s?\b|\bon-?demand equivalent\b/],
  ["ContractedCost", /\bcontracted\b/],
];

function extractMetric(lower: string): QueryDimensions["metric"] {
  return METRIC_WORDS.find(([, pattern]) => pattern.test(lower))?.[0];
}

/**
 * "What we actually paid" set against another metric is the effective (amortized) cost: what the usage cost after every
 * discount, the figure the FinOps Foundation's effective savings rate compares with list.
 */
const PAID_WORDS = /\bwhat (?:we|you|i) (?:actually |really )?(?:paid|pay|spent|spend)\b|\bactual(?:ly)? (?:paid|cost|spend)\b/;

/** "amortized vs billed", "billed and effective cost": the metrics set side by side, in the order named. */
function extractMetrics(lower: string): Metric[] {
  if (!/\b(?:vs\.?|versus|and|compared (?:to|with)|against|or)\b/.test(lower)) return [];
  const named = METRIC_WORDS.map(([metric, pattern]) => ({ metric, at: lower.search(pattern) })).filter((m) => m.at >= 0);
  const paid = lower.search(PAID_WORDS);
  if (paid >= 0 && !named.some((m) => m.metric === "EffectiveCost")) named.push({ metric: "EffectiveCost", at: paid });
  return named.length >= 2 ? named.sort((a, b) => a.at - b.at).map((m) => m.metric) : [];
}

/** Units of the business, not of the bill ("per customer"): unit economics that need a count the cost data does not have. */
export const BUSINESS_UNIT = /\bper\s+(?:active\s+|paying\s+)?(customer|user|order|transaction|tenant|seat|sale|subscriber|request served|visit|session|employee|engineer|developer|device|shipment|booking)s?\b/i;

const UNIT_COST =
  /\bunit (?:cost|price|rate|economics)s?\b|\b(?:cost|price|pay|paying|spend)\s+(?:per|a|an|for each|for one)\s+(?:gb|gib|tb|gigabyte|terabyte|hour|hr|vcpu|request|invocation|api call|million requests|1m requests|query|token|million tokens|1k tokens|unit)s?\b|\bper[- ](?:gb|gib|tb|gigabyte|vcpu|request|invocation|api call|token)\b/;

const SHARE = new RegExp(
  [
    /\b(?:what|which|how much of)\b.*\b(?:percent(?:age)?|share|proportion|fraction|portion|%)\b/.source,
    /\b(?:percent(?:age)?|share|proportion|fraction|portion)\s+of\s+(?:our|the|total|all)\b/.source,
    // "How much did tax add to our bill?", "how much of our bill is support?": a part of the whole bill.
    /\badd(?:s|ed|ing)?\s+to\s+(?:our|the|my)\s+(?:total\s+|monthly\s+|cloud\s+)?(?:bill|invoice|spend|costs?)\b/.source,
    /\bhow much of\s+(?:our|the|my)\s+(?:total\s+|monthly\s+|cloud\s+)?(?:bill|invoice|spend|spending|costs?)\b/.source,
  ].join("|"),
);
/**
 * "How much of our Bedrock spend is in staging?": a part of a named whole (how much of it is on demand or spot is the
 * pricing split instead).
 */
const SHARE_OF_NAMED = /\bhow much of\s+(?:our|the|my)\s+(?:[\w.-]+\s+){1,3}(?:bill|spend|spending|costs?)\s+(?:is|was|goes|went|comes|came)\b/;
/** The whole a share is of: "share of AWS spend", "how much of our Bedrock spend". */
const SHARE_WHOLE = /\b(?:share|percent(?:age)?|proportion|fraction|portion|how much)\s+of\s+(.+?)\s+(?:spend|spending|costs?|bill)\b/;

/** The kinds of value the whole of a share names ("share of AWS spend": providers), none when it is all costs. */
function extractShareOf(lower: string, referenceDate: Date | string): QueryDimensions["shareOf"] {
  const match = SHARE_WHOLE.exec(lower);
  const named = match?.[1]!.replace(/^(?:(?:our|the|my|total|all|monthly|cloud)\s+)+/, "").trim();
  if (!named) return [];
  const whole = extractDimensionsIn(named, referenceDate);
  const kinds: QueryDimensions["shareOf"] = [];
  // A service names its provider too ("Bedrock" is AWS): the services are the whole.
  if (whole.services.length) kinds.push("services");
  else if (whole.providers.length) kinds.push("providers");
  if (whole.serviceCategories.length) kinds.push("serviceCategories");
  if (whole.accounts.length) kinds.push("accounts");
  if (whole.regions.length) kinds.push("regions");
  if (whole.tags.some((t) => t.values.length)) kinds.push("tags");
  return kinds;
}

/**
 * Savings already made (negotiated and commitment discounts, the effective savings rate), not savings still to be had:
 * "what's our effective savings rate?", "how much did our reservations save?".
 */
const REALISED_SAVINGS =
  /\b(?:effective savings rate|esr|saved|(?:did|do|are|have)\s+(?:we|(?:our\s+)?(?:commitments?|discounts?|reservations?|reserved instances?|ris?|savings plans?|cuds?))\s+sav(?:e|ed|ing)|reali[sz]ed|achieved)\b/;

/** The rest of the bill set against what is named: "prod vs non-prod", "prod and everything else". */
const VERSUS_REST = /\bnon[- ]?prod(?:uction)?\b|\b(?:everything|anything) else\b|\ball (?:the )?other (?:accounts|spend|costs?)\b/;

/** "How much are we spending per hour?", "hourly burn": the run rate, an hour at a time (not a price per usage-hour). */
export const HOURLY_RATE = /\b(?:spending|burning|burn)\s+(?:per|an|a|each)\s+hour\b|\bhourly\s+(?:spend|spending|burn(?:\s+rate)?|run[- ]?rate)\b/i;
/** Spend a week at the current pace: "what do we spend a week on EC2?", "the average weekly cost". */
export const WEEKLY_RATE = /\b(?:per week|a week|each week|weekly average|average weekly|(?:average|avg) (?:per|a) week)\b/i;
const RATE = new RegExp(`${/\b(?:per day|a day|daily (?:average|rate|burn)|average daily|(?:average|avg) (?:per|a) day|run[- ]?rate|burn rate)\b/.source}|${HOURLY_RATE.source}|${WEEKLY_RATE.source}`);

const PEAK =
  /\b(?:which|what)\s+(day|date|week|month)s?\b.*\b(?:highest|most|biggest|largest|peak|max(?:imum)?|costliest)\b|\b(?:most expensive|highest|biggest|peak|costliest|priciest)\s+(?:spend(?:ing)?\s+|cost\s+)?(day|week|month)s?\b|\bpeak\s+(?:daily|weekly|monthly)\s+(?:spend|cost)|\b(?:most|highest|largest|biggest)\b[^.?!]*\b(?:spent|spend|paid|billed)\s+in\s+(?:a|one|any|a single)\s+(day|week|month)\b|\b(?:highest|largest|biggest|record|most expensive)\s+(daily|weekly|monthly)\s+(?:bill|spend|cost|invoice|total)|\b(?:cheapest|lowest|least expensive|lowest[- ]cost)\s+(?:spend(?:ing)?\s+|cost\s+)?(day|week|month)s?\b|\b(?:which|what)\s+(day|week|month)s?\b.*\b(?:lowest|cheapest|least)\b/;
// Weekends in general ("at weekends"), or set against weekdays; not one weekend ("over the weekend", "last weekend").
/** "Spend by day of week", "which day of the week costs the most?". */
export const DAY_OF_WEEK = /\bdays? of (?:the )?week\b|\b(?:by|per|each) weekday\b/i;
/** A day of the week named as a recurring day ("higher on Mondays", "every Friday"): its average against the others. */
export const NAMED_WEEKDAY = /\b(?:on\s+(monday|tuesday|wednesday|thursday|friday|saturday|sunday)s|(?:every|each)\s+(monday|tuesday|wednesday|thursday|friday|saturday|sunday))\b/i;
/** The efficiency of the spend as a whole: "how efficient is our cloud spend?", "our FinOps KPIs", "a scorecard". */
export const EFFICIENCY_ASKED =
  /\bhow (?:cost[- ])?efficient\b|\bhow well[- ]optimi[sz]ed\b|\b(?:cloud|cost|spend|spending|finops) efficiency\b|\bfinops (?:kpis?|metrics|scorecard|health)\b|\b(?:efficiency|finops|cloud cost|cost) scorecard\b|\bkpis\b/i;

const WEEKENDS = new RegExp(
  `${/\b(?:on|at|over|during)\s+weekends\b|\bweekends?\b[^.?!]*\bweekdays?\b|\bweekdays?\b[^.?!]*\bweekends?\b|\bweek(?:end|day)\s+(?:spend|spending|costs?|bill)\b/.source}|${DAY_OF_WEEK.source}|${NAMED_WEEKDAY.source}|${TWO_WEEKDAYS.source}`,
);
const MONTHLY_AVERAGE = new RegExp(
  [
    /\b(?:average|avg|mean)\s+(?:monthly|per month|a month)\b|\bmonthly\s+(?:average|avg|mean)\b/.source,
    /\b(?:average|avg|mean)\s+(?:spend|cost|bill)\s+(?:per|a|each)\s+month\b/.source,
    // "How much do we spend on databases per month?", "what does Azure cost a month?": an amount a month is asked.
    /\b(?:how much|what)\b.*\b(?:cost|costs|costing|spend|spending|pay|paying)\b.*\b(?:per|a|each)\s+month\b/.source,
  ].join("|"),
);

/** No period (the last half year is used), or one longer than about a month and a half. */
function spansMonths(range: { start: string; end: string } | undefined): boolean {
  return !range || Date.parse(range.end) - Date.parse(range.start) > MONTHS_OF_TREND_DAYS * 86_400_000;
}

/** Smallest first; not "at least", "least effort" (quick wins) or "least used" (rightsizing). */
const SMALLEST_FIRST =
  /\b(?:least[- ]expensive|cheapest|lowest[- ](?:cost(?:ing)?|spend(?:ing)?)|smallest|bottom\s+\d+)\b|(?<!\bat )\bleast\b(?![- ](?:expensive|effort|used|utili[sz]ed|busy|active))/;

/** Shared or unowned cost, split across owners: both the pool and a verb of splitting must be named. */
const SHARED_POOL = /\b(?:shared|unallocated|untagged|unowned|common|overhead)\b/;
const SPLIT_VERB = /\b(?:split\w*|spread\w*|distribut\w*|redistribut\w*|apportion\w*|divid\w*)\b/;
const EVEN_SPLIT = /\b(?:evenly|equally|in equal (?:parts|shares)|equal(?:ly)? (?:parts|shares|split))\b/;
const NAMED_SHARED = /\b(?:treat(?:ing)?|count(?:ing)?)\s+(?:the\s+)?([a-z0-9][\w-]*)\s+(?:(?:team|tag|costs?|spend)\s+)?as\s+(?:a\s+)?shared\b/g;

/** All the data: "the highest spending day ever", "of all time", "on record". */
const ALL_TIME = /\b(?:ever|of all time|all[- ]time|on record|since (?:we|the) (?:started|beginning))\b/;

/** Shared cost asked about, not split: "our shared costs", "how much of our spend is shared?". */
/** Shared cost set against what owners hold alone: "the split between shared and dedicated resources" (a split shown, not made). */
const SHARED_VS_OWNED = /\bshared\s+(?:and|vs\.?|versus|or)\s+(?:dedicated|owned|direct)\b|\b(?:dedicated|owned|direct)\s+(?:and|vs\.?|versus|or)\s+shared\b/;
const SHARED_COST = new RegExp(`${/\bshared\s+(?:cloud\s+)?(?:costs?|spend(?:ing)?)\b|\b(?:is|are|was|were)\s+shared\b/.source}|${SHARED_VS_OWNED.source}`);

/**
 * Charging each owner what it costs: "the chargeback report", "what does each team owe?", "bill each team". The
 * whole bill is charged, so what nobody owns is split across the owners too.
 */
export const CHARGEBACK = /\bcharge[- ]?backs?\b|\bcharg(?:e|ing) (?:back|each|every|the) (?:teams?|departments?|owners?)\b|\b(?:teams?|departments?|business units?|cost cent(?:er|re)s?|owners?|projects?)\b[^?.]*\bowes?\b|\b(?:invoice|bill)\s+(?:each|every|our|the)\s+(?:teams?|departments?|business units?)\b/;

/** "Split it evenly instead", "spread that proportionally": a follow-up changing how the last showback split. */
const RESPLIT = /\b(?:it|that|this|them|those)\b[^.?!]*\b(?:evenly|equally|proportional(?:ly)?|pro[- ]rata)\b/;

function extractSharedSplit(lower: string): QueryDimensions["sharedSplit"] {
  // A chargeback, a shared pool named with a verb of splitting, or a follow-up re-splitting the last showback.
  const split = CHARGEBACK.test(lower) || (SPLIT_VERB.test(lower) && (SHARED_POOL.test(lower) || RESPLIT.test(lower)));
  if (!split || SHARED_VS_OWNED.test(lower)) return undefined;
  return EVEN_SPLIT.test(lower) ? "even" : "proportional";
}

/** Asks for the most saved per hour of work: "the highest ROI", "the best bang for the buck", "savings per hour of effort". */
export const RETURN_ASKED =
  /\b(?:roi|return on (?:investment|effort|time)|(?:best|highest|greatest|biggest) (?:return|payoff|pay-off|value)|bang for (?:the|our|your) buck|savings? per hour|per hour of (?:work|effort)|most (?:efficient|worth(?:while)?))\b/i;
/** Savings that take little work: FinOps calls them quick wins or low-hanging fruit. */
export const QUICK_WINS = /\b(?:quick|easy|fast|simple)[- ]wins?\b|\blow[- ]hanging\b|\b(?:low|little|minimal|least)[- ]effort\b|\beasiest\s+(?:savings?|wins?|fix(?:es)?|ways?)\b/;

function extractPeak(lower: string): QueryDimensions["peak"] {
  const m = lower.match(PEAK);
  if (!m) return undefined;
  const word = m.slice(1).find(Boolean) ?? (/\bpeak\s+(daily|weekly|monthly)/.exec(lower)?.[1] ?? "day");
  return word.startsWith("week") ? "week" : word.startsWith("month") ? "month" : "day";
}

const DIRECTION =
  /\bover time\b|\b(?:our|the|its|their|monthly)\s+(?:(?!highest|lowest|fastest|slowest|biggest|largest|top)[a-z0-9-]+\s+){0,2}growth rates?\b|\bhow fast\b[^.?!]*\b(?:growing|grow|rising|rise|increasing)\b|\b(?:going|gone|trending|heading|moving)\s+(?:up|down)\b|\btrend(?:ing)?\s+(?:up|down|upwards|downwards)\b|\b(?:is|are)\b.*\b(?:increasing|decreasing|growing|rising|falling|shrinking|improving|worsening|getting (?:better|worse))\b/;

/**
 * "The cost trend for S3 over the last 6 months", "how has EC2 spend trended": which way spend is going, over months.
 * Over a month or less ("spend trend for October") the days are the answer, not a direction.
 */
const TREND = /\btrend(?:s|ed|ing)?\b/;
/** A change through a span ("over the year", "during the last 6 months"), not against another period. */
const CHANGED_THROUGH = /\b(?:over|during|throughout|across)\s+(?:the\s+(?:course\s+of\s+)?)?(?:the\s+|this\s+|past\s+|last\s+)?(?:year|quarter|\d+\s+months|(?:past|last)\s+\w+\s+months)\b/;
const MONTHS_OF_TREND_DAYS = 45;

function extractGranularity(lower: string): QueryDimensions["granularity"] {
  // "each of the last 3 months", "for every week of Q3": one row per unit.
  const each = (unit: string) => `each ${unit}|every ${unit}|(?:each|every one) of the (?:last |past |previous |first )?(?:\\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve) ${unit}s`;
  if (new RegExp(`\\b(daily|per day|by day|day by day|${each("day")})\\b`).test(lower)) return "daily";
  if (new RegExp(`\\b(weekly|per week|by week|${each("week")})\\b`).test(lower)) return "weekly";
  if (new RegExp(`\\b(monthly|per month|by month|month by month|${each("month")})\\b`).test(lower)) return "monthly";
  return undefined;
}

/** The resources a text names, in order, and the text with them blanked out (their words name nothing else). */
/**
 * Azure resource groups named: "resource group web-prod" (or "resource groups a and b"), and names in the "rg-" form
 * Microsoft's naming convention gives them (https://learn.microsoft.com/azure/cloud-adoption-framework/ready/azure-best-practices/resource-abbreviations).
 * They are taken out of the text, so "rg-checkout-prod" is not also the prod accounts.
 */
function extractResourceGroups(lower: string): { resourceGroups: string[]; rest: string } {
  const resourceGroups: string[] = [];
  // A name, not a word of the question: it has a hyphen, underscore, dot or digit ("web-prod", "rg_data", "app1").
  const name = String.raw`[a-z0-9]*[-_.\d][\w.()-]*[\w)]`;
  const rest = lower
    .replace(new RegExp(String.raw`\bresource[- ]?groups?\s+(?:called\s+|named\s+)?(${name}(?:\s*(?:,|and|or)\s*${name})*)`, "g"), (all, names: string) => {
      const listed = names.split(/\s*(?:,|\band\b|\bor\b)\s*/).filter((n) => n && !/^(?:in|for|on|by|last|this|the|and|or)$/.test(n));
      resourceGroups.push(...listed);
      return " ";
    })
    .replace(/\brg-[a-z0-9][\w.()-]*[\w)]/g, (token) => {
      resourceGroups.push(token);
      return " ";
    });
  return { resourceGroups: unique(resourceGroups), rest };
}

function extractResources(lower: string): { resources: string[]; rest: string } {
  const resources: string[] = [];
  const rest = replaceResources(lower, (token) => {
    resources.push(token.replace(/[.)\]]+$/, ""));
    return " ";
  });
  return { resources: unique(resources), rest };
}

/**
 * "Excluding credits", "except EC2 and S3", "other than prod", "not counting tax": the words that leave out what follows
 * them, up to the end of the clause (punctuation, or a word that starts another part of the question). "Before" only
 * leaves out charges ("spend before tax"); "without" leaves out only what names a value ("without tags" is no value).
 */
const EXCLUSION =
  /\b(excluding|exclude|excludes|except(?: for)?|other than|not counting|not including|apart from|aside from|besides|leaving out|without|before)\s+(?:the\s+|our\s+|any\s+)?(.+?)(?=\s*[,.;:?!]|\s+(?:by|per|in|for|over|during|this|last|since|from|to|on|across|compared|vs\.?|versus|broken|split|grouped|between|and (?:what|how|which|show|give|break))\b|$)/;

/** Asks about resizing: "rightsize", "downsize", "over-provisioned". */
export const RIGHTSIZING_WORDS = /\b(?:right[- ]?siz\w*|downsiz\w*|resiz\w*|over-?provisioned)\b/i;

/**
 * Kinds of recommendation by the words people use for them, as the categories the recommendations generator writes
 * (server/finops/recommendations/generate.ts), in the order a question is checked against them.
 */
export const RECOMMENDATION_KIND_WORDS: ReadonlyArray<{ categories: string[]; words: RegExp; label?: string }> = [
  { categories: ["commitment"], words: COMMITMENT_WORDS },
  { categories: ["spot"], words: /\bspot\b/i },
  // "Delete unattached volumes": what is attached to nothing (orphaned), not the idle machines.
  { categories: ["orphaned"], words: /\b(?:unattached|detached|dangling)\b/i },
  { categories: ["idle", "orphaned"], words: IDLE_WORDS },
  // As in AWS Cost Explorer's rightsizing recommendations: downsize the over-provisioned, stop the idle.
  { categories: ["rightsizing", "idle"], words: RIGHTSIZING_WORDS },
  // "How much are we wasting?": what is paid for and not needed (idle, orphaned, oversized), not commitments to buy.
  { categories: ["idle", "orphaned", "rightsizing"], words: /\bwast(?:e|es|ed|ing|eful)\b/i, label: "waste (idle, orphaned and oversized resource)" },
  { categories: ["tagging"], words: /\btag(?:s|ging)?\b/i },
];
/** Asks about recommendations or what could be saved: where an excluded kind of recommendation means something. */
const RECOMMENDATIONS_ASKED = /\b(?:recommendations?|suggestions?|savings?|save|opportunit(?:y|ies)|quick wins?|wastes?|optimi[sz]\w*)\b/;

/** What the question leaves out, and the question without those words; null when it leaves nothing out. */
function exclusionOf(text: string, referenceDate: Date | string): { excluded: ExcludedDimensions; rest: string } | null {
  const match = EXCLUSION.exec(text.toLowerCase().replace(/[’']/g, "'"));
  if (!match) return null;
  const rest = `${text.slice(0, match.index)} ${text.slice(match.index + match[0].length)}`;
  const left = extractDimensionsIn(match[2]!, referenceDate);
  // "Excluding dev", "other than prod and staging": account names on their own are accounts.
  const names = match[2]!.split(/\s*(?:,|\band\b|\bor\b|&)\s*/).map((w) => w.replace(/^(?:the|our)\s+/, "").trim()).filter(Boolean);
  const bareAccounts = names.length && names.every((n) => ACCOUNT_NAMES[n] !== undefined) ? names.map((n) => ACCOUNT_NAMES[n]!) : [];
  // "Savings opportunities other than commitments": the kinds of recommendation left out.
  const kinds = RECOMMENDATIONS_ASKED.test(rest.toLowerCase()) ? RECOMMENDATION_KIND_WORDS.filter((k) => k.words.test(match[2]!)) : [];
  const excluded: ExcludedDimensions = {
    providers: left.services.length ? [] : left.providers,
    services: left.services,
    // "Excluding networking", "but not NAT gateways" (networking services): the Networking category.
    serviceCategories: unique([...left.serviceCategories, ...(left.networking && !left.services.length ? ["Networking"] : [])]),
    chargeCategories: left.chargeCategories,
    regions: left.regions,
    accounts: unique([...bareAccounts, ...left.accounts]),
    // "Excluding spot", "not counting reserved": pricing categories, named with no share asked.
    pricingCategories: PRICING_KIND_WORDS.filter(([, pattern]) => pattern.test(match[2]!)).map(([kind]) => kind),
    tags: left.tags.filter((t) => t.values.length > 0),
    geographies: left.geographies,
    resources: left.resources,
    resourceGroups: left.resourceGroups,
    gpu: left.gpu,
    dataTransfer: left.dataTransfer,
    marketplace: left.marketplace,
    recommendationCategories: unique(kinds.flatMap((k) => k.categories)),
  };
  const values = excludedWords(excluded).length;
  if (values === 0 || (match[1] === "before" && values !== excluded.chargeCategories.length)) return null;
  return { excluded, rest };
}

/** What an exclusion leaves out, in words ("Credit", "team=data", "GPU usage"). */
export function excludedWords(x: ExcludedDimensions): string[] {
  return [
    ...x.providers, ...x.services, ...x.serviceCategories, ...x.chargeCategories, ...x.regions, ...x.accounts, ...x.pricingCategories,
    ...x.tags.map((t) => `${t.key}=${t.values.join("|")}`), ...x.geographies, ...x.resources, ...x.resourceGroups,
    ...(x.gpu ? ["GPU usage"] : []), ...(x.dataTransfer ? ["data transfer"] : []), ...(x.marketplace ? ["marketplace purchases"] : []),
    ...x.recommendationCategories.map((c) => `${c} recommendations`),
  ];
}

/**
 * Every dimension the text names. Relative time is resolved against `referenceDate` (never the clock). What the text
 * leaves out ("excluding credits") is `excluded`, read from the words after the exclusion, and the rest from the others.
 */
export function extractDimensions(text: string, referenceDate: Date | string): QueryDimensions {
  return readQuestion(text, referenceDate).dimensions;
}

/**
 * extractDimensions, and what the question asks without what it leaves out ("EC2 spend not counting reserved
 * instances" asks "EC2 spend"), for reading its intent.
 */
export function readQuestion(text: string, referenceDate: Date | string): { dimensions: QueryDimensions; asked: string } {
  const exclusion = exclusionOf(text, referenceDate);
  if (!exclusion) return { dimensions: extractDimensionsIn(text, referenceDate), asked: text };
  return { dimensions: { ...extractDimensionsIn(exclusion.rest, referenceDate), excluded: exclusion.excluded }, asked: exclusion.rest };
}

/** "A monthly report", "the weekly summary": a report on the latest such period, not one by that granularity. */
const REPORT_CADENCE = /\b(daily|weekly|monthly|quarterly|annual|yearly)\s+((?:(?:cost|spend|finops|cloud|billing|executive)\s+)?(?:report|summary|review|update))\b/;
const CADENCE_PERIOD: Record<string, string> = {
  daily: "yesterday", weekly: "last week", monthly: "last month", quarterly: "last quarter", annual: "last year", yearly: "last year",
};

function extractDimensionsIn(text: string, referenceDate: Date | string): QueryDimensions {
  const plain = text.toLowerCase().replace(/[’']/g, "'");
  const cadence = REPORT_CADENCE.exec(plain);
  const read = cadence && !extractTimeRange(plain, referenceDate) ? plain.replace(cadence[0], `${cadence[2]} for ${CADENCE_PERIOD[cadence[1]!]}`) : plain;
  const groups = extractResourceGroups(read);
  const found = extractResources(groups.rest);
  const lower = found.rest;
  // "Run everything in us-east-1", "move to Azure": the place moved to is no filter; what moves is everything else.
  const relocation = extractRelocation(lower);
  const turn = extractTurn(lower);
  const movedTo = (p: ProviderName) => relocation?.providers.includes(p) ?? false;
  const named = (Object.keys(PROVIDERS) as ProviderName[]).filter((p) => PROVIDERS[p].test(lower) && !movedTo(p));
  const bySynonym = SERVICES.filter((s) => s.synonyms.test(lower) && (!s.needsProvider || named.includes(s.provider)));
  const bySharedName = SERVICES.filter(
    (s) => !bySynonym.includes(s) && s.sharedName?.test(lower) && (named.includes(s.provider) || bySynonym.some((n) => n.role && n.role === s.role)),
  );
  const namedServices = [...bySynonym, ...bySharedName];
  // "Kubernetes", "VMs": the services doing that job, on the named providers or on every one.
  const roles = SERVICE_ROLE_WORDS.filter(([role, pattern]) => pattern.test(lower) && !namedServices.some((s) => s.role === role));
  const byRole = unique(roles.flatMap(([role]) => SERVICES.filter((s) => doesRole(s, role) && (named.length === 0 || named.includes(s.provider)))));
  const services = [...namedServices, ...byRole.filter((s) => !namedServices.includes(s))];
  // Service names are masked so "compute engine" is not also the Compute category and "azure sql" not Azure alone.
  // So are tag phrases: the "ml team" is a team, not the AI and Machine Learning category.
  const masked = [...namedServices.map((s) => s.synonyms), ...bySharedName.flatMap((s) => (s.sharedName ? [s.sharedName] : [])), ...roles.map(([, pattern]) => pattern), ...TAG_PHRASES].reduce(
    (t, pattern) => t.replace(new RegExp(pattern, "g"), " "),
    lower,
  );
  const providers = (Object.keys(PROVIDERS) as ProviderName[]).filter((p) => PROVIDERS[p].test(masked) && !movedTo(p));
  const groupings = extractGroupings(lower);
  const perGroup = extractCountPer(lower);
  const pricingKinds = extractPricingKinds(lower);
  const groupBy =
    perGroup?.per ?? groupings?.[0] ?? extractGroupBy(lower) ?? (pricingKinds.length ? { dimension: "PricingCategory" as const } : undefined) ??
    // "What did we pay for Bedrock tokens?": tokens are billed per model and direction, each a SKU.
    (TOKENS.test(lower) ? { dimension: "SkuId" as const } : undefined);
  const sharedSplit = extractSharedSplit(lower);
  // "Compare September and October": the later month, against the earlier one.
  const pair = extractPeriodPair(lower, referenceDate);
  const dataTransfer = extractDataTransfer(lower);
  const compared = pair ? { mode: "between_periods" as const, resolvedFrom: pair.resolvedFrom, baseline: pair.baseline } : extractComparison(lower);
  // "How much did costs increase compared to last year?": "last year" is what this year is set against, not the period
  // asked about; with no other period named, this year (quarter, month, week) is, over the one before.
  const against = compared?.mode === "previous_period" ? /\b(?:last|previous|prior)\s+(year|quarter|month|week)$/.exec(compared.resolvedFrom) : null;
  const onlyAgainst = against && !extractTimeRange(lower.replace(compared!.resolvedFrom, " "), referenceDate);
  const comparison = onlyAgainst
    ? { mode: `${against[1]}_over_${against[1]}` as "year_over_year" | "quarter_over_quarter" | "month_over_month" | "week_over_week", resolvedFrom: compared!.resolvedFrom }
    : compared;
  // "This month vs the same month last year": the year named is the baseline's, not the period asked about.
  // "Zero spend last month but spend this month": the period after "but" is the one asked about.
  const appeared = NEW_VALUES.test(lower) ? ("new" as const) : GONE_VALUES.test(lower) ? ("gone" as const) : undefined;
  const afterBut = appeared && /\sbut\s/.test(lower) ? lower.slice(lower.lastIndexOf(" but ")) : null;
  const periodText =
    comparison?.mode === "year_over_year"
      ? lower.replace(comparison.resolvedFrom, " ")
      : afterBut && extractTimeRange(afterBut, referenceDate)
        ? afterBut
        : lower;
  const timeRange = pair?.current ?? (onlyAgainst ? extractTimeRange(`this ${against![1]}`, referenceDate) : extractTimeRange(periodText, referenceDate));
  const dims: QueryDimensions = {
    ...emptyDimensions(),
    timeRange,
    comparison,
    // A job named across clouds ("kubernetes") filters by its services, not by every provider. "Which subscriptions
    // cost the most?": subscriptions are Azure's sub-accounts (AWS has accounts, Google Cloud projects).
    providers: unique([
      ...providers,
      ...namedServices.map((s) => s.provider),
      ...(!providers.length && !namedServices.length && groupBy?.dimension === "SubAccountId" && SUBSCRIPTIONS.test(lower) && !MARKETPLACE_WORDS.test(lower) ? (["Microsoft"] as const) : []),
    ]),
    services: services.map((s) => s.name),
    roleServices: byRole.filter((s) => !namedServices.includes(s)).map((s) => s.name),
    // "Which bucket grew the most?": buckets are storage, when no service says whose.
    serviceCategories: unique([
      ...SERVICE_CATEGORY_WORDS.filter(([, p]) => p.test(masked)).map(([c]) => c),
      ...(/\bbuckets?\b/.test(masked) && !services.length ? ["Storage"] : []),
    ]),
    chargeCategories: CHARGE_CATEGORY_WORDS.filter(([, p]) => p.test(lower)).map(([c]) => c),
    networking: (NETWORKING_WORDS.test(lower) && !dataTransfer) || services.some((s) => s.networking),
    gpu: GPU_WORDS.test(lower),
    dataTransfer,
    marketplace: MARKETPLACE_WORDS.test(lower),
    resources: found.resources,
    resourceKinds: extractResourceKinds(lower),
    resourceGroups: groups.resourceGroups,
    // "Shared and dedicated resources" sets shared cost against the rest: "shared" is no account there.
    accounts: extractAccounts(lower).filter((a) => a !== "shared" || !SHARED_VS_OWNED.test(lower)),
    regions: unique(findRegions(lower)).filter((r) => !relocation?.regions.includes(r)),
    geographies: findGeographies(lower),
    tags: extractTags(lower),
    rate: RATE.test(lower),
    direction:
      turn !== undefined ||
      (DIRECTION.test(lower) ||
        ((TREND.test(lower) || CHANGE_SINCE.test(lower)) && spansMonths(timeRange)) ||
        // "How has our AI spend changed over the year?": how it moved through the months named.
        (HOW_CHANGED.test(lower) && CHANGED_THROUGH.test(lower) && spansMonths(timeRange) && !comparison) ||
        // "How much did our AI spend grow this year?": over a named run of months, not against another period.
        (CHANGE_OVER.test(lower) && timeRange !== undefined && spansMonths(timeRange) && !comparison && !WHY_CHANGE.test(lower)) ||
        // "How has our S3 cost per GB changed?": a unit cost's path over the months, not one month's price.
        (UNIT_COST.test(lower) && HOW_CHANGED.test(lower) && timeRange === undefined)) &&
      !GROWTH.test(lower),
    growth: GROWTH.test(lower),
    turn,
    appeared,
    share: SHARE.test(lower) || (SHARE_OF_NAMED.test(lower) && !pricingKinds.length),
    shareOf: SHARE.test(lower) || SHARE_OF_NAMED.test(lower) ? extractShareOf(lower, referenceDate) : [],
    versusRest: VERSUS_REST.test(lower),
    realisedSavings: REALISED_SAVINGS.test(lower),
    pricingKinds,
    commitmentTerms: extractCommitmentTerms(lower),
    peak: extractPeak(lower),
    monthlyAverage: MONTHLY_AVERAGE.test(lower),
    weekends: WEEKENDS.test(lower),
    volatility: extractVolatility(lower),
    reductionPercent: extractReduction(lower),
    relocation,
    explain: WHY_CHANGE.test(lower) || WHAT_HAPPENED.test(lower) || undefined,
    wentOver: (WENT_OVER.test(lower) && !WILL_GO_OVER.test(lower)) || undefined,
    quickWins: QUICK_WINS.test(lower),
    smallestFirst: SMALLEST_FIRST.test(lower),
    sharedSplit,
    sharedValues: unique([...lower.matchAll(NAMED_SHARED)].map((m) => m[1]!)),
    sharedCost: SHARED_COST.test(lower) && !sharedSplit,
    allTime: ALL_TIME.test(lower) && !timeRange,
    unitCost: UNIT_COST.test(lower) || /\b(?:cost|costs|price|spend|pay|paying)\s+per\b/.test(lower) && BUSINESS_UNIT.test(lower),
    count: (/\bhow many\b/.test(lower) && groupBy !== undefined) || perGroup !== undefined,
    countOf: perGroup?.of,
    countBound: perGroup?.bound,
    metric: extractMetric(lower),
    metrics: extractMetrics(lower),
    topN: extractTopN(lower),
    thresholds: extractThresholds(lower),
    granularity: extractGranularity(lower),
    // A Google Cloud project is FOCUS's sub-account; elsewhere "project" is a tag.
    groupBy: groupBy?.tagKey === "project" && providers.length === 1 && providers[0] === "Google Cloud" ? { dimension: "SubAccountId" } : groupBy,
    thenBy: groupings?.[1],
    currency: extractCurrency(lower),
  };
  return queryDimensionsSchema.parse(dims);
}

/** Kinds of resource as people name them; machines unless databases are named ("database servers"). "Instances" are no kind: RDS has them too. */
const RESOURCE_KIND_WORDS: Array<[ResourceKind, RegExp]> = [
  ["disk", /\b(?:disks?|volumes?|ebs)\b/],
  ["ip-address", /\b(?:ip ?(?:v4 )?address(?:es)?|(?:public|elastic|static|external) ips?|eips?|ipv4s?)\b/],
  ["nat-gateway", /\bnat(?:[- ]gateways?)?\b/],
  ["load-balancer", /\b(?:load[- ]?balancers?|[aen]lbs?)\b/],
  ["snapshot", /\bsnapshots?\b/],
  ["database", /\b(?:databases?|dbs?|rds|sql)\b/],
];
const MACHINE_WORDS = /\b(?:vms?|virtual machines?|servers?|machines?)\b/;

function extractResourceKinds(lower: string): ResourceKind[] {
  const kinds = RESOURCE_KIND_WORDS.filter(([, words]) => words.test(lower)).map(([kind]) => kind);
  return MACHINE_WORDS.test(lower) && !kinds.includes("database") ? [...kinds, "virtual-machine"] : kinds;
}

/** "Cut dev spend by 30%", "reduce EC2 costs by 20 percent", "a 10% reduction in storage", "30% less on compute". */
const REDUCTION =
  /\b(?:cut|cuts|cutting|reduce|reduces|reducing|lower|lowering|trim|trimming|shrink|shrinking|slash|slashing|drop|dropping|decrease|decreasing)\b[^.?!]*?\bby\s+(\d+(?:\.\d+)?)\s?(?:%|percent)|\b(\d+(?:\.\d+)?)\s?(?:%|percent)\s+(?:cut|reduction|decrease|less|lower|saving)\b/;

/** Asks when spend turned ("when did our costs start going up?", "since when has S3 been rising?"). */
const TURN_ASKED =
  /\b(?:when\s+(?:did|have|has|were|was)\b[^?]*?\b(?:start(?:ed|ing)?|begin|began)\s+(?:to\s+)?|since\s+when\s+(?:have|has|did)\b[^?]*?\b(?:been\s+)?)(go(?:ing)?\s+(?:up|down)|ris(?:e|ing)|increas(?:e|ing)|grow(?:ing)?|climb(?:ing)?|fall(?:ing)?|drop(?:ping)?|decreas(?:e|ing)|declin(?:e|ing))\b/;

function extractTurn(lower: string): "up" | "down" | undefined {
  const way = TURN_ASKED.exec(lower)?.[1];
  return way === undefined ? undefined : /\b(?:up|ris|increas|grow|climb)/.test(way) ? "up" : "down";
}

/** A cut supposed, not one reported ("costs went down by 10%" is no what-if). */
const SUPPOSED = /\b(?:if|would|could|suppose|supposing|want|wants|goal|target|plan|planning|need|needs|aim|aiming|hope|should)\b/;

/**
 * A move supposed, up to the place moved to: "run everything in us-east-1", "moving our workloads to us-east-2", "if
 * we migrated to Azure", "consolidate into eu-west-1".
 */
const MOVE_TO =
  /\b(?:(?:run|running|host|hosting|put|putting)\s+(?:everything|it all|all\b|our\b|the\b)[^.?!]{0,40}?\s(?:in|on|into|to)|(?:mov(?:e|ed|es|ing)|migrat\w*|relocat\w*|shift(?:ed|ing)?|consolidat\w*)\b[^.?!]{0,40}?\s(?:to|into|onto|in))\s+(?:the\s+)?/;

/**
 * The region or cloud a supposed move goes to. A move to a way of buying or a kind of resource ("move to Spot",
 * "migrate to Graviton", "moving data to Glacier") names no region or cloud and is none; a move reported ("after we
 * moved to us-east-2") is not supposed.
 */
function extractRelocation(lower: string): { regions: string[]; providers: ProviderName[] } | undefined {
  const move = SUPPOSED.test(lower) ? MOVE_TO.exec(lower) : null;
  if (!move) return undefined;
  const head = lower.slice(move.index + move[0].length).match(/^[\w-]+(?:\s+[\w-]+)?/)?.[0] ?? "";
  const region = findRegions(head)[0];
  if (region && head.startsWith(region)) return { regions: [region], providers: [] };
  const provider = (Object.keys(PROVIDERS) as ProviderName[]).find((p) => new RegExp(`^(?:${PROVIDERS[p].source})`).test(head));
  return provider ? { regions: [], providers: [provider] } : undefined;
}

function extractReduction(lower: string): number | undefined {
  const m = SUPPOSED.test(lower) ? REDUCTION.exec(lower) : null;
  const value = m ? Number(m[1] ?? m[2]) : NaN;
  return value > 0 && value <= 100 ? value : undefined;
}

/** Day-to-day movement asked about; "variable costs" (fixed vs variable) and budget or forecast variance are not it. */
const MOST_VOLATILE =
  /\b(?:volatil\w*|variance|variability|fluctuat\w*|erratic|unpredictable|least (?:predictable|stable|steady|consistent)|standard deviation|std ?dev|(?:varies|vary|varied|swings?|swung|jump(?:s|ed)?|moves?) (?:the )?most)\b/;
const LEAST_VOLATILE = /\b(?:most (?:stable|predictable|consistent|steady)|steadiest|least (?:volatile|variable|variance|fluctuating|erratic))\b/;

function extractVolatility(lower: string): "most" | "least" | undefined {
  if (/\bbudget|\bforecast/.test(lower)) return undefined;
  return LEAST_VOLATILE.test(lower) ? "least" : MOST_VOLATILE.test(lower) ? "most" : undefined;
}

/** What the bill is made of, as people name it ("new services", "accounts that stopped spending"). */
const VALUE_NOUNS = String.raw`(?:services?|accounts?|sub-?accounts?|resources?|regions?|projects?|subscriptions?|providers?|teams?|apps?)`;
const NEW_VALUES = new RegExp(
  String.raw`\bnew ${VALUE_NOUNS}\b|\b${VALUE_NOUNS}\b[^.?!]*\b(?:are|is|were|was) new\b|\b(?:appeared|showed up|started (?:costing|spending|showing up))\b` +
    // "Which services had zero spend last month but spend this month?"
    String.raw`|\b(?:zero|no|nothing)\s+(?:spend|spending|cost|costs)\b[^.?!]*\bbut\b`,
);
/** Went over, in the past: "did we exceed", "went over", "were we over", "overspent". */
const WENT_OVER =
  /\b(?:exceeded|went over|gone over|been over|overran|overspent|blew(?: through| past)?|busted)\b|\bdid\b[^?.]*\b(?:exceed|go over|overspend|overrun|blow|break|bust)\b|\b(?:were|was)\b[^?.]*\bover\b/;
const WILL_GO_OVER = /\b(?:will|going to|projected|on track to)\b/;

const GONE_VALUES = /\bbut\s+(?:zero|no|nothing|none)\b|\b(?:stopped|did (?:we|they|you) stop) (?:using|running|spending|costing|showing up|(?:incurring|generating|accruing|having) (?:any )?(?:costs?|charges|spend))\b|\bstopped being (?:billed|charged)\b|\bno longer (?:used|using|in use|cost(?:s|ing)?|spend(?:s|ing)?|ha(?:ve|s) cost)\b|\b(?:disappeared|went away|dropped (?:off|out))\b/;

/** Data transfer by the words people use for it; what counts as data transfer in the data is server/finops/data-transfer.ts. */
const DATA_TRANSFER_WORDS = /\bdata[- ]transfers?\b|\begress\b|\btransfer costs?\b|\btransferr(?:ed|ing)\s+(?:data\s+)?out\b|\btransfer\s+(?:data\s+)?out\b|\btransferr(?:ed|ing)\s+data\b|\bdata\b[^.?!]{0,30}?\btransferr?(?:ed|ing)?\b/;
/** What left the cloud: "to the internet", "internet egress", "data transfer out". */
const INTERNET_WORDS = /\b(?:to|towards|into) the (?:public )?internet\b|\binternet (?:egress|data transfer|traffic|bandwidth)\b|\bdata[- ]transfer out\b/;
/** Transfer that stays inside the cloud: "between regions", "cross-AZ", "inter-region". */
const INTERNAL_WORDS =
  /\b(?:between|across) (?:our |the |different |two )?(?:regions|zones|availability zones|azs|data ?cent(?:er|re)s)\b|\b(?:inter|cross|intra)[- ]?(?:regions?|zones?|azs?|regional)\b/;
/** "Cross-region traffic": internal transfer named without the words "data transfer". */
const INTERNAL_TRAFFIC = new RegExp(String.raw`(?:${INTERNAL_WORDS.source})[^.?!]*\b(?:traffic|transfers?|bandwidth|bytes|replication)\b|\b(?:traffic|transfers?|bandwidth|bytes)\b[^.?!]*(?:${INTERNAL_WORDS.source})`);
/** NAT gateways and load balancers are networking services, whatever else the question says. */
const NETWORK_SERVICE_WORDS = /\bnat gateways?\b|\bload balancers?\b|\bnetworking\b/;

/** The data transfer a question is about ("all", "internet" or "internal"); undefined when it is about none. */
function extractDataTransfer(lower: string): DataTransferScope | undefined {
  if (!(DATA_TRANSFER_WORDS.test(lower) || INTERNAL_TRAFFIC.test(lower)) || NETWORK_SERVICE_WORDS.test(lower)) return undefined;
  return INTERNAL_WORDS.test(lower) ? "internal" : INTERNET_WORDS.test(lower) ? "internet" : "all";
}

/** Single charges asked about ("our largest line item", "individual charges"), not totals: specialists/line-items.ts. */
export const LINE_ITEMS_ASKED = /\bline[- ]items?\b|\b(?:single|individual)\s+(?:charges?|line[- ]items?|items?|bill lines?)\b/i;
/** Azure's word for its sub-accounts. */
const SUBSCRIPTIONS = /\bsubscriptions?\b/;
/** Marketplace purchases by the words people use for them; what counts in the data is server/finops/marketplace.ts. */
const MARKETPLACE_WORDS = /\bmarketplaces?\b|\bthird[- ]party (?:software|vendors?|sellers?|products?|subscriptions?|saas|purchases?|licen[cs]es?)\b/;

/** GPUs by the words people use for them; what counts as GPU usage in the data is server/finops/gpu.ts. */
const GPU_WORDS = /\bgpus?\b|\bgraphics (?:cards?|processors?|processing units?)\b|\bnvidia\b|\baccelerated (?:computing|instances?)\b/;

// Currency names, not symbols: "$500" is a threshold, not a request for dollars.
const CURRENCY_WORDS: Array<[string, RegExp]> = [
  ["USD", /\b(usd|us dollars?|dollars?)\b/],
  ["EUR", /\b(eur|euros?)\b/],
  ["GBP", /\b(gbp|pounds? sterling|british pounds?)\b/],
  ["JPY", /\b(jpy|yen)\b/],
  ["INR", /\b(inr|rupees?)\b/],
  ["CHF", /\b(chf|swiss francs?)\b/],
  ["CAD", /\b(cad|canadian dollars?)\b/],
  ["AUD", /\b(aud|australian dollars?)\b/],
];

function extractCurrency(lower: string): string | undefined {
  // The most specific name wins: "canadian dollars" is CAD, not USD.
  const found = CURRENCY_WORDS.filter(([, pattern]) => pattern.test(lower)).map(([code]) => code);
  return found.find((c) => c !== "USD") ?? found[0];
}

/** True when the text names anything to scope or shape a query by. */
export function hasAnyDimension(d: QueryDimensions): boolean {
  return Boolean(
    d.timeRange || d.comparison || d.metric || d.topN || d.granularity || d.groupBy || d.networking || d.gpu || d.dataTransfer || d.marketplace || d.rate || d.direction || d.growth ||
      d.share || d.pricingKinds.length || d.commitmentTerms.length || d.count || d.unitCost || d.metrics.length || d.peak || d.monthlyAverage || d.weekends || d.volatility || d.reductionPercent || d.relocation || d.appeared || d.quickWins || d.smallestFirst || d.sharedSplit || d.sharedCost || d.allTime ||
      d.providers.length || d.services.length || d.serviceCategories.length || d.chargeCategories.length || d.accounts.length || d.resources.length || d.resourceGroups.length ||
      d.regions.length || d.geographies.length || d.tags.length || d.thresholds.length || d.currency || d.excluded,
  );
}

/** The workflow statuses a question can ask about, as it names them. */
export const RECOMMENDATION_STATUS_WORDS: ReadonlyArray<[AskedStatus, RegExp, string]> = [
  ["implemented", /\b(?:implemented|(?:did|have|has)\s+(?:we|i|the team)\s+(?:implement(?:ed)?|act(?:ed)? on|complete(?:d)?|appl(?:y|ied)))\b/i, "implemented"],
  ["rejected", /\b(?:rejected|dismissed|declined|turned down)\b|\b(?:did|have)\s+(?:we|i)\s+(?:reject(?:ed)?|dismiss(?:ed)?)\b/i, "rejected"],
  ["under_review", /\b(?:under|in)\s+review\b|\bbeing\s+reviewed\b/i, "under review"],
  ["obsolete", /\bobsolete\b|\bno longer (?:valid|appl(?:y|ies)|hold)\b/i, "obsolete"],
];
/** The statuses a question can ask for: every one but active (the open recommendations, asked for without a status). */
export type AskedStatus = Exclude<RecommendationStatus, "active">;

/** The workflow status a question asks about ("which recommendations did we implement?"), if it names recommendations and one. */
export function recommendationStatusAsked(question: string): AskedStatus | null {
  if (!/\brecommendations?\b|\bsuggestions?\b|\bsavings? opportunit/i.test(question)) return null;
  return RECOMMENDATION_STATUS_WORDS.find(([, words]) => words.test(question))?.[0] ?? null;
}
