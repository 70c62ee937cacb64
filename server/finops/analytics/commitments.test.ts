import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../testing/test-database.ts";
import { ingestRecords } from "../ingest/ingest.ts";
import { loadDemoDataset } from "../demo/load.ts";
import { planDemoWorld } from "../demo/world.ts";
import { termOffer, commitmentAnalysis, commitmentCoverage, commitmentTrend, purchaseAction } from "./commitments.ts";
import { addDays, eachDay } from "./scope.ts";

// March 2026 (30 days from 03-01 to 03-31 exclusive):
// - AWS EC2 under savings plan sp-1: $10 Used every day; $2.40 Unused on the first 10 days.
//   used 300, unused 24 -> utilisation 300 / 324 = 92.59%.
// - AWS EC2 on demand: 24 * (2 + i % 10) on day i -> hourly 2..11, three times each; total 24 * 3 * 65 = 4680.
//   10th percentile (type 7) of the 30 hourly values: position 2.9 between 2 and 3 -> $2.90/h.
// - AWS EC2 spot $10/day (not eligible); AWS S3 $5/day (Storage, never covered: not eligible).
// - AWS EC2 instance i-idle on demand, 0.192/h ($4.608/day, 138.24 over the 30 days) with p95 CPU 2%: rightsizing
//   finds it idle. With it the AWS hourly values are 2.192..11.192: 10th percentile 3.092/h before rightsizing, and
//   3.092 - 0.192 = 2.90/h once stopping it is taken into account (the default).
// - Azure VMs on demand $24/day (hourly 1.00), no commitment: eligible by category.
// - AWS RDS on demand $48/day and Google Cloud SQL on demand $24/day (Databases): eligible by category, but no compute
//   plan covers them: AWS's plan is still sized on EC2 alone (2.90/h, not 4.90/h), and Google Cloud, which has only
//   database usage, gets no plan.
// - The savings plan's $324 purchase on 03-01 has no status and is not usage.
interface Row {
  day: string;
  cost: number;
  [column: string]: string | number | null;
}

function record(row: Row) {
  const cost = row.cost.toFixed(4);
  const { day, cost: _, ...rest } = row as Row & { day: string };
  return {
    BilledCost: cost, EffectiveCost: cost, ListCost: cost, ContractedCost: cost,
    BillingAccountId: "111", BillingAccountName: "Acme", BillingCurrency: "USD",
    BillingPeriodStart: "2026-03-01T00:00:00Z", BillingPeriodEnd: "2026-04-01T00:00:00Z",
    ChargeCategory: "Usage", ChargeClass: null, ChargeDescription: "usage",
    ChargePeriodStart: `${day}T00:00:00Z`, ChargePeriodEnd: `${addDays(day, 1)}T00:00:00Z`,
    InvoiceIssuerName: "AWS", PricingQuantity: "24", PricingUnit: "Hours", PricingCategory: "Standard",
    ProviderName: "AWS", PublisherName: "AWS", ServiceCategory: "Compute", ServiceName: "Amazon EC2",
    CommitmentDiscountId: null, CommitmentDiscountName: null, CommitmentDiscountCategory: null,
    CommitmentDiscountType: null, CommitmentDiscountStatus: null,
    ResourceId: null, ResourceName: null, ResourceType: null,
    ...rest,
  };
}

const SP = {
  CommitmentDiscountId: "arn:aws:savingsplans::111:savingsplan/sp-1",
  CommitmentDiscountName: "sp-1",
  CommitmentDiscountCategory: "Spend",
  CommitmentDiscountType: "Compute Savings Plan",
};

