import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "../../auth/users.ts";
import { costAllocation } from "../../finops/analytics/allocation.ts";
import { costBreakdown, costTotal } from "../../finops/analytics/breakdown.ts";
import { budgetCoverage } from "../../finops/analytics/budget-coverage.ts";
import { budgetStatus } from "../../finops/analytics/budgets.ts";
import { comparePeriods } from "../../finops/analytics/compare.ts";
import { countPerValue } from "../../finops/analytics/counts.ts";
import { costVolatility } from "../../finops/analytics/volatility.ts";
import { loadFixture } from "../../finops/analytics/fixtures/focus-records.ts";
import { FEBRUARY, JANUARY, SMALL_BILL } from "../../finops/analytics/fixtures/small-bill.ts";
import { savingsMetrics } from "../../finops/analytics/savings.ts";
import { tagCoverage, tagGapsByValue, topUntagged } from "../../finops/analytics/tag-coverage.ts";
import { costTrend } from "../../finops/analytics/trend.ts";
import { unitCosts, unitCostTrend } from "../../finops/analytics/unit-cost.ts";
import { costPerVcpuHour } from "../../finops/analytics/vcpu-cost.ts";
import { createTestApp, type TestApp } from "../../testing/fixtures.ts";
import { createCallerFactory, createContextInner } from "../trpc.ts";
import { costAnalysisRouter } from "./cost-analysis.ts";

// The lead mounts this router as `cost.*` in root.ts; until then it is called through its own caller factory,
// with the same context the app's callers get.
const createCaller = createCallerFactory(costAnalysisRouter);

let app: TestApp;
let user: SessionUser;
let cost: ReturnType<typeof createCaller>;
beforeAll(async () => {
  app = await createTestApp();
  user = await app.createUser();
  cost = createCaller(createContextInner({ services: app.services, user, authMethod: "session" }));
  await loadFixture(app.db, SMALL_BILL, "small-bill.csv");
  await app.db.sql.query(`INSERT INTO budgets (name, amount, period, start_date, filters) VALUES ('AWS', 40, 'monthly', '2024-01-01', '{"provider":"AWS"}')`);
});
afterAll(() => app.destroy());

/** A BAD_REQUEST whose zod issues carry `message` (the error formatter shows clients the first issue's message). */
async function expectBadRequest(call: Promise<unknown>, message: string) {
  const error = await call.then(
    () => expect.unreachable("the call should have been rejected"),
    (e: { code?: string; cause?: { issues?: { message: string }[] } }) => e,
  );
  expect(error).toMatchObject({ code: "BAD_REQUEST" });
  expect(error.cause?.issues?.map((i) => i.message)).toContain(message);
}

