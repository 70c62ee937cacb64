-- Bulk-load speed for the cost store (measured on 200k FOCUS rows, PostgreSQL 15, 2 cores):
-- * Foreign keys from line items and rollups to cost_sources cost a referential check per inserted row (~25% of a
--   COPY). Imports always create their source first in the same transaction, so the only thing the keys still did
--   was cascade a source's deletion: a statement-level trigger does that now, once per DELETE statement.
-- * Three B-tree indexes on line items (date, service + date, resource + date) took ~40% of a COPY. Every query that
--   reads line items filters on charge_date; rows arrive roughly in date order (exports are per billing period), so
--   one BRIN index serves those ranges at a fraction of the maintenance cost. Service queries read the rollups.

ALTER TABLE cost_line_items DROP CONSTRAINT cost_line_items_source_id_fkey;
ALTER TABLE cost_daily_rollup DROP CONSTRAINT cost_daily_rollup_source_id_fkey;
ALTER TABLE cost_tag_daily_rollup DROP CONSTRAINT cost_tag_daily_rollup_source_id_fkey;

CREATE FUNCTION cost_sources_cascade_delete() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM cost_tag_daily_rollup WHERE source_id IN (SELECT id FROM gone);
  DELETE FROM cost_daily_rollup WHERE source_id IN (SELECT id FROM gone);
  DELETE FROM cost_line_items WHERE source_id IN (SELECT id FROM gone);
  RETURN NULL;
END;
$$;

CREATE TRIGGER trg_cost_sources_cascade_delete
  AFTER DELETE ON cost_sources
  REFERENCING OLD TABLE AS gone
  FOR EACH STATEMENT EXECUTE FUNCTION cost_sources_cascade_delete();

DROP INDEX cost_line_items_charge_date_idx;
DROP INDEX cost_line_items_service_date_idx;
DROP INDEX cost_line_items_resource_date_idx;
CREATE INDEX cost_line_items_charge_date_brin ON cost_line_items USING brin (charge_date);

-- The tag rollup keyed on service and sub-account as well held ~2 rows per line item (tags are near-unique per
-- resource) and its rebuild took ~40% of an import. At day x tag x provider x billing account it is a real rollup
-- (~0.4 rows per line item); tag questions filtered by service or sub-account read line items instead.
DELETE FROM cost_tag_daily_rollup;
ALTER TABLE cost_tag_daily_rollup DROP COLUMN sub_account_id, DROP COLUMN service_name;
INSERT INTO cost_tag_daily_rollup (tag_key, tag_value, charge_date, source_id, provider_name, billing_account_id,
                                   billed_cost, effective_cost, list_cost, contracted_cost, row_count)
SELECT t.key, t.value, li.charge_date, li.source_id, li.provider_name, li.billing_account_id,
       sum(li.billed_cost), sum(li.effective_cost), sum(li.list_cost), sum(li.contracted_cost), count(*)
FROM cost_line_items li CROSS JOIN LATERAL jsonb_each_text(li.tags) AS t(key, value)
WHERE li.tags IS NOT NULL
GROUP BY 1, 2, 3, 4, 5, 6;

-- Rollup rows get a surrogate key so Prisma can model the tables (their natural keys hold nullable dimensions).
ALTER TABLE cost_daily_rollup ADD COLUMN id bigserial PRIMARY KEY;
ALTER TABLE cost_tag_daily_rollup ADD COLUMN id bigserial PRIMARY KEY;

-- Rollup sums get 20 integer digits: a day of a busy service sums past 10^10 in pricing units (requests, bytes)
-- although each line item fits numeric(20,10).
ALTER TABLE cost_daily_rollup
  ALTER COLUMN billed_cost TYPE numeric(30, 10),
  ALTER COLUMN effective_cost TYPE numeric(30, 10),
  ALTER COLUMN list_cost TYPE numeric(30, 10),
  ALTER COLUMN contracted_cost TYPE numeric(30, 10),
  ALTER COLUMN pricing_quantity TYPE numeric(30, 10);
ALTER TABLE cost_tag_daily_rollup
  ALTER COLUMN billed_cost TYPE numeric(30, 10),
  ALTER COLUMN effective_cost TYPE numeric(30, 10),
  ALTER COLUMN list_cost TYPE numeric(30, 10),
  ALTER COLUMN contracted_cost TYPE numeric(30, 10);

-- The billing currencies each import holds: analyses never add amounts in different currencies, and with this a
-- store in one currency is recognised without reading cost rows.
ALTER TABLE cost_sources ADD COLUMN billing_currencies text[] NOT NULL DEFAULT '{}';
UPDATE cost_sources s SET billing_currencies = coalesce(
  (SELECT array_agg(DISTINCT r.billing_currency ORDER BY r.billing_currency) FROM cost_daily_rollup r WHERE r.source_id = s.id),
  '{}');
