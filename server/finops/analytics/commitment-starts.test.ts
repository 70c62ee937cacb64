import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../testing/test-database.ts";
import { loadFixture } from "./fixtures/focus-records.ts";
import { COMMITMENT_START_DATA as DATA, COMMITMENT_START_JUNE as JUNE, commitmentStartRows } from "./fixtures/commitment-start.ts";
import { commitmentStarts } from "./commitment-starts.ts";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  await loadFixture(db, commitmentStartRows(), "starts.csv");
});
afterAll(() => db.destroy());

describe("commitmentStarts", () => {
  it("sets the covered services' daily cost after a commitment's first day against as many days before it", async () => {
    const { data, provenance } = await commitmentStarts(db, { dataRange: DATA, period: JUNE, filters: {} });
    expect(data.map((c) => c.commitmentDiscountId)).toEqual(["ri-0", "sp-1"]);
    const plan = data.find((c) => c.commitmentDiscountId === "sp-1")!;
    // 29 days on each side: the data holds 31 before June 1 and 29 from it.
    expect(plan).toMatchObject({
      commitmentDiscountType: "Savings Plan",
      providerName: "AWS",
      firstDay: "2030-06-01",
      services: ["Amazon EC2"],
      saved: "870.00",
      before: { period: { start: "2030-05-03", end: "2030-06-01" }, total: "2900", daily: 100 },
      after: { period: { start: "2030-06-01", end: "2030-06-30" }, total: "2030", daily: 70 },
    });
    expect(provenance.length).toBe(3);
  });

  it("has no before for a commitment active from the data's first day, and states what it saved", async () => {
    const { data } = await commitmentStarts(db, { dataRange: DATA, period: JUNE, filters: {} });
    expect(data.find((c) => c.commitmentDiscountId === "ri-0")).toMatchObject({ firstDay: "2030-05-01", services: ["Amazon RDS"], saved: "145.00", before: null, after: null });
  });

  it("keeps the filters: a commitment outside them is not read", async () => {
    const { data } = await commitmentStarts(db, { dataRange: DATA, period: JUNE, filters: { services: ["Amazon RDS"] } });
    expect(data.map((c) => c.commitmentDiscountId)).toEqual(["ri-0"]);
  });
});
