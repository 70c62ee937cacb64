import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../testing/test-database.ts";
import { baselineFor, comparePeriods } from "./compare.ts";
import { loadFixture } from "./fixtures/focus-records.ts";
import { randomBill } from "./fixtures/random-bill.ts";
import { FEBRUARY, JANUARY, SMALL_BILL } from "./fixtures/small-bill.ts";
import { toUnits } from "./scope.ts";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  await loadFixture(db, SMALL_BILL, "small-bill.csv");
  await loadFixture(db, randomBill(21, { rows: 80, year: 2030 }), "random-2030.csv");
});
afterAll(() => db.destroy());

describe("baselineFor", () => {
  it("aligns whole months and quarters to the calendar, else takes the same length just before", () => {
    expect(baselineFor({ start: "2024-03-01", end: "2024-04-01" }, "MoM")).toEqual({ start: "2024-02-01", end: "2024-03-01" });
    expect(baselineFor({ start: "2024-04-01", end: "2024-07-01" }, "QoQ")).toEqual({ start: "2024-01-01", end: "2024-04-01" });
    expect(baselineFor({ start: "2024-03-10", end: "2024-03-20" }, "MoM")).toEqual({ start: "2024-02-29", end: "2024-03-10" });
    // QoQ of a month, or of days, is the same dates a quarter earlier: March -> December, May 31 -> February 29.
    expect(baselineFor({ start: "2024-03-01", end: "2024-04-01" }, "QoQ")).toEqual({ start: "2023-12-01", end: "2024-01-01" });
    expect(baselineFor({ start: "2024-05-31", end: "2024-06-10" }, "QoQ")).toEqual({ start: "2024-02-29", end: "2024-03-10" });
    expect(baselineFor({ start: "2024-02-01", end: "2024-03-01" }, "YoY")).toEqual({ start: "2023-02-01", end: "2023-03-01" });
    expect(baselineFor({ start: "2024-02-29", end: "2024-03-05" }, "YoY")).toEqual({ start: "2023-02-28", end: "2023-03-05" });
  });
});

describe("comparePeriods", () => {
  it("compares February with January (MoM) and explains the change by service", async () => {
    const { data } = await comparePeriods(db, { current: FEBRUARY, mode: "MoM" });
    expect(data.baseline.period).toEqual(JANUARY);
    expect(data.current.total).toBe("13"); // 8 + 5
    expect(data.baseline.total).toBe("42.0734567891");
    expect(data.change).toBe("-29.0734567891");
    expect(data.changePercent).toBeCloseTo(-69.10165935457930, 9);
    expect(data.drivers.map((d) => [d.label, d.current, d.baseline, d.delta])).toEqual([
      ["Virtual Machines", "5", "20", "-15"],
      ["Amazon EC2", "8", "14.7", "-6.7"],
      ["Amazon S3", "0", "4.3734567891", "-4.3734567891"],
      ["Amazon CloudWatch", "0", "3", "-3"],
    ]);
    expect(data.drivers[0]!.deltaPercent).toBeCloseTo(-75, 10);
    expect(data.drivers[0]!.shareOfChange).toBeCloseTo(15 / 29.0734567891, 10);
  });

  it("ranks the drivers by what they cost now when asked (rankBy current), the rest still folded into Others", async () => {
    const { data } = await comparePeriods(db, { current: FEBRUARY, mode: "MoM", rankBy: "current", limit: 1 });
    // February: EC2 8, Virtual Machines 5: EC2 is the largest now, though Virtual Machines moved more.
    expect(data.drivers.map((d) => [d.label, d.current, d.delta])).toEqual([
      ["Amazon EC2", "8", "-6.7"],
      ["Others", "5", "-22.3734567891"],
    ]);
    await expect(comparePeriods(db, { current: FEBRUARY, rankBy: "size" as "current" })).rejects.toThrow("rankBy is change or current.");
  });

  it("keeps only the values gone (or new) when asked, counting them past the limit while the totals stay the whole period's", async () => {
    const { data } = await comparePeriods(db, { current: FEBRUARY, mode: "MoM", only: "gone", limit: 1 });
    // S3 and CloudWatch cost something in January and nothing in February.
    expect(data.drivers.map((d) => [d.label, d.current, d.baseline])).toEqual([
      ["Amazon S3", "0", "4.3734567891"],
      ["Others", "0", "3"],
    ]);
    expect(data.matching).toBe(2);
    expect(data.change).toBe("-29.0734567891");
    const added = await comparePeriods(db, { current: FEBRUARY, mode: "MoM", only: "new" });
    expect(added.data.drivers).toEqual([]);
    expect(added.data.matching).toBe(0);
    const back = await comparePeriods(db, { current: JANUARY, baseline: FEBRUARY, only: "new" });
    expect(back.data.drivers.map((d) => d.label)).toEqual(["Amazon S3", "Amazon CloudWatch"]);
    await expect(comparePeriods(db, { current: FEBRUARY, only: "old" as "new" })).rejects.toThrow("only is new or gone.");
  });

  it("names resource drivers from either period, in a query of its own", async () => {
    const { data, provenance } = await comparePeriods(db, { current: FEBRUARY, mode: "MoM", driverDimension: "ResourceId" });
    const i1 = data.drivers.find((d) => d.key === "i-1")!;
    expect(i1.name).toBe("web-1"); // named in January's row only
    expect(data.drivers.filter((d) => !d.isOthers && d.key !== null && d.key !== "i-1").every((d) => d.name === null)).toBe(true);
    expect(provenance[1]!.sql).toContain("max(t.resource_name)");
    expect(provenance[1]!.period).toEqual({ start: JANUARY.start, end: FEBRUARY.end });
    const byService = await comparePeriods(db, { current: FEBRUARY, mode: "MoM" });
    expect(byService.provenance).toHaveLength(1);
  });

  it("reports a null percentage when the baseline is zero", async () => {
    const { data } = await comparePeriods(db, { current: JANUARY, baseline: { start: "2023-01-01", end: "2023-02-01" } });
    expect(data.mode).toBe("custom");
    expect(data.baseline.total).toBe("0");
    expect(data.changePercent).toBeNull();
    expect(data.drivers.every((d) => d.deltaPercent === null)).toBe(true);
  });

  it("folds small drivers into Others so deltas add up to the change on a random bill", async () => {
    for (const [driverDimension, tagKey] of [["ServiceName"], ["Tag", "team"], ["ResourceId"], ["RegionId"]] as const) {
      const { data } = await comparePeriods(db, {
        current: { start: "2030-02-01", end: "2030-03-01" },
        mode: "MoM",
        driverDimension,
        tagKey,
        limit: 2,
        metric: "BilledCost",
      });
      expect(data.drivers.reduce((s, d) => s + toUnits(d.delta), 0n)).toBe(toUnits(data.change));
      expect(data.drivers.reduce((s, d) => s + toUnits(d.current), 0n)).toBe(toUnits(data.current.total));
      expect(toUnits(data.current.total) - toUnits(data.baseline.total)).toBe(toUnits(data.change));
    }
  });

  it("asks for a baseline in custom mode", async () => {
    await expect(comparePeriods(db, { current: JANUARY, mode: "custom" })).rejects.toThrow("A custom comparison needs a baseline period.");
  });
});
