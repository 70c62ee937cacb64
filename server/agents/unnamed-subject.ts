import type { Database } from "../adapters/db/database.ts";
import { extractDimensions } from "./classifier/dimensions.ts";
import { type NamedService, withStoredServices } from "./classifier/stored-services.ts";
import { skusForSubject, tagValueNamed, wordStartsPattern, type ResolvedScope, type SubjectTag } from "./scope.ts";

// "How much do we spend on GPUs?", "what's our Snowflake bill?": a subject no filter can express. Answering with the
// whole bill and nothing else would read as the subject's cost, so the answer says that nothing is called that.

/**
 * The thing a spend question is about: "spend on X", "cost (trend) of X", "pay for X", "our X bill / costs", "how much
 * is X costing us".
 */
const SUBJECT =
  /\b(?:spend(?:ing)?|spent|pay(?:ing)?|paid|costs?)(?:\s+(?:trend|history|breakdown|growth))?\s+(?:on|for|of)\s+(?:the\s+|our\s+|my\s+|all\s+(?:the\s+|our\s+)?)?([a-z][\w-]*)|\b(?:our|the|my)\s+([a-z][\w-]*)\s+(?:bill|costs?|spend(?:ing)?)\b|\bhow much (?:is|are|does|do|did)\s+(?:the\s+|our\s+)?([a-z][\w-]*)\s+cost(?:ing)?\b/;

const PREPOSITIONS = new Set(["in", "on", "at", "during", "over", "from", "since", "by", "to", "with", "per", "before", "after", "across", "between", "within"]);

/** Words in that place that mean everything, or a period, not a thing to look for. */
const EVERYTHING = new Set([
  "cloud", "clouds", "total", "overall", "everything", "it", "that", "this", "those", "these", "them", "all", "us", "we",
  "average", "monthly", "daily", "weekly", "yearly", "annual", "quarterly", "month", "week", "year", "day", "quarter",
  "last", "next", "previous", "current", "each", "per", "weekends", "weekend", "weekdays", "weekday", "infrastructure", "bill", "billing", "services", "service",
  "resources", "resource", "accounts", "account", "usage", "stuff", "things", "what", "how", "much", "entire", "whole",
  "biggest", "largest", "top", "main", "highest", "spend", "spending", "cost", "costs", "money", "budget", "budgets",
  "savings", "commitments", "reservations", "tags", "tagging", "teams", "projects", "apps", "running", "today", "yesterday",
  "providers", "provider", "regions", "region", "categories", "category", "data", "untagged", "unused", "idle",
  "rest", "past", "list", "most", "least", "expected", "predicted", "projected", "estimated", "forecast", "sudden",
  "tagged", "team", "in", "spot", "reserved", "on-demand", "ondemand", "demand", "commitment", "commitments",
  "discounts", "discount", "effective", "amortized", "amortised", "billed", "contracted", "net", "gross", "my", "our",
  // Words the dimensions read as a concept ("shared costs", "unit cost", "fixed vs variable costs").
  "shared", "unit", "units", "fixed", "variable", "hourly", "allocated", "unallocated", "new", "dedicated", "owned", "direct",
  // Spend against a plan ("spending on track", "on target"): the budgets' question, not a thing to look for.
  "track", "target", "pace", "plan",
  // Words that join, not name ("paying for but not using").
  "but", "and", "or", "not", "a", "an", "any", "some", "nothing", "anything", "vs", "versus",
]);

/** A provider named first ("aws support", "azure support plans"). */
const PROVIDER_FIRST = /^(?:aws|amazon(?: web services)?|azure|microsoft|gcp|google(?: cloud)?)\s+/;

/** Words that make what follows a grouping ("each environment", "every team"), not a thing to look for. */
const DISTRIBUTIVE = new Set(["each", "every"]);

const WEEKDAY = /^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?$/;

/** A machine's state, which FOCUS does not record: "what are we paying for stopped instances?". */
const MACHINE_STATE = /^(?:stopped|paused|deallocated|shutdown|shut-down|powered-off|idle-stopped)$/;
export const isMachineState = (word: string) => MACHINE_STATE.test(word);
/** What the bill holds instead of a machine's state. */
export const MACHINE_STATE_NOTE =
  "The cost data does not record whether a machine is running or stopped: a stopped instance bills no compute hours, only the disks and " +
  "static IP addresses it keeps, each billed as a resource of its own. Ask which instances stopped running this month (their compute cost " +
  "ended), or which disks are unattached.";

