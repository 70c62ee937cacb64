// Budget coverage: which values of a dimension (sub-accounts, billing accounts, providers, services, a tag's values)
// have a budget of their own, and which broader budgets (a provider's, a team's, the total) hold some of their spend.
// Spend is the month to date of `asOf`, all charge categories, as budgets count it (budgets.ts).
import { z } from "zod";
import type { Database } from "../../adapters/db/database.ts";
import { costBreakdown, type BreakdownRow } from "./breakdown.ts";
import { budgetScope, isActive, readBudgets, type BudgetFilters, type BudgetRow } from "./budgets.ts";
import { isPlaceholderValue, addDays, daySchema, METRIC_COLUMNS, metricSchema, normalizeDecimal, provenanceOf, ratio, SqlParams, toUnits, whereClauses, type Analysis, type Metric, type Period, type Provenance } from "./scope.ts";

/** The dimensions a budget can be scoped to (budgets.filters), each with the filter field that names its value. */
const OWN_BUDGET_FIELD = {
  ProviderName: "provider",
  BillingAccountId: "billingAccountId",
  SubAccountId: "subAccountId",
  ServiceName: "serviceName",
} as const satisfies Record<string, keyof BudgetFilters>;
export const BUDGET_DIMENSIONS = [...(Object.keys(OWN_BUDGET_FIELD) as (keyof typeof OWN_BUDGET_FIELD)[]), "Tag"] as const;
export type BudgetDimension = (typeof BUDGET_DIMENSIONS)[number];

/** Values listed at most: a breakdown's own limit. */
const MAX_VALUES = 1000;

export const budgetCoverageInput = z
  .object({
    /** The last day counted: coverage is of the month to date. */
    asOf: daySchema,
    dimension: z.enum(BUDGET_DIMENSIONS, { error: `Budgets are kept per ${BUDGET_DIMENSIONS.join(", ")}.` }).default("SubAccountId"),
    tagKey: z.string().trim().min(1, "Name the tag key.").max(200).optional(),
    metric: metricSchema,
    /** Budgets in this currency, against spend billed in it (amounts in different currencies are never added). */
    currency: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{3}$/, "Currencies are ISO 4217 codes such as USD or EUR.")
      .default("USD"),
  })
  .refine((i) => i.dimension !== "Tag" || i.tagKey, { message: "Coverage by Tag needs a tagKey.", path: ["tagKey"] });
export type BudgetCoverageInput = z.output<typeof budgetCoverageInput>;

/** A budget's part of one value's spend. */
export interface BudgetShare {
  id: string;
  name: string;
  /** The value's spend the budget counts. */
  amount: string;
  /** amount / the value's spend; null when that spend is zero. */
  share: number | null;
}

export interface BudgetCoverageRow {
  /** The dimension value; null for spend without one (no sub-account, untagged), which no budget of its own can hold. */
  key: string | null;
  /** A tag value that is a placeholder ("TBD", "n/a"): it names no one, like untagged spend (tag-coverage.ts). */
  placeholder: boolean;
  label: string;
  name?: string | null;
  amount: string;
  value: number;
  /** Budgets scoped to this value (with or without further filters). */
  own: BudgetShare[];
  /** Other budgets that count some of its spend (a provider's, a team's, the total), largest part first. */
  others: BudgetShare[];
}

export interface BudgetCoverage {
  dimension: BudgetDimension;
  tagKey: string | null;
  metric: Metric;
  currency: string;
  /** Month to date: the first of asOf's month through asOf. */
  period: Period;
  /** The active budgets in `currency`, the ones counted. */
  budgets: { id: string; name: string; filters: BudgetFilters }[];
  /** By spend, largest first; at most MAX_VALUES. */
  rows: BudgetCoverageRow[];
  /** How many values had spend (rows lists at most MAX_VALUES of them). */
  valueCount: number;
  /**
   * The spend in `currency` over the period, the part at least one budget counts, and the part a budget narrower than
   * the whole bill counts (one scoped to a provider, account, service or tag value).
   */
  spend: { total: string; inAnyBudget: string; inNarrowerBudget: string };
}

/** Whether a budget is scoped to one value of the dimension. */
function ownBudgetOf(budget: BudgetRow, input: BudgetCoverageInput): string | null {
  if (input.dimension === "Tag") return budget.filters.tag?.key === input.tagKey ? (budget.filters.tag?.value ?? null) : null;
  return budget.filters[OWN_BUDGET_FIELD[input.dimension]] ?? null;
}

