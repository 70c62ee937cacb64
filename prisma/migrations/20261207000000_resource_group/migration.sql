-- Azure resource groups as a dimension. FOCUS has no column for them: Microsoft's FOCUS export carries
-- x_ResourceGroupName (kept in `extras` like every x_ column), and every Azure ResourceId holds the group
-- ("/subscriptions/…/resourceGroups/<name>/providers/…"). Azure treats the names case-insensitively, so they are
-- stored lower-cased; costs on other clouds, and charges on no resource, have none.
ALTER TABLE cost_line_items
  ADD COLUMN resource_group text GENERATED ALWAYS AS (
    lower(coalesce(nullif(btrim(extras ->> 'x_ResourceGroupName'), ''), substring(resource_id FROM '(?i)/resourcegroups/([^/]+)')))
  ) STORED;
