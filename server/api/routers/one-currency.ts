import type { Database } from "../../adapters/db/database.ts";
import { AppError } from "../../errors.ts";
import { MixedCurrencyError, scopeCurrency } from "../../finops/analytics/currency.ts";
import type { Filters, Period } from "../../finops/analytics/scope.ts";

/**
 * Runs an analysis only when its scope is in one billing currency, and says which: `{ ...result, currency }`.
 * A scope holding several currencies is refused with a message naming them and the filter that picks one.
 */
export async function inOneCurrency<I extends { period?: Period | null; filters?: Filters }, T extends object>(
  db: Database,
  input: I,
  analysis: (db: Database, input: I) => Promise<T>,
): Promise<T & { currency: string }> {
  let currency: string;
  try {
    currency = await scopeCurrency(db, { period: input.period ?? null, filters: input.filters });
  } catch (error) {
    if (error instanceof MixedCurrencyError) throw new AppError("bad_request:cost", error.message, { cause: error });
    throw error;
  }
  return { ...(await analysis(db, input)), currency };
}