async function* records() {
  let line = 1;
  const emit = (row: Row) => ({ line: line++, values: record(row) });
  yield emit({ day: "2026-03-01", cost: 324, ...SP, ChargeCategory: "Purchase", PricingCategory: null });
  for (const [i, day] of eachDay("2026-03-01", "2026-03-31").entries()) {
    yield emit({ day, cost: 10, ...SP, CommitmentDiscountStatus: "Used", PricingCategory: "Committed" });
    if (i < 10) yield emit({ day, cost: 2.4, ...SP, CommitmentDiscountStatus: "Unused", PricingCategory: "Committed" });
    yield emit({ day, cost: 24 * (2 + (i % 10)) });
    yield emit({ day, cost: 4.608, ResourceId: "i-idle", ResourceName: "idle-box", ResourceType: "Instance" });
    yield emit({ day, cost: 10, PricingCategory: "Dynamic" });
    yield emit({ day, cost: 5, ServiceName: "Amazon S3", ServiceCategory: "Storage" });
    // EKS cluster management: Compute, but no commitment covers it.
    yield emit({ day, cost: 2.4, ServiceName: "Amazon Elastic Kubernetes Service" });
    yield emit({ day, cost: 24, ProviderName: "Microsoft", PublisherName: "Microsoft", InvoiceIssuerName: "Microsoft", ServiceName: "Virtual Machines" });
    yield emit({ day, cost: 48, ServiceName: "Amazon RDS", ServiceCategory: "Databases" });
    yield emit({ day, cost: 24, ProviderName: "Google Cloud", PublisherName: "Google Cloud", InvoiceIssuerName: "Google Cloud", ServiceName: "Cloud SQL", ServiceCategory: "Databases" });
  }
}

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  expect((await ingestRecords(db, { sourceName: "commitment-fixture", format: "generated", records: records() })).status).toBe("imported");
  await db.sql.query(
    `INSERT INTO resource_utilization_daily (resource_id, usage_date, provider_name, resource_type, instance_type, cpu_p95, cpu_avg, mem_p95, mem_avg)
     SELECT 'i-idle', d::date, 'AWS', 'Instance', 'm6i.xlarge', 2, 1, 20, 15 FROM generate_series('2026-03-01'::date, '2026-03-30'::date, interval '1 day') AS d`,
  );
});
afterAll(() => db.destroy());

const period = { start: "2026-03-01", end: "2026-03-31" };

describe("commitmentTrend", () => {
  it("gives each calendar month the period touches, cut to the period, with commitmentAnalysis' totals for it", async () => {
    const { data, provenance } = await commitmentTrend(db, { period: { start: "2026-02-15", end: "2026-03-31" } });
    expect(data.months.map((m) => [m.month, m.period])).toEqual([
      ["2026-02-01", { start: "2026-02-15", end: "2026-03-01" }],
      ["2026-03-01", { start: "2026-03-01", end: "2026-03-31" }],
    ]);
    // February has no cost: nothing covered, nothing eligible, no percentage.
    expect(data.months[0]).toMatchObject({ covered: { amount: "0.00" }, eligible: { amount: "0.00" }, coveragePercent: null, utilizationPercent: null });
    const { month: _m, period: _p, byType, ...march } = data.months[1]!;
    expect(march).toEqual((await commitmentAnalysis(db, { period })).data.totals);
    // sp-1 is the one commitment: used 300, unused 24.
    expect(byType).toEqual([
      { type: "Compute Savings Plan", used: { amount: "300.00", value: 300 }, unused: { amount: "24.00", value: 24 }, utilizationPercent: march.utilizationPercent },
    ]);
    expect(data.months[0]!.byType).toEqual([]);
    expect(provenance).toHaveLength(4);
  });
});

