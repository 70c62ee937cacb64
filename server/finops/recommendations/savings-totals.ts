// Savings totals over recommendations. Recommendations about one resource are alternatives (downsize it or run it on
// Spot; stop the idle instance an anomaly traced to): only one of them can be made, so a total adds only the one
// saving most (AWS Cost Optimization Hub de-duplicates its savings the same way). A recommendation is about one
// resource when its affected resources list exactly one, by resourceId.

/** One row of totals: how many recommendations, their savings with each resource counted once, and the overlap. */
export interface SavingsTotalsRow {
  n: string | number;
  min_usd: string;
  max_usd: string;
  /** Recommendations left out of the sums: another one about their resource saves more. */
  overlapping: string | number;
  /** The resources those concern. */
  shared: string | number;
}

/**
 * SQL of the savings totals of the recommendations matching `where` (a condition on optimization_recommendations),
 * one row per billing currency with `byCurrency` (its first column `currency`), else one row; with `groupBy` (an
 * expression on optimization_recommendations, such as a tag of the resource) one row per its value (column `grp`),
 * the most saving first. Amounts in different currencies are never compared: a resource's recommendations are ranked
 * within their currency.
 */
export function savingsTotalsSql(where: string, { byCurrency, groupBy }: { byCurrency: boolean; groupBy?: string }): string {
  const keys = [...(byCurrency ? ["currency"] : []), ...(groupBy ? ["grp"] : [])];
  // A resource's recommendations are one group's: the value any of them carries (one traced from an anomaly may not
  // carry the resource's tags), so each resource still counts once across the groups.
  const grouped = groupBy
    ? `, owned AS (
       SELECT currency, min_usd, max_usd, resource,
              CASE WHEN resource IS NULL THEN grp ELSE max(grp) OVER (PARTITION BY currency, resource) END AS grp
         FROM scoped
     )`
    : "";
  return `WITH scoped AS (
       SELECT billing_currency AS currency, estimated_savings_min_usd AS min_usd, estimated_savings_max_usd AS max_usd,${groupBy ? ` ${groupBy} AS grp,` : ""}
              CASE WHEN jsonb_array_length(affected_resources) = 1 THEN affected_resources -> 0 ->> 'resourceId' END AS resource
         FROM optimization_recommendations
        WHERE ${where}
     )${grouped}, ranked AS (
       SELECT *, CASE WHEN resource IS NULL THEN 1 ELSE row_number() OVER (
                   PARTITION BY currency, resource ORDER BY max_usd DESC NULLS LAST, min_usd DESC NULLS LAST) END AS rank
         FROM ${groupBy ? "owned" : "scoped"}
     )
     SELECT ${keys.map((k) => `${k}, `).join("")}count(*) AS n,
            coalesce(sum(min_usd) FILTER (WHERE rank = 1), 0)::text AS min_usd,
            coalesce(sum(max_usd) FILTER (WHERE rank = 1), 0)::text AS max_usd,
            count(*) FILTER (WHERE rank > 1) AS overlapping,
            count(DISTINCT resource) FILTER (WHERE rank > 1) AS shared
       FROM ranked${keys.length ? ` GROUP BY ${keys.join(", ")}` : ""}${groupBy ? " ORDER BY coalesce(sum(max_usd) FILTER (WHERE rank = 1), 0) DESC, grp" : ""}`;
}

/** "Each resource counts once: ..." for totals whose recommendations share resources; null when none do. */
export function overlapNote(sharedResources: number): string | null {
  if (sharedResources <= 0) return null;
  const resources = sharedResources === 1 ? "1 resource has" : `${sharedResources} resources have`;
  return `Each resource counts once: ${resources} more than one recommendation (such as downsizing or moving to Spot), and only the larger saving is added.`;
}
