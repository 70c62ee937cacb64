import type { Database } from "../adapters/db/database.ts";
import { storedCurrencies } from "./analytics/currency.ts";
import { distinctValuesSql } from "./analytics/scope.ts";
import { costDataRange } from "./data-range.ts";

/** A FOCUS ServiceName in the store, with its provider and FOCUS ServiceCategory. */
export interface StoredService {
  readonly name: string;
  readonly provider: string;
  readonly category: string;
}

/**
 * What every question first needs to know of the cost store: the days it covers, its billing currencies and the
 * services it holds (so a question can name a service by the name the data gives it).
 */
export interface CostCatalog {
  /** First and last charge date (inclusive), or null when nothing is loaded. */
  readonly range: Readonly<{ start: string; end: string }> | null;
  readonly currencies: readonly string[];
  /** By name. */
  readonly services: readonly StoredService[];
}

/** The channel the migration's triggers on cost_sources and cost_daily_rollup notify when either changes. */
export const COST_DATA_CHANNEL = "cost_data_changed";

export async function readCostCatalog(db: Pick<Database, "sql">): Promise<CostCatalog> {
  const [range, currencies, services] = await Promise.all([costDataRange(db), storedCurrencies(db), storedServices(db)]);
  return Object.freeze({
    range: range && Object.freeze(range),
    currencies: Object.freeze(currencies),
    services: Object.freeze(services.map((s) => Object.freeze(s))),
  });
}

/**
 * The distinct services of the daily rollup, each with a provider and category. It runs before every question on
 * PostgreSQL, so it walks the (service_name, charge_date) index one name at a time (a loose index scan: one probe per
 * service, which also reads that service's provider and category) instead of reading every rollup row.
 */
export async function storedServices(db: Pick<Database, "sql">): Promise<StoredService[]> {
  return db.sql.query<StoredService>(
    `SELECT n.value AS name, r.provider_name AS provider, r.service_category AS category
     FROM (${distinctValuesSql("cost_daily_rollup", "service_name")}) n
     CROSS JOIN LATERAL (SELECT provider_name, service_category FROM cost_daily_rollup r WHERE r.service_name = n.value LIMIT 1) r
     ORDER BY n.value`,
  );
}

/** The region ids the cost data holds. */
export async function storedRegions(db: Pick<Database, "sql">): Promise<string[]> {
  const rows = await db.sql.query<{ value: string }>(`SELECT value FROM (${distinctValuesSql("cost_daily_rollup", "region_id")}) r WHERE value IS NOT NULL ORDER BY value`);
  return rows.map((r) => r.value);
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
