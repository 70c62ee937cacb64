ALTER TABLE cost_sources DROP COLUMN billing_currencies;
ALTER TABLE cost_daily_rollup
  ALTER COLUMN billed_cost TYPE numeric(20, 10),
  ALTER COLUMN effective_cost TYPE numeric(20, 10),
  ALTER COLUMN list_cost TYPE numeric(20, 10),
  ALTER COLUMN contracted_cost TYPE numeric(20, 10),
  ALTER COLUMN pricing_quantity TYPE numeric(20, 10);
ALTER TABLE cost_tag_daily_rollup
  ALTER COLUMN billed_cost TYPE numeric(20, 10),
  ALTER COLUMN effective_cost TYPE numeric(20, 10),
  ALTER COLUMN list_cost TYPE numeric(20, 10),
  ALTER COLUMN contracted_cost TYPE numeric(20, 10);
ALTER TABLE cost_daily_rollup DROP COLUMN id;
ALTER TABLE cost_tag_daily_rollup DROP COLUMN id;
DELETE FROM cost_tag_daily_rollup;
ALTER TABLE cost_tag_daily_rollup ADD COLUMN sub_account_id text, ADD COLUMN service_name text NOT NULL;
INSERT INTO cost_tag_daily_rollup (tag_key, tag_value, charge_date, source_id, provider_name, billing_account_id,
                                   sub_account_id, service_name, billed_cost, effective_cost, list_cost, contracted_cost, row_count)
SELECT t.key, t.value, li.charge_date, li.source_id, li.provider_name, li.billing_account_id, li.sub_account_id, li.service_name,
       sum(li.billed_cost), sum(li.effective_cost), sum(li.list_cost), sum(li.contracted_cost), count(*)
FROM cost_line_items li CROSS JOIN LATERAL jsonb_each_text(li.tags) AS t(key, value)
WHERE li.tags IS NOT NULL
GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;

DROP INDEX cost_line_items_charge_date_brin;
CREATE INDEX cost_line_items_charge_date_idx ON cost_line_items (charge_date);
CREATE INDEX cost_line_items_service_date_idx ON cost_line_items (service_name, charge_date);
CREATE INDEX cost_line_items_resource_date_idx ON cost_line_items (resource_id, charge_date) WHERE resource_id IS NOT NULL;

DROP TRIGGER trg_cost_sources_cascade_delete ON cost_sources;
DROP FUNCTION cost_sources_cascade_delete();

DELETE FROM cost_line_items li WHERE NOT EXISTS (SELECT 1 FROM cost_sources s WHERE s.id = li.source_id);
DELETE FROM cost_daily_rollup r WHERE NOT EXISTS (SELECT 1 FROM cost_sources s WHERE s.id = r.source_id);
DELETE FROM cost_tag_daily_rollup r WHERE NOT EXISTS (SELECT 1 FROM cost_sources s WHERE s.id = r.source_id);
ALTER TABLE cost_line_items ADD CONSTRAINT cost_line_items_source_id_fkey
  FOREIGN KEY (source_id) REFERENCES cost_sources (id) ON DELETE CASCADE;
ALTER TABLE cost_daily_rollup ADD CONSTRAINT cost_daily_rollup_source_id_fkey
  FOREIGN KEY (source_id) REFERENCES cost_sources (id) ON DELETE CASCADE;
ALTER TABLE cost_tag_daily_rollup ADD CONSTRAINT cost_tag_daily_rollup_source_id_fkey
  FOREIGN KEY (source_id) REFERENCES cost_sources (id) ON DELETE CASCADE;
