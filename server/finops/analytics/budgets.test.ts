import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../testing/test-database.ts";
import { budgetHistory, budgetPeriodContaining, budgetStatus } from "./budgets.ts";
import { loadFixture } from "./fixtures/focus-records.ts";
import { SMALL_BILL } from "./fixtures/small-bill.ts";

let db: TestDatabase;
const ids: Record<string, string> = {};
beforeAll(async () => {
  db = await createTestDatabase();
  await loadFixture(db, SMALL_BILL, "small-bill.csv");
  const insert = async (name: string, amount: string, period: string, start: string, filters: object) => {
    const [row] = await db.sql.query<{ id: string }>(
      `INSERT INTO budgets (name, amount, period, start_date, filters) VALUES ($1, $2, $3, $4, $5::jsonb) RETURNING id`,
      [name, amount, period, start, JSON.stringify(filters)],
    );
    ids[name] = row!.id;
  };
  await insert("AWS monthly", "40.00", "monthly", "2023-12-01", { provider: "AWS" });
  await insert("Azure web", "15.00", "monthly", "2024-01-01", { provider: "Azure", tag: { key: "team", value: "web" } });
  await insert("Everything quarterly", "100.00", "quarterly", "2023-10-01", {});
  await insert("AWS billed", "60.00", "monthly", "2023-12-01", { provider: "AWS" });
  await insert("AWS from the 10th", "40.00", "monthly", "2024-01-10", { provider: "AWS" });
});
afterAll(() => db.destroy());

describe("budgetPeriodContaining", () => {
  it("steps from the start date by the cadence, clamping to month ends", () => {
    expect(budgetPeriodContaining("2023-12-01", "monthly", "2024-01-15")).toEqual({ start: "2024-01-01", end: "2024-02-01" });
    expect(budgetPeriodContaining("2024-01-31", "monthly", "2024-02-29")).toEqual({ start: "2024-02-29", end: "2024-03-31" });
    expect(budgetPeriodContaining("2023-10-01", "quarterly", "2024-02-05")).toEqual({ start: "2024-01-01", end: "2024-04-01" });
    expect(budgetPeriodContaining("2023-04-06", "annual", "2024-04-05")).toEqual({ start: "2023-04-06", end: "2024-04-06" });
  });
});

