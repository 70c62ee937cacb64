import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readCostCatalog, type CostCatalog } from "../finops/cost-catalog.ts";
import { FOCUS_12 } from "../finops/ingest/fixtures/fixtures.ts";
import { ingestFile } from "../finops/ingest/ingest.ts";
import { createTestDatabase, type TestDatabase } from "../testing/test-database.ts";
import { extractDimensions } from "./classifier/dimensions.ts";
import { resolveScope } from "./scope.ts";
import { applySubject, MACHINE_STATE_NOTE, readSubject } from "./unnamed-subject.ts";

let db: TestDatabase;
let catalog: CostCatalog;

beforeAll(async () => {
  // Services Amazon EC2/S3/RDS, sub-account acme-prod, tag values data, orders, prod, web, dev; one SKU, SKU-EC2
  // ("m5.large on-demand hour"); January and February 2024.
  db = await createTestDatabase();
  await ingestFile(db, FOCUS_12.path);
  catalog = await readCostCatalog(db);
});
afterAll(() => db?.destroy());

const subjectOf = (text: string) => readSubject(text, catalog.services, extractDimensions(text, "2024-03-01").timeRange);

/** The scope a question resolves to once its subject is read into it. */
async function scopeOf(text: string) {
  const dimensions = extractDimensions(text, "2024-03-01");
  const scope = await resolveScope(db, dimensions, catalog.range!, catalog);
  const subject = subjectOf(text);
  if (subject) await applySubject(db, subject, scope, catalog.services);
  return scope;
}

describe("readSubject", () => {
  it("reads the subject in up to three words, longest first, the last word stemmed for matching", () => {
    expect(subjectOf("What are we paying for public IP addresses last month?")).toEqual({
      word: "public",
      phrasings: [
        { name: "public ip addresses", words: ["public", "ip", "address"] },
        { name: "public ip", words: ["public", "ip"] },
        { name: "public", words: ["public"] },
      ],
    });
    expect(subjectOf("How much do we spend on snapshots and backups?")?.phrasings).toEqual([{ name: "snapshots", words: ["snapshot"] }]);
    // A word that alone means everything names a thing with the words after it.
    expect(subjectOf("How much did we spend on data platform last month?")).toEqual({ word: "data platform", phrasings: [{ name: "data platform", words: ["data", "platform"] }] });
    expect(subjectOf("How much did we spend on data last month?")).toBeNull();
    // A provider, then the thing on it.
    expect(subjectOf("how much did we spend on AWS support?")).toEqual({ word: "support", phrasings: [{ name: "support", words: ["support"] }] });
    expect(subjectOf("what do we pay for Azure support plans last month?")?.word).toBe("support");
  });

  it("finds no subject when the question names one the dimensions read, everything, or a period", () => {
    for (const text of [
      "what did we spend on EC2 last month", // a catalogued service
      "what did we spend on taxes", // a charge category
      "cost of the payments team", // a tag filter
      "how much did we pay for NAT gateways", // networking
      "how much do we spend on GPUs?", // GPU usage
      "what is our total cloud spend", // everything
      "break the october bill down per service", // a period
      "how much did we spend last month", // no subject at all
      "what was our spend on Monday?", // a day
      "how much did we spend on last Friday", // a day
      "how much do we spend on Monday vs Friday?", // days of the week
      "what do we spend on Mondays?", // days of the week
      "Show me the cost trend of our top 3 services", // a ranking
      "How much egress did we pay for in October?", // a preposition, then a period
      "how much do we spend on weekends vs weekdays?", // weekends set against weekdays
      "what do we spend on weekdays versus weekends", // the same, the other way round
      "Show me the cost of each environment per team", // groupings
      "what is the cost for every account", // a grouping
      "how much did we spend on AWS last month", // a provider, then a period
      "what do we spend on Azure in Europe?", // a provider, then a place
      "how much do we spend on AWS Lambda?", // a provider's service
      "Is our spending on track this month?", // against a plan
      "is our spend on target?", // against a plan
    ]) {
      expect(subjectOf(text), text).toBeNull();
    }
  });
});

describe("applySubject", () => {
  it("reads a subject that is a tag value as that tag", async () => {
    const scope = await scopeOf("How much did we spend on orders in February 2024?");
    expect(scope.filters.tags).toEqual([{ key: "team", values: ["orders"] }]);
    expect(scope.periodNote).toContain('"orders" is read as the tag team=orders');
    expect(scope.unnamedSubject).toBeUndefined();
  });

  it("reads a subject that SKUs or charge descriptions hold, at a word's start, as those SKUs", async () => {
    const scope = await scopeOf("What did we pay for hours in January 2024?");
    expect(scope.filters.skuIds).toEqual(["SKU-EC2"]);
    expect(scope.skus).toEqual([{ name: "hours", skuIds: ["SKU-EC2"] }]);
    expect(scope.periodNote).toContain("hours is read as the SKUs whose id or charge description holds it: SKU-EC2.");
    // "our" is no word's start in "hour"; the last word is a whole word, plural or not ("large" is not "larg").
    expect((await scopeOf("What did we pay for ours in January 2024?")).filters.skuIds).toBeUndefined();
    expect((await scopeOf("What did we pay for larg in January 2024?")).filters.skuIds).toBeUndefined();
    expect((await scopeOf("What did we pay for demands in January 2024?")).filters.skuIds).toEqual(["SKU-EC2"]);
  });

  it("says nothing is called the subject, naming the names that hold the word, and keeps every cost", async () => {
    const held = await scopeOf("How much do we spend on acme?");
    expect(held.unnamedSubject).toBe("acme");
    expect(held.periodNote).toContain('Nothing in the cost data is called "acme"; acme-prod holds the word: ask about it by name for that cost.');
    expect(held.filters).toEqual({});
    const none = await scopeOf("How much do we spend on Snowflake?");
    expect(none.unnamedSubject).toBe("snowflake");
    expect(none.periodNote).toContain(
      'Nothing in the cost data is called "snowflake" (no service, sub-account, tag value, SKU or charge description), so this covers all costs in scope.',
    );
  });

  it("says the bill does not record a machine's state, and what to ask instead", async () => {
    const stopped = await scopeOf("How much are we paying for stopped instances?");
    expect(stopped.unnamedSubject).toBe("stopped");
    expect(stopped.periodNote).toContain(MACHINE_STATE_NOTE);
    expect(stopped.periodNote).not.toContain("Nothing in the cost data is called");
  });
});
