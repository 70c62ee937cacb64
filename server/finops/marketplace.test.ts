import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { costBreakdown } from "./analytics/breakdown.ts";
import { loadFixture, type FixtureRow } from "./analytics/fixtures/focus-records.ts";
import { chooseTable } from "./analytics/scope.ts";
import { FIRST_PARTY_PUBLISHER_PATTERN, isMarketplace } from "./marketplace.ts";
import { createTestDatabase, type TestDatabase } from "../testing/test-database.ts";

const MAY = { start: "2024-05-01", end: "2024-06-01" };
// May 2024: first-party charges published by the cloud under several of its names, and two marketplace purchases
// (Datadog on AWS, $100; Elastic on Azure, $50).
const BILL: FixtureRow[] = [
  { date: "2024-05-02", billed: "40.00" },
  { date: "2024-05-02", publisher: "Amazon Web Services EMEA SARL", billed: "7.00" },
  { date: "2024-05-03", chargeCategory: "Purchase", service: "Datadog Pro", serviceCategory: "Management and Governance", publisher: "Datadog, Inc.", billed: "100.00" },
  { date: "2024-05-04", provider: "Microsoft", service: "Virtual Machines", publisher: "Microsoft Corporation", billed: "30.00" },
  { date: "2024-05-05", provider: "Microsoft", service: "Elastic Cloud (Elasticsearch)", serviceCategory: "Analytics", publisher: "Elastic", billed: "50.00" },
  { date: "2024-05-06", provider: "Google Cloud", service: "Compute Engine", publisher: "Google LLC", billed: "20.00" },
];

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  await loadFixture(db, BILL, "marketplace.csv");
});
afterAll(() => db?.destroy());

const CASES: Array<[string, string | null, boolean]> = [
  ["AWS", "AWS", false],
  ["AWS", "Amazon Web Services, Inc.", false],
  ["AWS", "Amazon Web Services EMEA SARL", false],
  ["Microsoft", "Microsoft Corporation", false],
  ["Microsoft", "Azure", false],
  ["Google Cloud", "Google LLC", false],
  ["Google Cloud", "Google Cloud", false],
  ["AWS", null, false],
  ["AWS", "Datadog, Inc.", true],
  ["Microsoft", "Elastic", true],
  ["Google Cloud", "MongoDB Inc.", true],
  ["AWS", "Amazonia Analytics Ltd", true],
  ["Microsoft", "GitLab", true],
];

describe("marketplace purchases", () => {
  it("are the charges a third party published, not the cloud under any of its names", () => {
    for (const [provider, publisher, expected] of CASES) expect(isMarketplace(provider, publisher), `${provider} / ${publisher}`).toBe(expected);
  });

  it("read the same in PostgreSQL (~*) as in JavaScript", async () => {
    const rows = await db.sql.query<{ publisher: string; first: boolean }>(
      "SELECT p AS publisher, p ~* $2 AS first FROM unnest($1::text[]) WITH ORDINALITY AS u(p, n) ORDER BY n",
      [CASES.map(([, p]) => p ?? ""), FIRST_PARTY_PUBLISHER_PATTERN],
    );
    expect(rows.map((r) => r.first)).toEqual(CASES.map(([, p]) => new RegExp(FIRST_PARTY_PUBLISHER_PATTERN, "i").test(p ?? "")));
  });

  it("filter a breakdown to the marketplace charges, read from line items", async () => {
    expect(chooseTable({ dimension: "ServiceName", filters: { marketplace: true } })).toBe("cost_line_items");
    const all = await costBreakdown(db, { period: MAY, dimension: "ProviderName", metric: "BilledCost" });
    expect(all.data.total).toBe("247");
    const bought = await costBreakdown(db, { period: MAY, dimension: "ProviderName", metric: "BilledCost", filters: { marketplace: true } });
    expect(bought.data.total).toBe("150");
    expect(bought.data.rows.map((r) => [r.key, r.amount])).toEqual([["AWS", "100"], ["Microsoft", "50"]]);
    const services = await costBreakdown(db, { period: MAY, dimension: "ServiceName", metric: "BilledCost", filters: { marketplace: true, providers: ["AWS"] } });
    expect(services.data.rows.map((r) => r.key)).toEqual(["Datadog Pro"]);
    expect(bought.provenance[0]!.params).toContain(FIRST_PARTY_PUBLISHER_PATTERN);
    // Left out: the first-party charges, a charge with no publisher included.
    const firstParty = await costBreakdown(db, { period: MAY, dimension: "ServiceName", metric: "BilledCost", filters: { exclude: { marketplace: true } } });
    expect(firstParty.data.total).toBe("97");
    expect(firstParty.data.rows.map((r) => r.key)).not.toContain("Datadog Pro");
  });
});
