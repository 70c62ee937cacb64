// SQL of the cost store's write side. Every function takes the transaction's driver so the caller decides the
// transaction boundary (one file = one transaction).
import path from "node:path";
import type { SqlDriver } from "../../adapters/db/driver.ts";
import { FIELD_COLUMNS } from "../focus/columns.ts";
import type { FocusRow } from "../focus/parse.ts";
import { DAILY_ROLLUP_COLUMNS, type RollupAccumulator, TAG_ROLLUP_COLUMNS } from "./rollups.ts";

/** The cost_line_items columns an import writes, in COPY order. */
export const INSERT_COLUMNS = ["source_id", ...FIELD_COLUMNS.map((c) => c.dbColumn), "tags", "extras"];

/** The name a re-import is recognised by: the file's base name without format extensions, lower-cased. */
export function sourceKeyFor(fileName: string): string {
  return path
    .basename(fileName.trim())
    .toLowerCase()
    .replace(/(\.csv|\.parquet)?(\.gz)?$/, "");
}

export const LINE_ITEMS_COPY_SQL = `COPY cost_line_items (${INSERT_COLUMNS.join(", ")}) FROM STDIN WITH (FORMAT csv)`;

/** One CSV field for COPY: an unquoted empty field is NULL, so empty strings and fields with separators are quoted. */
function copyField(value: string | null | undefined): string {
  if (value == null) return "";
  return value === "" || NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
const NEEDS_QUOTES = /[",\n\r]/;
// Rows of one resource share one parsed tag map (see parse.ts): its COPY text is built once.
const tagsText = new WeakMap<object, string>();
function tagsCopyField(tags: object): string {
  let text = tagsText.get(tags);
  if (text === undefined) {
    text = copyField(JSON.stringify(tags));
    tagsText.set(tags, text);
  }
  return text;
}
const VERBATIM = FIELD_COLUMNS.map((c) => c.type === "decimal" || c.type === "datetime" || c.type === "enum");

/** COPY text of a batch, about 256 kB per chunk: cells are collected and joined once per line (no growing strings). */
function* copyLines(sourceId: string, rows: readonly FocusRow[]): Generator<string> {
  const cells: string[] = new Array(INSERT_COLUMNS.length);
  let lines: string[] = [];
  let size = 0;
  for (const row of rows) {
    cells[0] = sourceId;
    for (let c = 0; c < FIELD_COLUMNS.length; c++) {
      const value = row.cells[c];
      // Parsed decimals, timestamps and enum values never hold a separator or a quote; only text needs the check.
      cells[c + 1] = value == null ? "" : VERBATIM[c] ? value : copyField(value);
    }
    cells[FIELD_COLUMNS.length + 1] = row.tags ? tagsCopyField(row.tags) : "";
    cells[FIELD_COLUMNS.length + 2] = copyField(row.extras ? JSON.stringify(row.extras) : null);
    const line = cells.join(",");
    lines.push(line);
    size += line.length;
    if (size > 256 * 1024) {
      yield `${lines.join("\n")}\n`;
      lines = [];
      size = 0;
    }
  }
  if (lines.length) yield `${lines.join("\n")}\n`;
}

/** A batch of line items as COPY text chunks for LINE_ITEMS_COPY_SQL. */
export function lineItemsCopyText(sourceId: string, rows: readonly FocusRow[]): string[] {
  return [...copyLines(sourceId, rows)];
}

function* copyRows(rows: Iterable<readonly (string | number | null)[]>): Generator<string> {
  let lines: string[] = [];
  for (const row of rows) {
    lines.push(row.map((v) => (typeof v === "number" ? String(v) : copyField(v))).join(","));
    if (lines.length === 5000) {
      yield `${lines.join("\n")}\n`;
      lines = [];
    }
  }
  if (lines.length) yield `${lines.join("\n")}\n`;
}

/** Stores the rollup rows an import summed while loading (see rollups.ts). */
export async function insertRollups(tx: SqlDriver, sourceId: string, rollups: RollupAccumulator): Promise<void> {
  await tx.copyFrom(`COPY cost_daily_rollup (${DAILY_ROLLUP_COLUMNS.join(", ")}) FROM STDIN WITH (FORMAT csv)`, copyRows(rollups.dailyRows(sourceId)));
  await tx.copyFrom(`COPY cost_tag_daily_rollup (${TAG_ROLLUP_COLUMNS.join(", ")}) FROM STDIN WITH (FORMAT csv)`, copyRows(rollups.tagRows(sourceId)));
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
