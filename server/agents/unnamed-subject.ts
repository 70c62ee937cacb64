import type { Database } from "../adapters/db/database.ts";
import { extractDimensions } from "./classifier/dimensions.ts";
import { type NamedService, withStoredServices } from "./classifier/stored-services.ts";

// "How much do we spend on GPUs?", "what's our Snowflake bill?": a subject no filter can express. Answering with the
// whole bill and nothing else would read as the subject's cost, so the answer says that nothing is called that.

/**
 * The thing a spend question is about: "spend on X", "cost (trend) of X", "pay for X", "our X bill / costs", "how much
 * is X costing us".
 */
const SUBJECT =
  /\b(?:spend(?:ing)?|spent|pay(?:ing)?|paid|costs?)(?:\s+(?:trend|history|breakdown|growth))?\s+(?:on|for|of)\s+(?:the\s+|our\s+|my\s+|all\s+(?:the\s+|our\s+)?)?([a-z][\w-]*)|\b(?:our|the|my)\s+([a-z][\w-]*)\s+(?:bill|costs?|spend(?:ing)?)\b|\bhow much (?:is|are|does|do|did)\s+(?:the\s+|our\s+)?([a-z][\w-]*)\s+cost(?:ing)?\b/;

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
  // Words that join, not name ("paying for but not using").
  "but", "and", "or", "not", "a", "an", "any", "some", "nothing", "anything",
]);

/** Whether the dimensions name a subject (what the cost is of), as opposed to only a period or a shape. */
export const namesSubject = (d: ReturnType<typeof extractDimensions>) =>
  d.services.length + d.providers.length + d.serviceCategories.length + d.chargeCategories.length + d.accounts.length +
    d.regions.length + d.tags.length + d.resources.length > 0 || d.networking || d.gpu || d.marketplace || d.dataTransfer !== undefined;

/**
 * The subject of a question that is nothing the data holds (no filter was read from it, and no service, sub-account
 * or tag value contains it), with the note to add; null when there is no such subject.
 */
export async function unnamedSubjectNote(
  db: Pick<Database, "sql">,
  text: string,
  services: readonly NamedService[],
  /** The period read from the question, if any: its words are not a subject. */
  asked?: { resolvedFrom: string },
): Promise<{ word: string; note: string } | null> {
  const lower = text.toLowerCase().replace(/[’']/g, "'");
  const match = SUBJECT.exec(lower);
  const word = match?.[1] ?? match?.[2] ?? match?.[3];
  if (!match || !word || EVERYTHING.has(word)) return null;
  // A period ("the october bill", "cost for q1", "spend on Black Friday") is not a subject.
  if (extractDimensions(word, "2000-01-01").timeRange) return null;
  // …nor is a word of the one the question names ("spend on Monday", "cost for last Friday").
  if (asked?.resolvedFrom.split(/\s+/).includes(word)) return null;
  // What follows may name it in more words ("NAT gateways", "the payments team", "the dev environment").
  const rest = lower.slice(lower.indexOf(word, match.index));
  const named = extractDimensions(rest, "2000-01-01");
  if (named.timeRange && rest.startsWith(named.timeRange.resolvedFrom)) return null;
  if (namesSubject(withStoredServices(rest, named, services))) return null;
  const stem = `%${word.replace(/(?:es|s)$/, "").replace(/[%_\\]/g, "")}%`;
  const [row] = await db.sql.query<{ found: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM cost_daily_rollup WHERE service_name ILIKE $1 OR sub_account_name ILIKE $1)
         OR EXISTS (SELECT 1 FROM cost_tag_daily_rollup WHERE tag_value ILIKE $1) AS found`,
    [stem],
  );
  if (row?.found) return null;
  return { word, note: `Nothing in the cost data is called "${word}" (no service, sub-account or tag value), so this covers all costs in scope.` };
}
