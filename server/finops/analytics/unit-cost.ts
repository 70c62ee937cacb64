// Unit cost: what one unit of usage costs — a GB-month stored, an hour of compute, a million requests — per service
// and FOCUS PricingUnit: the metric summed over the period's usage line items divided by their PricingQuantity
// (the quantity in the unit the price is stated in). The FinOps Foundation's unit economics start here: a bill that
// grows while the unit cost falls is growth, not waste. Only Usage charges count: purchases, credits and taxes have
// no quantity of the service behind them. Line items, not rollups: the rollups do not keep the pricing unit.
import { z } from "zod";
import type { Database } from "../../adapters/db/database.ts";
import {
  filtersSchema,
  METRIC_COLUMNS,
  metricSchema,
  normalizeDecimal,
  periodSchema,
  provenanceOf,
  SqlParams,
  whereClauses,
  type Analysis,
  type Metric,
  type Period,
} from "./scope.ts";

/** Decimals a unit cost keeps, the store's scale: a request is priced in millionths of a dollar. */
export const UNIT_COST_SCALE = 10;

export const unitCostInput = z.object({
  period: periodSchema,
  filters: filtersSchema,
  metric: metricSchema,
  limit: z.number().int().min(1, "Show at least one row.").max(200).default(20),
  /** Each SKU on its own (a model's input and output tokens are priced apart), not the service's blend of them. */
  bySku: z.boolean().default(false),
});

export interface UnitCostRow {
  serviceName: string;
  /** With bySku: the FOCUS SkuId (null for usage with none) and a ChargeDescription of it. */
  skuId?: string | null;
  description?: string | null;
  pricingUnit: string;
  /** Sum of PricingQuantity, in pricingUnit. */
  quantity: string;
  /** Sum of the metric. */
  cost: string;
  /** cost ÷ quantity, rounded to UNIT_COST_SCALE decimals; null when the quantity sums to zero. */
  unitCost: string | null;
}

export interface UnitCosts {
  period: Period;
  metric: Metric;
  /** By cost, largest first. */
  rows: UnitCostRow[];
  /** How many (service, unit) pairs there are in scope; rows show at most `limit`. */
  pairCount: number;
}

export async function unitCosts(db: Pick<Database, "sql">, raw: z.input<typeof unitCostInput>): Promise<Analysis<UnitCosts>> {
  const input = unitCostInput.parse(raw);
  const params = new SqlParams();
  const metric = METRIC_COLUMNS[input.metric];
  const where = [
    ...whereClauses({ table: "cost_line_items", alias: "t", period: input.period, filters: input.filters, params }),
    "t.charge_category = 'Usage'",
    "t.pricing_unit IS NOT NULL",
    "t.pricing_quantity IS NOT NULL",
  ];
  const limit = params.add(input.limit);
  const sku = input.bySku ? ", t.sku_id" : "";
  const sql = `WITH pairs AS (
      SELECT t.service_name${sku}, t.pricing_unit, sum(t.pricing_quantity) AS quantity, sum(t.${metric}) AS cost${input.bySku ? ", min(t.charge_description) AS description" : ""}
      FROM cost_line_items t WHERE ${where.join(" AND ")}
      GROUP BY t.service_name${sku}, t.pricing_unit)
    SELECT service_name${input.bySku ? ", sku_id, description" : ""}, pricing_unit, quantity::text AS quantity, cost::text AS cost,
           round(cost / nullif(quantity, 0), ${UNIT_COST_SCALE})::text AS unit_cost, count(*) OVER () AS pairs
    FROM pairs ORDER BY abs(cost) DESC, service_name${input.bySku ? ", sku_id" : ""}, pricing_unit LIMIT ${limit}`;
  const rows = await db.sql.query<{
    service_name: string; sku_id?: string | null; description?: string | null; pricing_unit: string; quantity: string; cost: string; unit_cost: string | null; pairs: string | number;
  }>(sql, params.values);
  return {
    data: {
      period: input.period,
      metric: input.metric,
      rows: rows.map((r) => ({
        serviceName: r.service_name,
        ...(input.bySku ? { skuId: r.sku_id ?? null, description: r.description ?? null } : {}),
        pricingUnit: r.pricing_unit,
        quantity: normalizeDecimal(r.quantity),
        cost: normalizeDecimal(r.cost),
        unitCost: r.unit_cost === null ? null : normalizeDecimal(r.unit_cost),
      })),
      pairCount: Number(rows[0]?.pairs ?? 0),
    },
    provenance: [provenanceOf(`${input.metric} per pricing unit, by service${input.bySku ? " and SKU" : ""}`, input, "cost_line_items", sql, params)],
  };
}

