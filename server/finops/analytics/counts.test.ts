import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../testing/test-database.ts";
import { FOCUS_GPU } from "../ingest/fixtures/fixtures.ts";
import { ingestFile } from "../ingest/ingest.ts";
import { countPerValue } from "./counts.ts";

// focus-gpu.csv, one day: sub-account 222222222222 (AWS) has 8 resources on 4 services (Amazon EC2, SageMaker, RDS,
// Bedrock), s1 (Microsoft) 1 resource on Virtual Machines, p1 (Google Cloud) 2 resources on Compute Engine.
let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  await ingestFile(db, FOCUS_GPU.path);
});
afterAll(() => db?.destroy());

describe("countPerValue", () => {
  it("counts the resources with cost in each sub-account, the most first, from line items", async () => {
    const { data, provenance } = await countPerValue(db, { period: FOCUS_GPU.day, dimension: "SubAccountId", countOf: "ResourceId" });
    expect(data.rows.map((r) => [r.key, r.count])).toEqual([["222222222222", 8], ["p1", 2], ["s1", 1]]);
    expect(data).toMatchObject({ total: 11, valueCount: 3 });
    expect(data.rows.find((r) => r.key === "s1")!.amount).toBe("3.06");
    expect(provenance[0]!.table).toBe("cost_line_items");
  });

  it("counts services per provider from the daily rollup, and a value in two rows once in the total", async () => {
    const { data, provenance } = await countPerValue(db, { period: FOCUS_GPU.day, dimension: "ProviderName", countOf: "ServiceName" });
    expect(data.rows.map((r) => [r.key, r.count]).sort()).toEqual([["AWS", 4], ["Google Cloud", 1], ["Microsoft", 1]]);
    expect(data.rows[0]!.key).toBe("AWS");
    expect(data.total).toBe(6);
    expect(provenance[0]!.table).toBe("cost_daily_rollup");
    // Resources by team: every row of the fixture is tagged team=ml.
    const byTeam = await countPerValue(db, { period: FOCUS_GPU.day, dimension: "Tag", tagKey: "team", countOf: "ResourceId" });
    expect(byTeam.data.rows.map((r) => [r.key, r.count])).toEqual([["ml", 11]]);
  });

  it("keeps the rows with a count within the bounds asked, naming a row's only value, the costliest first among equal counts", async () => {
    const single = await countPerValue(db, { period: FOCUS_GPU.day, dimension: "ProviderName", countOf: "ServiceName", countAtLeast: 1, countAtMost: 1 });
    expect(single.data.rows.map((r) => [r.key, r.sole?.label]).sort()).toEqual([["Google Cloud", "Compute Engine"], ["Microsoft", "Virtual Machines"]]);
    expect(single.data).toMatchObject({ matching: 2, valueCount: 3, named: 3, total: 6 });
    const [first, second] = single.data.rows;
    expect(Number(first!.amount)).toBeGreaterThanOrEqual(Number(second!.amount));
    const several = await countPerValue(db, { period: FOCUS_GPU.day, dimension: "ProviderName", countOf: "ServiceName", countAtLeast: 2 });
    expect(several.data.rows.map((r) => [r.key, r.count, r.sole])).toEqual([["AWS", 4, null]]);
    expect(several.data.matching).toBe(1);
    await expect(countPerValue(db, { period: FOCUS_GPU.day, dimension: "ProviderName", countOf: "ServiceName", countAtLeast: 3, countAtMost: 1 })).rejects.toThrow(
      "countAtLeast cannot be more than countAtMost.",
    );
  });

  it("refuses to count the dimension the rows are", async () => {
    await expect(countPerValue(db, { period: FOCUS_GPU.day, dimension: "ServiceName", countOf: "ServiceName" })).rejects.toThrow(/Count a dimension other/);
  });
});
