import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "../../errors.ts";
import { createTestDatabase, type TestDatabase } from "../../testing/test-database.ts";
import { DEMO_BUDGET_PREFIX } from "../demo/budgets.ts";
import { loadDemoDataset } from "../demo/load.ts";
import { createBudget, deleteBudget, listBudgets, listBudgetsWithStatus, updateBudget } from "./store.ts";

const DEMO = { seed: 7, months: 3, rows: 3_000, endDate: "2025-03-20" };
const budget = { name: "Team budget", amount: "100", period: "monthly", startDate: "2025-01-01" } as const;

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.destroy());

const storedAmount = async (id: string) =>
  (await db.sql.query<{ amount: string }>(`SELECT amount::text AS amount FROM budgets WHERE id = $1`, [id]))[0]?.amount;

describe("budget store", () => {
  it("lists budgets without a status while no cost data is loaded", async () => {
    const made = await createBudget(db, { ...budget, name: "Before any data" });
    expect(await listBudgetsWithStatus(db)).toEqual({ asOf: null, budgets: [{ ...made, status: null }] });
    await deleteBudget(db, made.id);
  });

  it("stores amounts exactly as written, to the cent, up to 18 integer digits", async () => {
    const cases = [
      ["123456789012345678.99", "123456789012345678.99"],
      ["999999999999999999.99", "999999999999999999.99"],
      ["0.01", "0.01"],
      [" 007.5 ", "7.50"],
      [".5", "0.50"],
    ];
    for (const [given, stored] of cases) {
      const made = await createBudget(db, { ...budget, name: `Amount ${given}`, amount: given });
      expect(made.amount).toBe(stored);
      expect(await storedAmount(made.id)).toBe(stored);
      await deleteBudget(db, made.id);
    }
  });

  it("lets only one of two simultaneous saves of the same name through", async () => {
    const results = await Promise.allSettled([
      createBudget(db, { ...budget, name: "Raced" }),
      createBudget(db, { ...budget, name: "RACED" }),
      createBudget(db, { ...budget, name: "raced" }),
    ]);
    const refused = results.filter((r) => r.status === "rejected").map((r) => (r as PromiseRejectedResult).reason);
    expect(refused).toHaveLength(2);
    for (const error of refused) expect(error).toMatchObject({ code: "conflict:cost" });
    const kept = (await listBudgets(db)).filter((b) => b.name.toLowerCase() === "raced");
    expect(kept).toHaveLength(1);
    await deleteBudget(db, kept[0]!.id);
  });

  it("keeps an edited demo budget a demo budget; a demo reload replaces demo budgets only", async () => {
    await loadDemoDataset(db, DEMO);
    const demoNames = (await listBudgets(db)).filter((b) => b.isDemo).map((b) => b.name).sort();
    expect(demoNames.length).toBeGreaterThan(1);
    const aws = (await listBudgets(db)).find((b) => b.name === `${DEMO_BUDGET_PREFIX}AWS spend`)!;

    const edited = await updateBudget(db, { ...aws, amount: "1.00" });
    expect(edited).toMatchObject({ isDemo: true, amount: "1.00", filters: aws.filters });
    const [marker] = await db.sql.query<{ demo: boolean }>(`SELECT (filters->>'demo')::boolean AS demo FROM budgets WHERE id = $1`, [aws.id]);
    expect(marker?.demo).toBe(true);
    expect((await listBudgetsWithStatus(db)).budgets.find((b) => b.id === aws.id)?.status).toMatchObject({ status: "over_budget" });

    // The demo's prefix is kept for the demo's budgets, so a reload cannot add a second budget of a name in use.
    await expect(createBudget(db, { ...budget, name: `${DEMO_BUDGET_PREFIX}AWS spend (mine)` })).rejects.toMatchObject({ code: "conflict:cost" });
    const mine = await createBudget(db, { ...budget, name: "Kept across reloads", filters: { provider: "AWS" } });
    const deleted = await createBudget(db, { ...budget, name: "Deleted before the reload" });
    await deleteBudget(db, deleted.id);
    expect(mine.isDemo).toBe(false);
    await expect(updateBudget(db, { ...mine, name: "demo: sneaky" })).rejects.toBeInstanceOf(AppError);

    await loadDemoDataset(db, DEMO);
    const after = await listBudgets(db);
    expect(after.filter((b) => b.isDemo).map((b) => b.name).sort()).toEqual(demoNames);
    expect(after.find((b) => b.name === aws.name)).toMatchObject({ amount: aws.amount, filters: aws.filters });
    expect(after.filter((b) => !b.isDemo)).toEqual([mine]);
    expect(new Set(after.map((b) => b.name.toLowerCase())).size).toBe(after.length);
  }, 120_000);
});
