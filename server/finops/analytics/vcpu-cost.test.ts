import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../testing/test-database.ts";
import { loadFixture, type FixtureRow } from "./fixtures/focus-records.ts";
import { costPerVcpuHour } from "./vcpu-cost.ts";

const MARCH = { start: "2024-03-01", end: "2024-04-01" };
const vm = { provider: "Microsoft", service: "Virtual Machines" } as const;
// Hand-computed: m6i.large (2 vCPUs) 10 h for 0.96 and 20 h for 1.92 → 60 vCPU-hours for 2.88 (0.048); m6i.2xlarge (8)
// 5 h for 1.92 → 40 for 1.92 (0.048); Standard_D4s_v5 (4) read from its description, 10 h for 1.92 → 40 (0.048, 0.04
// effective); n2-standard-4 (4) 1 h for 0.20 → 4 (0.05). All: 6.92 over 144 vCPU-hours. t3.micro's vCPUs are not
// read from its name: apart, 100 h for 1.04. Storage, a request-priced row, a credit and April are not instance hours.
const BILL: FixtureRow[] = [
  { date: "2024-03-02", resource: "i-1", billed: "0.96", quantity: "10", unit: "Hrs", sku: "BoxUsage:m6i.large" },
  { date: "2024-03-03", resource: "i-2", billed: "1.92", quantity: "20", unit: "Hrs", sku: "BoxUsage:m6i.large" },
  { date: "2024-03-04", resource: "i-3", billed: "1.92", quantity: "5", unit: "Hrs", sku: "A1B2C3", description: "$0.384 per On Demand Linux m6i.2xlarge Instance Hour" },
  { date: "2024-03-05", ...vm, resource: "vm-1", billed: "1.92", effective: "1.60", quantity: "10", unit: "1 Hour", description: "Standard_D4s_v5 Linux virtual machine hour" },
  { date: "2024-03-06", provider: "Google Cloud", service: "Compute Engine", resource: "gce-1", billed: "0.20", quantity: "1", unit: "Hour", sku: "n2-standard-4" },
  { date: "2024-03-07", resource: "i-4", billed: "1.04", quantity: "100", unit: "Hrs", sku: "BoxUsage:t3.micro" },
  { date: "2024-03-08", service: "Amazon S3", serviceCategory: "Storage", resource: "b-1", billed: "5.00", quantity: "100", unit: "GB-Mo" },
  { date: "2024-03-08", service: "AWS Lambda", resource: "fn-1", billed: "0.40", quantity: "1000000", unit: "Requests" },
  { date: "2024-03-20", chargeCategory: "Credit", pricingCategory: null, billed: "-1.00", quantity: "1", unit: "Hrs", sku: "BoxUsage:m6i.large" },
  { date: "2024-04-02", resource: "i-1", billed: "9.99", quantity: "1", unit: "Hrs", sku: "BoxUsage:m6i.large" },
];

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  await loadFixture(db, BILL, "vcpu-cost.csv");
});
afterAll(() => db.destroy());

describe("costPerVcpuHour", () => {
  it("divides each instance type's hourly usage cost by its instance-hours × vCPUs, the type read from SKU or description", async () => {
    const { data, provenance } = await costPerVcpuHour(db, { period: MARCH, metric: "BilledCost" });
    expect(data.rows).toEqual([
      { instanceType: "m6i.large", serviceName: "Amazon EC2", vcpus: 2, instanceHours: 30, vcpuHours: 60, cost: "2.88", costPerVcpuHour: "0.048" },
      // Equal costs: by type.
      { instanceType: "m6i.2xlarge", serviceName: "Amazon EC2", vcpus: 8, instanceHours: 5, vcpuHours: 40, cost: "1.92", costPerVcpuHour: "0.048" },
      { instanceType: "Standard_D4s_v5", serviceName: "Virtual Machines", vcpus: 4, instanceHours: 10, vcpuHours: 40, cost: "1.92", costPerVcpuHour: "0.048" },
      { instanceType: "n2-standard-4", serviceName: "Compute Engine", vcpus: 4, instanceHours: 1, vcpuHours: 4, cost: "0.2", costPerVcpuHour: "0.05" },
    ]);
    expect(data.total).toEqual({ cost: "6.92", instanceHours: 46, vcpuHours: 144, costPerVcpuHour: "0.048056" });
    expect(data.unread).toEqual({ cost: "1.04", hours: 100 });
    expect(provenance[0]!.sql).toContain("charge_category = 'Usage'");
  });

  it("uses the metric asked and keeps to the services named", async () => {
    const effective = await costPerVcpuHour(db, { period: MARCH, filters: { services: ["Virtual Machines"] } });
    expect(effective.data.rows.map((r) => [r.instanceType, r.cost, r.costPerVcpuHour])).toEqual([["Standard_D4s_v5", "1.6", "0.04"]]);
    expect(effective.data.unread).toEqual({ cost: "0", hours: 0 });
  });

  it("refuses a malformed period with a message a user understands", async () => {
    await expect(costPerVcpuHour(db, { period: { start: "2024-04-01", end: "2024-03-01" } })).rejects.toThrow();
  });
});
