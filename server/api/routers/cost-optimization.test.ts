import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "../../auth/users.ts";
import { ingestRecords } from "../../finops/ingest/ingest.ts";
import { addDays, eachDay } from "../../finops/analytics/scope.ts";
import { createTestApp, type TestApp } from "../../testing/fixtures.ts";
import { createCallerFactory, createContextInner } from "../trpc.ts";
import { costOptimizationRouter } from "./cost-optimization.ts";

// The lead mounts this router as `cost.*` in the root router; until then the tests call it on its own.
const createCaller = createCallerFactory(costOptimizationRouter);

// Eight weeks of a flat $100/day EC2 instance with daily utilisation at 2% CPU.
const START = "2026-01-05";
const END = "2026-03-02";

function record(day: string) {
  return {
    BilledCost: "100", EffectiveCost: "100", ListCost: "100", ContractedCost: "100",
    BillingAccountId: "111", BillingAccountName: "Acme", BillingCurrency: "USD",
    BillingPeriodStart: `${day.slice(0, 7)}-01T00:00:00Z`, BillingPeriodEnd: `${addDays(`${day.slice(0, 7)}-28`, 5).slice(0, 7)}-01T00:00:00Z`,
    ChargeCategory: "Usage", ChargeClass: null, ChargeDescription: "m6i.xlarge hours",
    ChargePeriodStart: `${day}T00:00:00Z`, ChargePeriodEnd: `${addDays(day, 1)}T00:00:00Z`,
    InvoiceIssuerName: "AWS", PricingQuantity: "24", PricingUnit: "Hours", PricingCategory: "Standard",
    ProviderName: "AWS", PublisherName: "AWS", ServiceCategory: "Compute", ServiceName: "Amazon EC2",
    ResourceId: "i-1", ResourceName: "web-1", ResourceType: "Instance",
  };
}

let app: TestApp;
let user: SessionUser;
const caller = (u: SessionUser | null) => createCaller(createContextInner({ services: app.services, user: u, authMethod: u ? "session" : null }));

beforeAll(async () => {
  app = await createTestApp();
  user = await app.createUser();
  const records = (async function* () {
    for (const [i, day] of eachDay(START, END).entries()) yield { line: i + 1, values: record(day) };
  })();
  expect((await ingestRecords(app.db, { sourceName: "router-fixture", format: "generated", records })).status).toBe("imported");
  await app.db.sql.query(
    `INSERT INTO resource_utilization_daily (resource_id, usage_date, provider_name, instance_type, cpu_p95, cpu_avg, mem_p95, mem_avg)
     SELECT 'i-1', d::date, 'AWS', 'm6i.xlarge', 2, 1, 10, 8 FROM generate_series('2026-02-01'::date, '2026-03-01'::date, interval '1 day') d`,
  );
});
afterAll(() => app.destroy());

describe("cost optimization router", () => {
  it("runs every analysis for a signed-in user, with provenance", async () => {
    const cost = caller(user);
    const anomalies = await cost.anomalies({ period: { start: "2026-02-09", end: END } });
    expect(anomalies.data.anomalies).toEqual([]);
    expect(anomalies.provenance[0].sql).toContain("FROM cost_daily_rollup");

    const forecast = await cost.forecast({ horizonMonths: 1 });
    expect(forecast.data.asOf).toBe(END);
    expect(forecast.data.months[0]).toMatchObject({ month: "2026-04", total: { amount: "3000.00" } });

    // The idle instance is the whole on-demand baseline: stopping it leaves nothing to commit to.
    const commitments = await cost.commitments({ period: { start: "2026-02-01", end: END } });
    expect(commitments.data.recommendations).toEqual([]);
    expect(commitments.data.skipped[0]!.reason).toContain("recommendations for 1 AWS resource take away its whole steady on-demand baseline (4.17 an hour)");
    const today = await cost.commitments({ period: { start: "2026-02-01", end: END }, afterRightsizing: false });
    expect(today.data.recommendations[0]).toMatchObject({ providerName: "AWS", baselineOnDemandPerHour: 4.1667 });

    const trend = await cost.commitmentTrend({ period: { start: "2026-02-01", end: END } });
    expect(trend.data.months.map((m) => m.month)).toEqual(["2026-02-01", "2026-03-01"]);
    expect(trend.data.months.at(-1)!.period.end).toBe(END);
    expect(trend.currency).toBe("USD");

    const byAccount = await cost.commitmentCoverage({ period: { start: "2026-02-01", end: END }, by: "BillingAccountId" });
    expect(byAccount.data.rows).toEqual([expect.objectContaining({ key: "111", name: "Acme", coveragePercent: 0 })]);
    expect(byAccount.currency).toBe("USD");

    const rightsizing = await cost.rightsizing({ period: { start: "2026-02-01", end: END } });
    expect(rightsizing.data.findings).toEqual([expect.objectContaining({ resourceId: "i-1", action: "terminate-idle" })]);
    // February 2026: 20 weekdays × 12 hours on of 672; the instance ran all 672 at $100 a day, so 432 hours stop.
    const scheduling = await cost.scheduling({ period: { start: "2026-02-01", end: "2026-03-01" } });
    expect(scheduling.data).toMatchObject({ hoursOn: 240, periodHours: 672, resourceCount: 1, cost: "2800", saving: "1800" });
    // Every result says the billing currency its amounts are in.
    expect([anomalies, forecast, commitments, rightsizing, scheduling].map((r) => r.currency)).toEqual(["USD", "USD", "USD", "USD", "USD"]);
  });

  it("requires a signed-in user", async () => {
    await expect(caller(null).rightsizing({ period: { start: "2026-02-01", end: END } })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("rejects bad input with a message that says what to fix", async () => {
    const cost = caller(user);
    // Callers get the zod issues in the error; the error formatter turns the first into the wire message.
    const reversed = cost.anomalies({ period: { start: "2026-03-01", end: "2026-02-01" } });
    await expect(reversed).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(reversed).rejects.toThrow("The period must end after it starts.");
    await expect(cost.forecast({ horizonMonths: 24 })).rejects.toThrow("Forecasts are limited to 12 months ahead.");
    await expect(cost.commitmentCoverage({ period: { start: "2026-02-01", end: END }, by: "Tag" as never })).rejects.toThrow("Coverage is by SubAccountId");
    await expect(cost.scheduling({ period: { start: "2026-02-01", end: END }, schedule: { weekdayHours: -1 } })).rejects.toThrow("weekdayHours cannot be negative.");
    await expect(cost.anomalies({ period: { start: "2026-02-01", end: END }, baselineDays: 30 })).rejects.toThrow("multiple of 7");
    await expect(cost.rightsizing({ period: { start: "2026-02-01", end: "2026-02-05" } })).rejects.toThrow(
      "Rightsizing needs a period of at least 14 days of utilisation.",
    );
    await expect(cost.forecast({ filters: { services: ["Nothing here"] } })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("no cost data to forecast"),
    });
  });
});
