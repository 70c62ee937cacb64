// Amounts billed in different currencies are never added up (FOCUS BillingCurrency is per row, and this product does
// no exchange-rate conversion). Every analysis runs in one billing currency: the only one in the data, the one the
// filters name, or the one the period and filters narrow to.
import type { Database } from "../../adapters/db/database.ts";
import { LINE_ITEM_EXCLUSIONS, LINE_ITEM_FILTERS, SqlParams, whereClauses, type Filters, type Period } from "./scope.ts";

/** The scope holds costs in several billing currencies and no filter picks one. */
export class MixedCurrencyError extends Error {
  constructor(readonly currencies: string[]) {
    super(
      `These costs are billed in ${currencies.join(" and ")}, and amounts in different currencies are not added up. ` +
        `Filter by billing currency (filters.billingCurrencies, e.g. ["${currencies[0]}"]) or by an account billed in one currency.`,
    );
    this.name = "MixedCurrencyError";
  }
}

/** Billing currencies anywhere in the cost store (each import records its own), sorted. */
export async function storedCurrencies(db: Pick<Database, "sql">): Promise<string[]> {
  const rows = await db.sql.query<{ currency: string }>(
    `SELECT DISTINCT unnest(billing_currencies) AS currency FROM cost_sources ORDER BY 1`,
  );
  return rows.map((r) => r.currency);
}

/**
 * Billing currencies in a period and filters, with their share of absolute effective cost, largest first. Read from
 * the daily rollup; tag, resource and SKU filters (and exclusions) are not applied here (the rollup has none of them),
 * which can only add currencies.
 */
export async function currenciesIn(
  db: Pick<Database, "sql">,
  scope: { period?: Period | null; filters?: Filters },
): Promise<Array<{ currency: string; amount: number }>> {
  const params = new SqlParams();
  const filters: Filters = { ...scope.filters, tags: undefined, exclude: scope.filters?.exclude && { ...scope.filters.exclude } };
  for (const field of LINE_ITEM_FILTERS) delete filters[field];
  for (const field of LINE_ITEM_EXCLUSIONS) delete filters.exclude?.[field];
  const where = whereClauses({ table: "cost_daily_rollup", alias: "r", period: scope.period ?? null, filters, params });
  const rows = await db.sql.query<{ currency: string; amount: string | number }>(
    `SELECT r.billing_currency AS currency, sum(abs(r.effective_cost)) AS amount FROM cost_daily_rollup r
     ${where.length ? `WHERE ${where.join(" AND ")}` : ""} GROUP BY 1 ORDER BY 2 DESC, 1`,
    params.values,
  );
  return rows.map((r) => ({ currency: r.currency, amount: Number(r.amount) }));
}

/**
 * The one billing currency a period and filters hold (USD when there is no data), or MixedCurrencyError. Costs the
 * common case nothing: when the whole store is in one currency no cost rows are read.
 */
export async function scopeCurrency(db: Pick<Database, "sql">, scope: { period?: Period | null; filters?: Filters }): Promise<string> {
  const stored = await storedCurrencies(db);
  if (stored.length <= 1) return stored[0] ?? "USD";
  const named = scope.filters?.billingCurrencies ?? [];
  if (named.length === 1) return named[0]!;
  const present = (await currenciesIn(db, scope)).map((c) => c.currency);
  if (present.length <= 1) return present[0] ?? named[0] ?? stored[0]!;
  throw new MixedCurrencyError(present);
}
