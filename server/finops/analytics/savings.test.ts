import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../testing/test-database.ts";
import { loadFixture } from "./fixtures/focus-records.ts";
import { JANUARY, SMALL_BILL } from "./fixtures/small-bill.ts";
import { savingsMetrics } from "./savings.ts";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  await loadFixture(db, SMALL_BILL, "small-bill.csv");
});
afterAll(() => db.destroy());

describe("savingsMetrics", () => {
  it("computes negotiated, commitment and total savings and ESR over usage rows", async () => {
    const { data, provenance } = await savingsMetrics(db, { period: JANUARY });
    // Usage rows 1, 2, 3, 4, 5, 9. List 12+14+4.25+0.1234567891+25+3; contracted 10+9+4.25+0.1234567891+20+3;
    // effective 10+6.5+4.25+0.1234567891+20+3.
    expect(data.total).toMatchObject({
      listCost: "58.3734567891",
      contractedCost: "46.3734567891",
      effectiveCost: "43.8734567891",
      negotiatedSavings: "12",
      commitmentSavings: "2.5", // row 2: contracted 9, effective 6.5
      totalSavings: "14.5",
    });
    expect(data.total.effectiveSavingsRate).toBeCloseTo(0.2484005710401507, 11);
    expect(data.byProvider.map((p) => [p.provider, p.negotiatedSavings, p.commitmentSavings, p.totalSavings])).toEqual([
      ["AWS", "7", "2.5", "9.5"],
      ["Azure", "5", "0", "5"],
    ]);
    expect(data.definitions.effectiveSavingsRate).toContain("Effective Savings Rate");
    expect(provenance[0]!.params).toContainEqual(["Usage"]);
  });

  it("keeps what spot usage saved against its contracted rate out of commitment savings", async () => {
    // March 2024: a reserved-instance row (contracted 9, effective 6.5) and a spot row priced at the contracted
    // on-demand rate (contracted 10, effective 3).
    await loadFixture(db, [
      { date: "2024-03-04", resource: "i-ri", pricingCategory: "Committed", billed: "0", effective: "6.50", list: "12.00", contracted: "9.00" },
      { date: "2024-03-04", resource: "i-spot", pricingCategory: "Dynamic", billed: "3.00", effective: "3.00", list: "12.00", contracted: "10.00" },
    ], "spot.csv");
    const { data } = await savingsMetrics(db, { period: { start: "2024-03-01", end: "2024-04-01" } });
    expect(data.total).toMatchObject({ negotiatedSavings: "5", commitmentSavings: "2.5", spotSavings: "7", totalSavings: "14.5" });
  });

  it("is empty when the charge category filter leaves out usage", async () => {
    const { data } = await savingsMetrics(db, { period: JANUARY, filters: { chargeCategories: ["Tax"] } });
    expect(data.total).toMatchObject({ listCost: "0", totalSavings: "0", effectiveSavingsRate: null });
  });
});
