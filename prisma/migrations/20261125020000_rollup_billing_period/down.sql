-- Rollup rows of one day and source that differ only in billing period are merged back into one.
CREATE TEMP TABLE merged_daily ON COMMIT DROP AS
SELECT charge_date, source_id, provider_name, billing_account_id, billing_account_name, sub_account_id, sub_account_name,
       service_name, service_category, region_id, charge_category, pricing_category, commitment_discount_status,
       billing_currency, sum(billed_cost) AS billed_cost, sum(effective_cost) AS effective_cost,
       sum(list_cost) AS list_cost, sum(contracted_cost) AS contracted_cost, sum(pricing_quantity) AS pricing_quantity,
       sum(row_count) AS row_count
FROM cost_daily_rollup GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14;
CREATE TEMP TABLE merged_tags ON COMMIT DROP AS
SELECT tag_key, tag_value, charge_date, source_id, provider_name, billing_account_id, sum(billed_cost) AS billed_cost,
       sum(effective_cost) AS effective_cost, sum(list_cost) AS list_cost, sum(contracted_cost) AS contracted_cost,
       sum(row_count) AS row_count
FROM cost_tag_daily_rollup GROUP BY 1, 2, 3, 4, 5, 6;
DELETE FROM cost_daily_rollup;
DELETE FROM cost_tag_daily_rollup;
ALTER TABLE cost_daily_rollup DROP COLUMN billing_period_start, DROP COLUMN billing_period_end;
ALTER TABLE cost_tag_daily_rollup DROP COLUMN billing_period_start;
INSERT INTO cost_daily_rollup (charge_date, source_id, provider_name, billing_account_id, billing_account_name,
                               sub_account_id, sub_account_name, service_name, service_category, region_id,
                               charge_category, pricing_category, commitment_discount_status, billing_currency,
                               billed_cost, effective_cost, list_cost, contracted_cost, pricing_quantity, row_count)
SELECT * FROM merged_daily;
INSERT INTO cost_tag_daily_rollup (tag_key, tag_value, charge_date, source_id, provider_name, billing_account_id,
                                   billed_cost, effective_cost, list_cost, contracted_cost, row_count)
SELECT * FROM merged_tags;
