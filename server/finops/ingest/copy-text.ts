// COPY text (CSV) of what an import writes: its line items while it reads, its rollups at the end. Built where the
// file is parsed (a worker thread for files, see parsed-source.ts), so the database side only forwards text.
import { FIELD_COLUMNS } from "../focus/columns.ts";
import type { FocusRow } from "../focus/parse.ts";
import type { RollupAccumulator } from "./rollups.ts";

/** The cost_line_items columns an import writes, in COPY order. */
export const INSERT_COLUMNS = ["source_id", ...FIELD_COLUMNS.map((c) => c.dbColumn), "tags", "extras"];

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

/** COPY lines of line items: cells are collected and joined once per line (no growing strings). */
function* lineItemLines(sourceId: string, rows: readonly FocusRow[]): Generator<string> {
  const cells: string[] = new Array(INSERT_COLUMNS.length);
  for (const row of rows) {
    cells[0] = sourceId;
    for (let c = 0; c < FIELD_COLUMNS.length; c++) {
      const value = row.cells[c];
      // Parsed decimals, timestamps and enum values never hold a separator or a quote; only text needs the check.
      cells[c + 1] = value == null ? "" : VERBATIM[c] ? value : copyField(value);
    }
    cells[FIELD_COLUMNS.length + 1] = row.tags ? tagsCopyField(row.tags) : "";
    cells[FIELD_COLUMNS.length + 2] = copyField(row.extras ? JSON.stringify(row.extras) : null);
    yield cells.join(",");
  }
}

function* rowLines(rows: Iterable<readonly (string | number | null)[]>): Generator<string> {
  for (const row of rows) yield row.map((v) => (typeof v === "number" ? String(v) : copyField(v))).join(",");
}

/** Lines packed into COPY text chunks of about 256 kB. */
function chunks(lines: Iterable<string>): string[] {
  const packed: string[] = [];
  let pending: string[] = [];
  let size = 0;
  for (const line of lines) {
    pending.push(line);
    size += line.length;
    if (size > 256 * 1024) {
      packed.push(`${pending.join("\n")}\n`);
      pending = [];
      size = 0;
    }
  }
  if (pending.length) packed.push(`${pending.join("\n")}\n`);
  return packed;
}

/** A batch of line items as COPY text chunks (of INSERT_COLUMNS). */
export function lineItemsCopyText(sourceId: string, rows: readonly FocusRow[]): string[] {
  return chunks(lineItemLines(sourceId, rows));
}

/** COPY text of an import's daily and tag rollup rows (for insertRollups). */
export function rollupCopyText(sourceId: string, rollups: RollupAccumulator): { daily: string[]; tags: string[] } {
  return { daily: chunks(rowLines(rollups.dailyRows(sourceId))), tags: chunks(rowLines(rollups.tagRows(sourceId))) };
}
