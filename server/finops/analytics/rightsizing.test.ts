import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../testing/test-database.ts";
import { ingestRecords } from "../ingest/ingest.ts";
import { oneSizeDown } from "../demo/instance-types.ts";
import { loadDemoDataset } from "../demo/load.ts";
import { planDemoWorld } from "../demo/world.ts";
import { nextSizeDown, rightsizingFindings, sizeOf } from "./rightsizing.ts";
import { addDays, eachDay } from "./scope.ts";

// March 2026, 30 days; every resource costs hourly * 24 a day, so a month is hourly * 720
// (m6i.xlarge 0.192/h -> 138.24; m6i.2xlarge / m5.2xlarge 0.384/h -> 276.48).
const period = { start: "2026-03-01", end: "2026-03-31" };
interface Resource {
  id: string;
  hourly: number;
  type?: string;
  cpu?: number;
  mem?: number | null;
  utilDays?: number;
  lastDay?: string;
  provider?: string;
  service?: string;
  category?: string;
  resourceType?: string;
  description?: string;
  unit?: string;
  pricing?: string;
  commitment?: string;
  tags?: Record<string, string>;
}
const RESOURCES: Resource[] = [
  { id: "i-idle", type: "m6i.xlarge", hourly: 0.192, cpu: 4.99, mem: 20 },
  { id: "i-edge", type: "m6i.xlarge", hourly: 0.192, cpu: 5, mem: 40 },
  { id: "i-mem", type: "m6i.xlarge", hourly: 0.192, cpu: 20, mem: 40.01 },
  { id: "i-cpu40", type: "m6i.xlarge", hourly: 0.192, cpu: 40, mem: 20 },
  { id: "i-nomem", type: "m6i.xlarge", hourly: 0.192, cpu: 10, mem: null },
  { id: "i-big", type: "m6i.2xlarge", hourly: 0.384, cpu: 39.99, mem: 30 },
  { id: "i-small", type: "m6i.large", hourly: 0.096, cpu: 10, mem: 10 },
  { id: "i-m5", type: "m5.2xlarge", hourly: 0.384, cpu: 10, mem: 10 },
  { id: "vm-d4", type: "Standard_D4s_v5", hourly: 0.192, cpu: 10, mem: 20, provider: "Microsoft", service: "Virtual Machines" },
  { id: "i-batch", type: "m6i.xlarge", hourly: 0.192, cpu: 60, mem: 60, tags: { app: "batch" } },
  // Both oversized and a batch workload: downsize it (saves 138.24) or run it on Spot (165.89-193.54).
  { id: "i-batch-big", type: "m6i.2xlarge", hourly: 0.384, cpu: 20, mem: 20, tags: { app: "batch" } },
  { id: "i-spot", type: "c6i.xlarge", hourly: 0.17, cpu: 60, mem: 60, tags: { app: "batch" }, pricing: "Dynamic" },
  { id: "i-short", type: "m6i.xlarge", hourly: 0.192, cpu: 1, mem: 1, utilDays: 13 },
  { id: "i-ri", type: "m6i.xlarge", hourly: 0.12, cpu: 2, mem: 10, pricing: "Committed", commitment: "ri-1" },
  { id: "i-gone", type: "m6i.xlarge", hourly: 0.192, cpu: 1, mem: 1, lastDay: "2026-03-20" },
  { id: "eipalloc-1", hourly: 0.005, resourceType: "IP Address", description: "ElasticIP:IdleAddress", service: "Amazon VPC", category: "Networking" },
  { id: "nat-idle", hourly: 0.045, resourceType: "NAT Gateway", description: "NAT gateway hours", service: "Amazon VPC", category: "Networking" },
  { id: "nat-busy", hourly: 0.045, resourceType: "NAT Gateway", description: "NAT gateway data processed", unit: "GB", service: "Amazon VPC", category: "Networking" },
  { id: "vol-1", hourly: 0.01, resourceType: "Volume", description: "EBS gp3 volume, unattached", unit: "GB-Month", category: "Storage" },
  { id: "bucket-1", hourly: 0.01, resourceType: "Bucket", description: "S3 storage", unit: "GB-Month", service: "Amazon S3", category: "Storage" },
];

