DROP TRIGGER "trg_cost_daily_rollup_changed" ON "cost_daily_rollup";
DROP TRIGGER "trg_cost_sources_changed" ON "cost_sources";
DROP FUNCTION "notify_cost_data_changed"();
