DROP TABLE IF EXISTS budgets;
DROP TABLE IF EXISTS resource_utilization_daily;
DROP TABLE IF EXISTS cost_tag_daily_rollup;
DROP TABLE IF EXISTS cost_daily_rollup;
DROP TABLE IF EXISTS cost_line_items;
DROP TABLE IF EXISTS cost_sources;
