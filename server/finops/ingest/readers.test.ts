import { writeFileSync } from "node:fs";
import path from "node:path";
import { parquetWriteFile } from "hyparquet-writer";
import { describe, expect, it } from "vitest";
import { createRecordParser, type KeyedRecord, type RawRecord } from "../focus/parse.ts";
import { FOCUS_12, copyAs, gzipFixture, parquetFixture, tempDir } from "./fixtures/fixtures.ts";
import { detectFormat, MalformedFileError, MAX_RECORD_CHARS, readCsv, readRecords } from "./readers.ts";

const valuesOf = (record: RawRecord) =>
  "cells" in record ? Object.fromEntries(record.headers.map((h, i) => [h, record.cells[i] ?? null])) : record.values;

/** Every record, keyed by header whatever form the reader yields. */
async function collect(records: AsyncIterable<RawRecord>): Promise<KeyedRecord[]> {
  const all: KeyedRecord[] = [];
  for await (const record of records) all.push({ line: record.line, values: valuesOf(record) });
  return all;
}

function typed(records: KeyedRecord[]) {
  const parser = createRecordParser(Object.keys(records[0].values));
  return records.map((r) => {
    const result = parser.parse(r);
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    return result.row;
  });
}

describe("readRecords", () => {
  it("numbers CSV records from 2, the header being line 1", async () => {
    const records = await collect(await readRecords(FOCUS_12.path));
    expect(records.map((r) => r.line)).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
    expect(records[0].values.Id).toBe("li-1");
    expect(records[3].values.ResourceId).toBe("NULL");
  });

  it("counts a quoted multi-line cell as one record", async () => {
    const dir = tempDir();
    const file = path.join(dir, "multi.csv");
    writeFileSync(file, 'a,b\n1,"two\nlines"\n3,4\n');
    const records = await collect(await readRecords(file));
    expect(records).toEqual([
      { line: 2, values: { a: "1", b: "two\nlines" } },
      { line: 3, values: { a: "3", b: "4" } },
    ]);
  });

  it("rejects a record with fewer cells than the header, naming its line", async () => {
    const file = path.join(tempDir(), "short.csv");
    writeFileSync(file, "a,b,c\n1,2,3\n4,5\n");
    await expect(collect(await readRecords(file))).rejects.toMatchObject({
      name: "Error",
      line: 3,
      message: "record has 2 cells but the header has 3 (an unbalanced quote or separator?)",
    });
    await expect(collect(await readRecords(file))).rejects.toBeInstanceOf(MalformedFileError);
  });

  it("reads records split anywhere between chunks: inside quotes, between CR and LF, inside a multi-byte character", async () => {
    const dir = tempDir();
    const text = 'a,b,c\r\n1,"two\r\nlines, ""quoted""",€3\r\n\r\n4,"",\r\n5,six,"{""team"":""data""}"';
    const expected = [
      { line: 2, values: { a: "1", b: 'two\r\nlines, "quoted"', c: "€3" } },
      { line: 3, values: { a: "4", b: "", c: "" } },
      { line: 4, values: { a: "5", b: "six", c: '{"team":"data"}' } },
    ];
    const file = path.join(dir, "split.csv");
    writeFileSync(file, text);
    for (const chunkBytes of [1, 2, 3, 5, 7, 64]) {
      expect(await collect(readCsv(file, { chunkBytes })), `chunks of ${chunkBytes} bytes`).toEqual(expected);
      expect(await collect(readCsv(gzipFixture(file, dir, "split.csv.gz"), { gzip: true, chunkBytes })), `gzip, ${chunkBytes}`).toEqual(expected);
    }
  });

  it("guesses the separator: semicolons and tabs read as commas do", async () => {
    const dir = tempDir();
    for (const [name, separator] of [["semi.csv", ";"], ["tabs.csv", "\t"]] as const) {
      const file = path.join(dir, name);
      writeFileSync(file, ["BilledCost", "ServiceName", "Tags"].join(separator) + "\n" + ["1.5", '"Amazon EC2, Linux"', '{"a":"b"}'].join(separator) + "\n");
      expect(await collect(readCsv(file))).toEqual([{ line: 2, values: { BilledCost: "1.5", ServiceName: "Amazon EC2, Linux", Tags: '{"a":"b"}' } }]);
    }
  });

  it("stops at a quote that never closes instead of holding the rest of the file as one record", async () => {
    const file = path.join(tempDir(), "runaway.csv");
    const row = `1,${"x".repeat(1000)}\n`;
    writeFileSync(file, `a,b\n1,2\n3,"oops\n${row.repeat(Math.ceil((MAX_RECORD_CHARS + 1) / row.length))}`);
    const error = await collect(readCsv(file)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MalformedFileError);
    expect(error).toMatchObject({ line: 3, message: "a record runs on for more than 16 MB (an unbalanced quote?)" });
  });

  it("reads CRLF line endings and a byte-order mark", async () => {
    const file = path.join(tempDir(), "windows.csv");
    writeFileSync(file, "\uFEFFa,b\r\n1,2\r\n");
    expect(await collect(await readRecords(file))).toEqual([{ line: 2, values: { a: "1", b: "2" } }]);
  });

  it("reads a gzipped CSV to the same records, recognised by its magic bytes whatever its name", async () => {
    const dir = tempDir();
    const gz = gzipFixture(FOCUS_12.path, dir, "disguised.csv");
    expect(await detectFormat(gz)).toBe("csv.gz");
    expect(await collect(await readRecords(gz))).toEqual(await collect(await readRecords(FOCUS_12.path)));
  });

  it("reads Parquet row group by row group to the same typed rows as the CSV", async () => {
    const dir = tempDir();
    const parquet = parquetFixture(FOCUS_12.path, dir, 3);
    expect(await detectFormat(parquet)).toBe("parquet");
    const fromParquet = await collect(await readRecords(parquet));
    expect(fromParquet.map((r) => r.line)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const fromCsv = typed(await collect(await readRecords(FOCUS_12.path)));
    expect(typed(fromParquet).map(({ line: _l, ...row }) => row)).toEqual(fromCsv.map(({ line: _l, ...row }) => row));
  });

  it("tells how far through the file it is: bytes for CSV and gzipped CSV, rows for Parquet", async () => {
    const dir = tempDir();
    const big = path.join(dir, "big.csv");
    writeFileSync(big, `a,b\n${Array.from({ length: 20_000 }, (_, i) => `${i},${"x".repeat(20)}`).join("\n")}\n`);
    for (const file of [big, gzipFixture(big, dir, "big.csv.gz"), parquetFixture(FOCUS_12.path, dir, 3)]) {
      const source = await readRecords(file);
      expect(source.progress(), file).toBe(0);
      const seen: number[] = [];
      for await (const _ of source) seen.push(source.progress());
      expect(seen.every((f, i) => f >= (seen[i - 1] ?? 0) && f <= 1), file).toBe(true);
      expect(seen.at(-1), file).toBe(1);
      if (file.endsWith(".csv")) expect(seen[seen.length / 2]!, file).toBeLessThan(1); // it moves, not jumps at the end
    }
  });

  it("reads Parquet DECIMAL columns exactly, beyond what a double holds (INT64 and fixed-length bytes, negatives)", async () => {
    const file = path.join(tempDir(), "decimals.parquet");
    parquetWriteFile({
      filename: file,
      columnData: [
        { name: "BilledCost", data: [123456789012345678n, -1n, null] },
        { name: "ListCost", data: [-98765432109876543210n, 5n, 0n] },
        { name: "ServiceName", data: ["Amazon EC2", "Amazon S3", "Amazon RDS"] },
      ],
      schema: [
        { name: "root", num_children: 3 },
        { name: "BilledCost", type: "INT64", converted_type: "DECIMAL", precision: 18, scale: 10, repetition_type: "OPTIONAL" },
        {
          name: "ListCost", type: "FIXED_LEN_BYTE_ARRAY", type_length: 16, converted_type: "DECIMAL", precision: 38, scale: 12,
          repetition_type: "REQUIRED",
        },
        { name: "ServiceName", type: "BYTE_ARRAY", converted_type: "UTF8", repetition_type: "REQUIRED" },
      ],
    });
    expect((await collect(await readRecords(file))).map((r) => r.values)).toEqual([
      { BilledCost: "12345678.9012345678", ListCost: "-98765432.109876543210", ServiceName: "Amazon EC2" },
      { BilledCost: "-0.0000000001", ListCost: "0.000000000005", ServiceName: "Amazon S3" },
      { BilledCost: null, ListCost: "0.000000000000", ServiceName: "Amazon RDS" },
    ]);
  });

  it("falls back to CSV for a file without magic bytes or a known extension", async () => {
    const dir = tempDir();
    const file = copyAs(FOCUS_12.path, dir, "export.txt");
    expect(await detectFormat(file)).toBe("csv");
  });
});
