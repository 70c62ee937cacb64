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

const lineCells: string[] = new Array(INSERT_COLUMNS.length);

/** The COPY line of one line item: cells are collected and joined once (no growing strings). */
export function lineItemLine(sourceId: string, row: FocusRow): string {
  const cells = lineCells;
  cells[0] = sourceId;
  for (let c = 0; c < FIELD_COLUMNS.length; c++) {
    const value = row.cells[c];
    // Parsed decimals, timestamps and enum values never hold a separator or a quote; only text needs the check.
    cells[c + 1] = value == null ? "" : VERBATIM[c] ? value : copyField(value);
  }
  cells[FIELD_COLUMNS.length + 1] = row.tags ? tagsCopyField(row.tags) : "";
  cells[FIELD_COLUMNS.length + 2] = copyField(row.extras ? JSON.stringify(row.extras) : null);
  return cells.join(",");
}

function* rowLines(rows: Iterable<readonly (string | number | null)[]>): Generator<string> {
  for (const row of rows) yield row.map((v) => (typeof v === "number" ? String(v) : copyField(v))).join(",");
}

const CHUNK_BYTES = 256 * 1024;
let scratch = Buffer.allocUnsafeSlow(4 * CHUNK_BYTES);

/**
 * Lines packed into COPY text chunks of about 256 kB, UTF-8 encoded, each line ending in "\n". Each line is encoded
 * straight into a scratch buffer (no joined string, which cost ~0.8 s per 200k rows, and nothing left for the socket
 * to encode); each chunk owns its memory, so it can be transferred to another thread.
 */
export function copyChunks(lines: Iterable<string>): Uint8Array<ArrayBuffer>[] {
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let used = 0;
  const flush = () => {
    if (used > 0) chunks.push(new Uint8Array(scratch.subarray(0, used))); // a copy: a plain Uint8Array of its own
    used = 0;
  };
  for (const line of lines) {
    const most = 3 * line.length + 1; // UTF-8 takes at most 3 bytes per UTF-16 unit
    if (used + most > scratch.length) {
      flush();
      if (most > scratch.length) scratch = Buffer.allocUnsafeSlow(most);
    }
    used += scratch.write(line, used);
    scratch[used++] = 0x0a;
    if (used >= CHUNK_BYTES) flush();
  }
  flush();
  return chunks;
}

/** COPY text of an import's daily and tag rollup rows (for insertRollups). */
export function rollupCopyText(sourceId: string, rollups: RollupAccumulator): { daily: Uint8Array<ArrayBuffer>[]; tags: Uint8Array<ArrayBuffer>[] } {
  return { daily: copyChunks(rowLines(rollups.dailyRows(sourceId))), tags: copyChunks(rowLines(rollups.tagRows(sourceId))) };
}
