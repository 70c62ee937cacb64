-- Every change to the imported sources or the daily rollup (an import, a re-import, a delete, the demo load, or SQL
-- typed by hand) sends a NOTIFY on cost_data_changed when it commits, once per statement. A process that keeps what
-- it read of the cost store (its days and billing currencies) drops its copy when it hears it.
CREATE FUNCTION "notify_cost_data_changed"() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('cost_data_changed', TG_TABLE_NAME);
    RETURN NULL;
END;
$$;

CREATE TRIGGER "trg_cost_sources_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "cost_sources"
    FOR EACH STATEMENT EXECUTE FUNCTION "notify_cost_data_changed"();
CREATE TRIGGER "trg_cost_daily_rollup_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "cost_daily_rollup"
    FOR EACH STATEMENT EXECUTE FUNCTION "notify_cost_data_changed"();