describe("commitmentCoverage", () => {
  it("gives coverage of eligible usage per provider or account, by the same definitions as the analysis", async () => {
    const cost = (amount: string) => ({ amount, value: Number(amount) });
    const { data } = await commitmentCoverage(db, { period, by: "ProviderName" });
    // AWS: EC2 300 covered of 5118.24 eligible + RDS 1440 on demand: 300 / 6558.24 = 4.57%.
    expect(data.rows).toEqual([
      { key: "AWS", name: null, covered: cost("300.00"), eligible: cost("6558.24"), onDemand: cost("6258.24"), coveragePercent: 4.57 },
      { key: "Google Cloud", name: null, covered: cost("0.00"), eligible: cost("720.00"), onDemand: cost("720.00"), coveragePercent: 0 },
      { key: "Microsoft", name: null, covered: cost("0.00"), eligible: cost("720.00"), onDemand: cost("720.00"), coveragePercent: 0 },
    ]);
    // One billing account holds it all: its coverage is the analysis' total.
    const accounts = await commitmentCoverage(db, { period, by: "BillingAccountId" });
    const { totals } = (await commitmentAnalysis(db, { period })).data;
    expect(accounts.data.rows).toEqual([
      { key: "111", name: "Acme", covered: totals.covered, eligible: totals.eligible, onDemand: totals.onDemandEligible, coveragePercent: totals.coveragePercent },
    ]);
    await expect(commitmentCoverage(db, { period, by: "ResourceId" as never })).rejects.toThrow("Coverage is by SubAccountId");
  });

  it("counts only the kinds of commitment named as covering: the rest of the eligible usage stays eligible", async () => {
    const all = (await commitmentCoverage(db, { period, by: "ProviderName" })).data.rows;
    // sp-1, a savings plan, is the one commitment: savings plans cover what all commitments do, reservations nothing.
    const plans = (await commitmentCoverage(db, { period, by: "ProviderName", commitmentTypes: ["savings plan"] })).data.rows;
    expect(plans).toEqual(all);
    const reservations = (await commitmentCoverage(db, { period, by: "ProviderName", commitmentTypes: ["reserv", "committed use"] })).data.rows;
    const aws = reservations.find((r) => r.key === "AWS")!;
    expect(aws).toMatchObject({ covered: { amount: "0.00", value: 0 }, eligible: { amount: "6558.24", value: 6558.24 }, coveragePercent: 0 });
    await expect(commitmentCoverage(db, { period, by: "ProviderName", commitmentTypes: ["plan'; DROP TABLE x"] })).rejects.toThrow(
      "A commitment type is a few letters",
    );
  });
});