function record(r: Resource, day: string) {
  const cost = (r.hourly * 24).toFixed(4);
  const provider = r.provider ?? "AWS";
  return {
    BilledCost: cost, EffectiveCost: cost, ListCost: cost, ContractedCost: cost,
    BillingAccountId: "111", BillingAccountName: "Acme", BillingCurrency: "USD",
    BillingPeriodStart: "2026-03-01T00:00:00Z", BillingPeriodEnd: "2026-04-01T00:00:00Z",
    ChargeCategory: "Usage", ChargeClass: null, ChargeDescription: r.description ?? `${r.type} hours`,
    ChargePeriodStart: `${day}T00:00:00Z`, ChargePeriodEnd: `${addDays(day, 1)}T00:00:00Z`,
    InvoiceIssuerName: provider, PricingQuantity: "24", PricingUnit: r.unit ?? "Hours", PricingCategory: r.pricing ?? "Standard",
    ProviderName: provider, PublisherName: provider, ServiceCategory: r.category ?? "Compute", ServiceName: r.service ?? "Amazon EC2",
    ResourceId: r.id, ResourceName: `${r.id}-name`, ResourceType: r.resourceType ?? "Instance",
    SubAccountId: "222", SubAccountName: "prod",
    CommitmentDiscountId: r.commitment ?? null, CommitmentDiscountStatus: r.commitment ? "Used" : null,
    Tags: r.tags ? JSON.stringify(r.tags) : null,
  };
}

async function* records() {
  let line = 1;
  for (const day of eachDay(period.start, period.end)) {
    for (const r of RESOURCES) {
      if (r.lastDay && day > r.lastDay) continue;
      yield { line: line++, values: record(r, day) };
      if (r.id === "nat-busy") yield { line: line++, values: record({ ...r, unit: "Hours", description: "NAT gateway hours" }, day) };
    }
  }
}

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  expect((await ingestRecords(db, { sourceName: "rightsizing-fixture", format: "generated", records: records() })).status).toBe("imported");
  for (const r of RESOURCES.filter((r) => r.type)) {
    const days = r.utilDays ?? 30;
    await db.sql.query(
      `INSERT INTO resource_utilization_daily (resource_id, usage_date, provider_name, resource_type, instance_type, cpu_p95, cpu_avg, mem_p95, mem_avg)
       SELECT $1, d::date, $2, 'Instance', $3, $4::numeric, $4::numeric / 2, $5::numeric, $5::numeric
       FROM generate_series($6::date, $6::date + ($7::int - 1), interval '1 day') AS d`,
      [r.id, r.provider ?? "AWS", r.type, r.cpu, r.mem ?? null, period.start, days],
    );
  }
});
afterAll(() => db.destroy());

const byId = async () => {
  const { data } = await rightsizingFindings(db, { period });
  return { data, find: (id: string) => data.findings.filter((f) => f.resourceId === id) };
};

