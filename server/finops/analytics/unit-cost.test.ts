import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../testing/test-database.ts";
import { loadFixture, type FixtureRow } from "./fixtures/focus-records.ts";
import { unitCosts, unitCostTrend } from "./unit-cost.ts";

const MARCH = { start: "2024-03-01", end: "2024-04-01" };
const s3 = { service: "Amazon S3", serviceCategory: "Storage" } as const;
// Hand-computed: S3 stores 100 + 50 GB-months for 2.30 + 1.20 = 3.50 (0.0233333333 a GB-month); its million
// requests for 0.40 are a second unit (0.0000004 each); EC2 runs 10 + 30 hours for 0.96 + 2.88 = 3.84 (0.096 an hour, effective 3.00 / 40 = 0.075 with the
// commitment). The credit, the tax, the purchase and April's row have no place in March's usage.
const BILL: FixtureRow[] = [
  { date: "2024-03-02", ...s3, resource: "b-1", billed: "2.30", quantity: "100", unit: "GB-Mo" },
  { date: "2024-03-09", ...s3, resource: "b-2", billed: "1.20", quantity: "50", unit: "GB-Mo" },
  { date: "2024-03-09", ...s3, resource: "b-2", billed: "0.40", quantity: "1000000", unit: "Requests" },
  { date: "2024-03-03", resource: "i-1", billed: "0.96", quantity: "10", unit: "Hours" },
  { date: "2024-03-04", resource: "i-2", billed: "2.88", effective: "2.04", quantity: "30", unit: "Hours" },
  { date: "2024-03-05", ...s3, resource: "b-3", billed: "0.50", quantity: "0", unit: "GB-Mo-Free" },
  { date: "2024-03-20", chargeCategory: "Credit", pricingCategory: null, billed: "-1.00", quantity: "1", unit: "Hours" },
  { date: "2024-03-31", chargeCategory: "Tax", pricingCategory: null, billed: "0.30", quantity: "1", unit: "Hours" },
  { date: "2024-03-01", chargeCategory: "Purchase", pricingCategory: "Committed", billed: "12.00", effective: "0", quantity: "1", unit: "Hours" },
  { date: "2024-04-02", ...s3, resource: "b-1", billed: "9.99", quantity: "1", unit: "GB-Mo" },
  { date: "2024-04-03", ...s3, resource: "b-2", billed: "2.01", quantity: "99", unit: "GB-Mo" },
  { date: "2024-04-03", ...s3, resource: "b-2", billed: "0.80", quantity: "1000000", unit: "Requests" },
];

// June: a model's input and output tokens, priced apart: 3.00 for 1,000 1K tokens in (0.003), 1.50 for 100 out (0.015).
const JUNE = { start: "2024-06-01", end: "2024-07-01" };
const bedrock = { service: "Amazon Bedrock", serviceCategory: "AI and Machine Learning", unit: "1K Tokens" } as const;
const TOKENS: FixtureRow[] = [
  { date: "2024-06-02", ...bedrock, resource: "m-1", billed: "2.00", quantity: "600", sku: "claude-input", description: "Claude input tokens" },
  { date: "2024-06-03", ...bedrock, resource: "m-1", billed: "1.00", quantity: "400", sku: "claude-input", description: "Claude input tokens" },
  { date: "2024-06-03", ...bedrock, resource: "m-1", billed: "1.50", quantity: "100", sku: "claude-output", description: "Claude output tokens" },
];

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  await loadFixture(db, BILL, "unit-costs.csv");
  await loadFixture(db, TOKENS, "tokens.csv");
});

describe("unitCosts by SKU", () => {
  it("prices each SKU on its own, where the service blends them", async () => {
    const blended = await unitCosts(db, { period: JUNE, metric: "BilledCost" });
    expect(blended.data.rows).toEqual([{ serviceName: "Amazon Bedrock", pricingUnit: "1K Tokens", quantity: "1100", cost: "4.5", unitCost: "0.0040909091" }]);
    const { data, provenance } = await unitCosts(db, { period: JUNE, metric: "BilledCost", bySku: true });
    expect(data.rows).toEqual([
      { serviceName: "Amazon Bedrock", skuId: "claude-input", description: "Claude input tokens", pricingUnit: "1K Tokens", quantity: "1000", cost: "3", unitCost: "0.003" },
      { serviceName: "Amazon Bedrock", skuId: "claude-output", description: "Claude output tokens", pricingUnit: "1K Tokens", quantity: "100", cost: "1.5", unitCost: "0.015" },
    ]);
    expect(provenance[0]!.description).toContain("by service and SKU");
  });
});
afterAll(() => db.destroy());

describe("unitCostTrend", () => {
  it("follows one service's unit cost in one unit month by month, usage only", async () => {
    const { data, provenance } = await unitCostTrend(db, {
      period: { start: "2024-03-01", end: "2024-05-01" }, metric: "BilledCost", serviceName: "Amazon S3", pricingUnit: "GB-Mo",
    });
    // March: 3.50 over 150 GB-months; April: 9.99 + 2.01 = 12.00 over 1 + 99 = 100. Requests are another unit.
    expect(data.points).toEqual([
      { month: "2024-03-01", quantity: "150", cost: "3.5", unitCost: "0.0233333333" },
      { month: "2024-04-01", quantity: "100", cost: "12", unitCost: "0.12" },
    ]);
    expect(provenance[0]!.sql).toContain("charge_category = 'Usage'");
  });

  it("refuses a missing service or unit with a message a user understands", async () => {
    await expect(unitCostTrend(db, { period: MARCH, serviceName: " ", pricingUnit: "GB-Mo" })).rejects.toThrow("Name the service whose unit cost to follow.");
    await expect(unitCostTrend(db, { period: MARCH, serviceName: "Amazon S3", pricingUnit: "" })).rejects.toThrow("Name the pricing unit to follow");
  });
});

describe("unitCosts", () => {
  it("divides each service's usage cost by its pricing quantity, per pricing unit, largest cost first", async () => {
    const { data, provenance } = await unitCosts(db, { period: MARCH, metric: "BilledCost" });
    expect(data.rows).toEqual([
      { serviceName: "Amazon EC2", pricingUnit: "Hours", quantity: "40", cost: "3.84", unitCost: "0.096" },
      { serviceName: "Amazon S3", pricingUnit: "GB-Mo", quantity: "150", cost: "3.5", unitCost: "0.0233333333" },
      { serviceName: "Amazon S3", pricingUnit: "GB-Mo-Free", quantity: "0", cost: "0.5", unitCost: null },
      { serviceName: "Amazon S3", pricingUnit: "Requests", quantity: "1000000", cost: "0.4", unitCost: "0.0000004" },
    ]);
    expect(data.pairCount).toBe(4);
    expect(provenance[0]!.sql).toContain("charge_category = 'Usage'");
  });

  it("uses the metric asked for, the filters and the limit", async () => {
    const { data } = await unitCosts(db, { period: MARCH, metric: "EffectiveCost", filters: { services: ["Amazon EC2"] }, limit: 1 });
    expect(data.rows).toEqual([{ serviceName: "Amazon EC2", pricingUnit: "Hours", quantity: "40", cost: "3", unitCost: "0.075" }]);
    expect(data.pairCount).toBe(1);
  });

  it("refuses a malformed input with a message a user understands", async () => {
    await expect(unitCosts(db, { period: { start: "2024-03-01", end: "2024-02-01" } })).rejects.toThrow("The period must end after it starts.");
    await expect(unitCosts(db, { period: MARCH, limit: 0 })).rejects.toThrow("Show at least one row.");
  });
});
