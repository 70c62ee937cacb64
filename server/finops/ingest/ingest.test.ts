import { mkdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../testing/test-database.ts";
import { FOCUS_12, copyAs, fixture, gzipFixture, parquetFixture, tempDir } from "./fixtures/fixtures.ts";
import { emptyCostStore, rollupMismatches, storeSnapshot } from "./fixtures/store-snapshot.ts";
import { ingestFile, type IngestProgress } from "./ingest.ts";
import { deleteSource, listSources } from "./sources.ts";

let db: TestDatabase;
let dir: string;

beforeAll(async () => {
  db = await createTestDatabase();
  dir = tempDir();
});
afterAll(async () => {
  await db?.destroy();
});
beforeEach(async () => {
  await emptyCostStore(db.sql);
});

/** A variant of focus-1.2.csv under the same file name, so it targets the same source. */
const sameSource = (transform: (text: string) => string, subdir: string) =>
  copyAs(FOCUS_12.path, tempSubdir(subdir), "focus-1.2.csv", transform);
const tempSubdir = (name: string) => {
  const target = path.join(dir, name);
  mkdirSync(target, { recursive: true });
  return target;
};

describe("ingestFile", () => {
  it("imports a FOCUS 1.2 CSV with exact totals, both billing periods, tags, extras and nulls", async () => {
    const report = await ingestFile(db, FOCUS_12.path);
    expect(report).toMatchObject({
      status: "imported",
      sourceKey: "focus-1.2",
      focusVersion: "1.2",
      rowsRead: 8,
      rowsImported: 8,
      rowsSkipped: 0,
      billedCostTotal: FOCUS_12.billedCost,
      effectiveCostTotal: FOCUS_12.effectiveCost,
      extraColumns: ["Id", "x_Foo"],
      issueCount: 0,
    });
    expect(report.billingPeriods.map((p) => p.start)).toEqual(FOCUS_12.periods);

    const rows = await db.sql.query<Record<string, unknown>>(
      `SELECT billed_cost::text AS billed, charge_period_start, charge_date::text AS charge_date, resource_id,
              pricing_quantity::text AS pricing_quantity, tags, extras
       FROM cost_line_items ORDER BY extras->>'Id'`,
    );
    expect(rows[2]).toMatchObject({ billed: "0.0015000000", charge_date: "2024-01-06", tags: { team: "web", env: "dev" } });
    expect(new Date(rows[2].charge_period_start as string).toISOString()).toBe("2024-01-06T00:00:00.000Z");
    expect(rows[3]).toMatchObject({ billed: "-5.2500000000", resource_id: null, pricing_quantity: null, tags: null });
    expect(rows[3].extras).toEqual({ Id: "li-4", x_Foo: null });

    const [source] = await listSources(db);
    expect(source).toMatchObject({ sourceKey: "focus-1.2", rowCount: 8, billedCostTotal: "105.714833", skippedRows: 0 });
    expect(source.billingPeriods.map((p) => p.start)).toEqual(FOCUS_12.periods);
    expect(await rollupMismatches(db.sql)).toEqual([]);
  });

  it("sums 0.1 + 0.2 to exactly 0.3 in the daily rollup", async () => {
    await ingestFile(db, FOCUS_12.path);
    const [day] = await db.sql.query<{ billed: string }>(
      `SELECT sum(billed_cost)::text AS billed FROM cost_daily_rollup WHERE charge_date = '2024-01-05' AND service_name = 'Amazon EC2'`,
    );
    expect(day.billed).toBe("0.3000000000");
  });

  it("maps a FOCUS 1.0-preview file onto 1.2 columns", async () => {
    const report = await ingestFile(db, fixture("focus-1.0-preview.csv"));
    expect(report).toMatchObject({ status: "imported", focusVersion: "0.5/1.0-preview", rowsImported: 2, billedCostTotal: "10.34" });
    const rows = await db.sql.query<Record<string, unknown>>(
      `SELECT charge_category, effective_cost::text AS effective, region_id, region_name, consumed_quantity::text AS consumed,
              pricing_category, provider_name, extras
       FROM cost_line_items ORDER BY billed_cost DESC`,
    );
    expect(rows[0]).toMatchObject({
      charge_category: "Usage",
      effective: "12.3400000000",
      region_id: "westeurope",
      region_name: "westeurope",
      consumed: "24.0000000000",
      pricing_category: "Standard",
      provider_name: "Microsoft",
      extras: { ChargeSubcategory: "On-Demand" },
    });
  });

  it.each([
    ["gzipped CSV", () => gzipFixture(FOCUS_12.path, tempSubdir("gz"), "focus-1.2.csv.gz"), "csv.gz"],
    ["Parquet", () => parquetFixture(FOCUS_12.path, tempSubdir("parquet")), "parquet"],
  ])("imports the %s variant to the same totals", async (_name, make, format) => {
    const report = await ingestFile(db, make());
    expect(report).toMatchObject({
      status: "imported",
      format,
      rowsImported: FOCUS_12.rows,
      billedCostTotal: FOCUS_12.billedCost,
      effectiveCostTotal: FOCUS_12.effectiveCost,
    });
  });

  describe("a rejected file leaves the store exactly as it was", () => {
    it.each([
      ["missing-column.csv", { missingColumns: ["BillingCurrency", "ServiceName"], issues: [] }],
      ["bad-decimal.csv", { issues: [{ line: 3, column: "BilledCost", value: "1.2.3" }] }],
      ["bad-enum.csv", { issues: [{ line: 5, column: "ChargeCategory", value: "Refund" }] }],
      ["bad-timestamp.csv", { issues: [{ line: 7, column: "ChargePeriodStart", value: "2024-02-30T00:00:00Z" }] }],
    ])("%s", async (name, expected) => {
      await ingestFile(db, FOCUS_12.path);
      const before = await storeSnapshot(db.sql);
      // Same file name as the imported one: a failed re-import must not touch the earlier import either.
      const file = copyAs(fixture(name), tempSubdir(name), "focus-1.2.csv");
      const report = await ingestFile(db, file);
      expect(report.status).toBe("rejected");
      expect(report.rowsImported).toBe(0);
      expect(report.missingColumns).toEqual("missingColumns" in expected ? expected.missingColumns : []);
      expect(report.issues.map(({ line, column, value }) => ({ line, column, value }))).toEqual(expected.issues);
      expect(await storeSnapshot(db.sql)).toEqual(before);
    });

    it("an unreadable CSV (a row with too many cells)", async () => {
      await ingestFile(db, FOCUS_12.path);
      const before = await storeSnapshot(db.sql);
      const file = sameSource((text) => text.replace("\nli-5,", "\nli-5,extra,"), "ragged");
      const report = await ingestFile(db, file);
      expect(report.status).toBe("rejected");
      expect(report.issues[0].line).toBe(6);
      expect(await storeSnapshot(db.sql)).toEqual(before);
    });

    it("an import aborted half way", async () => {
      await ingestFile(db, FOCUS_12.path);
      const before = await storeSnapshot(db.sql);
      const controller = new AbortController();
      controller.abort(new Error("stopped by the user"));
      await expect(ingestFile(db, sameSource((t) => t.replaceAll("0.1,", "0.4,"), "aborted"), { signal: controller.signal })).rejects.toThrow(
        "stopped by the user",
      );
      expect(await storeSnapshot(db.sql)).toEqual(before);
    });

    it("a file without data rows", async () => {
      const report = await ingestFile(db, sameSource((text) => text.split("\n")[0] + "\n", "empty"));
      expect(report).toMatchObject({ status: "rejected", rowsRead: 0 });
      expect(await storeSnapshot(db.sql)).toMatchObject({ sources: 0, lineItems: 0 });
    });
  });

  it("with skipInvalid imports the valid rows and lists the skipped ones", async () => {
    const report = await ingestFile(db, fixture("invalid-rows.csv"), { skipInvalid: true });
    expect(report).toMatchObject({
      status: "imported",
      rowsRead: 8,
      rowsImported: 5,
      rowsSkipped: 3,
      issueCount: 3,
      // The file minus li-2 (0.2), li-4 (-5.25) and li-6 (0 billed, 10.3333333333 effective).
      billedCostTotal: "110.7648333333",
      effectiveCostTotal: "0.4315",
    });
    expect(report.issues.map(({ line, column }) => `${line}:${column}`)).toEqual(["3:BilledCost", "5:ChargeCategory", "7:ChargePeriodStart"]);
    expect((await listSources(db))[0].skippedRows).toBe(3);
    expect(await rollupMismatches(db.sql)).toEqual([]);
  });

  it("re-importing the same file replaces it instead of doubling it", async () => {
    await ingestFile(db, FOCUS_12.path);
    const first = await storeSnapshot(db.sql);
    const again = await ingestFile(db, FOCUS_12.path);
    expect(again).toMatchObject({ status: "imported", rowsReplaced: 8, billedCostTotal: FOCUS_12.billedCost });
    expect(await storeSnapshot(db.sql)).toEqual(first);
  });

  it("re-importing one billing period replaces only that period", async () => {
    await ingestFile(db, FOCUS_12.path);
    const februaryOnly = sameSource(
      (text) =>
        text
          .split("\n")
          .filter((line, i) => i === 0 || line.includes("2024-02-01T00:00:00Z,2024-03-01T00:00:00Z"))
          .join("\n")
          .replace("\nli-6,0,", "\nli-6,1.5,"),
      "february",
    );
    const report = await ingestFile(db, februaryOnly);
    expect(report).toMatchObject({ status: "imported", rowsImported: 3, rowsReplaced: 3 });
    const [source] = await listSources(db);
    expect(source.rowCount).toBe(8);
    expect(source.billedCostTotal).toBe("107.214833"); // 105.7148333333 + 1.5, at the column's 6 decimals
    expect(source.billingPeriods.map((p) => p.start)).toEqual(FOCUS_12.periods);
    expect(await rollupMismatches(db.sql)).toEqual([]);
  });

  it("records who imported a source and whether it is demo data", async () => {
    const [user] = await db.sql.query<{ id: string }>(
      `INSERT INTO users (email, password_hash) VALUES ('importer@example.com', 'x') RETURNING id`,
    );
    await ingestFile(db, FOCUS_12.path, { importedBy: user.id, isDemo: true });
    expect((await listSources(db))[0]).toMatchObject({ importedBy: user.id, importedByEmail: "importer@example.com", isDemo: true });
  });

  it("reports progress as it goes", async () => {
    const seen: IngestProgress[] = [];
    await ingestFile(db, FOCUS_12.path, { onProgress: (p) => seen.push(p) });
    expect(seen.at(-1)).toMatchObject({ rowsRead: 8, fraction: 1 });
  });
});

describe("deleteSource", () => {
  it("removes the source with its line items and rollups, and only that source", async () => {
    const kept = await ingestFile(db, fixture("focus-1.0-preview.csv"));
    const gone = await ingestFile(db, FOCUS_12.path);
    expect((await storeSnapshot(db.sql)).sources).toBe(2);
    expect(await deleteSource(db, gone.sourceId!)).toBe(true);
    const after = await storeSnapshot(db.sql);
    expect(after).toMatchObject({ sources: 1, lineItems: 2, billedCost: "10.3400000000" });
    expect((await listSources(db)).map((s) => s.id)).toEqual([kept.sourceId]);
    expect(await rollupMismatches(db.sql)).toEqual([]);
    expect(await deleteSource(db, gone.sourceId!)).toBe(false);
  });
});
