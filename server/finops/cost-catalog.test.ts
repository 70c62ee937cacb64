import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../adapters/db/database.ts";
import { createTestDatabase, type TestDatabase } from "../testing/test-database.ts";
import { costCatalogReader, readCostCatalog } from "./cost-catalog.ts";
import { FOCUS_12 } from "./ingest/fixtures/fixtures.ts";
import { emptyCostStore } from "./ingest/fixtures/store-snapshot.ts";
import { ingestFile } from "./ingest/ingest.ts";
import { deleteSource, listSources } from "./ingest/sources.ts";

let db: TestDatabase;
let statements: number;

/** The database as the reader sees it, counting the statements it sends. */
const counted = (): Pick<Database, "sql" | "listen"> => ({
  sql: {
    ...db.sql,
    query: <Row,>(sql: string, params?: unknown[]) => {
      statements++;
      return db.sql.query<Row>(sql, params);
    },
  },
  listen: db.listen,
});

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db?.destroy());
beforeEach(async () => {
  await emptyCostStore(db.sql);
  statements = 0;
});

describe("costCatalogReader", () => {
  it("shows every change to the store on the next read: imports, deletes and SQL typed by hand", async () => {
    const read = costCatalogReader(counted());
    expect(await read()).toEqual({ range: null, currencies: [], services: [] });

    await ingestFile(db, FOCUS_12.path);
    const imported = await read();
    expect(imported).toEqual(await readCostCatalog(db));
    expect(imported.currencies).toEqual(["USD"]);
    expect(imported.range?.start).toBe("2024-01-01");
    // Every service of the file, by name, with its provider and category: the names a question may use.
    const services = await db.sql.query<{ name: string; provider: string; category: string }>(
      `SELECT DISTINCT service_name AS name, provider_name AS provider, service_category AS category FROM cost_line_items ORDER BY 1`,
    );
    expect(services.length).toBeGreaterThan(2);
    expect(imported.services).toEqual(services);

    await db.sql.query(`UPDATE cost_sources SET billing_currencies = '{EUR,USD}'`);
    expect((await read()).currencies).toEqual(["EUR", "USD"]);
    await db.sql.query(`DELETE FROM cost_daily_rollup WHERE charge_date < '2024-01-05'`);
    expect((await read()).range?.start).toBe((await readCostCatalog(db)).range?.start);
    expect((await read()).range!.start > "2024-01-04").toBe(true);

    const [source] = await listSources(db);
    await deleteSource(db, source!.id);
    expect(await read()).toEqual({ range: null, currencies: [], services: [] });
  });

  it("keeps what it read until the store changes where the database announces changes, and reads afresh elsewhere", async () => {
    await ingestFile(db, FOCUS_12.path);
    const read = costCatalogReader(counted());
    const first = await read();
    const perRead = statements;
    expect(perRead).toBeGreaterThan(0);
    expect(await read()).toEqual(first);
    // Embedded PGlite announces every change to this process; PostgreSQL has other writers, so nothing is kept.
    expect(statements).toBe(db.listen ? perRead : 2 * perRead);

    await db.sql.query(`UPDATE cost_sources SET billing_currencies = '{CHF}'`);
    expect((await read()).currencies).toEqual(["CHF"]);
    expect(statements).toBe(db.listen ? 2 * perRead : 3 * perRead);
    expect(() => ((first.currencies as string[]).length = 0)).toThrow(); // shared between questions, so frozen
  });
});