export async function budgetCoverage(db: Pick<Database, "sql">, raw: z.input<typeof budgetCoverageInput>): Promise<Analysis<BudgetCoverage>> {
  const input = budgetCoverageInput.parse(raw);
  const period = { start: `${input.asOf.slice(0, 7)}-01`, end: addDays(input.asOf, 1) };
  const { budgets: stored, provenance: read } = await readBudgets(db);
  const budgets = stored.filter((b) => isActive(b, input.asOf) && b.currency === input.currency);
  const grouping = { period, metric: input.metric, dimension: input.dimension, tagKey: input.tagKey, limit: MAX_VALUES, includeOthers: false };

  const all = await costBreakdown(db, { ...grouping, filters: { billingCurrencies: [input.currency] } });
  const provenance: Provenance[] = [read, ...all.provenance];
  const rows: BudgetCoverageRow[] = all.data.rows.map((r: BreakdownRow) => ({
    key: r.key,
    placeholder: input.dimension === "Tag" && r.key !== null && isPlaceholderValue(r.key),
    label: r.label,
    ...(r.name !== undefined ? { name: r.name } : {}),
    amount: r.amount,
    value: r.value,
    own: [],
    others: [],
  }));
  const byKey = new Map(rows.map((r) => [r.key, r]));
  for (const budget of budgets) {
    const within = await costBreakdown(db, { ...grouping, filters: budgetScope(budget.filters, budget.currency) });
    provenance.push(...within.provenance.slice(0, 1).map((p) => ({ ...p, description: `${p.description} within budget "${budget.name}"` })));
    const own = ownBudgetOf(budget, input);
    const parts = new Map(within.data.rows.map((r) => [r.key, r.amount]));
    for (const row of rows) {
      const amount = parts.get(row.key);
      const isOwn = own !== null && row.key === own;
      if (!isOwn && (amount === undefined || toUnits(amount) === 0n)) continue;
      const part = amount ?? "0";
      (isOwn ? row.own : row.others).push({ id: budget.id, name: budget.name, amount: part, share: ratio(toUnits(part), toUnits(row.amount)) });
    }
    // A budget of its own for a value with no spend this month: listed, at zero.
    if (own !== null && !byKey.has(own)) {
      const row: BudgetCoverageRow = { key: own, placeholder: false, label: own, amount: "0", value: 0, own: [{ id: budget.id, name: budget.name, amount: "0", share: null }], others: [] };
      rows.push(row);
      byKey.set(own, row);
    }
  }
  for (const row of rows) row.others.sort((a, b) => Number(b.amount) - Number(a.amount) || a.name.localeCompare(b.name));
  const spend = await spendInBudgets(db, period, input.metric, input.currency, budgets);
  provenance.push(spend.provenance);
  return {
    data: {
      dimension: input.dimension,
      tagKey: input.dimension === "Tag" ? input.tagKey! : null,
      metric: input.metric,
      currency: input.currency,
      period,
      budgets: budgets.map((b) => ({ id: b.id, name: b.name, filters: b.filters })),
      rows,
      valueCount: all.data.valueCount,
      spend: spend.data,
    },
    provenance,
  };
}

/**
 * The period's spend, and the parts of it at least one budget (and one narrower than the whole bill) counts: one scan,
 * each budget's scope a condition, so spend two budgets share is counted once.
 */
async function spendInBudgets(
  db: Pick<Database, "sql">,
  period: Period,
  metric: Metric,
  currency: string,
  budgets: BudgetRow[],
): Promise<{ data: BudgetCoverage["spend"]; provenance: Provenance }> {
  const params = new SqlParams();
  const where = whereClauses({ table: "cost_line_items", alias: "li", period, filters: { billingCurrencies: [currency] }, params });
  const scopeOf = (budget: BudgetRow) => {
    const conditions = whereClauses({ table: "cost_line_items", alias: "li", period, filters: budgetScope(budget.filters, currency), params });
    return `(${conditions.join(" AND ") || "true"})`;
  };
  const narrower = budgets.filter((b) => Object.keys(budgetScope(b.filters, currency)).length > 1);
  const any = (list: BudgetRow[]) => (list.length ? list.map(scopeOf).join(" OR ") : "false");
  const amount = `li.${METRIC_COLUMNS[metric]}`;
  const sql = `SELECT coalesce(sum(${amount}), 0)::text AS total,
      coalesce(sum(${amount}) FILTER (WHERE ${any(budgets)}), 0)::text AS in_any,
      coalesce(sum(${amount}) FILTER (WHERE ${any(narrower)}), 0)::text AS in_narrower
    FROM cost_line_items li WHERE ${where.join(" AND ")}`;
  const [row] = await db.sql.query<{ total: string; in_any: string; in_narrower: string }>(sql, params.values);
  return {
    data: { total: normalizeDecimal(row!.total), inAnyBudget: normalizeDecimal(row!.in_any), inNarrowerBudget: normalizeDecimal(row!.in_narrower) },
    provenance: provenanceOf("Spend counted by at least one budget, and by one narrower than the whole bill", { period, filters: {}, metric }, "cost_line_items", sql, params),
  };
}