describe("commitmentAnalysis", () => {
  it("computes utilisation per commitment from Used and Unused rows, leaving the purchase out", async () => {
    const { data } = await commitmentAnalysis(db, { period });
    expect(data.commitments).toEqual([
      {
        commitmentDiscountId: SP.CommitmentDiscountId,
        commitmentDiscountName: "sp-1",
        commitmentDiscountCategory: "Spend",
        commitmentDiscountType: "Compute Savings Plan",
        providerName: "AWS",
        used: { amount: "300.00", value: 300 },
        unused: { amount: "24.00", value: 24 },
        utilizationPercent: 92.59,
      },
    ]);
  });

  it("measures coverage of eligible usage (no spot, no storage, no Kubernetes cluster fees) and on-demand eligible spend", async () => {
    const { data } = await commitmentAnalysis(db, { period });
    const cost = (amount: string) => ({ amount, value: Number(amount) });
    expect(data.coverage).toEqual([
      { providerName: "AWS", serviceName: "Amazon EC2", serviceCategory: "Compute", covered: cost("300.00"), eligible: cost("5118.24"), onDemand: cost("4818.24"), coveragePercent: 5.86 },
      { providerName: "AWS", serviceName: "Amazon RDS", serviceCategory: "Databases", covered: cost("0.00"), eligible: cost("1440.00"), onDemand: cost("1440.00"), coveragePercent: 0 },
      { providerName: "Google Cloud", serviceName: "Cloud SQL", serviceCategory: "Databases", covered: cost("0.00"), eligible: cost("720.00"), onDemand: cost("720.00"), coveragePercent: 0 },
      { providerName: "Microsoft", serviceName: "Virtual Machines", serviceCategory: "Compute", covered: cost("0.00"), eligible: cost("720.00"), onDemand: cost("720.00"), coveragePercent: 0 },
    ]);
    // 300 / (5118.24 + 1440 + 720 + 720) = 3.75%.
    expect(data.totals).toEqual({
      used: cost("300.00"),
      unused: cost("24.00"),
      utilizationPercent: 92.59,
      covered: cost("300.00"),
      eligible: cost("7998.24"),
      onDemandEligible: cost("7698.24"),
      coveragePercent: 3.75,
    });
  });

  it("recommends committing the 10th-percentile on-demand baseline left after rightsizing, at the assumed discount", async () => {
    const { data, provenance } = await commitmentAnalysis(db, { period });
    const [aws, azure] = data.recommendations;
    // AWS: 2.90/h * (1 - 0.28) = 2.088/h; savings 2.90 * 730 * 0.28 = 592.76/month; 2.088 * 8760 = 18290.88/year.
    expect(aws).toMatchObject({
      providerName: "AWS",
      assumedDiscountPercent: 28,
      lookback: period,
      baselineOnDemandPerHour: 2.9,
      baselineBeforeRightsizingPerHour: 3.092,
      rightsizing: { resources: 1, onDemandPerHour: 0.192 },
      commitmentPerHour: 2.088,
      annualCommitment: { amount: "18290.88" },
      estimatedMonthlySavings: { amount: "592.76" },
      breakEvenUtilizationPercent: 72,
      existingUtilizationPercent: 92.59,
    });
    expect(aws.note).toContain("only 92.59% utilised");
    expect(aws.note).toContain(`at or above 3.09 an hour on 90% of the 30 days ${period.start} to 2026-03-30`);
    expect(aws.note).toContain(
      "Sized after the idle, rightsizing and Spot recommendations for 1 AWS resource, which take 0.19 an hour of on-demand spend away (3.09 → 2.90 an hour)",
    );
    expect(purchaseAction(aws, "USD")).toBe("Commit 2.09 USD/hour to a Compute Savings Plan, 1 year, no upfront");
    expect(purchaseAction(azure, "EUR")).toBe("Commit 0.70 EUR/hour to an Azure savings plan for compute, 1 year");
    // Azure: 1.00/h * 730 * 0.30 = 219.00/month.
    expect(azure).toMatchObject({ providerName: "Microsoft", baselineOnDemandPerHour: 1, commitmentPerHour: 0.7, estimatedMonthlySavings: { amount: "219.00" }, existingUtilizationPercent: null, rightsizing: null });
    expect(azure.note).not.toContain("Sized after");
    // RDS is eligible usage, but not the compute plan's: named beside it, not sized into it.
    expect(aws.notCovered).toEqual([{ serviceName: "Amazon RDS", onDemand: { amount: "1440.00", value: 1440 } }]);
    expect(aws.note).toContain("The plan covers compute only: Amazon RDS (1,440.00 on demand in the period) is left out. Databases need");
    expect(azure.notCovered).toEqual([]);
    expect(azure.note).not.toContain("covers compute only");
    expect(data.recommendations.map((r) => r.providerName)).toEqual(["AWS", "Microsoft"]);
    expect(data.skipped).toEqual([
      {
        providerName: "Google Cloud",
        reason: "Its on-demand eligible usage is all in Cloud SQL (720.00 on demand in the period). Databases need reservations or committed use discounts of their own, sized on their usage.",
      },
    ]);
    expect(provenance).toHaveLength(4);
    expect(provenance[2].params.slice(-2)).toEqual([["AWS", "Microsoft"], ["Amazon EC2", "Virtual Machines"]]);
    expect(provenance[3].sql).toContain("resource_utilization_daily");
  });

  it("sizes on today's baseline when asked not to count rightsizing", async () => {
    const { data, provenance } = await commitmentAnalysis(db, { period, afterRightsizing: false });
    // 3.092/h * 0.72 = 2.22624/h; savings 3.092 * 730 * 0.28 = 632.0048/month.
    expect(data.recommendations[0]).toMatchObject({
      providerName: "AWS",
      baselineOnDemandPerHour: 3.092,
      baselineBeforeRightsizingPerHour: 3.092,
      rightsizing: null,
      commitmentPerHour: 2.2262,
      estimatedMonthlySavings: { amount: "632.00" },
    });
    expect(data.recommendations[0].note).not.toContain("Sized after");
    expect(provenance).toHaveLength(3);
  });

  it("recommends no purchase when the recommended changes take away the whole baseline", async () => {
    const { data } = await commitmentAnalysis(db, { period, filters: { resourceIds: ["i-idle"] } });
    expect(data.recommendations).toEqual([]);
    expect(data.skipped).toEqual([
      { providerName: "AWS", reason: "The idle, rightsizing and Spot recommendations for 1 AWS resource take away its whole steady on-demand baseline (0.19 an hour)." },
    ]);
    const before = await commitmentAnalysis(db, { period, filters: { resourceIds: ["i-idle"] }, afterRightsizing: false });
    expect(before.data.recommendations[0]).toMatchObject({ baselineOnDemandPerHour: 0.192 });
  });

  it("sizes a 3-year purchase on the same baseline, at the 3-year discount, with its savings over the term", async () => {
    const { data } = await commitmentAnalysis(db, { period, term: "3y" });
    const [aws, azure] = data.recommendations;
    // AWS: 2.90/h * (1 - 0.47) = 1.537/h; 2.90 * 730 * 0.47 = 994.99/month; 2.90 * 8760 * 3 * 0.47 = 35819.64 over 3 years.
    expect(aws).toMatchObject({
      term: "3y",
      product: "Compute Savings Plan, 3 years, no upfront",
      assumedDiscountPercent: 47,
      baselineOnDemandPerHour: 2.9,
      commitmentPerHour: 1.537,
      estimatedMonthlySavings: { amount: "994.99" },
      termSavings: { amount: "35819.64" },
      breakEvenUtilizationPercent: 53,
    });
    expect(aws.note).toContain("It pays off while at least 53% of the commitment is used; the 47% discount is an assumption");
    // Azure: 1.00/h * 730 * 0.50 = 365.00/month.
    expect(azure).toMatchObject({ product: "Azure savings plan for compute, 3 years", commitmentPerHour: 0.5, estimatedMonthlySavings: { amount: "365.00" } });
    // The 1-year default, and termOffer, agree with the analysis for either term.
    const oneYear = await commitmentAnalysis(db, { period });
    expect(oneYear.data.recommendations[0]).toMatchObject({ term: "1y", termSavings: { amount: "7113.12" } });
    expect(termOffer("AWS", 2.9, "3y")).toEqual({
      term: aws.term, product: aws.product, assumedDiscountPercent: aws.assumedDiscountPercent, commitmentPerHour: aws.commitmentPerHour,
      annualCommitment: aws.annualCommitment, estimatedMonthlySavings: aws.estimatedMonthlySavings, termSavings: aws.termSavings,
      breakEvenUtilizationPercent: aws.breakEvenUtilizationPercent,
    });
    await expect(commitmentAnalysis(db, { period, term: "5y" as "3y" })).rejects.toThrow("term is 1y or 3y.");
  });

  it("rejects an afterRightsizing that is not a boolean", async () => {
    await expect(commitmentAnalysis(db, { period, afterRightsizing: "yes" as unknown as boolean })).rejects.toThrow("afterRightsizing is true or false.");
  });

  it("needs two weeks of usage before recommending", async () => {
    const { data } = await commitmentAnalysis(db, { period: { start: "2026-03-20", end: "2026-03-31" } });
    expect(data.recommendations).toEqual([]);
    expect(data.skipped.map((s) => s.providerName)).toEqual(["AWS", "Google Cloud", "Microsoft"]);
    expect(data.skipped[0].reason).toContain("at least 14 days");
  });

  it("applies filters", async () => {
    const { data } = await commitmentAnalysis(db, { period, filters: { providers: ["Microsoft"] } });
    expect(data.commitments).toEqual([]);
    expect(data.recommendations.map((r) => r.providerName)).toEqual(["Microsoft"]);
  });
});

describe("commitmentAnalysis on the generated demo data", () => {
  const DEMO = { seed: 42, months: 6, rows: 20_000, endDate: "2026-10-31" };
  let demo: TestDatabase;
  beforeAll(async () => {
    demo = await createTestDatabase();
    await loadDemoDataset(demo, DEMO);
  }, 120_000);
  afterAll(() => demo?.destroy());

  it("recovers the utilisation each demo commitment was planned with, and recommends per provider", async () => {
    const { data } = await commitmentAnalysis(demo, { period: { start: "2026-10-01", end: "2026-11-01" } });
    const plan = planDemoWorld(DEMO);
    expect(data.commitments).toHaveLength(plan.commitments.length);
    for (const c of data.commitments) {
      const planned = plan.commitments.find((p) => p.id === c.commitmentDiscountId)!;
      expect(c.utilizationPercent! / 100, c.commitmentDiscountName!).toBeCloseTo(planned.usedMicrosPerDay / planned.dailyMicros, 2);
    }
    expect(data.recommendations.map((r) => r.providerName)).toEqual(["AWS", "Google Cloud", "Microsoft"]);
    for (const r of data.recommendations) expect(r.estimatedMonthlySavings.value).toBeGreaterThan(0);
  });
});
