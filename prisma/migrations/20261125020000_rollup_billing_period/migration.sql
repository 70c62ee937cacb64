-- Imports sum their rollups while they load (server/finops/ingest/rollups.ts) instead of aggregating the source's
-- line items again afterwards. A re-import replaces billing periods, so rollup rows carry the billing period of
-- their line items: the replaced periods' rollup rows are deleted as their line items are, and the rest of the
-- source's rollups stay. The source's totals and periods are read from its daily rollup.
ALTER TABLE cost_daily_rollup ADD COLUMN billing_period_start timestamptz, ADD COLUMN billing_period_end timestamptz;
ALTER TABLE cost_tag_daily_rollup ADD COLUMN billing_period_start timestamptz;

DELETE FROM cost_daily_rollup;
INSERT INTO cost_daily_rollup (charge_date, source_id, billing_period_start, billing_period_end, provider_name,
                               billing_account_id, billing_account_name, sub_account_id, sub_account_name, service_name,
                               service_category, region_id, charge_category, pricing_category,
                               commitment_discount_status, billing_currency,
                               billed_cost, effective_cost, list_cost, contracted_cost, pricing_quantity, row_count)
SELECT charge_date, source_id, billing_period_start, billing_period_end, provider_name, billing_account_id,
       billing_account_name, sub_account_id, sub_account_name, service_name, service_category, region_id,
       charge_category, pricing_category, commitment_discount_status, billing_currency,
       sum(billed_cost), sum(effective_cost), sum(list_cost), sum(contracted_cost), sum(pricing_quantity), count(*)
FROM cost_line_items
GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16;

DELETE FROM cost_tag_daily_rollup;
INSERT INTO cost_tag_daily_rollup (tag_key, tag_value, charge_date, source_id, billing_period_start, provider_name,
                                   billing_account_id, billed_cost, effective_cost, list_cost, contracted_cost, row_count)
SELECT t.key, t.value, li.charge_date, li.source_id, li.billing_period_start, li.provider_name, li.billing_account_id,
       sum(li.billed_cost), sum(li.effective_cost), sum(li.list_cost), sum(li.contracted_cost), count(*)
FROM cost_line_items li CROSS JOIN LATERAL jsonb_each_text(li.tags) AS t(key, value)
WHERE li.tags IS NOT NULL
GROUP BY 1, 2, 3, 4, 5, 6, 7;

ALTER TABLE cost_daily_rollup ALTER COLUMN billing_period_start SET NOT NULL, ALTER COLUMN billing_period_end SET NOT NULL;
ALTER TABLE cost_tag_daily_rollup ALTER COLUMN billing_period_start SET NOT NULL;