export const unitCostTrendInput = z.object({
  period: periodSchema,
  filters: filtersSchema,
  metric: metricSchema,
  /** The one service and pricing unit followed ("AWS Lambda", "Requests"): unit costs in different units do not add up. */
  serviceName: z.string().trim().min(1, "Name the service whose unit cost to follow.").max(200, "A service name is at most 200 characters."),
  pricingUnit: z.string().trim().min(1, "Name the pricing unit to follow (such as GB-Mo or Requests).").max(100, "A pricing unit is at most 100 characters."),
});

export interface UnitCostPoint {
  /** The month's first day, YYYY-MM-DD. */
  month: string;
  quantity: string;
  cost: string;
  /** cost ÷ quantity, rounded to UNIT_COST_SCALE decimals; null when the quantity sums to zero. */
  unitCost: string | null;
}

export interface UnitCostTrend {
  period: Period;
  metric: Metric;
  serviceName: string;
  pricingUnit: string;
  /** The months with usage of the pair in the period, oldest first. */
  points: UnitCostPoint[];
}

/** One service's unit cost in one pricing unit, month by month: is what a GB-month or a request costs going down? */
export async function unitCostTrend(db: Pick<Database, "sql">, raw: z.input<typeof unitCostTrendInput>): Promise<Analysis<UnitCostTrend>> {
  const input = unitCostTrendInput.parse(raw);
  const params = new SqlParams();
  const metric = METRIC_COLUMNS[input.metric];
  const where = [
    ...whereClauses({ table: "cost_line_items", alias: "t", period: input.period, filters: input.filters, params }),
    "t.charge_category = 'Usage'",
    `t.service_name = ${params.add(input.serviceName)}`,
    `t.pricing_unit = ${params.add(input.pricingUnit)}`,
    "t.pricing_quantity IS NOT NULL",
  ];
  const sql = `WITH months AS (
      SELECT date_trunc('month', t.charge_date)::date AS month, sum(t.pricing_quantity) AS quantity, sum(t.${metric}) AS cost
      FROM cost_line_items t WHERE ${where.join(" AND ")}
      GROUP BY 1)
    SELECT to_char(month, 'YYYY-MM-DD') AS month, quantity::text AS quantity, cost::text AS cost,
           round(cost / nullif(quantity, 0), ${UNIT_COST_SCALE})::text AS unit_cost
    FROM months ORDER BY month`;
  const rows = await db.sql.query<{ month: string; quantity: string; cost: string; unit_cost: string | null }>(sql, params.values);
  return {
    data: {
      period: input.period,
      metric: input.metric,
      serviceName: input.serviceName,
      pricingUnit: input.pricingUnit,
      points: rows.map((r) => ({
        month: r.month,
        quantity: normalizeDecimal(r.quantity),
        cost: normalizeDecimal(r.cost),
        unitCost: r.unit_cost === null ? null : normalizeDecimal(r.unit_cost),
      })),
    },
    provenance: [provenanceOf(`${input.metric} per ${input.pricingUnit} of ${input.serviceName}, by month`, input, "cost_line_items", sql, params)],
  };
}
