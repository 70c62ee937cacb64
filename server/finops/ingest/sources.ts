import { z } from "zod";
import type { Database } from "../../adapters/db/database.ts";
import { trimDecimal } from "./exact-sum.ts";

export interface CostSource {
  id: string;
  sourceKey: string;
  fileName: string;
  format: string;
  focusVersion: string;
  billingPeriods: { start: string; end: string }[];
  rowCount: number;
  /** Exact decimal strings. */
  billedCostTotal: string;
  effectiveCostTotal: string;
  skippedRows: number;
  /** The importing user's id and email (null for the demo loader and the command line; the email is null too once the user is deleted). */
  importedBy: string | null;
  importedByEmail: string | null;
  importedAt: Date;
  isDemo: boolean;
}

interface SourceRow {
  id: string;
  source_key: string;
  file_name: string;
  format: string;
  focus_version: string;
  billing_periods: { start: string; end: string }[] | string;
  row_count: number | string;
  billed_cost_total: string;
  effective_cost_total: string;
  skipped_rows: number;
  imported_by: string | null;
  imported_by_email: string | null;
  imported_at: Date | string;
  is_demo: boolean;
}

/** Imported sources, newest first. */
export const SOURCES_SQL = `SELECT s.id, s.source_key, s.file_name, s.format, s.focus_version, s.billing_periods, s.row_count,
            s.billed_cost_total::text AS billed_cost_total, s.effective_cost_total::text AS effective_cost_total,
            s.skipped_rows, s.imported_by, u.email AS imported_by_email, s.imported_at, s.is_demo
     FROM cost_sources s LEFT JOIN users u ON u.id = s.imported_by
     ORDER BY s.imported_at DESC, s.source_key`;

/** Imported sources, newest first. */
export async function listSources(db: Pick<Database, "sql">): Promise<CostSource[]> {
  const rows = await db.sql.query<SourceRow>(SOURCES_SQL);
  return rows.map((row) => ({
    id: row.id,
    sourceKey: row.source_key,
    fileName: row.file_name,
    format: row.format,
    focusVersion: row.focus_version,
    billingPeriods: typeof row.billing_periods === "string" ? JSON.parse(row.billing_periods) : row.billing_periods,
    rowCount: Number(row.row_count),
    billedCostTotal: trimDecimal(row.billed_cost_total),
    effectiveCostTotal: trimDecimal(row.effective_cost_total),
    skippedRows: Number(row.skipped_rows),
    importedBy: row.imported_by,
    importedByEmail: row.imported_by_email,
    importedAt: new Date(row.imported_at),
    isDemo: row.is_demo,
  }));
}

const UUID = z.string().uuid();

/** Removes a source with its line items and rollups in one transaction; false when no such source exists. */
export async function deleteSource(db: Pick<Database, "sql">, id: string): Promise<boolean> {
  if (!UUID.safeParse(id).success) return false;
  return db.sql.transaction(async (tx) => {
    const found = await tx.query(`SELECT id FROM cost_sources WHERE id = $1 FOR UPDATE`, [id]);
    if (found.length === 0) return false;
    // The cascade trigger on cost_sources removes its line items and rollups in the same statement.
    await tx.query(`DELETE FROM cost_sources WHERE id = $1`, [id]);
    return true;
  });
}
