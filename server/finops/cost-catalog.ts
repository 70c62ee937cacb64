import type { Database } from "../adapters/db/database.ts";
import { storedCurrencies } from "./analytics/currency.ts";
import { costDataRange } from "./data-range.ts";

/** What every question first needs to know of the cost store: the days it covers and its billing currencies. */
export interface CostCatalog {
  /** First and last charge date (inclusive), or null when nothing is loaded. */
  readonly range: Readonly<{ start: string; end: string }> | null;
  readonly currencies: readonly string[];
}

/** The channel the migration's triggers on cost_sources and cost_daily_rollup notify when either changes. */
export const COST_DATA_CHANNEL = "cost_data_changed";

export async function readCostCatalog(db: Pick<Database, "sql">): Promise<CostCatalog> {
  const [range, currencies] = await Promise.all([costDataRange(db), storedCurrencies(db)]);
  return Object.freeze({ range: range && Object.freeze(range), currencies: Object.freeze(currencies) });
}

/**
 * A reader of the catalog that keeps it between questions where the database announces every change to this process
 * (see Database.listen): it drops its copy on each cost_data_changed notification. Elsewhere (PostgreSQL, which other
 * processes write) every call reads afresh.
 */
export function costCatalogReader(db: Pick<Database, "sql" | "listen">): () => Promise<CostCatalog> {
  if (!db.listen) return () => readCostCatalog(db);
  let kept: CostCatalog | null = null;
  // Counts changes, so a read that a change overtook is returned but not kept.
  let changes = 0;
  const listening = db
    .listen(COST_DATA_CHANNEL, () => {
      changes++;
      kept = null;
    })
    .then(
      () => true,
      () => false, // no notifications (e.g. the database is closing): read afresh every time
    );
  return async () => {
    if (!(await listening)) return readCostCatalog(db);
    if (kept) return kept;
    const before = changes;
    const catalog = await readCostCatalog(db);
    if (changes === before) kept = catalog;
    return catalog;
  };
}