/** Whether the dimensions name a subject (what the cost is of), as opposed to only a period or a shape. */
export const namesSubject = (d: ReturnType<typeof extractDimensions>) =>
  d.services.length + d.providers.length + d.serviceCategories.length + d.chargeCategories.length + d.accounts.length +
    d.regions.length + d.tags.length + d.resources.length > 0 || d.networking || d.gpu || d.marketplace || d.dataTransfer !== undefined;

/** The subject a spend question names that no filter was read from: the word, and its phrasings to look for. */
export interface Subject {
  word: string;
  /** Longest first ("public ip addresses", "public ip", "public"); each as asked and as words to match (the last stemmed). */
  phrasings: Phrasing[];
}
export interface Phrasing {
  name: string;
  words: string[];
}

/**
 * The subject of a spend question that no filter was read from ("spend on payments", "spend on snapshots"), or null
 * when the question names no subject or the dimensions already read it.
 */
export function readSubject(
  text: string,
  services: readonly NamedService[],
  /** The period read from the question, if any: its words are not a subject. */
  asked?: { resolvedFrom: string },
): Subject | null {
  const lower = text.toLowerCase().replace(/[’']/g, "'");
  const match = SUBJECT.exec(lower);
  const word = match?.[1] ?? match?.[2] ?? match?.[3];
  if (!match || !word) return null;
  // "Did we pay for in October": a preposition is where the period starts, not a subject; "the cost of each
  // environment" names a grouping.
  if (PREPOSITIONS.has(word) || DISTRIBUTIVE.has(word)) return null;
  // A period ("the october bill", "cost for q1", "spend on Black Friday") is not a subject.
  if (extractDimensions(word, "2000-01-01").timeRange) return null;
  // …nor is a word of the one the question names ("spend on Monday", "cost for last Friday"), nor days of the week
  // ("spend on Monday vs Friday", "on Mondays").
  if (asked?.resolvedFrom.split(/\s+/).includes(word) || WEEKDAY.test(word)) return null;
  // What follows may name it in more words ("NAT gateways", "the payments team", "the dev environment").
  const rest = lower.slice(lower.indexOf(word, match.index));
  const named = extractDimensions(rest, "2000-01-01");
  if (named.timeRange && rest.startsWith(named.timeRange.resolvedFrom)) return null;
  // "Spend on AWS support": a provider, then the thing on it, which is the subject if no filter reads it.
  const onProvider = PROVIDER_FIRST.exec(rest);
  if (onProvider) {
    const after = rest.slice(onProvider[0].length);
    const next = /^[a-z][\w-]*/.exec(after)?.[0];
    const afterNamed = next ? extractDimensions(after, "2000-01-01") : null;
    if (next && afterNamed && !EVERYTHING.has(next) && !PREPOSITIONS.has(next) && !(afterNamed.timeRange && after.startsWith(afterNamed.timeRange.resolvedFrom)) && !namesSubject(withStoredServices(after, afterNamed, services))) {
      return { word: next, phrasings: phrasingsOf(after) };
    }
  }
  if (namesSubject(withStoredServices(rest, named, services))) return null;
  // "Spend on data" is everything, "spend on data platform" a thing to look for.
  if (!EVERYTHING.has(word)) return { word, phrasings: phrasingsOf(rest) };
  const phrasings = phrasingsOf(rest).filter((p) => p.name.includes(" "));
  return phrasings.length ? { word: phrasings[0]!.name, phrasings } : null;
}

/**
 * Reads the subject into the scope, the first way the data holds it: a tag value ("payments": app=payments), the SKUs
 * whose id or charge description holds it ("snapshots", "public IP addresses"), else a note that nothing is called
 * so (naming the services, sub-accounts or tag values whose names hold the word, if any) and the answer is the whole
 * scope.
 */
export async function applySubject(
  db: Pick<Database, "sql">,
  subject: Subject,
  scope: ResolvedScope,
  services: readonly NamedService[],
  /** The subject's tag value when already looked up (null: none), so it is not looked up again. */
  known?: SubjectTag | null,
): Promise<void> {
  const note = (text: string) => {
    scope.periodNote = [scope.periodNote, text].filter(Boolean).join(" ");
  };
  const tag = known !== undefined ? known : await tagValueNamed(db, subject.phrasings);
  if (tag) {
    // The supervisor may have read it into the question's tags already (so follow-ups keep it).
    const held = scope.filters.tags?.some((t) => t.key === tag.key && t.values?.includes(tag.value));
    if (!held) scope.filters = { ...scope.filters, tags: [...(scope.filters.tags ?? []), { key: tag.key, values: [tag.value] }] };
    const others = tag.otherKeys.length ? ` (${tag.otherKeys.join(" and ")} also ${tag.otherKeys.length > 1 ? "have" : "has"} that value: name the tag to ask about ${tag.otherKeys.length > 1 ? "those" : "it"})` : "";
    return note(`"${tag.asked}" is read as the tag ${tag.key}=${tag.value}, the key with the most cost carrying it${others}.`);
  }
  const skus = await skusForSubject(db, subject.phrasings, scope.period, scope.filters.services);
  if (skus) {
    scope.skus = [...scope.skus, skus.skus];
    scope.filters = { ...scope.filters, skuIds: [...new Set([...(scope.filters.skuIds ?? []), ...skus.skus.skuIds])] };
    return note(skus.note);
  }
  scope.unnamedSubject = subject.word;
  if (isMachineState(subject.word)) return note(MACHINE_STATE_NOTE);
  const holders = await namesHolding(db, subject.word, services);
  note(
    holders.length
      ? `Nothing in the cost data is called "${subject.word}"; ${holders.join(", ")} ${holders.length > 1 ? "hold" : "holds"} the word: ` +
          `ask about ${holders.length > 1 ? "one of them" : "it"} by name for ${holders.length > 1 ? "its" : "that"} cost. This covers all costs in scope.`
      : `Nothing in the cost data is called "${subject.word}" (no service, sub-account, tag value, SKU or charge description), so this covers all costs in scope.`,
  );
}

/** A plural's stem, a prefix of the word ("snapshots" → "snapshot", "addresses" → "address"), so it still matches as a word's start. */
const stemOf = (word: string) => word.replace(/(?:es|s)$/, "");

/**
 * The subject in up to three words, longest first, the last one stemmed: "public ip addresses last month" →
 * "public ip addresses", "public ip", "public".
 */
function phrasingsOf(rest: string): Phrasing[] {
  const words: string[] = [];
  for (const w of rest.split(/[^\w-]+/)) {
    // A number ends it: "top 3 services" names no thing called "top 3".
    if (!w || /^\d/.test(w) || (words.length > 0 && EVERYTHING.has(w)) || words.length === 3) break;
    words.push(w);
  }
  return words
    .map((_, i) => words.slice(0, words.length - i))
    .map((asked) => ({ name: asked.join(" "), words: [...asked.slice(0, -1), stemOf(asked.at(-1)!)] }))
    .filter((p) => !EVERYTHING.has(p.name))
    .filter((p) => p.name.length >= 3);
}

/** Up to five service, sub-account or tag value names with a word starting with the word's stem ("logs": Cloud Logging). */
async function namesHolding(db: Pick<Database, "sql">, word: string, services: readonly NamedService[]): Promise<string[]> {
  const pattern = wordStartsPattern([stemOf(word)]);
  const starts = new RegExp(wordStartsPattern([stemOf(word)], ["\\b", "\\b"]), "i");
  const held = services.map((s) => s.name).filter((name) => starts.test(name));
  const rows = await db.sql.query<{ name: string }>(
    `SELECT name FROM (
       SELECT DISTINCT sub_account_name AS name FROM cost_daily_rollup WHERE sub_account_name ~* $1
       UNION SELECT DISTINCT tag_value FROM cost_tag_daily_rollup WHERE tag_value ~* $1) n
     ORDER BY name LIMIT 5`,
    [pattern],
  );
  return [...new Set([...held, ...rows.map((r) => r.name)])].slice(0, 5);
}
