ALTER TABLE cost_line_items DROP COLUMN resource_group;
