import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../testing/test-database.ts";
import { costAllocation, splitExactly } from "./allocation.ts";
import { costTotal } from "./breakdown.ts";
import { loadFixture } from "./fixtures/focus-records.ts";
import { randomBill, seededRandom } from "./fixtures/random-bill.ts";
import { JANUARY, SMALL_BILL } from "./fixtures/small-bill.ts";
import { toUnits } from "./scope.ts";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  await loadFixture(db, SMALL_BILL, "small-bill.csv");
  await loadFixture(db, randomBill(31, { rows: 80, year: 2030 }), "random-2030.csv");
});
afterAll(() => db.destroy());

const table = (rows: { value: string; direct: string; sharedAllocated: string; total: string }[]) =>
  rows.map((r) => [r.value, r.direct, r.sharedAllocated, r.total]);

describe("costAllocation", () => {
  it("shows each team's direct cost and the unallocated remainder without a split", async () => {
    const { data } = await costAllocation(db, { period: JANUARY, tagKey: "team", sharedCost: { split: "none", sharedValues: ["shared"] } });
    expect(table(data.rows)).toEqual([
      ["web", "30", "0", "30"],
      ["data", "6.5", "0", "6.5"],
      ["shared", "3", "0", "3"],
    ]);
    // unknown 4.25 + untagged (0.1234567891 - 3 + 1.2 + 0)
    expect(data.unallocated.amount).toBe("2.5734567891");
    expect(data.pool).toBe("5.5734567891");
    expect(data.total).toBe("42.0734567891");
  });

  it("splits unallocated and shared cost evenly, the odd cent and sub-cent digits to the first owner", async () => {
    const { data } = await costAllocation(db, { period: JANUARY, tagKey: "team", sharedCost: { split: "even", sharedValues: ["shared"] } });
    // Pool 5.5734567891: 557 cents -> 279 + 278; the 0.0034567891 below a cent goes to web.
    expect(table(data.rows)).toEqual([
      ["web", "30", "2.7934567891", "32.7934567891"],
      ["data", "6.5", "2.78", "9.28"],
    ]);
    expect(data.unallocated.amount).toBe("0");
  });

  it("splits proportionally to direct cost with largest remainders", async () => {
    const { data } = await costAllocation(db, { period: JANUARY, tagKey: "team", sharedCost: { split: "proportional", sharedValues: ["shared"] } });
    // 557 cents x 30/36.5 = 457.8 -> 458 (largest remainder); x 6.5/36.5 = 99.2 -> 99.
    expect(table(data.rows)).toEqual([
      ["web", "30", "4.5834567891", "34.5834567891"],
      ["data", "6.5", "0.99", "7.49"],
    ]);
  });

  it("keeps the parts equal to the total on random bills", async () => {
    const random = seededRandom(99);
    for (const metric of ["BilledCost", "EffectiveCost", "ListCost"] as const) {
      const period = { start: "2030-01-01", end: random() < 0.5 ? "2030-03-01" : "2030-02-01" };
      const total = toUnits((await costTotal(db, { period, metric })).data.total);
      for (const split of ["none", "even", "proportional"] as const) {
        const { data } = await costAllocation(db, { period, metric, tagKey: "team", sharedCost: { split, sharedValues: ["shared"] } });
        const sum = data.rows.reduce((s, r) => s + toUnits(r.total), 0n) + toUnits(data.unallocated.amount);
        expect(sum, `${metric} ${split}`).toBe(total);
      }
    }
  });
});

describe("splitExactly", () => {
  it("splits negative pools and always sums to the pool", () => {
    expect(splitExactly(toUnits("-10"), [1n, 1n, 1n]).map(String)).toEqual(["-33400000000", "-33300000000", "-33300000000"]);
    const random = seededRandom(5);
    for (let i = 0; i < 200; i++) {
      const pool = BigInt(Math.floor((random() - 0.5) * 1e15));
      const weights = Array.from({ length: 1 + Math.floor(random() * 6) }, () => BigInt(1 + Math.floor(random() * 1e6)));
      expect(splitExactly(pool, weights).reduce((a, b) => a + b, 0n)).toBe(pool);
    }
  });
});
