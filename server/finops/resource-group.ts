// Azure resource groups. FOCUS has no column for them: Microsoft's FOCUS export carries x_ResourceGroupName (kept in
// a line item's extras like every x_ column), and every Azure ResourceId holds the group
// ("/subscriptions/…/resourceGroups/<name>/providers/…", https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules).
// Azure compares the names case-insensitively, so they are kept lower-cased. Costs on other clouds, and charges on
// no resource, have none. Imports write it beside each line item (copy-rows.ts); the migration that added the column
// filled it for the rows already stored with resourceGroupSql, which reads the same.

const SEGMENT = "/resourcegroups/";
/** The extra column Microsoft's FOCUS export names the resource group in. */
export const RESOURCE_GROUP_EXTRA = "x_ResourceGroupName";

/** The resource group of a line item, lower-cased; null when it has none. */
export function resourceGroupOf(resourceId: string | null | undefined, extras: Readonly<Record<string, string | null>> | null | undefined): string | null {
  const named = extras?.[RESOURCE_GROUP_EXTRA]?.trim();
  if (named) return named.toLowerCase();
  if (!resourceId) return null;
  const lower = resourceId.toLowerCase();
  const at = lower.indexOf(SEGMENT);
  if (at < 0) return null;
  const name = lower.slice(at + SEGMENT.length).split("/", 1)[0]!;
  return name || null;
}

/** resourceGroupOf in SQL, over a line item's columns (`alias.resource_id`, `alias.extras`). */
export function resourceGroupSql(alias: string): string {
  const id = `lower(${alias}.resource_id)`;
  return `coalesce(lower(nullif(btrim(${alias}.extras ->> '${RESOURCE_GROUP_EXTRA}'), '')), ` +
    `nullif(CASE WHEN strpos(${id}, '${SEGMENT}') > 0 THEN split_part(substr(${id}, strpos(${id}, '${SEGMENT}') + ${SEGMENT.length}), '/', 1) END, ''))`;
}
