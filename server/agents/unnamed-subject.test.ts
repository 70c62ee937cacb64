import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readCostCatalog, type CostCatalog } from "../finops/cost-catalog.ts";
import { FOCUS_12 } from "../finops/ingest/fixtures/fixtures.ts";
import { ingestFile } from "../finops/ingest/ingest.ts";
import { createTestDatabase, type TestDatabase } from "../testing/test-database.ts";
import { unnamedSubjectNote } from "./unnamed-subject.ts";
import { extractDimensions } from "./classifier/dimensions.ts";

let db: TestDatabase;
let catalog: CostCatalog;

beforeAll(async () => {
  db = await createTestDatabase();
  await ingestFile(db, FOCUS_12.path); // services Amazon EC2/S3/RDS, sub-account acme-prod, tag values data, orders, prod
  catalog = await readCostCatalog(db);
});
afterAll(() => db?.destroy());

const noteFor = async (text: string) =>
  (await unnamedSubjectNote(db, text, catalog.services, extractDimensions(text, "2026-12-06").timeRange))?.note ?? null;

describe("unnamedSubjectNote", () => {
  it("says so when the question's subject is nothing the data holds", async () => {
    expect(await noteFor("How much do we spend on Snowflake?")).toBe(
      'Nothing in the cost data is called "snowflake" (no service, sub-account or tag value), so this covers all costs in scope.',
    );
    expect(await noteFor("What's our Datadog bill?")).toContain('called "datadog"');
    expect(await noteFor("cost of the zebra cluster last month")).toContain('called "zebra"');
  });

  it("stays quiet when the subject is read as a filter, or the data holds it under some name", async () => {
    for (const text of [
      "what did we spend on EC2 last month", // a catalogued service
      "what did we spend on taxes", // a charge category
      "cost of the payments team", // a tag filter
      "how much did we pay for NAT gateways", // networking
      "how much do we spend on GPUs?", // GPU usage
      "spend on orders", // a tag value the data holds
      "spend on acme-prod", // a sub-account name the data holds
      "what is our total cloud spend", // everything
      "break the october bill down per service", // a period
      "how much did we spend last month", // no subject at all
      "what was our spend on Monday?", // a day
      "how much did we spend on last Friday", // a day
    ]) {
      expect(await noteFor(text), text).toBeNull();
    }
  });
});
