import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../testing/test-database.ts";
import { eachDay } from "./scope.ts";
import { loadFixture } from "./fixtures/focus-records.ts";
import { costVolatility } from "./volatility.ts";

// Eight days, 2025-03-01 to 2025-03-08. Steady: 10 a day. Weekly: 5 and 15 in turn. Spiky: 80 on the last day only.
// Tiny: 0.50 once (under 1% of the total). Credit: -5 once (no positive mean). Each of the first three averages 10.
const period = { start: "2025-03-01", end: "2025-03-09" };
const days = eachDay(period.start, period.end);

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  await loadFixture(
    db,
    [
      ...days.map((date) => ({ date, service: "Steady", billed: "10" })),
      ...days.map((date, i) => ({ date, service: "Weekly", billed: i % 2 ? "15" : "5" })),
      { date: "2025-03-08", service: "Spiky", billed: "80" },
      { date: "2025-03-03", service: "Tiny", billed: "0.50" },
      { date: "2025-03-04", service: "Credit", billed: "-5", chargeCategory: "Credit" as const },
    ],
    "volatility.csv",
  );
});
afterAll(() => db.destroy());

describe("costVolatility", () => {
  it("ranks values by the coefficient of variation of their daily cost, a day without cost counting as 0", async () => {
    const { data, provenance } = await costVolatility(db, { period });
    expect(data.rows.map((r) => r.label)).toEqual(["Spiky", "Weekly", "Steady"]);
    const [spiky, weekly, steady] = data.rows;
    // Spiky: seven days 10 below the mean and one 70 above: sd = sqrt((7 × 100 + 4900) / 8) = sqrt(700).
    expect(spiky!.dailyMean).toBeCloseTo(10, 10);
    expect(spiky!.dailyStdDev).toBeCloseTo(Math.sqrt(700), 10);
    expect(spiky!.cvPercent).toBeCloseTo(Math.sqrt(700) * 10, 8);
    expect(spiky).toMatchObject({ total: "80", highestDay: { date: "2025-03-08", amount: "80" }, lowestDay: { date: "2025-03-01", amount: "0" } });
    expect(weekly!.cvPercent).toBeCloseTo(50, 10);
    expect(weekly).toMatchObject({ lowestDay: { date: "2025-03-01", amount: "5" }, highestDay: { date: "2025-03-02", amount: "15" } });
    expect(steady!.cvPercent).toBe(0);
    expect(data).toMatchObject({ days: 8, total: "235.5", ranked: 3, leftOut: 2 });
    expect(provenance[0]!.sql).toContain("stddev_pop");
  });

  it("puts the steadiest first when asked, and keeps small values when the floor is lowered", async () => {
    const steadiest = await costVolatility(db, { period, steadiestFirst: true });
    expect(steadiest.data.rows.map((r) => r.label)).toEqual(["Steady", "Weekly", "Spiky"]);
    const all = await costVolatility(db, { period, minSharePercent: 0 });
    // Tiny, like Spiky, costs on one day of eight: the same CV, the larger total first.
    expect(all.data.rows.map((r) => r.label)).toEqual(["Spiky", "Tiny", "Weekly", "Steady"]);
    expect(all.data.leftOut).toBe(1); // the credit's mean is negative
  });

  it("rejects periods under a week", async () => {
    await expect(costVolatility(db, { period: { start: "2025-03-01", end: "2025-03-05" } })).rejects.toThrow("at least 7 days");
  });
});
