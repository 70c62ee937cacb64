import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../testing/test-database.ts";
import { costTotal } from "./breakdown.ts";
import { budgetCoverage } from "./budget-coverage.ts";
import { budgetStatus } from "./budgets.ts";
import { loadFixture } from "./fixtures/focus-records.ts";
import { SMALL_BILL } from "./fixtures/small-bill.ts";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  await loadFixture(db, SMALL_BILL, "small-bill.csv");
  const insert = (name: string, filters: object, options: { currency?: string; start?: string; end?: string } = {}) =>
    db.sql.query(`INSERT INTO budgets (name, amount, currency, period, start_date, end_date, filters) VALUES ($1, 100, $2, 'monthly', $3, $4, $5::jsonb)`, [
      name,
      options.currency ?? "USD",
      options.start ?? "2024-01-01",
      options.end ?? null,
      JSON.stringify(filters),
    ]);
  await insert("Account A", { billingAccountId: "acct-a" });
  await insert("Azure web", { provider: "Azure", tag: { key: "team", value: "web" } });
  await insert("S3", { serviceName: "Amazon S3" });
  await insert("Sub s1", { subAccountId: "s1" });
  await insert("Everything", {}, { end: "2024-01-31" });
  await insert("In euros", {}, { currency: "EUR" });
  await insert("Not yet", {}, { start: "2024-03-01" });
});
afterAll(() => db.destroy());

const share = (name: string, amount: string, part: number | null) => ({ name, amount, share: part === null ? null : expect.closeTo(part, 9) });

