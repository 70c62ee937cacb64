// Savings already realised, from the four FOCUS cost columns of usage charges.
//
// Definitions (all over ChargeCategory = Usage rows; purchases, tax and credits are not consumption at a price):
//   negotiated savings  = ListCost - ContractedCost       (negotiated / contracted discounts off list price)
//   commitment savings  = ContractedCost - EffectiveCost  (reservations / savings plans; unused commitment appears
//                                                         as Usage rows with EffectiveCost > 0 and lowers this),
//                                                         over all usage but spot
//   spot savings        = ContractedCost - EffectiveCost  of spot / preemptible usage (PricingCategory Dynamic), which
//                                                         some exports price at the contracted on-demand rate
//   total savings       = ListCost - EffectiveCost         (= negotiated + commitment + spot)
//   effective savings rate (ESR) = total savings / ListCost
// ESR follows the FinOps Foundation "Effective Savings Rate" KPI: (on-demand equivalent - actual amortised spend) /
// on-demand equivalent, with ListCost as the on-demand equivalent and EffectiveCost as the amortised spend.
import { z } from "zod";
import type { Database } from "../../adapters/db/database.ts";
import {
  chooseTable,
  filtersSchema,
  fromUnits,
  periodSchema,
  provenanceOf,
  ratio,
  SqlParams,
  toUnits,
  whereClauses,
  type Analysis,
  type Filters,
} from "./scope.ts";

export const SAVINGS_DEFINITIONS = {
  scope: "Usage charges only (ChargeCategory = Usage).",
  negotiatedSavings: "ListCost - ContractedCost",
  commitmentSavings: "ContractedCost - EffectiveCost, over all usage but spot",
  spotSavings: "ContractedCost - EffectiveCost of spot usage (PricingCategory = Dynamic)",
  totalSavings: "ListCost - EffectiveCost",
  effectiveSavingsRate: "(ListCost - EffectiveCost) / ListCost — FinOps Foundation Effective Savings Rate (ESR)",
} as const;

export const savingsMetricsInput = z.object({ period: periodSchema, filters: filtersSchema });
export type SavingsMetricsInput = z.output<typeof savingsMetricsInput>;

export interface SavingsFigures {
  listCost: string;
  contractedCost: string;
  effectiveCost: string;
  negotiatedSavings: string;
  commitmentSavings: string;
  /** What spot and preemptible usage saved against its contracted rate. */
  spotSavings: string;
  totalSavings: string;
  /** totalSavings / listCost as a fraction (0.25 = 25 %); null when listCost is zero. */
  effectiveSavingsRate: number | null;
}

export interface SavingsMetrics {
  definitions: typeof SAVINGS_DEFINITIONS;
  total: SavingsFigures;
  byProvider: Array<SavingsFigures & { provider: string }>;
  /**
   * Commitment savings of each kind of commitment (FOCUS CommitmentDiscountType: "Savings Plan", "Reserved Instance",
   * "Committed Use Discount"…), from the usage rows each covered or left unused; they add up to total.commitmentSavings
   * less the savings on rows that name no commitment (none, when the data is consistent).
   */
  byCommitmentType: Array<{ commitmentDiscountType: string; provider: string; commitmentSavings: string }>;
}

function figures(list: bigint, contracted: bigint, effective: bigint, spot: bigint): SavingsFigures {
  return {
    listCost: fromUnits(list),
    contractedCost: fromUnits(contracted),
    effectiveCost: fromUnits(effective),
    negotiatedSavings: fromUnits(list - contracted),
    commitmentSavings: fromUnits(contracted - effective - spot),
    spotSavings: fromUnits(spot),
    totalSavings: fromUnits(list - effective),
    effectiveSavingsRate: ratio(list - effective, list),
  };
}

export async function savingsMetrics(db: Pick<Database, "sql">, raw: z.input<typeof savingsMetricsInput>): Promise<Analysis<SavingsMetrics>> {
  const input = savingsMetricsInput.parse(raw);
  // Savings are defined on usage: a chargeCategories filter cannot widen that, only leave it or empty it.
  const categories = input.filters.chargeCategories;
  const usageSelected = !categories || categories.includes("Usage");
  const filters: Filters = { ...input.filters, chargeCategories: usageSelected ? ["Usage"] : ["(Usage not selected)"] };
  const table = chooseTable({ filters });
  const params = new SqlParams();
  const where = whereClauses({ table, alias: "t", period: input.period, filters, params });
  const sql = `SELECT t.provider_name AS provider, sum(t.list_cost)::text AS list, sum(t.contracted_cost)::text AS contracted,
      sum(t.effective_cost)::text AS effective,
      coalesce(sum(t.contracted_cost - t.effective_cost) FILTER (WHERE t.pricing_category = 'Dynamic'), 0)::text AS spot
    FROM ${table} t WHERE ${where.join(" AND ")} GROUP BY t.provider_name ORDER BY t.provider_name`;
  const rows = await db.sql.query<{ provider: string; list: string; contracted: string; effective: string; spot: string }>(sql, params.values);
  let list = 0n;
  let contracted = 0n;
  let effective = 0n;
  let spot = 0n;
  const byProvider = rows.map((r) => {
    const [l, c, e, s] = [toUnits(r.list), toUnits(r.contracted), toUnits(r.effective), toUnits(r.spot)];
    list += l;
    contracted += c;
    effective += e;
    spot += s;
    return { provider: r.provider, ...figures(l, c, e, s) };
  });
  // The commitment's kind is on line items only (the rollups keep its status, not its type).
  const typeParams = new SqlParams();
  const typeWhere = whereClauses({ table: "cost_line_items", alias: "t", period: input.period, filters, params: typeParams });
  const typeSql = `SELECT t.commitment_discount_type AS type, t.provider_name AS provider, sum(t.contracted_cost - t.effective_cost)::text AS savings
    FROM cost_line_items t WHERE ${typeWhere.join(" AND ")} AND t.commitment_discount_id IS NOT NULL
    GROUP BY 1, 2 ORDER BY 1, 2`;
  const types = await db.sql.query<{ type: string | null; provider: string; savings: string }>(typeSql, typeParams.values);
  const byCommitmentType = types.map((r) => ({ commitmentDiscountType: r.type ?? "(no type)", provider: r.provider, commitmentSavings: fromUnits(toUnits(r.savings)) }));
  return {
    data: { definitions: SAVINGS_DEFINITIONS, total: figures(list, contracted, effective, spot), byProvider, byCommitmentType },
    provenance: [
      provenanceOf("List, contracted and effective cost of usage by provider", { period: input.period, filters, metric: null }, table, sql, params),
      provenanceOf("Commitment savings of usage by commitment type", { period: input.period, filters, metric: null }, "cost_line_items", typeSql, typeParams),
    ],
  };
}
