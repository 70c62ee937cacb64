import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../testing/test-database.ts";
import { DAILY_ROLLUP_TYPES, INSERT_COLUMNS, LINE_ITEM_TYPES, TAG_ROLLUP_TYPES } from "./copy-rows.ts";
import { DAILY_ROLLUP_COLUMNS, TAG_ROLLUP_COLUMNS } from "./rollups.ts";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db?.destroy());

/** The migrated table's type of each column (udt_name: text, numeric, timestamptz, date, uuid, int8, jsonb). */
async function columnTypes(table: string, columns: readonly string[]): Promise<string[]> {
  const rows = await db.sql.query<{ column_name: string; udt_name: string }>(
    "SELECT column_name, udt_name FROM information_schema.columns WHERE table_name = $1",
    [table],
  );
  const byName = new Map(rows.map((r) => [r.column_name, r.udt_name]));
  return columns.map((c) => byName.get(c) ?? `missing column ${c}`);
}

describe("the binary COPY types of an import's rows", () => {
  // A binary field is read by its column type's receive function: a mismatch is refused or misread.
  it.each([
    ["cost_line_items", INSERT_COLUMNS, LINE_ITEM_TYPES],
    ["cost_daily_rollup", DAILY_ROLLUP_COLUMNS, DAILY_ROLLUP_TYPES],
    ["cost_tag_daily_rollup", TAG_ROLLUP_COLUMNS, TAG_ROLLUP_TYPES],
  ] as const)("are the migrated types of %s", async (table, columns, types) => {
    expect(types).toHaveLength(columns.length);
    expect(await columnTypes(table, columns)).toEqual([...types]);
  });
});