describe("rightsizingFindings", () => {
  it("marks p95 CPU below 5% idle, and exactly 5% not idle", async () => {
    const { find } = await byId();
    expect(find("i-idle")).toEqual([
      expect.objectContaining({
        action: "terminate-idle",
        instanceType: "m6i.xlarge",
        providerName: "AWS",
        serviceName: "Amazon EC2",
        billingAccountId: "111",
        monthlyCost: { amount: "138.24", value: 138.24 },
        estimatedMonthlySavings: { min: { amount: "138.24", value: 138.24 }, max: { amount: "138.24", value: 138.24 } },
        evidence: expect.objectContaining({ daysObserved: 30, cpuP95: 4.99, memP95: 20 }),
      }),
    ]);
    expect(find("i-edge").map((f) => f.action)).toEqual(["downsize"]);
  });

  it("downsizes one step when the projected load stays at or under 80%", async () => {
    const { find } = await byId();
    // 5% CPU and 40% memory on m6i.xlarge -> 10% and 80% on m6i.large; half the price: 69.12 a month.
    expect(find("i-edge")[0]).toMatchObject({
      proposedAction: "Downsize m6i.xlarge to m6i.large",
      targetInstanceType: "m6i.large",
      estimatedMonthlySavings: { min: { amount: "69.12" }, max: { amount: "69.12" } },
      evidence: { projectedCpuP95: 10, projectedMemP95: 80 },
    });
    expect(find("i-big")[0]).toMatchObject({ targetInstanceType: "m6i.xlarge", monthlyCost: { amount: "276.48" }, estimatedMonthlySavings: { max: { amount: "138.24" } }, evidence: { projectedCpuP95: 79.98, projectedMemP95: 60 } });
    expect(find("vm-d4")[0]).toMatchObject({ providerName: "Microsoft", targetInstanceType: "Standard_D2s_v5", estimatedMonthlySavings: { max: { amount: "69.12" } } });
    // Not in the catalog: derived from the name, price proportional to vCPUs.
    expect(find("i-m5")[0]).toMatchObject({ targetInstanceType: "m5.xlarge", estimatedMonthlySavings: { max: { amount: "138.24" } } });
  });

  it("keeps resources at the thresholds, without memory data, at the smallest size, or observed under 14 days", async () => {
    const { find } = await byId();
    for (const id of ["i-mem", "i-cpu40", "i-nomem", "i-small", "i-short", "i-gone", "bucket-1", "nat-busy", "i-spot"]) {
      expect(find(id), id).toEqual([]);
    }
  });

  it("suggests Spot for on-demand compute tagged batch, with a 60-70% saving", async () => {
    const { find } = await byId();
    expect(find("i-batch")).toEqual([
      expect.objectContaining({ action: "move-to-spot", estimatedMonthlySavings: { min: { amount: "82.94", value: 82.94 }, max: { amount: "96.77", value: 96.77 } } }),
    ]);
  });

  it("counts only on-demand cost as a sure saving for commitment-covered resources", async () => {
    const { find } = await byId();
    expect(find("i-ri")[0]).toMatchObject({ action: "terminate-idle", monthlyCost: { amount: "86.40" }, estimatedMonthlySavings: { min: { amount: "0.00" }, max: { amount: "86.40" } } });
  });

  it("finds orphaned idle addresses and NAT gateways that processed no data", async () => {
    const { find } = await byId();
    expect(find("eipalloc-1")[0]).toMatchObject({ action: "delete-orphaned", monthlyCost: { amount: "3.60" }, evidence: { daysObserved: 0 } });
    expect(find("nat-idle")[0]).toMatchObject({ action: "delete-orphaned", estimatedMonthlySavings: { max: { amount: "32.40" } } });
    expect(find("vol-1")[0]).toMatchObject({ action: "delete-orphaned", monthlyCost: { amount: "7.20" } });
  });

  it("keeps only the kinds of resource asked, read from type, id, service and category", async () => {
    const ids = async (...resourceKinds: Array<"disk" | "ip-address" | "nat-gateway" | "virtual-machine" | "database">) =>
      (await rightsizingFindings(db, { period, resourceKinds })).data.findings.map((f) => f.resourceId).sort();
    expect(await ids("disk")).toEqual(["vol-1"]);
    expect(await ids("ip-address")).toEqual(["eipalloc-1"]);
    expect(await ids("nat-gateway")).toEqual(["nat-idle"]);
    expect(await ids("disk", "ip-address")).toEqual(["eipalloc-1", "vol-1"]);
    expect(await ids("database")).toEqual([]);
    const machines = await ids("virtual-machine");
    expect(machines).toContain("vm-d4");
    expect(machines).toContain("i-idle");
    expect(machines.some((id) => !id.startsWith("i-") && id !== "vm-d4")).toBe(false);
    const { data } = await rightsizingFindings(db, { period, resourceKinds: ["disk"] });
    expect(data).toMatchObject({ resourceCount: 1, totalEstimatedMonthlySavings: { max: { amount: "7.20" } } });
    await expect(rightsizingFindings(db, { period, resourceKinds: ["tape" as "disk"] })).rejects.toThrow("resourceKinds are disk, ip-address");
  });

  it("totals the savings once per resource and explains its query", async () => {
    const { data } = await byId();
    // i-batch-big counts once, at its larger (Spot) saving: 679.10 + 165.89 and 779.33 + 193.54.
    expect(data.totalEstimatedMonthlySavings).toEqual({ min: { amount: "844.99", value: 844.99 }, max: { amount: "972.87", value: 972.87 } });
    expect(data.costWindow).toEqual(period);
    expect(data.findings.length).toBe(12);
    expect(data.resourceCount).toBe(11);
  });

  it("keeps only the asked actions, and its total and resource count follow them", async () => {
    const all = (await byId()).data;
    const distinct = new Set(all.findings.map((f) => f.resourceId));
    expect(all.resourceCount).toBe(distinct.size);
    expect(all.resourceCount).toBeLessThan(all.findings.length); // a resource with two findings is counted once
    // The finding the total counts for each resource: its larger saving.
    expect(all.largestPerResource.map((f) => f.resourceId).sort()).toEqual([...distinct].sort());
    for (const kept of all.largestPerResource) {
      const options = all.findings.filter((f) => f.resourceId === kept.resourceId).map((f) => f.estimatedMonthlySavings.max.value);
      expect(kept.estimatedMonthlySavings.max.value).toBe(Math.max(...options));
    }

    const { data } = await rightsizingFindings(db, { period, actions: ["terminate-idle", "delete-orphaned"] });
    expect(new Set(data.findings.map((f) => f.action))).toEqual(new Set(["terminate-idle", "delete-orphaned"]));
    expect(data.findings).toEqual(all.findings.filter((f) => f.action === "terminate-idle" || f.action === "delete-orphaned"));
    const cents = (n: number) => Math.round(n * 100);
    const sum = data.findings.reduce((t, f) => t + cents(f.estimatedMonthlySavings.max.value), 0);
    expect(cents(data.totalEstimatedMonthlySavings.max.value)).toBe(sum); // one finding per idle resource
    expect(data.resourceCount).toBe(data.findings.length);
    await expect(rightsizingFindings(db, { period, actions: [] })).rejects.toThrow("Name at least one action");
    await expect(rightsizingFindings(db, { period, actions: ["resize" as "downsize"] })).rejects.toThrow("actions are terminate-idle, delete-orphaned");
  });

  it("applies filters and rejects periods shorter than 14 days", async () => {
    const { data } = await rightsizingFindings(db, { period, filters: { providers: ["Microsoft"] } });
    expect(data.findings.map((f) => f.resourceId)).toEqual(["vm-d4"]);
    await expect(rightsizingFindings(db, { period: { start: "2026-03-01", end: "2026-03-14" } })).rejects.toThrow("at least 14 days");
  });
});

