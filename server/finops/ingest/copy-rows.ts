// What an import COPYs, in PostgreSQL's binary COPY format: its line items while it reads, its rollups at the end.
// Encoded where the file is parsed (a worker thread for files, see parsed-source.ts), so the database side only
// forwards bytes.
import { BinaryRowWriter, jsonbBytes, type BinaryType } from "../../adapters/db/copy-binary.ts";
import { FIELD_COLUMNS, type FocusColumnType } from "../focus/columns.ts";
import type { FocusRow } from "../focus/parse.ts";
import { resourceGroupOf } from "../resource-group.ts";
import { DAILY_ROLLUP_COLUMNS, TAG_ROLLUP_COLUMNS, type RollupAccumulator } from "./rollups.ts";

/** The cost_line_items columns an import writes, in COPY order. */
export const INSERT_COLUMNS = ["source_id", ...FIELD_COLUMNS.map((c) => c.dbColumn), "tags", "extras", "resource_group"];

const copySql = (table: string, columns: readonly string[]) => `COPY ${table} (${columns.join(", ")}) FROM STDIN WITH (FORMAT binary)`;
export const LINE_ITEMS_COPY_SQL = copySql("cost_line_items", INSERT_COLUMNS);
export const DAILY_ROLLUP_COPY_SQL = copySql("cost_daily_rollup", DAILY_ROLLUP_COLUMNS);
export const TAG_ROLLUP_COPY_SQL = copySql("cost_tag_daily_rollup", TAG_ROLLUP_COLUMNS);

/** The column type of each FOCUS field type: enums are text with a CHECK constraint. */
const FIELD_TYPE: Record<Exclude<FocusColumnType, "json">, BinaryType> = { decimal: "numeric", datetime: "timestamptz", enum: "text", string: "text" };
const CELL_TYPES = FIELD_COLUMNS.map((c) => FIELD_TYPE[c.type as Exclude<FocusColumnType, "json">]);
/** The type of each INSERT_COLUMNS column: binary rows must match the table exactly. */
export const LINE_ITEM_TYPES: readonly BinaryType[] = ["uuid", ...CELL_TYPES, "jsonb", "jsonb", "text"];
/** Where ResourceId is among a row's cells. */
const RESOURCE_ID_CELL = FIELD_COLUMNS.findIndex((c) => c.dbColumn === "resource_id");

/** Rows of one resource share one parsed tag map (see parse.ts): its jsonb bytes are built once. */
const tagsBytes = new WeakMap<object, Uint8Array>();
function tagsField(tags: object): Uint8Array {
  let bytes = tagsBytes.get(tags);
  if (bytes === undefined) {
    bytes = jsonbBytes(JSON.stringify(tags));
    tagsBytes.set(tags, bytes);
  }
  return bytes;
}

/** Writes one line item as a cost_line_items row (INSERT_COLUMNS). */
export function writeLineItem(writer: BinaryRowWriter, sourceId: string, row: FocusRow): void {
  writer.startRow(INSERT_COLUMNS.length);
  writer.uuid(sourceId);
  const cells = row.cells;
  for (let c = 0; c < CELL_TYPES.length; c++) writer.field(cells[c] ?? null, CELL_TYPES[c]!);
  if (row.tags) writer.bytes(tagsField(row.tags));
  else writer.null();
  if (row.extras) writer.jsonb(JSON.stringify(row.extras));
  else writer.null();
  writer.field(resourceGroupOf(cells[RESOURCE_ID_CELL], row.extras), "text");
  writer.endRow();
}

/** A rollup column's type, by its name's convention. */
function rollupType(column: string): BinaryType {
  if (column === "charge_date") return "date";
  if (column === "source_id") return "uuid";
  if (column.startsWith("billing_period_")) return "timestamptz";
  if (column.endsWith("_cost") || column === "pricing_quantity") return "numeric";
  if (column === "row_count") return "int8";
  return "text";
}
export const DAILY_ROLLUP_TYPES: readonly BinaryType[] = DAILY_ROLLUP_COLUMNS.map(rollupType);
export const TAG_ROLLUP_TYPES: readonly BinaryType[] = TAG_ROLLUP_COLUMNS.map(rollupType);

/** An import's daily and tag rollup rows (for insertRollups). */
export function rollupCopyRows(sourceId: string, rollups: RollupAccumulator): { daily: Uint8Array<ArrayBuffer>[]; tags: Uint8Array<ArrayBuffer>[] } {
  const writer = new BinaryRowWriter();
  for (const row of rollups.dailyRows(sourceId)) writer.row(row, DAILY_ROLLUP_TYPES);
  const daily = writer.take();
  for (const row of rollups.tagRows(sourceId)) writer.row(row, TAG_ROLLUP_TYPES);
  return { daily, tags: writer.take() };
}
