import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../testing/test-database.ts";
import { BinaryRowWriter, type BinaryType, type ScaledNumber } from "./copy-binary.ts";

let db: TestDatabase;
const COLUMNS = "id int8, label text, amount numeric(20, 10), ratio numeric, at timestamptz, day date, ref uuid, doc jsonb";
const TYPES: BinaryType[] = ["int8", "text", "numeric", "numeric", "timestamptz", "date", "uuid", "jsonb"];
const COPY = "COPY via_binary FROM STDIN WITH (FORMAT binary)";
beforeAll(async () => {
  db = await createTestDatabase({ migrated: false });
  await db.sql.exec(`CREATE TABLE via_binary (${COLUMNS}); CREATE TABLE via_text (${COLUMNS})`);
});
afterAll(() => db?.destroy());

type Row = (string | number | null)[];

/** Inserts rows as text parameters: PostgreSQL's own parsing is what binary rows must match. */
async function insertAsText(rows: Row[]) {
  for (const row of rows) {
    await db.sql.query("INSERT INTO via_text VALUES ($1, $2, $3, $4, $5, $6, $7, $8)", row.map((v) => (v === null ? null : String(v))));
  }
}

/** Both tables' rows as text, by id. */
async function bothTables() {
  const read = (table: string) => db.sql.query<{ r: string }>(`SELECT ${table}::text AS r FROM ${table} ORDER BY id`);
  return { binary: (await read("via_binary")).map((r) => r.r), text: (await read("via_text")).map((r) => r.r) };
}

async function copyRows(rows: Row[]) {
  const writer = new BinaryRowWriter();
  for (const row of rows) writer.row(row, TYPES);
  await db.sql.transaction(async (tx) => {
    const copy = tx.copyIn(COPY);
    for (const chunk of writer.take()) await copy.write(chunk);
    await copy.end();
  });
}

