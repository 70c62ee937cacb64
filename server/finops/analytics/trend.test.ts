import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../testing/test-database.ts";
import { costBreakdown, costTotal } from "./breakdown.ts";
import { loadFixture } from "./fixtures/focus-records.ts";
import { randomBill } from "./fixtures/random-bill.ts";
import { JANUARY, SMALL_BILL } from "./fixtures/small-bill.ts";
import { toUnits } from "./scope.ts";
import { bucketsOf, costTrend } from "./trend.ts";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  await loadFixture(db, SMALL_BILL, "small-bill.csv");
  await loadFixture(db, randomBill(11, { rows: 80, year: 2030 }), "random-2030.csv");
});
afterAll(() => db.destroy());

const nonZero = (points: { bucketStart: string; amount: string }[]) =>
  Object.fromEntries(points.filter((p) => p.amount !== "0").map((p) => [p.bucketStart, p.amount]));

describe("costTrend", () => {
  it("gives every day of the period, zero on days without cost", async () => {
    const { data } = await costTrend(db, { period: JANUARY, granularity: "day" });
    expect(data.total).toHaveLength(31);
    expect(data.total[1]).toEqual({ bucketStart: "2024-01-02", amount: "0", value: 0 });
    expect(nonZero(data.total)).toEqual({
      "2024-01-03": "16.5",
      "2024-01-10": "4.3734567891",
      "2024-01-15": "20",
      "2024-01-20": "-3",
      "2024-01-25": "3",
      "2024-01-31": "1.2",
    });
    expect(data.grandTotal).toBe("42.0734567891");
    expect(data.series).toEqual([]);
  });

  it("buckets by ISO week starting Monday and by month", async () => {
    const weekly = await costTrend(db, { period: JANUARY, granularity: "week" });
    expect(weekly.data.total.map((p) => [p.bucketStart, p.amount])).toEqual([
      ["2024-01-01", "16.5"],
      ["2024-01-08", "4.3734567891"],
      ["2024-01-15", "17"], // 20 - 3
      ["2024-01-22", "3"],
      ["2024-01-29", "1.2"],
    ]);
    const monthly = await costTrend(db, { period: { start: "2023-12-01", end: "2024-03-01" }, granularity: "month" });
    expect(monthly.data.total.map((p) => [p.bucketStart, p.amount])).toEqual([
      ["2023-12-01", "7"],
      ["2024-01-01", "42.0734567891"],
      ["2024-02-01", "13"],
    ]);
  });

  it("starts a week bucket on the Monday before a mid-week period start", () => {
    expect(bucketsOf({ start: "2024-01-03", end: "2024-01-16" }, "week")).toEqual(["2024-01-01", "2024-01-08", "2024-01-15"]);
  });

  it("gives one series per top service plus Others", async () => {
    const { data } = await costTrend(db, { period: JANUARY, granularity: "week", dimension: "ServiceName", limit: 1 });
    expect(data.series.map((s) => [s.label, s.total])).toEqual([
      ["Virtual Machines", "20"],
      ["Others", "22.0734567891"],
    ]);
    expect(nonZero(data.series[1]!.points)).toEqual({
      "2024-01-01": "16.5",
      "2024-01-08": "4.3734567891",
      "2024-01-15": "-3",
      "2024-01-22": "3",
      "2024-01-29": "1.2",
    });
  });

  it("pools placeholder tag values with the untagged series when asked, as costBreakdown does", async () => {
    const raw = await costTrend(db, { period: JANUARY, granularity: "month", dimension: "Tag", tagKey: "team", limit: 10 });
    expect(raw.data.series.map((s) => s.label)).toContain("unknown");
    const { data } = await costTrend(db, { period: JANUARY, granularity: "month", dimension: "Tag", tagKey: "team", limit: 10, poolPlaceholders: true });
    expect(data.series.map((s) => s.label)).not.toContain("unknown");
    const untagged = data.series.find((s) => s.key === null)!;
    expect(untagged.label).toBe("(untagged or placeholder)");
    const breakdown = await costBreakdown(db, { period: JANUARY, dimension: "Tag", tagKey: "team", poolPlaceholders: true });
    expect(untagged.total).toBe(breakdown.data.rows.find((r) => r.key === null)!.amount);
    expect(data.grandTotal).toBe(raw.data.grandTotal);
  });

  it("keeps every bucket and series adding up to the total on a random bill", async () => {
    const period = { start: "2030-01-01", end: "2030-03-01" };
    const total = toUnits((await costTotal(db, { period, metric: "BilledCost" })).data.total);
    for (const granularity of ["day", "week", "month"] as const) {
      for (const [dimension, tagKey] of [["ServiceName"], ["Tag", "team"], ["ResourceId"]] as const) {
        const { data } = await costTrend(db, { period, metric: "BilledCost", granularity, dimension, tagKey, limit: 2 });
        expect(data.total.reduce((s, p) => s + toUnits(p.amount), 0n)).toBe(total);
        expect(data.series.reduce((s, x) => s + toUnits(x.total), 0n)).toBe(total);
        for (const [i, point] of data.total.entries()) {
          expect(data.series.reduce((s, x) => s + toUnits(x.points[i]!.amount), 0n)).toBe(toUnits(point.amount));
        }
      }
    }
  });

  it("refuses a daily trend over more than 400 days", async () => {
    await expect(costTrend(db, { period: { start: "2020-01-01", end: "2022-01-01" }, granularity: "day" })).rejects.toThrow(
      "Daily trends are limited to 400 days",
    );
  });
});