describe("budgetHistory", () => {
  it("reads each budget period overlapping the span as a whole, its spend what budgetStatus reads on its last day", async () => {
    const { data, provenance } = await budgetHistory(db, { period: { start: "2023-12-15", end: "2024-03-01" }, asOf: "2024-02-05" });
    const periods = Object.fromEntries(data.map((b) => [b.name, b.periods.map((p) => `${p.start}..${p.end}${p.complete ? "" : " (so far)"}`)]));
    expect(periods).toEqual({
      "AWS billed": ["2023-12-01..2024-01-01", "2024-01-01..2024-02-01", "2024-02-01..2024-03-01 (so far)"],
      "AWS from the 10th": ["2024-01-10..2024-02-10 (so far)"],
      "AWS monthly": ["2023-12-01..2024-01-01", "2024-01-01..2024-02-01", "2024-02-01..2024-03-01 (so far)"],
      "Azure web": ["2024-01-01..2024-02-01", "2024-02-01..2024-03-01 (so far)"],
      "Everything quarterly": ["2023-10-01..2024-01-01", "2024-01-01..2024-04-01 (so far)"],
    });
    for (const budget of data) {
      for (const p of budget.periods) {
        const lastDay = p.complete ? new Date(Date.parse(`${p.end}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10) : "2024-02-05";
        const [status] = (await budgetStatus(db, { asOf: lastDay, budgetId: budget.id })).data;
        expect(p.spent, `${budget.name} ${p.start}`).toBe(status!.spent);
        expect(p.overBy !== null, `${budget.name} ${p.start}`).toBe(status!.status === "over_budget");
        if (p.overBy) expect(p.overOn).toBe(status!.forecastOverrunDate);
      }
    }
    // Azure web went over its 15 in January, on the 15th, by what it spent beyond that.
    const january = data.find((b) => b.name === "Azure web")!.periods[0]!;
    expect(january).toMatchObject({ overOn: "2024-01-15", complete: true });
    expect(Number(january.overBy)).toBe(Number(january.spent) - 15);
    expect(january.spentPercent).toBeCloseTo((Number(january.spent) / 15) * 100, 9);
    // The budgets read, then one daily query per budget.
    expect(provenance).toHaveLength(1 + 5);
  });

  it("reads no period of a budget that starts after the span", async () => {
    const { data } = await budgetHistory(db, { period: { start: "2023-12-01", end: "2024-01-01" }, asOf: "2024-02-05" });
    expect(data.find((b) => b.name === "Azure web")!.periods).toEqual([]);
    await expect(budgetHistory(db, { period: { start: "2024-01-01", end: "2024-01-01" }, asOf: "2024-02-05" })).rejects.toThrow("period.start must be before period.end");
  });
});

describe("budgetStatus", () => {
  it("projects a monthly budget linearly and forecasts the overrun day", async () => {
    const { data } = await budgetStatus(db, { asOf: "2024-01-15", budgetId: ids["AWS monthly"] });
    // AWS Jan 1-15: purchase 0 + 10 + 6.5 + 4.25 + 0.1234567891 over 15 of 31 days.
    expect(data[0]).toMatchObject({
      currentPeriod: { start: "2024-01-01", end: "2024-02-01" },
      elapsedDays: 15,
      totalDays: 31,
      spent: "20.8734567891",
      remaining: "19.1265432109", // 40 - 20.8734567891
      burnRatePerDay: "1.39", // 1.39156...
      projectedSpend: "43.14", // 43.1384...
      status: "at_risk",
      // (40 - 20.8734567891) x 15 / 20.8734567891 = 13.74 -> 14 days after Jan 15
      forecastOverrunDate: "2024-01-29",
      active: true,
    });
    expect(data[0]!.spentPercent).toBeCloseTo(52.18364197275, 9);
  });

  it("marks a budget over when actual spend passed it, dated on the day it crossed", async () => {
    const { data } = await budgetStatus(db, { asOf: "2024-01-20", budgetId: ids["Azure web"] });
    expect(data[0]).toMatchObject({ spent: "20", status: "over_budget", forecastOverrunDate: "2024-01-15", projectedSpend: "31" });
    expect(Number(data[0]!.remaining)).toBeLessThan(0);
    expect(Number(data[0]!.remaining)).toBe(Number(data[0]!.amount) - 20);
  });

  it("reports every budget, quarterly included", async () => {
    const { data: all, provenance } = await budgetStatus(db, { asOf: "2024-02-05" });
    expect(all.map((b) => b.name)).toEqual(["AWS billed", "AWS from the 10th", "AWS monthly", "Azure web", "Everything quarterly"]);
    const data = all.slice(2);
    // January 42.0734567891 + February 5th (8 + 5) over 36 of 91 days.
    expect(data[2]).toMatchObject({
      currentPeriod: { start: "2024-01-01", end: "2024-04-01" },
      elapsedDays: 36,
      totalDays: 91,
      spent: "55.0734567891",
      burnRatePerDay: "1.53",
      projectedSpend: "139.21",
      forecastOverrunDate: "2024-03-06", // 29.37 -> 30 days after Feb 5
      status: "at_risk",
    });
    // February for AWS: only 8 spent by the 5th, 8 x 29 / 5 = 46.4 > 40.
    expect(data[0]).toMatchObject({ spent: "8", projectedSpend: "46.4", status: "at_risk" });
    // The budgets read, then per budget its daily spend and the first day of each month its monthly charges are read
    // on: February and the January before it for the three monthly budgets from the 1st, January and February for
    // the one from the 10th and for the quarter.
    expect(provenance).toHaveLength(1 + 3 * 3 + 2 * 3);
  });

  it("counts a month's tax and purchases once instead of burning them at the daily rate", async () => {
    // Billed cost, AWS, Jan 1-15: the purchase of 30 on Jan 1 (billed for the month) + 10 + 0 + 4.25 + 0.1234567891.
    const { data } = await budgetStatus(db, { asOf: "2024-01-15", budgetId: ids["AWS billed"], metric: "BilledCost" });
    expect(data[0]).toMatchObject({
      spent: "44.3734567891",
      monthlyCharges: "30",
      upcomingMonthlyCharges: "0", // no month begins before Feb 1, the period's end
      burnRatePerDay: "0.96", // 14.3734567891 / 15
      projectedSpend: "59.71", // 44.3734567891 + 14.3734567891 x 16 / 15 = 59.7051...; linear would be 91.70, over 60
      status: "on_track",
      forecastOverrunDate: null,
    });
  });

  it("expects the latest month's monthly charges again at each month still to begin in the period", async () => {
    // Billed cost, everything, Jan 1-15 of the quarter: 30 on Jan 1 (purchase) + 10 + 0 + 4.25 + 0.1234567891 + 20.
    const { data } = await budgetStatus(db, { asOf: "2024-01-15", budgetId: ids["Everything quarterly"], metric: "BilledCost" });
    expect(data[0]).toMatchObject({
      spent: "64.3734567891",
      monthlyCharges: "30",
      upcomingMonthlyCharges: "60", // Feb 1 and Mar 1
      burnRatePerDay: "2.29", // 34.3734567891 / 15
      // 64.3734567891 + 60 + 34.3734567891 x 76 / 15 = 298.5323...
      projectedSpend: "298.53",
      status: "at_risk",
      // 64.3734567891 + 2.2915637859 k > 100 first at k = 16 days after Jan 15
      forecastOverrunDate: "2024-01-31",
    });
  });

  it("expects the month before's purchases and tax while the latest month's are not billed yet", async () => {
    // Billed cost, AWS, Feb 1-5: 8 on Feb 5 and no purchase on Feb 1, where January had one of 30: expected again,
    // on Feb 29. 8 + 8 x 24 / 5 = 46.4 would be on track; with the 30, 76.4 passes the 60 on Feb 29.
    const { data } = await budgetStatus(db, { asOf: "2024-02-05", budgetId: ids["AWS billed"], metric: "BilledCost" });
    expect(data[0]).toMatchObject({
      spent: "8",
      monthlyCharges: "0",
      pendingMonthlyCharges: "30",
      upcomingMonthlyCharges: "30", // no month begins before Mar 1, the period's end
      burnRatePerDay: "1.6",
      projectedSpend: "76.4",
      status: "at_risk",
      forecastOverrunDate: "2024-02-29",
    });
    // Once the month's own are billed, nothing is pending (January's purchase was on Jan 1).
    const january = await budgetStatus(db, { asOf: "2024-01-15", budgetId: ids["AWS billed"], metric: "BilledCost" });
    expect(january.data[0]).toMatchObject({ monthlyCharges: "30", pendingMonthlyCharges: "0" });
  });

  it("reads a mid-month period's first month from its first day, for the charges billed on it", async () => {
    // Period Jan 10 - Feb 9, AWS billed: Jan 10 4.25 + 0.1234567891, Jan 20 the credit -3. Jan 1's purchase (30)
    // is before the period but is the latest month's charge: it is expected again on Feb 1.
    const { data } = await budgetStatus(db, { asOf: "2024-01-20", budgetId: ids["AWS from the 10th"], metric: "BilledCost" });
    expect(data[0]).toMatchObject({
      currentPeriod: { start: "2024-01-10", end: "2024-02-10" },
      elapsedDays: 11,
      spent: "1.3734567891",
      monthlyCharges: "0",
      upcomingMonthlyCharges: "30",
      burnRatePerDay: "0.12", // 1.3734567891 / 11
      projectedSpend: "33.87", // 1.3734567891 + 30 + 1.3734567891 x 20 / 11 = 33.8706...
      status: "on_track",
    });
  });

  it("restates monthly budgets over the quarter or year asked for, as a budget of that period from its first day would read", async () => {
    const { data } = await budgetStatus(db, { asOf: "2024-02-05", over: "quarterly" });
    const byName = new Map(data.map((b) => [b.name, b]));
    // Three months of AWS monthly's 40, from Jan 1: the same status a 120 quarterly budget from Jan 1 has.
    const [row] = await db.sql.query<{ id: string }>(
      `INSERT INTO budgets (name, amount, period, start_date, filters) VALUES ('AWS as a quarter', 120, 'quarterly', '2024-01-01', '{"provider":"AWS"}'::jsonb) RETURNING id`,
    );
    try {
      const { data: [quarter] } = await budgetStatus(db, { asOf: "2024-02-05", budgetId: row!.id });
      const { id: _id, name: _name, ...same } = quarter!;
      expect(byName.get("AWS monthly")).toMatchObject({ ...same, amount: "120", cadence: "quarterly", restatedFrom: "monthly", restatedTimes: 3 });
      expect(byName.get("AWS monthly")!.currentPeriod).toEqual({ start: "2024-01-01", end: "2024-04-01" });
    } finally {
      await db.sql.query(`DELETE FROM budgets WHERE id = $1::uuid`, [row!.id]);
    }
    // A quarterly budget is already a quarter; one starting mid-month does not fill the quarter: both keep their own.
    expect(byName.get("Everything quarterly")).toMatchObject({ amount: "100", cadence: "quarterly" });
    expect(byName.get("AWS from the 10th")).toMatchObject({ amount: "40", cadence: "monthly" });
    expect([byName.get("Everything quarterly")!.restatedFrom, byName.get("AWS from the 10th")!.restatedFrom]).toEqual([undefined, undefined]);
    // A year: twelve months of 40, four quarters of 100.
    const { data: year } = await budgetStatus(db, { asOf: "2024-02-05", over: "annual" });
    expect(year.find((b) => b.name === "AWS monthly")).toMatchObject({ amount: "480", currentPeriod: { start: "2024-01-01", end: "2025-01-01" }, restatedFrom: "monthly", restatedTimes: 12 });
    expect(year.find((b) => b.name === "Everything quarterly")).toMatchObject({ amount: "400", totalDays: 366, restatedFrom: "quarterly", restatedTimes: 4 });
    await expect(budgetStatus(db, { asOf: "2024-02-05", over: "weekly" as never })).rejects.toThrow("to see budgets over a quarter or a year");
  });

  it("says when a budget does not exist", async () => {
    await expect(budgetStatus(db, { asOf: "2024-01-15", budgetId: "00000000-0000-4000-8000-000000000000" })).rejects.toThrow(
      "That budget does not exist.",
    );
  });
});
