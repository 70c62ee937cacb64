import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../testing/test-database.ts";
import { loadFixture } from "./fixtures/focus-records.ts";
import { FEBRUARY, JANUARY, SMALL_BILL } from "./fixtures/small-bill.ts";
import { tagCoverage, tagGapsByValue, topUntagged } from "./tag-coverage.ts";

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

describe("tagGapsByValue", () => {
  // March 2030, apart from the small bill: three web resources, two data ones, one with a placeholder team and one
  // with no tags, and a tax charge on no resource.
  const MARCH_2030 = { start: "2030-03-01", end: "2030-04-01" };
  beforeAll(async () => {
    await loadFixture(db, [
      { date: "2030-03-05", resource: "r-1", billed: "10", tags: { team: "web", env: "prod", owner: "ann" } },
      { date: "2030-03-05", resource: "r-2", billed: "20", tags: { team: "web", env: "prod" } },
      { date: "2030-03-05", resource: "r-3", billed: "5", tags: { team: "web", env: "n/a", owner: "bob" } },
      { date: "2030-03-05", resource: "r-4", billed: "7", tags: { team: "data", env: "dev", owner: "cy" } },
      { date: "2030-03-05", resource: "r-5", billed: "3", tags: { team: "data" } },
      // Tagged fully the next day: a resource is complete only when every charge is.
      { date: "2030-03-06", resource: "r-5", billed: "4", tags: { team: "data", env: "dev", owner: "cy" } },
      { date: "2030-03-05", resource: "r-6", billed: "2", tags: { team: "unknown", env: "prod" } },
      { date: "2030-03-05", resource: "r-7", billed: "1", tags: null },
      { date: "2030-03-05", chargeCategory: "Tax", pricingCategory: null, region: null, resource: null, billed: "9", tags: { team: "web" } },
    ], "gaps.csv");
  });

  it("counts each team's resources lacking the other tags, most first, and the resources no team owns", async () => {
    const { data, provenance } = await tagGapsByValue(db, { period: MARCH_2030, byKey: "team" });
    expect(data.tagKeys).toEqual(["env", "owner"]);
    expect(data.valueCount).toBe(2);
    expect(data.values).toEqual([
      // r-2 has no owner, r-3 a placeholder env: 2 of web's 3, costing 25.
      { value: "web", resources: 3, incomplete: 2, incompleteCost: "25", missingByKey: { env: 1, owner: 1 } },
      // r-5's first day carries neither: 1 of data's 2, costing its 7 over both days.
      { value: "data", resources: 2, incomplete: 1, incompleteCost: "7", missingByKey: { env: 1, owner: 1 } },
    ]);
    // r-6 ("unknown" team, no owner) and r-7 (no tags); the tax charge is on no resource.
    expect(data.unowned).toEqual({ value: null, resources: 2, incomplete: 2, incompleteCost: "3", missingByKey: { env: 1, owner: 2 } });
    expect(provenance.at(-1)!.sql).toContain("cost_line_items");
  });

  it("counts by a column instead of a tag key, every key then expected; and takes one of the two", async () => {
    const { data } = await tagGapsByValue(db, { period: MARCH_2030, byColumn: "ServiceName" });
    expect(data.tagKeys).toEqual(["env", "owner", "team"]);
    // Every resource is on Amazon EC2: r-1 and r-4 carry all three keys; r-2 no owner, r-3 env n/a, r-5 none on its
    // first day, r-6 team unknown and no owner, r-7 nothing.
    expect(data.values).toEqual([{ value: "Amazon EC2", resources: 7, incomplete: 5, incompleteCost: "35", missingByKey: { env: 3, owner: 4, team: 2 } }]);
    expect(data.unowned.resources).toBe(0);
    await expect(tagGapsByValue(db, { period: MARCH_2030 })).rejects.toThrow("Give either byKey (a tag key) or byColumn, not both.");
    await expect(tagGapsByValue(db, { period: MARCH_2030, byKey: "team", byColumn: "RegionId" })).rejects.toThrow("Give either byKey");
  });

  it("reads only the keys given, and limits the values listed", async () => {
    const { data } = await tagGapsByValue(db, { period: MARCH_2030, byKey: "team", tagKeys: ["owner"], limit: 1 });
    expect(data.tagKeys).toEqual(["owner"]);
    expect(data.values).toEqual([{ value: "web", resources: 3, incomplete: 1, incompleteCost: "20", missingByKey: { owner: 1 } }]);
    expect(data.valueCount).toBe(2);
  });
});
