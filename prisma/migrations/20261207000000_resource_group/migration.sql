-- Azure resource groups as a dimension (server/finops/resource-group.ts). FOCUS has no column for them: Microsoft's
-- FOCUS export carries x_ResourceGroupName (kept in `extras` like every x_ column), and every Azure ResourceId holds
-- the group ("/subscriptions/…/resourceGroups/<name>/providers/…"). Imports write it beside each line item; the rows
-- already stored get it here, read the same way (resourceGroupSql). Lower-cased, as Azure compares the names.
ALTER TABLE cost_line_items ADD COLUMN resource_group text;
UPDATE cost_line_items AS li
   SET resource_group = coalesce(lower(nullif(btrim(li.extras ->> 'x_ResourceGroupName'), '')), nullif(CASE WHEN strpos(lower(li.resource_id), '/resourcegroups/') > 0 THEN split_part(substr(lower(li.resource_id), strpos(lower(li.resource_id), '/resourcegroups/') + 16), '/', 1) END, ''))
 WHERE li.extras ? 'x_ResourceGroupName' OR li.resource_id ILIKE '%/resourcegroups/%';
