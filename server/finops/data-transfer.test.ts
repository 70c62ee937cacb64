import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { costBreakdown } from "./analytics/breakdown.ts";
import { loadFixture } from "./analytics/fixtures/focus-records.ts";
import { chooseTable, toUnits } from "./analytics/scope.ts";
import { DATA_TRANSFER_PATTERN, INTERNAL_TRANSFER_PATTERN, INTERNET_TRANSFER_PATTERN, namesDataTransfer } from "./data-transfer.ts";
import { createTestDatabase, type TestDatabase } from "../testing/test-database.ts";

// SkuId and ChargeDescription joined by a space, as the SQL reads them. Out to the internet, then within the cloud.
const INTERNET = [
  "USE1-DataTransfer-Out-Bytes $0.09 per GB - first 10 TB / month data transfer out beyond the global free tier",
  "DataTransfer-Out-Bytes Data transfer out to the internet",
  "Standard Data Transfer Out Internet egress, zone 1",
  "Network Internet Egress from Americas to Americas",
  "Cache Egress North America Cache egress to North America",
];
const INTERNAL = [
  "USE1-USW2-AWS-Out-Bytes $0.02 per GB - US East (Northern Virginia) data transfer to US West (Oregon)",
  "USE1-DataTransfer-Regional-Bytes $0.01 per GB - regional data transfer - in/out/between EC2 AZs",
  "Inter-Region Data Transfer Out",
  "Intra Continent Data Transfer Out",
  "Network Inter Region Egress from Americas to EMEA",
  "Network Inter Zone Egress",
  "USE1-DataTransfer-In-Bytes data transfer in",
];
const NOT_TRANSFER = [
  "NatGateway-Bytes NAT Gateway data processed",
  "NatGateway-Hours NAT Gateway hour",
  "LoadBalancerUsage",
  "TimedStorage-ByteHrs",
  "Requests-Tier1",
  "BoxUsage:m6i.large",
  "Standard_D4s_v5",
  "Claude3.5Sonnet-input-tokens",
];

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  await loadFixture(db, [
    { date: "2024-03-04", resource: "i-1", billed: "100.00", sku: "BoxUsage:m6i.large" },
    { date: "2024-03-04", resource: "i-1", billed: "9.00", sku: "USE1-DataTransfer-Out-Bytes", description: "$0.09 per GB - data transfer out" },
    { date: "2024-03-04", resource: "i-1", billed: "2.00", sku: "USE1-USW2-AWS-Out-Bytes", description: "data transfer to US West (Oregon)" },
    { date: "2024-03-04", service: "Amazon S3", serviceCategory: "Storage", resource: "b-1", billed: "4.50", sku: "DataTransfer-Out-Bytes" },
    { date: "2024-03-04", service: "Amazon VPC", serviceCategory: "Networking", resource: "nat-1", billed: "45.00", sku: "NatGateway-Bytes", description: "NAT Gateway data processed" },
    { date: "2024-03-04", provider: "Google Cloud", service: "Compute Engine", resource: "vm-1", billed: "1.25", description: "Network Internet Egress from Americas to Americas" },
    { date: "2024-03-04", provider: "Google Cloud", service: "Compute Engine", resource: "vm-1", billed: "0.75", description: "Network Inter Zone Egress" },
  ], "transfer.csv");
});
afterAll(() => db?.destroy());

const DAY = { start: "2024-03-04", end: "2024-03-05" };

