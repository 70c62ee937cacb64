import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../testing/test-database.ts";
import { loadFixture, type FixtureRow } from "./fixtures/focus-records.ts";
import { schedulingSavings } from "./scheduling.ts";

// March 2024: 31 days, 744 hours; it starts on a Friday, so it has 10 weekend days and 21 weekdays. The default
// schedule (12 hours on weekdays, none at weekends) keeps 21 × 12 = 252 hours and stops 492 (66.1%).
const MARCH = { start: "2024-03-01", end: "2024-04-01" };
const vm = { serviceSubcategory: "Virtual Machines", unit: "Hours" } as const;
const BILL: FixtureRow[] = [
  // Around the clock at $0.10 an hour, in two rows: 744 h, $74.40; stops 492 h → $49.20.
  { date: "2024-03-01", ...vm, resource: "vm-a", resourceName: "web-dev-1", subAccount: "dev", billed: "37.20", quantity: "372" },
  { date: "2024-03-16", ...vm, resource: "vm-a", resourceName: "web-dev-1", subAccount: "dev", billed: "37.20", quantity: "372" },
  // A database around the clock at $0.20 an hour: $148.80; stops 492 h → $98.40.
  {
    date: "2024-03-02", service: "Amazon RDS", serviceCategory: "Databases", serviceSubcategory: "Relational Databases",
    unit: "Hours", resource: "db-a", subAccount: "dev", billed: "148.80", quantity: "744",
  },
  // Already part-time: 200 h is within the schedule's 252, nothing to save.
  { date: "2024-03-04", ...vm, resource: "vm-b", subAccount: "dev", billed: "20.00", quantity: "200" },
  // Spot, in an export without subcategories (Compute): 300 h for $9.00 keeps 252, stops 48 → $1.44.
  { date: "2024-03-05", pricingCategory: "Dynamic", unit: "Hrs", resource: "vm-d", subAccount: "dev", billed: "9.00", quantity: "300" },
  // Two machines under one id: 1,488 h for $148.80 keep 2 × 252, stop 984 → $98.40.
  { date: "2024-03-06", ...vm, resource: "asg-1", subAccount: "dev", billed: "148.80", quantity: "1488" },
  // Not schedulable: covered by a commitment (paid anyway), a Kubernetes control plane, storage, no resource.
  { date: "2024-03-07", ...vm, pricingCategory: "Committed", resource: "vm-c", subAccount: "dev", billed: "0", effective: "50.00", quantity: "744" },
  { date: "2024-03-08", serviceSubcategory: "Containers", service: "Amazon EKS", unit: "Hours", resource: "eks-1", subAccount: "dev", billed: "74.40", quantity: "744" },
  { date: "2024-03-09", service: "Amazon S3", serviceCategory: "Storage", unit: "GB-Mo", resource: "b-1", subAccount: "dev", billed: "23.00", quantity: "1000" },
  { date: "2024-03-10", ...vm, resource: null, subAccount: "dev", billed: "5.00", quantity: "50" },
  // Another account, and another month.
  { date: "2024-03-11", ...vm, resource: "vm-prod", subAccount: "prod", billed: "744.00", quantity: "744" },
  { date: "2024-04-02", ...vm, resource: "vm-a", subAccount: "dev", billed: "99.00", quantity: "24" },
];

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  await loadFixture(db, BILL, "scheduling.csv");
});
afterAll(() => db.destroy());

describe("schedulingSavings", () => {
  it("stops each on-demand machine and database for the hours outside the schedule, at its own hourly cost", async () => {
    const { data, provenance } = await schedulingSavings(db, { period: MARCH, filters: { subAccountIds: ["dev"] }, metric: "EffectiveCost" });
    expect(data).toMatchObject({ hoursOn: 252, periodHours: 744, resourceCount: 5, cost: "401", saving: "247.44" });
    expect(data.offPercent).toBeCloseTo((492 / 744) * 100, 10);
    expect(data.rows.map((r) => [r.resourceId, r.hours, r.cost, r.hoursSaved, r.saving])).toEqual([
      ["asg-1", "1488", "148.8", 984, "98.4"],
      ["db-a", "744", "148.8", 492, "98.4"],
      ["vm-a", "744", "74.4", 492, "49.2"],
      ["vm-d", "300", "9", 48, "1.44"],
      ["vm-b", "200", "20", 0, "0"],
    ]);
    expect(data.rows[2]).toMatchObject({ resourceName: "web-dev-1", serviceName: "Amazon EC2", subAccountName: "dev name" });
    expect(provenance[0]!.sql).toContain("pricing_category IS DISTINCT FROM 'Committed'");
  });

  it("takes the schedule's hours: nights only keeps 12 hours every day", async () => {
    const { data } = await schedulingSavings(db, {
      period: MARCH, filters: { subAccountIds: ["dev"] }, metric: "EffectiveCost", schedule: { weekdayHours: 12, weekendHours: 12 }, limit: 1,
    });
    // 31 × 12 = 372 hours on: asg-1 keeps 744 of 1,488 (saves $74.40), db-a and vm-a save half ($74.40, $37.20);
    // vm-b and vm-d ran fewer hours than that.
    expect(data).toMatchObject({ hoursOn: 372, offPercent: 50, saving: "186" });
    expect(data.rows).toHaveLength(1);
  });

  it("rejects a schedule of more hours than a day has", async () => {
    await expect(
      schedulingSavings(db, { period: MARCH, filters: {}, metric: "EffectiveCost", schedule: { weekdayHours: 25, weekendHours: 0 } }),
    ).rejects.toThrow("weekdayHours is at most 24 hours a day.");
  });
});
