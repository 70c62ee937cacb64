-- Cost store: imported FOCUS files, their line items, the daily rollups analytics read, and the tables the demo
-- generator fills (utilisation, budgets). Money is numeric, never float: totals must add up to the cent.

CREATE TABLE cost_sources (
  id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- The normalised file name: importing a file of the same name again replaces its billing periods.
  source_key           text NOT NULL UNIQUE,
  file_name            text NOT NULL,
  format               text NOT NULL CHECK (format IN ('csv', 'csv.gz', 'parquet', 'generated')),
  focus_version        text NOT NULL,
  -- [{"start": "2024-01-01T00:00:00.000Z", "end": "2024-02-01T00:00:00.000Z"}, ...] present in the line items.
  billing_periods      jsonb NOT NULL DEFAULT '[]'::jsonb,
  row_count            bigint NOT NULL DEFAULT 0,
  billed_cost_total    numeric(20, 6) NOT NULL DEFAULT 0,
  effective_cost_total numeric(20, 6) NOT NULL DEFAULT 0,
  skipped_rows         integer NOT NULL DEFAULT 0,
  report               jsonb NOT NULL DEFAULT '{}'::jsonb,
  imported_by          uuid REFERENCES users (id) ON DELETE SET NULL,
  imported_at          timestamptz NOT NULL DEFAULT now(),
  is_demo              boolean NOT NULL DEFAULT false
);

CREATE TABLE cost_line_items (
  id                           bigserial PRIMARY KEY,
  source_id                    uuid NOT NULL REFERENCES cost_sources (id) ON DELETE CASCADE,
  billed_cost                  numeric(20, 10) NOT NULL,
  effective_cost               numeric(20, 10) NOT NULL,
  list_cost                    numeric(20, 10) NOT NULL,
  contracted_cost              numeric(20, 10) NOT NULL,
  billing_account_id           text NOT NULL,
  billing_account_name         text,
  billing_account_type         text,
  billing_currency             text NOT NULL,
  billing_period_start         timestamptz NOT NULL,
  billing_period_end           timestamptz NOT NULL,
  charge_category              text NOT NULL
    CHECK (charge_category IN ('Usage', 'Purchase', 'Tax', 'Credit', 'Adjustment')),
  charge_class                 text CHECK (charge_class IN ('Correction')),
  charge_description           text,
  charge_frequency             text CHECK (charge_frequency IN ('One-Time', 'Recurring', 'Usage-Based')),
  charge_period_start          timestamptz NOT NULL,
  charge_period_end            timestamptz NOT NULL,
  invoice_issuer_name          text NOT NULL,
  invoice_id                   text,
  pricing_quantity             numeric(20, 10),
  pricing_unit                 text,
  pricing_category             text CHECK (pricing_category IN ('Standard', 'Dynamic', 'Committed', 'Other')),
  provider_name                text NOT NULL,
  publisher_name               text NOT NULL,
  service_category             text NOT NULL,
  service_subcategory          text,
  service_name                 text NOT NULL,
  resource_id                  text,
  resource_name                text,
  resource_type                text,
  region_id                    text,
  region_name                  text,
  availability_zone            text,
  sub_account_id               text,
  sub_account_name             text,
  sub_account_type             text,
  sku_id                       text,
  sku_price_id                 text,
  list_unit_price              numeric(20, 10),
  contracted_unit_price        numeric(20, 10),
  consumed_quantity            numeric(20, 10),
  consumed_unit                text,
  commitment_discount_id       text,
  commitment_discount_name     text,
  commitment_discount_category text CHECK (commitment_discount_category IN ('Spend', 'Usage')),
  commitment_discount_type     text,
  commitment_discount_status   text CHECK (commitment_discount_status IN ('Used', 'Unused')),
  capacity_reservation_id      text,
  capacity_reservation_status  text CHECK (capacity_reservation_status IN ('Used', 'Unused')),
  tags                         jsonb,
  extras                       jsonb,
  -- The UTC day a charge starts on: the grain of every rollup.
  charge_date                  date GENERATED ALWAYS AS ((charge_period_start AT TIME ZONE 'UTC')::date) STORED
);

