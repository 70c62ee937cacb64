// SQL of the cost store's write side. Every function takes the transaction's driver so the caller decides the
// transaction boundary (one file = one transaction).
import path from "node:path";
import type { SqlDriver } from "../../adapters/db/driver.ts";
import { DAILY_ROLLUP_COPY_SQL, TAG_ROLLUP_COPY_SQL } from "./copy-rows.ts";

/** The name a re-import is recognised by: the file's base name without format extensions, lower-cased. */
export function sourceKeyFor(fileName: string): string {
  return path
    .basename(fileName.trim())
    .toLowerCase()
    .replace(/(\.csv|\.parquet)?(\.gz)?$/, "");
}

/** Stores the rollup rows an import summed while loading (rollupCopyRows). */
export async function insertRollups(tx: SqlDriver, rollups: { daily: Uint8Array<ArrayBuffer>[]; tags: Uint8Array<ArrayBuffer>[] }): Promise<void> {
  await tx.copyFrom(DAILY_ROLLUP_COPY_SQL, rollups.daily);
  await tx.copyFrom(TAG_ROLLUP_COPY_SQL, rollups.tags);
}

export interface SourceClaim {
  sourceId: string;
  /** The source is new: no earlier import has rows to replace. */
  isNew: boolean;
  /** Every line item that existed before this import has an id <= this (ids come from one sequence). */
  previousMaxId: string;
}

/** Creates the source row or locks the existing one of the same key, so two imports of one file serialise. */
export async function claimSource(
  tx: SqlDriver,
  source: { sourceKey: string; fileName: string; format: string; focusVersion: string },
): Promise<SourceClaim> {
  const [claimed] = await tx.query<{ id: string; inserted: boolean }>(
    `INSERT INTO cost_sources (source_key, file_name, format, focus_version) VALUES ($1, $2, $3, $4)
     ON CONFLICT (source_key) DO UPDATE SET file_name = EXCLUDED.file_name RETURNING id, xmax = 0 AS inserted`,
    [source.sourceKey, source.fileName, source.format, source.focusVersion],
  );
  const [max] = await tx.query<{ max_id: string }>(`SELECT coalesce(max(id), 0)::text AS max_id FROM cost_line_items`);
  return { sourceId: claimed.id, isNew: claimed.inserted, previousMaxId: max.max_id };
}

/**
 * Deletes the earlier import's line items and rollup rows of the billing periods this import brings; returns how many
 * line items. Runs before this import's rollups are stored; its line items are told apart by id.
 */
export async function deleteReplacedRows(tx: SqlDriver, claim: SourceClaim, periodStarts: string[]): Promise<number> {
  if (claim.isNew || periodStarts.length === 0) return 0;
  const [deleted] = await tx.query<{ n: string | number }>(
    `WITH gone AS (
       DELETE FROM cost_line_items
       WHERE source_id = $1 AND id <= $2::bigint AND billing_period_start = ANY($3::timestamptz[])
       RETURNING 1),
     daily AS (DELETE FROM cost_daily_rollup WHERE source_id = $1 AND billing_period_start = ANY($3::timestamptz[])),
     tags AS (DELETE FROM cost_tag_daily_rollup WHERE source_id = $1 AND billing_period_start = ANY($3::timestamptz[]))
     SELECT count(*) AS n FROM gone`,
    [claim.sourceId, claim.previousMaxId, periodStarts],
  );
  return Number(deleted.n);
}

/** Recomputes the source row's totals, periods and currencies from its daily rollup, and stores the import report. */
export async function finishSource(
  tx: SqlDriver,
  sourceId: string,
  meta: { fileName: string; format: string; focusVersion: string; skippedRows: number; report: unknown; importedBy: string | null; isDemo: boolean },
): Promise<void> {
  await tx.query(
    `UPDATE cost_sources s SET
       file_name = $2, format = $3, focus_version = $4, skipped_rows = $5, report = $6::jsonb,
       imported_by = $7::uuid, is_demo = $8, imported_at = now(),
       row_count = a.n, billed_cost_total = a.billed, effective_cost_total = a.effective,
       billing_currencies = coalesce(a.currencies, '{}'),
       billing_periods = coalesce((
         SELECT jsonb_agg(jsonb_build_object('start', ${utcText("p.billing_period_start")}, 'end', ${utcText("p.billing_period_end")})
                          ORDER BY p.billing_period_start, p.billing_period_end)
         FROM (SELECT DISTINCT billing_period_start, billing_period_end FROM cost_daily_rollup WHERE source_id = $1) p
       ), '[]'::jsonb)
     FROM (SELECT coalesce(sum(row_count), 0) AS n, coalesce(sum(billed_cost), 0) AS billed,
                  coalesce(sum(effective_cost), 0) AS effective,
                  array_agg(DISTINCT billing_currency ORDER BY billing_currency) AS currencies
           FROM cost_daily_rollup WHERE source_id = $1) a
     WHERE s.id = $1`,
    [sourceId, meta.fileName, meta.format, meta.focusVersion, meta.skippedRows, JSON.stringify(meta.report), meta.importedBy, meta.isDemo],
  );
}

const utcText = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