describe("cost analysis router", () => {
  it("requires a signed-in user", async () => {
    const anonymous = createCaller(createContextInner({ services: app.services, user: null, authMethod: null }));
    await expect(anonymous.breakdown({ period: JANUARY })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("breakdown returns the domain result and explains a reversed period", async () => {
    const input = { period: JANUARY, dimension: "Tag" as const, tagKey: "team", limit: 3 };
    expect(await cost.breakdown(input)).toEqual({ ...(await costBreakdown(app.db, input)), currency: "USD" });
    await expectBadRequest(cost.breakdown({ period: { start: "2024-02-01", end: "2024-01-01" } }), "The period must end after it starts.");
    await expectBadRequest(cost.breakdown({ period: JANUARY, dimension: "Tag" }), "Grouping by Tag needs a tagKey.");
  });

  it("unitCosts returns the domain result and explains a bad limit", async () => {
    const input = { period: JANUARY, metric: "BilledCost" as const };
    const result = await cost.unitCosts(input);
    expect(result).toEqual({ ...(await unitCosts(app.db, input)), currency: "USD" });
    expect(result.data.rows.length).toBeGreaterThan(0);
    await expectBadRequest(cost.unitCosts({ period: JANUARY, limit: 0 }), "Show at least one row.");
  });

  it("vcpuCost returns the domain result and explains a bad metric", async () => {
    const input = { period: JANUARY, metric: "BilledCost" as const };
    expect(await cost.vcpuCost(input)).toEqual({ ...(await costPerVcpuHour(app.db, input)), currency: "USD" });
    await expect(cost.vcpuCost({ period: JANUARY, metric: "Cheapest" as never })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("unitCostTrend follows one pair month by month and asks for the service it lacks", async () => {
    const pair = (await unitCosts(app.db, { period: JANUARY })).data.rows.find((r) => r.unitCost !== null)!;
    const input = { period: { start: JANUARY.start, end: FEBRUARY.end }, serviceName: pair.serviceName, pricingUnit: pair.pricingUnit };
    const result = await cost.unitCostTrend(input);
    expect(result).toEqual({ ...(await unitCostTrend(app.db, input)), currency: "USD" });
    expect(result.data.points[0]).toMatchObject({ month: "2024-01-01", unitCost: pair.unitCost });
    await expectBadRequest(cost.unitCostTrend({ ...input, serviceName: "" }), "Name the service whose unit cost to follow.");
  });

  it("trend returns the domain result and rejects an unknown granularity", async () => {
    const input = { period: JANUARY, granularity: "week" as const, dimension: "ServiceName" as const };
    expect(await cost.trend(input)).toEqual({ ...(await costTrend(app.db, input)), currency: "USD" });
    await expect(cost.trend({ period: JANUARY, granularity: "hour" as never })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("compare returns the domain result and asks for a custom baseline", async () => {
    const input = { current: FEBRUARY, mode: "MoM" as const };
    expect(await cost.compare(input)).toEqual({ ...(await comparePeriods(app.db, input)), currency: "USD" });
    await expectBadRequest(cost.compare({ current: FEBRUARY, mode: "custom" }), "A custom comparison needs a baseline period.");
  });

  it("counts returns the domain result and refuses to count the rows' own dimension", async () => {
    const input = { period: JANUARY, dimension: "SubAccountId" as const, countOf: "ResourceId" as const };
    const result = await cost.counts(input);
    expect(result).toEqual({ ...(await countPerValue(app.db, input)), currency: "USD" });
    expect(result.data.total).toBeGreaterThan(0);
    await expectBadRequest(cost.counts({ period: JANUARY, dimension: "ServiceName", countOf: "ServiceName" }), "Count a dimension other than the one the rows are.");
  });

  it("volatility returns the domain result and rejects a period under a week", async () => {
    const input = { period: JANUARY, dimension: "ServiceName" as const, minSharePercent: 0 };
    const result = await cost.volatility(input);
    expect(result).toEqual({ ...(await costVolatility(app.db, input)), currency: "USD" });
    expect(result.data.rows.length).toBeGreaterThan(0);
    await expectBadRequest(cost.volatility({ period: { start: "2024-01-01", end: "2024-01-03" } }), "Day-to-day variation needs a period of at least 7 days.");
  });

  it("budgetCoverage returns the domain result and rejects a grouping budgets are not kept by", async () => {
    const input = { asOf: "2024-01-31", dimension: "ProviderName" } as const;
    const coverage = await cost.budgetCoverage(input);
    expect(coverage).toEqual(await budgetCoverage(app.db, input));
    expect(coverage.data.rows.find((r) => r.key === "AWS")!.own.map((b) => b.name)).toEqual(["AWS"]);
    await expectBadRequest(cost.budgetCoverage({ asOf: "2024-01-31", dimension: "Tag" }), "Coverage by Tag needs a tagKey.");
    await expectBadRequest(cost.budgetCoverage({ asOf: "2024-01-31", currency: "dollars" }), "Currencies are ISO 4217 codes such as USD or EUR.");
  });

  it("budgets returns the domain result, rejects a malformed date and reports a missing budget", async () => {
    expect(await cost.budgets({ asOf: "2024-01-15" })).toEqual(await budgetStatus(app.db, { asOf: "2024-01-15" }));
    await expectBadRequest(cost.budgets({ asOf: "15/01/2024" }), "Dates are written YYYY-MM-DD.");
    await expect(cost.budgets({ asOf: "2024-01-15", budgetId: "00000000-0000-4000-8000-000000000000" })).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: "That budget does not exist.",
    });
  });

  it("tagCoverage returns the domain result and rejects a blank tag key", async () => {
    expect(await cost.tagCoverage({ period: JANUARY })).toEqual({ ...(await tagCoverage(app.db, { period: JANUARY })), currency: "USD" });
    await expectBadRequest(cost.tagCoverage({ period: JANUARY, tagKeys: [" "] }), "Name the tag key.");
  });

  it("allocation returns the domain result and rejects a missing tag key", async () => {
    const input = { period: JANUARY, tagKey: "team", sharedCost: { split: "even" as const, sharedValues: ["shared"] } };
    expect(await cost.allocation(input)).toEqual({ ...(await costAllocation(app.db, input)), currency: "USD" });
    await expectBadRequest(cost.allocation({ period: JANUARY, tagKey: "" }), "Name the tag key costs are allocated by.");
  });

  it("savings returns the domain result and rejects a non-existent date", async () => {
    expect(await cost.savings({ period: JANUARY })).toEqual({ ...(await savingsMetrics(app.db, { period: JANUARY })), currency: "USD" });
    await expectBadRequest(cost.savings({ period: { start: "2024-02-32", end: "2024-03-01" } }), "That date does not exist.");
  });

  it("total returns the domain result and rejects an unknown metric", async () => {
    expect(await cost.total({ period: JANUARY, metric: "BilledCost" })).toEqual({ ...(await costTotal(app.db, { period: JANUARY, metric: "BilledCost" })), currency: "USD" });
    await expect(cost.total({ period: JANUARY, metric: "AmortizedCost" as never })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("topUntagged returns the domain result and rejects a blank tag key", async () => {
    const input = { period: JANUARY, tagKey: "team", by: "SubAccountId" as const };
    expect(await cost.topUntagged(input)).toEqual({ ...(await topUntagged(app.db, input)), currency: "USD" });
    await expectBadRequest(cost.topUntagged({ period: JANUARY, tagKey: "  " }), "Name the tag key.");
  });

  it("tagGapsByValue returns the domain result and rejects a blank owner key", async () => {
    const input = { period: JANUARY, byKey: "team" };
    const result = await cost.tagGapsByValue(input);
    expect(result.data.values.length).toBeGreaterThan(0);
    expect(result).toEqual({ ...(await tagGapsByValue(app.db, input)), currency: "USD" });
    await expectBadRequest(cost.tagGapsByValue({ period: JANUARY, byKey: " " }), "Name the tag key.");
  });
});
