// "Who owns the most expensive resource?", "which team owns assistant-dev-ec2-0047?": what the resource's own tags say
// about who owns it (owner and team first), and the sub-account it is billed to. Tags are read from its latest line
// item in the period, as a resource's tags are what they are now.
import type { Database } from "../../adapters/db/database.ts";
import { isPlaceholderValue, type Period, type Provenance } from "../../finops/analytics/scope.ts";

/** Asks who owns something. */
export const OWNER_ASKED =
  /\bwho\s+(?:owns|is responsible for|runs|is behind)\b|\bowners?\s+of\b|\bwhose\b|\bwhich\s+(?:team|owner|app|application|cost[- ]cent(?:er|re)|department)\s+(?:owns|runs|is responsible for)\b/i;

/** Tag keys that say who owns a resource, in the order they are named; the rest follow as they are stored. */
const OWNER_KEYS = ["owner", "team", "cost-center", "costcenter", "cost_center", "department", "app", "application"];

const SQL = `SELECT tags, resource_name, sub_account_name, sub_account_id FROM cost_line_items
  WHERE resource_id = $1 AND charge_date >= $2::date AND charge_date < $3::date
  ORDER BY charge_date DESC, (tags IS NULL) LIMIT 1`;

const rank = (key: string) => {
  const at = OWNER_KEYS.indexOf(key.toLowerCase());
  return at < 0 ? OWNER_KEYS.length : at;
};

/** A resource's real tags (no placeholders), the owning keys first in OWNER_KEYS' order; `owning`: those keys only. */
function tagsByOwnership(tags: Record<string, string | null> | null) {
  const real = Object.entries(tags ?? {}).filter((e): e is [string, string] => typeof e[1] === "string" && !isPlaceholderValue(e[1]));
  const ordered = real.sort((a, b) => rank(a[0]) - rank(b[0]) || a[0].localeCompare(b[0]));
  return { ordered, owning: ordered.filter(([key]) => rank(key) < OWNER_KEYS.length) };
}

const MANY_SQL = `SELECT DISTINCT ON (resource_id) resource_id, tags FROM cost_line_items
  WHERE resource_id = ANY($1::text[]) AND charge_date >= $2::date AND charge_date < $3::date
  ORDER BY resource_id, charge_date DESC, (tags IS NULL)`;

/**
 * Who owns each of several resources ("who owns the most expensive resources?"): the first owning tag each carries
 * (owner, then team, cost centre…), as "key=value"; null for one that carries none.
 */
export async function ownersOf(db: Pick<Database, "sql">, ids: string[], period: Period): Promise<{ owners: Map<string, string | null>; provenance: Provenance }> {
  const params = [ids, period.start, period.end];
  const rows = await db.sql.query<{ resource_id: string; tags: Record<string, string | null> | null }>(MANY_SQL, params);
  const owners = new Map(ids.map((id) => [id, null as string | null]));
  for (const r of rows) {
    const [first] = tagsByOwnership(r.tags).owning;
    owners.set(r.resource_id, first ? `${first[0]}=${first[1]}` : null);
  }
  return { owners, provenance: { description: "Owning tags of the resources listed", period, filters: { resourceIds: ids }, metric: null, table: "cost_line_items", sql: MANY_SQL, params } };
}

/** The sentence that says who owns the resource, and the query that read it; null when it has no cost in the period. */
export async function ownershipOf(
  db: Pick<Database, "sql">,
  resource: { id: string; label: string },
  period: Period,
): Promise<{ sentence: string; tags: Record<string, string>; provenance: Provenance } | null> {
  const params = [resource.id, period.start, period.end];
  const [row] = await db.sql.query<{ tags: Record<string, string | null> | null; resource_name: string | null; sub_account_name: string | null; sub_account_id: string | null }>(SQL, params);
  if (!row) return null;
  // By the name FOCUS gives it, as the answers name resources.
  const name = row.resource_name ?? resource.label;
  const { ordered, owning } = tagsByOwnership(row.tags);
  const account = row.sub_account_name ?? row.sub_account_id;
  const billed = account ? `, billed to ${account}` : "";
  const said = (pairs: Array<[string, string]>) => pairs.map(([k, v]) => `${k}=${v}`).join(", ");
  const sentence = owning.length
    ? `**${name}** is tagged ${said(owning)}${billed}.`
    : ordered.length
      ? `**${name}** carries no owner or team tag (its tags: ${said(ordered)})${billed}, so the cost data does not say who owns it.`
      : `**${name}** carries no tags${billed}, so the cost data does not say who owns it.`;
  return {
    sentence,
    tags: Object.fromEntries(ordered),
    provenance: { description: `Tags of ${name}`, period, filters: { resourceIds: [resource.id] }, metric: null, table: "cost_line_items", sql: SQL, params },
  };
}