describe("BinaryRowWriter", () => {
  it("stores every value as PostgreSQL stores the same value given as text", async () => {
    const decimals = [
      "0", "1", "-1", "0.5", "-0.5", "12345.6", "9999999999.9999999999", "-9999999999.9999999999", "0.0000000001",
      "-0.0000000001", "10000", "100000000", "1234.5678", "0.00000000005", "-0.00000000005", "0.00000000004999",
      "2.999999999951", "123.4500000000", "0.1", "007.5",
    ];
    const texts = ["", "plain", "Zürich — €", "tab\tand \"quotes\", commas\nand lines", "😀 emoji", "x".repeat(65), `é${"y".repeat(80)}`, "\\N"];
    const timestamps = ["2025-11-01T00:00:00.000Z", "1999-12-31T23:59:59.999Z", "1970-01-01T00:00:00.000Z", "2100-02-28T12:34:56.789Z", "1900-06-15T06:00:00.000Z"];
    const days = ["2000-01-01", "1999-12-31", "2026-02-28", "1960-07-04"];
    // As ids: the int8 column. Around 2^32 the writer's two halves carry.
    const ints = [-1, 2 ** 32, 2 ** 32 - 1, -(2 ** 32), 2 ** 40 + 7, -(2 ** 40) - 7, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER];
    const rows: Row[] = decimals.map((amount, i) => [
      i,
      texts[i % texts.length]!,
      amount,
      decimals[(i * 7) % decimals.length]!,
      timestamps[i % timestamps.length]!,
      days[i % days.length]!,
      `0000000${i % 10}-0000-4000-8000-00000000000${i % 10}`,
      JSON.stringify({ team: texts[i % texts.length], n: i }),
    ]);
    rows.push(...ints.map((id): Row => [id, null, null, String(id), null, null, null, null]));
    await copyRows(rows);
    await insertAsText(rows);
    const { binary, text } = await bothTables();
    expect(binary).toHaveLength(rows.length);
    expect(binary).toEqual(text);
    // The comparison compares something: amounts are rounded to the column's scale, half away from zero.
    const amounts = await db.sql.query<{ amount: string }>("SELECT amount::text AS amount FROM via_binary WHERE id BETWEEN 13 AND 16 ORDER BY id");
    expect(amounts.map((r) => r.amount)).toEqual(["0.0000000001", "-0.0000000001", "0.0000000000", "3.0000000000"]);
  });

  it("stores a scaled number as PostgreSQL stores its decimal text", async () => {
    await db.sql.exec("TRUNCATE via_binary; TRUNCATE via_text");
    const scaled: ScaledNumber[] = [
      ...[0, 1, -1, 9_999_999_999, 10_000_000_000, -10_000_000_001, 123_456_789_012_345, 8_999_999_999_999_999, -(2 ** 53 - 1)].map((unscaled) => ({ unscaled, scale: 10 })),
      { unscaled: 12_345, scale: 0 },
      { unscaled: -12_345, scale: 2 },
      { unscaled: 5, scale: 15 },
      { unscaled: 123_456_789, scale: 16 },
      { unscaled: 2n ** 80n + 12_345n, scale: 10 },
      { unscaled: -(2n ** 70n), scale: 10 },
      { unscaled: 2 ** 60, scale: 10 }, // a double past 2^53: read through its text
    ];
    const asText = ({ unscaled, scale }: ScaledNumber) => {
      const n = BigInt(unscaled);
      const digits = (n < 0n ? -n : n).toString().padStart(scale + 1, "0");
      return `${n < 0n ? "-" : ""}${scale ? `${digits.slice(0, -scale)}.${digits.slice(-scale)}` : digits}`;
    };
    const writer = new BinaryRowWriter();
    scaled.forEach((value, id) => writer.row([id, null, null, value, null, null, null, null], TYPES));
    await db.sql.copyFrom(COPY, writer.take());
    await insertAsText(scaled.map((value, id) => [id, null, null, asText(value), null, null, null, null]));
    const { binary, text } = await bothTables();
    expect(binary).toHaveLength(scaled.length);
    expect(binary).toEqual(text);
    expect(binary[3]).toBe("(3,,,0.9999999999,,,,)");
  });

  it("keeps each chunk to whole rows, so PGlite's several COPYs and PostgreSQL's stream store them all", async () => {
    await db.sql.exec("TRUNCATE via_binary");
    const writer = new BinaryRowWriter();
    const long = "ü".repeat(3_000_000); // a row larger than the writer's buffer
    const rows = 30_000;
    for (let i = 0; i < rows; i++) writer.row([i, i === 1234 ? long : `row ${i} ${"z".repeat(i % 300)}`, `${i}.25`, null, null, null, null, null], TYPES);
    const chunks = writer.take();
    expect(chunks.length).toBeGreaterThan(10);
    for (const chunk of chunks) expect(chunk.buffer.byteLength).toBe(chunk.byteLength); // memory of its own
    // Outside a transaction PostgreSQL takes a pooled connection; PGlite runs a COPY per 4 MB of chunks.
    await db.sql.copyFrom(COPY, chunks);
    const [summary] = await db.sql.query<{ n: string; total: string; longest: number }>(
      "SELECT count(*)::text AS n, sum(amount)::text AS total, max(length(label)) AS longest FROM via_binary",
    );
    expect(summary).toEqual({ n: String(rows), total: String((rows * (rows - 1)) / 2 + rows * 0.25) + ".0000000000", longest: long.length });
  });

  it("refuses values that are not of their type, naming the value", () => {
    const writer = new BinaryRowWriter();
    writer.startRow(1);
    expect(() => writer.numeric("1e5")).toThrow("not a decimal number: 1e5");
    expect(() => writer.timestamptz("yesterday")).toThrow("not a timestamp: yesterday");
    expect(() => writer.date("2024-13-01")).toThrow("not a date: 2024-13-01");
    expect(() => writer.uuid("not-a-uuid")).toThrow("not a uuid: not-a-uuid");
    expect(() => writer.int8(2 ** 60)).toThrow(/not an int8/);
    expect(() => writer.field({ unscaled: 1, scale: 0 }, "text")).toThrow("a scaled number is not a text");
    expect(() => writer.take()).toThrow("a row is still being written");
    writer.clear();
    expect(writer.take()).toEqual([]);
  });

  it("lets the database refuse what its column refuses, and the COPY rolls back", async () => {
    await db.sql.exec("TRUNCATE via_binary");
    await expect(copyRows([[1, "too large", "12345678901.5", null, null, null, null, null]])).rejects.toThrow(/numeric field overflow/);
    expect(await db.sql.query("SELECT * FROM via_binary")).toEqual([]);
  });
});