describe("data transfer", () => {
  it("names data transfer out to the internet, within the cloud, and none of the networking charges that are not transfer", () => {
    for (const text of INTERNET) {
      expect(namesDataTransfer(text, "all"), text).toBe(true);
      expect(namesDataTransfer(text, "internet"), text).toBe(true);
    }
    for (const text of INTERNAL) {
      expect(namesDataTransfer(text, "all"), text).toBe(true);
      expect(namesDataTransfer(text, "internet"), text).toBe(false);
    }
    // Between regions or zones: the internal transfer, not what went out to the internet nor what came in from it.
    for (const text of INTERNAL) expect(namesDataTransfer(text, "internal"), text).toBe(!/-In-Bytes/.test(text));
    for (const text of [...INTERNET, ...NOT_TRANSFER]) expect(namesDataTransfer(text, "internal"), text).toBe(false);
    for (const text of NOT_TRANSFER) expect(namesDataTransfer(text, "all"), text).toBe(false);
  });

  it("reads the same in PostgreSQL (~*) as in JavaScript", async () => {
    const texts = [...INTERNET, ...INTERNAL, ...NOT_TRANSFER];
    const rows = await db.sql.query<{ text: string; any: boolean; internet: boolean; internal: boolean }>(
      `SELECT t AS text, t ~* $2 AS any, (t ~* $2 AND t ~* $3 AND t !~* $4) AS internet, (t ~* $2 AND t ~* $4) AS internal
       FROM unnest($1::text[]) WITH ORDINALITY AS u(t, n) ORDER BY n`,
      [texts, DATA_TRANSFER_PATTERN, INTERNET_TRANSFER_PATTERN, INTERNAL_TRANSFER_PATTERN],
    );
    expect(rows.map((r) => [r.text, r.any, r.internet, r.internal])).toEqual(
      texts.map((t) => [t, namesDataTransfer(t, "all"), namesDataTransfer(t, "internet"), namesDataTransfer(t, "internal")]),
    );
  });

  it("filters a breakdown to the transfer charges of every service, read from line items, exact to the cent", async () => {
    expect(chooseTable({ dimension: "ServiceName", filters: { dataTransfer: "all" } })).toBe("cost_line_items");
    // All transfer: EC2 9 + 2, S3 4.50, Compute Engine 1.25 + 0.75 = 17.50; NAT processing and instance hours are not.
    const all = await costBreakdown(db, { period: DAY, dimension: "ServiceName", filters: { dataTransfer: "all" } });
    expect(all.data.total).toBe("17.5");
    expect(all.data.rows.map((r) => [r.key, r.amount])).toEqual([["Amazon EC2", "11"], ["Amazon S3", "4.5"], ["Compute Engine", "2"]]);
    // Out to the internet: EC2 9, S3 4.50, Compute Engine 1.25 = 14.75.
    const internet = await costBreakdown(db, { period: DAY, dimension: "ServiceName", filters: { dataTransfer: "internet" } });
    expect(internet.data.total).toBe("14.75");
    expect(internet.provenance[0]!.params).toContain(INTERNET_TRANSFER_PATTERN);
    // Between regions or zones: EC2 2 (us-east-1 to us-west-2), Compute Engine 0.75 (inter-zone); with the internet's,
    // all of it.
    const internal = await costBreakdown(db, { period: DAY, dimension: "ServiceName", filters: { dataTransfer: "internal" } });
    expect(internal.data.rows.map((r) => [r.key, r.amount])).toEqual([["Amazon EC2", "2"], ["Compute Engine", "0.75"]]);
    expect(toUnits(internal.data.total) + toUnits(internet.data.total)).toBe(toUnits(all.data.total));
    // Left out: everything else, the transfer and the rest adding up to the whole day exactly.
    const whole = await costBreakdown(db, { period: DAY, dimension: "ServiceName" });
    const rest = await costBreakdown(db, { period: DAY, dimension: "ServiceName", filters: { exclude: { dataTransfer: "all" } } });
    expect(rest.provenance[0]!.table).toBe("cost_line_items");
    expect(toUnits(rest.data.total) + toUnits(all.data.total)).toBe(toUnits(whole.data.total));
    const notOut = await costBreakdown(db, { period: DAY, dimension: "ServiceName", filters: { exclude: { dataTransfer: "internet" } } });
    expect(toUnits(notOut.data.total) + toUnits(internet.data.total)).toBe(toUnits(whole.data.total));
  });
});