-- Re-imports delete by (source, billing period); analytics filter by day, service and resource.
CREATE INDEX cost_line_items_source_period_idx ON cost_line_items (source_id, billing_period_start);
CREATE INDEX cost_line_items_charge_date_idx ON cost_line_items (charge_date);
CREATE INDEX cost_line_items_service_date_idx ON cost_line_items (service_name, charge_date);
CREATE INDEX cost_line_items_resource_date_idx ON cost_line_items (resource_id, charge_date) WHERE resource_id IS NOT NULL;

CREATE TABLE cost_daily_rollup (
  charge_date                date NOT NULL,
  source_id                  uuid NOT NULL REFERENCES cost_sources (id) ON DELETE CASCADE,
  provider_name              text NOT NULL,
  billing_account_id         text NOT NULL,
  billing_account_name       text,
  sub_account_id             text,
  sub_account_name           text,
  service_name               text NOT NULL,
  service_category           text NOT NULL,
  region_id                  text,
  charge_category            text NOT NULL,
  pricing_category           text,
  commitment_discount_status text,
  billing_currency           text NOT NULL,
  billed_cost                numeric(20, 10) NOT NULL,
  effective_cost             numeric(20, 10) NOT NULL,
  list_cost                  numeric(20, 10) NOT NULL,
  contracted_cost            numeric(20, 10) NOT NULL,
  pricing_quantity           numeric(20, 10),
  row_count                  bigint NOT NULL
);

CREATE INDEX cost_daily_rollup_source_idx ON cost_daily_rollup (source_id);
CREATE INDEX cost_daily_rollup_date_idx ON cost_daily_rollup (charge_date);
CREATE INDEX cost_daily_rollup_service_date_idx ON cost_daily_rollup (service_name, charge_date);
CREATE INDEX cost_daily_rollup_account_date_idx ON cost_daily_rollup (billing_account_id, charge_date);
CREATE INDEX cost_daily_rollup_provider_date_idx ON cost_daily_rollup (provider_name, charge_date);

CREATE TABLE cost_tag_daily_rollup (
  charge_date        date NOT NULL,
  source_id          uuid NOT NULL REFERENCES cost_sources (id) ON DELETE CASCADE,
  tag_key            text NOT NULL,
  tag_value          text,
  provider_name      text NOT NULL,
  billing_account_id text NOT NULL,
  sub_account_id     text,
  service_name       text NOT NULL,
  billed_cost        numeric(20, 10) NOT NULL,
  effective_cost     numeric(20, 10) NOT NULL,
  list_cost          numeric(20, 10) NOT NULL,
  contracted_cost    numeric(20, 10) NOT NULL,
  row_count          bigint NOT NULL
);

CREATE INDEX cost_tag_daily_rollup_source_idx ON cost_tag_daily_rollup (source_id);
CREATE INDEX cost_tag_daily_rollup_tag_date_idx ON cost_tag_daily_rollup (tag_key, tag_value, charge_date);
CREATE INDEX cost_tag_daily_rollup_date_idx ON cost_tag_daily_rollup (charge_date);

CREATE TABLE resource_utilization_daily (
  resource_id   text NOT NULL,
  usage_date    date NOT NULL,
  provider_name text NOT NULL,
  resource_type text,
  instance_type text,
  cpu_p95       numeric(6, 2),
  cpu_avg       numeric(6, 2),
  mem_p95       numeric(6, 2),
  mem_avg       numeric(6, 2),
  PRIMARY KEY (resource_id, usage_date)
);

CREATE INDEX resource_utilization_daily_date_idx ON resource_utilization_daily (usage_date);

CREATE TABLE budgets (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name       text NOT NULL,
  amount     numeric(20, 2) NOT NULL CHECK (amount >= 0),
  currency   text NOT NULL DEFAULT 'USD',
  period     text NOT NULL CHECK (period IN ('monthly', 'quarterly', 'annual')),
  start_date date NOT NULL,
  end_date   date CHECK (end_date IS NULL OR end_date >= start_date),
  -- {"provider"?, "billingAccountId"?, "serviceName"?, "tag"?: {"key", "value"}}
  filters    jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at timestamptz NOT NULL DEFAULT now()
);
