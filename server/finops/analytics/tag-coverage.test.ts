import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../testing/test-database.ts";
import { loadFixture } from "./fixtures/focus-records.ts";
import { FEBRUARY, JANUARY, SMALL_BILL } from "./fixtures/small-bill.ts";
import { tagCoverage, topUntagged } from "./tag-coverage.ts";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  await loadFixture(db, SMALL_BILL, "small-bill.csv");
});
afterAll(() => db.destroy());

describe("tagCoverage", () => {
  it("measures cost and resource coverage per key seen, placeholders counting as untagged", async () => {
    const { data, provenance } = await tagCoverage(db, { period: JANUARY });
    expect(data.keys.map((k) => k.tagKey)).toEqual(["env", "team"]);
    const team = data.keys.find((k) => k.tagKey === "team")!;
    // Real team values: web 30 (rows 1, 5), data 6.5, shared 3; "unknown" (4.25) and missing are untagged.
    expect(team).toMatchObject({ totalCost: "42.0734567891", taggedCost: "39.5", untaggedCost: "2.5734567891" });
    expect(team.costCoveragePercent).toBeCloseTo(93.88341965339366, 9);
    // Resources: i-1, i-2, vm-1 tagged; bucket-1 (unknown), bucket-2 not; 4 line items without ResourceId of
    // which only the CloudWatch row (team=shared) is tagged -> 4 of 9.
    expect(team).toMatchObject({ resourceCount: 9, taggedResourceCount: 4 });
    expect(team.countCoveragePercent).toBeCloseTo((4 / 9) * 100, 9);
    const env = data.keys.find((k) => k.tagKey === "env")!;
    expect(env).toMatchObject({ taggedCost: "10", resourceCount: 9, taggedResourceCount: 1 });
    // Together: env is real only on row 1 (team=web too), so the cost with neither is team's untagged cost, and the
    // cost with both is row 1's 10.
    expect(data.together).toMatchObject({ totalCost: "42.0734567891", noKeyCost: "2.5734567891", everyKeyCost: "10" });
    expect(data.together.noKeyPercent).toBeCloseTo((2.5734567891 / 42.0734567891) * 100, 9);
    expect(data.together.everyKeyPercent).toBeCloseTo((10 / 42.0734567891) * 100, 9);
    // Counted over the 5 resources with a ResourceId only (the 4 charges on none are no resource): bucket-1 (team
    // "unknown") and bucket-2 (no tags) have no real value for either key; team is missing on those two, env on all
    // but the one resource row 1 tags.
    expect(data.together).toMatchObject({ identifiedResources: 5, identifiedWithNoKey: 2 });
    expect(team.identifiedWithout).toBe(2);
    expect(env.identifiedWithout).toBe(4);
    // The keys seen, then one scan for the coverage per key and together.
    expect(provenance.map((p) => p.table)).toEqual(["cost_line_items", "cost_line_items"]);
  });

  it("treats an empty value as a placeholder and a resource as covered only when every charge is", async () => {
    // February: i-1 has env "" and vm-2 has team "n/a".
    const { data } = await tagCoverage(db, { period: { start: "2023-12-01", end: FEBRUARY.end }, tagKeys: ["env", "team"] });
    const env = data.keys.find((k) => k.tagKey === "env")!;
    // i-1 carries env=prod on Jan 3 but no env in December and "" in February: not covered.
    expect(env).toMatchObject({ taggedCost: "10", taggedResourceCount: 0 });
    const team = data.keys.find((k) => k.tagKey === "team")!;
    expect(team.taggedCost).toBe("54.5"); // 39.5 + February web 8 + December web 7
    // Every key: only January's row 1; no key: team's untagged cost (env is never real without team).
    expect(data.together.everyKeyCost).toBe("10");
    expect(data.together.noKeyCost).toBe(team.untaggedCost);
  });

  it("accepts custom placeholders, matched case-insensitively", async () => {
    const { data } = await tagCoverage(db, { period: JANUARY, tagKeys: ["team"], placeholderValues: ["SHARED"] });
    expect(data.keys[0]!.taggedCost).toBe("40.75"); // web 30 + data 6.5 + unknown 4.25
  });
});

describe("topUntagged", () => {
  it("lists where spend without a real team value sits, by service", async () => {
    const { data } = await topUntagged(db, { period: JANUARY, tagKey: "team", by: "ServiceName" });
    expect(data.rows.map((r) => [r.label, r.amount, r.lineItemCount])).toEqual([
      ["Amazon S3", "4.3734567891", 2],
      ["Amazon EC2", "-1.8", 3], // credit -3 + tax 1.2 + purchase 0
    ]);
    expect(data.total).toBe("2.5734567891");
  });

  it("lists the resources without a real team value, and the charges that have no resource", async () => {
    const { data } = await topUntagged(db, { period: JANUARY, tagKey: "team", by: "ResourceId" });
    // bucket-1 (team=unknown) 4.25, bucket-2 (no tags) 0.1234567891; no resource: credit -3 + tax 1.2 + purchase 0.
    expect(data.rows.map((r) => [r.label, r.amount])).toEqual([
      ["bucket-1", "4.25"],
      ["bucket-2", "0.1234567891"],
      ["(no resource)", "-1.8"],
    ]);
    expect(data.matching).toBeNull();
  });

  it("past an amount, lists and counts only the resources above it, the total staying all untagged spend", async () => {
    // Over $0.10: bucket-1 4.25 and bucket-2 0.1234567891; the charges on no resource are no resource's.
    const over = await topUntagged(db, { period: JANUARY, tagKey: "team", by: "ResourceId", amountAbove: 0.1, limit: 1 });
    expect(over.data.rows.map((r) => [r.label, r.amount])).toEqual([["bucket-1", "4.25"]]);
    expect(over.data.matching).toEqual({ count: 2, amount: "4.3734567891" });
    expect(over.data.total).toBe("2.5734567891");
    const none = await topUntagged(db, { period: JANUARY, tagKey: "team", by: "ResourceId", amountAbove: 100 });
    expect(none.data).toMatchObject({ rows: [], matching: { count: 0, amount: "0" }, total: "2.5734567891" });
  });

  it("without a key, lists the spend with no real value for any tag: no tags, or only placeholders", async () => {
    const { data, provenance } = await topUntagged(db, { period: { start: "2023-12-01", end: FEBRUARY.end }, by: "ResourceId" });
    // vm-2 (team "n/a") 5, bucket-1 (team "unknown") 4.25, bucket-2 (no tags) 0.1234567891, no resource -1.8. i-1 has
    // env "" in February but team web: it has a tag.
    expect(data.rows.map((r) => [r.label, r.amount])).toEqual([
      ["vm-2", "5"],
      ["bucket-1", "4.25"],
      ["bucket-2", "0.1234567891"],
      ["(no resource)", "-1.8"],
    ]);
    expect(data).toMatchObject({ tagKey: null, total: "7.5734567891" });
    expect(provenance[0]!.description).toContain("without a real value for any tag");
    // Over one month it is the cost coverage's "no key" figure.
    const january = await topUntagged(db, { period: JANUARY, by: "ServiceName" });
    expect(january.data.total).toBe((await tagCoverage(db, { period: JANUARY })).data.together.noKeyCost);
  });
});