describe("budgetCoverage", () => {
  it("lists each billing account's own budget and the broader budgets that count its spend, month to date", async () => {
    const { data, provenance } = await budgetCoverage(db, { asOf: "2024-01-31", dimension: "BillingAccountId" });
    expect(data.period).toEqual({ start: "2024-01-01", end: "2024-02-01" });
    // Active USD budgets only: not the euro one, not the one starting in March.
    expect(data.budgets.map((b) => b.name)).toEqual(["Account A", "Azure web", "Everything", "S3", "Sub s1"]);
    // acct-a in January: 10 + 6.5 + 4.25 + 0.1234567891 - 3 + 1.2 + 0 + 3 (rows 1-4, 6-9); acct-b: row 5.
    expect(data.rows.map((r) => [r.key, r.amount])).toEqual([
      ["acct-a", "22.0734567891"],
      ["acct-b", "20"],
    ]);
    const [a, b] = data.rows;
    expect(a!.own).toMatchObject([share("Account A", "22.0734567891", 1)]);
    // Sub s1: rows 1, 2 and 9 (19.5); S3: rows 3 and 4.
    expect(a!.others).toMatchObject([
      share("Everything", "22.0734567891", 1),
      share("Sub s1", "19.5", 19.5 / 22.0734567891),
      share("S3", "4.3734567891", 4.3734567891 / 22.0734567891),
    ]);
    // acct-b has no budget of its own; its one January row is Azure, team web.
    expect(b!.own).toEqual([]);
    expect(b!.others).toMatchObject([share("Azure web", "20", 1), share("Everything", "20", 1)]);
    // The budget list, the spend of all, then the spend within each budget.
    expect(provenance[0]!.table).toBe("budgets");
    expect(provenance.filter((p) => p.description.includes("within budget")).map((p) => p.description.split('"')[1])).toEqual(data.budgets.map((b) => b.name));
  });

  it("sums the spend at least one budget counts, and one narrower than the whole bill, each charge once", async () => {
    // January: "Everything" counts all of it; Account A all of acct-a, and "Azure web" acct-b's one row (Azure, web).
    const january = (await budgetCoverage(db, { asOf: "2024-01-31", dimension: "BillingAccountId" })).data.spend;
    expect(january).toEqual({ total: "42.0734567891", inAnyBudget: "42.0734567891", inNarrowerBudget: "42.0734567891" });
    // February 1-5: "Everything" has ended and acct-b's row (team n/a) is in no budget: only acct-a's spend is counted.
    const period = { start: "2024-02-01", end: "2024-02-06" };
    const [all, accountA] = await Promise.all([costTotal(db, { period }), costTotal(db, { period, filters: { billingAccountIds: ["acct-a"] } })]);
    const february = (await budgetCoverage(db, { asOf: "2024-02-05", dimension: "BillingAccountId" })).data.spend;
    expect(Number(all.data.total)).toBeGreaterThan(Number(accountA.data.total));
    expect(february).toEqual({ total: all.data.total, inAnyBudget: accountA.data.total, inNarrowerBudget: accountA.data.total });
  });

  it("leaves a value in no budget at all when none counts its spend", async () => {
    // February 1-5: "Everything" ended in January; acct-b's only row is team n/a, outside "Azure web".
    const { data } = await budgetCoverage(db, { asOf: "2024-02-05", dimension: "BillingAccountId" });
    expect(data.rows.map((r) => [r.key, r.amount, r.own.map((s) => s.name), r.others.map((s) => s.name)])).toEqual([
      ["acct-a", "8", ["Account A"], ["Sub s1"]],
      ["acct-b", "5", [], []],
    ]);
  });

  it("covers sub-accounts, with the spend that has none as its own row", async () => {
    const { data } = await budgetCoverage(db, { asOf: "2024-01-31" });
    expect(data.dimension).toBe("SubAccountId");
    // s3: row 5; s1: rows 1, 2, 9; s2: rows 3, 4; no sub-account: credit -3, tax 1.2, purchase 0.
    expect(data.rows.map((r) => [r.key, r.name ?? r.label, r.amount, r.own.map((s) => s.name), r.others.map((s) => s.name)])).toEqual([
      ["s3", "s3 name", "20", [], ["Azure web", "Everything"]],
      ["s1", "s1 name", "19.5", ["Sub s1"], ["Account A", "Everything"]],
      ["s2", "s2 name", "4.3734567891", [], ["Account A", "Everything", "S3"]],
      [null, "(no sub-account)", "-1.8", [], ["Account A", "Everything"]],
    ]);
  });

  it("covers a tag's values: a team budget narrowed to one provider holds part of the team's spend", async () => {
    const { data } = await budgetCoverage(db, { asOf: "2024-01-31", dimension: "Tag", tagKey: "team" });
    const web = data.rows.find((r) => r.key === "web")!;
    // web: row 1 (AWS, 10) and row 5 (Azure, 20); "Azure web" holds the Azure part.
    expect(web.amount).toBe("30");
    expect(web.own).toMatchObject([share("Azure web", "20", 20 / 30)]);
    expect(data.rows.find((r) => r.key === "data")).toMatchObject({ amount: "6.5", own: [] });
    // "unknown" (row 3) is a placeholder: it names no team.
    expect(data.rows.filter((r) => r.placeholder).map((r) => r.key)).toEqual(["unknown"]);
    // Untagged: rows 4, 6, 7 and 8.
    expect(data.rows.find((r) => r.key === null)).toMatchObject({ label: "(untagged)", amount: "-1.6765432109", own: [] });
  });

  it("lists a budget of its own for a value with no spend this month, at zero", async () => {
    const { data } = await budgetCoverage(db, { asOf: "2024-02-05", dimension: "ServiceName" });
    expect(data.rows.find((r) => r.key === "Amazon S3")).toMatchObject({ amount: "0", own: [{ name: "S3", amount: "0", share: null }], others: [] });
  });

  it("agrees with each budget's own spend", async () => {
    const { data } = await budgetCoverage(db, { asOf: "2024-01-31", dimension: "ProviderName" });
    const statuses = (await budgetStatus(db, { asOf: "2024-01-31" })).data;
    for (const budget of data.budgets) {
      const counted = data.rows.flatMap((r) => [...r.own, ...r.others]).filter((s) => s.id === budget.id);
      const total = counted.reduce((sum, s) => sum + Number(s.amount), 0);
      expect(total).toBeCloseTo(statuses.find((s) => s.id === budget.id)!.spentValue, 9);
    }
  });

  it("rejects dimensions budgets are not kept by, and a tag grouping without its key", async () => {
    await expect(budgetCoverage(db, { asOf: "2024-01-31", dimension: "RegionId" as never })).rejects.toThrow(
      "Budgets are kept per ProviderName, BillingAccountId, SubAccountId, ServiceName, Tag.",
    );
    await expect(budgetCoverage(db, { asOf: "2024-01-31", dimension: "Tag" })).rejects.toThrow("Coverage by Tag needs a tagKey.");
  });
});