describe("instance size ladder", () => {
  it("steps down AWS, Azure and GCP names, and stops at the smallest size", () => {
    expect(nextSizeDown(sizeOf("m6i.2xlarge")!)?.type).toBe("m6i.xlarge");
    expect(nextSizeDown(sizeOf("m7g.4xlarge")!)?.type).toBe("m7g.2xlarge");
    expect(nextSizeDown(sizeOf("m7g.xlarge")!)?.type).toBe("m7g.large");
    expect(nextSizeDown(sizeOf("Standard_D16as_v6")!)?.type).toBe("Standard_D8as_v6");
    expect(nextSizeDown(sizeOf("n2-highmem-8")!)?.type).toBe("n2-highmem-4");
    expect(nextSizeDown(sizeOf("m7g.large")!)).toBeNull();
    expect(nextSizeDown(sizeOf("m7g.12xlarge")!)).toBeNull();
    expect(sizeOf("t3.micro")).toBeNull();
  });
});

describe("rightsizingFindings on the generated demo data", () => {
  const DEMO = { seed: 42, months: 6, rows: 20_000, endDate: "2026-10-31" };
  let demo: TestDatabase;
  let report: Awaited<ReturnType<typeof loadDemoDataset>>;
  beforeAll(async () => {
    demo = await createTestDatabase();
    report = await loadDemoDataset(demo, DEMO);
  }, 120_000);
  afterAll(() => demo?.destroy());

  it("finds the forgotten instance as idle, and the planned idle and over-provisioned resources", async () => {
    const { data } = await rightsizingFindings(demo, { period: { start: "2026-10-01", end: "2026-11-01" } });
    const forgotten = report.incidents.find((i) => i.kind === "forgotten-instance")!;
    expect(data.findings.find((f) => f.resourceId === forgotten.resourceId)).toMatchObject({
      action: "terminate-idle",
      instanceType: "r6i.16xlarge",
      evidence: expect.objectContaining({ daysObserved: 31 }),
    });
    // r6i.16xlarge lists at $4.032/h; 30 days is about $2,900 before the negotiated discount.
    expect(data.findings[0].resourceId).toBe(forgotten.resourceId);
    const plan = planDemoWorld(DEMO);
    const actions = new Map(data.findings.map((f) => [f.resourceId, f.action]));
    for (const r of plan.resources.filter((r) => r.instance && r.endDay === plan.days.length)) {
      if (r.profile === "idle" || r.profile === "forgotten") expect(actions.get(r.id), r.id).toBe("terminate-idle");
      // The smallest size of a family (c6i.large, Standard_D2s_v5...) has no size down in the same family.
      if (r.profile === "over-provisioned" && oneSizeDown(r.instance!.type)) expect(data.findings.some((f) => f.resourceId === r.id && f.action === "downsize"), r.id).toBe(true);
    }
  });
});
