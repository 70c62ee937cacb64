// Loads the demo dataset into the cost store in one transaction: line items through the regular ingestion path
// (so the rollups and source bookkeeping are the real ones), then utilisation and budgets. A reload replaces the
// previous demo data of every kind instead of adding to it.
import type { Database } from "../../adapters/db/database.ts";
import type { SqlDriver } from "../../adapters/db/driver.ts";
import { ingestDemoRecords, type IngestReport } from "../ingest/ingest.ts";
import { demoBudgets, type DemoBudget } from "./budgets.ts";
import { yesterdayUtc } from "./calendar.ts";
import type { DemoIncident } from "./incidents.ts";
import { generateUtilisation, type UtilisationRow } from "./utilisation.ts";
import { planDemoWorld, type DemoOptions } from "./world.ts";

// 12 months at a size embedded PGlite loads in ~8 s on a 2-core machine (line items ~7 s: the records are generated
// and parsed in a worker thread while PGlite stores them; then utilisation and budgets).
export const DEFAULT_DEMO = { seed: 42, months: 12, rows: 150_000 } as const;
export const DEMO_SOURCE_NAME = "demo";

export interface LoadDemoOptions {
  seed?: number;
  months?: number;
  rows?: number;
  /** Last day with data, YYYY-MM-DD; default the last complete UTC day. */
  endDate?: string;
  onProgress?: (progress: DemoLoadProgress) => void;
  signal?: AbortSignal;
}

export interface DemoLoadProgress {
  phase: "line-items" | "utilisation" | "budgets";
  done: number;
  total: number;
}

export interface DemoLoadReport {
  options: DemoOptions;
  ingest: IngestReport;
  utilisationRows: number;
  budgets: DemoBudget[];
  incidents: DemoIncident[];
  durationMs: number;
}

const UTILISATION_BATCH = 5000;

export async function loadDemoDataset(db: Pick<Database, "sql" | "kind">, options: LoadDemoOptions = {}): Promise<DemoLoadReport> {
  const started = Date.now();
  const demo: DemoOptions = {
    seed: options.seed ?? DEFAULT_DEMO.seed,
    months: options.months ?? DEFAULT_DEMO.months,
    rows: options.rows ?? DEFAULT_DEMO.rows,
    endDate: options.endDate ?? yesterdayUtc(),
  };
  const plan = planDemoWorld(demo);
  const progress = options.onProgress ?? (() => undefined);
  return db.sql.transaction(async (tx) => {
    await removeDemoData(tx);
    const ingest = await ingestDemoRecords({ sql: tx, kind: db.kind }, demo, {
      sourceName: DEMO_SOURCE_NAME,
      isDemo: true,
      signal: options.signal,
      onProgress: (p) => progress({ phase: "line-items", done: p.rowsRead, total: plan.expectedRows }),
    });
    // Rejected means the generator and the FOCUS parser disagree: a bug here, never a partial demo.
    if (ingest.status !== "imported") throw new Error(`demo line items were rejected: ${ingest.message}`);

    const utilisationTotal = plan.resources.reduce((n, r) => n + (r.instance ? r.endDay - r.startDay : 0), 0);
    let utilisationRows = 0;
    let batch: UtilisationRow[] = [];
    for (const row of generateUtilisation(plan)) {
      batch.push(row);
      if (batch.length === UTILISATION_BATCH) {
        utilisationRows += await insertUtilisation(tx, batch);
        batch = [];
        options.signal?.throwIfAborted();
        progress({ phase: "utilisation", done: utilisationRows, total: utilisationTotal });
      }
    }
    utilisationRows += await insertUtilisation(tx, batch);
    progress({ phase: "utilisation", done: utilisationRows, total: utilisationTotal });

    const budgets = demoBudgets(plan);
    await insertBudgets(tx, budgets);
    progress({ phase: "budgets", done: budgets.length, total: budgets.length });
    return { options: demo, ingest, utilisationRows, budgets, incidents: plan.incidents, durationMs: Date.now() - started };
  });
}

/** Deletes every trace of an earlier demo load: its utilisation (by the resources it billed), budgets and sources. */
async function removeDemoData(tx: SqlDriver): Promise<void> {
  const [clash] = await tx.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM cost_sources WHERE source_key = $1 AND NOT is_demo`,
    [DEMO_SOURCE_NAME],
  );
  if (clash.n > 0) throw new Error(`an imported source is named "${DEMO_SOURCE_NAME}"; rename it before loading the demo`);
  await tx.query(
    `DELETE FROM resource_utilization_daily u
     USING (SELECT DISTINCT li.resource_id FROM cost_line_items li JOIN cost_sources s ON s.id = li.source_id
            WHERE s.is_demo AND li.resource_id IS NOT NULL) d
     WHERE u.resource_id = d.resource_id`,
  );
  await tx.query(`DELETE FROM budgets WHERE filters @> '{"demo": true}'::jsonb`);
  await tx.query(`DELETE FROM cost_sources WHERE is_demo`);
}

async function insertUtilisation(tx: SqlDriver, rows: readonly UtilisationRow[]): Promise<number> {
  if (rows.length === 0) return 0;
  const pick = (key: keyof UtilisationRow) => rows.map((r) => r[key]);
  await tx.query(
    `INSERT INTO resource_utilization_daily
       (resource_id, usage_date, provider_name, resource_type, instance_type, cpu_p95, cpu_avg, mem_p95, mem_avg)
     SELECT * FROM unnest($1::text[], $2::date[], $3::text[], $4::text[], $5::text[],
                          $6::numeric[], $7::numeric[], $8::numeric[], $9::numeric[])
     ON CONFLICT (resource_id, usage_date) DO UPDATE SET
       provider_name = EXCLUDED.provider_name, resource_type = EXCLUDED.resource_type, instance_type = EXCLUDED.instance_type,
       cpu_p95 = EXCLUDED.cpu_p95, cpu_avg = EXCLUDED.cpu_avg, mem_p95 = EXCLUDED.mem_p95, mem_avg = EXCLUDED.mem_avg`,
    [pick("resourceId"), pick("usageDate"), pick("providerName"), pick("resourceType"), pick("instanceType"),
      pick("cpuP95"), pick("cpuAvg"), pick("memP95"), pick("memAvg")],
  );
  return rows.length;
}

async function insertBudgets(tx: SqlDriver, budgets: readonly DemoBudget[]): Promise<void> {
  for (const b of budgets) {
    await tx.query(
      `INSERT INTO budgets (name, amount, currency, period, start_date, end_date, filters) VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb)`,
      [b.name, b.amount, b.currency, b.period, b.startDate, b.endDate, JSON.stringify(b.filters)],
    );
  }
}

/** Whether the cost store holds any line item. */
export async function hasCostData(db: Pick<Database, "sql">): Promise<boolean> {
  const [row] = await db.sql.query<{ present: boolean }>(`SELECT EXISTS (SELECT 1 FROM cost_line_items) AS present`);
  return row.present;
}

/** True when there are cost sources and every one of them is demo data: the UI shows the demo banner. */
export async function isDemoData(db: Pick<Database, "sql">): Promise<boolean> {
  const [row] = await db.sql.query<{ total: number; demo: number }>(
    `SELECT count(*)::int AS total, (count(*) FILTER (WHERE is_demo))::int AS demo FROM cost_sources`,
  );
  return row.total > 0 && row.total === row.demo;
}
