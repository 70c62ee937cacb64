import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../testing/test-database.ts";
import { demoLineItems } from "./generator.ts";
import { generateUtilisation } from "./utilisation.ts";
import { hasCostData, isDemoData, loadDemoDataset } from "./load.ts";
import { planDemoWorld } from "./world.ts";

const OPTIONS = { seed: 11, months: 3, rows: 10_000, endDate: "2025-06-15" };

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.destroy();
});

async function snapshot() {
  const [items] = await db.sql.query<{ n: number; billed: string; effective: string }>(
    `SELECT count(*)::int AS n, sum(billed_cost)::text AS billed, sum(effective_cost)::text AS effective FROM cost_line_items`,
  );
  const [rollup] = await db.sql.query<{ billed: string }>(`SELECT sum(billed_cost)::text AS billed FROM cost_daily_rollup`);
  const [util] = await db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM resource_utilization_daily`);
  const budgets = await db.sql.query<{ name: string }>(`SELECT name FROM budgets ORDER BY name`);
  const [sources] = await db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM cost_sources`);
  return { items, rollupBilled: rollup.billed, utilisation: util.n, budgets: budgets.map((b) => b.name), sources: sources.n };
}

describe("loadDemoDataset", () => {
  it("reports no cost data before anything is loaded", async () => {
    expect(await hasCostData(db)).toBe(false);
    expect(await isDemoData(db)).toBe(false);
  });

  it("loads line items, utilisation and budgets, and a reload replaces instead of doubling", async () => {
    const phases = new Set<string>();
    const first = await loadDemoDataset(db, { ...OPTIONS, onProgress: (p) => phases.add(p.phase) });
    expect(first.ingest.status).toBe("imported");
    expect(phases).toEqual(new Set(["line-items", "utilisation", "budgets"]));
    const plan = planDemoWorld(OPTIONS);
    expect(first.ingest.rowsImported).toBe([...demoLineItems(plan)].length);
    expect(first.utilisationRows).toBe([...generateUtilisation(plan)].length);

    const before = await snapshot();
    expect(before.items.n).toBe(first.ingest.rowsImported);
    expect(before.rollupBilled).toBe(before.items.billed);
    expect(before.utilisation).toBe(first.utilisationRows);
    expect(before.budgets).toHaveLength(6);
    expect(before.sources).toBe(1);
    expect(await hasCostData(db)).toBe(true);
    expect(await isDemoData(db)).toBe(true);

    await loadDemoDataset(db, OPTIONS);
    expect(await snapshot()).toEqual(before);
  }, 120_000);

  it("stops calling the data a demo once a real source is imported", async () => {
    await db.sql.query(`INSERT INTO cost_sources (source_key, file_name, format, focus_version) VALUES ('real', 'real.csv', 'csv', '1.2')`);
    expect(await isDemoData(db)).toBe(false);
  });
});
