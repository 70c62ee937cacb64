import { THRESHOLD_LIMIT } from "./specialists/answer-limits.ts";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { costBreakdown, costTotal } from "../finops/analytics/breakdown.ts";
import { countPerValue } from "../finops/analytics/counts.ts";
import { costVolatility } from "../finops/analytics/volatility.ts";
import { budgetCoverage } from "../finops/analytics/budget-coverage.ts";
import { budgetHistory, budgetStatus } from "../finops/analytics/budgets.ts";
import { costAllocation } from "../finops/analytics/allocation.ts";
import { comparePeriods } from "../finops/analytics/compare.ts";
import { detectAnomalies } from "../finops/analytics/anomalies.ts";
import { forecastCost } from "../finops/analytics/forecast.ts";
import { rightsizingFindings } from "../finops/analytics/rightsizing.ts";
import { schedulingSavings } from "../finops/analytics/scheduling.ts";
import { commitmentAnalysis, commitmentCoverage, commitmentTrend, purchaseAction } from "../finops/analytics/commitments.ts";
import { accountsNamed, monthLabel } from "./scope.ts";
import { savingsMetrics } from "../finops/analytics/savings.ts";
import { addMonths, DEFAULT_PLACEHOLDER_VALUES, fromUnits, isPlaceholderValue, toUnits } from "../finops/analytics/scope.ts";
import { tagCoverage, tagGapsByValue, topUntagged } from "../finops/analytics/tag-coverage.ts";
import { costTrend } from "../finops/analytics/trend.ts";
import { extractDimensions } from "./classifier/dimensions.ts";
import { sumDecimals } from "../finops/analytics/stats.ts";
import { addDaysIso, costDataRange } from "../finops/data-range.ts";
import { unitCosts, unitCostTrend } from "../finops/analytics/unit-cost.ts";
import { costPerVcpuHour } from "../finops/analytics/vcpu-cost.ts";
import { FOCUS_12, FOCUS_GPU } from "../finops/ingest/fixtures/fixtures.ts";
import { GPU_DEFINITION } from "../finops/gpu.ts";
import { ingestFile } from "../finops/ingest/ingest.ts";
import { deleteSource, listSources } from "../finops/ingest/sources.ts";
import { loadFixture } from "../finops/analytics/fixtures/focus-records.ts";
import { formatMoney, formatNumber, formatPercent, formatSignedPercent, formatUnitPrice, type AnswerPayload } from "./answer.ts";
import { createDemoApp, DEMO_NOW, serveDemoApp, type DemoApp } from "../testing/demo-app.ts";
import { eventually, httpTrpcClient, wsTrpcClient } from "../testing/ws-client.ts";
import type { ThreadEvent } from "../chat/events.ts";

let app: DemoApp;
let server: Awaited<ReturnType<typeof serveDemoApp>>;
let base: string;
let headers: Record<string, string>;
let threadId: string | undefined;

beforeAll(async () => {
  app = await createDemoApp();
  server = await serveDemoApp(app);
  ({ base, headers } = server);
}, 120_000);
afterAll(async () => {
  await server.close();
  await app.destroy();
});

/**
 * The open recommendations matching `where`: how many, and their largest monthly savings with each resource counted
 * once (of the recommendations about one resource, the one saving most), summed here from the rows.
 */
async function openSavings(where: string) {
  const rows = await app.db.sql.query<{ max_usd: string | null; resources: { resourceId?: string }[] }>(
    `SELECT estimated_savings_max_usd::text AS max_usd, affected_resources AS resources FROM optimization_recommendations
      WHERE status IN ('active', 'under_review') AND ${where}`,
  );
  const perResource = new Map<string, number[]>();
  let unshared = 0;
  for (const r of rows) {
    const id = r.resources.length === 1 ? r.resources[0]!.resourceId : undefined;
    if (id) perResource.set(id, [...(perResource.get(id) ?? []), Number(r.max_usd ?? 0)]);
    else unshared += Number(r.max_usd ?? 0);
  }
  const onceEach = unshared + [...perResource.values()].reduce((t, v) => t + Math.max(...v), 0);
  return { n: rows.length, onceEach, shared: [...perResource.values()].filter((v) => v.length > 1).length };
}

/** Asks over the real server: the question over HTTP, the turn's events over WebSocket until it finishes. */
async function ask(text: string) {
  const api = httpTrpcClient(`http://${base}/api/trpc`, headers);
  const sent = await api.message.send.mutate({ threadId, text, clientMessageId: randomUUID() });
  threadId = sent.threadId;
  const conn = wsTrpcClient({ url: `ws://${base}/api/trpc`, headers });
  const events: ThreadEvent[] = [];
  const sub = conn.client.thread.onEvent.subscribe(
    { threadId, lastEventId: sent.eventId },
    { onData: (t) => events.push(t.data as ThreadEvent) },
  );
  await eventually(() => expect(events.some((e) => e.eventType === "turn_finished")).toBe(true), 30_000);
  sub.unsubscribe();
  conn.wsClient.close();
  const response = events.find((e) => e.eventType === "agent_response")!;
  const steps = events.filter((e) => e.eventType === "step_finished").map((e) => String(e.metadata.agent));
  const executions = await app.db.prisma.agentExecution.findMany({ where: { messageId: sent.message.id }, orderBy: { createdAt: "asc" } });
  const intent = await app.db.prisma.queryIntent.findFirst({ where: { messageId: sent.message.id } });
  return {
    answer: { markdown: response.messageText ?? "" },
    payload: response.metadata.payload as AnswerPayload,
    steps,
    executions,
    intent,
  };
}

const october = { start: "2026-10-01", end: "2026-11-01" };
/** The exact sum of breakdown rows, as the database sums them. */
const exactSum = (rows: { amount: string }[]) => fromUnits(rows.reduce((units, r) => units + toUnits(r.amount), 0n));

describe("answers over the real server and WebSocket come from the analytics, with no drift between what is said and what is computed", () => {
  it("cost breakdown: the total and the top service are exactly costBreakdown's", async () => {
    const { payload, answer, executions, intent } = await ask("What did we spend last month by service?");
    const expected = await costBreakdown(app.db, { period: october, dimension: "ServiceName", limit: 10 });
    const section = payload.sections[0]!;
    expect(section.figures.total).toBe(expected.data.total);
    expect(section.figures.topKey).toBe(expected.data.rows[0]!.label);
    expect(section.tables[0]!.rows.map((r) => r.amount)).toEqual(expected.data.rows.map((r) => r.amount));
    expect(section.provenance[0]!.sql).toBe(expected.provenance[0]!.sql);
    expect(answer.markdown.split("\n")[0]).toContain("October 2026");
    // every agent that ran left an execution row
    expect(executions.map((e) => e.agentType).sort()).toEqual(["cost_analysis", "intent_classifier", "query_rewriter", "supervisor"]);
    expect(executions.every((e) => e.status === "success")).toBe(true);
    expect(intent).toMatchObject({ intentType: "service_breakdown", originalQuery: "What did we spend last month by service?" });
    expect(intent!.rewrittenQuery).toContain("2026-10-01");
  });

  it("follow-ups carry the previous turn's scope across three turns", async () => {
    const second = await ask("and for Azure?");
    const expected = await costBreakdown(app.db, { period: october, dimension: "ServiceName", limit: 10, filters: { providers: ["Microsoft"] } });
    expect(second.payload.sections[0]!.figures.total).toBe(expected.data.total);
    // A drill-down: each of Azure's largest services, by region.
    const third = await ask("break that down by region");
    const top = expected.data.rows[0]!;
    const byRegion = await costBreakdown(app.db, { period: october, dimension: "RegionId", limit: 5, filters: { providers: ["Microsoft"], services: [top.key!] } });
    const section = third.payload.sections[0]!;
    expect(section.title).toBe("Spend by service and region");
    expect(section.figures.total).toBe(expected.data.total);
    expect(section.tables[0]!.rows.filter((r) => r.group === top.label).map((r) => [r.part, r.amount])).toEqual(byRegion.data.rows.map((r) => [r.label, r.amount]));
  });

  it("comparison: change and top driver are comparePeriods' for the same periods", async () => {
    const { payload } = await ask("How did October compare to September?");
    const expected = await comparePeriods(app.db, { current: october, mode: "MoM" });
    expect(payload.sections[0]!.figures).toMatchObject({
      current: expected.data.current.total,
      baseline: expected.data.baseline.total,
      change: expected.data.change,
      topDriver: expected.data.drivers[0]!.label,
    });
  });

  it("'compare September and October' compares October with September, not September with August", async () => {
    const { payload } = await ask("Compare September and October by service");
    const september = { start: "2026-09-01", end: "2026-10-01" };
    const expected = await comparePeriods(app.db, { current: october, baseline: september, driverDimension: "ServiceName", limit: 10 });
    const section = payload.sections[0]!;
    expect(section.figures).toMatchObject({
      current: expected.data.current.total,
      baseline: expected.data.baseline.total,
      change: expected.data.change,
      topDriver: expected.data.drivers[0]!.label,
    });
    expect(section.headline).toContain("in October 2026");
    expect(section.headline).toContain("in September 2026");
    // October has a day more than September: the change per day is said too.
    const [perDayNow, perDayBefore] = [Number(expected.data.current.total) / 31, Number(expected.data.baseline.total) / 30];
    expect(section.markdown).toContain(
      `October 2026 has 31 days and September 2026 30: per day, spend went from ${formatMoney(perDayBefore)} to ${formatMoney(perDayNow)} (${formatSignedPercent(((perDayNow - perDayBefore) / perDayBefore) * 100)}).`,
    );
    // Named the other way round, the later month is still the one compared.
    const august = { start: "2026-08-01", end: "2026-09-01" };
    const reversed = await comparePeriods(app.db, { current: september, baseline: august });
    expect((await ask("September vs August")).payload.sections[0]!.figures).toMatchObject({ current: reversed.data.current.total, baseline: reversed.data.baseline.total });
  });

  it("'compared to last year' (or 'last month') with no other period sets this one against it", async () => {
    threadId = undefined;
    // This year against last year, which the demo data (from June 2026) does not hold: said, not compared with nothing.
    const year = await ask("How much did costs increase compared to last year?");
    expect(year.answer.markdown.split("\n")[0]).toMatch(/^\*\*\$[\d,.]+\*\* this year, 2026 \(2026-01-01 to 2026-12-31\); there is nothing to compare it with/);
    // "This month" (November, DEMO_NOW 2026-11-01) has no data yet: October against September.
    threadId = undefined;
    const month = (await ask("How does our spend compare to last month?")).payload.sections[0]!;
    const [now, before] = await Promise.all([october, { start: "2026-09-01", end: "2026-10-01" }].map((period) => costTotal(app.db, { period })));
    expect(month.figures).toMatchObject({ current: now!.data.total, baseline: before!.data.total });
  });

  it("'how much did our GCP bill go up in October?' is October's change against September, not October's breakdown", async () => {
    threadId = undefined;
    const section = (await ask("How much did our GCP bill go up in October?")).payload.sections[0]!;
    const filters = { providers: ["Google Cloud"] };
    const [now, before] = await Promise.all([october, { start: "2026-09-01", end: "2026-10-01" }].map((period) => costTotal(app.db, { period, filters })));
    expect(section.figures).toMatchObject({ current: now!.data.total, baseline: before!.data.total });
  });

  it("'what's the trend of our credits?' reads the credits' size: more credits is a rise, shown as positive amounts", async () => {
    threadId = undefined;
    const { payload, answer } = await ask("What's the trend of our credits?");
    const section = payload.sections[0]!;
    const months = section.tables[0]!.rows.map((r) => Number(r.amount));
    expect(months.every((v) => v < 0)).toBe(true);
    const [first, last] = [-months[0]!, -months.at(-1)!];
    const steps = months.slice(1).map((v, i) => -v - -months[i]!);
    const rises = steps.filter((d) => d > 0).length;
    expect(section.figures).toMatchObject({ of: "credits", rises, falls: steps.filter((d) => d < 0).length });
    expect(answer.markdown.split("\n")[0]).toContain(`credits ${rises === steps.length ? "rose in all" : ""}`.trim());
    expect(answer.markdown.split("\n")[0]).toContain(`from ${formatMoney(first)} in `);
    expect(answer.markdown.split("\n")[0]).toContain(` to ${formatMoney(last)} in `);
  });

  it("'what was our largest single line item in October?' ranks single charges, the largest first, from the line items", async () => {
    threadId = undefined;
    const { payload, answer } = await ask("What was our largest single line item in October?");
    const [largest] = await app.db.sql.query<{ amount: string; day: string; n: string | number }>(
      `SELECT effective_cost::text AS amount, charge_date::text AS day, count(*) OVER () AS n FROM cost_line_items
        WHERE charge_date >= '2026-10-01' AND charge_date < '2026-11-01' ORDER BY effective_cost DESC LIMIT 1`,
    );
    const section = payload.sections[0]!;
    expect(section.figures).toMatchObject({ lineItems: Number(largest!.n), topDay: largest!.day.slice(0, 10) });
    expect(Number(section.figures.top)).toBe(Number(largest!.amount));
    expect(answer.markdown.split("\n")[0].startsWith(`**${formatMoney(largest!.amount)}**, the largest single line item in October 2026`)).toBe(true);
    const amounts = section.tables[0]!.rows.map((r) => Number(r.amount));
    expect(amounts).toEqual([...amounts].sort((a, b) => b - a));
    expect(amounts).toHaveLength(10);
  });

  it("'compare that to last quarter' after a month's AI spend sets it against the same month a quarter earlier", async () => {
    threadId = undefined;
    await ask("How much are we spending on AI services?");
    const { payload, answer } = await ask("Compare that to last quarter");
    const filters = { serviceCategories: ["AI and Machine Learning"] };
    const now = await costTotal(app.db, { period: october, filters });
    const july = await costTotal(app.db, { period: { start: "2026-07-01", end: "2026-08-01" }, filters });
    expect(payload.sections[0]!.figures).toMatchObject({ current: now.data.total, baseline: july.data.total });
    expect(answer.markdown.split("\n")[0]).toContain("in July 2026");
  });

  it("'compute vs storage vs databases last month' sets the three categories side by side, each with its own change", async () => {
    threadId = undefined;
    const { payload, answer } = await ask("How much did we spend on compute vs storage vs databases last month?");
    const section = payload.sections[0]!;
    for (const category of ["Compute", "Storage", "Databases"]) {
      const expected = await costTotal(app.db, { period: october, filters: { serviceCategories: [category] } });
      expect(section.figures[`current:${category}`]).toBe(expected.data.total);
    }
    expect(section.tables[0]!.rows.map((r) => r.label).sort()).toEqual(["Compute", "Databases", "Storage"]);
    expect(answer.markdown.split("\n")[0]).toMatch(/^\*\*(Compute|Storage|Databases)\*\* \$[\d,.]+ vs \*\*(Compute|Storage|Databases)\*\* \$[\d,.]+ vs /);
  });

  it("'are we spending more on storage than compute?' answers yes or no, the one that costs more leading", async () => {
    const [storage, compute] = await Promise.all(
      ["Storage", "Compute"].map(async (category) => (await costTotal(app.db, { period: october, filters: { serviceCategories: [category] } })).data.total),
    );
    const storageMore = Number(storage) > Number(compute);
    const [more, less] = storageMore ? [["Storage", storage!], ["Compute", compute!]] : [["Compute", compute!], ["Storage", storage!]];
    const ratio = formatNumber(Number(more[1]) / Number(less[1]));
    threadId = undefined;
    const yes = (await ask("Are we spending more on storage than compute in October?")).payload.sections[0]!;
    expect(yes.figures.costsMore).toBe(more[0]);
    expect(yes.headline).toMatch(
      new RegExp(`^${storageMore ? "Yes" : "No"}: \\*\\*${more[0]}\\*\\* cost more in October 2026 \\(2026-10-01 to 2026-10-31\\): ${formatMoney(more[1]).replace("$", "\\$")} against ${formatMoney(less[1]).replace("$", "\\$")} for ${less[0]} \\(${ratio}× as much\\)\\. `),
    );
    threadId = undefined;
    const cheaper = (await ask("Is compute cheaper than storage in October?")).payload.sections[0]!;
    expect(cheaper.headline.startsWith(`${storageMore ? "Yes" : "No"}: **${less[0]}** cost less in October 2026`)).toBe(true);
    // A provider named by another of its names: "Azure" is Microsoft.
    const [aws, azure] = await Promise.all(["AWS", "Microsoft"].map(async (p) => (await costTotal(app.db, { period: october, filters: { providers: [p] } })).data.total));
    threadId = undefined;
    const providers = (await ask("Is Azure more expensive than AWS in October?")).payload.sections[0]!;
    expect(providers.headline.startsWith(`${Number(azure) > Number(aws) ? "Yes" : "No"}: **${Number(azure) > Number(aws) ? "Microsoft" : "AWS"}** cost more`)).toBe(true);
    expect(providers.headline).toContain(". Against September 2026: ");
  });

  it("'how much of our cloud spend is shared?' is the pool a showback by team would split, not the bill by service", async () => {
    const sharedValues = ["shared", "common", "shared-services"];
    threadId = undefined;
    const { payload, answer } = await ask("How much of our cloud spend was shared in October?");
    const team = await costAllocation(app.db, { period: october, tagKey: "team", sharedCost: { split: "none", sharedValues } });
    const section = payload.sections[0]!;
    expect(section.figures.pool).toBe(team.data.pool);
    expect(section.figures.total).toBe(team.data.total);
    expect(answer.markdown.split("\n")[0]).toBe(
      `**${formatMoney(team.data.pool, "USD")}** (${formatPercent((Number(team.data.pool) / Number(team.data.total)) * 100)}) of the ${formatMoney(team.data.total, "USD")} ` +
        `in October 2026 (2026-10-01 to 2026-10-31) is shared cost by "team": the cost with no "team" owner.`,
    );
    // By env, where "shared" is a value: the pool holds it and what has no env.
    threadId = undefined;
    const byEnv = await ask("What are our shared costs by env in October?");
    const env = await costAllocation(app.db, { period: october, tagKey: "env", sharedCost: { split: "none", sharedValues } });
    const tagged = env.data.rows.find((r) => r.value === "shared")!;
    expect(tagged.isShared).toBe(true);
    expect(byEnv.payload.sections[0]!.figures.pool).toBe(env.data.pool);
    expect(byEnv.answer.markdown.split("\n")[0]).toContain(
      `is shared cost by "env": the cost with no "env" owner and the cost tagged "shared" (of it **${formatMoney(env.data.unallocated.amount, "USD")}** has no owner).`,
    );
    expect(byEnv.payload.sections[0]!.tables[0]!.rows.map((r) => r.value)).toContain("shared (shared)");
    // "The split between shared and dedicated resources": the same pool against the rest, not a question back, and
    // nothing split.
    threadId = undefined;
    const split = (await ask("Show the cost split between shared and dedicated resources in October")).payload.sections[0]!;
    expect(split.figures).toMatchObject({ pool: team.data.pool, total: team.data.total, split: "none" });
  });

  it("'what's our spend in eu-west-1 vs us-east-1?' sets the two regions side by side, each with its own change", async () => {
    threadId = undefined;
    const { payload, answer } = await ask("What's our spend in eu-west-1 vs us-east-1 in October?");
    const section = payload.sections[0]!;
    const september = { start: "2026-09-01", end: "2026-10-01" };
    for (const region of ["eu-west-1", "us-east-1"]) {
      const now = await costTotal(app.db, { period: october, filters: { regions: [region] } });
      const before = await costTotal(app.db, { period: september, filters: { regions: [region] } });
      expect(section.figures[`current:${region}`]).toBe(now.data.total);
      expect(section.figures[`baseline:${region}`]).toBe(before.data.total);
    }
    expect(section.tables[0]!.rows.map((r) => r.label).sort()).toEqual(["eu-west-1", "us-east-1"]);
    expect(answer.markdown.split("\n")[0]).toMatch(/^\*\*(eu-west-1|us-east-1)\*\* \$[\d,.]+ vs \*\*(eu-west-1|us-east-1)\*\* \$[\d,.]+ in October 2026/);
  });

  it("'which is more expensive, EC2 or Lambda?' sets the two side by side, the costlier first, not a question back", async () => {
    threadId = undefined;
    const { payload, answer } = await ask("Which was more expensive in October, EC2 or Lambda?");
    const section = payload.sections[0]!;
    const ec2 = await costTotal(app.db, { period: october, filters: { services: ["Amazon Elastic Compute Cloud"] } });
    const lambda = await costTotal(app.db, { period: october, filters: { services: ["AWS Lambda"] } });
    expect(section.figures["current:Amazon Elastic Compute Cloud"]).toBe(ec2.data.total);
    expect(section.figures["current:AWS Lambda"]).toBe(lambda.data.total);
    const costlier = Number(ec2.data.total) >= Number(lambda.data.total) ? "Amazon Elastic Compute Cloud" : "AWS Lambda";
    expect(answer.markdown.split("\n")[0]).toMatch(new RegExp(`^\\*\\*${costlier}\\*\\* \\$[\\d,.]+ vs `));
  });

  it("'what percentage of our AWS bill is EC2 vs S3?' gives each one's share of AWS beside the two side by side", async () => {
    threadId = undefined;
    const { payload, answer } = await ask("What percentage of our AWS bill was EC2 vs S3 in October?");
    const section = payload.sections[0]!;
    const aws = await costTotal(app.db, { period: october, filters: { providers: ["AWS"] } });
    const ec2 = await costTotal(app.db, { period: october, filters: { services: ["Amazon Elastic Compute Cloud"] } });
    const s3 = await costTotal(app.db, { period: october, filters: { services: ["Amazon Simple Storage Service"] } });
    expect(section.figures.wholeTotal).toBe(aws.data.total);
    expect(section.figures["share:Amazon Elastic Compute Cloud"]).toBeCloseTo((Number(ec2.data.total) / Number(aws.data.total)) * 100, 8);
    expect(section.figures["share:Amazon Simple Storage Service"]).toBeCloseTo((Number(s3.data.total) / Number(aws.data.total)) * 100, 8);
    expect(section.tables[0]!.columns.map((c) => c.label)).toContain("Share of AWS");
    expect(answer.markdown.split("\n")[0]).toMatch(new RegExp(`^\\*\\*Amazon (Simple Storage Service|Elastic Compute Cloud)\\*\\* is [\\d.]+% and \\*\\*Amazon (Simple Storage Service|Elastic Compute Cloud)\\*\\* is [\\d.]+% of the \\$[\\d,.]+ for AWS in October 2026`));
  });

  it("'which was cheaper, S3 or Cloud Storage?' sets the two services side by side, the cheaper first, and says spend is not price", async () => {
    threadId = undefined;
    const { payload, answer } = await ask("Which was cheaper in October, S3 or Cloud Storage?");
    const section = payload.sections[0]!;
    const s3 = await costTotal(app.db, { period: october, filters: { services: ["Amazon Simple Storage Service"] } });
    const gcs = await costTotal(app.db, { period: october, filters: { services: ["Cloud Storage"] } });
    expect(section.figures["current:Amazon Simple Storage Service"]).toBe(s3.data.total);
    expect(section.figures["current:Cloud Storage"]).toBe(gcs.data.total);
    const cheaper = Number(s3.data.total) <= Number(gcs.data.total) ? "Amazon Simple Storage Service" : "Cloud Storage";
    expect(answer.markdown.split("\n")[0]).toMatch(new RegExp(`^\\*\\*${cheaper}\\*\\* \\$[\\d,.]+ vs `));
    expect(answer.markdown).toContain("they do not compare prices");
    expect(payload.intent).toBe("spend_comparison");
    expect(payload.sections.some((s) => s.title.toLowerCase().includes("recommend"))).toBe(false);
  });

  it("'what changed in our bill this week?' compares the week's days with the same days of the week before, by service", async () => {
    threadId = undefined;
    const { payload, answer } = await ask("What changed in our bill this week?");
    // This week (2026-10-26 to 2026-11-01) holds data to 2026-10-31: six days, against 2026-10-19 to 2026-10-24.
    const current = { start: "2026-10-26", end: "2026-11-01" };
    const baseline = { start: "2026-10-19", end: "2026-10-25" };
    const expected = await comparePeriods(app.db, { current, mode: "custom", baseline, driverDimension: "ServiceName", limit: 5 });
    const section = payload.sections[0]!;
    expect(section.title).toBe("Week to date vs the same days of the previous week");
    expect(section.figures).toMatchObject({ current: expected.data.current.total, baseline: expected.data.baseline.total, change: expected.data.change });
    expect(answer.markdown.split("\n")[0]).toContain("(the same days of the previous week).");

    // A week holding a month's first day, against one that does not: like for like without its monthly charges.
    threadId = undefined;
    const first = await ask("What changed in the week of September 30?");
    const week = { start: "2026-09-28", end: "2026-10-05" };
    const before = { start: "2026-09-21", end: "2026-09-28" };
    const monthly = await costBreakdown(app.db, { period: { start: "2026-10-01", end: "2026-10-02" }, dimension: "ChargeCategory", limit: 20 });
    const billed = monthly.data.rows.filter((r) => r.key === "Tax" || r.key === "Purchase");
    expect(billed.length).toBeGreaterThan(0);
    const likeForLike = await comparePeriods(app.db, {
      current: week, mode: "custom", baseline: before, driverDimension: "ServiceName", limit: 5,
      filters: { chargeCategories: ["Usage", "Credit", "Adjustment", ...["Tax", "Purchase"].filter((c) => !billed.some((r) => r.key === c))] },
    });
    const figures = first.payload.sections[0]!.figures;
    expect(figures).toMatchObject({ likeForLikeCurrent: likeForLike.data.current.total, likeForLikeBaseline: likeForLike.data.baseline.total });
    expect(figures.notYetBilled).toBe(sumDecimals(billed.map((r) => r.amount)));
    expect(first.answer.markdown.split("\n")[0]).toContain("billed on 2026-10-01, a month's first day, which these days hold and the same days of the week before do not");
  });

  it("'AWS vs Azure last month' sets the two side by side, each with its own change, not their sum against last month", async () => {
    threadId = undefined;
    const { payload, answer } = await ask("AWS vs Azure last month");
    const section = payload.sections[0]!;
    const aws = await costBreakdown(app.db, { period: october, dimension: "ProviderName", filters: { providers: ["AWS"] } });
    const azure = await costBreakdown(app.db, { period: october, dimension: "ProviderName", filters: { providers: ["Microsoft"] } });
    expect(section.figures["current:AWS"]).toBe(aws.data.total);
    expect(section.figures["current:Microsoft"]).toBe(azure.data.total);
    expect(section.tables[0]!.rows.map((r) => r.label).sort()).toEqual(["AWS", "Microsoft"]);
    expect(answer.markdown.split("\n")[0]).toMatch(/^\*\*(AWS|Microsoft)\*\* \$[\d,.]+ vs \*\*(AWS|Microsoft)\*\* \$[\d,.]+ last month/);
    expect(answer.markdown.split("\n")[0]).toContain(" against ");

    // This year against a year before that the data mostly does not hold: side by side only, no change from a few weeks.
    threadId = undefined;
    const year = await ask("Compare AWS and Azure spend this year");
    const range = (await costDataRange(app.db))!;
    expect(range.start > "2025-06-01").toBe(true); // 2025 is mostly not in the data
    const awsYear = await costBreakdown(app.db, { period: { start: "2026-01-01", end: "2027-01-01" }, dimension: "ProviderName", filters: { providers: ["AWS"] } });
    const side = year.payload.sections[0]!;
    expect(side.figures["current:AWS"]).toBe(awsYear.data.total);
    expect(side.figures["changePercent:AWS"]).toBeNull();
    expect(side.tables[0]!.columns.map((c) => c.key)).toEqual(["label", "current", "share"]);
    expect(year.answer.markdown.split("\n")[0]).not.toContain(" against ");
    expect(year.answer.markdown).toContain(`is mostly before the cost data starts (${range.start}).`);
  });

  it("'prod vs staging last month' sets the two accounts side by side, each over the sub-accounts of that name", async () => {
    threadId = undefined;
    const { payload, answer } = await ask("prod vs staging last month");
    const section = payload.sections[0]!;
    for (const nickname of ["prod", "staging"]) {
      const accounts = await app.db.sql.query<{ id: string }>(
        `SELECT DISTINCT sub_account_id AS id FROM cost_line_items WHERE sub_account_name ILIKE $1`,
        [`%${nickname}%`],
      );
      expect(accounts.length).toBeGreaterThan(1); // one per cloud: no single column holds "prod"
      const expected = await costBreakdown(app.db, { period: october, dimension: "SubAccountId", filters: { subAccountIds: accounts.map((a) => a.id) } });
      expect(section.figures[`current:${nickname}`]).toBe(expected.data.total);
      expect(section.tables[0]!.rows.map((r) => r.label)).toContain(`${nickname} (${accounts.length} sub-accounts)`);
    }
    expect(section.tables[0]!.rows).toHaveLength(2);
    expect(answer.markdown.split("\n")[0]).toMatch(/^\*\*(prod|staging)\*\* \$[\d,.]+ vs \*\*(prod|staging)\*\* \$[\d,.]+ last month/);
    expect(answer.markdown).toContain("against September 2026");
  });

  it("'are we overspending on AI?' gives its share of all costs, how it moved and the open recommendations about it; a budget's overrun stays the budgets'", async () => {
    threadId = undefined;
    const { payload } = await ask("Are we overspending on AI in October?");
    const [share, change, recommendations] = payload.sections;
    expect(payload.sections.map((s) => s.agent)).toEqual(["cost_analysis", "cost_analysis", "recommendation"]);
    const filters = { serviceCategories: ["AI and Machine Learning"] };
    const [part, all] = [await costTotal(app.db, { period: october, filters }), await costTotal(app.db, { period: october })];
    expect(share!.figures.share).toBeCloseTo((Number(part.data.total) / Number(all.data.total)) * 100, 6);
    const moved = await comparePeriods(app.db, { current: october, mode: "MoM", filters });
    expect(change!.figures.change).toBe(moved.data.change);
    expect(recommendations!.headline).toContain("AI and machine learning");
    // Over a budget is the budgets' question.
    threadId = undefined;
    expect((await ask("Are we overspending our AI budget?")).payload.sections).toHaveLength(1);
  });

  it("'our top 3 services in each of the last 3 months' ranks each month on its own, with which led how often", async () => {
    threadId = undefined;
    const section = (await ask("What were our top 3 services in each of the last 3 months?")).payload.sections[0]!;
    const months = ["2026-08-01", "2026-09-01", "2026-10-01"];
    const tops = await Promise.all(
      months.map(async (start) => (await costBreakdown(app.db, { period: { start, end: addMonths(start, 1) }, dimension: "ServiceName", limit: 4 })).data.rows.filter((r) => !r.isOthers && r.key !== null).slice(0, 3)),
    );
    const table = section.tables[0]!;
    expect(table.title).toBe("Top 3 services each month");
    expect(table.rows.map((r) => r.month)).toEqual(["Aug 2026", "Sep 2026", "Oct 2026"]);
    tops.forEach((top, i) => {
      expect([table.rows[i]!.rank1, table.rows[i]!.rank2, table.rows[i]!.rank3]).toEqual(top.map((r) => `${r.label} ${formatMoney(r.amount)} (${formatPercent(r.share! * 100)})`));
    });
    const leads = tops.map((t) => t[0]!.label);
    const leader = [...new Set(leads)].sort((a, b) => leads.filter((l) => l === b).length - leads.filter((l) => l === a).length)[0]!;
    expect(section.figures).toMatchObject({ monthsRanked: 3, leader, leaderMonths: leads.filter((l) => l === leader).length });
    const same = tops.every((t) => t.map((r) => r.label).sort().join() === tops[0]!.map((r) => r.label).sort().join());
    expect(section.figures.sameTopEachMonth).toBe(same ? "yes" : "no");
    expect(section.headline).toMatch(new RegExp(`^\\*\\*${leader} led `));
    // Teams lead as "The ml team".
    threadId = undefined;
    const teams = (await ask("Top 3 teams each month between August and October")).payload.sections[0]!;
    expect(teams.headline).toMatch(new RegExp(`^\\*\\*The ${teams.figures.leader} team led `));
    // The period's ranking without "each month" is unchanged.
    threadId = undefined;
    expect((await ask("What were our top 3 services over the last 3 months?")).payload.sections[0]!.figures.monthsRanked).toBeUndefined();
  });

  it("'which services are growing faster than the overall bill?' keeps the ones whose rise passes the whole bill's own change", async () => {
    threadId = undefined;
    const section = (await ask("Which of our services grew faster than the overall bill in October?")).payload.sections[0]!;
    const c = (await comparePeriods(app.db, { current: october, mode: "MoM", driverDimension: "ServiceName", limit: THRESHOLD_LIMIT })).data;
    const faster = c.drivers.filter((d) => !d.isOthers && Number(d.delta) > 0 && (d.deltaPercent === null ? Number(d.baseline) === 0 : d.deltaPercent > c.changePercent!));
    const slower = c.drivers.filter((d) => !d.isOthers && Number(d.delta) > 0 && d.deltaPercent !== null && d.deltaPercent <= c.changePercent!);
    expect(faster.length).toBeGreaterThan(0);
    expect(slower.length).toBeGreaterThan(0); // some rose, but not as fast as the bill
    expect(section.figures.passing).toBe(faster.length);
    expect(section.headline).toMatch(
      new RegExp(`^\\*\\*${faster.length} services?\\*\\* grew faster than the whole bill \\(${formatSignedPercent(c.changePercent).replace(/[+.]/g, "\\$&")}\\)`),
    );
    expect(section.tables[0]!.rows.map((r) => r.label).sort()).toEqual(faster.map((d) => d.label).sort());
  });

  it("'how much did our top 5 resources cost?' leads with what the five come to together", async () => {
    threadId = undefined;
    const section = (await ask("How much did our top 5 resources cost in October?")).payload.sections[0]!;
    const all = (await costBreakdown(app.db, { period: october, dimension: "ResourceId", limit: 10 })).data;
    const five = all.rows.filter((r) => !r.isOthers && r.key !== null).slice(0, 5);
    const together = fromUnits(five.reduce((sum, r) => sum + toUnits(r.amount), 0n));
    expect(section.figures).toMatchObject({ topTogether: together, topCounted: 5 });
    expect(section.headline).toMatch(new RegExp(`^\\*\\*${formatMoney(together).replace(/[$.]/g, "\\$&")} for the top 5 resources\\*\\* in October 2026`));
    expect(section.headline).toContain(`${formatPercent((Number(together) / all.totalValue) * 100)} of the ${formatMoney(all.total)}`);
    // The ranking alone still leads with its first.
    threadId = undefined;
    expect((await ask("What were our top 5 resources in October?")).payload.sections[0]!.figures.topTogether).toBeUndefined();
  });

  it("'which service drove the difference?' after a month and 'the month before?' sets the later against the earlier, by service", async () => {
    threadId = undefined;
    await ask("What did we spend on AWS in October?");
    const before = (await ask("and the month before?")).payload.sections[0]!;
    const september = { start: "2026-09-01", end: "2026-10-01" };
    expect(before.figures.total).toBe((await costTotal(app.db, { period: september, filters: { providers: ["AWS"] } })).data.total);
    const { payload, answer } = await ask("which service drove the difference?");
    const section = payload.sections[0]!;
    const expected = (await comparePeriods(app.db, { current: october, baseline: september, filters: { providers: ["AWS"] }, driverDimension: "ServiceName" })).data;
    expect(section.figures).toMatchObject({ current: expected.current.total, baseline: expected.baseline.total, change: expected.change, topDriver: expected.drivers[0]!.label });
    expect(answer.markdown.split("\n")[0]).toContain("in October 2026");
    // A new question naming its own two sides is no follow-up.
    threadId = undefined;
    await ask("What did we spend on AWS in October?");
    expect((await ask("What's the difference between billed and effective cost?")).payload.sections[0]!.figures.baseline).toBeUndefined();
  });

  it("'what does staging cost?' and 'what do dev and staging cost together?' are those accounts' spend, each account's part beside the total", async () => {
    const idsOf = async (nickname: string) =>
      (await app.db.sql.query<{ id: string }>(`SELECT DISTINCT sub_account_id AS id FROM cost_line_items WHERE sub_account_name ILIKE $1`, [`%${nickname}%`])).map((a) => a.id);
    threadId = undefined;
    const staging = (await ask("What does staging cost?")).payload.sections[0]!;
    expect(staging.agent).toBe("cost_analysis");
    const stagingTotal = await costTotal(app.db, { period: october, filters: { subAccountIds: await idsOf("staging") } });
    expect(staging.figures.total).toBe(stagingTotal.data.total);
    threadId = undefined;
    const both = (await ask("How much do dev and staging cost together?")).payload.sections[0]!;
    const bothTotal = await costTotal(app.db, { period: october, filters: { subAccountIds: [...(await idsOf("dev")), ...(await idsOf("staging"))] } });
    expect(both.figures.total).toBe(bothTotal.data.total);
    expect(Number(bothTotal.data.total)).toBeGreaterThan(Number(stagingTotal.data.total));
    // Each account's part: its own total, a row of the accounts table, and named in the headline.
    const devTotal = await costTotal(app.db, { period: october, filters: { subAccountIds: await idsOf("dev") } });
    expect(both.figures["account:staging"]).toBe(stagingTotal.data.total);
    expect(both.figures["account:dev"]).toBe(devTotal.data.total);
    const accounts = both.tables[0]!;
    expect(accounts.columns[0]!.label).toBe("Account");
    expect(accounts.rows.map((r) => [r.label, r.amount])).toEqual(
      [
        [`dev (${(await idsOf("dev")).length} sub-accounts)`, devTotal.data.total],
        [`staging (${(await idsOf("staging")).length} sub-accounts)`, stagingTotal.data.total],
      ].sort((a, b) => Number(b[1]) - Number(a[1])),
    );
    expect(both.headline).toContain(`**staging** ${formatMoney(stagingTotal.data.total)}`);
    expect(both.headline).toContain(`**dev** ${formatMoney(devTotal.data.total)}`);
    // No sub-account is both dev and staging: the parts add up to the total.
    expect(both.markdown).not.toContain("add up to more than the total");
    // One account named is its total alone.
    expect(staging.tables[0]!.columns[0]!.label).not.toBe("Account");
  });

  it("'staging compared to production' and 'Bedrock vs Azure OpenAI' set the two side by side, not their sum", async () => {
    threadId = undefined;
    const accounts = await ask("What's the cost of our staging environment compared to production last month?");
    const section = accounts.payload.sections[0]!;
    expect(section.tables[0]!.rows).toHaveLength(2);
    expect(Object.keys(section.figures).filter((k) => k.startsWith("current:")).sort()).toEqual(["current:prod", "current:staging"]);
    expect(accounts.answer.markdown.split("\n")[0]).toMatch(/^\*\*(staging|prod)\*\* \$[\d,.]+ vs \*\*(staging|prod)\*\* \$[\d,.]+ last month/);
    threadId = undefined;
    const services = await ask("How much did we spend on Azure OpenAI vs Bedrock last month?");
    for (const service of ["Azure OpenAI", "Amazon Bedrock"]) {
      const expected = await costTotal(app.db, { period: october, filters: { services: [service] } });
      expect(services.payload.sections[0]!.figures[`current:${service}`]).toBe(expected.data.total);
    }
  });

  it("'how much did we pay in taxes last month?' totals the Tax charges, not the whole bill; credits likewise", async () => {
    threadId = undefined;
    const all = await costBreakdown(app.db, { period: october, dimension: "ServiceName" });
    const taxes = await ask("How much did we pay in taxes last month?");
    const tax = await costBreakdown(app.db, { period: october, dimension: "ServiceName", filters: { chargeCategories: ["Tax"] } });
    expect(Number(tax.data.total)).toBeGreaterThan(0);
    expect(Number(tax.data.total)).toBeLessThan(Number(all.data.total) / 5);
    expect(taxes.payload.sections[0]!.figures.total).toBe(tax.data.total);
    expect(taxes.answer.markdown.split("\n")[0]).toContain("for taxes");
    threadId = undefined;
    const credits = await ask("How much credit did we get in October?");
    const credit = await costBreakdown(app.db, { period: october, dimension: "ServiceName", filters: { chargeCategories: ["Credit"] } });
    expect(Number(credit.data.total)).toBeLessThan(0);
    expect(credits.payload.sections[0]!.figures.total).toBe(credit.data.total);
    // Credits are negative cost: the answer gives their size.
    expect(credits.answer.markdown.split("\n")[0]).toMatch(
      new RegExp(`^\\*\\*${formatMoney(credit.data.total.replace(/^-/, "")).replace("$", "\\$")} in credits\\*\\* in October 2026 .*: they lowered the effective \\(amortized\\) cost by that much\\.$`),
    );
    // Both named: each is a row and the headline gives each, credits by their size, then the net.
    threadId = undefined;
    const both = (await ask("How much did we spend on taxes and credits in October?")).payload.sections[0]!;
    expect(both.tables[0]!.rows.map((r) => [r.label, r.amount])).toEqual([
      ["Tax", tax.data.total],
      ["Credit", credit.data.total],
    ]);
    expect(both.headline).toBe(
      `**${formatMoney(tax.data.total)}** in taxes and **${formatMoney(credit.data.total.replace(/^-/, ""))}** in credits in October 2026 (2026-10-01 to 2026-10-31): ` +
        `${formatMoney(sumDecimals([tax.data.total, credit.data.total]))} effective (amortized) cost net.`,
    );
  });

  it("'did we get any credits or refunds?' totals the credits (FOCUS bills refunds as credits), not a question back", async () => {
    threadId = undefined;
    const { payload, answer } = await ask("Did we get any credits or refunds in October?");
    const credit = await costTotal(app.db, { period: october, filters: { chargeCategories: ["Credit"] } });
    expect(Number(credit.data.total)).toBeLessThan(0);
    expect(payload.intent).toBe("cost_analysis");
    expect(payload.sections[0]!.figures.total).toBe(credit.data.total);
    expect(answer.markdown.split("\n")[0]).toContain(`${formatMoney(credit.data.total.replace(/^-/, ""))} in credits`);
  });

  it("'our spend excluding credits and tax' leaves those charges out and says so; 'other than' an account or a service likewise", async () => {
    threadId = undefined;
    const all = await costBreakdown(app.db, { period: october, dimension: "ChargeCategory" });
    const of = (category: string) => all.data.rows.find((r) => r.key === category)?.amount ?? "0";
    expect(Number(of("Credit"))).toBeLessThan(0);
    expect(Number(of("Tax"))).toBeGreaterThan(0);
    const charges = (await ask("What was our spend in October excluding credits and tax?")).payload.sections[0]!;
    // The whole bill less its credits and its tax, to the cent.
    const expected = fromUnits(toUnits(all.data.total) - toUnits(of("Credit")) - toUnits(of("Tax")));
    expect(charges.figures.total).toBe(expected);
    expect(charges.headline).toContain("in October 2026 (2026-10-01 to 2026-10-31) excluding taxes and credits.");

    // A service left out of a ranking: not a row, and not in the total.
    threadId = undefined;
    const ec2 = "Amazon Elastic Compute Cloud";
    const services = (await ask("Which services cost the most in October other than EC2?")).payload.sections[0]!;
    const withoutEc2 = await costBreakdown(app.db, { period: october, dimension: "ServiceName", filters: { exclude: { services: [ec2] } } });
    expect(services.tables[0]!.rows.map((r) => r.label)).not.toContain(ec2);
    expect(services.figures.total).toBe(withoutEc2.data.total);
    expect(services.tables[0]!.rows[0]!.label).toBe(withoutEc2.data.rows[0]!.label);
    expect(services.headline).toContain(`excluding ${ec2}`);

    // An account nickname left out: every sub-account it names (the nickname is "staging": several hold it).
    threadId = undefined;
    const staging = await accountsNamed(app.db, ["staging"]);
    const count = staging[0]!.subAccountIds.length;
    expect(count).toBeGreaterThanOrEqual(2);
    const rest = (await ask("How much did we spend in October, not counting acme-staging?")).payload.sections[0]!;
    const expectedRest = await costTotal(app.db, { period: october, filters: { exclude: { subAccountIds: staging[0]!.subAccountIds } } });
    const stagingCost = await costTotal(app.db, { period: october, filters: { subAccountIds: staging[0]!.subAccountIds } });
    expect(rest.figures.total).toBe(expectedRest.data.total);
    expect(toUnits(expectedRest.data.total) + toUnits(stagingCost.data.total)).toBe(toUnits(all.data.total));
    expect(rest.headline).toContain(`excluding staging (${count} sub-accounts)`);

    // A team left out, by the value the data spells ("data" is data-platform): its cost goes, untagged cost stays.
    threadId = undefined;
    const noData = await ask("What did we spend in October excluding the data team?");
    const dataTeam = await costTotal(app.db, { period: october, filters: { tags: [{ key: "team", values: ["data-platform"] }] } });
    expect(Number(dataTeam.data.total)).toBeGreaterThan(0);
    expect(noData.payload.sections[0]!.figures.total).toBe(fromUnits(toUnits(all.data.total) - toUnits(dataTeam.data.total)));
    expect(noData.answer.markdown.split("\n")[0]).toContain("excluding team=data-platform");
    expect(noData.answer.markdown).toContain("so this uses team=data-platform");

    // Data transfer (read from SKUs) and a part of the world (its stored regions) left out.
    threadId = undefined;
    const noTransfer = (await ask("What was our spend in October excluding data transfer?")).payload.sections[0]!;
    const transfer = await costTotal(app.db, { period: october, filters: { dataTransfer: "all" } });
    expect(Number(transfer.data.total)).toBeGreaterThan(0);
    expect(noTransfer.figures.total).toBe(fromUnits(toUnits(all.data.total) - toUnits(transfer.data.total)));
    expect(noTransfer.headline).toContain("excluding data transfer");
    threadId = undefined;
    const notEurope = await ask("What did we spend in October everywhere except Europe?");
    const europe = (await app.db.sql.query<{ r: string }>("SELECT DISTINCT region_id AS r FROM cost_daily_rollup WHERE region_id ~ '^(eu-|europe-|westeurope|northeurope|uksouth)'")).map((x) => x.r);
    expect(europe.length).toBeGreaterThan(0);
    const inEurope = await costTotal(app.db, { period: october, filters: { regions: europe } });
    expect(notEurope.payload.sections[0]!.figures.total).toBe(fromUnits(toUnits(all.data.total) - toUnits(inEurope.data.total)));
    expect(notEurope.answer.markdown).toContain("Leaving out Europe leaves out the regions the data holds there");

    // A pricing category left out, and the words naming it not read as the question ("reserved" is no RI analysis).
    threadId = undefined;
    const onDemand = await ask("What did EC2 cost in October, not counting reserved instances?");
    const withoutCommitted = await costTotal(app.db, { period: october, filters: { services: [ec2], exclude: { pricingCategories: ["Committed"] } } });
    const committed = await costTotal(app.db, { period: october, filters: { services: [ec2], pricingCategories: ["Committed"] } });
    expect(Number(committed.data.total)).toBeGreaterThan(0);
    expect(onDemand.payload.intent).toBe("cost_analysis");
    expect(onDemand.payload.sections[0]!.figures.total).toBe(withoutCommitted.data.total);
    expect(onDemand.payload.sections[0]!.headline).toContain("excluding commitment-covered usage");
  });

  it("'what did the data team cost in October?' uses the team value that holds 'data', and says so", async () => {
    threadId = undefined;
    const { payload, answer } = await ask("What did the data team cost in October?");
    const teams = await app.db.sql.query<{ team: string }>(
      `SELECT DISTINCT tags->>'team' AS team FROM cost_line_items WHERE tags->>'team' ~ '(^|[^a-z0-9])data([^a-z0-9]|$)' ORDER BY 1`,
    );
    expect(teams.map((t) => t.team)).not.toContain("data");
    expect(teams.length).toBeGreaterThan(0);
    const expected = await costBreakdown(app.db, { period: october, dimension: "ServiceName", filters: { tags: [{ key: "team", values: teams.map((t) => t.team) }] } });
    expect(Number(expected.data.total)).toBeGreaterThan(0);
    expect(payload.sections[0]!.figures.total).toBe(expected.data.total);
    expect(answer.markdown).toContain(`No cost is tagged team=data, so this uses ${teams.map((t) => `team=${t.team}`).join(" and ")}.`);
  });

  it("a tag value that nothing carries, nor contains, answers $0 and lists the values there are", async () => {
    threadId = undefined;
    const { payload, answer } = await ask("What did the zebra team cost in October?");
    expect(payload.sections[0]!.figures.total).toBe("0");
    expect(answer.markdown).toMatch(/No cost is tagged team=zebra; the team values are [\w-]+(, [\w-]+)+\./);
    expect(answer.markdown).toContain("data-platform");
    expect(answer.markdown).not.toMatch(/values are ,|unknown|TBD/);
    expect(answer.markdown).not.toContain("ask about the zebra");
  });

  it("a team value that another tag key holds ('the payments team', payments being an app) answers $0 and names that key", async () => {
    threadId = undefined;
    const holders = await app.db.sql.query<{ tag_key: string }>(
      `SELECT DISTINCT tag_key FROM cost_tag_daily_rollup WHERE tag_value = 'payments' AND tag_key <> 'team' ORDER BY 1`,
    );
    expect(holders.length).toBeGreaterThan(0);
    const { payload, answer } = await ask("What did the payments team cost in October?");
    expect(payload.sections[0]!.figures.total).toBe("0");
    expect(answer.markdown).toContain(
      `${holders.map((h) => `${h.tag_key}=payments`).join(" and ")} ${holders.length > 1 ? "do" : "does"}: ask about ${holders.map((h) => `the payments ${h.tag_key}`).join(" or ")}`,
    );
    // Compared with the month before: nothing in either, said so rather than "up $0.00 (n/a)".
    const compared = (await ask("How does that compare to the month before?")).payload.sections[0]!;
    expect(compared.figures).toMatchObject({ current: "0", baseline: "0" });
    expect(compared.headline).toMatch(/^\*\*No cost\*\* in October 2026 .*team=payments, nor in September 2026: there is no change to compare\.$/);
    // "They" is the payments team still: what they spend most on is nothing.
    const most = (await ask("What are they spending the most on?")).payload.sections[0]!;
    expect(most.figures.current).toBe("0");
    expect(most.headline).toContain("team=payments");
  });

  it("'how much do we spend on Snowflake?' says nothing in the data is called that, rather than passing the bill off as it", async () => {
    threadId = undefined;
    const { answer } = await ask("How much do we spend on Snowflake in October?");
    expect(answer.markdown).toContain('Nothing in the cost data is called "snowflake" (no service, sub-account, tag value, SKU or charge description)');
    // The headline leads with the absence, then says the figure is all costs, not Snowflake's.
    const total = await costTotal(app.db, { period: october });
    expect(answer.markdown.split("\n")[0]).toBe(
      `**No cost is called "snowflake"** in the cost data, so there is none of it to give; all costs came to **${formatMoney(total.data.total, "USD")}** effective (amortized) cost in October 2026 (2026-10-01 to 2026-10-31).`,
    );
  });

  it("'how much did we spend on payments?' is the tag value the data holds (app=payments), not the whole bill", async () => {
    threadId = undefined;
    const { payload, answer } = await ask("How much did we spend on payments in October?");
    const payments = await costTotal(app.db, { period: october, filters: { tags: [{ key: "app", values: ["payments"] }] } });
    expect(Number(payments.data.total)).toBeGreaterThan(0);
    expect(payload.sections[0]!.figures.total).toBe(payments.data.total);
    expect(answer.markdown.split("\n")[0]).toContain("app=payments");
    expect(answer.markdown).toContain('"payments" is read as the tag app=payments');
    // Two words, spelled as the tag value is: team=data-platform.
    threadId = undefined;
    const platform = await ask("How much did we spend on data platform in October?");
    const team = await costTotal(app.db, { period: october, filters: { tags: [{ key: "team", values: ["data-platform"] }] } });
    expect(platform.payload.sections[0]!.figures.total).toBe(team.data.total);
    expect(platform.answer.markdown).toContain('"data platform" is read as the tag team=data-platform');
    // The tag stays for a follow-up: "break it down by environment" is app=payments by env.
    threadId = undefined;
    await ask("How much did we spend on payments in October?");
    const byEnv = (await ask("Break it down by environment")).payload.sections[0]!;
    expect(byEnv.figures.total).toBe(payments.data.total);
    const envs = await costBreakdown(app.db, { period: october, dimension: "Tag", tagKey: "env", filters: { tags: [{ key: "app", values: ["payments"] }] } });
    expect(byEnv.tables.at(-1)!.rows.map((r) => r.amount)).toEqual(envs.data.rows.map((r) => r.amount));
  });

  it("'what are we paying for tokens?' is the SKUs whose id or charge description holds the word, at a word's start", async () => {
    threadId = undefined;
    const { payload, answer } = await ask("What are we paying for tokens in October?");
    const [expected] = await app.db.sql.query<{ total: string; skus: number }>(
      `WITH skus AS (SELECT DISTINCT sku_id FROM cost_line_items
                      WHERE charge_date >= '2026-10-01' AND charge_date < '2026-11-01' AND (sku_id ~* '\\mtoken' OR charge_description ~* '\\mtoken'))
       SELECT sum(effective_cost)::text AS total, (SELECT count(*)::int FROM skus) AS skus FROM cost_line_items
        WHERE charge_date >= '2026-10-01' AND charge_date < '2026-11-01' AND sku_id IN (SELECT sku_id FROM skus)`,
    );
    expect(expected!.skus).toBeGreaterThan(1);
    expect(Number(payload.sections[0]!.figures.total)).toBeCloseTo(Number(expected!.total), 6);
    expect(answer.markdown).toContain("tokens is read as the SKUs whose id or charge description holds it");
    expect(answer.markdown.split("\n")[0]).toContain("for tokens");
  });

  it("'what's the cost trend of Snowflake?' and 'how much is Snowflake costing us?' say nothing is called that too", async () => {
    for (const question of ["What's the cost trend of Snowflake?", "How much is Snowflake costing us?"]) {
      threadId = undefined;
      const { answer } = await ask(question);
      expect(answer.markdown, question).toContain('Nothing in the cost data is called "snowflake" (no service, sub-account, tag value, SKU or charge description)');
    }
    // A service the data holds is no unnamed subject.
    threadId = undefined;
    const { answer } = await ask("How much is Bedrock costing us?");
    expect(answer.markdown).not.toContain("Nothing in the cost data is called");
  });

  it("'what's our most expensive account and why?' ranks the sub-accounts, then breaks the first one down by service", async () => {
    threadId = undefined;
    const { payload, answer } = await ask("What was our most expensive account in October and why?");
    const ranking = await costBreakdown(app.db, { period: october, dimension: "SubAccountId", limit: 10 });
    const first = ranking.data.rows.find((r) => r.key !== null && !r.isOthers)!;
    expect(payload.sections[0]!.figures.topKey).toBe(first.label);
    const why = payload.sections[1]!;
    const madeOf = await costBreakdown(app.db, { period: october, dimension: "ServiceName", limit: 10, filters: { subAccountIds: [first.key!] } });
    expect(why.figures.total).toBe(madeOf.data.total);
    expect(why.figures.total).toBe(first.amount);
    expect(why.figures.topKey).toBe(madeOf.data.rows[0]!.label);
    expect(why.tables[0]!.rows.map((r) => r.amount)).toEqual(madeOf.data.rows.map((r) => r.amount));
    expect(answer.markdown).toContain(`Why **${first.label}** comes first: what its cost is made of, by service.`);
    // "Which account grew the most and why?": the one that grew most, by service, named as the table names it.
    threadId = undefined;
    const grew = await ask("Which account grew the most in October and why?");
    const change = await comparePeriods(app.db, { current: october, mode: "MoM", driverDimension: "SubAccountId", limit: 10 });
    const rose = change.data.drivers.filter((d) => !d.isOthers && d.key !== null).sort((a, b) => Number(b.delta) - Number(a.delta))[0]!;
    const name = ranking.data.rows.find((r) => r.key === rose.key)!.name!;
    expect(name).not.toBe(rose.key);
    const followed = grew.payload.sections.find((s) => s.headline.includes("(1 sub-account)"))!;
    // Two sub-accounts are called acme-staging here: the id follows the name.
    expect(followed.headline).toContain(`for ${name} (${rose.key}) (1 sub-account)`);
    expect(grew.answer.markdown).toContain(`Why **${name} (${rose.key})** comes first`);
    // The period is said once, not again under the breakdown of the first.
    threadId = undefined;
    const noPeriod = await ask("What's our most expensive account and why?");
    expect(noPeriod.payload.sections).toHaveLength(2);
    expect(noPeriod.answer.markdown.split("No period was given").length - 1).toBe(1);
    // Without "why" the ranking stands alone.
    threadId = undefined;
    expect((await ask("What was our most expensive account in October?")).payload.sections).toHaveLength(1);
  });

  it("'how much do we spend on GPUs?' over a bill with none is $0 for GPU usage, saying what counts as a GPU", async () => {
    threadId = undefined;
    const { payload, answer } = await ask("How much do we spend on GPUs in October?");
    expect(payload.sections[0]!.figures.total).toBe("0");
    expect(answer.markdown.split("\n")[0]).toBe("**$0.00** effective (amortized) cost in October 2026 (2026-10-01 to 2026-10-31) for GPU usage.");
    expect(answer.markdown).toContain(GPU_DEFINITION);
    expect(payload.sections[0]!.provenance[0]!.table).toBe("cost_line_items");

    // Which way none of it went: nowhere, said plainly.
    threadId = undefined;
    const trend = await ask("How has our GPU spend changed this year?");
    expect(trend.answer.markdown.split("\n")[0]).toMatch(/^\*\*No spend for GPU usage\*\* in any of the \d+ months this year, 2026 .*: it cost nothing in each, so it went neither up nor down\.$/);
    expect(trend.payload.sections[0]!.figures).toMatchObject({ rises: 0, falls: 0 });
  });

  it("'which accounts grew the most last month?' ranks sub-accounts by their change against the month before", async () => {
    threadId = undefined;
    const { payload } = await ask("Which accounts grew the most last month?");
    const expected = await comparePeriods(app.db, { current: october, mode: "MoM", driverDimension: "SubAccountId", limit: 10 });
    expect(payload.sections[0]!.figures).toMatchObject({ change: expected.data.change });
    // Ranked by change, the largest rise first, falls after the rises, Others last: not by the size of the move.
    const named = expected.data.drivers.filter((d) => !d.isOthers).sort((a, b) => Number(b.delta) - Number(a.delta));
    expect(named.some((d) => Number(d.delta) < 0)).toBe(true);
    expect(payload.sections[0]!.tables[0]!.rows.map((r) => r.id ?? r.label)).toEqual([
      ...named.map((d) => d.key ?? "(no sub-account)"),
      ...(expected.data.drivers.some((d) => d.isOthers) ? ["Others"] : []),
    ]);
    // The answer leads with the largest rise, then the whole change.
    const top = named.find((d) => d.key !== null)!;
    expect(payload.sections[0]!.headline).toMatch(new RegExp(`^\\*\\*.+\\*\\* grew the most: ${formatMoney(top.delta).replace("$", "\\$")} \\(`));

    // "The biggest month over month increase": the comparison named between "biggest" and "increase" is the same ask.
    threadId = undefined;
    const mom = (await ask("Which service had the biggest month over month increase in October?")).payload.sections[0]!;
    const byService = await comparePeriods(app.db, { current: october, mode: "MoM", driverDimension: "ServiceName", limit: 10 });
    const lead = byService.data.drivers.filter((d) => !d.isOthers && d.key !== null).sort((a, b) => Number(b.delta) - Number(a.delta))[0]!;
    expect(mom.headline).toMatch(new RegExp(`^\\*\\*${lead.label}\\*\\* grew the most: ${formatMoney(lead.delta).replace("$", "\\$")} \\(`));
  });

  it("'what's our cost per environment per month?' leads with each env's own monthly average, not the whole bill's", async () => {
    threadId = undefined;
    const section = (await ask("What's our cost per environment per month?")).payload.sections[0]!;
    // The demo's complete months in the last half year: June to October 2026, five.
    const envs = await costBreakdown(app.db, { period: { start: "2026-06-01", end: "2026-11-01" }, dimension: "Tag", tagKey: "env", limit: 10, poolPlaceholders: true });
    const top = envs.data.rows.find((r) => r.key !== null && !r.isOthers)!;
    const perMonth = Math.round((Number(top.amount) / 5) * 100) / 100;
    expect(section.figures.topMonthlyAverage).toBe(perMonth);
    expect(section.headline).toMatch(new RegExp(`^\\*\\*${top.label}: ${formatMoney(perMonth).replace(/[$.]/g, "\\$&")} a month\\*\\* on average`));
    expect(section.headline).toContain("a month in all.");
  });

  it("'monthly cost by team in Q3' gives each team month by month, not one showback of the quarter", async () => {
    threadId = undefined;
    const section = (await ask("Monthly cost by team in Q3")).payload.sections[0]!;
    const q3 = { start: "2026-07-01", end: "2026-10-01" };
    const trend = await costTrend(app.db, { period: q3, granularity: "month", dimension: "Tag", tagKey: "team", limit: 10, poolPlaceholders: true });
    // Placeholder values ("unknown", "TBD") are no team: pooled with the untagged, as the breakdown beside it does.
    const unpooled = await costTrend(app.db, { period: q3, granularity: "month", dimension: "Tag", tagKey: "team", limit: 10 });
    expect(unpooled.data.series.some((s) => s.key !== null && isPlaceholderValue(s.key))).toBe(true);
    const byMonth = section.tables.find((t) => t.columns.some((c) => c.key === "b2026-07-01"))!;
    expect(byMonth).toBeDefined();
    const named = trend.data.series.filter((s) => !s.isOthers && s.key !== null);
    expect(byMonth.rows.map((r) => r.label)).toEqual(named.map((s) => s.label));
    expect(byMonth.rows.map((r) => [r["b2026-07-01"], r["b2026-09-01"]])).toEqual(named.map((s) => [s.points[0]!.amount, s.points[2]!.amount]));
    expect(byMonth.rows.some((r) => isPlaceholderValue(String(r.label)))).toBe(false);
  });

  it("'the acme-dev account' is the sub-accounts of that name, not every one whose name holds dev", async () => {
    threadId = undefined;
    const { payload } = await ask("How much did the acme-dev account cost in October?");
    const exact = await app.db.sql.query<{ id: string }>("SELECT DISTINCT sub_account_id AS id FROM cost_daily_rollup WHERE lower(sub_account_name) = 'acme-dev'");
    const [dev] = await accountsNamed(app.db, ["dev"]);
    expect(exact.length).toBeGreaterThan(0);
    expect(exact.length).toBeLessThan(dev!.subAccountIds.length);
    const expected = await costTotal(app.db, { period: october, filters: { subAccountIds: exact.map((r) => r.id) } });
    expect(payload.sections[0]!.figures.total).toBe(expected.data.total);
    expect(payload.sections[0]!.headline).toContain(`for acme-dev (${exact.length} sub-account${exact.length === 1 ? "" : "s"})`);
  });

  it("'which bucket grew the most?' ranks the storage resources by their change, not every resource", async () => {
    threadId = undefined;
    const { payload } = await ask("Which bucket grew the most last month?");
    const expected = await comparePeriods(app.db, { current: october, mode: "MoM", filters: { serviceCategories: ["Storage"] }, driverDimension: "ResourceId", limit: 10 });
    expect(payload.sections[0]!.figures).toMatchObject({ change: expected.data.change });
    const top = expected.data.drivers.filter((d) => !d.isOthers && d.key !== null).sort((a, b) => Number(b.delta) - Number(a.delta))[0]!;
    expect(payload.sections[0]!.tables[0]!.rows[0]!.id).toBe(top.key);
    expect(payload.sections[0]!.headline).toContain("for Storage");
  });

  it("'show me the top 5 cost increases in October' ranks services by their rise against September, not by cost", async () => {
    threadId = undefined;
    const { payload } = await ask("Show me the top 5 cost increases in October");
    const expected = await comparePeriods(app.db, { current: october, mode: "MoM", driverDimension: "ServiceName", limit: 5 });
    expect(payload.sections[0]!.figures).toMatchObject({ change: expected.data.change });
    const rises = expected.data.drivers.filter((d) => !d.isOthers && Number(d.delta) > 0).sort((a, b) => Number(b.delta) - Number(a.delta));
    const top = rises[0]!;
    expect(payload.sections[0]!.headline).toMatch(new RegExp(`^\\*\\*${top.label}\\*\\* grew the most: ${formatMoney(top.delta).replace("$", "\\$")} \\(`));
    expect(payload.sections[0]!.tables[0]!.rows.slice(0, rises.length).map((r) => r.label)).toEqual(rises.map((d) => d.label));

    // "By cost growth": ranked by the rise, not the five largest services' months side by side.
    threadId = undefined;
    const since = (await ask("Show me the top 5 services by cost growth since July")).payload.sections[0]!;
    const july = await comparePeriods(app.db, { current: october, baseline: { start: "2026-07-01", end: "2026-08-01" }, mode: "custom", driverDimension: "ServiceName", limit: 5 });
    expect(since.figures).toMatchObject({ change: july.data.change });
    const grew = july.data.drivers.filter((d) => !d.isOthers && Number(d.delta) > 0).sort((a, b) => Number(b.delta) - Number(a.delta));
    expect(since.headline).toMatch(new RegExp(`^\\*\\*${grew[0]!.label}\\*\\* grew the most`));
  });

  it("'why did it go up?' when it fell says so first, then how it moved; and the other way round", async () => {
    const byService = await comparePeriods(app.db, { current: october, mode: "MoM", driverDimension: "ServiceName", limit: 100 });
    const words: Record<string, string> = {
      "Amazon Redshift": "Redshift", "Amazon Bedrock": "Bedrock", BigQuery: "BigQuery", "Vertex AI": "Vertex AI", "Azure OpenAI": "Azure OpenAI",
      "Amazon Simple Storage Service": "S3", "Amazon Elastic Compute Cloud": "EC2", "Amazon CloudFront": "CloudFront", "Amazon DynamoDB": "DynamoDB", "AWS Lambda": "Lambda",
      "Amazon Virtual Private Cloud": "VPC",
    };
    const named = byService.data.drivers.filter((d) => !d.isOthers && d.key! in words);
    const fell = named.find((d) => Number(d.delta) < 0)!;
    const rose = named.find((d) => Number(d.delta) > 0)!;
    expect(fell && rose).toBeTruthy();
    const escape = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    threadId = undefined;
    const up = await ask(`Why did our ${words[fell.key!]} spend go up last month?`);
    const corrected = up.payload.sections.find((s) => s.figures.premise === "up")!;
    expect(corrected.headline).toMatch(new RegExp(`^\\*\\*It did not go up for [^:]*${escape(fell.key!)}[^:]*: it fell\\.\\*\\* `));
    expect(corrected.figures.change).toBe(fell.delta);
    threadId = undefined;
    const down = await ask(`Why did our ${words[rose.key!]} costs drop last month?`);
    expect(down.payload.sections.find((s) => s.figures.premise === "down")!.headline).toMatch(new RegExp(`^\\*\\*It did not go down for [^:]*${escape(rose.key!)}[^:]*: it rose\\.\\*\\* `));
    // Asked the right way round, no correction.
    threadId = undefined;
    const right = await ask(`Why did our ${words[rose.key!]} spend go up last month?`);
    expect(right.payload.sections.some((s) => "premise" in s.figures)).toBe(false);
  });

  it("'which one grew faster?' after EC2 then 'and Lambda?' sets the two against each other, the faster first", async () => {
    threadId = undefined;
    await ask("What did we spend on EC2 in October?");
    await ask("And Lambda?");
    const { payload, answer } = await ask("Which one grew faster?");
    const september = { start: "2026-09-01", end: "2026-10-01" };
    const change = async (service: string) => {
      const [now, before] = await Promise.all([october, september].map((period) => costTotal(app.db, { period, filters: { services: [service] } })));
      return { service, percent: ((now!.data.totalValue - before!.data.totalValue) / before!.data.totalValue) * 100 };
    };
    const [faster, slower] = (await Promise.all(["Amazon Elastic Compute Cloud", "AWS Lambda"].map(change))).sort((a, b) => b.percent - a.percent);
    expect(payload.sections[0]!.figures.fastest).toBe(faster!.service);
    const lead = faster!.percent > 0 ? `**${faster!.service}** grew faster, ` : `**Neither grew**: ${faster!.service} fell the least, `;
    expect(answer.markdown.split("\n")[0].startsWith(`${lead}${formatSignedPercent(faster!.percent)} (`)).toBe(true);
    expect(answer.markdown.split("\n")[0]).toContain(`${slower!.service} ${formatSignedPercent(slower!.percent)}`);

    // A third subject asked about in the run joins the two.
    threadId = undefined;
    await ask("What did we spend on EC2 in October?");
    await ask("And Lambda?");
    await ask("And S3?");
    const three = (await ask("Which one grew the fastest?")).payload.sections[0]!;
    const ranked = (await Promise.all(["Amazon Elastic Compute Cloud", "AWS Lambda", "Amazon Simple Storage Service"].map(change))).sort((a, b) => b.percent - a.percent);
    expect(three.figures.fastest).toBe(ranked[0]!.service);
    expect(three.tables[0]!.rows.map((r) => r.label).sort()).toEqual(ranked.map((r) => r.service).sort());
  });

  it("'which of them spent more on storage?' after the ML team's spend and then the data platform team's sets the two teams side by side", async () => {
    threadId = undefined;
    await ask("What did the ml team spend in October?");
    await ask("What about the data platform team?");
    const section = (await ask("Which of them spent more on storage?")).payload.sections[0]!;
    for (const team of ["ml", "data-platform"]) {
      const expected = await costTotal(app.db, { period: october, filters: { serviceCategories: ["Storage"], tags: [{ key: "team", values: [team] }] } });
      expect(section.figures[`current:${team}`]).toBe(expected.data.total);
    }
    expect(section.tables[0]!.rows.map((r) => r.label).sort()).toEqual(["data-platform", "ml"]);
  });

  it("'when did our costs start going up?' names the month the latest run of rises began, over every complete month", async () => {
    threadId = undefined;
    const { payload, answer } = await ask("When did our costs start going up?");
    // The demo's complete months (its data starts on a month's first day and ends on October 31).
    const { start } = (await app.db.sql.query<{ start: string }>(`SELECT min(charge_date)::text AS start FROM cost_line_items`))[0]!;
    expect(start.slice(8, 10)).toBe("01");
    const months = (await costTrend(app.db, { period: { start: start.slice(0, 10), end: "2026-11-01" }, granularity: "month" })).data.total;
    let first = months.length - 1;
    while (first > 0 && months[first]!.value > months[first - 1]!.value) first -= 1;
    expect(first).toBeLessThan(months.length - 1); // the latest month rose
    const monthName = (day: string) => new Date(`${day}T00:00:00Z`).toLocaleString("en-US", { month: "long", year: "numeric", timeZone: "UTC" });
    expect(answer.markdown.split("\n")[0]).toMatch(new RegExp(`^\\*\\*Since ${monthName(months[first]!.bucketStart)}\\*\\*: spend rose in (each of the ${months.length - 1 - first}|the one) month-to-month step`));
    expect(payload.sections[0]!.figures).toMatchObject({ steps: months.length - 1 });
    expect(answer.markdown).toContain("this looks over every complete month of data");
    // Of one service, put as "start increasing" (which the model read as an anomaly): the same, on its cost.
    threadId = undefined;
    const bedrock = await ask("When did Bedrock costs start increasing?");
    expect(bedrock.payload.intent).toBe("cost_analysis");
    const bedrockMonths = (await costTrend(app.db, { period: { start: start.slice(0, 10), end: "2026-11-01" }, granularity: "month", filters: { services: ["Amazon Bedrock"] } })).data.total;
    expect(bedrock.payload.sections[0]!.figures).toMatchObject({ steps: months.length - 1, first: bedrockMonths[0]!.amount, last: bedrockMonths.at(-1)!.amount });
  });

  it("'what did the ml team cost in October compared to September?' sets the team's two months side by side", async () => {
    threadId = undefined;
    const section = (await ask("What did the ml team cost in October compared to September?")).payload.sections[0]!;
    const filters = { tags: [{ key: "team", values: ["ml"] }] };
    const now = await costTotal(app.db, { period: october, filters });
    const before = await costTotal(app.db, { period: { start: "2026-09-01", end: "2026-10-01" }, filters });
    expect(section.figures).toMatchObject({ current: now.data.total, baseline: before.data.total });
  });

  it("'which services cost more in October than in September?' lists every service whose cost rose, and only those", async () => {
    threadId = undefined;
    const { payload } = await ask("Which services cost more in October than in September?");
    const all = await comparePeriods(app.db, { current: october, mode: "MoM", driverDimension: "ServiceName", limit: 100 });
    const rose = all.data.drivers.filter((d) => !d.isOthers && Number(d.delta) > 0);
    const fell = all.data.drivers.filter((d) => !d.isOthers && Number(d.delta) < 0);
    expect(rose.length).toBeGreaterThan(0);
    expect(fell.length).toBeGreaterThan(0);
    const section = payload.sections[0]!;
    expect(section.figures.passing).toBe(rose.length);
    expect(section.tables[0]!.rows.map((r) => r.id ?? r.label)).toEqual(rose.map((d) => d.key));
    expect(section.headline.startsWith(`**${rose.length} service${rose.length === 1 ? "" : "s"}** cost more: `)).toBe(true);
    const less = (await ask("Which services cost less in October than in September?")).payload.sections[0]!;
    expect(less.tables[0]!.rows.map((r) => r.id ?? r.label)).toEqual(fell.map((d) => d.key));
    expect(less.markdown).not.toContain("The biggest driver is");
    // "Which services dropped in October?", "got cheaper", "went up": the same lists, with no "than" said (they gave
    // October's breakdown).
    for (const [question, moved, verb] of [
      ["Which services dropped in October?", fell, "fell"],
      ["Which services got cheaper in October?", fell, "fell"],
      ["Which services went up in October?", rose, "rose"],
    ] as const) {
      threadId = undefined;
      const answer = (await ask(question)).payload.sections[0]!;
      expect(answer.agent).toBe("cost_analysis");
      expect(answer.tables[0]!.rows.map((r) => r.id ?? r.label)).toEqual(moved.map((d) => d.key));
      expect(answer.headline.startsWith(`**${moved.length} service${moved.length === 1 ? "" : "s"}** ${verb}: `)).toBe(true);
      // The largest move overall may have gone the other way: it is not named as the list's driver.
      expect(answer.markdown).not.toContain("The biggest driver is");
    }
  });

  it("'which services grew more than 20% month over month?' lists exactly the services past 20%, and says how many", async () => {
    threadId = undefined;
    const { payload } = await ask("Which services grew more than 20% month over month?");
    const all = await comparePeriods(app.db, { current: october, mode: "MoM", driverDimension: "ServiceName", limit: 100 });
    const grew = all.data.drivers.filter((d) => !d.isOthers && (d.deltaPercent === null ? Number(d.baseline) === 0 && Number(d.delta) > 0 : d.deltaPercent > 20));
    const below = all.data.drivers.filter((d) => !d.isOthers && d.deltaPercent !== null && d.deltaPercent > 0 && d.deltaPercent <= 20);
    expect(grew.length).toBeGreaterThan(0);
    expect(below.length).toBeGreaterThan(0); // the filter has something to leave out
    const section = payload.sections[0]!;
    expect(section.tables[0]!.rows.map((r) => r.id ?? r.label)).toEqual(grew.map((d) => d.key));
    expect(section.figures.passing).toBe(grew.length);
    expect(section.headline.startsWith(`**${grew.length} service${grew.length === 1 ? "" : "s"}** grew more than 20%`)).toBe(true);
    // Falls are read as falls.
    const fell = all.data.drivers.filter((d) => !d.isOthers && d.deltaPercent !== null && d.deltaPercent < -5);
    expect(fell.length).toBeGreaterThan(0);
    const drops = (await ask("Which services dropped by more than 5% month over month?")).payload.sections[0]!;
    expect(drops.tables[0]!.rows.map((r) => r.id ?? r.label)).toEqual(fell.map((d) => d.key));
    // None past the bound: said so, and the whole change is the table (it was left empty).
    expect(all.data.drivers.some((d) => d.deltaPercent !== null && d.deltaPercent > 1000)).toBe(false);
    const none = (await ask("Which services grew more than 1000% month over month?")).payload.sections[0]!;
    expect(none.headline.startsWith("**No service** grew more than 1,000%")).toBe(true);
    expect(none.tables[0]!.title).toBe("What changed");
    expect(none.tables[0]!.rows.length).toBeGreaterThan(5);
    // "Growing faster than 20% month over month": the same month against the month before, not the half year.
    threadId = undefined;
    const growing = (await ask("Which services are growing faster than 20% month over month?")).payload.sections[0]!;
    expect(growing.tables[0]!.rows.map((r) => r.id ?? r.label)).toEqual(grew.map((d) => d.key));
    expect(growing.headline).toContain("in October 2026");
  });

  it("'which services cost more than $20,000 in October?' lists exactly those services", async () => {
    threadId = undefined;
    const { payload } = await ask("Which services cost more than $20,000 in October?");
    const all = await costBreakdown(app.db, { period: october, dimension: "ServiceName", limit: 100 });
    const over = all.data.rows.filter((r) => !r.isOthers && r.key !== null && r.value > 20_000);
    expect(over.length).toBeGreaterThan(0);
    expect(over.length).toBeLessThan(all.data.rows.length);
    const section = payload.sections[0]!;
    const together = sumDecimals(over.map((r) => r.amount));
    expect(section.figures).toMatchObject({ total: all.data.total, passing: over.length, passingTotal: exactSum(over) });
    expect(section.tables.at(-1)!.rows.map((r) => r.label)).toEqual(over.map((r) => r.label));
    // How many, and what they come to together, lead.
    const share = `(${formatPercent((Number(together) / Number(all.data.total)) * 100)} of the ${formatMoney(all.data.total)} effective (amortized) cost)`;
    expect(section.headline).toBe(
      `**${over.length} ${over.length === 1 ? "service" : "services"}** cost more than $20,000 in October 2026 (2026-10-01 to 2026-10-31): ` +
        (over.length === 1 ? `${over[0]!.label}, ${formatMoney(together)} ${share}.` : `${formatMoney(together)} together ${share}.`),
    );
    // Several: what they come to together.
    threadId = undefined;
    const several = (await ask("Which services cost more than $5,000 in October?")).payload.sections[0]!;
    const over5k = all.data.rows.filter((r) => !r.isOthers && r.key !== null && r.value > 5_000);
    expect(over5k.length).toBeGreaterThan(1);
    expect(several.headline).toContain(`**${over5k.length} services** cost more than $5,000 in October 2026 (2026-10-01 to 2026-10-31): ${formatMoney(sumDecimals(over5k.map((r) => r.amount)))} together (`);
    // More than a table holds: every one is counted, the largest are listed.
    threadId = undefined;
    const resources = (await ask("Which resources cost more than $10 in October?")).payload.sections[0]!;
    const byResource = await costBreakdown(app.db, { period: october, dimension: "ResourceId", limit: 1000 });
    const over10 = byResource.data.rows.filter((r) => !r.isOthers && r.key !== null && r.value > 10);
    expect(over10.length).toBeGreaterThan(THRESHOLD_LIMIT);
    expect(resources.figures).toMatchObject({ passing: over10.length, passingTotal: exactSum(over10) });
    expect(resources.headline).toContain(`**${over10.length} resources** cost more than $10 in October 2026`);
    expect(resources.tables.at(-1)!.rows.map((r) => r.id ?? r.label)).toEqual(over10.slice(0, THRESHOLD_LIMIT).map((r) => r.key));
    expect(resources.markdown).toContain(`The ${THRESHOLD_LIMIT} largest are listed.`);
    // None: the nearest there is, not "no cost in this period".
    threadId = undefined;
    const cheapest = all.data.rows.filter((r) => !r.isOthers && r.key !== null).at(-1)!;
    expect(cheapest.value).toBeGreaterThan(50);
    const none = (await ask("Which services cost less than $50 in October?")).payload.sections[0]!;
    expect(none.headline).toBe("**No services** cost less than $50 in October 2026 (2026-10-01 to 2026-10-31).");
    expect(none.markdown).toContain(`The least expensive service cost ${formatMoney(cheapest.amount)}.`);
    expect(none.markdown).not.toContain("There is no cost");
  });

  it("'what's our spend on containers?' is Kubernetes and the container services the data holds, named as such", async () => {
    threadId = undefined;
    const section = (await ask("What's our spend on containers in October?")).payload.sections[0]!;
    const containers = ["Amazon Elastic Kubernetes Service", "Azure Kubernetes Service", "Kubernetes Engine", "Cloud Run", "Amazon Elastic Container Service", "Azure Container Instances", "Azure Container Apps"];
    const services = new Set((await app.db.sql.query<{ name: string }>("SELECT DISTINCT service_name AS name FROM cost_daily_rollup")).map((r) => r.name));
    const held = containers.filter((name) => services.has(name));
    expect(held).toContain("Cloud Run");
    expect(held.length).toBeLessThan(containers.length);
    const expected = await costTotal(app.db, { period: october, filters: { services: held } });
    expect(section.figures.total).toBe(expected.data.total);
    expect(section.headline).toContain(`in October 2026 (2026-10-01 to 2026-10-31) for ${held.join(", ")}.`);
  });

  it("'what's the cost of our CDN?' is every cloud's CDN service the data holds, not nothing called 'cdn'", async () => {
    threadId = undefined;
    const section = (await ask("What's the cost of our CDN in October?")).payload.sections[0]!;
    const cdns = ["Amazon CloudFront", "Cloud CDN", "Azure Front Door", "Content Delivery Network"];
    const services = new Set((await app.db.sql.query<{ name: string }>("SELECT DISTINCT service_name AS name FROM cost_daily_rollup")).map((r) => r.name));
    const held = cdns.filter((name) => services.has(name));
    expect(held.length).toBeGreaterThan(1);
    const expected = await costTotal(app.db, { period: october, filters: { services: held } });
    expect(section.figures.total).toBe(expected.data.total);
    expect(section.headline).toContain(`for ${held.join(", ")}.`);
  });

  it("'how efficient is our cloud spend?' sets the savings rate, commitment coverage and use, waste and allocation side by side", async () => {
    threadId = undefined;
    const { payload, answer } = await ask("How efficient was our cloud spend in October?");
    const section = payload.sections[0]!;
    const base = { period: october, filters: {} };
    const [savings, commitments, waste, tags] = await Promise.all([
      savingsMetrics(app.db, base),
      commitmentAnalysis(app.db, base),
      rightsizingFindings(app.db, { ...base, actions: ["terminate-idle", "delete-orphaned", "downsize"] }),
      tagCoverage(app.db, base),
    ]);
    const team = tags.data.keys.find((k) => k.tagKey === "team")!;
    expect(section.figures).toMatchObject({
      effectiveSavingsRate: savings.data.total.effectiveSavingsRate! * 100,
      commitmentCoveragePercent: commitments.data.totals.coveragePercent,
      commitmentUtilisationPercent: commitments.data.totals.utilizationPercent,
      wasteMonthly: waste.data.totalEstimatedMonthlySavings.max.amount,
      allocationKey: "team",
      allocatedPercent: team.costCoveragePercent,
    });
    expect(section.tables[0]!.rows.map((r) => r.measure)).toEqual(["Effective savings rate", "Commitment coverage", "Commitment utilisation", "Waste (idle and oversized)", "Cost allocated"]);
    // The waste is the period's; the Recommendations page's savings are the latest 30 days'.
    expect(answer.markdown).toContain("The waste is judged on utilisation in October 2026");
    expect(answer.markdown.split("\n")[0]).toMatch(/^\*\*Effective savings rate [\d.]+%\*\* in October 2026 .*; commitments cover [\d.]+% of eligible usage and are [\d.]+% used; idle and oversized resources waste up to \$[\d,.]+ a month \([\d.]+% of spend\); [\d.]+% of the cost carries a real "team" value\.$/);
    // Asked as KPIs or a scorecard: the same measures.
    threadId = undefined;
    expect((await ask("Give me a FinOps scorecard for October")).payload.sections[0]!.title).toBe("Cloud efficiency");
  });

  it("'Bedrock spend per model' is by SKU (each model's tokens), named by what the charges say", async () => {
    threadId = undefined;
    const section = (await ask("What did we spend on Bedrock per model in October?")).payload.sections[0]!;
    const expected = await costBreakdown(app.db, { period: october, dimension: "SkuId", filters: { services: ["Amazon Bedrock"], providers: ["AWS"] }, limit: 10 });
    expect(expected.data.rows.filter((r) => r.key !== null).length).toBeGreaterThan(1);
    expect(section.tables.at(-1)!.rows.map((r) => [r.id ?? r.label, r.amount])).toEqual(expected.data.rows.map((r) => [r.key ?? r.label, r.amount]));
    expect(section.tables.at(-1)!.rows.map((r) => r.label)).toContain("Anthropic Claude 3.5 Sonnet input tokens");
  });

  it("'Azure spend by resource group' groups Azure's cost by the resource group in its resource ids", async () => {
    threadId = undefined;
    const { payload } = await ask("What's the breakdown of our Azure spend by resource group in October?");
    const section = payload.sections[0]!;
    const expected = await costBreakdown(app.db, { period: october, dimension: "ResourceGroup", filters: { providers: ["Microsoft"] }, limit: 10 });
    const named = expected.data.rows.filter((r) => !r.isOthers && r.key !== null);
    expect(named.length).toBeGreaterThan(1);
    expect(named.every((r) => /^rg-/.test(r.key!))).toBe(true);
    expect(section.title).toBe("Spend by resource group");
    expect(section.tables.at(-1)!.rows.map((r) => [r.label, r.amount])).toEqual(expected.data.rows.map((r) => [r.label, r.amount]));
    expect(section.figures.total).toBe(expected.data.total);
    // One group named: its resources, and not the prod accounts its name ends in.
    const group = named[0]!.key!;
    threadId = undefined;
    const within = (await ask(`Show me the resources in ${group} in October`)).payload.sections[0]!;
    const resources = await costBreakdown(app.db, { period: october, dimension: "ResourceId", filters: { resourceGroups: [group] }, limit: 10 });
    expect(resources.data.total).toBe(named[0]!.amount);
    expect(within.figures.total).toBe(resources.data.total);
    expect(within.tables.at(-1)!.rows.map((r) => r.id ?? r.label)).toEqual(resources.data.rows.map((r) => r.key));
    expect(within.headline).toContain(`for resource group ${group}`);
    // A group no cost is in: $0, and the groups there are.
    threadId = undefined;
    const none = await ask("What did resource group rg-nowhere-1 cost in October?");
    expect(none.payload.sections[0]!.figures.total).toBe("0");
    expect(none.answer.markdown).toContain(`No cost is in resource group rg-nowhere-1; the resource groups with the most cost are `);
  });

  it("'what does the checkout app cost?' is that app's spend, not a showback of every team", async () => {
    threadId = undefined;
    const { payload } = await ask("How much does the checkout app cost in October?");
    const expected = await costBreakdown(app.db, { period: october, dimension: "ServiceName", filters: { tags: [{ key: "app", values: ["checkout"] }] } });
    expect(Number(expected.data.total)).toBeGreaterThan(0);
    expect(payload.sections[0]!.figures.total).toBe(expected.data.total);
    // "By region" alone regroups that answer: the app and the month stay.
    const byRegion = await ask("by region");
    const regions = await costBreakdown(app.db, { period: october, dimension: "RegionId", filters: { tags: [{ key: "app", values: ["checkout"] }] } });
    expect(byRegion.payload.sections[0]!.figures.total).toBe(expected.data.total);
    expect(byRegion.payload.sections[0]!.tables[0]!.rows.map((r) => r.amount)).toEqual(regions.data.rows.map((r) => r.amount));
  });

  it("'data storage in BigQuery' is BigQuery's storage SKUs, not the Storage category (which BigQuery is not in)", async () => {
    threadId = undefined;
    const { payload, answer } = await ask("How much are we paying for data storage in BigQuery in October?");
    const rows = await app.db.sql.query<{ sku_id: string }>(
      `SELECT DISTINCT sku_id FROM cost_line_items WHERE service_name = 'BigQuery' AND sku_id IS NOT NULL AND charge_date >= '2026-10-01' AND charge_date < '2026-11-01'
         AND (sku_id ILIKE '%storage%' OR charge_description ILIKE '%storage%') ORDER BY sku_id`,
    );
    expect(rows.length).toBeGreaterThan(0);
    const storage = await costTotal(app.db, { period: october, filters: { services: ["BigQuery"], skuIds: rows.map((r) => r.sku_id) } });
    const all = await costTotal(app.db, { period: october, filters: { services: ["BigQuery"] } });
    expect(Number(storage.data.total)).toBeGreaterThan(0);
    expect(Number(storage.data.total)).toBeLessThan(Number(all.data.total));
    expect(payload.sections[0]!.figures.total).toBe(storage.data.total);
    expect(answer.markdown).toContain('BigQuery is not in Storage (FOCUS ServiceCategory): "storage" is read as its SKUs whose id or charge description holds it');
    expect(answer.markdown.split("\n")[0]).toContain("for Google Cloud, BigQuery, storage");
    // A service in the category named keeps the category filter: S3 storage is S3.
    threadId = undefined;
    const s3 = await ask("How much did we spend on S3 storage in October?");
    expect(s3.answer.markdown).not.toContain("FOCUS ServiceCategory");
  });

  it("'what did kubernetes cost in October?' is the Kubernetes services of every cloud", async () => {
    threadId = undefined;
    const { payload } = await ask("What did Kubernetes cost in October?");
    const services = ["Amazon Elastic Kubernetes Service", "Azure Kubernetes Service", "Kubernetes Engine"];
    const expected = await costBreakdown(app.db, { period: october, dimension: "ServiceName", filters: { services } });
    expect(Number(expected.data.total)).toBeGreaterThan(0);
    expect(payload.sections[0]!.figures.total).toBe(expected.data.total);
    expect(payload.sections[0]!.tables[0]!.rows.every((r) => services.includes(String(r.label)))).toBe(true);
    // What those services bill, and where the clusters' nodes are.
    expect(payload.sections[0]!.markdown).toContain("These are the Kubernetes services' own charges (cluster management and control plane).");
    threadId = undefined;
    expect((await ask("What did EC2 cost in October?")).payload.sections[0]!.markdown).not.toContain("Kubernetes services' own charges");
  });

  it("a quarter's weekly line draws whole weeks only, and says which it leaves out", async () => {
    threadId = undefined;
    const { payload } = await ask("What did we spend on EC2 in Q3 2026?");
    const section = payload.sections[0]!;
    const weekly = section.charts.find((c) => c.title === "Weekly cost")!;
    const xs = weekly.series[0]!.points.map((p) => String(p.x));
    // Q3 2026 runs Wednesday July 1 to Wednesday September 30: its first and last weeks are partly outside it.
    expect(xs[0]).toBe("2026-07-06");
    expect(xs.at(-1)).toBe("2026-09-21");
    expect(xs).toHaveLength(12);
    const trend = await costTrend(app.db, { period: { start: "2026-07-01", end: "2026-10-01" }, granularity: "week", filters: { services: ["Amazon Elastic Compute Cloud"] } });
    expect(weekly.series[0]!.points.map((p) => p.y)).toEqual(trend.data.total.filter((p) => xs.includes(p.bucketStart)).map((p) => p.value));
    expect(section.markdown).toContain("The weekly line leaves out the week of 2026-06-29 and the week of 2026-09-28, which hold only part of their days here.");
  });

  it("'what did we spend on Black Friday?' is that day, not a subject called 'black'", async () => {
    threadId = undefined;
    // The demo's data runs to 2026-10-31: the latest Black Friday before it, 2025-11-28, has none.
    const { answer } = await ask("What did we spend on Black Friday?");
    expect(answer.markdown).toContain("There is no cost data for Black Friday 2025 (2025-11-28): the data starts on");
    expect(answer.markdown).not.toContain('called "black"');
  });

  it("'how does that compare to last year?' after the year to date sets that period against the year before, not last year against 2024", async () => {
    threadId = undefined;
    const ytd = await ask("What's our total spend year to date?");
    const period = { start: "2026-01-01", end: "2026-11-01" };
    const total = await costTotal(app.db, { period });
    expect(ytd.payload.sections[0]!.figures.total).toBe(total.data.total);
    const { payload, intent } = await ask("how does that compare to last year?");
    expect(intent!.intentType).toBe("spend_comparison");
    const section = payload.sections[0]!;
    expect(section.headline).toContain(formatMoney(total.data.total));
    expect(section.headline).toContain("year to date");
    expect(section.headline).not.toMatch(/^\*\*\$0\.00\*\*/);
    expect(section.headline).not.toContain("2024");
  });

  it("'what was our spend on Monday?' is the latest Monday, not a subject called 'monday'", async () => {
    threadId = undefined;
    // DEMO_NOW is Sunday 2026-11-01: Monday is 2026-10-26.
    const { payload, answer } = await ask("What was our spend on Monday?");
    const monday = await costTotal(app.db, { period: { start: "2026-10-26", end: "2026-10-27" } });
    expect(payload.sections[0]!.figures.total).toBe(monday.data.total);
    expect(answer.markdown.split("\n")[0]).toContain("Monday, October 26, 2026 (2026-10-26)");
    expect(answer.markdown).not.toContain('called "monday"');
  });

  it("'the last 7 days compared to the 7 days before' sets the week against the seven days before it", async () => {
    for (const question of ["How much did we spend in the last 7 days compared to the 7 days before?", "last 7 days vs the previous 7 days"]) {
      threadId = undefined;
      const section = (await ask(question)).payload.sections[0]!;
      const current = await costTotal(app.db, { period: { start: "2026-10-25", end: "2026-11-01" } });
      const baseline = await costTotal(app.db, { period: { start: "2026-10-18", end: "2026-10-25" } });
      expect(section.figures, question).toMatchObject({ current: current.data.total, baseline: baseline.data.total });
    }
  });

  /** How many values of `key` in `table` had cost in October and none in the 90 days before (new), or the other way round (gone). */
  const changedInOctober = async (table: string, key: string, day: string, which: "new" | "gone", services?: string[]) => {
    const [now, before] = which === "new" ? ["<>", "="] : ["=", "<>"];
    const [row] = await app.db.sql.query<{ n: number }>(
      `WITH v AS (SELECT ${key},
              sum(effective_cost) FILTER (WHERE ${day} >= '2026-10-01' AND ${day} < '2026-11-01') AS now,
              sum(effective_cost) FILTER (WHERE ${day} >= '2026-07-03' AND ${day} < '2026-10-01') AS before
         FROM ${table} WHERE ${key} IS NOT NULL ${services ? "AND service_name = ANY($1)" : ""} GROUP BY ${key})
       SELECT count(*)::int AS n FROM v WHERE coalesce(now, 0) ${now} 0 AND coalesce(before, 0) ${before} 0`,
      services ? [services] : [],
    );
    return row!.n;
  };

  it("'which services had zero spend in September but spend in October?' is the services new in October; 'but nothing' those gone", async () => {
    const count = (which: "new" | "gone") => changedInOctober("cost_daily_rollup", "service_name", "charge_date", which);
    threadId = undefined;
    const added = (await ask("Which services had zero spend in September but spend in October?")).payload.sections[0]!;
    expect(added.title).toBe("New services");
    expect(added.figures).toMatchObject({ count: await count("new"), lookbackStart: "2026-07-03" });
    threadId = undefined;
    const gone = (await ask("Which services had spend in September but nothing in October?")).payload.sections[0]!;
    expect(gone.title).toBe("services with no cost any more");
    expect(gone.figures).toMatchObject({ count: await count("gone"), lookbackStart: "2026-07-03" });
  });

  it("'which resources are new in October?' and 'which resources stopped incurring costs in October?' compare resources with the 90 days before", async () => {
    const count = (which: "new" | "gone") => changedInOctober("cost_line_items", "resource_id", "charge_period_start", which);
    threadId = undefined;
    const added = (await ask("Which resources are new in October?")).payload.sections[0]!;
    expect(added.title).toBe("New resources");
    expect(added.figures).toMatchObject({ count: await count("new"), dimension: "ResourceId" });
    threadId = undefined;
    const gone = (await ask("Which resources stopped incurring costs in October?")).payload.sections[0]!;
    expect(gone.title).toBe("resources with no cost any more");
    expect(gone.figures).toMatchObject({ count: await count("gone"), dimension: "ResourceId" });
    // Instances that stopped running are the machines whose cost ended.
    threadId = undefined;
    const machines = ["Amazon Elastic Compute Cloud", "Virtual Machines", "Compute Engine"];
    const stopped = (await ask("Which instances stopped running in October?")).payload.sections[0]!;
    const stoppedCount = await changedInOctober("cost_line_items", "resource_id", "charge_period_start", "gone", machines);
    // No machine stopped in October in the demo, while other resources did: the answer counts machines only.
    expect(stoppedCount).toBeLessThan(await count("gone"));
    expect(stopped.figures).toMatchObject({ count: stoppedCount, dimension: "ResourceId" });
  });

  it("'how much did our bill increase since July?' is how spend moved from July to the latest complete month, not the period's sum", async () => {
    threadId = undefined;
    const { payload, answer } = await ask("How much did our bill increase since July?");
    const section = payload.sections[0]!;
    const trend = await costTrend(app.db, { period: { start: "2026-07-01", end: "2026-11-01" }, granularity: "month" });
    expect(section.figures).toMatchObject({ first: trend.data.total[0]!.amount, last: trend.data.total.at(-1)!.amount, steps: 3 });
    expect(answer.markdown.split("\n")[0]).toMatch(/ from \$[\d,.]+ in July 2026 to \$[\d,.]+ in October 2026 /);
  });

  it("'is our spend going up?' answers month by month over the last half year, with the way it went", async () => {
    threadId = undefined;
    const { payload, answer } = await ask("Is our spend going up?");
    const section = payload.sections[0]!;
    // The demo's data starts during May 2026: its complete months in the last half year are June to October.
    const months = { start: "2026-06-01", end: "2026-11-01" };
    const trend = await costTrend(app.db, { period: months, granularity: "month" });
    const values = trend.data.total.map((p) => p.value);
    expect(values).toHaveLength(5);
    const rises = values.slice(1).filter((v, i) => v > values[i]!).length;
    const falls = values.slice(1).filter((v, i) => v < values[i]!).length;
    expect(section.figures).toMatchObject({ first: trend.data.total[0]!.amount, last: trend.data.total[4]!.amount, rises, falls, steps: 4 });
    expect(section.tables[0]!.rows.map((r) => r.bucket)).toEqual(["June 2026", "July 2026", "August 2026", "September 2026", "October 2026"]);
    const way = rises > falls ? "Up" : falls > rises ? "Down" : values[4]! >= values[0]! ? "Up, unevenly" : "Down, unevenly";
    expect(answer.markdown.split("\n")[0]).toMatch(
      new RegExp(`^\\*\\*${way}\\*\\*: spend ${rises === falls ? `rose in ${rises} and fell in ${falls} of the` : `(rose|fell) in ${Math.max(rises, falls) === 4 ? "all" : `${Math.max(rises, falls)} of the`}`} 4 month-to-month steps, from \\$[\\d,.]+ in June 2026 to \\$[\\d,.]+ in October 2026`),
    );
    expect(answer.markdown).toContain("the complete months of the last half year (June 2026 to October 2026)");
  });

  it("'how much did our AI spend grow this year?' gives how it moved month by month over the year, not the year's total", async () => {
    threadId = undefined;
    const { payload, answer } = await ask("How much did our AI spend grow this year?");
    const section = payload.sections[0]!;
    // This year's complete months of data: June to October 2026, for the AI and Machine Learning category.
    const months = { start: "2026-06-01", end: "2026-11-01" };
    const trend = await costTrend(app.db, { period: months, granularity: "month", filters: { serviceCategories: ["AI and Machine Learning"] } });
    expect(trend.data.total).toHaveLength(5);
    expect(section.figures).toMatchObject({ first: trend.data.total[0]!.amount, last: trend.data.total[4]!.amount, steps: 4 });
    expect(answer.markdown.split("\n")[0]).toMatch(/ from \$[\d,.]+ in June 2026 to \$[\d,.]+ in October 2026 \([+-][\d.]+%\)/);
  });

  it("'what's our storage growth rate?' leads with the compound monthly growth over the complete months, not a month's total", async () => {
    threadId = undefined;
    const { payload } = await ask("What's our storage growth rate?");
    const section = payload.sections[0]!;
    const months = { start: "2026-06-01", end: "2026-11-01" };
    const trend = await costTrend(app.db, { period: months, granularity: "month", filters: { serviceCategories: ["Storage"] } });
    const [first, last] = [trend.data.total[0]!, trend.data.total.at(-1)!];
    const rate = (Math.pow(last.value / first.value, 1 / 4) - 1) * 100;
    expect(section.figures).toMatchObject({ first: first.amount, last: last.amount, steps: 4 });
    expect(section.figures.averageGrowthPercent as number).toBeCloseTo(rate, 8);
    expect(section.headline).toMatch(
      new RegExp(`^\\*\\*${formatSignedPercent(rate).replace("+", "\\+")} a month\\*\\* on average for Storage, compounded: from \\$[\\d,.]+ in June 2026 to \\$[\\d,.]+ in October 2026 \\([+-][\\d.]+%\\); spend (rose|fell)`),
    );
  });

  it("'what does Azure cost per month?' with no period gives the complete months of the last half year, not one month", async () => {
    threadId = undefined;
    const { payload, answer } = await ask("What does Azure cost per month?");
    const section = payload.sections[0]!;
    const months = { start: "2026-06-01", end: "2026-11-01" };
    const trend = await costTrend(app.db, { period: months, granularity: "month", filters: { providers: ["Microsoft"] } });
    const byMonth = section.tables.find((t) => t.title === "By month")!;
    expect(byMonth.rows.map((r) => [r.bucket, r.amount])).toEqual(trend.data.total.map((p) => [monthLabel(p.bucketStart), p.amount]));
    expect(byMonth.rows).toHaveLength(5);
    expect(answer.markdown).toContain("the complete months of the last half year (June 2026 to October 2026)");
    // An amount a month is asked: the months' average leads, not their sum.
    const average = trend.data.total.reduce((sum, m) => sum + Number(m.amount), 0) / 5;
    expect(section.figures.monthlyAverage).toBeCloseTo(average, 2);
    expect(section.headline).toMatch(new RegExp(`^\\*\\*${formatMoney(average.toFixed(2), "USD").replace(/[$.]/g, "\\$&")} a month\\*\\* on average `));
    expect(section.headline).toContain("over the 5 complete months of data (June 2026 to October 2026)");
    // Likewise for a service category, and for the average asked with no period.
    threadId = undefined;
    const databases = (await ask("How much do we spend on databases per month?")).payload.sections[0]!;
    const dbTrend = await costTrend(app.db, { period: months, granularity: "month", filters: { serviceCategories: ["Databases"] } });
    expect(databases.figures.monthlyAverage).toBeCloseTo(dbTrend.data.total.reduce((sum, m) => sum + Number(m.amount), 0) / 5, 2);
    threadId = undefined;
    const all = (await ask("What's our average monthly spend?")).payload.sections[0]!;
    expect(all.figures).toMatchObject({ completeMonths: 5 });
  });

  it("'how has our spend changed this year?' with no year before in the data tells how spend moved within the year", async () => {
    threadId = undefined;
    const { payload, answer } = await ask("How has our spend changed this year?");
    const section = payload.sections[0]!;
    expect(section.title).toBe("Which way spend is going");
    // The complete months of 2026 the demo holds: June to October (it starts during May and ends on October 31).
    const trend = await costTrend(app.db, { period: { start: "2026-06-01", end: "2026-11-01" }, granularity: "month" });
    expect(section.figures).toMatchObject({ first: trend.data.total[0]!.amount, last: trend.data.total.at(-1)!.amount, steps: 4 });
    expect(answer.markdown).toMatch(/The same days before \(2025-01-01 to 2025-10-31\) are not in the cost data, which starts on \d{4}-\d\d-\d\d: this is how spend moved this year, 2026/);
    // "How much did our AWS bill change year to date?": the same, for AWS.
    threadId = undefined;
    const aws = (await ask("How much did our AWS bill change year to date?")).payload.sections[0]!;
    expect(aws.title).toBe("Which way spend is going");
    const awsTrend = await costTrend(app.db, { period: { start: "2026-06-01", end: "2026-11-01" }, granularity: "month", filters: { providers: ["AWS"] } });
    expect(aws.figures).toMatchObject({ first: awsTrend.data.total[0]!.amount, last: awsTrend.data.total.at(-1)!.amount });
    // Asked year over year, the comparison says there is nothing to compare with.
    threadId = undefined;
    const yoy = await ask("How did this year compare year over year?");
    expect(yoy.answer.markdown).toContain("there is nothing to compare it with");
  });

  it("'how has that changed over the last 4 months?' after AI spend is how AI spend moved month by month within them", async () => {
    threadId = undefined;
    await ask("How much are we spending on AI in October?");
    const { payload } = await ask("how has that changed over the last 4 months?");
    const section = payload.sections[0]!;
    expect(section.title).toBe("Which way spend is going");
    const ai = { serviceCategories: ["AI and Machine Learning"] };
    expect(section.provenance[0]!.filters).toMatchObject(ai);
    const months = await costTrend(app.db, { period: { start: "2026-07-01", end: "2026-11-01" }, granularity: "month", filters: ai });
    const all = await costTrend(app.db, { period: { start: "2026-07-01", end: "2026-11-01" }, granularity: "month" });
    expect(months.data.total[0]!.amount).not.toBe(all.data.total[0]!.amount);
    expect(section.figures).toMatchObject({ first: months.data.total[0]!.amount, last: months.data.total.at(-1)!.amount, steps: 3 });
  });

  it("'the cost trend for S3' is which way S3 spend went, month by month; 'the data platform team' is team=data-platform", async () => {
    threadId = undefined;
    const trendAnswer = await ask("What's the cost trend for S3 over the last 6 months?");
    const trendSection = trendAnswer.payload.sections[0]!;
    // May 2026, where the data starts part-way, is not compared: June to October are.
    expect(trendAnswer.answer.markdown).toMatch(/One month that the data covers only in part is left out: the data runs from \d{4}-\d\d-\d\d to 2026-10-31\./);
    const s3 = { providers: ["AWS"], services: ["Amazon Simple Storage Service"] };
    const months = await costTrend(app.db, { period: { start: "2026-06-01", end: "2026-11-01" }, granularity: "month", filters: s3 });
    expect(trendSection.title).toBe("Which way spend is going");
    expect(trendSection.figures).toMatchObject({ first: months.data.total[0]!.amount, last: months.data.total.at(-1)!.amount });

    threadId = undefined;
    const team = (await ask("How much did the data platform team spend on BigQuery last month?")).payload.sections[0]!;
    const expected = await costTotal(app.db, { period: october, filters: { providers: ["Google Cloud"], services: ["BigQuery"], tags: [{ key: "team", values: ["data-platform"] }] } });
    expect(Number(expected.data.total)).toBeGreaterThan(0);
    expect(team.figures.total).toBe(expected.data.total);
    expect(team.headline).toContain("team=data-platform");
  });

  it("'how much are we spending per hour on compute?' is the last 30 days' compute spend an hour at a time", async () => {
    threadId = undefined;
    const section = (await ask("How much are we spending per hour on compute?")).payload.sections[0]!;
    const expected = await costTotal(app.db, { period: { start: "2026-10-02", end: "2026-11-01" }, filters: { serviceCategories: ["Compute"] } });
    const hourly = Number(expected.data.total) / 30 / 24;
    expect(section.figures).toMatchObject({ total: expected.data.total, days: 30, hourlyAverage: Math.round(hourly * 100) / 100 });
    expect(section.headline).toMatch(new RegExp(`^\\*\\*${formatMoney(hourly.toFixed(2)).replace(/[$.]/g, "\\$&")} an hour\\*\\* on average over the last 30 days of data`));
  });

  it("'if we cut dev spend by 30%, how much would we save per year?' is 30% of dev's cost a month and a year, then the recommendations about dev", async () => {
    threadId = undefined;
    const { payload, answer } = await ask("If we cut dev spend by 30%, how much would we save per year?");
    const ids = (await app.db.sql.query<{ id: string }>(`SELECT DISTINCT sub_account_id AS id FROM cost_daily_rollup WHERE sub_account_name ~* '\\mdev\\M'`)).map((r) => r.id);
    const dev = await costTotal(app.db, { period: october, filters: { subAccountIds: ids } });
    const [cut, recommendations] = payload.sections;
    expect(cut!.figures.total).toBe(dev.data.total);
    const daily = (Number(dev.data.total) * 0.3) / 31;
    expect(cut!.figures).toMatchObject({ reductionPercent: 30, monthlySaving: Math.round(daily * (365 / 12) * 100) / 100, yearlySaving: Math.round(daily * 365 * 100) / 100 });
    expect(answer.markdown).toContain("### A 30% cut");
    expect(cut!.headline).toMatch(/^A 30% cut of dev \(\d+ sub-accounts\) would save \*\*\$[\d,.]+ a month\*\* and \*\*\$[\d,.]+ a year\*\* at the pace of October 2026/);
    expect(recommendations!.agent).toBe("recommendation");
    expect(recommendations!.headline).toContain("about resources in dev");
  });

  it("'what would it cost to run everything in us-east-1?' is the AWS spend in its other regions, not the recommendations, and says the bill cannot price the move", async () => {
    threadId = undefined;
    const { payload, answer } = await ask("What would it cost to run everything in us-east-1?");
    expect(payload.sections.map((s) => s.agent)).toEqual(["cost_analysis"]);
    const section = payload.sections[0]!;
    const regions = await costBreakdown(app.db, { period: october, filters: { providers: ["AWS"] }, dimension: "RegionId", limit: 500 });
    const amountOf = (key: string | null) => regions.data.rows.find((r) => r.key === key)?.amount ?? "0";
    const others = regions.data.rows.filter((r) => r.key !== null && r.key !== "us-east-1" && !r.isOthers);
    const moves = sumDecimals(others.map((r) => r.amount));
    expect(others.length).toBeGreaterThan(0);
    expect(section.figures).toMatchObject({ moves, provider: regions.data.total, alreadyThere: amountOf("us-east-1"), noRegion: amountOf(null) });
    expect(section.headline).toMatch(
      new RegExp(`^\\*\\*${formatMoney(moves).replace(/[$.]/g, "\\$&")}\\*\\* of the ${formatMoney(regions.data.total).replace(/[$.]/g, "\\$&")} spent on AWS in October 2026 ran in ${others.length} regions other than us-east-1: `),
    );
    // Google Cloud's and Azure's spend cannot move to an AWS region.
    expect(section.headline).toContain("cannot move to us-east-1, an AWS region, without a migration to AWS.");
    expect(section.tables[0]!.rows.find((r) => r.label === "us-east-1")).toMatchObject({ move: "already there" });
    expect(answer.markdown).toContain("What the move would cost is not in the bill");
  });

  it("'what would it cost to move prod from us-west-2 to us-east-1?' is prod's spend in us-west-2", async () => {
    threadId = undefined;
    const section = (await ask("What would it cost to move prod from us-west-2 to us-east-1?")).payload.sections[0]!;
    const ids = (await app.db.sql.query<{ id: string }>(`SELECT DISTINCT sub_account_id AS id FROM cost_daily_rollup WHERE sub_account_name ~* '\\mprod\\M'`)).map((r) => r.id);
    const moving = await costTotal(app.db, { period: october, filters: { providers: ["AWS"], regions: ["us-west-2"], subAccountIds: ids } });
    expect(Number(moving.data.total)).toBeGreaterThan(0);
    expect(section.figures.moves).toBe(sumDecimals([moving.data.total]));
    expect(section.headline).toMatch(new RegExp(`^\\*\\*${formatMoney(moving.data.total).replace(/[$.]/g, "\\$&")}\\*\\* was spent in October 2026 on (?=[^:]*us-west-2)(?=[^:]*prod)[^:]*: that is what moving it to us-east-1 would re-price\\.`));
  });

  it("'what if we moved everything to Azure?' is the spend on AWS and Google Cloud, with what would move by service", async () => {
    threadId = undefined;
    const section = (await ask("What if we moved everything to Azure?")).payload.sections[0]!;
    const total = await costTotal(app.db, { period: october });
    const azure = await costTotal(app.db, { period: october, filters: { providers: ["Microsoft"] } });
    const aws = await costTotal(app.db, { period: october, filters: { providers: ["AWS"] } });
    const google = await costTotal(app.db, { period: october, filters: { providers: ["Google Cloud"] } });
    const away = await costBreakdown(app.db, { period: october, filters: { providers: ["AWS", "Google Cloud"] }, dimension: "ServiceName", limit: 10 });
    expect(section.figures).toMatchObject({ total: total.data.total, alreadyThere: azure.data.total, moves: sumDecimals([aws.data.total, google.data.total]) });
    expect(section.headline).toMatch(/^\*\*\$[\d,.]+\*\* of the \$[\d,.]+ spent in October 2026 ran on (AWS and Google Cloud|Google Cloud and AWS): that is what moving everything to Microsoft would re-price/);
    expect(section.tables[1]!.rows.map((r) => r.amount)).toEqual(away.data.rows.map((r) => r.amount));
  });

  it("'how much does EC2 cost per week?' is the last 30 days' daily average, a week at a time", async () => {
    threadId = undefined;
    const section = (await ask("How much does EC2 cost per week?")).payload.sections[0]!;
    const expected = await costTotal(app.db, { period: { start: "2026-10-02", end: "2026-11-01" }, filters: { services: ["Amazon Elastic Compute Cloud"] } });
    const weekly = (Number(expected.data.total) / 30) * 7;
    expect(section.figures).toMatchObject({ total: expected.data.total, days: 30, weeklyAverage: Math.round(weekly * 100) / 100 });
    expect(section.headline).toMatch(new RegExp(`^\\*\\*${formatMoney(weekly.toFixed(2)).replace(/[$.]/g, "\\$&")} a week\\*\\* on average over the last 30 days of data`));
  });

  it("'what's our monthly run rate?' is the last 30 days' daily average, times 365/12 and 365", async () => {
    threadId = undefined;
    const { payload, answer } = await ask("What's our monthly run rate?");
    const section = payload.sections[0]!;
    const last30 = { start: "2026-10-02", end: "2026-11-01" };
    const expected = await costBreakdown(app.db, { period: last30, dimension: "ServiceName" });
    const daily = Number(expected.data.total) / 30;
    expect(section.figures).toMatchObject({
      total: expected.data.total,
      days: 30,
      dailyAverage: Math.round(daily * 100) / 100,
      monthlyRunRate: Math.round(((daily * 365) / 12) * 100) / 100,
      annualRunRate: Math.round(daily * 365 * 100) / 100,
    });
    expect(answer.markdown.split("\n")[0]).toMatch(/^\*\*\$[\d,.]+ a day\*\* on average over the last 30 days of data \(2026-10-02 to 2026-10-31\)/);
    expect(answer.markdown).toContain("a run rate follows the latest spend");
    // "monthly run rate" asks for a rate, not for monthly points: the chart shows the 30 days averaged.
    expect(section.charts[0]!.series[0]!.points).toHaveLength(30);
  });

  it("year over year on five months of data says there is nothing to compare with, instead of a change from $0", async () => {
    threadId = undefined;
    const { payload, answer } = await ask("What was our year over year growth in October?");
    const section = payload.sections[0]!;
    const expected = await costBreakdown(app.db, { period: october, dimension: "ServiceName" });
    expect(section.figures).toEqual({ current: expected.data.total, baseline: null, change: null });
    expect(answer.markdown).toContain("there is nothing to compare it with");
    expect(answer.markdown).toContain("the comparison period (October 2025)");
    expect(section.tables).toEqual([]);
  });

  it("'how does October compare to the same month last year?' is year over year, not the month before", async () => {
    threadId = undefined;
    const { payload, answer } = await ask("How does October compare to the same month last year?");
    expect(payload.sections[0]!.figures).toMatchObject({ baseline: null, change: null });
    expect(answer.markdown).toContain("the comparison period (October 2025)");
  });

  it("a change within one service is explained by its resources, named, with their ids", async () => {
    threadId = undefined;
    const { payload } = await ask("How did EC2 spend in October compare to September?");
    const section = payload.sections[0]!;
    const expected = await comparePeriods(app.db, {
      current: october,
      mode: "MoM",
      filters: { services: ["Amazon Elastic Compute Cloud"] },
      driverDimension: "ResourceId",
      limit: 10,
    });
    const table = section.tables[0]!;
    expect(table.columns.map((c) => c.label).slice(0, 2)).toEqual(["Resource", "ID"]);
    expect(table.rows.map((r) => r.id)).toEqual(expected.data.drivers.map((d) => (d.isOthers ? null : d.key)));
    expect(table.rows.some((r) => r.id !== null && r.label !== r.id)).toBe(true);
    expect(section.figures).toMatchObject({ change: expected.data.change, topDriver: expected.data.drivers[0]!.label });
  });

  it("'why did EC2 spend increase in October?' explains the change by its drivers, then checks it for anomalies", async () => {
    threadId = undefined;
    const { payload, executions } = await ask("Why did EC2 spend increase in October?");
    expect(payload.sections.map((s) => s.agent)).toEqual(["cost_analysis", "anomaly_detection"]);
    const filters = { services: ["Amazon Elastic Compute Cloud"] };
    const change = await comparePeriods(app.db, { current: october, mode: "MoM", filters, driverDimension: "ResourceId", limit: 10 });
    expect(payload.sections[0]!.figures).toMatchObject({ change: change.data.change, topDriver: change.data.drivers[0]!.label });
    const anomalies = await detectAnomalies(app.db, { period: october, filters });
    expect(payload.sections[1]!.figures.count).toBe(anomalies.data.anomalies.length);
    expect(executions.map((e) => e.agentType)).toEqual(expect.arrayContaining(["cost_analysis", "anomaly_detection"]));

    // "What about the month before?" asks the same why of September: its change against August, and its anomalies.
    const september = { start: "2026-09-01", end: "2026-10-01" };
    const before = await ask("what about the month before?");
    expect(before.payload.sections.map((s) => s.agent)).toEqual(["cost_analysis", "anomaly_detection"]);
    const septemberChange = await comparePeriods(app.db, { current: september, mode: "MoM", filters, driverDimension: "ResourceId", limit: 10 });
    expect(before.payload.sections[0]!.figures).toMatchObject({ change: septemberChange.data.change });
    expect(before.payload.sections[1]!.figures.count).toBe((await detectAnomalies(app.db, { period: september, filters })).data.anomalies.length);
  });

  it("'what happened with networking costs in October?' explains the change and checks for anomalies, not a question back", async () => {
    threadId = undefined;
    const { payload } = await ask("What happened with networking costs in October?");
    expect(payload.sections.map((s) => s.agent)).toEqual(["cost_analysis", "anomaly_detection"]);
    const filters = { serviceCategories: ["Networking"] };
    const change = await comparePeriods(app.db, { current: october, mode: "MoM", filters, driverDimension: "ServiceName", limit: 10 });
    expect(payload.sections[0]!.figures).toMatchObject({ change: change.data.change, topDriver: change.data.drivers[0]!.label });
    expect(payload.sections[1]!.figures.count).toBe((await detectAnomalies(app.db, { period: october, filters })).data.anomalies.length);
  });

  it("'which 5 resources grew the most in October?' lists the five that grew the most, none that fell", async () => {
    threadId = undefined;
    const section = (await ask("Which 5 resources grew the most in October?")).payload.sections[0]!;
    const all = await comparePeriods(app.db, { current: october, mode: "MoM", driverDimension: "ResourceId", limit: 100 });
    const grew = all.data.drivers.filter((d) => !d.isOthers && d.key !== null && Number(d.delta) > 0).sort((a, b) => Number(b.delta) - Number(a.delta));
    expect(section.tables[0]!.rows.map((r) => r.id ?? r.label)).toEqual(grew.slice(0, 5).map((d) => d.key));
  });

  it("'which service had the largest increase this year?' with no year before it sets the latest complete month against the first", async () => {
    threadId = undefined;
    const { payload, answer } = await ask("Which service had the largest absolute increase this year?");
    const section = payload.sections[0]!;
    // The demo's first complete month is June 2026, its latest October.
    const expected = await comparePeriods(app.db, { current: october, mode: "custom", baseline: { start: "2026-06-01", end: "2026-07-01" }, driverDimension: "ServiceName", limit: 10 });
    expect(section.figures).toMatchObject({ current: expected.data.current.total, baseline: expected.data.baseline.total });
    expect(section.tables[0]!.rows[0]!.label).toBe(expected.data.drivers[0]!.label);
    expect(answer.markdown).toContain("this sets October 2026, the latest complete month this year, 2026 (2026-01-01 to 2026-12-31), against June 2026, its first.");
  });

  it("'what caused the spike on October 13?' leads with the anomaly, then the day against the same weekday a week before", async () => {
    threadId = undefined;
    const { payload } = await ask("What caused the spike on October 13?");
    expect(payload.sections.map((s) => s.agent)).toEqual(["anomaly_detection", "cost_analysis"]);
    const day = await costTotal(app.db, { period: { start: "2026-10-13", end: "2026-10-14" } });
    const weekBefore = await costTotal(app.db, { period: { start: "2026-10-06", end: "2026-10-07" } });
    expect(payload.sections[1]!.figures).toMatchObject({ current: day.data.total, baseline: weekBefore.data.total });
    expect(payload.sections[1]!.title).toBe("Day vs the same day of the previous week");
  });

  it("'what caused the spike in <month>?' with no anomaly in it leads with the day usage rose most over the same weekday a week before", async () => {
    const months = ["2026-06", "2026-07", "2026-08", "2026-09", "2026-10"].map((m) => ({ start: `${m}-01`, end: addMonths(`${m}-01`, 1) }));
    const quiet: { start: string; end: string }[] = [];
    for (const period of months) if (!(await detectAnomalies(app.db, { period })).data.anomalies.length) quiet.push(period);
    expect(quiet.length).toBeGreaterThan(0);
    const period = quiet[0]!;
    // Usage only, each day against the same weekday a week before.
    const usage = { chargeCategories: ["Usage"] };
    const daily = (await costTrend(app.db, { period: { start: addDaysIso(period.start, -7), end: period.end }, filters: usage, granularity: "day" })).data.total;
    const value = new Map(daily.map((p) => [p.bucketStart, p.value]));
    const top = daily.filter((p) => p.bucketStart >= period.start).map((p) => ({ day: p.bucketStart, rise: p.value - value.get(addDaysIso(p.bucketStart, -7))! })).sort((a, b) => b.rise - a.rise)[0]!;
    const compared = await comparePeriods(app.db, { current: { start: top.day, end: addDaysIso(top.day, 1) }, baseline: { start: addDaysIso(top.day, -7), end: addDaysIso(top.day, -6) }, mode: "custom", filters: usage, limit: 5 });

    threadId = undefined;
    const label = monthLabel(period.start);
    const { payload } = await ask(`What caused the spike in ${label.split(" ")[0]}?`);
    const section = payload.sections.find((s) => s.agent === "anomaly_detection")!;
    expect(section.figures).toMatchObject({ count: 0, biggestJumpDay: top.day, biggestJumpCurrent: compared.data.current.total, biggestJumpChange: compared.data.change });
    expect(section.headline).toMatch(new RegExp(`^\\*\\*No spike stands out in ${label}`));
    expect(section.headline).toContain(`The largest rise was on **${top.day}**`);
    expect(section.headline).toContain(`mostly ${compared.data.drivers[0]!.label} (+${formatMoney(compared.data.drivers[0]!.delta)})`);
    expect(section.tables[0]!.title).toBe(`What rose on ${top.day} (against ${addDaysIso(top.day, -7)})`);
  });

  it("'what drove the increase in our bill last month?' is a why-question: the change by service, then the anomaly check", async () => {
    threadId = undefined;
    const { payload } = await ask("What drove the increase in our bill last month?");
    expect(payload.sections.map((s) => s.agent)).toEqual(["cost_analysis", "anomaly_detection"]);
    const change = await comparePeriods(app.db, { current: october, mode: "MoM", driverDimension: "ServiceName", limit: 10 });
    expect(payload.sections[0]!.figures).toMatchObject({ change: change.data.change });
  });

  it("'spend for team ml over the last 3 months by month' is team=ml's spend, not the AI and ML category's", async () => {
    threadId = undefined;
    const { payload } = await ask("Show me spend for team ml from August to October by month");
    const period = { start: "2026-08-01", end: "2026-11-01" };
    const team = await costTotal(app.db, { period, filters: { tags: [{ key: "team", values: ["ml"] }] } });
    expect(payload.sections[0]!.figures.total).toBe(team.data.total);
    expect(payload.sections[0]!.headline).toContain("team=ml");
    expect(payload.sections[0]!.headline).not.toContain("Machine Learning");
  });

  it("'how come S3 is up in October?' is a why-question too: the change's drivers, then the anomaly check", async () => {
    threadId = undefined;
    const { payload } = await ask("How come S3 is up in October?");
    expect(payload.sections.map((s) => s.agent)).toEqual(["cost_analysis", "anomaly_detection"]);
    const filters = { services: ["Amazon Simple Storage Service"] };
    const change = await comparePeriods(app.db, { current: october, mode: "MoM", filters, driverDimension: "ResourceId", limit: 10 });
    expect(payload.sections[0]!.figures).toMatchObject({ change: change.data.change, topDriver: change.data.drivers[0]!.label });
  });

  it("'what happened with the NAT gateway costs in October?' explains the month: the change's drivers, then the anomalies", async () => {
    threadId = undefined;
    const { payload } = await ask("What happened with the NAT gateway costs in October?");
    expect(payload.sections.map((s) => s.agent)).toEqual(["cost_analysis", "anomaly_detection"]);
    // NAT gateways on every cloud: AWS bills them under VPC, Google Cloud as Cloud NAT, Azure as NAT Gateway.
    const filters = { services: ["Amazon Virtual Private Cloud", "Cloud NAT", "NAT Gateway"], serviceCategories: ["Networking"] };
    const change = await comparePeriods(app.db, { current: october, mode: "MoM", filters, driverDimension: "ResourceId", limit: 10 });
    expect(payload.sections[0]!.figures).toMatchObject({ change: change.data.change, topDriver: change.data.drivers[0]!.label });
    const anomalies = await detectAnomalies(app.db, { period: october, filters });
    expect(payload.sections[1]!.figures.count).toBe(anomalies.data.anomalies.length);
  });

  it("'which accounts are growing fastest?' names the fastest as its table row does, the id beside a name two sub-accounts share", async () => {
    threadId = undefined;
    const { payload, answer } = await ask("Which accounts are growing fastest month over month?");
    const rows = payload.sections[0]!.tables[0]!.rows;
    // The demo has two sub-accounts named acme-staging (and two acme-dev): the fastest is one of them.
    expect(rows[0]!.label).toMatch(/^acme-(staging|dev) \(.+\)$/);
    expect(answer.markdown.split("\n")[0]).toMatch(new RegExp(`^\\*\\*${String(rows[0]!.label).replace(/[()]/g, "\\$&")}\\*\\* grew the fastest: `));
  });

  it("'which services are growing fastest?' ranks by percentage change among services worth 1% of the earlier month", async () => {
    threadId = undefined;
    const { payload, answer } = await ask("Which services are growing fastest month over month?");
    const expected = await comparePeriods(app.db, { current: october, mode: "MoM", driverDimension: "ServiceName", limit: 100 });
    const floor = Number(expected.data.baseline.total) * 0.01;
    const material = expected.data.drivers.filter((d) => !d.isOthers && d.deltaPercent !== null && Number(d.baseline) >= floor);
    const ranked = [...material].sort((a, b) => b.deltaPercent! - a.deltaPercent!).slice(0, 10);
    // The ranking differs from the one by amount, or this test would prove nothing.
    expect(ranked.map((d) => d.label)).not.toEqual(expected.data.drivers.filter((d) => !d.isOthers).slice(0, 10).map((d) => d.label));
    const section = payload.sections[0]!;
    expect(section.figures.topByRate).toBe(ranked[0]!.label);
    expect(section.tables[0]!.rows.map((r) => r.label)).toEqual(ranked.map((d) => d.label));
    expect(answer.markdown).toContain("Ranked by percentage change, among the services that cost at least");
    // The fastest leads the answer, with its change in percent and money.
    expect(answer.markdown.split("\n")[0].startsWith(`**${ranked[0]!.label}** grew the fastest: ${formatSignedPercent(ranked[0]!.deltaPercent)} (`)).toBe(true);
    // The slowest growth ranks from the bottom.
    threadId = undefined;
    const slowest = (await ask("Which services are growing slowest month over month?")).payload.sections[0]!;
    const bottom = [...material].sort((a, b) => a.deltaPercent! - b.deltaPercent!)[0]!;
    expect(slowest.figures.topByRate).toBe(bottom.label);
    expect(slowest.headline.startsWith(`**${bottom.label}** grew the least: `)).toBe(true);
  });

  it("anomalies: the count, total excess and largest are detectAnomalies' over the last 30 days of data", async () => {
    const { payload, executions } = await ask("Any cost anomalies in the last 30 days?");
    const expected = await detectAnomalies(app.db, { period: { start: "2026-10-02", end: "2026-11-01" } });
    expect(payload.sections[0]!.figures).toMatchObject({
      count: expected.data.anomalies.length,
      totalExcess: expected.data.totalExcess.amount,
      largest: expected.data.anomalies[0]!.key,
    });
    expect(expected.data.anomalies.length).toBeGreaterThan(0);
    expect(executions.map((e) => e.agentType)).toContain("anomaly_detection");
    expect(payload.sections[0]!.charts[0]!.markers!.length).toBeGreaterThan(0);
  });

  it("'which one cost the most?' after a year's anomalies leads with the largest of them, not the largest service", async () => {
    threadId = undefined;
    await ask("What anomalies did we have this year?");
    const { payload } = await ask("which one cost the most?");
    const expected = await detectAnomalies(app.db, { period: { start: "2026-01-01", end: "2026-11-01" } });
    expect(expected.data.anomalies.length).toBeGreaterThan(1);
    const [top] = expected.data.anomalies;
    const section = payload.sections[0]!;
    expect(section.agent).toBe("anomaly_detection");
    expect(section.figures).toMatchObject({ count: expected.data.anomalies.length, largestExcess: top!.excess.amount });
    expect(section.headline).toMatch(new RegExp(`^\\*\\*${top!.key}\\*\\*, from ${top!.start} to ${addDaysIso(top!.end, -1)}, cost the most: ${formatMoney(top!.excess.amount).replace("$", "\\$")} above the expected baseline`));
  });

  it("'how much did the Bedrock spike cost us?' names its one anomaly, its days and its cost over the baseline", async () => {
    threadId = undefined;
    const period = { start: "2026-10-02", end: "2026-11-01" };
    const expected = await detectAnomalies(app.db, { period, filters: { services: ["Amazon Bedrock"] } });
    expect(expected.data.anomalies).toHaveLength(1);
    const [spike] = expected.data.anomalies;
    const section = (await ask("How much did the Bedrock spike cost us in the last 30 days?")).payload.sections.find((x) => x.agent === "anomaly_detection")!;
    expect(section.headline).toContain(
      `**1 cost anomaly** between 2026-10-02 and 2026-10-31 for AWS, Amazon Bedrock: **Amazon Bedrock**, from ${spike!.start} to ${addDaysIso(spike!.end, -1)}, ` +
        `${formatMoney(spike!.excess.amount)} above the expected baseline (${formatMoney(spike!.actual.amount)} against ${formatMoney(spike!.expected.amount)}, ${formatSignedPercent(spike!.excessPercent)}).`,
    );
  });

  it("a week without anomalies says so, with no empty table of them", async () => {
    threadId = undefined;
    // The demo's last week (2026-10-26 to 2026-10-31 in its data) holds none of its injected incidents.
    const week = { start: "2026-10-26", end: "2026-11-01" };
    const expected = await detectAnomalies(app.db, { period: week });
    expect(expected.data.anomalies).toEqual([]);
    const section = (await ask("Are there any anomalies this week?")).payload.sections.find((x) => x.agent === "anomaly_detection")!;
    expect(section.headline).toMatch(/^\*\*No anomalies\*\* between 2026-10-26 and 2026-10-31/);
    expect(section.tables).toEqual([]);
    // One day asked is "on" it, not "between" it and itself.
    expect((await detectAnomalies(app.db, { period: { start: "2026-10-27", end: "2026-10-28" } })).data.anomalies).toEqual([]);
    threadId = undefined;
    const day = (await ask("Were there any cost spikes on October 27?")).payload.sections.find((x) => x.agent === "anomaly_detection")!;
    expect(day.headline).toMatch(/^\*\*No anomalies\*\* on 2026-10-27:/);
  });

  it("'any anomalies this month?' before the month has data says so and looks at the last days of data, not 'no anomalies' over none", async () => {
    threadId = undefined;
    // November (DEMO_NOW 2026-11-01) has no data yet: its 30 days become the 30 days to 2026-10-31.
    const expected = await detectAnomalies(app.db, { period: { start: "2026-10-02", end: "2026-11-01" } });
    expect(expected.data.anomalies.length).toBeGreaterThan(0);
    const section = (await ask("Any cost anomalies this month?")).payload.sections.find((x) => x.agent === "anomaly_detection")!;
    expect(section.headline).toMatch(/^There is no cost data for this month, November 2026 .* yet \(it ends on 2026-10-31\), so this looks at the last 30 days of data\. \*\*\d+ cost anomal(?:y|ies)\*\* between 2026-10-02 and 2026-10-31/);
    expect(section.figures).toMatchObject({ count: expected.data.anomalies.length, totalExcess: expected.data.totalExcess.amount });
  });

  it("'what caused the biggest one?' after the anomalies leads with what drove the largest, from detectAnomalies' contributors", async () => {
    threadId = undefined;
    await ask("Any cost anomalies in the last 30 days?");
    const { payload } = await ask("What caused the biggest one?");
    const section = payload.sections.find((x) => x.agent === "anomaly_detection")!;
    const expected = await detectAnomalies(app.db, { period: { start: "2026-10-02", end: "2026-11-01" } });
    const largest = expected.data.anomalies[0]!;
    const drivers = largest.contributors.resources.length ? largest.contributors.resources : largest.contributors.skus;
    expect(drivers.length).toBeGreaterThan(0);
    expect(section.figures.largestContributorExcess).toBe(drivers[0]!.excess.amount);
    expect(section.headline).toMatch(/^\*\*The largest anomaly, .+ from \d{4}-\d\d-\d\d to \d{4}-\d\d-\d\d \(\$[\d,.]+ above expected\), came from\*\* /);
    expect(section.headline).toContain(`${drivers[0]!.label ?? drivers[0]!.key} (${formatMoney(drivers[0]!.excess.amount)} over its expected ${formatMoney(drivers[0]!.expected.amount)})`);
    const table = section.tables.find((t) => t.title.startsWith("What drove the largest anomaly"))!;
    expect(table.rows.map((r) => r.excess)).toEqual(drivers.map((d) => d.excess.amount));
  });

  it("'how much would that save per year?' after a rightsizing answer gives those savings a year, not every open recommendation", async () => {
    threadId = undefined;
    const first = (await ask("Which EC2 instances should we downsize?")).payload.sections[0]!;
    expect(first.agent).toBe("infrastructure");
    const { payload } = await ask("How much would that save per year?");
    const section = payload.sections[0]!;
    expect(section.agent).toBe("infrastructure");
    expect(section.figures).toMatchObject({ savingsMin: first.figures.savingsMin, savingsMax: first.figures.savingsMax });
    expect(Number(section.figures.savingsMaxYear)).toBeCloseTo(Number(first.figures.savingsMax) * 12, 6);
    expect(section.headline).toMatch(/ a year\*\* \(\$[\d,.]+( – \$[\d,.]+)? a month × 12\) could be saved on /);
  });

  it("'how confident is that?' after a forecast leads with the intervals and the backtest error", async () => {
    threadId = undefined;
    await ask("Forecast our spend for the next 3 months");
    const { payload } = await ask("How confident is that?");
    const section = payload.sections[0]!;
    expect(section.agent).toBe("forecasting");
    const expected = (await forecastCost(app.db, { horizonMonths: 3 })).data;
    const month = section.headline.match(/^\*\*(\d{4}-\d\d): 80% likely between /)?.[1];
    const row = [expected.currentMonth, ...expected.months].find((m) => m.month === month)!;
    expect(row).toBeDefined();
    expect(section.headline).toContain(
      `**${row.month}: 80% likely between ${formatMoney(row.interval80.lower.amount)} and ${formatMoney(row.interval80.upper.amount)}**`,
    );
    expect(section.headline).toContain(`95% between ${formatMoney(row.interval95.lower.amount)} and ${formatMoney(row.interval95.upper.amount)}.`);
    expect(section.headline).toContain(`missed their totals by ${formatPercent(expected.backtest!.mapeMonthly)} on average (MAPE)`);
  });

  it("'how accurate was last month's forecast?' leads with what the model forecast for the last complete months against what they cost", async () => {
    threadId = undefined;
    const { payload } = await ask("How accurate was last month's forecast?");
    const section = payload.sections[0]!;
    expect(section.agent).toBe("forecasting");
    const backtest = (await forecastCost(app.db, { horizonMonths: 1 })).data.backtest!;
    expect(backtest.months.length).toBeGreaterThan(0);
    expect(section.figures.backtestMapeMonthly).toBe(backtest.mapeMonthly);
    const first = backtest.months[0]!;
    expect(section.headline).toMatch(new RegExp(`^\\*\\*Off by ${formatPercent(backtest.mapeMonthly).replace(".", "\\.")} on average \\(MAPE\\)\\*\\*: fitted on the data before ${backtest.trainEnd}, the model forecast `));
    expect(section.headline).toContain(`${formatMoney(first.forecast.amount)} for ${monthLabel(`${first.month}-01`)} (it cost ${formatMoney(first.actual.amount)}, `);
    expect(section.tables[0]!.rows.map((r) => [r.forecast, r.actual])).toEqual(backtest.months.map((m) => [m.forecast.amount, m.actual.amount]));
  });

  it("'who owns the most expensive resource?' leads with that resource's owner and team tags and where it is billed", async () => {
    threadId = undefined;
    const { payload } = await ask("Who owns the most expensive resource in October?");
    const section = payload.sections[0]!;
    const top = (await costBreakdown(app.db, { period: october, dimension: "ResourceId", limit: 5 })).data.rows.find((r) => !r.isOthers && r.key !== null)!;
    const [latest] = await app.db.sql.query<{ tags: Record<string, string> | null; name: string; account: string }>(
      `SELECT tags, resource_name AS name, sub_account_name AS account FROM cost_line_items
        WHERE resource_id = $1 AND charge_date >= '2026-10-01' AND charge_date < '2026-11-01' ORDER BY charge_date DESC LIMIT 1`,
      [top.key],
    );
    const owning = Object.entries(latest!.tags ?? {}).filter(([k, v]) => ["owner", "team"].includes(k) && !DEFAULT_PLACEHOLDER_VALUES.includes(v.toLowerCase()));
    expect(owning.length).toBeGreaterThan(0);
    expect(section.headline).toMatch(new RegExp(`^\\*\\*${latest!.name}\\*\\* is tagged `));
    for (const [k, v] of owning) expect(section.headline.split("\n")[0]).toContain(`${k}=${v}`);
    expect(section.headline).toContain(`billed to ${latest!.account}.`);
    expect(section.provenance.map((p) => p.description)).toContain(`Tags of ${latest!.name}`);
    // One resource named: its own tags.
    threadId = undefined;
    const named = (await ask(`Which team owns ${latest!.name}?`)).payload.sections[0]!;
    expect(named.headline).toMatch(new RegExp(`^\\*\\*${latest!.name}\\*\\* is tagged `));

    // Several: each one listed gets its owner (its first owning tag: owner, else team…), and who owns most leads.
    threadId = undefined;
    const many = (await ask("Who owns our most expensive resources in October?")).payload.sections[0]!;
    const table = many.tables[0]!;
    expect(table.columns.map((c) => c.key)).toContain("owner");
    const listed = table.rows.filter((r) => typeof r.id === "string");
    expect(listed.length).toBeGreaterThan(1);
    const expected = new Map<string, number>();
    for (const row of listed) {
      const [tagged] = await app.db.sql.query<{ tags: Record<string, string> | null }>(
        `SELECT tags FROM cost_line_items WHERE resource_id = $1 AND charge_date >= '2026-10-01' AND charge_date < '2026-11-01'
          ORDER BY charge_date DESC, (tags IS NULL) LIMIT 1`,
        [row.id],
      );
      const real = (key: string) => {
        const value = tagged!.tags?.[key];
        return value && !DEFAULT_PLACEHOLDER_VALUES.includes(value.toLowerCase()) ? `${key}=${value}` : null;
      };
      const owner = real("owner") ?? real("team") ?? real("cost-center") ?? real("app") ?? "(no owner tag)";
      expect(row.owner, String(row.label)).toBe(owner);
      if (owner !== "(no owner tag)") expected.set(owner, (expected.get(owner) ?? 0) + 1);
    }
    const most = Math.max(...expected.values());
    expect(expected.get(String(many.figures.topOwner))).toBe(most);
    expect(many.headline).toMatch(new RegExp(`^\\*\\*${String(many.figures.topOwner).replace(/[.$]/g, "\\$&")}\\*\\* owns ${most} of the ${listed.length} most expensive resources`));
  });

  it("'how many resources are idle?' leads with how many, then what they would save", async () => {
    threadId = undefined;
    const section = (await ask("How many resources are idle?")).payload.sections[0]!;
    expect(section.agent).toBe("infrastructure");
    const n = Number(section.figures.resources);
    expect(n).toBeGreaterThan(1);
    expect(section.headline).toMatch(new RegExp(`^\\*\\*${n} resources are idle or orphaned\\*\\*: \\$[\\d,.]+`));
  });

  it("'how much did we spend on weekends in October?' leads with the weekend days' usage cost in all, then the average day", async () => {
    threadId = undefined;
    const section = (await ask("How much did we spend on weekends in October?")).payload.sections[0]!;
    const [row] = await app.db.sql.query<{ total: string; days: number; all: string }>(
      `SELECT sum(effective_cost) FILTER (WHERE extract(isodow FROM charge_date) IN (6, 7))::text AS total,
              count(DISTINCT charge_date) FILTER (WHERE extract(isodow FROM charge_date) IN (6, 7))::int AS days, sum(effective_cost)::text AS all
         FROM cost_daily_rollup WHERE charge_category = 'Usage' AND charge_date >= '2026-10-01' AND charge_date < '2026-11-01'`,
    );
    expect(Number(section.figures.total)).toBeCloseTo(Number(row!.total), 6);
    expect(section.headline).toMatch(new RegExp(`^\\*\\*${formatMoney(row!.total).replace(/[$.]/g, "\\$&")} on the ${row!.days} weekend days\\*\\* in October 2026`));
    expect(section.headline).toContain("a weekend day** against");
  });

  it("'is our EC2 spend higher on weekends?' with the same cost every day says so, not '0.0% less'", async () => {
    threadId = undefined;
    const section = (await ask("Is our EC2 spend higher on weekends in October?")).payload.sections[0]!;
    // The demo's EC2 instances run around the clock: a weekend day's usage is a weekday's, to the cent.
    expect(section.figures.weekendAverage).toBe(section.figures.weekdayAverage);
    expect(section.headline).toContain(": a weekend day costs the same as a weekday (usage charges");
  });

  it("'what's our spend by day of week?' averages each weekday's usage cost and leads with the costliest and the cheapest", async () => {
    threadId = undefined;
    const section = (await ask("What's our spend by day of week in October?")).payload.sections[0]!;
    const trend = await costTrend(app.db, { period: october, granularity: "day", filters: { chargeCategories: ["Usage"] } });
    const names = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
    const byDay = names.map((name, i) => {
      const days = trend.data.total.filter((p) => (new Date(`${p.bucketStart}T00:00:00Z`).getUTCDay() + 6) % 7 === i);
      return { name, count: days.length, total: fromUnits(days.reduce((sum, p) => sum + toUnits(p.amount), 0n)), average: days.reduce((s, p) => s + p.value, 0) / days.length };
    });
    const table = section.tables.find((t) => t.title === "By day of the week")!;
    expect(table.rows.map((r) => [r.day, r.count, r.total])).toEqual(byDay.map((d) => [d.name, d.count, d.total]));
    const ranked = [...byDay].sort((a, b) => b.average - a.average);
    expect(section.figures).toMatchObject({ costliestWeekday: ranked[0]!.name, cheapestWeekday: ranked[6]!.name });
    expect(section.figures.costliestWeekdayAverage).toBeCloseTo(ranked[0]!.average, 2);
    expect(section.headline).toMatch(new RegExp(`^\\*\\*${ranked[0]!.name} costs the most on average: \\$[\\d,.]+ a day\\*\\* in October 2026 .*; ${ranked[6]!.name} the least`));
  });

  it("forecast: the month totals and intervals are forecastCost's", async () => {
    const { payload } = await ask("Forecast our spend for the next 3 months");
    const expected = await forecastCost(app.db, { horizonMonths: 3 });
    expect(payload.sections[0]!.figures).toMatchObject({
      currentMonthTotal: expected.data.currentMonth.total.amount,
      currentMonthLower80: expected.data.currentMonth.interval80.lower.amount,
      backtestMapeMonthly: expected.data.backtest?.mapeMonthly ?? null,
    });
    // The month in progress by its name, not its key.
    threadId = undefined;
    const month = (await ask("What's the spend forecast?")).payload.sections[0]!;
    expect(month.figures.currentMonth).toBe("2026-11");
    expect(month.headline).toContain(`** expected for November 2026 (80% interval `);
  });

  it("'what's our cheapest month this year?' names the whole month that cost the least, not the cheapest service", async () => {
    threadId = undefined;
    const { payload, answer } = await ask("What's our cheapest month this year?");
    const monthly = (await costTrend(app.db, { period: { start: "2026-06-01", end: "2026-11-01" }, granularity: "month" })).data.total;
    const cheapest = [...monthly].sort((a, b) => a.value - b.value)[0]!;
    const section = payload.sections[0]!;
    expect(section.figures).toMatchObject({ peak: cheapest.bucketStart, peakAmount: cheapest.amount, ranking: "least", buckets: 5 });
    expect(answer.markdown.split("\n")[0]).toMatch(new RegExp(`^\\*\\*${monthLabel(cheapest.bucketStart)}\\*\\* cost the least this year`));
    expect(section.tables[0]!.rows.map((r) => r.amount)).toEqual([...monthly].sort((a, b) => a.value - b.value).map((p) => p.amount));
  });

  it("'which day had the highest spend last month?' names the day with costTrend's largest daily cost", async () => {
    threadId = undefined;
    const { payload } = await ask("Which day had the highest spend last month?");
    const daily = (await costTrend(app.db, { period: october, granularity: "day" })).data.total;
    const top = [...daily].sort((a, b) => b.value - a.value)[0]!;
    const section = payload.sections[0]!;
    expect(section.figures).toMatchObject({ peak: top.bucketStart, peakAmount: top.amount, buckets: 31 });
    expect(section.headline).toContain(`**${top.bucketStart}** cost the most`);
    expect(section.tables[0]!.rows[0]).toEqual({ bucket: top.bucketStart, amount: top.amount });
    // October 1 carries October's tax: the day that cost the most without the monthly charges is named too.
    expect(top.bucketStart).toBe("2026-10-01");
    const usage = (await costTrend(app.db, { period: october, granularity: "day", filters: { chargeCategories: ["Usage", "Credit", "Adjustment"] } })).data.total;
    const usageTop = [...usage].sort((a, b) => b.value - a.value)[0]!;
    expect(usageTop.bucketStart).not.toBe(top.bucketStart);
    expect(section.figures).toMatchObject({ peakWithoutMonthlyCharges: usageTop.bucketStart, peakWithoutMonthlyChargesAmount: usageTop.amount });
    expect(section.headline).toContain(`without them, the most expensive day was **${usageTop.bucketStart}** (${formatMoney(usageTop.amount)}).`);
    // A month, when asked for one.
    const monthly = (await costTrend(app.db, { period: { start: "2026-06-01", end: "2026-11-01" }, granularity: "month" })).data.total;
    const topMonth = [...monthly].sort((a, b) => b.value - a.value)[0]!;
    expect((await ask("Which month cost the most between June and October?")).payload.sections[0]!.figures.peak).toBe(topMonth.bucketStart);
    // A week: the headline is a sentence ("The week of …"), the table's "Week of" column holds the dates.
    const weekly = (await costTrend(app.db, { period: { start: "2026-06-01", end: "2026-11-01" }, granularity: "week" })).data.total;
    const topWeek = [...weekly].filter((w) => w.bucketStart >= "2026-06-01").sort((a, b) => b.value - a.value)[0]!;
    const week = (await ask("What was our most expensive week between June and October?")).payload.sections[0]!;
    expect(week.headline.startsWith(`**The week of ${topWeek.bucketStart}** cost the most`)).toBe(true);
    expect(week.tables[0]!.rows[0]).toEqual({ bucket: topWeek.bucketStart, amount: topWeek.amount });
    // The week of October 26 runs past the data (to October 31): not ranked or averaged, and said so. June 1 is a
    // Monday, so the whole weeks are the 21 from June 1 to the week of October 19.
    const wholeWeeks = weekly.filter((w) => w.bucketStart >= "2026-06-01" && w.bucketStart <= "2026-10-19");
    expect(wholeWeeks).toHaveLength(21);
    expect(week.figures.buckets).toBe(21);
    expect(week.figures.average).toBeCloseTo(wholeWeeks.reduce((sum, w) => sum + w.value, 0) / 21, 2);
    expect(week.markdown).toContain("The week of 2026-10-26 holds only part of its days here and is left out.");
    // Days after the data ends are not days of zero cost: Q4's average day is October's.
    threadId = undefined;
    const q4 = (await ask("Which day had the highest spend in Q4?")).payload.sections[0]!;
    const octoberTotal = daily.reduce((sum, d) => sum + Number(d.amount), 0);
    expect(q4.figures).toMatchObject({ peak: top.bucketStart, buckets: 31 });
    expect(q4.figures.average).toBeCloseTo(octoberTotal / 31, 2);
  });

  it("'what was our highest spending day ever?' ranks every day of the data, not last month's", async () => {
    threadId = undefined;
    const { payload, answer } = await ask("What was our highest spending day ever?");
    const range = (await costDataRange(app.db))!;
    const all = { start: range.start, end: addDaysIso(range.end, 1) };
    const daily = (await costTrend(app.db, { period: all, granularity: "day" })).data.total;
    const top = [...daily].sort((a, b) => b.value - a.value)[0]!;
    const section = payload.sections[0]!;
    expect(section.figures).toMatchObject({ peak: top.bucketStart, peakAmount: top.amount, buckets: daily.length });
    expect(daily.length).toBeGreaterThan(100);
    expect(answer.markdown).toContain(`"Ever" covers all the cost data: ${range.start} to ${range.end}.`);
  });

  it("'show spend on our biggest resource over time' follows the largest resource month by month, not a ranking of last month", async () => {
    threadId = undefined;
    const { payload, answer } = await ask("Show spend on our biggest resource over time");
    const halfYear = { start: "2026-06-01", end: "2026-11-01" }; // the complete months of the last half year the data holds
    const ranking = await costBreakdown(app.db, { period: halfYear, dimension: "ResourceId", limit: 5 });
    const top = ranking.data.rows.find((r) => !r.isOthers && r.key !== null)!;
    const monthly = (await costTrend(app.db, { period: halfYear, granularity: "month", filters: { resourceIds: [top.key!] } })).data.total;
    const section = payload.sections[0]!;
    expect(section.figures).toMatchObject({ topKey: top.key, topAmount: top.amount, first: monthly[0]!.amount, last: monthly.at(-1)!.amount });
    expect(section.tables[0]!.rows.map((r) => r.amount)).toEqual(monthly.map((p) => p.amount));
    expect(answer.markdown.split("\n")[0]).toMatch(/^\*\*.+\*\* is the largest resource in June 2026 to October 2026 \(\$[\d,.]+, [\d.]+% of all\)\. \*\*(Up|Down)/);

    // The largest service this year, followed month by month.
    threadId = undefined;
    const services = await ask("How has our most expensive service trended this year?");
    const year = { start: "2026-01-01", end: "2026-11-01" };
    const topService = (await costBreakdown(app.db, { period: year, dimension: "ServiceName", limit: 5 })).data.rows[0]!;
    expect(services.payload.sections[0]!.figures).toMatchObject({ topKey: topService.key });
    expect(services.answer.markdown.split("\n")[0]).toContain(`**${topService.label}** is the largest service`);
  });

  it("'what is the most we've ever spent in a month?' ranks every month of the data, not services", async () => {
    threadId = undefined;
    const { payload, answer } = await ask("What is the most we've ever spent in a month?");
    const range = (await costDataRange(app.db))!;
    const all = { start: range.start, end: addDaysIso(range.end, 1) };
    const monthly = (await costTrend(app.db, { period: all, granularity: "month" })).data.total;
    const top = [...monthly].sort((a, b) => b.value - a.value)[0]!;
    const section = payload.sections[0]!;
    expect(section.figures).toMatchObject({ peak: top.bucketStart, peakAmount: top.amount });
    expect(monthly.length).toBeGreaterThanOrEqual(5);
    expect(answer.markdown.split("\n")[0]).toMatch(/^\*\*[A-Z][a-z]+ 2026\*\* cost the most in all the data/);
  });

  it("'which day cost the most last month, and why?' sets it against the same weekday a week before, and names the period charges", async () => {
    threadId = undefined;
    const { payload, answer } = await ask("Which day cost the most last month, and why?");
    const daily = (await costTrend(app.db, { period: october, granularity: "day" })).data.total;
    const top = [...daily].sort((a, b) => b.value - a.value)[0]!;
    const current = { start: top.bucketStart, end: addDaysIso(top.bucketStart, 1) };
    const baseline = { start: addDaysIso(top.bucketStart, -7), end: addDaysIso(top.bucketStart, -6) };
    const byService = await comparePeriods(app.db, { current, mode: "custom", baseline, driverDimension: "ServiceName", limit: 5 });
    const byCharge = await comparePeriods(app.db, { current, mode: "custom", baseline, driverDimension: "ChargeCategory", limit: 5 });
    const section = payload.sections[0]!;
    expect(section.figures).toMatchObject({ peak: top.bucketStart, whyBaseline: byService.data.baseline.total, whyChange: byService.data.change });
    expect(section.tables[1]!.rows.map((r) => [r.label, r.delta])).toEqual(byService.data.drivers.map((d) => [d.label, d.delta]));
    expect(answer.markdown).toContain(
      `**Why:** ${top.bucketStart} cost ${formatMoney(top.amount)}, up ${formatMoney(byService.data.change)} from ${formatMoney(byService.data.baseline.total)} on the same weekday a week before (${baseline.start}).`,
    );
    // The demo dates each month's tax on its first day, which makes the first the peak: the answer says why.
    expect(top.bucketStart.endsWith("-01")).toBe(true);
    const tax = byCharge.data.drivers.find((d) => d.key === "Tax")!;
    expect(Number(tax.delta)).toBeGreaterThan(0);
    expect(answer.markdown).toContain(`taxes (${formatMoney(tax.delta)})`);
    expect(answer.markdown).toContain("which FOCUS dates on the period's first day");
    // Without "why", the peak alone.
    threadId = undefined;
    expect((await ask("Which day cost the most last month?")).answer.markdown).not.toContain("**Why:**");
  });

  it("'what's the average monthly spend this year?' averages the complete months of data only", async () => {
    threadId = undefined;
    const { payload } = await ask("What's the average monthly spend this year?");
    // The data runs from 2026-06-01 to 2026-10-31: June to October are complete, November and December have none.
    const months = (await costTrend(app.db, { period: { start: "2026-06-01", end: "2026-11-01" }, granularity: "month" })).data.total;
    expect(months).toHaveLength(5);
    const total = months.reduce((sum, m) => sum + Number(m.amount), 0);
    const section = payload.sections[0]!;
    expect(section.figures).toMatchObject({ completeMonths: 5 });
    expect(Number(section.figures.completeMonthsTotal)).toBeCloseTo(total, 2);
    expect(section.figures.monthlyAverage).toBeCloseTo(total / 5, 2);
    expect(section.headline).toContain("over the 5 complete months of data (June 2026 to October 2026)");
  });

  it("'forecast end of year spend' is the year as a whole: its complete months' cost plus each later month's forecast", async () => {
    threadId = undefined;
    const { payload } = await ask("Forecast end of year spend");
    // The data ends on 2026-10-31: November is the month in progress, then December.
    const forecast = await forecastCost(app.db, { horizonMonths: 2 });
    expect(forecast.data.currentMonth.month).toBe("2026-11");
    const december = forecast.data.months.filter((m) => m.month.startsWith("2026"));
    expect(december.map((m) => m.month)).toEqual(["2026-12"]);
    const spent = await costTotal(app.db, { period: { start: "2026-01-01", end: "2026-11-01" } });
    const parts = [spent.data.total, forecast.data.currentMonth.total.amount, ...december.map((m) => m.total.amount)];
    const micros = parts.reduce((sum, p) => sum + BigInt(Math.round(Number(p) * 1e6)), 0n);
    const section = payload.sections[0]!;
    expect(section.figures).toMatchObject({ year: "2026", yearSpentBeforeThisMonth: spent.data.total });
    expect(Math.abs(Number(section.figures.yearTotal) - Number(micros) / 1e6)).toBeLessThan(0.006);
    expect(section.headline).toContain(`${formatMoney(String(section.figures.yearTotal))}** expected for 2026 as a whole`);
    expect(section.markdown).toContain("earlier days of 2026 are not in it");

    // "The rest of the year": what is still to be spent leads (November's forecast less its actual days, December's).
    threadId = undefined;
    const rest = (await ask("Forecast our spend for the rest of the year")).payload.sections[0]!;
    const left = Number(forecast.data.currentMonth.total.amount) - Number(forecast.data.currentMonth.actualToDate.amount) + december.reduce((sum, m) => sum + Number(m.total.amount), 0);
    expect(Math.abs(Number(rest.figures.restOfYear) - left)).toBeLessThan(0.006);
    expect(rest.headline).toMatch(new RegExp(`^\\*\\*${formatMoney(String(rest.figures.restOfYear)).replace(/[$.]/g, "\\$&")}\\*\\* still to be spent in 2026: `));
    expect(rest.headline).toContain(`more in November 2026 (its `);
    expect(rest.headline).toContain(`in December 2026; `);
    expect(rest.headline).toContain(`for 2026 as a whole.`);
  });

  it("'what will we spend this week?' / 'the next 7 days' lead with those days: their actual cost, then the forecast of the rest", async () => {
    // The data ends on Saturday 2026-10-31: this week runs from Monday 2026-10-26 to Sunday 2026-11-01.
    threadId = undefined;
    const week = (await forecastCost(app.db, { horizonMonths: 1, span: { start: "2026-10-26", end: "2026-11-02" } })).data.span!;
    expect(week).toMatchObject({ actualDays: 6, forecastDays: 1 });
    const actual = await costTotal(app.db, { period: { start: "2026-10-26", end: "2026-11-01" } });
    expect(week.actualToDate.value).toBeCloseTo(Number(actual.data.total), 2);
    const section = (await ask("What will we spend this week?")).payload.sections[0]!;
    expect(section.figures).toMatchObject({ askedTotal: week.total.amount, askedActual: week.actualToDate.amount, askedForecast: week.forecastRemainder.amount });
    expect(section.headline).toMatch(
      new RegExp(`^\\*\\*${formatMoney(week.total.amount).replace("$", "\\$")}\\*\\* expected for this week \\(2026-10-26 to 2026-11-01\\)`),
    );
    expect(section.headline).toContain(`${formatMoney(actual.data.total)} already spent in its 6 days to 2026-10-31, ${formatMoney(week.forecastRemainder.amount)} forecast for the 1 day after`);
    expect(section.markdown).toContain(`= **${formatMoney(week.total.amount)}**`);

    threadId = undefined;
    const next = (await forecastCost(app.db, { horizonMonths: 1, span: { start: "2026-11-01", end: "2026-11-08" } })).data.span!;
    const seven = (await ask("What will we spend in the next 7 days?")).payload.sections[0]!;
    expect(seven.figures.askedTotal).toBe(next.total.amount);
    expect(seven.headline).toContain(`expected for the next 7 days (2026-11-01 to 2026-11-07) (80% interval ${formatMoney(next.interval80.lower.amount)} – ${formatMoney(next.interval80.upper.amount)}): all 7 days forecast`);

    // "By Friday": from today (Sunday 2026-11-01) through the coming Friday, not the month.
    threadId = undefined;
    const toFriday = (await forecastCost(app.db, { horizonMonths: 1, span: { start: "2026-11-01", end: "2026-11-07" } })).data.span!;
    const friday = (await ask("What will we spend by Friday?")).payload.sections[0]!;
    expect(friday.figures.askedTotal).toBe(toFriday.total.amount);
    expect(friday.headline).toMatch(
      new RegExp(`^\\*\\*${formatMoney(toFriday.total.amount).replace("$", "\\$")}\\*\\* expected for the days up to Friday, November 6, 2026 \\(2026-11-01 to 2026-11-06\\).*: all 6 days forecast`),
    );
  });

  it("'what will we spend next quarter?' leads with that quarter's months, summed exactly; 'next month' with its own", async () => {
    threadId = undefined;
    // The data ends on 2026-10-31: the next quarter is Q1 2027, ending four months after November, the one in progress.
    const forecast = await forecastCost(app.db, { horizonMonths: 4 });
    const q1 = forecast.data.months.filter((m) => m.month.startsWith("2027"));
    expect(q1.map((m) => m.month)).toEqual(["2027-01", "2027-02", "2027-03"]);
    const micros = q1.reduce((sum, m) => sum + BigInt(Math.round(Number(m.total.amount) * 1e6)), 0n);
    const section = (await ask("What will we spend next quarter?")).payload.sections[0]!;
    expect(Math.abs(Number(section.figures.askedTotal) - Number(micros) / 1e6)).toBeLessThan(0.006);
    expect(section.headline).toMatch(new RegExp(`^\\*\\*${formatMoney(String(section.figures.askedTotal)).replace("$", "\\$")}\\*\\* expected for next quarter, Q1 2027`));
    expect(section.headline).toContain(`${formatMoney(q1[0]!.total.amount)} for 2027-01`);

    threadId = undefined;
    const december = forecast.data.months[0]!;
    expect(december.month).toBe("2026-12");
    const next = (await ask("forecast next month")).payload.sections[0]!;
    expect(next.figures.askedTotal).toBe(december.total.amount);
    expect(next.headline).toContain(`(80% interval ${formatMoney(december.interval80.lower.amount)} – ${formatMoney(december.interval80.upper.amount)})`);

    // "What's our Azure bill going to be next month?": Azure's forecast (it said there was no cost data for it yet).
    threadId = undefined;
    const azure = (await forecastCost(app.db, { horizonMonths: 2, filters: { providers: ["Microsoft"] } })).data.months.find((m) => m.month === "2026-12")!;
    const going = (await ask("What's our Azure bill going to be next month?")).payload.sections[0]!;
    expect(going.agent).toBe("forecasting");
    expect(going.figures.askedTotal).toBe(azure.total.amount);

    // "By provider": each provider forecast from its own history, for the month asked.
    threadId = undefined;
    const byProvider = (await ask("What's the forecast for December by provider?")).payload.sections[0]!;
    const table = byProvider.tables.find((t) => t.title === "Forecast by provider, 2026-12")!;
    const providers = (await costBreakdown(app.db, { period: { start: addDaysIso(forecast.data.asOf, -30), end: forecast.data.asOf }, dimension: "ProviderName" })).data.rows;
    expect(table.rows.map((r) => r.label)).toEqual(providers.map((r) => r.label));
    // Each with the whole's smoothing and first day, so that the providers, which hold every cost, add up to it.
    const { alpha, beta, gamma } = forecast.data.parameters;
    for (const row of table.rows) {
      const own = await forecastCost(app.db, {
        asOf: forecast.data.asOf,
        horizonMonths: 2,
        filters: { providers: [String(row.label)] },
        smoothing: { alpha, beta, gamma },
        historyStart: forecast.data.history.start,
      });
      const december = own.data.months.find((m) => m.month === "2026-12")!;
      expect([row.total, row.lower80, row.upper80]).toEqual([december.total.amount, december.interval80.lower.amount, december.interval80.upper.amount]);
    }
    expect(Math.abs(table.rows.reduce((t, r) => t + Number(r.total), 0) - december.total.value)).toBeLessThan(0.05);
    expect(byProvider.markdown).toContain(`with the smoothing fitted to all costs (α ${alpha}, β ${beta}, γ ${gamma}) and from the same first day, so the parts add up to the whole`);
    expect(byProvider.headline).toContain(`By provider: ${table.rows.map((r) => `${r.label} ${formatMoney(String(r.total))}`).join(", ")}.`);

    // "The next 3 months" are the whole months after the current one, summed, not the current month.
    threadId = undefined;
    const three = (await ask("Forecast our spend for the next 3 months")).payload.sections[0]!;
    const coming = forecast.data.months.slice(0, 3);
    expect(coming.map((m) => m.month)).toEqual(["2026-12", "2027-01", "2027-02"]);
    expect(three.figures.askedTotal).toBe(sumDecimals(coming.map((m) => m.total.amount)));
    expect(three.headline).toMatch(new RegExp(`^\\*\\*${formatMoney(String(three.figures.askedTotal)).replace("$", "\\$")}\\*\\* expected for the next 3 months \\(2026-12-01 to 2027-02-28\\)`));

    // A team's forecast is that team's history projected, and the headline says whose.
    threadId = undefined;
    const ml = (await ask("What will the ml team spend next month?")).payload.sections[0]!;
    const own = await forecastCost(app.db, { horizonMonths: 2, filters: { tags: [{ key: "team", values: ["ml"] }] } });
    const mlDecember = own.data.months.find((m) => m.month === "2026-12")!;
    expect(ml.figures.askedTotal).toBe(mlDecember.total.amount);
    expect(ml.headline).toMatch(new RegExp(`^\\*\\*${formatMoney(mlDecember.total.amount).replace("$", "\\$")}\\*\\* expected for next month, December 2026 \\(2026-12-01 to 2026-12-31\\) for team=ml \\(80% interval`));
  });

  it("'forecast next month by team' ends its table with the rest, so the rows add up to the whole forecast", async () => {
    threadId = undefined;
    const section = (await ask("Forecast next month by team")).payload.sections[0]!;
    const table = section.tables.find((t) => t.title === "Forecast by team, 2026-12")!;
    const rest = table.rows.at(-1)!;
    expect(rest.label).toBe("The rest (other teams, no team)");
    const whole = (await forecastCost(app.db, { horizonMonths: 2 })).data.months.find((m) => m.month === "2026-12")!;
    expect(section.figures.wholeTotal).toBe(sumDecimals([whole.total.amount]));
    const units = (v: unknown) => toUnits(String(v));
    expect(table.rows.reduce((t, r) => t + units(r.total), 0n)).toBe(units(section.figures.wholeTotal));
    expect(section.markdown).toContain(`and ${formatMoney(String(rest.total))} for the rest, of ${formatMoney(whole.total.amount)} forecast for all costs.`);
  });

  it("'which accounts have the most idle resources?' groups the idle findings by sub-account, each resource once", async () => {
    threadId = undefined;
    const { payload, answer } = await ask("Which accounts have the most idle resources?");
    const expected = await rightsizingFindings(app.db, { period: { start: "2026-10-02", end: "2026-11-01" }, actions: ["terminate-idle", "delete-orphaned"] });
    const perAccount = new Map<string, Set<string>>();
    for (const f of expected.data.findings) {
      const name = f.subAccountName ?? "(none)";
      perAccount.set(name, (perAccount.get(name) ?? new Set()).add(f.resourceId));
    }
    const [byAccount, findings] = payload.sections[0]!.tables;
    expect(byAccount!.title).toBe("By sub-account");
    expect(Object.fromEntries(byAccount!.rows.map((r) => [r.label, r.resources]))).toEqual(
      Object.fromEntries([...perAccount].map(([name, ids]) => [name, ids.size])),
    );
    const most = Math.max(...[...perAccount.values()].map((ids) => ids.size));
    expect(byAccount!.rows[0]!.resources).toBe(most);
    expect(findings!.title).toBe("Findings");
    const leaders = byAccount!.rows.filter((r) => r.resources === most).map((r) => r.label);
    expect(answer.markdown.split("\n")[0]).toMatch(new RegExp(`^\\*\\*${leaders.join(", ")}\\*\\* ${leaders.length === 1 ? "has" : "have"} the most: ${most} resources?${leaders.length > 1 ? " each" : ""}\\. `));
  });

  it("'do we have any unattached disks?' checks disks for orphaned charges only, says there are none, and counts the other orphaned resources", async () => {
    const period = { start: "2026-10-02", end: "2026-11-01" };
    threadId = undefined;
    const { payload, answer } = await ask("Do we have any unattached disks?");
    expect(payload.intent).toBe("resource_utilization");
    const disks = await rightsizingFindings(app.db, { period, actions: ["delete-orphaned"], resourceKinds: ["disk"] });
    expect(disks.data.findings).toEqual([]); // the demo bill has no disks
    // Nor has it orphaned resources of other kinds: the answer names none.
    const orphaned = await rightsizingFindings(app.db, { period, actions: ["delete-orphaned"] });
    expect(payload.sections[0]!.figures).toMatchObject({ findings: 0, otherResources: orphaned.data.resourceCount });
    expect(answer.markdown.split("\n")[0]).toBe("**No orphaned disks or volumes**: none met the orphaned criteria between 2026-10-02 and 2026-10-31.");
    expect(answer.markdown).toContain("A disk's charges do not say whether it is attached");
    // Idle disks: none either, and the idle resources of other kinds are counted.
    threadId = undefined;
    const idle = await ask("Are any disks idle?");
    const others = await rightsizingFindings(app.db, { period, actions: ["terminate-idle", "delete-orphaned"] });
    expect(others.data.resourceCount).toBeGreaterThan(0);
    const { min, max } = others.data.totalEstimatedMonthlySavings;
    expect(idle.answer.markdown.split("\n")[0]).toBe(
      `**No idle or orphaned disks or volumes**: none met the idle or orphaned criteria between 2026-10-02 and 2026-10-31. Of other resources, ` +
        `${others.data.resourceCount} are idle or orphaned (${min.amount === max.amount ? formatMoney(max.amount, "USD") : `${formatMoney(min.amount, "USD")} – ${formatMoney(max.amount, "USD")}`} a month): ` +
        `ask about idle or orphaned resources for them.`,
    );
  });

  it("'which databases are idle?' keeps the idle findings on databases", async () => {
    threadId = undefined;
    const { payload } = await ask("Which databases are idle?");
    const expected = await rightsizingFindings(app.db, {
      period: { start: "2026-10-02", end: "2026-11-01" }, filters: { serviceCategories: ["Databases"] }, actions: ["terminate-idle", "delete-orphaned"], resourceKinds: ["database"],
    });
    expect(expected.data.resourceCount).toBeGreaterThan(0);
    const all = await rightsizingFindings(app.db, { period: { start: "2026-10-02", end: "2026-11-01" }, actions: ["terminate-idle", "delete-orphaned"] });
    expect(all.data.resourceCount).toBeGreaterThan(expected.data.resourceCount);
    expect(payload.sections[0]!.figures).toMatchObject({ resources: expected.data.resourceCount, savingsMax: expected.data.totalEstimatedMonthlySavings.max.amount });
  });

  it("'what's the cost of idle resources by team?' groups the idle findings by their team tag, untagged and placeholders pooled", async () => {
    threadId = undefined;
    const { payload, answer } = await ask("What's the cost of idle resources by team?");
    const expected = await rightsizingFindings(app.db, { period: { start: "2026-10-02", end: "2026-11-01" }, actions: ["terminate-idle", "delete-orphaned"] });
    const perTeam = new Map<string, Set<string>>();
    for (const f of expected.data.findings) {
      const team = f.tags.team && !DEFAULT_PLACEHOLDER_VALUES.includes(f.tags.team.trim().toLowerCase()) ? f.tags.team : "(untagged or placeholder)";
      perTeam.set(team, (perTeam.get(team) ?? new Set()).add(f.resourceId));
    }
    expect(perTeam.size).toBeGreaterThan(1);
    const byTeam = payload.sections[0]!.tables[0]!;
    expect(byTeam.title).toBe("By team");
    expect(byTeam.columns[0]!.label).toBe("team");
    expect(Object.fromEntries(byTeam.rows.map((r) => [r.label, r.resources]))).toEqual(Object.fromEntries([...perTeam].map(([team, ids]) => [team, ids.size])));
    expect(answer.markdown).toContain("By team:\n");
    expect(answer.markdown.split("\n")[0]).not.toContain("the most:");
  });

  it("'which regions have the most idle resources?' groups the idle findings by region, from the line items' RegionId", async () => {
    threadId = undefined;
    const { payload } = await ask("Which regions have the most idle resources?");
    const expected = await rightsizingFindings(app.db, { period: { start: "2026-10-02", end: "2026-11-01" }, actions: ["terminate-idle", "delete-orphaned"] });
    const [withRegion] = await app.db.sql.query<{ n: number }>(
      `SELECT count(DISTINCT resource_id)::int AS n FROM cost_line_items WHERE resource_id = ANY($1::text[]) AND region_id IS NOT NULL`,
      [expected.data.findings.map((f) => f.resourceId)],
    );
    expect(withRegion!.n).toBeGreaterThan(0);
    const perRegion = new Map<string, Set<string>>();
    for (const f of expected.data.findings) perRegion.set(f.regionId ?? "(none)", (perRegion.get(f.regionId ?? "(none)") ?? new Set()).add(f.resourceId));
    const byRegion = payload.sections[0]!.tables[0]!;
    expect(byRegion.title).toBe("By region");
    expect(Object.fromEntries(byRegion.rows.map((r) => [r.label, r.resources]))).toEqual(Object.fromEntries([...perRegion].map(([name, ids]) => [name, ids.size])));
  });

  it("rightsizing and commitments: savings and utilisation are the analyses'", async () => {
    const rightsizing = await ask("Which instances should we rightsize?");
    const findings = await rightsizingFindings(app.db, { period: { start: "2026-10-02", end: "2026-11-01" } });
    const wanted = findings.data.findings.filter((f) => f.action === "downsize" || f.action === "terminate-idle");
    expect(rightsizing.payload.sections[0]!.figures.findings).toBe(wanted.length);
    // Each card names its resource, as the Recommendations page does: two "Downsize r6i.8xlarge" are two instances.
    const cards = rightsizing.payload.sections[0]!.recommendations.map((r) => r.title);
    expect(cards.length).toBeGreaterThan(0);
    expect(cards).toEqual(wanted.slice(0, cards.length).map((f) => `${f.proposedAction} (${f.resourceName ?? f.resourceId})`));

    const commitments = await ask("How well are our reserved instances and savings plans utilised last month?");
    const expected = await commitmentAnalysis(app.db, { period: october });
    expect(commitments.payload.sections[0]!.figures.utilizationPercent).toBe(expected.data.totals.utilizationPercent);
  });

  it("'anomalies by account' scores each sub-account's daily cost and names the accounts", async () => {
    threadId = undefined;
    const { payload } = await ask("Any cost anomalies by account in October?");
    const expected = await detectAnomalies(app.db, { period: october, dimension: "SubAccountId" });
    expect(expected.data.anomalies.length).toBeGreaterThan(0);
    const section = payload.sections[0]!;
    expect(section.figures.count).toBe(expected.data.anomalies.length);
    const table = section.tables[0]!;
    expect(table.columns[0]!.label).toBe("Sub-account");
    expect(table.rows.map((r) => [r.id ?? r.key, r.excess])).toEqual(expected.data.anomalies.map((a) => [a.key, a.excess.amount]));
    // Named as the data names them, not by id.
    expect(table.rows.every((r) => r.key !== r.id)).toBe(true);
  });

  it("'cost per day in October compared to September' leads with the daily averages, months of different lengths", async () => {
    threadId = undefined;
    const section = (await ask("What was our cost per day in October compared to September?")).payload.sections[0]!;
    const october_ = await costTotal(app.db, { period: october });
    const september = await costTotal(app.db, { period: { start: "2026-09-01", end: "2026-10-01" } });
    const now = Number(october_.data.total) / 31;
    const before = Number(september.data.total) / 30;
    expect(section.figures).toMatchObject({ days: 31, baselineDays: 30, dailyAverage: Math.round(now * 100) / 100, baselineDailyAverage: Math.round(before * 100) / 100 });
    expect(section.headline).toMatch(
      new RegExp(`^\\*\\*${formatMoney(now).replace("$", "\\$")} a day\\*\\* on average in October 2026 .*\\(31 days\\), (up|down) [\\d.]+% from ${formatMoney(before).replace("$", "\\$")} a day in September 2026 \\(30 days\\)\\. In all: `),
    );
    // Not said again below.
    expect(section.markdown).not.toContain("per day, spend went from");
  });

  it("'commitment coverage by service' lists each eligible service's coverage and names the least covered large one", async () => {
    threadId = undefined;
    const { payload } = await ask("What is our commitment coverage by service last month?");
    const expected = await commitmentAnalysis(app.db, { period: october });
    const section = payload.sections[0]!;
    expect(section.tables[0]!.title).toBe("Coverage by service");
    const byEligible = [...expected.data.coverage].sort((x, y) => y.eligible.value - x.eligible.value);
    expect(section.tables[0]!.rows.map((r) => [r.service, r.eligible, r.covered, r.coverage])).toEqual(
      byEligible.map((c) => [c.serviceName, c.eligible.amount, c.covered.amount, c.coveragePercent]),
    );
    const material = byEligible.filter((c) => c.eligible.value >= 0.05 * expected.data.totals.eligible.value);
    const least = [...material].sort((x, y) => (x.coveragePercent ?? 0) - (y.coveragePercent ?? 0))[0]!;
    expect(section.headline).toContain(`The least covered of the larger services is **${least.serviceName}** (${least.providerName}): ${formatPercent(least.coveragePercent)}`);
  });

  it("'how much are we spending on savings plans?' gives what they cost, used and unused, not a question back", async () => {
    threadId = undefined;
    const { payload, executions } = await ask("How much are we spending on Savings Plans?");
    expect(payload.intent).toBe("reserved_instance_analysis");
    expect(executions.map((e) => e.agentType)).toContain("optimization");
    const section = payload.sections[0]!;
    const expected = await commitmentAnalysis(app.db, { period: october });
    const plans = expected.data.commitments.filter((c) => c.commitmentDiscountType === "Savings Plan");
    expect(plans.length).toBeGreaterThan(0);
    const used = sumDecimals(plans.map((c) => c.used.amount));
    const unused = sumDecimals(plans.map((c) => c.unused.amount));
    expect(section.figures).toMatchObject({ commitmentUsed: used, commitmentUnused: unused, commitmentCost: sumDecimals([used, unused]) });
    expect(section.headline).toMatch(
      new RegExp(`^\\*\\*${formatMoney(sumDecimals([used, unused])).replace("$", "\\$")} on Savings Plans\\*\\* in October 2026, their amortized cost: ${formatMoney(used).replace("$", "\\$")} of it covered usage and ${formatMoney(unused).replace("$", "\\$")} went unused`),
    );
  });

  it("'what's our Savings Plan utilization?' leads with the Savings Plans; 'saved from reservations' with what the reservations saved", async () => {
    threadId = undefined;
    const section = (await ask("What's our Savings Plan utilization last month?")).payload.sections[0]!;
    const expected = await commitmentAnalysis(app.db, { period: october });
    const plans = expected.data.commitments.filter((c) => c.commitmentDiscountType === "Savings Plan");
    expect(plans.length).toBeGreaterThan(0);
    expect(plans.length).toBeLessThan(expected.data.commitments.length);
    const used = plans.reduce((sum, c) => sum + c.used.value, 0);
    const unused = plans.reduce((sum, c) => sum + c.unused.value, 0);
    expect(Number(section.figures.namedUsed)).toBeCloseTo(used, 2);
    expect(Number(section.figures.namedUnused)).toBeCloseTo(unused, 2);
    expect(section.figures.namedUtilizationPercent).toBeCloseTo((used / (used + unused)) * 100, 6);
    expect(section.headline).toMatch(/^\*\*Savings Plans\*\* were \*\*[\d.]+% utilised\*\* last month/);
    expect(section.headline).toContain(`All commitments were **`);
    expect(section.tables[0]!.rows.slice(0, plans.length).map((r) => r.type)).toEqual(plans.map(() => "Savings Plan"));

    threadId = undefined;
    const saved = (await ask("How much did we save from reservations last month?")).payload.sections[0]!;
    const metrics = await savingsMetrics(app.db, { period: october });
    // What the reservations saved, from their own usage rows (FOCUS CommitmentDiscountType), of all commitments' savings.
    const [reserved] = await app.db.sql.query<{ saved: string }>(
      `SELECT sum(contracted_cost - effective_cost)::text AS saved FROM cost_line_items
       WHERE charge_date >= $1 AND charge_date < $2 AND charge_category = 'Usage' AND commitment_discount_type ILIKE '%reserv%'`,
      [october.start, october.end],
    );
    expect(Number(reserved!.saved)).toBeGreaterThan(0);
    expect(Number(reserved!.saved)).toBeLessThan(Number(metrics.data.total.commitmentSavings));
    expect(toUnits(String(saved.figures.namedCommitmentSavings))).toBe(toUnits(sumDecimals([reserved!.saved])));
    expect(saved.headline).toMatch(new RegExp(`^\\*\\*${formatMoney(reserved!.saved).replace("$", "\\$")}\\*\\* saved by Reservations last month`));
    expect(saved.headline).toContain(`of ${formatMoney(metrics.data.total.commitmentSavings)} saved by all commitments`);
    expect(saved.headline).toContain(`${formatMoney(metrics.data.total.totalSavings)} was saved against list price`);
    expect(saved.tables.find((t) => t.title === "Commitment savings by type")!.rows.map((r) => r.type).sort()).toEqual(
      [...new Set(metrics.data.byCommitmentType.map((t) => t.commitmentDiscountType))].sort(),
    );
    // Commitments in general: all of them together.
    threadId = undefined;
    for (const question of ["How much did we save from commitments last month?", "How much did our commitments save last month?"]) {
      threadId = undefined;
      const all = (await ask(question)).payload.sections[0]!;
      expect(all.headline, question).toMatch(new RegExp(`^\\*\\*${formatMoney(metrics.data.total.commitmentSavings).replace("$", "\\$")}\\*\\* saved by commitments`));
    }
    // "Did our savings plans save…": the Savings Plans' own savings, not what more could be saved.
    threadId = undefined;
    expect((await ask("How much did our savings plans save last month?")).payload.sections[0]!.figures.named).toBe("Savings Plans");
  });

  it("'which account has the highest commitment coverage?' ranks the sub-accounts by their own coverage, not the services", async () => {
    threadId = undefined;
    const { payload, answer } = await ask("Which account had the highest commitment coverage last month?");
    const expected = (await commitmentCoverage(app.db, { period: october, by: "SubAccountId" })).data.rows;
    const eligible = expected.reduce((sum, r) => sum + r.eligible.value, 0);
    const material = expected.filter((r) => r.key !== null && r.eligible.value >= 0.01 * eligible);
    const lead = [...material].sort((a, b) => (b.coveragePercent ?? -1) - (a.coveragePercent ?? -1))[0]!;
    expect(lead.coveragePercent).toBeGreaterThan(0);
    const section = payload.sections[0]!;
    expect(section.tables[0]!.title).toBe("Commitment coverage by sub-account");
    const coverages = section.tables[0]!.rows.map((r) => r.coverage as number | null);
    expect(coverages).toEqual([...coverages].sort((a, b) => (b ?? -1) - (a ?? -1)));
    expect(section.tables[0]!.rows.map((r) => r.eligible).sort()).toEqual(expected.map((r) => r.eligible.amount).sort());
    expect(section.figures.coverageLeadPercent).toBe(lead.coveragePercent);
    expect(String(section.figures.coverageLead)).toContain(lead.name!);
    expect(answer.markdown.split("\n")[0]).toMatch(new RegExp(`^\\*\\*${lead.name}.*\\*\\* has the highest commitment coverage last month, October 2026 .*: \\*\\*${formatPercent(lead.coveragePercent)}\\*\\* of its `));

    // The lowest, asked.
    threadId = undefined;
    const lowest = (await ask("Which region has the lowest commitment coverage last month?")).payload.sections[0]!;
    const regions = (await commitmentCoverage(app.db, { period: october, by: "RegionId" })).data.rows;
    const regionEligible = regions.reduce((sum, r) => sum + r.eligible.value, 0);
    const least = regions.filter((r) => r.key !== null && r.eligible.value >= 0.01 * regionEligible).sort((a, b) => (a.coveragePercent ?? -1) - (b.coveragePercent ?? -1))[0]!;
    expect(lowest.tables[0]!.title).toBe("Commitment coverage by region");
    expect(lowest.figures).toMatchObject({ coverageLead: least.key, coverageLeadPercent: least.coveragePercent });

    // One kind named: only what it covered counts (an Azure subscription has no AWS savings plan covering it).
    threadId = undefined;
    const plans = (await ask("What was our savings plan coverage by account last month?")).payload.sections[0]!;
    const planRows = (await commitmentCoverage(app.db, { period: october, by: "SubAccountId", commitmentTypes: ["savings plan"] })).data.rows;
    expect(plans.tables[0]!.title).toBe("Savings Plans coverage by sub-account");
    const coveredOf = (rows: Array<Record<string, unknown>>) => rows.map((r) => [r.eligible, r.covered]).sort();
    expect(coveredOf(plans.tables[0]!.rows)).toEqual(coveredOf(planRows.map((r) => ({ eligible: r.eligible.amount, covered: r.covered.amount }))));
    expect(planRows.reduce((sum, r) => sum + r.covered.value, 0)).toBeLessThan(expected.reduce((sum, r) => sum + r.covered.value, 0));
    expect(plans.headline).toMatch(/\*\* has the highest Savings Plans coverage last month/);
  });

  it("'our commitment coverage trend over the last 4 months' is coverage and utilisation month by month, from commitmentTrend", async () => {
    threadId = undefined;
    const { payload, answer } = await ask("What's our commitment coverage trend over the last 4 months?");
    const section = payload.sections[0]!;
    expect(section.title).toBe("Commitment coverage and utilisation by month");
    const expected = (await commitmentTrend(app.db, { period: { start: "2026-07-01", end: "2026-11-01" } })).data.months;
    expect(section.tables[0]!.rows.map((r) => [r.month, r.covered, r.eligible, r.coverage, r.utilization])).toEqual(
      expected.map((m) => [monthLabel(m.month), m.covered.amount, m.eligible.amount, m.coveragePercent, m.utilizationPercent]),
    );
    expect(section.figures).toMatchObject({ months: 4, firstCoveragePercent: expected[0]!.coveragePercent, lastCoveragePercent: expected[3]!.coveragePercent });
    expect(answer.markdown.split("\n")[0]).toContain(`Commitments covered **${formatPercent(expected[3]!.coveragePercent)}** of eligible usage in October 2026, against ${formatPercent(expected[0]!.coveragePercent)} in July 2026`);
  });

  it("'our savings plan utilization trend over the last 4 months' leads with the Savings Plans' own utilisation month by month", async () => {
    threadId = undefined;
    const { payload } = await ask("What's our savings plan utilization trend over the last 4 months?");
    const section = payload.sections[0]!;
    const months = (await commitmentTrend(app.db, { period: { start: "2026-07-01", end: "2026-11-01" } })).data.months;
    const plans = (m: (typeof months)[number]) => {
      const own = m.byType.filter((t) => /savings plan/i.test(t.type ?? ""));
      const used = own.reduce((s, t) => s + t.used.value, 0);
      const unused = own.reduce((s, t) => s + t.unused.value, 0);
      return (used / (used + unused)) * 100;
    };
    // The Savings Plans are used better than the commitments as a whole: the answer is about them, not the whole.
    expect(plans(months[3]!)).not.toBeCloseTo(months[3]!.utilizationPercent!, 0);
    expect(section.figures.namedLastUtilizationPercent).toBeCloseTo(plans(months[3]!), 8);
    expect(section.tables[0]!.rows.map((r) => r.namedUtilization)).toEqual(months.map((m) => expect.closeTo(plans(m), 8)));
    expect(section.headline).toMatch(/^\*\*Savings Plans\*\* were \*\*[\d.]+% utilised\*\* in October 2026, against [\d.]+% in July 2026 \(.+\)\. All commitments covered/);
  });

  it("'should we buy a savings plan?' leads with the purchases the analysis recommends, then today's commitments", async () => {
    threadId = undefined;
    const section = (await ask("Should we buy a savings plan?")).payload.sections[0]!;
    const expected = (await commitmentAnalysis(app.db, { period: october })).data;
    expect(expected.recommendations.length).toBeGreaterThan(0);
    const n = expected.recommendations.length;
    expect(section.headline).toMatch(new RegExp(`^\\*\\*Yes, on ${n} providers?\\*\\* — `));
    for (const r of expected.recommendations) {
      expect(section.headline).toContain(`${r.providerName}: ${purchaseAction(r, "USD")}, saving about ${formatMoney(r.estimatedMonthlySavings.amount)} a month`);
    }
    expect(section.headline).toContain("**Savings Plans** were **");
  });

  it("'which reservations are underutilised?' names the ones below the utilisation target, the least used first", async () => {
    threadId = undefined;
    const section = (await ask("Which reservations were underutilised in October?")).payload.sections[0]!;
    const expected = (await commitmentAnalysis(app.db, { period: october })).data;
    const reservations = expected.commitments.filter((c) => /reserv/i.test(c.commitmentDiscountType ?? ""));
    const below = reservations.filter((c) => c.utilizationPercent! < 95).sort((a, b) => a.utilizationPercent! - b.utilizationPercent!);
    expect(below.length).toBeGreaterThan(0);
    expect(below.length).toBeLessThan(reservations.length);
    expect(section.figures.belowTarget).toBe(below.length);
    expect(section.headline).toMatch(new RegExp(`^\\*\\*${below.length} of ${reservations.length} reservations (?:is|are) below the 95% utilisation target\\*\\* in October 2026`));
    for (const c of below) expect(section.headline).toContain(`${c.commitmentDiscountName} at ${formatPercent(c.utilizationPercent)} (${formatMoney(c.unused.amount)} unused)`);
    // The table: the reservations first, the least used first, then the other commitments.
    const names = section.tables.find((t) => t.title === "Commitments")!.rows.map((r) => r.name);
    expect(names.slice(0, reservations.length)).toEqual([...reservations].sort((a, b) => a.utilizationPercent! - b.utilizationPercent!).map((c) => c.commitmentDiscountName));
  });

  it("'is our commitment utilization healthy?' answers yes or no against the target; 'is our coverage good enough?' by what a purchase would save", async () => {
    threadId = undefined;
    const section = (await ask("Is our commitment utilization healthy in October?")).payload.sections[0]!;
    const expected = (await commitmentAnalysis(app.db, { period: october })).data;
    const utilization = expected.totals.utilizationPercent!;
    expect(utilization).toBeLessThan(95);
    const below = expected.commitments.filter((c) => c.utilizationPercent !== null && c.utilizationPercent < 95);
    expect(section.figures.healthy).toBe("no");
    expect(section.headline).toMatch(
      new RegExp(`^\\*\\*No: commitments were ${formatPercent(utilization).replace(".", "\\.")} utilised in October 2026 .*, under the 95% target\\*\\*; ${below.length} of ${expected.commitments.length} fall short: `),
    );
    for (const c of below) expect(section.headline).toContain(`${c.commitmentDiscountName} at ${formatPercent(c.utilizationPercent)}`);
    // Savings Plans alone are above the target: yes, for them.
    threadId = undefined;
    const plans = expected.commitments.filter((c) => /savings plan/i.test(c.commitmentDiscountType ?? ""));
    const plansUsed = Number(sumDecimals(plans.map((c) => c.used.amount)));
    const plansUtilization = (plansUsed / (plansUsed + Number(sumDecimals(plans.map((c) => c.unused.amount))))) * 100;
    expect(plansUtilization).toBeGreaterThanOrEqual(95);
    const planSection = (await ask("Is our savings plan utilization healthy in October?")).payload.sections[0]!;
    expect(planSection.figures.healthy).toBe("yes");
    expect(planSection.headline).toMatch(new RegExp(`^\\*\\*Yes: savings plans were ${formatPercent(plansUtilization).replace(".", "\\.")} utilised in October 2026 .*, meeting the 95% target\\*\\*\\. `));
    // Coverage has no one target: the purchase the steady usage would pay for is the measure.
    threadId = undefined;
    const coverage = (await ask("Is our commitment coverage good enough in October?")).payload.sections[0]!;
    expect(expected.recommendations.length).toBeGreaterThan(0);
    expect(coverage.figures.healthy).toBe("no");
    expect(coverage.headline).toMatch(
      new RegExp(`^\\*\\*Coverage has room to grow\\*\\*: ${formatPercent(expected.totals.coveragePercent).replace(".", "\\.")} of eligible usage was covered in October 2026 .* on ${expected.recommendations.length} providers? would pay`),
    );
    // "Ok?" at the end asks for the verdict too.
    threadId = undefined;
    expect((await ask("Is our reservation coverage ok in October?")).payload.sections[0]!.figures.healthy).toBe("no");
    // Asked without a verdict, the utilisation leads as before.
    threadId = undefined;
    expect((await ask("What was our commitment utilization in October?")).payload.sections[0]!.figures.healthy).toBeUndefined();
  });

  it("'which reservations expire soon?' says first that the cost data holds no end dates, then what it does show", async () => {
    threadId = undefined;
    const { payload } = await ask("Which reservations expire soon?");
    const section = payload.sections[0]!;
    expect(section.agent).toBe("optimization");
    expect(section.figures.commitmentEndDates).toBe("none in the data");
    expect(section.headline).toMatch(/^\*\*The cost data holds no end dates for commitments\*\*: FOCUS carries none .* What the data shows: \*\*Reservations\*\* were \*\*[\d.]+% utilised\*\*/);
    // A question with no end in it is answered as before.
    threadId = undefined;
    expect((await ask("What's our RI utilization?")).payload.sections[0]!.headline).not.toContain("end dates");
  });

  it("'how much of our reservations went unused?' leads with the amount unused, then the ones below the target", async () => {
    threadId = undefined;
    const section = (await ask("How much of our reservations went unused in October?")).payload.sections[0]!;
    const expected = (await commitmentAnalysis(app.db, { period: october })).data;
    const reservations = expected.commitments.filter((c) => /reserv/i.test(c.commitmentDiscountType ?? ""));
    const unused = sumDecimals(reservations.map((c) => c.unused.amount));
    const used = sumDecimals(reservations.map((c) => c.used.amount));
    expect(Number(unused)).toBeGreaterThan(0);
    expect(section.figures).toMatchObject({ poolUnused: unused, poolUsed: used });
    const utilised = (Number(used) / (Number(used) + Number(unused))) * 100;
    expect(section.headline).toMatch(
      new RegExp(`^\\*\\*${formatMoney(unused).replace(/[$.]/g, "\\$&")} of reservations went unused\\*\\* in October 2026 \\(2026-10-01 to 2026-10-31\\): ${formatPercent(utilised).replace(".", "\\.")} utilised, `),
    );
    const below = reservations.filter((c) => c.utilizationPercent! < 95);
    for (const c of below) expect(section.headline).toContain(`${c.commitmentDiscountName} at ${formatPercent(c.utilizationPercent)}`);
  });

  it("'what would a 3-year savings plan save us?' sizes the 3-year purchase and sets it against 1 year, not the open recommendations", async () => {
    threadId = undefined;
    const { payload, answer } = await ask("What would a 3-year savings plan save us in October?");
    const section = payload.sections[0]!;
    expect(section.agent).toBe("optimization");
    const threeYear = (await commitmentAnalysis(app.db, { period: october, term: "3y" })).data.recommendations;
    const oneYear = (await commitmentAnalysis(app.db, { period: october })).data.recommendations;
    expect(threeYear.length).toBeGreaterThan(0);
    const sum = (rs: typeof threeYear, pick: (r: (typeof threeYear)[number]) => string) => rs.reduce((total, r) => total + Number(pick(r)), 0);
    expect(Number(section.figures.monthlySavings3y)).toBeCloseTo(sum(threeYear, (r) => r.estimatedMonthlySavings.amount), 2);
    expect(Number(section.figures.termSavings3y)).toBeCloseTo(sum(threeYear, (r) => r.termSavings.amount), 2);
    expect(Number(section.figures.monthlySavings1y)).toBeCloseTo(sum(oneYear, (r) => r.estimatedMonthlySavings.amount), 2);
    expect(section.headline).toMatch(/^\*\*A 3-year commitment would save about \$[\d,.]+ a month\*\* on /);
    for (const r of threeYear) expect(section.headline).toContain(`${r.providerName}: ${purchaseAction(r, "USD")}`);
    expect(section.headline).toContain("binds that spend for 36 months");
    const table = section.tables.find((t) => t.title === "Purchase by term")!;
    expect(table.rows.map((r) => r.product)).toEqual(oneYear.flatMap((r, i) => [r.product, threeYear[i]!.product]));
    expect(answer.markdown).not.toContain("open commitment recommendations");

    // Both terms asked: the two side by side, the purchases sized for 1 year.
    threadId = undefined;
    const both = (await ask("Should we buy 1-year or 3-year savings plans in October?")).payload.sections[0]!;
    expect(both.headline).toMatch(/^\*\*3-year terms would save about \$[\d,.]+ a month, 1-year terms \$[\d,.]+\*\*/);
    expect(both.recommendations.map((r) => r.title)).toEqual(oneYear.map((r) => `${purchaseAction(r, "USD")} on ${r.providerName}`));
  });

  it("'what percent of our compute is covered by reservations?' leads with the reservations' coverage, then all commitments'", async () => {
    threadId = undefined;
    const section = (await ask("What percent of our compute was covered by reservations last month?")).payload.sections[0]!;
    const expected = (await commitmentAnalysis(app.db, { period: october, filters: { serviceCategories: ["Compute"] } })).data;
    const reservations = expected.commitments.filter((c) => /reserv/i.test(c.commitmentDiscountType ?? ""));
    expect(reservations.length).toBeGreaterThan(0);
    const used = reservations.reduce((sum, c) => sum + c.used.value, 0);
    // A commitment's use is the eligible usage it covered: all of them together cover what coverage counts (each
    // commitment's figure is in cents, so the sum may be a cent or two off).
    expect(expected.commitments.reduce((sum, c) => sum + c.used.value, 0)).toBeCloseTo(expected.totals.covered.value, 1);
    expect(section.figures.namedCoveragePercent).toBeCloseTo((used / expected.totals.eligible.value) * 100, 6);
    expect(section.headline).toMatch(
      new RegExp(`^\\*\\*Reservations\\*\\* covered \\*\\*${formatPercent(section.figures.namedCoveragePercent as number).replace(".", "\\.")}\\*\\* of eligible usage last month, October 2026 \\(2026-10-01 to 2026-10-31\\): `),
    );
    expect(section.headline).toContain(` of ${formatMoney(expected.totals.eligible.amount)}, `);
    expect(section.headline).toContain(`All commitments covered **${formatPercent(expected.totals.coveragePercent)}** of eligible usage`);
  });

  it("'any idle resources?' lists only idle and orphaned resources, with the analysis' total (each resource once)", async () => {
    threadId = undefined;
    const { payload, answer } = await ask("Any idle resources?");
    // It states the criteria of what it lists, and only those.
    expect(answer.markdown).toContain("Idle: p95 CPU below 5%");
    expect(answer.markdown).toContain("Orphaned: cost with no utilisation");
    expect(answer.markdown).not.toContain("Downsize:");
    const expected = await rightsizingFindings(app.db, { period: { start: "2026-10-02", end: "2026-11-01" }, actions: ["terminate-idle", "delete-orphaned"] });
    expect(expected.data.findings.length).toBeGreaterThan(0);
    expect(payload.sections[0]!.title).toBe("Idle and orphaned resources");
    expect(payload.sections[0]!.figures).toMatchObject({
      findings: expected.data.findings.length,
      resources: expected.data.resourceCount,
      savingsMin: expected.data.totalEstimatedMonthlySavings.min.amount,
      savingsMax: expected.data.totalEstimatedMonthlySavings.max.amount,
    });
    // "Which resources should we delete?": the same, what can go, not what to downsize.
    threadId = undefined;
    const remove = (await ask("Which resources should we delete?")).payload.sections[0]!;
    expect(remove.title).toBe("Idle and orphaned resources");
    expect(remove.figures).toMatchObject({ findings: expected.data.findings.length, resources: expected.data.resourceCount });
  });

  it("'what's the cost of the forgotten instance?' is the idle and orphaned resources, not the whole bill", async () => {
    threadId = undefined;
    const { payload } = await ask("What's the cost of the forgotten instance?");
    const expected = await rightsizingFindings(app.db, { period: { start: "2026-10-02", end: "2026-11-01" }, actions: ["terminate-idle", "delete-orphaned"] });
    expect(payload.sections[0]!.title).toBe("Idle and orphaned resources");
    expect(payload.sections[0]!.figures).toMatchObject({ resources: expected.data.resourceCount, savingsMax: expected.data.totalEstimatedMonthlySavings.max.amount });
  });

  it("'which services are we paying for but not using?' is the idle and orphaned resources, not a subject called 'but'", async () => {
    threadId = undefined;
    const { payload, answer } = await ask("Which services are we paying for but not using?");
    const expected = await rightsizingFindings(app.db, { period: { start: "2026-10-02", end: "2026-11-01" }, actions: ["terminate-idle", "delete-orphaned"] });
    expect(payload.sections[0]!.title).toBe("Idle and orphaned resources");
    expect(payload.sections[0]!.figures).toMatchObject({ resources: expected.data.resourceCount, savingsMax: expected.data.totalEstimatedMonthlySavings.max.amount });
    expect(answer.markdown).not.toContain('called "but"');
  });

  it("'how much is idle compute costing us per month?' is the idle compute resources, not a question back", async () => {
    threadId = undefined;
    const { payload } = await ask("How much is idle compute costing us per month?");
    const period = { start: "2026-10-02", end: "2026-11-01" };
    const compute = await rightsizingFindings(app.db, { period, filters: { serviceCategories: ["Compute"] }, actions: ["terminate-idle", "delete-orphaned"] });
    const all = await rightsizingFindings(app.db, { period, actions: ["terminate-idle", "delete-orphaned"] });
    expect(compute.data.resourceCount).toBeLessThan(all.data.resourceCount);
    expect(payload.sections[0]!.title).toBe("Idle and orphaned resources");
    expect(payload.sections[0]!.figures).toMatchObject({ resources: compute.data.resourceCount, savingsMax: compute.data.totalEstimatedMonthlySavings.max.amount });
  });

  it("'what is the average cost per account?' divides the accounts' cost by how many had cost, leaving out what is on none", async () => {
    threadId = undefined;
    const { payload } = await ask("What is the average cost per account in October?");
    const all = await costBreakdown(app.db, { period: october, dimension: "SubAccountId", limit: 1000 });
    const named = all.data.rows.filter((r) => r.key !== null && !r.isOthers);
    const none = all.data.rows.find((r) => r.key === null && !r.isOthers);
    expect(none).toBeDefined();
    const spread = named.reduce((t, r) => t + toUnits(r.amount), 0n);
    const section = payload.sections[0]!;
    expect(section.figures).toMatchObject({ valuesAveraged: named.length, averagePerValue: fromUnits(spread / BigInt(named.length)) });
    expect(section.headline).toBe(
      `**${formatMoney(fromUnits(spread / BigInt(named.length)))} per sub-account on average** in October 2026 (2026-10-01 to 2026-10-31): ` +
        `${formatMoney(fromUnits(spread))} effective (amortized) cost over ${named.length} sub-accounts, leaving out the ${formatMoney(none!.amount)} on no sub-account.`,
    );
      // "The average cost of an EC2 instance": the service's cost over its resources.
    threadId = undefined;
    const ec2 = (await ask("What's the average cost of an EC2 instance in October?")).payload.sections[0]!;
    const instances = await costBreakdown(app.db, { period: october, dimension: "ResourceId", filters: { services: ["Amazon Elastic Compute Cloud"], providers: ["AWS"] }, limit: 1000 });
    const withId = instances.data.rows.filter((r) => r.key !== null && !r.isOthers);
    const instanceCost = withId.reduce((t, r) => t + toUnits(r.amount), 0n);
    expect(ec2.figures).toMatchObject({ valuesAveraged: withId.length, averagePerValue: fromUnits(instanceCost / BigInt(withId.length)) });
    expect(ec2.headline).toMatch(/^\*\*\$[\d,.]+ per resource on average\*\* in October 2026/);
  });

  it("'what would we save by moving dev to spot instances?' is the Spot candidates in the dev sub-accounts", async () => {
    threadId = undefined;
    const { payload } = await ask("What would we save by moving dev to spot instances?");
    const [dev] = await accountsNamed(app.db, ["dev"]);
    const period = { start: "2026-10-02", end: "2026-11-01" };
    const inDev = await rightsizingFindings(app.db, { period, filters: { subAccountIds: dev!.subAccountIds }, actions: ["move-to-spot"] });
    const all = await rightsizingFindings(app.db, { period, actions: ["move-to-spot"] });
    expect(inDev.data.resourceCount).toBeGreaterThan(0);
    expect(inDev.data.resourceCount).toBeLessThan(all.data.resourceCount);
    expect(payload.sections[0]!.figures).toMatchObject({ resources: inDev.data.resourceCount, savingsMax: inDev.data.totalEstimatedMonthlySavings.max.amount });
  });

  it("'which resources have the lowest CPU utilization?' ranks them by CPU p95, the lowest first, each once", async () => {
    threadId = undefined;
    const { payload } = await ask("Which resources have the lowest CPU utilization?");
    const period = { start: "2026-10-02", end: "2026-11-01" };
    const { findings } = (await rightsizingFindings(app.db, { period })).data;
    const cpu = (f: (typeof findings)[number]) => f.evidence.cpuP95 ?? Number.POSITIVE_INFINITY;
    const lowest = [...findings].sort((a, b) => cpu(a) - cpu(b))[0]!;
    const section = payload.sections[0]!;
    expect(section.figures).toMatchObject({ leastBusy: lowest.resourceName ?? lowest.resourceId, leastBusyP95: lowest.evidence.cpuP95 });
    expect(section.headline).toMatch(new RegExp(`^\\*\\*${lowest.resourceName ?? lowest.resourceId}\\*\\* is the least busy: CPU p95 `));
    const rows = section.tables.at(-1)!.rows;
    const cpus = rows.map((r) => Number(r.cpu));
    expect(cpus).toEqual([...cpus].sort((a, b) => a - b));
    expect(new Set(rows.map((r) => r.resource)).size).toBe(rows.length);
  });

  it("'which Azure subscriptions cost the most?' and 'how many GCP projects?' name sub-accounts as that cloud does", async () => {
    threadId = undefined;
    const azure = await ask("Which Azure subscriptions cost the most in October?");
    const subscriptions = (await costBreakdown(app.db, { period: october, dimension: "SubAccountId", filters: { providers: ["Microsoft"] }, limit: 10 })).data;
    const named = subscriptions.valueCount - (subscriptions.rows.some((r) => r.key === null && !r.isOthers) ? 1 : 0);
    expect(azure.answer.markdown.split("\n")[0]).toMatch(new RegExp(`, over ${named} subscriptions?\\.$`));
    // Their column too ("Subscription", not "Sub-account"), in a comparison as in a breakdown.
    expect(azure.payload.sections[0]!.tables[0]!.columns[0]!.label).toBe("Subscription");
    // The cost on no project (tax, credits on the billing account) is named so, in its row and its note.
    threadId = undefined;
    const gcpRanked = await ask("Which GCP projects cost the most in October?");
    const gcpRows = (await costBreakdown(app.db, { period: october, dimension: "SubAccountId", filters: { providers: ["Google Cloud"] }, limit: 10 })).data.rows;
    const none = gcpRows.find((r) => r.key === null && !r.isOthers)!;
    expect(none).toBeDefined();
    expect(gcpRanked.payload.sections[0]!.tables[0]!.rows.map((r) => r.label)).toContain("(no project)");
    expect(gcpRanked.answer.markdown).toContain(`(no project): the ${formatMoney(none.amount)} billed to no project, such as tax`);
    // A comparison by project names it so too.
    threadId = undefined;
    const gcpGrew = (await ask("Which GCP projects grew the most in October?")).payload.sections[0]!;
    const gcpLabels = gcpGrew.tables[0]!.rows.map((r) => r.label);
    expect(gcpLabels).toContain("(no project)");
    expect(gcpLabels).not.toContain("(no sub-account)");
    threadId = undefined;
    const grew = (await ask("Which Azure subscriptions grew the most in October?")).payload.sections[0]!;
    expect(grew.tables[0]!.columns[0]!.label).toBe("Subscription");
    threadId = undefined;
    const gcp = await ask("How many GCP projects had cost in October?");
    const projects = (await costBreakdown(app.db, { period: october, dimension: "SubAccountId", filters: { providers: ["Google Cloud"] }, limit: 50 })).data.rows;
    expect(gcp.answer.markdown.split("\n")[0]).toMatch(new RegExp(`^\\*\\*${projects.filter((r) => r.key !== null && !r.isOthers).length} projects\\*\\* had cost in October 2026`));
  });

  it("'rank our teams by spend in October' ranks the team tag's values, the first leading", async () => {
    threadId = undefined;
    const { payload } = await ask("Rank our teams by spend in October");
    const expected = await costBreakdown(app.db, { period: october, dimension: "Tag", tagKey: "team", limit: 10 });
    const first = expected.data.rows.find((r) => r.key !== null && !r.isOthers)!;
    const section = payload.sections[0]!;
    expect(section.figures.topKey).toBe(first.label);
    expect(section.headline).toMatch(new RegExp(`^\\*\\*The ${first.label} team\\*\\* cost the most in October 2026`));
    // The values are named by the tag's key: "over 9 teams", not "tag teams".
    const pooled = (await costBreakdown(app.db, { period: october, dimension: "Tag", tagKey: "team", limit: 10, poolPlaceholders: true })).data;
    const teams = pooled.valueCount - (pooled.rows.some((r) => r.key === null && !r.isOthers) ? 1 : 0);
    expect(section.headline).toMatch(new RegExp(`, over ${teams} teams\\.$`));
  });

  it("'what resources has the ml team got that are idle?' is the idle findings of team=ml, and the headline says whose", async () => {
    threadId = undefined;
    const { payload } = await ask("What resources has the ml team got that are idle?");
    const expected = await rightsizingFindings(app.db, {
      period: { start: "2026-10-02", end: "2026-11-01" }, filters: { tags: [{ key: "team", values: ["ml"] }] }, actions: ["terminate-idle", "delete-orphaned"],
    });
    const all = await rightsizingFindings(app.db, { period: { start: "2026-10-02", end: "2026-11-01" }, actions: ["terminate-idle", "delete-orphaned"] });
    expect(expected.data.resourceCount).toBeLessThan(all.data.resourceCount);
    expect(payload.sections[0]!.figures).toMatchObject({ resources: expected.data.resourceCount, savingsMax: expected.data.totalEstimatedMonthlySavings.max.amount });
    expect(payload.sections[0]!.headline).toMatch(
      expected.data.resourceCount ? / could be saved on \d+ resources? for team=ml, judged on utilisation/ : /no resource for team=ml met the idle or orphaned criteria/,
    );
  });

  it("tagging: coverage per key is tagCoverage's", async () => {
    const { payload } = await ask("What is our tag coverage last month?");
    const expected = await tagCoverage(app.db, { period: october });
    for (const key of expected.data.keys) expect(payload.sections[0]!.figures[`coverage:${key.tagKey}`]).toBe(key.costCoveragePercent);
  });

  it("'how has our tag coverage changed over time?' gives each complete month's coverage per key, the weakest leading", async () => {
    threadId = undefined;
    const section = (await ask("How has our tag coverage changed over time?")).payload.sections[0]!;
    const table = section.tables[0]!;
    expect(table.title).toBe("Cost coverage by month");
    // The complete months of the last half year of data (the demo's starts in May), each month's coverage tagCoverage's.
    const months = ["2026-06-01", "2026-07-01", "2026-08-01", "2026-09-01", "2026-10-01"];
    expect(table.rows.map((r) => r.month)).toEqual(["June 2026", "July 2026", "August 2026", "September 2026", "October 2026"]);
    const coverages = await Promise.all(months.map((m) => tagCoverage(app.db, { period: { start: m, end: addMonths(m, 1) } })));
    coverages.forEach((c, i) => {
      for (const key of c.data.keys) expect(table.rows[i]![key.tagKey]).toBe(key.costCoveragePercent);
    });
    const weakest = [...coverages.at(-1)!.data.keys].sort((x, y) => (x.costCoveragePercent ?? 0) - (y.costCoveragePercent ?? 0))[0]!;
    const first = coverages[0]!.data.keys.find((k) => k.tagKey === weakest.tagKey)!.costCoveragePercent!;
    expect(section.figures).toMatchObject({ key: weakest.tagKey, firstCoverage: first, lastCoverage: weakest.costCoveragePercent });
    expect(section.headline.startsWith(`**${weakest.tagKey}** coverage `)).toBe(true);
    expect(section.headline).toContain(`${formatPercent(weakest.costCoveragePercent)} in October 2026`);
    // "Is our tagging improving?": the same months, said to be the last half year's.
    threadId = undefined;
    const improving = (await ask("Is our tagging improving?")).payload.sections[0]!;
    expect(improving.tables[0]!.rows.map((r) => r.month)).toEqual(table.rows.map((r) => r.month));
    expect(improving.markdown).toContain("No period was given, so this uses the complete months of the last half year (June 2026 to October 2026).");
  });

  it("tagging: where the untagged cost sits, for the key the question names, else the weakest", async () => {
    const coverage = await tagCoverage(app.db, { period: october });
    const [worst, ...others] = [...coverage.data.keys].sort((x, y) => (x.costCoveragePercent ?? 0) - (y.costCoveragePercent ?? 0));
    const named = others.at(-1)!; // the best-covered key: asking for it must not answer about the weakest
    threadId = undefined;
    const { payload, answer } = await ask(`Tag coverage for ${named.tagKey} last month`);
    const section = payload.sections[0]!;
    const byService = await topUntagged(app.db, { period: october, tagKey: named.tagKey, by: "ServiceName", limit: 5 });
    const byAccount = await topUntagged(app.db, { period: october, tagKey: named.tagKey, by: "SubAccountId", limit: 5 });
    expect(byService.data.rows.length).toBeGreaterThan(0);
    const [, accounts, services] = section.tables;
    expect(accounts!.title).toBe(`Untagged ${named.tagKey} cost by sub-account`);
    expect(accounts!.rows.map((r) => r.id ?? r.label)).toEqual(byAccount.data.rows.map((r) => r.key ?? "(no sub-account)"));
    expect(services!.rows.map((r) => [r.label, r.amount])).toEqual(byService.data.rows.map((r) => [r.label, r.amount]));
    expect(section.figures[`untagged:${named.tagKey}`]).toBe(byService.data.total);
    expect(answer.markdown).toContain(`with no real "${named.tagKey}" value sits`);
    expect(answer.markdown.split("\n")[0]).toMatch(new RegExp(`^\\*\\*${named.tagKey}\\*\\*: [\\d.]+% of cost carries a real value .*; the weakest tag is ${worst!.tagKey} `));

    threadId = undefined;
    const weakest = (await ask("What is our tag coverage last month?")).payload.sections[0]!;
    expect(weakest.headline).toMatch(new RegExp(`^The weakest tag is \\*\\*${worst!.tagKey}\\*\\*`));
    expect(weakest.tables[1]!.title).toBe(`Untagged ${worst!.tagKey} cost by sub-account`);
  });

  it("'how much of our spend is untagged?' leads with the cost that carries none of the tag keys, and what carries all", async () => {
    threadId = undefined;
    const section = (await ask("How much of our spend was untagged last month?")).payload.sections[0]!;
    const { together, keys } = (await tagCoverage(app.db, { period: october })).data;
    expect(Number(together.noKeyCost)).toBeGreaterThan(0);
    expect(Number(together.noKeyCost)).toBeLessThan(Math.min(...keys.map((k) => Number(k.untaggedCost))));
    expect(section.figures).toMatchObject({ noKeyCost: together.noKeyCost, noKeyPercent: together.noKeyPercent, everyKeyPercent: together.everyKeyPercent });
    expect(section.headline).toContain(
      `**${formatMoney(together.noKeyCost)} (${formatPercent(together.noKeyPercent)}) of the cost last month, October 2026 (2026-10-01 to 2026-10-31) ` +
        `carries no real value for any of the ${keys.length} tag keys**; ${formatMoney(together.everyKeyCost)} (${formatPercent(together.everyKeyPercent)}) carries all ${keys.length}`,
    );
    expect(section.headline).toContain("The weakest tag is **");
  });

  it("'which accounts have the most untagged spend?' names that sub-account in the headline; services likewise", async () => {
    const coverage = await tagCoverage(app.db, { period: october });
    const worst = [...coverage.data.keys].sort((x, y) => (x.costCoveragePercent ?? 0) - (y.costCoveragePercent ?? 0))[0]!;
    threadId = undefined;
    const accounts = (await ask("Which accounts have the most untagged spend last month?")).payload.sections[0]!;
    const byAccount = await topUntagged(app.db, { period: october, tagKey: worst.tagKey, by: "SubAccountId", limit: 5 });
    const top = byAccount.data.rows.find((r) => r.key !== null)!;
    // Named as the sub-account table names it.
    const row = accounts.tables.find((t) => t.title === `Untagged ${worst.tagKey} cost by sub-account`)!.rows.find((r) => r.id === top.key)!;
    expect(row.amount).toBe(top.amount);
    expect(accounts.headline).toMatch(/\.$/);
    expect(accounts.headline).toContain(`The sub-account with the most is **${row.label}** (${formatMoney(top.amount)}).`);
    threadId = undefined;
    const services = (await ask("Which services have the most untagged cost last month?")).payload.sections[0]!;
    const byService = await topUntagged(app.db, { period: october, tagKey: worst.tagKey, by: "ServiceName", limit: 5 });
    expect(services.headline).toContain(`The service with the most is **${byService.data.rows[0]!.label}** (${formatMoney(byService.data.rows[0]!.amount)}).`);
  });

  it("one service's spend ('what's driving our Bedrock costs?') is broken down by its resources, not by that one service", async () => {
    threadId = undefined;
    const section = (await ask("What's driving our Bedrock costs last month?")).payload.sections[0]!;
    const expected = await costBreakdown(app.db, { period: october, dimension: "ResourceId", limit: 10, filters: { providers: ["AWS"], services: ["Amazon Bedrock"] } });
    expect(expected.data.rows.filter((r) => r.key !== null).length).toBeGreaterThan(1);
    expect(section.title).toBe("Spend by resource");
    expect(section.tables[0]!.rows.map((r) => r.id ?? r.label)).toEqual(expected.data.rows.map((r) => (r.isOthers ? "Others" : (r.key ?? r.label))));
  });

  it("'top 5 services in October', then 'and in September?': both lead with the first of the ranking", async () => {
    threadId = undefined;
    await ask("Show me the top 5 services in October");
    const { payload } = await ask("and in September?");
    const september = await costBreakdown(app.db, { period: { start: "2026-09-01", end: "2026-10-01" }, dimension: "ServiceName", limit: 5 });
    const top = september.data.rows[0]!;
    expect(payload.sections[0]!.tables[0]!.rows.map((r) => r.amount)).toEqual(september.data.rows.map((r) => r.amount));
    expect(payload.sections[0]!.headline.startsWith(`**${top.label}** cost the most in September 2026 (2026-09-01 to 2026-09-30): ${formatMoney(top.amount)}, `)).toBe(true);
  });

  it("'how much could we save per year?' gives the open recommendations' savings a year, from the month", async () => {
    threadId = undefined;
    const section = (await ask("How much could we save per year?")).payload.sections[0]!;
    expect(section.agent).toBe("recommendation");
    expect(Number(section.figures.savingsMaxYear)).toBeCloseTo(Number(section.figures.savingsMax) * 12, 6);
    expect(section.headline).toMatch(/^\*\*\$[\d,.]+ – \$[\d,.]+ a year\*\* \(\$[\d,.]+ – \$[\d,.]+ a month × 12\) across /);
  });

  it("'what's our biggest waste?' ranks the open idle, orphaned and rightsizing recommendations by savings, not by priority", async () => {
    threadId = undefined;
    const { payload, answer } = await ask("What's our biggest waste?");
    const section = payload.sections[0]!;
    // Waste is what is paid for and not needed: not the commitments to buy.
    const waste = `status IN ('active', 'under_review') AND category IN ('idle', 'orphaned', 'rightsizing')`;
    const bySavings = await app.db.sql.query<{ title: string }>(
      `SELECT title FROM optimization_recommendations WHERE ${waste} ORDER BY estimated_savings_max_usd DESC NULLS LAST, priority_score DESC LIMIT 10`,
    );
    const byPriority = await app.db.sql.query<{ title: string }>(`SELECT title FROM optimization_recommendations WHERE ${waste} ORDER BY priority_score DESC LIMIT 10`);
    expect(bySavings.map((r) => r.title)).not.toEqual(byPriority.map((r) => r.title));
    expect(section.tables[0]!.rows.map((r) => r.title)).toEqual(bySavings.map((r) => r.title));
    expect(section.headline).toContain(`the top one is **${bySavings[0]!.title}**`);
    expect(answer.markdown).toContain("Ranked by monthly savings, the largest first.");
    expect(section.tables[0]!.rows.every((r) => ["idle", "orphaned", "rightsizing"].includes(String(r.category)))).toBe(true);
  });

  it("'top 3 recommendations' lists three; 'what would a savings plan save?' lists the commitment purchases only", async () => {
    threadId = undefined;
    const top = await ask("What are the top 3 recommendations?");
    expect(top.payload.intent).toBe("optimization_recommendation");
    const [all] = await app.db.sql.query<{ n: string | number }>("SELECT count(*) AS n FROM optimization_recommendations WHERE status IN ('active', 'under_review')");
    expect(Number(all!.n)).toBeGreaterThan(3);
    expect(top.payload.sections[0]!.tables[0]!.rows).toHaveLength(3);
    expect(top.payload.sections[0]!.figures.count).toBe(Number(all!.n));
    // The total counts each resource once: of the recommendations about one resource, the one saving most.
    const { onceEach, shared } = await openSavings("TRUE");
    expect(shared).toBeGreaterThan(0);
    expect(Number(top.payload.sections[0]!.figures.savingsMax)).toBeCloseTo(onceEach, 2);
    expect(top.payload.sections[0]!.figures.sharedResources).toBe(shared);
    expect(top.answer.markdown).toContain(`Each resource counts once: ${shared === 1 ? "1 resource has" : `${shared} resources have`} more than one recommendation`);

    threadId = undefined;
    const plan = await ask("How much would we save by buying a 1-year savings plan?");
    const section = plan.payload.sections[0]!;
    const [commitments] = await app.db.sql.query<{ n: string | number; max_usd: string }>(
      `SELECT count(*) AS n, sum(estimated_savings_max_usd)::text AS max_usd FROM optimization_recommendations
       WHERE status IN ('active', 'under_review') AND category = 'commitment'`,
    );
    expect(Number(commitments!.n)).toBeGreaterThan(0);
    expect(section.figures.count).toBe(Number(commitments!.n));
    expect(Number(section.figures.savingsMax)).toBeCloseTo(Number(commitments!.max_usd), 2);
    expect(section.tables[0]!.rows.every((r) => r.category === "commitment")).toBe(true);
    expect(plan.answer.markdown.split("\n")[0]).toContain(`across ${Number(commitments!.n)} open commitment recommendations`);

    // A kind with none open says so, not that there are no recommendations at all.
    const open = await app.db.sql.query<{ id: string; status: string }>(
      "SELECT id, status FROM optimization_recommendations WHERE category = 'commitment' AND status IN ('active', 'under_review')",
    );
    await app.db.sql.query("UPDATE optimization_recommendations SET status = 'rejected' WHERE id = ANY($1::uuid[])", [open.map((r) => r.id)]);
    try {
      threadId = undefined;
      const none = await ask("How much would we save by buying a 1-year savings plan?");
      expect(none.answer.markdown.split("\n")[0]).toBe("**No open commitment recommendations.** Ask for all savings opportunities to see the others.");
    } finally {
      for (const r of open) await app.db.sql.query("UPDATE optimization_recommendations SET status = $2 WHERE id = $1", [r.id, r.status]);
    }
  });

  it("'which storage buckets cost the most?' ranks the storage resources, not the storage services", async () => {
    threadId = undefined;
    const { payload } = await ask("Which storage buckets cost the most last month?");
    const expected = await costBreakdown(app.db, { period: october, dimension: "ResourceId", limit: 10, filters: { serviceCategories: ["Storage"] } });
    expect(expected.data.rows.filter((r) => r.key !== null && !r.isOthers).length).toBeGreaterThan(3);
    const section = payload.sections[0]!;
    expect(section.title).toBe("Spend by resource");
    expect(section.tables[0]!.rows.map((r) => r.amount)).toEqual(expected.data.rows.map((r) => r.amount));
  });

  it("'which team has the highest cloud spend?' names that team first, from costAllocation", async () => {
    threadId = undefined;
    const { payload, answer } = await ask("Which team has the highest cloud spend last month?");
    const expected = await costAllocation(app.db, { period: october, tagKey: "team" });
    const top = [...expected.data.rows].filter((r) => !r.isShared).sort((x, y) => y.totalValue - x.totalValue)[0]!;
    expect(payload.sections[0]!.figures).toMatchObject({ topKey: top.value, topAmount: top.total, total: expected.data.total });
    expect(answer.markdown.split("\n")[0]).toContain(`; the largest team is **${top.value}** (${formatMoney(top.total)}, `);
  });

  it("'which app costs the most in prod?' is showback by app over the prod sub-accounts, and says so", async () => {
    threadId = undefined;
    const { payload, answer } = await ask("Which app costs the most in prod?");
    const [prod] = await accountsNamed(app.db, ["prod"]);
    const expected = await costAllocation(app.db, { period: october, tagKey: "app", filters: { subAccountIds: prod!.subAccountIds } });
    const all = await costAllocation(app.db, { period: october, tagKey: "app" });
    expect(expected.data.total).not.toBe(all.data.total);
    expect(payload.sections[0]!.figures).toMatchObject({ total: expected.data.total });
    expect(answer.markdown.split("\n")[0]).toMatch(new RegExp(`^\\*\\*${formatMoney(expected.data.total).replace("$", "\\$")}\\*\\* in October 2026 for prod \\(${prod!.subAccountIds.length} sub-accounts\\); the largest app is `));
  });

  it("'who are the top owners by cost?' is showback by the owner tag, not by team", async () => {
    threadId = undefined;
    const { payload, answer } = await ask("Who are the top owners by cost last month?");
    expect(payload.sections[0]!.title).toBe("Showback by owner");
    const expected = await costAllocation(app.db, { period: october, tagKey: "owner" });
    const top = [...expected.data.rows].filter((r) => !r.isShared).sort((x, y) => y.totalValue - x.totalValue)[0]!;
    expect(payload.sections[0]!.figures).toMatchObject({ topKey: top.value, topAmount: top.total, total: expected.data.total });
    expect(answer.markdown.split("\n")[0]).toContain(`; the largest owner is **${top.value}** (${formatMoney(top.total)}, `);
  });

  it("'which environment costs the most?' says which owners are one environment spelled differently, with their sum", async () => {
    threadId = undefined;
    const { answer, payload } = await ask("Which environment costs the most?");
    expect(payload.sections[0]!.title).toBe("Showback by env");
    const expected = await costAllocation(app.db, { period: payload.sections[0]!.provenance[0]!.period!, tagKey: "env" });
    const total = (value: string) => expected.data.rows.find((r) => r.value === value)!.total;
    expect(answer.markdown.split("\n")[0]).toContain(`(${formatPercent((expected.data.unallocated.share ?? 0) * 100)}) has no real "env" value.`);
    expect(answer.markdown).toContain(`**prod** and **production** (${formatMoney(sumDecimals([total("prod"), total("production")]))} together)`);
    expect(answer.markdown).toContain("look like one value spelled differently");
  });

  it("'which team grew the most?' names the team with the largest rise; untagged and placeholder cost is no team", async () => {
    threadId = undefined;
    const { payload, answer } = await ask("Which team's spend grew the most last month?");
    const expected = await comparePeriods(app.db, { current: october, mode: "MoM", driverDimension: "Tag", tagKey: "team", limit: 10 });
    const named = expected.data.drivers.filter((d) => !d.isOthers);
    const isTeam = (d: (typeof named)[number]) => d.key !== null && !DEFAULT_PLACEHOLDER_VALUES.includes(d.key.trim().toLowerCase());
    const rising = named.filter((d) => isTeam(d) && Number(d.delta) > 0).sort((a, b) => Number(b.delta) - Number(a.delta));
    const unowned = named.filter((d) => !isTeam(d));
    // The cost without a team moved more than any team, or this test would not tell the two rankings apart.
    expect(isTeam(named[0]!)).toBe(false);
    expect(payload.sections[0]!.figures.lead).toBe(rising[0]!.label);
    expect(payload.sections[0]!.headline).toContain(
      `**The ${rising[0]!.label} team** grew the most: ${formatMoney(rising[0]!.delta)} (${formatSignedPercent(rising[0]!.deltaPercent)}), from ${formatMoney(rising[0]!.baseline)} to ${formatMoney(rising[0]!.current)}. `,
    );
    expect(answer.markdown.split("\n")[0]).toContain("grew the most");
    const unownedDelta = Number(sumDecimals(unowned.map((d) => d.delta)));
    expect(answer.markdown).toContain(
      `Cost with no real "team" value (${unowned.map((d) => d.label).join(", ")}) ${unownedDelta > 0 ? "rose" : "fell"} by ${formatMoney(Math.abs(unownedDelta))}`,
    );
    // "Dropped the most": the largest fall among the teams.
    threadId = undefined;
    const fell = named.filter((d) => isTeam(d) && Number(d.delta) < 0).sort((a, b) => Number(a.delta) - Number(b.delta));
    const drop = await ask("Which team's spend dropped the most last month?");
    expect(drop.payload.sections[0]!.figures.lead).toBe(fell[0]?.label ?? null);
    // "Changed the most": the largest move either way (the model read it as the showback).
    threadId = undefined;
    const moves = named.filter((d) => isTeam(d) && Number(d.delta) !== 0).sort((a, b) => Math.abs(Number(b.delta)) - Math.abs(Number(a.delta)));
    const changed = (await ask("Which team changed the most last month?")).payload.sections[0]!;
    expect(changed.agent).toBe("cost_analysis");
    expect(changed.figures.lead).toBe(moves[0]!.label);
    expect(changed.headline).toContain(`**The ${moves[0]!.label} team** changed the most: ${formatMoney(moves[0]!.delta)} (`);
  });

  it("'untagged costs by service' answers where the weakest tag's untagged cost sits, by service, not every service's spend", async () => {
    threadId = undefined;
    const { payload, answer } = await ask("What are our untagged costs by service last month?");
    const coverage = await tagCoverage(app.db, { period: october });
    const weakest = [...coverage.data.keys].sort((x, y) => (x.costCoveragePercent ?? 0) - (y.costCoveragePercent ?? 0))[0]!;
    const byService = await topUntagged(app.db, { period: october, tagKey: weakest.tagKey, by: "ServiceName", limit: 5 });
    const section = payload.sections[0]!;
    expect(section.title).toBe("Tagging compliance");
    expect(section.tables.find((t) => t.title === `Untagged ${weakest.tagKey} cost by service`)!.rows.map((r) => [r.label, r.amount])).toEqual(
      byService.data.rows.map((r) => [r.label, r.amount]),
    );
    expect(answer.markdown.split("\n")[0]).toContain(`The service with the most is **${byService.data.rows[0]!.label}** (${formatMoney(byService.data.rows[0]!.amount)})`);
  });

  it("showback splits shared cost when asked, and without a split lists the unallocated cost as a row of the table", async () => {
    threadId = undefined;
    const plain = await ask("Show cost allocation by team last month");
    const expected = await costAllocation(app.db, { period: october, tagKey: "team" });
    expect(Number(expected.data.unallocated.amount)).toBeGreaterThan(0);
    const plainRows = plain.payload.sections[0]!.tables[0]!.rows;
    expect(plainRows.at(-1)).toMatchObject({ value: "Unallocated", total: expected.data.unallocated.amount });
    expect(sumDecimals(plainRows.map((r) => String(r.total)))).toBe(sumDecimals([expected.data.total]));

    for (const [question, split] of [
      ["Show cost allocation by team last month with shared costs split proportionally", "proportional"],
      ["Showback by team last month, splitting the unallocated cost evenly", "even"],
      // A chargeback charges the whole bill: what nobody owns is split too, and a "chargeback report" is this, not the period report.
      ["Show me the chargeback report by team for last month", "proportional"],
      ["What does each team owe for last month?", "proportional"],
    ] as const) {
      threadId = undefined;
      const { payload, answer } = await ask(question);
      const section = payload.sections[0]!;
      const allocated = await costAllocation(app.db, { period: october, tagKey: "team", sharedCost: { split, sharedValues: ["shared", "common", "shared-services"] } });
      expect(section.figures).toMatchObject({ split, pool: allocated.data.pool });
      expect(Number(section.figures.unallocated)).toBe(0);
      expect(section.tables[0]!.rows.map((r) => [r.value, r.direct, r.shared, r.total])).toEqual(
        allocated.data.rows.map((r) => [r.value, r.direct, r.sharedAllocated, r.total]),
      );
      // Every cent is allocated: the owners' totals add up to the month's cost.
      expect(sumDecimals(section.tables[0]!.rows.map((r) => String(r.total)))).toBe(sumDecimals([expected.data.total]));
      expect(answer.markdown.split("\n")[0]).toContain(
        `all of it allocated: the cost with no "team" owner (**${formatMoney(allocated.data.pool)}**) is split ${split === "even" ? "in equal parts" : "in proportion to direct cost"} across the ${allocated.data.rows.filter((r) => !r.isShared).length} teams`,
      );
    }
  });

  it("'spend by environment' names the values that are one environment spelled differently, with their sum, and keeps the rows as stored", async () => {
    threadId = undefined;
    const { payload, answer } = await ask("Show me spend by environment last month");
    // The rows are the values as stored, "prod" apart from "production"; only placeholders join the untagged cost.
    const expected = await costBreakdown(app.db, { period: october, dimension: "Tag", tagKey: "env", limit: 10, poolPlaceholders: true });
    const amount = (key: string) => expected.data.rows.find((r) => r.key === key)?.amount;
    expect(amount("prod") && amount("production")).toBeTruthy();
    expect(payload.sections[0]!.tables[0]!.rows.map((r) => [r.label, r.amount])).toEqual(expected.data.rows.map((r) => [r.label, r.amount]));
    const together = formatMoney((Number(amount("prod")) + Number(amount("production"))).toFixed(2));
    expect(answer.markdown).toContain(`**prod** and **production** (${together} together)`);
    expect(answer.markdown).toContain("look like one value spelled differently");
    // A breakdown by service has no such note.
    threadId = undefined;
    expect((await ask("What did each service cost last month?")).answer.markdown).not.toContain("spelled differently");
  });

  it("'what are our least expensive services?' lists the smallest first, as costBreakdown ranks them, and says so", async () => {
    threadId = undefined;
    const { payload, answer } = await ask("What are our least expensive services last month?");
    const section = payload.sections[0]!;
    const expected = await costBreakdown(app.db, { period: october, dimension: "ServiceName", limit: 10, order: "smallest" });
    const largest = await costBreakdown(app.db, { period: october, dimension: "ServiceName", limit: 10 });
    expect(expected.data.rows[0]!.key).not.toBe(largest.data.rows[0]!.key);
    expect(section.tables[0]!.rows.map((r) => [r.label, r.amount])).toEqual(expected.data.rows.map((r) => [r.label, r.amount]));
    const smallest = expected.data.rows[0]!;
    expect(section.headline.startsWith(`**${smallest.label}** cost the least last month, October 2026 (2026-10-01 to 2026-10-31): ${formatMoney(smallest.amount)}, `)).toBe(true);
    expect(answer.markdown).toContain("Smallest first: this ranks what you spent, not prices.");
  });

  it("'which team has the highest cost per day?' ranks the teams by their daily average, not a showback of the period", async () => {
    threadId = undefined;
    const { payload, answer } = await ask("Which team has the highest cost per day last month?");
    const section = payload.sections[0]!;
    const teams = await costBreakdown(app.db, { period: october, dimension: "Tag", tagKey: "team", limit: 10, poolPlaceholders: true });
    const top = teams.data.rows.find((r) => !r.isOthers && r.key !== null)!;
    expect(section.figures).toMatchObject({ topKey: top.label, days: 31 });
    expect(section.figures.topDailyAverage).toBeCloseTo(Number(top.amount) / 31, 2);
    expect(answer.markdown.split("\n")[0]).toMatch(
      new RegExp(`^\\*\\*The ${top.label} team\\*\\* costs the most a day: \\*\\*${formatMoney(Number(top.amount) / 31).replace("$", "\\$")} a day\\*\\* on average over `),
    );
    const table = section.tables.at(-1)!;
    expect(table.columns.map((c) => c.key)).toEqual(["label", "amount", "perDay", "share"]);
    expect(table.rows.find((r) => r.label === top.label)!.perDay).toBeCloseTo(Number(top.amount) / 31, 2);
    // "unknown", "TBD", "n/a" and "" are nobody's team: one row with the untagged cost, as in the showback.
    const labels = table.rows.map((r) => String(r.label));
    expect(labels.filter((l) => DEFAULT_PLACEHOLDER_VALUES.includes(l.trim().toLowerCase()) || l === "(empty value)")).toEqual([]);
    const [unowned] = await app.db.sql.query<{ amount: string }>(
      `SELECT sum(effective_cost)::text AS amount FROM cost_line_items
       WHERE charge_date >= $1 AND charge_date < $2 AND (tags ->> 'team' IS NULL OR lower(btrim(tags ->> 'team')) = ANY($3))`,
      [october.start, october.end, DEFAULT_PLACEHOLDER_VALUES],
    );
    expect(toUnits(String(table.rows.find((r) => r.label === "(untagged or placeholder)")!.amount))).toBe(toUnits(unowned!.amount));
    expect(answer.markdown).toContain("(untagged or placeholder): the cost with no team tag and the cost tagged with a placeholder");
  });

  it("'data transfer between regions' is the transfer between regions or zones, and when none is billed says so first", async () => {
    threadId = undefined;
    const { payload, answer } = await ask("How much did we spend on data transfer between regions last month?");
    const section = payload.sections[0]!;
    const internal = await costTotal(app.db, { period: october, filters: { dataTransfer: "internal" } });
    const all = await costTotal(app.db, { period: october, filters: { dataTransfer: "all" } });
    // The demo bills no transfer between regions; it does bill transfer out to the internet.
    expect(internal.data.total).toBe("0");
    expect(all.data.totalValue).toBeGreaterThan(0);
    expect(section.figures).toMatchObject({ total: "0", allDataTransfer: all.data.total });
    expect(section.headline).toBe(
      `**No data transfer between regions or zones** last month, October 2026 (2026-10-01 to 2026-10-31): no charge's SkuId or ChargeDescription names it. ` +
        `All data transfer came to ${formatMoney(all.data.total)}.`,
    );
    expect(answer.markdown).toContain("Data transfer between regions or zones is read from each charge's SkuId and ChargeDescription");
  });

  it("'data transfer out to the internet' totals the egress charges of every service, not every networking service", async () => {
    threadId = undefined;
    const { payload, answer } = await ask("How much did we spend on data transfer out to the internet last month?");
    const section = payload.sections[0]!;
    const expected = await costBreakdown(app.db, { period: october, dimension: "ServiceName", filters: { dataTransfer: "internet" } });
    // The demo bills internet egress as CloudFront's, Azure Bandwidth's and Cloud CDN's usage; NAT gateways and VPC are
    // networking but not data transfer.
    const egress = await costTotal(app.db, { period: october, filters: { services: ["Amazon CloudFront", "Bandwidth", "Cloud CDN"], chargeCategories: ["Usage"] } });
    const networking = await costTotal(app.db, { period: october, filters: { serviceCategories: ["Networking"] } });
    expect(expected.data.total).toBe(egress.data.total);
    expect(Number(expected.data.total)).toBeLessThan(Number(networking.data.total));
    expect(section.figures.total).toBe(expected.data.total);
    expect(answer.markdown.split("\n")[0]).toContain("for data transfer out to the internet.");
    expect(answer.markdown).toContain("Data transfer out to the internet is read from each charge's SkuId and ChargeDescription");

    // "How much data did we transfer out…?": the volume leads, in GB (GiB restated), from the usage's pricing quantity.
    threadId = undefined;
    const volume = await ask("How much data did we transfer out to the internet last month and what did it cost?");
    const [row] = await app.db.sql.query<{ gb: string }>(
      `SELECT sum(pricing_quantity * CASE pricing_unit WHEN 'GB' THEN 1 WHEN 'GiB' THEN 1.073741824 WHEN 'TB' THEN 1000 ELSE 0 END)::text AS gb
       FROM cost_line_items WHERE charge_category = 'Usage' AND charge_date >= '2026-10-01' AND charge_date < '2026-11-01'
         AND service_name IN ('Amazon CloudFront', 'Bandwidth', 'Cloud CDN')`,
    );
    expect(Number(row!.gb)).toBeGreaterThan(0);
    const v = volume.payload.sections[0]!;
    expect(v.figures.total).toBe(expected.data.total);
    expect(v.figures.gigabytes as number).toBeCloseTo(Number(row!.gb), 1);
    expect(volume.answer.markdown.split("\n")[0]).toMatch(new RegExp(`^\\*\\*${formatNumber(Math.round(Number(row!.gb)))} GB of data transfer out to the internet\\*\\* last month, October 2026 .*, for ${formatMoney(expected.data.total).replace("$", "\\$")}: `));
  });

  it("'the top 5 accounts and their trend' follows each account month by month, beside the whole spend's direction", async () => {
    threadId = undefined;
    const { payload, answer } = await ask("Show me the top 5 accounts by spend and their trend from June to October");
    const section = payload.sections[0]!;
    const period = { start: "2026-06-01", end: "2026-11-01" };
    const expected = await costTrend(app.db, { period, granularity: "month", dimension: "SubAccountId", limit: 5 });
    const named = expected.data.series.filter((s) => !s.isOthers && s.key !== null);
    expect(named).toHaveLength(5);
    const table = section.tables.find((t) => t.title === "By sub-account")!;
    // Each account by its name, its id beside it.
    expect(table.rows.map((r) => r.id)).toEqual(named.map((s) => s.key));
    expect(table.rows.every((r) => r.label !== r.id)).toBe(true);
    for (const [i, s] of named.entries()) {
      expect(Object.entries(table.rows[i]!).filter(([k]) => /^b\d/.test(k)).map(([, v]) => v)).toEqual(s.points.map((p) => p.amount));
    }
    const change = (s: (typeof named)[number]) => (s.points.at(-1)!.value - s.points[0]!.value) / Math.abs(s.points[0]!.value);
    const rose = [...named].sort((a, b) => change(b) - change(a))[0]!;
    expect(section.figures.risesMostKey).toBe(rose.key);
    expect(section.charts.find((c) => c.title === "Cost by sub-account")!.series.map((s) => s.name)).toEqual(table.rows.map((r) => r.label));
    // The accounts asked about lead (once), the whole bill's direction after them.
    const first = answer.markdown.split("\n")[0]!;
    expect(first.startsWith(`Of the 5 largest sub-accounts, from Jun 2026 to Oct 2026: **${section.figures.risesMost}**`)).toBe(true);
    const whole = await costTrend(app.db, { period, granularity: "month" });
    expect(first).toContain(` In all, spend rose in `);
    expect(first).toContain(`from ${formatMoney(whole.data.total[0]!.amount)} in June 2026 to ${formatMoney(whole.data.total.at(-1)!.amount)} in October 2026`);
    expect(answer.markdown.split("Of the 5 largest sub-accounts")).toHaveLength(2);
    expect(table.columns.map((c) => c.label)).toEqual(["Sub-account", "ID", "Jun 2026", "Jul 2026", "Aug 2026", "Sep 2026", "Oct 2026", "Change"]);
  });

  it("'how much did each provider cost last month and what's the trend?' gives the month by provider, then each one over the half year to it", async () => {
    threadId = undefined;
    const { payload, answer } = await ask("How much did each provider cost last month and what's the trend?");
    const section = payload.sections[0]!;
    const byProvider = await costBreakdown(app.db, { period: october, dimension: "ProviderName", limit: 10 });
    expect(section.figures.total).toBe(byProvider.data.total);
    expect(section.tables[0]!.rows.map((r) => r.amount)).toEqual(byProvider.data.rows.map((r) => r.amount));
    // The half year to October is May to October; the demo's data starts on 2026-06-01, so June to October are in it.
    expect((await costDataRange(app.db))!.start).toBe("2026-06-01");
    const expected = await costTrend(app.db, { period: { start: "2026-06-01", end: "2026-11-01" }, granularity: "month", dimension: "ProviderName", limit: 5 });
    const table = section.tables.find((t) => t.title === "By provider, month by month")!;
    expect(table.columns.map((c) => c.label)).toEqual(["Provider", "Jun 2026", "Jul 2026", "Aug 2026", "Sep 2026", "Oct 2026", "Change"]);
    const named = expected.data.series.filter((s) => !s.isOthers && s.key !== null);
    for (const [i, s] of named.entries()) {
      expect(Object.entries(table.rows[i]!).filter(([k]) => /^b\d/.test(k)).map(([, v]) => v)).toEqual(s.points.map((p) => p.amount));
    }
    expect(answer.markdown).toContain("Of the 3 largest providers, from Jun 2026 to Oct 2026:");
    // Without "the trend", the month alone.
    threadId = undefined;
    expect((await ask("How much did each provider cost last month?")).payload.sections[0]!.tables.some((t) => t.title === "By provider, month by month")).toBe(false);
  });

  it("'monthly spend over the last 12 months by provider' gives each provider month by month, over the months the data holds", async () => {
    threadId = undefined;
    const { payload, answer } = await ask("Monthly spend over the last 12 months by provider");
    const section = payload.sections[0]!;
    const period = { start: "2025-11-01", end: "2026-11-01" };
    const expected = await costTrend(app.db, { period, granularity: "month", dimension: "ProviderName", limit: 10 });
    // The demo's data starts in June 2026: the months before hold no cost recorded, which is not a cost of zero.
    const held = expected.data.total.filter((p) => p.value !== 0).map((p) => p.bucketStart);
    expect(held[0]).toBe("2026-06-01");
    expect(expected.data.total.length).toBe(12);
    const monthly = section.charts.find((c) => c.title === "Monthly cost")!;
    expect(monthly.series[0]!.points.map((p) => p.x)).toEqual(held);
    const table = section.tables.find((t) => t.title === "By provider" && t.columns.some((c) => c.label === "Jun 2026"))!;
    expect(table.columns.map((c) => c.label)).toEqual(["Provider", "Jun 2026", "Jul 2026", "Aug 2026", "Sep 2026", "Oct 2026", "Change"]);
    const series = expected.data.series.filter((s) => !s.isOthers && s.key !== null);
    expect(series.map((s) => s.key).sort()).toEqual(["AWS", "Google Cloud", "Microsoft"]);
    for (const s of series) {
      const row = table.rows.find((r) => r.label === s.key)!;
      expect(Object.entries(row).filter(([k]) => /^b\d/.test(k)).map(([, v]) => v)).toEqual(s.points.filter((p) => held.includes(p.bucketStart)).map((p) => p.amount));
    }
    expect(section.charts.find((c) => c.title === "Cost by provider")!.series).toHaveLength(3);
    expect(answer.markdown).toContain("Of the 3 largest providers, from Jun 2026 to Oct 2026:");
  });

  it("'EC2 spend by instance type' breaks EC2 down by FOCUS SkuId, each SKU named by its charge description", async () => {
    threadId = undefined;
    const { payload, answer } = await ask("Break down EC2 spend by instance type last month");
    const section = payload.sections[0]!;
    expect(payload.intent).toBe("service_breakdown");
    const filters = { services: ["Amazon Elastic Compute Cloud"] };
    const expected = await costBreakdown(app.db, { period: october, dimension: "SkuId", filters, limit: 10, poolPlaceholders: true });
    const table = section.tables.find((t) => t.title === "By SKU")!;
    expect(table.rows.map((r) => [r.id ?? r.label, r.amount])).toEqual(expected.data.rows.map((r) => [r.isOthers ? "Others" : (r.key ?? "(no SKU)"), r.amount]));
    const [top] = expected.data.rows;
    expect(top!.key).toMatch(/^BoxUsage:[a-z0-9]+\.\w+$/);
    const [described] = await app.db.sql.query<{ d: string }>(
      "SELECT max(charge_description) AS d FROM cost_line_items WHERE sku_id = $1 AND charge_date >= $2 AND charge_date < $3",
      [top!.key, october.start, october.end],
    );
    expect(table.rows[0]!.label).toBe(described!.d);
    expect(answer.markdown).toContain(`The largest is **${described!.d}**`);
  });

  it("'the cost per environment for each team' splits each of the largest teams by env, the team being the rows", async () => {
    threadId = undefined;
    const { payload } = await ask("Show me the cost per environment for each team in October");
    const section = payload.sections[0]!;
    expect(section.title).toBe("Spend by team and env");
    const teams = await costBreakdown(app.db, { period: october, dimension: "Tag", tagKey: "team", limit: 5, poolPlaceholders: true });
    const first = teams.data.rows.find((r) => !r.isOthers && r.key !== null)!;
    const envs = await costBreakdown(app.db, { period: october, dimension: "Tag", tagKey: "env", limit: 5, filters: { tags: [{ key: "team", values: [first.key!] }] }, poolPlaceholders: true });
    expect(section.tables[0]!.rows.filter((r) => r.group === first.key).map((r) => [r.part, r.amount])).toEqual(envs.data.rows.map((r) => [r.label, r.amount]));
    // A placeholder ("TBD", "unknown") is no team and no env: pooled with the untagged, at both levels.
    const unpooled = await costBreakdown(app.db, { period: october, dimension: "Tag", tagKey: "team", limit: 5 });
    const [pooledNone, untaggedOnly] = [teams, unpooled].map((b) => b.data.rows.find((r) => r.key === null)!);
    expect(pooledNone.amount).not.toBe(untaggedOnly.amount);
    expect(section.tables[0]!.rows.filter((r) => r.group === pooledNone.label)).toEqual([{ group: pooledNone.label, part: "—", amount: pooledNone.amount, share: null }]);
    expect(section.tables[0]!.rows.every((r) => !isPlaceholderValue(String(r.group)) && !isPlaceholderValue(String(r.part)))).toBe(true);

    // By env then team: the envs spelled two ways ("prod" and "production") are said to be one, as by env alone.
    threadId = undefined;
    const byEnv = await ask("Show cost by environment and team in October");
    expect(byEnv.payload.sections[0]!.title).toBe("Spend by env and team");
    const envRows = (await costBreakdown(app.db, { period: october, dimension: "Tag", tagKey: "env", limit: 5, poolPlaceholders: true })).data.rows;
    const amount = (value: string) => envRows.find((r) => r.key === value)!.amount;
    expect(byEnv.answer.markdown).toContain(`**prod** and **production** (${formatMoney(sumDecimals([amount("prod"), amount("production")]))} together)`);
    expect(byEnv.answer.markdown).toContain("look like one value spelled differently");
  });

  it("'what's our most expensive service in each region?' names each of the largest regions' costliest service", async () => {
    threadId = undefined;
    const { payload, answer } = await ask("What was our most expensive service in each region in October?");
    const section = payload.sections[0]!;
    expect(section.title).toBe("Spend by region and service");
    const regions = (await costBreakdown(app.db, { period: october, dimension: "RegionId", limit: 5 })).data.rows.filter((r) => !r.isOthers && r.key !== null);
    const first = answer.markdown.split("\n")[0]!;
    expect(first.startsWith("The largest service in each region in October 2026")).toBe(true);
    for (const region of regions) {
      const top = (await costBreakdown(app.db, { period: october, dimension: "ServiceName", limit: 5, filters: { regions: [region.key!] } })).data.rows[0]!;
      expect(first).toContain(`${region.label}: **${top.label}** (${formatMoney(top.amount)}, `);
    }
  });

  it("'cost by team' then 'break that down by region' splits each of the largest teams by region, exactly as costBreakdown", async () => {
    threadId = undefined;
    await ask("What did each team spend last month?");
    const { payload, answer } = await ask("break that down by region");
    const section = payload.sections[0]!;
    const teams = await costBreakdown(app.db, { period: october, dimension: "Tag", tagKey: "team", limit: 5, poolPlaceholders: true });
    const named = teams.data.rows.filter((r) => !r.isOthers && r.key !== null);
    expect(named.length).toBeGreaterThan(1);
    expect(section.title).toBe("Spend by team and region");
    const table = section.tables[0]!;
    expect(table.columns.map((c) => c.label)).toEqual(["team", "Region", "Cost (USD)", "Share of the team"]);
    for (const team of named) {
      const regions = await costBreakdown(app.db, { period: october, dimension: "RegionId", limit: 5, filters: { tags: [{ key: "team", values: [team.key!] }] } });
      const lines = table.rows.filter((r) => r.group === team.key);
      expect(lines.map((r) => [r.part, r.amount])).toEqual(regions.data.rows.map((r) => [r.label, r.amount]));
    }
    // The untagged cost and the Others remainder are one line each, not split.
    for (const row of teams.data.rows.filter((r) => r.isOthers || r.key === null)) {
      expect(table.rows.filter((r) => r.group === row.label)).toEqual([{ group: row.label, part: "—", amount: row.amount, share: null }]);
    }
    expect(section.figures).toMatchObject({ total: teams.data.total, topKey: named[0]!.label });
    // The answer's table names each team once, on its first line: its other lines open with an empty cell.
    const tableLines = answer.markdown.split("\n").filter((line) => line.startsWith("| "));
    for (const team of named) expect(tableLines.filter((line) => line.startsWith(`| ${team.key} |`))).toHaveLength(1);
    const regionLines = table.rows.filter((r) => r.group === named[0]!.key).length;
    const first = tableLines.findIndex((line) => line.startsWith(`| ${named[0]!.key} |`));
    expect(tableLines.slice(first + 1, first + regionLines).every((line) => /^\|\s+\|/.test(line))).toBe(true);
    expect(answer.markdown.split("\n")[0]).toContain(`the largest team is **${named[0]!.key}** (${formatMoney(named[0]!.amount)}), most of it in **`);
  });

  it("'which resources have no owner tag?' leads with those resources, by name, from topUntagged", async () => {
    threadId = undefined;
    const { payload, answer } = await ask("Which resources have no owner tag?");
    const expected = await topUntagged(app.db, { period: october, tagKey: "owner", by: "ResourceId", limit: 10 });
    const [resources] = payload.sections[0]!.tables;
    expect(resources!.title).toBe("Resources without a real owner value");
    expect(resources!.rows.map((r) => [r.id ?? r.label, r.amount])).toEqual(expected.data.rows.map((r) => [r.key ?? "(no resource)", r.amount]));
    expect(answer.markdown).toContain(`The ${expected.data.rows.length} resources with the most cost and no real "owner" value`);
    // The costliest resource leads, by the name the table gives it (charges on no resource are not one).
    const top = expected.data.rows.find((r) => r.key !== null)!;
    const topRow = resources!.rows.find((r) => r.id === top.key)!;
    expect(payload.sections[0]!.headline.startsWith(`**${topRow.label}** costs the most with no real "owner" value in October 2026: ${formatMoney(top.amount)}. `)).toBe(true);
  });

  it("'which resources have no cost center tag?' is the cost-center key, written with a space, not the weakest key", async () => {
    threadId = undefined;
    const { payload, answer } = await ask("Which resources had no cost center tag in October?");
    const expected = await topUntagged(app.db, { period: october, tagKey: "cost-center", by: "ResourceId", limit: 10 });
    const coverage = await tagCoverage(app.db, { period: october });
    const weakest = [...coverage.data.keys].sort((a, b) => (a.costCoveragePercent ?? 0) - (b.costCoveragePercent ?? 0))[0]!;
    expect(weakest.tagKey).not.toBe("cost-center");
    const [resources] = payload.sections[0]!.tables;
    expect(resources!.title).toBe("Resources without a real cost-center value");
    expect(resources!.rows.map((r) => [r.id ?? r.label, r.amount])).toEqual(expected.data.rows.map((r) => [r.key ?? "(no resource)", r.amount]));
    expect(answer.markdown).toContain('no real "cost-center" value');
  });

  it("'which resources have no tags at all?' lists the resources with no real value for any tag, not the weakest key's", async () => {
    threadId = undefined;
    const { payload, answer } = await ask("Which resources have no tags at all?");
    const expected = await topUntagged(app.db, { period: october, by: "ResourceId", limit: 10 });
    const owner = await topUntagged(app.db, { period: october, tagKey: "owner", by: "ResourceId", limit: 10 });
    expect(expected.data.total).not.toBe(owner.data.total);
    const [resources] = payload.sections[0]!.tables;
    expect(resources!.title).toBe("Resources with no tags");
    expect(resources!.rows.map((r) => [r.id ?? r.label, r.amount])).toEqual(expected.data.rows.map((r) => [r.key ?? "(no resource)", r.amount]));
    const coverage = await tagCoverage(app.db, { period: october });
    const top = expected.data.rows.find((r) => r.key !== null)!;
    const topRow = resources!.rows.find((r) => r.id === top.key)!;
    expect(answer.markdown.split("\n")[0]).toBe(
      `**${topRow.label}** costs the most with no real value for any tag in October 2026: ${formatMoney(top.amount)}. ` +
        `**${formatMoney(coverage.data.together.noKeyCost)} (${formatPercent(coverage.data.together.noKeyPercent)}) of the cost in October 2026 carries no real value for any of the ${coverage.data.keys.length} tag keys**` +
        answer.markdown.split("\n")[0]!.split("tag keys**")[1],
    );
    expect(payload.sections[0]!.figures["untagged:(any)"]).toBe(coverage.data.together.noKeyCost);
  });

  it("'which team had the most untagged resources in October?' ranks the teams by their resources missing the other tags", async () => {
    threadId = undefined;
    const { payload, answer } = await ask("Which team had the most untagged resources in October?");
    const gaps = (await tagGapsByValue(app.db, { period: october, byKey: "team" })).data;
    const top = gaps.values[0]!;
    expect(top.incomplete).toBeGreaterThan(0);
    // Ranked by the count missing a tag: no team has more than the first.
    expect(gaps.values.every((v) => v.incomplete <= top.incomplete)).toBe(true);
    const section = payload.sections[0]!;
    expect(section.figures).toMatchObject({ top: top.value, topIncomplete: top.incomplete, topResources: top.resources, unowned: gaps.unowned.resources });
    expect(answer.markdown.split("\n")[0]).toMatch(
      new RegExp(`^\\*\\*${top.value}\\*\\* has the most resources missing tags in October 2026 .*: \\*\\*${top.incomplete} of its ${top.resources}\\*\\* lack a real value for at least one of the other ${gaps.tagKeys.length} keys`),
    );
    expect(section.tables[0]!.rows.map((r) => r.label)).toEqual([...gaps.values.map((v) => v.value), ...(gaps.unowned.resources ? ["(no team)"] : [])]);
    // Owners named in the plural ("apps") are the key spelled in the singular.
    threadId = undefined;
    const apps = await ask("Which apps had the most resources missing tags in October?");
    const appGaps = (await tagGapsByValue(app.db, { period: october, byKey: "app" })).data;
    expect(apps.payload.sections[0]!.figures).toMatchObject({ top: appGaps.values[0]!.value, topIncomplete: appGaps.values[0]!.incomplete });
    // A column's values are owners too: the regions ranked the same way, every key expected.
    threadId = undefined;
    const regions = (await ask("Which region had the most untagged resources in October?")).payload.sections[0]!;
    const regionGaps = (await tagGapsByValue(app.db, { period: october, byColumn: "RegionId" })).data;
    expect(regions.title).toBe("Missing tags by region");
    expect(regions.figures).toMatchObject({ top: regionGaps.values[0]!.value, topIncomplete: regionGaps.values[0]!.incomplete, unowned: regionGaps.unowned.resources });
    // A noun that is neither a column nor a tag key gets the coverage answer.
    threadId = undefined;
    const colours = await ask("Which colour has the most untagged resources?");
    expect(colours.payload.sections[0]!.title).not.toMatch(/^Missing tags by/);
  });

  it("'how many resources are untagged?' counts the resources with no tag at all, and those missing the key asked", async () => {
    // Counted here from the line items: resources with a ResourceId and October cost lines, and for each whether any
    // of its lines carries a real value (not a placeholder) for the key, or for any key.
    const counts = async (key: string | null) => {
      const real = `EXISTS (SELECT 1 FROM jsonb_each_text(coalesce(li.tags, '{}'::jsonb)) t WHERE ${key ? "t.key = $2 AND " : ""}lower(btrim(t.value)) <> ALL($1::text[]))`;
      const [row] = await app.db.sql.query<{ resources: string | number; missing: string | number }>(
        `SELECT count(*) AS resources, count(*) FILTER (WHERE NOT tagged) AS missing FROM (
           SELECT li.resource_id, ${key ? "bool_and" : "bool_or"}(${real}) AS tagged FROM cost_line_items li
           WHERE li.resource_id IS NOT NULL AND li.charge_date >= '2026-10-01' AND li.charge_date < '2026-11-01' GROUP BY li.resource_id) r`,
        key ? [DEFAULT_PLACEHOLDER_VALUES, key] : [DEFAULT_PLACEHOLDER_VALUES],
      );
      return { resources: Number(row!.resources), missing: Number(row!.missing) };
    };
    const none = await counts(null);
    expect(none.missing).toBeGreaterThan(0);
    threadId = undefined;
    const { payload, answer } = await ask("How many resources were untagged in October?");
    const coverage = (await tagCoverage(app.db, { period: october })).data;
    const mostMissed = [...coverage.keys].sort((a, b) => b.identifiedWithout - a.identifiedWithout)[0]!;
    expect(mostMissed.identifiedWithout).toBe((await counts(mostMissed.tagKey)).missing);
    expect(payload.sections[0]!.figures).toMatchObject({ resources: none.resources, resourcesWithNoTag: none.missing });
    expect(answer.markdown.split("\n")[0]).toMatch(
      new RegExp(
        `^\\*\\*${none.missing} of ${none.resources} resources\\*\\* \\([\\d.]+%\\) with cost in October 2026 \\(2026-10-01 to 2026-10-31\\) carry no real value for any of the ${coverage.keys.length} tag keys; ` +
          `the key most often missing is \\*\\*${mostMissed.tagKey}\\*\\*, on ${mostMissed.identifiedWithout} \\(`,
      ),
    );

    threadId = undefined;
    const owner = await ask("How many resources had no owner tag in October?");
    const ownerMissing = await counts("owner");
    expect(ownerMissing.missing).not.toBe(none.missing);
    expect(owner.payload.sections[0]!.figures["resourcesWithout:owner"]).toBe(ownerMissing.missing);
    expect(owner.answer.markdown.split("\n")[0]).toMatch(new RegExp(`^\\*\\*${ownerMissing.missing} of ${none.resources} resources\\*\\* \\([\\d.]+%\\) with cost in October 2026 .* lack a real "owner" value`));
  });

  it("'which services have no tags at all?' names the services whose every cost carries no real value for any tag", async () => {
    threadId = undefined;
    const section = (await ask("Which services have no tags at all in October?")).payload.sections[0]!;
    const [costs, untagged] = await Promise.all([
      costBreakdown(app.db, { period: october, dimension: "ServiceName", limit: 100 }),
      topUntagged(app.db, { period: october, by: "ServiceName", limit: 100 }),
    ]);
    const untaggedOf = new Map(untagged.data.rows.map((r) => [r.key, r.amount]));
    const bare = costs.data.rows.filter((r) => !r.isOthers && r.key !== null && r.value > 0 && toUnits(untaggedOf.get(r.key) ?? "0") >= toUnits(r.amount));
    expect(section.figures.noTagsAtAll).toBe(bare.length);
    expect(section.headline).toMatch(
      bare.length
        ? new RegExp(`^\\*\\*${bare.length} services? carr(y|ies) no tags at all\\*\\* in October 2026 `)
        : /^\*\*Every service carries a real value for some tag\*\* in October 2026 .*; the least tagged is /,
    );
    expect(section.tables[0]!.title).toBe("Tag coverage by service");
    const coverages = section.tables[0]!.rows.map((r) => r.coverage as number);
    expect(coverages).toEqual([...coverages].sort((a, b) => a - b));
  });

  it("'how many instances are running in dev?' counts the dev sub-accounts' virtual machines with cost, not the rightsizing findings", async () => {
    threadId = undefined;
    const { payload, answer } = await ask("How many instances are running in dev?");
    const [dev] = await accountsNamed(app.db, ["dev"]);
    const vms = ["Amazon Elastic Compute Cloud", "Virtual Machines", "Compute Engine"];
    const expected = await costBreakdown(app.db, { period: october, dimension: "ResourceId", filters: { services: vms, subAccountIds: dev!.subAccountIds }, limit: 50 });
    const named = expected.data.valueCount - (expected.data.rows.some((r) => r.key === null && !r.isOthers) ? 1 : 0);
    expect(named).toBeGreaterThan(0);
    const section = payload.sections[0]!;
    expect(payload.intent).toBe("service_breakdown");
    // Counted per service, each service's machines a row.
    expect(section.figures.total).toBe(named);
    expect(section.title).toBe("Resource count by service");
    expect(answer.markdown.split("\n")[0]).toMatch(new RegExp(`^\\*\\*${named} resources\\*\\* had cost in October 2026 for Amazon Elastic Compute Cloud, Virtual Machines, Compute Engine, dev \\(${dev!.subAccountIds.length} sub-accounts\\), in \\d services`));
  });

  it("'how many resources do we have in each account?' counts resources per sub-account, not the resources' cost", async () => {
    threadId = undefined;
    const { payload, answer } = await ask("How many resources did we have in each account last month?");
    const expected = await countPerValue(app.db, { period: october, dimension: "SubAccountId", countOf: "ResourceId" });
    expect(expected.data.valueCount).toBeGreaterThan(1);
    const section = payload.sections[0]!;
    expect(section.tables[0]!.rows.map((r) => [r.id ?? r.label, r.count, r.amount])).toEqual(expected.data.rows.map((r) => [r.key ?? "(no sub-account)", r.count, r.amount]));
    expect(section.figures).toMatchObject({ total: expected.data.total, values: expected.data.valueCount });
    expect(answer.markdown.split("\n")[0]).toMatch(new RegExp(`^\\*\\*${expected.data.total} resources\\*\\* had cost last month, October 2026 .* in ${expected.data.valueCount} sub-accounts; the most are in \\*\\*`));
  });

  it("'how many resources do we have?' counts them per service, not a list of the costliest", async () => {
    threadId = undefined;
    const { payload, answer } = await ask("How many resources do we have?");
    const expected = await countPerValue(app.db, { period: october, dimension: "ServiceName", countOf: "ResourceId" });
    const section = payload.sections[0]!;
    expect(section.title).toBe("Resource count by service");
    expect(section.figures).toMatchObject({ total: expected.data.total, values: expected.data.valueCount });
    expect(section.tables[0]!.rows.map((r) => [r.label, r.count, r.amount])).toEqual(expected.data.rows.map((r) => [r.label, r.count, r.amount]));
    expect(answer.markdown.split("\n")[0]).toMatch(new RegExp(`^\\*\\*${expected.data.total} resources\\*\\* had cost in October 2026, in ${expected.data.valueCount} services; the most are in \\*\\*${expected.data.rows[0]!.label}\\*\\*`));
    // Of one service, per sub-account.
    threadId = undefined;
    const ec2 = (await ask("How many EC2 instances do we have?")).payload.sections[0]!;
    const perAccount = await countPerValue(app.db, { period: october, dimension: "SubAccountId", countOf: "ResourceId", filters: { services: ["Amazon Elastic Compute Cloud"] } });
    expect(ec2.title).toBe("Resource count by sub-account");
    expect(ec2.figures).toMatchObject({ total: perAccount.data.total, values: perAccount.data.valueCount });
  });

  it("'which services have the most variable daily spend?' ranks services by the coefficient of variation of their daily cost; 'most stable' the other way", async () => {
    threadId = undefined;
    const { payload, answer } = await ask("Which services had the most volatile daily spend in October?");
    const expected = await costVolatility(app.db, { period: october });
    expect(expected.data.rows.length).toBeGreaterThan(2);
    const section = payload.sections[0]!;
    expect(section.tables[0]!.rows.map((r) => r.label)).toEqual(expected.data.rows.map((r) => r.label));
    const first = expected.data.rows[0]!;
    expect(section.figures).toMatchObject({ first: first.label, firstCvPercent: Number(first.cvPercent.toFixed(1)), days: 31 });
    expect(answer.markdown.split("\n")[0]).toContain(`**${first.label}** varied the most from day to day in October 2026 (2026-10-01 to 2026-10-31): its daily cost had a standard deviation of `);
    // The demo's injected spike makes its service among the most variable, ahead of steady always-on compute.
    const all = await costVolatility(app.db, { period: october, limit: 100 });
    const ec2 = all.data.rows.find((r) => r.label === "Amazon Elastic Compute Cloud")!;
    expect(ec2).toBeDefined();
    expect(first.cvPercent).toBeGreaterThan(ec2.cvPercent);
    threadId = undefined;
    const steady = (await ask("Which services had the most stable spend in October?")).payload.sections[0]!;
    const steadiest = await costVolatility(app.db, { period: october, steadiestFirst: true });
    expect(steady.tables[0]!.rows.map((r) => r.label)).toEqual(steadiest.data.rows.map((r) => r.label));
    expect(steady.headline).toContain(`**${steadiest.data.rows[0]!.label}** was the steadiest`);
  });

  it("'which services are only used in one region?' lists the services with cost in exactly one region, each with its region; 'more than one' the others", async () => {
    const regions = await app.db.sql.query<{ service_name: string; n: number; region: string; amount: string }>(
      `SELECT service_name, count(DISTINCT region_id)::int AS n, min(region_id) AS region, sum(effective_cost)::text AS amount
         FROM cost_daily_rollup WHERE charge_date >= '2026-10-01' AND charge_date < '2026-11-01' GROUP BY service_name`,
    );
    const single = regions.filter((r) => r.n === 1).sort((a, b) => Number(b.amount) - Number(a.amount));
    const several = regions.filter((r) => r.n >= 2);
    expect(single.length).toBeGreaterThan(0);
    expect(several.length).toBeGreaterThan(0);
    threadId = undefined;
    const { payload, answer } = await ask("Which of our services are only used in one region in October?");
    const section = payload.sections[0]!;
    expect(section.figures).toMatchObject({ matching: single.length, values: regions.length, noneCounted: regions.filter((r) => r.n === 0).length });
    expect(section.tables[0]!.rows.map((r) => [r.label, r.sole, Number(r.amount)])).toEqual(single.map((r) => [r.service_name, r.region, Number(r.amount)]));
    expect(answer.markdown.split("\n")[0]).toContain(`**${single.length} of ${regions.length} services** had cost in only one region in October 2026 (2026-10-01 to 2026-10-31): ${single[0]!.service_name} (${single[0]!.region}, `);
    threadId = undefined;
    const more = (await ask("Which services run in more than one region in October?")).payload.sections[0]!;
    expect(more.figures.matching).toBe(several.length);
    expect(more.tables[0]!.rows.every((r) => Number(r.count) >= 2)).toBe(true);
    // Every demo sub-account is on one cloud; the taxes billed to no sub-account, on two, are no account.
    threadId = undefined;
    const clouds = (await ask("Which accounts use more than one cloud in October?")).payload.sections[0]!;
    const [accounts] = await app.db.sql.query<{ n: number }>(
      `SELECT count(DISTINCT sub_account_id)::int AS n FROM cost_daily_rollup WHERE charge_date >= '2026-10-01' AND charge_date < '2026-11-01'`,
    );
    expect(clouds.figures.matching).toBe(0);
    expect(clouds.headline).toBe(`No sub-account had cost in more than one provider in October 2026 (2026-10-01 to 2026-10-31), of the ${accounts!.n} sub-accounts with cost.`);
  });

  it("'which services have the worst tagging?' ranks services by the weakest tag's coverage, least covered first", async () => {
    threadId = undefined;
    const { payload, answer } = await ask("Which services have the worst tagging last month?");
    const coverage = await tagCoverage(app.db, { period: october });
    const weakest = [...coverage.data.keys].sort((x, y) => (x.costCoveragePercent ?? 0) - (y.costCoveragePercent ?? 0))[0]!;
    const costs = await costBreakdown(app.db, { period: october, dimension: "ServiceName", limit: 100 });
    const untagged = await topUntagged(app.db, { period: october, tagKey: weakest.tagKey, by: "ServiceName", limit: 100 });
    const missing = new Map(untagged.data.rows.map((r) => [r.key, Number(r.amount)]));
    const ranked = costs.data.rows
      .filter((r) => !r.isOthers && r.key !== null && r.value >= Number(costs.data.total) * 0.01)
      .map((r) => ({ label: r.label, coverage: (1 - (missing.get(r.key) ?? 0) / r.value) * 100, value: r.value }))
      .sort((a, b) => a.coverage - b.coverage || b.value - a.value);
    // The least covered is not simply the service with the most untagged cost, or this would prove nothing new.
    expect(ranked[0]!.label).not.toBe(untagged.data.rows[0]!.label);
    const section = payload.sections[0]!;
    expect(section.tables[0]!.title).toBe(`${weakest.tagKey} coverage by service`);
    expect(section.tables[0]!.rows.map((r) => r.label)).toEqual(ranked.map((r) => r.label));
    expect(section.figures.leastCovered).toBe(ranked[0]!.label);
    expect(Number(section.figures.leastCoveredPercent)).toBeCloseTo(ranked[0]!.coverage, 6);
    expect(answer.markdown.split("\n")[0]).toContain(`By service, the least covered is **${ranked[0]!.label}**: ${formatPercent(ranked[0]!.coverage)} of its`);
  });

  it("'untagged resources costing more than $500' lists every resource past $500 without the weakest tag, and how many", async () => {
    threadId = undefined;
    const { payload, answer } = await ask("Show untagged resources costing more than $500 last month");
    const coverage = await tagCoverage(app.db, { period: october });
    const weakest = [...coverage.data.keys].sort((x, y) => (x.costCoveragePercent ?? 0) - (y.costCoveragePercent ?? 0))[0]!;
    const all = await topUntagged(app.db, { period: october, tagKey: weakest.tagKey, by: "ResourceId", limit: 100 });
    const over = all.data.rows.filter((r) => r.key !== null && Number(r.amount) > 500);
    expect(over.length).toBeGreaterThan(0);
    expect(over.length).toBeLessThan(all.data.rows.filter((r) => r.key !== null).length);
    const section = payload.sections[0]!;
    expect(section.tables[0]!.rows.map((r) => [r.id ?? r.label, r.amount])).toEqual(over.map((r) => [r.key, r.amount]));
    expect(section.figures).toMatchObject({ resourcesOver: over.length, resourcesOverCost: exactSum(over) });
    expect(answer.markdown.split("\n")[0]).toMatch(new RegExp(`^\\*\\*${over.length} resources\\*\\* with no real "${weakest.tagKey}" value cost more than \\$500\\.00 each last month`));
    // "Resources without an owner tag": the key named, the resources themselves, not the coverage overview.
    threadId = undefined;
    const owner = (await ask("Are there any resources without an owner tag costing more than $5 last month?")).payload.sections[0]!;
    const ownerAll = await topUntagged(app.db, { period: october, tagKey: "owner", by: "ResourceId", limit: 100, amountAbove: 5 });
    expect(ownerAll.data.matching!.count).toBeGreaterThan(1);
    expect(owner.figures).toMatchObject({ resourcesOver: ownerAll.data.matching!.count, resourcesOverCost: ownerAll.data.matching!.amount });
    expect(owner.headline).toMatch(new RegExp(`^\\*\\*${ownerAll.data.matching!.count} resources\\*\\* with no real "owner" value cost more than \\$5\\.00 each last month`));
    expect(owner.tables[0]!.rows.map((r) => r.id ?? r.label)).toEqual(ownerAll.data.rows.map((r) => r.key));
  });

  it("splits a two-part question and answers both parts in parallel", async () => {
    const { payload, executions } = await ask("show EC2 spend last month and also forecast next month");
    expect(payload.intent).toBe("multi_intent");
    expect(payload.sections.map((s) => s.agent)).toEqual(["cost_analysis", "forecasting"]);
    expect(executions.filter((e) => e.agentType !== "supervisor").map((e) => e.agentType)).toEqual(
      expect.arrayContaining(["cost_analysis", "forecasting"]),
    );
  });

  it("asks a specific question back instead of guessing, and stores the clarification intent", async () => {
    const { payload, answer, intent } = await ask("hmm");
    expect(payload.intent).toBe("clarification_needed");
    expect(answer.markdown).toMatch(/\?/);
    expect(payload.sections).toEqual([]);
    expect(intent!.intentType).toBe("clarification_needed");
  });

  it("writes the report for 'give me a report for Q3' as the first question of a thread", async () => {
    threadId = undefined;
    const { payload } = await ask("Give me a report for Q3");
    expect(payload.report?.fileName).toBe("cost-report-2026-07-01.md");
    const expected = await costBreakdown(app.db, { period: { start: "2026-07-01", end: "2026-10-01" }, dimension: "ServiceName", limit: 15 });
    expect(payload.sections[0]!.figures.total).toBe(expected.data.total);
  });

  it("writes a downloadable period report for 'give me a report for October'", async () => {
    const { payload } = await ask("give me a report for October");
    expect(payload.report?.fileName).toBe("cost-report-2026-10-01.md");
    expect(payload.report?.csv.split("\n")[0]).toBe("section,name,cost_usd");
    const expected = await costBreakdown(app.db, { period: october, dimension: "ServiceName", limit: 15 });
    expect(payload.sections[0]!.figures.total).toBe(expected.data.total);
    expect(payload.report?.markdown).toContain("## Cost report: October 2026");
  });

  it("'a monthly report for the data-platform team' is the team's report on the latest complete month, not half a year by month", async () => {
    threadId = undefined;
    const { payload } = await ask("Generate a monthly report for the data-platform team");
    const team = await costTotal(app.db, { period: october, filters: { tags: [{ key: "team", values: ["data-platform"] }] } });
    expect(payload.sections[0]!.figures.total).toBe(team.data.total);
    expect(payload.report?.markdown).toContain("October 2026");
  });

  it("'summarise our cloud spend for the CFO' gets the period report, its change against the previous month by name", async () => {
    threadId = undefined;
    const { payload, answer, executions } = await ask("Summarize our cloud spend for the CFO");
    expect(executions.map((e) => e.agentType)).toContain("report_generation");
    const change = await comparePeriods(app.db, { current: october, mode: "MoM" });
    expect(payload.sections[0]!.figures).toMatchObject({ total: change.data.current.total, baseline: change.data.baseline.total });
    expect(answer.markdown.split("\n")[0]).toMatch(/ in October 2026 \([+-][\d.]+% against September 2026\)\.$/);
  });

  it("a report on a scope with no cost ('a cost summary for the payments team') says so first, with no empty tables or file", async () => {
    threadId = undefined;
    const { payload, answer, executions } = await ask("Give me a cost summary for the payments team for October");
    expect(executions.map((e) => e.agentType)).toContain("report_generation");
    const section = payload.sections[0]!;
    expect(section.figures).toMatchObject({ total: "0", baseline: "0" });
    expect(section.headline).toBe("**No cost** in October 2026 (2026-10-01 to 2026-10-31) for team=payments, nor in September 2026: there is nothing to report.");
    expect(section.tables).toEqual([]);
    expect(payload.report).toBeUndefined();
    // Why: the note names the key that does hold the value.
    expect(answer.markdown).toContain("No cost is tagged team=payments");
    // A report on a scope with cost names the scope in its headline.
    threadId = undefined;
    const app_ = (await ask("Give me a cost summary for the payments app for October")).payload;
    const expected = await comparePeriods(app.db, { current: october, mode: "MoM", filters: { tags: [{ key: "app", values: ["payments"] }] } });
    expect(app_.sections[0]!.headline).toBe(
      `**${formatMoney(expected.data.current.total)}** in October 2026 (2026-10-01 to 2026-10-31) for app=payments (${formatSignedPercent(expected.data.changePercent)} against September 2026).`,
    );
    expect(app_.report?.fileName).toBe("cost-report-2026-10-01.md");
  });

  it("a single day ('the spend on Sept 15') is that day's cost, said to be on that day, with no one-point chart", async () => {
    threadId = undefined;
    const { payload, answer } = await ask("What was the spend on Sept 15?");
    const section = payload.sections[0]!;
    const expected = await costBreakdown(app.db, { period: { start: "2026-09-15", end: "2026-09-16" }, dimension: "ServiceName" });
    expect(section.figures.total).toBe(expected.data.total);
    expect(answer.markdown.split("\n")[0]).toMatch(/ on September 15, 2026 \(2026-09-15\)\.$/);
    expect(section.charts.map((c) => c.kind)).toEqual(["bar"]);
  });

  it("'what percentage of our spend is on compute?' gives Compute's share of every cost in the period", async () => {
    threadId = undefined;
    const { payload, answer } = await ask("What percentage of our spend is on compute?");
    const section = payload.sections[0]!;
    const [compute, all] = await Promise.all([
      costBreakdown(app.db, { period: october, dimension: "ServiceName", filters: { serviceCategories: ["Compute"] } }),
      costBreakdown(app.db, { period: october, dimension: "ProviderName" }),
    ]);
    const share = (Number(compute.data.total) / Number(all.data.total)) * 100;
    expect(section.figures).toMatchObject({ total: compute.data.total, allCosts: all.data.total });
    expect(section.figures.share).toBeCloseTo(share, 10);
    expect(answer.markdown.split("\n")[0]).toBe(
      `**${share.toFixed(1)}%** of all costs in October 2026 were for Compute: ${formatMoney(compute.data.total)} of ${formatMoney(all.data.total)} effective (amortized) cost.`,
    );
      // Of a named whole: EC2 against AWS's costs, not all costs.
    threadId = undefined;
    const ec2 = (await ask("What share of AWS spend is EC2?")).payload.sections[0]!;
    const [ec2Cost, aws] = await Promise.all([
      costTotal(app.db, { period: october, filters: { services: ["Amazon Elastic Compute Cloud"] } }),
      costTotal(app.db, { period: october, filters: { providers: ["AWS"] } }),
    ]);
    const ec2Share = (Number(ec2Cost.data.total) / Number(aws.data.total)) * 100;
    expect(ec2.figures).toMatchObject({ total: ec2Cost.data.total, allCosts: aws.data.total });
    expect(ec2.figures.share).toBeCloseTo(ec2Share, 10);
    expect(ec2.headline).toBe(
      `**${ec2Share.toFixed(1)}%** of the costs in October 2026 for AWS were for Amazon Elastic Compute Cloud: ${formatMoney(ec2Cost.data.total)} of ${formatMoney(aws.data.total)} effective (amortized) cost.`,
    );
    // "How much of our Bedrock spend is in staging?": staging's part of Bedrock.
    threadId = undefined;
    const staging = (await ask("How much of our Bedrock spend is in staging?")).payload.sections[0]!;
    const [stagingAccounts] = await accountsNamed(app.db, ["staging"]);
    const [part, bedrock] = await Promise.all([
      costTotal(app.db, { period: october, filters: { services: ["Amazon Bedrock"], subAccountIds: stagingAccounts!.subAccountIds } }),
      costTotal(app.db, { period: october, filters: { services: ["Amazon Bedrock"] } }),
    ]);
    expect(staging.figures).toMatchObject({ total: part.data.total, allCosts: bedrock.data.total });
    expect(staging.headline).toMatch(/^\*\*[\d.]+%\*\* of the costs in October 2026 for AWS, Amazon Bedrock were for staging \(\d+ sub-accounts\): /);
  });

  it("'how much is on-demand vs committed?' is spend by FOCUS pricing category, in the words FinOps teams use", async () => {
    threadId = undefined;
    const { payload, answer } = await ask("How much is on-demand vs committed?");
    const expected = await costBreakdown(app.db, { period: october, dimension: "PricingCategory" });
    const table = payload.sections[0]!.tables[0]!;
    expect(table.rows.map((r) => r.amount)).toEqual(expected.data.rows.map((r) => r.amount));
    expect(table.rows.map((r) => r.label)).toContain("Standard (on-demand)");
    expect(table.rows.map((r) => r.label)).toContain("Committed (reservations, savings plans)");
    expect(answer.markdown).toContain("FOCUS PricingCategory: Standard is on-demand pricing");
    // Naming Spot or reservations among the kinds is still the split, not the Spot (or commitments) analysis.
    for (const question of ["What's the split between on-demand, reserved and spot last month?", "on-demand vs spot spend last month"]) {
      threadId = undefined;
      const split = await ask(question);
      expect(split.payload.sections.map((x) => x.agent)).toEqual(["cost_analysis"]);
      expect(split.payload.sections[0]!.tables[0]!.rows.map((r) => r.amount)).toEqual(expected.data.rows.map((r) => r.amount));
    }
  });

  it("'what percentage of compute is on-demand?' gives the on-demand share of compute, not compute's share of the bill", async () => {
    threadId = undefined;
    const { payload, answer } = await ask("What percentage of our compute spend in October was on-demand?");
    const expected = await costBreakdown(app.db, { period: october, dimension: "PricingCategory", filters: { serviceCategories: ["Compute"] } });
    const onDemand = expected.data.rows.find((r) => r.key === "Standard")!;
    const share = (Number(onDemand.amount) / expected.data.totalValue) * 100;
    const section = payload.sections[0]!;
    expect(section.figures.shareStandard).toBeCloseTo(share, 6);
    expect(answer.markdown).toContain(`**${formatPercent(share)}** of the costs in October 2026`);
    expect(answer.markdown).toContain(`ran at on-demand rates: ${formatMoney(onDemand.amount, "USD")} of ${formatMoney(expected.data.total, "USD")}`);
    expect(answer.markdown).not.toContain("of all costs");
    expect(section.tables[0]!.rows.map((r) => r.amount)).toEqual(expected.data.rows.map((r) => r.amount));

    // Spot named alone, and two kinds named: each one's share, in the order asked.
    threadId = undefined;
    const spot = await ask("How much of our compute ran on spot in October?");
    const dynamic = expected.data.rows.find((r) => r.key === "Dynamic")!;
    expect(spot.payload.sections.map((x) => x.agent)).toEqual(["cost_analysis"]);
    expect(spot.payload.sections[0]!.figures.shareDynamic).toBeCloseTo((Number(dynamic.amount) / expected.data.totalValue) * 100, 6);
    expect(spot.answer.markdown).toContain(`ran on spot or preemptible capacity: ${formatMoney(dynamic.amount, "USD")}`);
    threadId = undefined;
    const both = await ask("What share of compute was on-demand vs spot in October?");
    expect(both.answer.markdown).toMatch(/^Of the \$[\d,.]+ .* ran at on-demand rates \(\$[\d,.]+\), \*\*[\d.]+%\*\* ran on spot or preemptible capacity/m);
  });

  it("'what are our fixed vs variable costs?' sets committed spend against on-demand and spot, the rest named as neither", async () => {
    threadId = undefined;
    const { payload } = await ask("What are our fixed costs vs variable costs in October?");
    const section = payload.sections[0]!;
    const byPricing = await costBreakdown(app.db, { period: october, dimension: "PricingCategory", limit: 10 });
    const amount = (key: string) => byPricing.data.rows.find((r) => r.key === key)?.amount ?? "0";
    const variable = fromUnits(toUnits(amount("Standard")) + toUnits(amount("Dynamic")));
    expect(Number(amount("Committed"))).toBeGreaterThan(0);
    expect(section.figures).toMatchObject({ fixed: amount("Committed"), variable, total: byPricing.data.total });
    expect(Number(section.figures.fixed) + Number(section.figures.variable) + Number(section.figures.neither)).toBeCloseTo(Number(byPricing.data.total), 1);
    expect(section.headline).toMatch(new RegExp(`^\\*\\*${formatMoney(variable).replace(/[$.]/g, "\\$&")} variable \\([\\d.]+%\\)\\*\\* against \\*\\*\\$[\\d,.]+ fixed `));
    // "Our fixed costs" alone is the same split (it was the bill by service).
    threadId = undefined;
    const fixedOnly = (await ask("What were our fixed costs in October?")).payload.sections[0]!;
    expect(fixedOnly.figures).toMatchObject({ fixed: amount("Committed"), variable });
  });

  it("'amortized vs billed' sets the two metrics side by side, each total exactly its own breakdown's", async () => {
    threadId = undefined;
    const { payload, answer } = await ask("What's our amortized vs billed cost last month?");
    const section = payload.sections[0]!;
    const [effective, billed] = await Promise.all(
      (["EffectiveCost", "BilledCost"] as const).map((metric) => costBreakdown(app.db, { period: october, dimension: "ServiceName", metric, limit: 500 })),
    );
    expect(section.figures).toMatchObject({ EffectiveCost: effective!.data.total, BilledCost: billed!.data.total });
    const table = section.tables[0]!;
    expect(table.columns.map((c) => c.label)).toEqual(["Service", "Effective cost (USD)", "Billed cost (USD)", "Difference (USD)"]);
    const top = effective!.data.rows[0]!;
    expect(table.rows[0]).toMatchObject({ label: top.label, EffectiveCost: top.amount, BilledCost: billed!.data.rows.find((r) => r.key === top.key)!.amount });
    expect(table.rows.at(-1)).toMatchObject({ label: "Total", EffectiveCost: effective!.data.total, BilledCost: billed!.data.total });
    expect(answer.markdown).toContain("**Billed cost**: what the invoice charges");
      // Asked as "the difference between" over a period: the same figures, not only the definitions.
    threadId = undefined;
    const difference = (await ask("What's the difference between billed and amortized cost last month?")).payload.sections[0]!;
    expect(difference.figures).toMatchObject({ EffectiveCost: effective!.data.total, BilledCost: billed!.data.total });
  });

  it("'list price vs what we actually paid' sets list against effective cost and gives the effective savings rate over usage", async () => {
    threadId = undefined;
    const { payload, answer } = await ask("How much did we pay in list price vs what we actually paid last month?");
    const section = payload.sections[0]!;
    const [list, effective] = await Promise.all(
      (["ListCost", "EffectiveCost"] as const).map(async (metric) => (await costTotal(app.db, { period: october, metric })).data.total),
    );
    const usage = (await savingsMetrics(app.db, { period: october })).data.total;
    expect(section.figures).toMatchObject({ ListCost: list, EffectiveCost: effective, totalSavings: usage.totalSavings, usageListCost: usage.listCost });
    expect(section.figures.effectiveSavingsRate).toBeCloseTo(usage.effectiveSavingsRate!, 10);
    const gap = Number(list) - Number(effective);
    expect(gap).toBeGreaterThan(0);
    expect(answer.markdown.split("\n")[0]).toContain(
      `**${formatMoney(list, "USD")}** list cost vs **${formatMoney(effective, "USD")}** effective (amortized) cost last month, October 2026 (2026-10-01 to 2026-10-31); ` +
        `effective cost is ${formatMoney(gap.toFixed(2), "USD")} (${formatPercent((gap / Number(list)) * 100)}) lower. ` +
        `On usage, what was paid is **${formatMoney(usage.totalSavings, "USD")}** below list`,
    );
    expect(answer.markdown).toContain(`an effective savings rate of **${formatPercent(usage.effectiveSavingsRate! * 100)}**`);
  });

  it("'what's our unit cost per GB for S3?' divides S3's usage cost by its quantity in GB, per pricing unit", async () => {
    threadId = undefined;
    const { payload, answer } = await ask("What's our unit cost per GB for S3 storage?");
    const section = payload.sections[0]!;
    const expected = await unitCosts(app.db, {
      period: october,
      filters: { providers: ["AWS"], services: ["Amazon Simple Storage Service"], serviceCategories: ["Storage"] },
      limit: 10,
    });
    const gb = expected.data.rows.find((r) => /GB/.test(r.pricingUnit) && r.unitCost !== null)!;
    expect(gb).toBeDefined();
    expect(section.figures).toMatchObject({ unitCost: gb.unitCost, pricingUnit: gb.pricingUnit, cost: gb.cost, quantity: gb.quantity });
    // Only the pairs priced per GB; the requests beside them are named as left out.
    const inGb = expected.data.rows.filter((r) => /\bG(?:i)?B\b/.test(r.pricingUnit));
    const others = [...new Set(expected.data.rows.filter((r) => !inGb.includes(r)).map((r) => r.pricingUnit))];
    expect(others.length).toBeGreaterThan(0);
    expect(section.tables[0]!.rows.map((r) => [r.service, r.unit, r.cost])).toEqual(inGb.map((r) => [r.serviceName, r.pricingUnit, r.cost]));
    expect(answer.markdown).toContain(`${others.join(", ")} ${others.length === 1 ? "is" : "are"} left out`);
    expect(answer.markdown.split("\n")[0]).toMatch(new RegExp(`^\\*\\*\\$[\\d.,]+ per ${gb.pricingUnit}\\*\\* for Amazon Simple Storage Service in October 2026`));
  });

  it("'which services have the highest unit cost increase?' ranks each unit cost against the month before, with its price effect", async () => {
    const read = async (period: { start: string; end: string }) => (await unitCosts(app.db, { period, limit: 200 })).data.rows;
    const [now, before] = [await read(october), await read({ start: "2026-09-01", end: "2026-10-01" })];
    const floor = before.reduce((sum, r) => sum + Number(r.cost), 0) * 0.001;
    const moves = now.flatMap((r) => {
      const b = before.find((x) => x.serviceName === r.serviceName && x.pricingUnit === r.pricingUnit);
      if (!b || r.unitCost === null || b.unitCost === null || Number(b.cost) < floor) return [];
      return [{ service: r.serviceName, unit: r.pricingUnit, change: ((Number(r.unitCost) - Number(b.unitCost)) / Number(b.unitCost)) * 100, now: r, before: b }];
    });
    const rose = moves.filter((m) => m.change >= 0.05).sort((a, b) => b.change - a.change);
    const fell = moves.filter((m) => m.change <= -0.05).sort((a, b) => a.change - b.change);
    expect(rose.length).toBeGreaterThan(0);
    expect(fell.length).toBeGreaterThan(0);
    threadId = undefined;
    const up = (await ask("Which services had the highest unit cost increase in October?")).payload.sections[0]!;
    const top = rose[0]!;
    expect(up.figures).toMatchObject({ service: top.service, pricingUnit: top.unit, compared: moves.length, rose: rose.length, fell: fell.length });
    expect(up.figures.changePercent).toBeCloseTo(top.change, 6);
    // The price effect: the change in unit cost × October's quantity.
    expect(Number(up.figures.priceEffect)).toBeCloseTo((Number(top.now.unitCost) - Number(top.before.unitCost)) * Number(top.now.quantity), 2);
    expect(up.headline).toMatch(new RegExp(`^\\*\\*${top.service}'s unit cost rose the most\\*\\*: .* in October 2026 .*, up ${formatPercent(top.change).replace(".", "\\.")} from .* in September 2026, adding \\$`));
    expect(up.tables[0]!.rows.map((r) => [r.service, r.unit])).toEqual(rose.slice(0, 10).map((m) => [m.service, m.unit]));
    threadId = undefined;
    const down = (await ask("Which unit prices went down in October?")).payload.sections[0]!;
    expect(down.figures).toMatchObject({ service: fell[0]!.service, pricingUnit: fell[0]!.unit });
    expect(down.headline).toMatch(new RegExp(`^\\*\\*${fell[0]!.service}'s unit cost fell the most\\*\\*: .*, saving \\$`));
    expect(up.markdown).toContain("a move under 0.05% counts as none");
    // One unit cost's path is a trend, not a ranking: with no period, over the complete months of the last half year.
    threadId = undefined;
    const trend = (await ask("How has our S3 cost per GB changed?")).payload.sections[0]!;
    expect(trend.figures).toMatchObject({ unitCostFirstMonth: "2026-06-01", unitCostLastMonth: "2026-10-01" });
    expect(trend.figures.compared).toBeUndefined();
  });

  it("'what is our cost per GB of data transfer?' is the unit cost of data transfer, not a description of the data", async () => {
    threadId = undefined;
    const { payload } = await ask("What is our cost per GB of data transfer in October?");
    const section = payload.sections[0]!;
    expect(section.agent).toBe("cost_analysis");
    expect(section.title).toBe("Unit cost");
    const expected = await unitCosts(app.db, { period: october, filters: { dataTransfer: "all" }, limit: 200 });
    const gb = expected.data.rows.find((r) => /\bG(?:i)?B\b/.test(r.pricingUnit) && r.unitCost !== null)!;
    expect(gb).toBeDefined();
    expect(section.figures).toMatchObject({ pricingUnit: gb.pricingUnit, unitCost: gb.unitCost, cost: gb.cost });
  });

  it("'how much do we spend on Lambda per invocation?' is the unit cost of Lambda's requests, not its resources", async () => {
    threadId = undefined;
    const { payload } = await ask("How much do we spend on Lambda per invocation in October?");
    const section = payload.sections[0]!;
    expect(section.title).toBe("Unit cost");
    const expected = await unitCosts(app.db, { period: october, filters: { providers: ["AWS"], services: ["AWS Lambda"] }, limit: 10 });
    const requests = expected.data.rows.find((r) => /request/i.test(r.pricingUnit) && r.unitCost !== null)!;
    expect(requests).toBeDefined();
    expect(section.figures).toMatchObject({ unitCost: requests.unitCost, pricingUnit: requests.pricingUnit, cost: requests.cost });
    // The GB-seconds beside them are another unit, not in the table.
    expect(section.tables[0]!.rows.every((r) => /request/i.test(String(r.unit)))).toBe(true);
  });

  it("'what does S3 storage cost per TB?' gives the per-GB price a terabyte (× 1,000), the clouds pricing storage per GB", async () => {
    threadId = undefined;
    const { payload, answer } = await ask("What does S3 storage cost per TB in October?");
    const expected = await unitCosts(app.db, {
      period: october,
      filters: { providers: ["AWS"], services: ["Amazon Simple Storage Service"], serviceCategories: ["Storage"] },
      limit: 10,
    });
    const gb = expected.data.rows.find((r) => /\bGB\b/.test(r.pricingUnit) && r.unitCost !== null)!;
    expect(gb).toBeDefined();
    const perTb = (toUnits(gb.unitCost!) * 1000n);
    const section = payload.sections[0]!;
    expect(toUnits(String(section.figures.unitCostPerTerabyte))).toBe(perTb);
    expect(section.figures).toMatchObject({ unitCost: gb.unitCost, terabyteUnit: gb.pricingUnit.replace("GB", "TB") });
    expect(answer.markdown.split("\n")[0]).toMatch(new RegExp(`^\\*\\*\\$[\\d.,]+ per ${gb.pricingUnit.replace("GB", "TB")}\\*\\* \\(\\$[\\d.]+ per ${gb.pricingUnit} × 1,000\\) for Amazon Simple Storage Service`));

    // "Storage per TB" over every cloud: all their storage cost over all their gigabyte-months (GiB made decimal), the
    // blended price leading, each service's own beside it.
    threadId = undefined;
    const all = (await ask("How much are we spending on storage per TB in October?")).payload.sections[0]!;
    const storage = await unitCosts(app.db, { period: october, filters: { serviceCategories: ["Storage"] }, limit: 200 });
    const monthly = storage.data.rows.filter((r) => /^(?:GB|GiB)-Mo/.test(r.pricingUnit) && r.unitCost !== null);
    expect(new Set(monthly.map((r) => r.serviceName)).size).toBeGreaterThan(1);
    const gigabytes = monthly.reduce((t, r) => t + Number(r.quantity) * (/GiB/.test(r.pricingUnit) ? 1.073741824 : 1), 0);
    const cost = monthly.reduce((t, r) => t + toUnits(r.cost), 0n);
    expect(all.figures).toMatchObject({ blendedUnit: "TB-month", blendedCost: fromUnits(cost), services: monthly.length });
    expect(Number(all.figures.blendedUnitCost)).toBeCloseTo((Number(fromUnits(cost)) / gigabytes) * 1000, 6);
    expect(all.headline).toMatch(new RegExp(`^\\*\\*${formatUnitPrice((Number(fromUnits(cost)) / gigabytes) * 1000).replace("$", "\\$")} per TB-month\\*\\* on average across ${monthly.length} services`));
  });

  it("'how has AI's share of our bill changed this year?' follows the share month by month, not the spend alone", async () => {
    threadId = undefined;
    const direct = (await ask("How has AI's share of our bill changed this year?")).payload.sections[0]!;
    const year = { start: "2026-01-01", end: "2026-11-01" };
    const [ai, all] = await Promise.all([
      costTrend(app.db, { period: year, granularity: "month", filters: { serviceCategories: ["AI and Machine Learning"] } }),
      costTrend(app.db, { period: year, granularity: "month" }),
    ]);
    const table = direct.tables[0]!;
    const months = table.rows.map((r) => String(r.bucket));
    expect(months.length).toBeGreaterThan(2);
    const shareIn = (bucket: string) => (ai.data.total.find((p) => p.bucketStart === bucket)!.value / all.data.total.find((p) => p.bucketStart === bucket)!.value) * 100;
    const whole = ai.data.total.filter((p) => months.includes(monthLabel(p.bucketStart)));
    const [first, last] = [whole[0]!.bucketStart, whole.at(-1)!.bucketStart];
    expect(direct.figures.firstShare).toBeCloseTo(shareIn(first), 9);
    expect(direct.figures.lastShare).toBeCloseTo(shareIn(last), 9);
    expect(table.rows.map((r) => r.share as number)).toEqual(whole.map((p) => expect.closeTo(shareIn(p.bucketStart), 9)));
    expect(direct.headline).toMatch(new RegExp(`^\\*\\*${formatPercent(shareIn(last)).replace(".", "\\.")}\\*\\* of all costs in ${monthLabel(last)} were for AI and Machine Learning, against ${formatPercent(shareIn(first)).replace(".", "\\.")} in ${monthLabel(first)}`));
    // Asked as a follow-up of the share: the same months and shares.
    threadId = undefined;
    await ask("What percentage of our bill is AI?");
    const followUp = (await ask("and how has that changed over the year?")).payload.sections[0]!;
    expect(followUp.figures).toMatchObject({ firstShare: direct.figures.firstShare, lastShare: direct.figures.lastShare });
  });

  it("'what do we pay per 1K tokens on Bedrock?' gives each SKU's own price beside the service's blend", async () => {
    threadId = undefined;
    const section = (await ask("What do we pay per 1K tokens on Bedrock in October?")).payload.sections[0]!;
    const filters = { services: ["Amazon Bedrock"] };
    const [blend] = (await unitCosts(app.db, { period: october, filters })).data.rows.filter((r) => /token/i.test(r.pricingUnit));
    const skus = (await unitCosts(app.db, { period: october, filters, bySku: true, limit: 200 })).data.rows.filter((r) => /token/i.test(r.pricingUnit) && r.unitCost !== null);
    expect(skus.length).toBeGreaterThan(1);
    expect(section.figures).toMatchObject({ unitCost: blend!.unitCost, skus: skus.length });
    const table = section.tables.find((t) => t.title === "Unit cost by SKU")!;
    expect(table.rows.map((r) => [r.sku, r.cost])).toEqual(skus.map((r) => [r.description ?? r.skuId, r.cost]));
    // The blend lies between the cheapest and the dearest SKU.
    const prices = skus.map((r) => Number(r.unitCost));
    expect(Number(blend!.unitCost)).toBeGreaterThan(Math.min(...prices));
    expect(Number(blend!.unitCost)).toBeLessThan(Math.max(...prices));
    expect(section.headline).toContain(` By SKU: ${skus[0]!.description} `);
  });

  it("'cost per vCPU hour on EC2' divides each instance type's cost by its hours × vCPUs: EC2 bills instance-hours", async () => {
    threadId = undefined;
    const { payload, executions } = await ask("What's our cost per vCPU hour on EC2 in October?");
    const expected = await costPerVcpuHour(app.db, { period: october, filters: { services: ["Amazon Elastic Compute Cloud"] } });
    expect(expected.data.rows.length).toBeGreaterThan(1);
    expect(expected.data.unread.cost).toBe("0");
    const section = payload.sections[0]!;
    expect(section.figures).toMatchObject({
      costPerVcpuHour: expected.data.total.costPerVcpuHour, cost: expected.data.total.cost, vcpuHours: expected.data.total.vcpuHours, types: expected.data.rows.length,
    });
    // Not the instance-hour's price: the vCPU-hour is that ÷ the vCPUs.
    const [hourly] = (await unitCosts(app.db, { period: october, filters: { services: ["Amazon Elastic Compute Cloud"] } })).data.rows;
    expect(Number(expected.data.total.costPerVcpuHour)).toBeLessThan(Number(hourly!.unitCost));
    expect(section.headline).toMatch(new RegExp(`^\\*\\*${formatUnitPrice(expected.data.total.costPerVcpuHour!).replace("$", "\\$")} per vCPU-hour\\*\\* in October 2026`));
    expect(section.tables[0]!.rows.map((r) => r.type)).toEqual(expected.data.rows.map((r) => r.instanceType));
    expect(executions.map((e) => e.toolsUsed).flat()).toContain("costPerVcpuHour");
  });

  it("'which service has the highest cost per request?' ranks the request prices, not the request costs", async () => {
    threadId = undefined;
    const { payload, answer } = await ask("Which service has the highest cost per request in October?");
    const all = await unitCosts(app.db, { period: october, filters: {}, limit: 200 });
    const requests = all.data.rows.filter((r) => /request/i.test(r.pricingUnit) && r.unitCost !== null);
    expect(requests.length).toBeGreaterThan(2);
    const byPrice = [...requests].sort((a, b) => Number(toUnits(b.unitCost!) - toUnits(a.unitCost!)));
    // The costliest pair is not the priciest one: ranking by cost would lead with another.
    const byCost = [...requests].sort((a, b) => Number(b.cost) - Number(a.cost));
    expect(byCost[0]).not.toBe(byPrice[0]);
    const section = payload.sections[0]!;
    expect(section.figures).toMatchObject({ service: byPrice[0]!.serviceName, pricingUnit: byPrice[0]!.pricingUnit, unitCost: byPrice[0]!.unitCost });
    expect(section.tables[0]!.rows.map((r) => [r.service, r.unit])).toEqual(byPrice.map((r) => [r.serviceName, r.pricingUnit]));
    expect(answer.markdown.split("\n")[0]).toContain(`The highest unit price of the ${requests.length} service and pricing unit pairs shown; their units differ (`);

    threadId = undefined;
    const cheapest = await ask("Which service has the lowest cost per request in October?");
    expect(cheapest.payload.sections[0]!.figures).toMatchObject({ service: byPrice.at(-1)!.serviceName, unitCost: byPrice.at(-1)!.unitCost });
  });

  it("'our Lambda cost per invocation trend' follows Lambda's price per request month by month, over the whole months", async () => {
    threadId = undefined;
    const { payload, answer } = await ask("What's our Lambda cost per invocation trend?");
    const section = payload.sections[0]!;
    const trend = await unitCostTrend(app.db, { period: { start: "2026-05-01", end: "2026-11-01" }, serviceName: "AWS Lambda", pricingUnit: "Requests" });
    const points = trend.data.points;
    // The demo's data starts on 2026-06-01: June to October are its whole months.
    expect(points.map((p) => p.month)).toEqual(["2026-06-01", "2026-07-01", "2026-08-01", "2026-09-01", "2026-10-01"]);
    expect(section.figures).toMatchObject({ unitCostFirstMonth: "2026-06-01", unitCostFirst: points[0]!.unitCost, unitCostLastMonth: "2026-10-01", unitCostLast: points.at(-1)!.unitCost });
    const table = section.tables.find((t) => t.title === "AWS Lambda per Request, month by month")!;
    expect(table.rows.map((r) => [r.month, r.quantity, r.cost])).toEqual(points.map((p) => [monthLabel(p.month), p.quantity, p.cost]));
    expect(answer.markdown.split("\n")[0]).toMatch(/^\*\*\$[\d.]+ per Request\*\* \(\$[\d.]+ per million Requests\) for AWS Lambda in October 2026 for AWS, AWS Lambda, (?:unchanged|(?:up|down) [\d.]+%) from \$[\d.]+ .* in June 2026: /);
  });

  it("'what's our cost per vCPU hour?' is the machines', with what bills vCPU-seconds beside it; Cloud Run's alone an hour (× 3,600)", async () => {
    threadId = undefined;
    const fleet = (await ask("What's our cost per vCPU hour in October?")).payload.sections[0]!;
    const all = await unitCosts(app.db, { period: october, filters: {}, limit: 200 });
    const vcpu = all.data.rows.find((r) => /vcpu/i.test(r.pricingUnit) && r.unitCost !== null)!;
    expect(vcpu.pricingUnit).toBe("vCPU-Seconds");
    const machines = await costPerVcpuHour(app.db, { period: october });
    expect(fleet.figures).toMatchObject({ costPerVcpuHour: machines.data.total.costPerVcpuHour, types: machines.data.rows.length });
    expect(fleet.headline).toContain(`Billed per vCPU itself, not counted here: ${vcpu.serviceName} ${formatUnitPrice(fromUnits(toUnits(vcpu.unitCost!) * 3600n))} per vCPU-Hour.`);
    // Cloud Run alone runs no machine: its own price, an hour.
    threadId = undefined;
    const { payload, answer } = await ask("What's our Cloud Run cost per vCPU hour in October?");
    const section = payload.sections[0]!;
    expect(toUnits(String(section.figures.unitCostPerHour))).toBe(toUnits(vcpu.unitCost!) * 3600n);
    expect(section.figures).toMatchObject({ unitCost: vcpu.unitCost, hourUnit: "vCPU-Hours" });
    expect(answer.markdown.split("\n")[0]).toMatch(/^\*\*\$[\d.,]+ per vCPU-Hour\*\* \(\$[\d.]+ per vCPU-Second × 3,600\) for Cloud Run/);
  });

  it("'cost per GB for S3 compared to Cloud Storage' restates the per-GiB price per GB so the two compare", async () => {
    threadId = undefined;
    const { payload, answer } = await ask("What is our cost per GB for S3 compared to Cloud Storage in October?");
    const all = await unitCosts(app.db, { period: october, filters: { services: ["Amazon Simple Storage Service", "Cloud Storage"] }, limit: 200 });
    const gcs = all.data.rows.find((r) => r.serviceName === "Cloud Storage" && /GiB/.test(r.pricingUnit))!;
    const s3 = all.data.rows.find((r) => r.serviceName === "Amazon Simple Storage Service" && /\bGB\b/.test(r.pricingUnit))!;
    const table = payload.sections[0]!.tables[0]!;
    const row = (service: string) => table.rows.find((r) => r.service === service)!;
    // Exactly: the GiB price × 10^9 ÷ 2^30, to ten decimals.
    const perGb = fromUnits((toUnits(gcs.unitCost!) * 1_000_000_000n + 536_870_912n) / 1_073_741_824n);
    expect(Number(perGb)).toBeCloseTo(Number(gcs.unitCost) / 1.073741824, 9);
    expect(row("Cloud Storage").perGb).toBe(formatUnitPrice(perGb));
    expect(row("Amazon Simple Storage Service").perGb).toBe(formatUnitPrice(s3.unitCost!));
    expect(answer.markdown).toContain(`"Per GB" restates the GiB prices ÷ 1.073741824`);
  });

  it("'what's the cost per GB of our storage?' lists every storage service priced per GB or GiB, and only those", async () => {
    threadId = undefined;
    const { payload } = await ask("What's the cost per GB of our storage?");
    const all = await unitCosts(app.db, { period: october, filters: { serviceCategories: ["Storage"] }, limit: 200 });
    const inGb = all.data.rows.filter((r) => /\bG(?:i)?B\b/.test(r.pricingUnit));
    expect(new Set(inGb.map((r) => r.pricingUnit)).size).toBeGreaterThan(1); // GB-Mo and GiB-Mo
    expect(payload.sections[0]!.tables[0]!.rows.map((r) => [r.service, r.unit, r.cost])).toEqual(inGb.map((r) => [r.serviceName, r.pricingUnit, r.cost]));
  });

  it("'Q3 broken down by month' leads with the months, each the trend's, before the breakdown by service", async () => {
    threadId = undefined;
    const { payload, answer } = await ask("What's the total spend for Q3 broken down by month?");
    const [byMonth, byService] = payload.sections[0]!.tables;
    const trend = await costTrend(app.db, { period: { start: "2026-07-01", end: "2026-10-01" }, granularity: "month" });
    expect(byMonth!.rows.map((r) => [r.bucket, r.amount])).toEqual(trend.data.total.map((p, i) => [["July 2026", "August 2026", "September 2026"][i], p.amount]));
    expect(byService!.title).toBe("By service");
    expect(answer.markdown.indexOf("| July 2026 |")).toBeLessThan(answer.markdown.indexOf("| Service |"));
  });

  it("'unit cost per customer' says the bill holds no customer count and gives the spend to divide", async () => {
    threadId = undefined;
    const { payload, answer } = await ask("what's our unit cost per customer for October?");
    const expected = await costBreakdown(app.db, { period: october, dimension: "ServiceName" });
    expect(payload.sections[0]!.figures.total).toBe(expected.data.total);
    expect(answer.markdown.split("\n")[0]).toContain("Cost per customer needs the number of customers, which the cost data does not hold");
    // Asked without "unit", and per another unit of the business.
    threadId = undefined;
    const perCustomer = await ask("What's our cost per customer in October?");
    expect(perCustomer.payload.sections[0]!.figures.total).toBe(expected.data.total);
    expect(perCustomer.answer.markdown.split("\n")[0]).toContain("Cost per customer needs the number of customers");
    // Asked as plainly as a definition would be: still ours.
    threadId = undefined;
    const plain = await ask("What is the cost per customer in October?");
    expect(plain.payload.sections[0]!.figures.total).toBe(expected.data.total);
    expect(plain.answer.markdown.split("\n")[0]).toContain("Cost per customer needs the number of customers");
    threadId = undefined;
    const perEmployee = await ask("What's our cloud spend per employee in October?");
    expect(perEmployee.payload.sections[0]!.figures.total).toBe(expected.data.total);
    expect(perEmployee.answer.markdown.split("\n")[0]).toContain("Cost per employee needs the number of employees");
  });

  it("a resource named by its name is that resource's cost; a name nothing carries gets $0 and says so", async () => {
    const top = await costBreakdown(app.db, { period: october, dimension: "ResourceId", limit: 5 });
    const resource = top.data.rows.find((r) => r.key !== null && r.name && /-\d+$/.test(r.name))!;
    expect(resource).toBeDefined();
    threadId = undefined;
    const { payload, answer } = await ask(`How much does ${resource.name} cost?`);
    const expected = await costBreakdown(app.db, { period: october, dimension: "ServiceName", filters: { resourceIds: [resource.key!] } });
    expect(expected.data.total).toBe(resource.amount);
    expect(payload.sections[0]!.figures.total).toBe(expected.data.total);
    expect(answer.markdown.split("\n")[0]).toContain(`in October 2026 for ${resource.name}.`);
    expect(answer.markdown).not.toContain("Nothing in the cost data is called");

    const usage = await unitCosts(app.db, { period: october, filters: { resourceIds: [resource.key!] } });
    expect(payload.sections[0]!.figures.usageUnitCost).toBe(usage.data.rows.find((r) => r.unitCost !== null)?.unitCost);

    // An idle one: the answer says what to do with it, from rightsizingFindings over the last 30 days of data.
    const idle = (await rightsizingFindings(app.db, { period: { start: "2026-10-02", end: "2026-11-01" }, actions: ["terminate-idle"] })).data.findings.find(
      (f) => f.resourceName && /-\d+$/.test(f.resourceName),
    )!;
    expect(idle).toBeDefined();
    threadId = undefined;
    const aboutIdle = await ask(`what does ${idle.resourceName} cost?`);
    expect(aboutIdle.payload.sections[0]!.figures).toMatchObject({ finding: idle.proposedAction, findingSavings: idle.estimatedMonthlySavings.max.amount });
    expect(aboutIdle.answer.markdown).toContain(`**${idle.proposedAction}**, saving up to ${formatMoney(idle.estimatedMonthlySavings.max.amount)} a month.`);

    threadId = undefined;
    const missing = await ask("How much does nothing-like-this-0001 cost?");
    expect(missing.payload.sections[0]!.figures.total).toBe("0");
    expect(missing.answer.markdown.split("\n")[0]).toBe("**No cost found for nothing-like-this-0001** in October 2026.");
    expect(missing.answer.markdown).toContain(
      "No resource in the cost data is called nothing-like-this-0001 (by id or name), and no SKU or charge description in this period holds it.",
    );
    expect(missing.answer.markdown).not.toContain("The nearest is");
  });

  it("a name no resource carries is read as the SKUs that hold it ('gpt-4o'); one nothing holds says so first and offers the nearest", async () => {
    // What the bill holds for gpt-4o, found here by SQL of its own: the SKUs whose id or description names it.
    const skus = await app.db.sql.query<{ sku_id: string }>(
      `SELECT DISTINCT sku_id FROM cost_line_items WHERE charge_date >= '2026-10-01' AND charge_date < '2026-11-01'
         AND (sku_id ILIKE '%gpt-4o%' OR charge_description ILIKE '%gpt-4o%') ORDER BY 1`,
    );
    expect(skus.length).toBeGreaterThan(0);
    const [spend] = await app.db.sql.query<{ total: string }>(
      `SELECT sum(effective_cost)::text AS total FROM cost_line_items
       WHERE charge_date >= '2026-10-01' AND charge_date < '2026-11-01' AND sku_id = ANY($1::text[])`,
      [skus.map((r) => r.sku_id)],
    );
    threadId = undefined;
    const { payload, answer } = await ask("How much did we spend on gpt-4o last month?");
    const section = payload.sections[0]!;
    expect(Number(section.figures.total)).toBeCloseTo(Number(spend!.total), 6);
    expect(Number(section.figures.total)).toBeGreaterThan(0);
    expect(answer.markdown.split("\n")[0]).toContain("cost last month, October 2026 (2026-10-01 to 2026-10-31) for gpt-4o.");
    expect(answer.markdown).toContain(`gpt-4o is read as the SKUs whose id or charge description holds it: ${skus.map((r) => r.sku_id).join(", ")}.`);
    expect(section.provenance[0]!.table).toBe("cost_line_items");

    threadId = undefined;
    const mini = await ask("How much did we spend on gpt-4o-mini last month?");
    expect(mini.payload.sections[0]!.figures.total).toBe("0");
    expect(mini.answer.markdown.split("\n")[0]).toBe("**No cost found for gpt-4o-mini** last month, October 2026 (2026-10-01 to 2026-10-31).");
    expect(mini.answer.markdown).toContain(`The nearest is gpt-4o, in the SKUs ${skus.map((r) => r.sku_id).join(", ")}: ask about "gpt-4o" for them.`);
    // Nothing to show: no empty table, no flat charts.
    expect(mini.answer.markdown).not.toContain("| Service |");
    expect(mini.payload.sections[0]!.charts).toEqual([]);
  });

  it("'list all services we use' lists every service, not the largest ten and the others", async () => {
    threadId = undefined;
    const { payload, answer } = await ask("List all services we used last month");
    const expected = await costBreakdown(app.db, { period: october, dimension: "ServiceName", limit: 50 });
    expect(expected.data.valueCount).toBeGreaterThan(15);
    const rows = payload.sections[0]!.tables.at(-1)!.rows;
    expect(rows.map((r) => r.label)).toEqual(expected.data.rows.map((r) => r.label));
    expect(rows.some((r) => r.label === "Others")).toBe(false);
    expect(answer.markdown).not.toContain("The first 15 of");
  });

  it("'how much did we pay for Bedrock tokens?' breaks Bedrock down by SKU, its models' input and output tokens", async () => {
    threadId = undefined;
    const { payload } = await ask("How much did we pay for Bedrock tokens in October?");
    const expected = await costBreakdown(app.db, { period: october, dimension: "SkuId", filters: { services: ["Amazon Bedrock"] }, limit: 10 });
    expect(expected.data.rows.some((r) => /tokens/i.test(r.label) || /tokens/i.test(String(r.key)))).toBe(true);
    const section = payload.sections[0]!;
    expect(section.figures.total).toBe(expected.data.total);
    expect(section.tables.at(-1)!.rows.map((r) => r.amount)).toEqual(expected.data.rows.map((r) => r.amount));
  });

  it("'how many accounts do we have?' counts the sub-accounts with cost and lists them", async () => {
    threadId = undefined;
    const { payload, answer } = await ask("How many accounts do we have?");
    const section = payload.sections[0]!;
    const expected = await costBreakdown(app.db, { period: october, dimension: "SubAccountId", limit: 50 });
    const named = expected.data.rows.filter((r) => r.key !== null && !r.isOthers);
    expect(expected.data.rows.some((r) => r.isOthers)).toBe(false);
    expect(section.figures.count).toBe(named.length);
    expect(section.tables[0]!.rows).toHaveLength(expected.data.rows.length);
    expect(answer.markdown.split("\n")[0]).toMatch(new RegExp(`^\\*\\*${named.length} sub-accounts\\*\\* had cost in October 2026: `));
  });

  it("a budget question naming a budget ('the ML team') leads with that budget's state, then lists them all", async () => {
    threadId = undefined;
    const { payload, answer } = await ask("When will we run out of budget for the ML team?");
    const all = (await budgetStatus(app.db, { asOf: "2026-10-31" })).data.filter((b) => b.active);
    const ml = all.find((b) => b.name.includes("ML team"))!;
    // The data ends on October's last day: October's budgets are over, and said so.
    expect(ml.elapsedDays).toBe(ml.totalDays);
    const state = { over_budget: "went over budget", at_risk: "is at risk", on_track: "stayed within budget" }[ml.status];
    expect(answer.markdown.split("\n")[0]).toMatch(new RegExp(`^\\*\\*${ml.name.replace(/[()]/g, "\\$&")}\\*\\* ${state}: ${formatMoney(ml.spent).replace("$", "\\$")} of `));
    const table = payload.sections[0]!.tables[0]!;
    expect(table.rows[0]!.name).toBe(ml.name);
    expect(table.rows).toHaveLength(all.length);
  });

  it("'how much budget do we have left?' leads with what is left, the whole bill's budget first; 'which have no spend?' answers that", async () => {
    threadId = undefined;
    const { payload } = await ask("How much budget do we have left this month?");
    const all = (await budgetStatus(app.db, { asOf: "2026-10-31" })).data.filter((b) => b.active);
    const section = payload.sections[0]!;
    for (const b of all) expect(section.figures[`remaining:${b.name}`]).toBe(b.remaining);
    const table = section.tables[0]!;
    // The budget of the whole bill (no filters) first when there is one, else the table's first (the worst).
    const first = all.find((b) => Object.keys(b.filters).length === 0) ?? all.find((b) => b.name === table.rows[0]!.name)!;
    expect(Number(first.remaining)).toBeCloseTo(Number(first.amount) - Number(first.spent), 6);
    expect(section.headline.startsWith(`**Left as of 2026-10-31:** ${first.name} ${formatMoney(first.remaining)} of ${formatMoney(first.amount)} (`)).toBe(true);
    expect(table.rows.map((r) => [r.name, r.remaining])).toEqual(expect.arrayContaining(all.map((b) => [b.name, b.remaining])));

    threadId = undefined;
    const none = (await ask("Which budgets have no spend yet?")).payload.sections[0]!;
    expect(all.every((b) => b.spentValue > 0)).toBe(true);
    const least = [...all].sort((a, b) => (a.spentPercent ?? 0) - (b.spentPercent ?? 0))[0]!;
    expect(none.figures.withoutSpend).toBe(0);
    expect(none.headline.startsWith(`**Every one of the ${all.length} budgets has spend** this period as of 2026-10-31; the least used is ${least.name} (`)).toBe(true);
  });

  it("'how are we tracking against budget this quarter?' counts each monthly budget's months in the quarter, not just this month", async () => {
    threadId = undefined;
    const { payload, answer } = await ask("How are we tracking against budget this quarter?");
    // This quarter is Q4 2026; the data ends on 2026-10-31.
    const quarter = (await budgetStatus(app.db, { asOf: "2026-10-31", over: "quarterly" })).data.filter((b) => b.active);
    const monthly = (await budgetStatus(app.db, { asOf: "2026-10-31" })).data.filter((b) => b.active);
    expect(quarter.every((b) => b.restatedFrom === "monthly" && b.currentPeriod.start === "2026-10-01" && b.currentPeriod.end === "2027-01-01")).toBe(true);
    const table = payload.sections[0]!.tables[0]!;
    expect(table.rows.map((r) => [r.name, r.amount, r.spent, r.projected])).toEqual(
      expect.arrayContaining(quarter.map((b) => [b.name, b.amount, b.spent, b.projectedSpend])),
    );
    for (const b of quarter) expect(Number(b.amount)).toBe(3 * Number(monthly.find((m) => m.name === b.name)!.amount));
    expect(answer.markdown.split("\n")[0]).toMatch(/^\*\*Q4 2026:\*\* \*\*\d+ of \d+ budgets\*\*/);
    expect(answer.markdown).toContain("Over Q4 2026, 2026-10-01 to 2026-12-31: every budget is set per month and counted 3 times (3 months), against the spend since 2026-10-01.");

    // Last quarter, read whole: its last day is the as-of day.
    threadId = undefined;
    const last = await ask("Did we stay within budget last quarter?");
    const q3 = (await budgetStatus(app.db, { asOf: "2026-09-30", over: "quarterly" })).data.filter((b) => b.active);
    expect(last.payload.sections[0]!.tables[0]!.rows.map((r) => [r.name, r.spent])).toEqual(expect.arrayContaining(q3.map((b) => [b.name, b.spent])));
    const over = q3.filter((b) => b.status !== "on_track").length;
    expect(last.answer.markdown.split("\n")[0]).toMatch(new RegExp(`^\\*\\*Q3 2026:\\*\\* \\*\\*${over} of ${q3.length} budgets\\*\\* went over budget in the period that ended on 2026-09-30\\.`));
  });

  it("'which teams are over budget?' answers about the team budgets, the worst first, each in a sentence", async () => {
    threadId = undefined;
    const { payload, answer } = await ask("Which teams are over budget?");
    const all = (await budgetStatus(app.db, { asOf: "2026-10-31" })).data.filter((b) => b.active);
    const teams = all.filter((b) => b.filters.tag?.key === "team");
    expect(teams.length).toBeGreaterThan(0);
    expect(teams.length).toBeLessThan(all.length);
    const severity = { over_budget: 0, at_risk: 1, on_track: 2 };
    const worst = [...teams].sort((a, b) => severity[a.status] - severity[b.status]);
    const table = payload.sections[0]!.tables[0]!;
    expect(table.rows.map((r) => r.name)).toEqual(worst.map((b) => b.name));
    const atRisk = worst.filter((b) => b.status !== "on_track");
    const first = answer.markdown.split("\n")[0]!;
    // The data ends on October's last day: the month is over, so the budgets went over or not; nothing is projected.
    expect(first).toMatch(new RegExp(`^\\*\\*${atRisk.length} of ${teams.length} team budgets\\*\\* went over budget in the period that ended on 2026-10-31\\.`));
    expect(atRisk.every((b) => b.status === "over_budget")).toBe(true);
    for (const b of atRisk) {
      expect(first).toContain(`**${b.name}** went over budget: ${formatMoney(b.spent)} of ${formatMoney(b.amount)} (`);
      expect(first).toContain(`spent from 2026-10-01 to 2026-10-31; it went over on ${b.forecastOverrunDate}.`);
    }
    expect(first).not.toContain("projected");
    expect(answer.markdown).not.toContain("Burn rate =");
    expect(table.columns.map((c) => c.label)).toEqual(["Budget", "Budget (USD)", "Spent (USD)", "Spent", "Left (USD)", "Went over on", "Status"]);
    expect(table.rows.map((r) => r.status)).toEqual(worst.map((b) => (b.status === "on_track" ? "within budget" : b.status.replace("_", " "))));
    expect(answer.markdown).toContain(`the ${all.length - teams.length} other budgets are not`);

    // A past month: its state as of its last day, not this month's.
    threadId = undefined;
    const september = await ask("Which teams exceeded their budget in September?");
    const then = (await budgetStatus(app.db, { asOf: "2026-09-30" })).data.filter((b) => b.active && b.filters.tag?.key === "team");
    expect(then.every((b) => b.currentPeriod.start === "2026-09-01")).toBe(true);
    const rows = september.payload.sections[0]!.tables[0]!.rows;
    const finalStatus = (b: (typeof then)[number]) => (b.status === "on_track" ? "within budget" : b.status.replace("_", " "));
    expect(rows.map((r) => [r.name, r.spent, r.status])).toEqual(expect.arrayContaining(then.map((b) => [b.name, b.spent, finalStatus(b)])));
    expect(rows).toHaveLength(then.length);
    expect(september.answer.markdown.split("\n")[0]).toMatch(/^\*\*September 2026:\*\* \*\*\d+ of \d+ team budgets\*\* went over budget in the period that ended on 2026-09-30\./);
  });

  it("'which budgets did we exceed this year?' reads every budget month in the data, and which went over, by how much and when", async () => {
    threadId = undefined;
    const { start } = (await app.db.sql.query<{ start: string }>(`SELECT min(charge_date)::text AS start FROM cost_line_items`))[0]!;
    const history = (await budgetHistory(app.db, { period: { start, end: "2026-11-01" }, asOf: "2026-10-31" })).data.filter((b) => b.periods.length);
    const overs = history.flatMap((b) => b.periods.filter((p) => p.overBy !== null).map((p) => ({ name: b.name, ...p })));
    expect(overs.length).toBeGreaterThan(0);
    const answer = (await ask("Which budgets did we exceed this year?")).payload.sections[0]!;
    const over = history.filter((b) => b.periods.some((p) => p.overBy !== null));
    expect(answer.figures).toMatchObject({ budgets: history.length, budgetsOver: over.length, periodsOver: overs.length });
    expect(answer.headline).toMatch(new RegExp(`^\\*\\*${over.length} of ${history.length} budgets went over\\*\\* in this year, 2026 .*, ${overs.length} times? in all\\.`));
    const table = answer.tables.find((t) => t.title === "Budget periods over")!;
    expect(table.rows.map((r) => [r.name, r.spent, r.overBy, r.overOn])).toEqual(overs.map((p) => [p.name, p.spent, p.overBy, p.overOn]));
    // Each over month is named with what it went over by, in the order of the months.
    const first = over[0]!;
    const itsOvers = first.periods.filter((p) => p.overBy !== null);
    expect(answer.headline).toContain(`**${first.name}** went over in ${itsOvers.length} of ${first.periods.length} months: ${monthLabel(itsOvers[0]!.start)} by ${formatMoney(itsOvers[0]!.overBy!)}`);
    // A follow-up over another span asks the same: which went over in it.
    const quarter = (await ask("And over the last 3 months?")).payload.sections[0]!;
    const lastThree = (await budgetHistory(app.db, { period: { start: "2026-08-01", end: "2026-11-01" }, asOf: "2026-10-31" })).data.filter((b) => b.periods.length);
    expect(quarter.title).toBe("Budgets over time");
    expect(quarter.figures.periodsOver).toBe(lastThree.reduce((n, b) => n + b.periods.filter((p) => p.overBy !== null).length, 0));

    // "How many months…": the same answer; a budget named that never went over says it stayed within, and its highest.
    threadId = undefined;
    const months = (await ask("How many months were we over budget this year?")).payload.sections[0]!;
    expect(months.figures.periodsOver).toBe(overs.length);
    const never = history.find((b) => b.periods.every((p) => p.overBy === null) && b.filters.tag)!;
    expect(never.name).toBe("Demo: Data platform team");
    threadId = undefined;
    const named = (await ask("Did the data platform team go over budget this year?")).payload.sections[0]!;
    const highest = [...never.periods].sort((a, b) => (b.spentPercent ?? 0) - (a.spentPercent ?? 0))[0]!;
    expect(named.headline).toContain(`**${never.name} stayed within budget** in every period in this year, 2026`);
    expect(named.headline).toContain(`the highest was ${never.name} in ${monthLabel(highest.start)}, at ${formatPercent(highest.spentPercent)}`);
    // One month asked is that month's budgets (the answer above, not this one).
    threadId = undefined;
    const last = (await ask("Which teams went over budget last month?")).payload.sections[0]!;
    expect(last.title).toBe("Budgets");
  });

  it("'which accounts have no budget?' lists each account's own budget and the broader ones counting its spend", async () => {
    threadId = undefined;
    // One account gets a budget of its own; the demo's budgets are per provider, per team and for the total.
    const before = await budgetCoverage(app.db, { asOf: "2026-10-31" });
    const own = before.data.rows.find((r) => r.key !== null)!;
    await app.db.sql.query(`INSERT INTO budgets (name, amount, period, start_date, filters) VALUES ('Own account budget', 5000, 'monthly', '2026-01-01', $1::jsonb)`, [
      JSON.stringify({ subAccountId: own.key }),
    ]);
    try {
      const { payload, answer } = await ask("Which accounts have no budget?");
      const coverage = (await budgetCoverage(app.db, { asOf: "2026-10-31" })).data;
      const accounts = coverage.rows.filter((r) => r.key !== null);
      const without = accounts.filter((r) => r.own.length === 0);
      expect(without).toHaveLength(accounts.length - 1);
      const first = answer.markdown.split("\n")[0]!;
      expect(first).toMatch(new RegExp(`^\\*\\*${without.length} of ${accounts.length} accounts have no budget of their own\\*\\*: `));
      expect(first).toContain(`${formatMoney(sumDecimals(without.map((r) => r.amount)))} from 2026-10-01 to 2026-10-31.`);
      // Every account is in the total budget, so none is left in no budget at all.
      expect(first).toContain("Each is still counted in a broader budget (");
      const table = payload.sections[0]!.tables[0]!;
      expect(table.rows).toHaveLength(coverage.rows.length);
      const ownRow = table.rows.find((r) => r.own !== "none")!;
      expect(ownRow.own).toBe("Own account budget (100%)");
      // The accounts without a budget of their own come first, each with the broader budgets and their shares.
      expect(table.rows.slice(0, without.length).every((r) => r.own === "none" && String(r.others).includes("Demo: Total cloud spend (100%)"))).toBe(true);
    } finally {
      await app.db.sql.query(`DELETE FROM budgets WHERE name = 'Own account budget'`);
    }
  });

  it("'how much of our spend is covered by budgets?' leads with the share any budget counts, and a narrower one", async () => {
    threadId = undefined;
    const { payload, answer } = await ask("How much of our spend is covered by budgets?");
    const { spend } = (await budgetCoverage(app.db, { asOf: "2026-10-31", dimension: "SubAccountId" })).data;
    const total = await costTotal(app.db, { period: october });
    expect(spend.total).toBe(total.data.total);
    expect(payload.sections[0]!.figures).toMatchObject({ spend: spend.total, inAnyBudget: spend.inAnyBudget, inNarrowerBudget: spend.inNarrowerBudget });
    expect(answer.markdown.split("\n")[0]).toMatch(/^\*\*[\d.]+% of the spend from 2026-10-01 to 2026-10-31 is counted in at least one budget\*\* \(\$[\d,.]+ of \$[\d,.]+\); [\d.]+% \(\$[\d,.]+\) is in a budget narrower than the whole bill/);
  });

  it("'which teams don't have a budget?' reads the team tag and names the teams with budgets of their own", async () => {
    threadId = undefined;
    const { payload, answer } = await ask("Which teams don't have a budget?");
    const coverage = (await budgetCoverage(app.db, { asOf: "2026-10-31", dimension: "Tag", tagKey: "team" })).data;
    // Placeholder values ("TBD", "n/a", "") name no team: they go with the untagged spend.
    const placeholder = (key: string | null) => key === null || DEFAULT_PLACEHOLDER_VALUES.includes(key.trim().toLowerCase());
    const teams = coverage.rows.filter((r) => !placeholder(r.key));
    expect(coverage.rows.filter((r) => r.key !== null && placeholder(r.key)).length).toBeGreaterThan(0);
    const withOwn = teams.filter((r) => r.own.length > 0).map((r) => r.key);
    expect(withOwn.sort()).toEqual(["data-platform", "ml"]);
    expect(answer.markdown.split("\n")[0]).toMatch(new RegExp(`^\\*\\*${teams.length - 2} of ${teams.length} teams have no budget of their own\\*\\*`));
    const rows = payload.sections[0]!.tables[0]!.rows;
    expect(rows.find((r) => r.value === "ml")!.own).toMatch(/^Demo: ML team \(generative AI\) \(100%\)$/);
    // The teams come first; the untagged and placeholder spend last, and the answer says only a broader budget can count it.
    expect(rows.slice(0, teams.length).map((r) => r.value).sort()).toEqual(teams.map((r) => r.label).sort());
    const unassigned = sumDecimals(coverage.rows.filter((r) => placeholder(r.key)).map((r) => r.amount));
    expect(answer.markdown).toContain(`${formatMoney(unassigned)} has no team tag (untagged, or a placeholder such as TBD or n/a), so only a broader budget can count it.`);
  });

  it("'how much did the NAT gateway surge cost?' is an anomaly question over the last year of data, on that scope", async () => {
    threadId = undefined;
    const { payload, executions } = await ask("How much did the NAT gateway surge cost?");
    expect(executions.map((e) => e.agentType)).toContain("anomaly_detection");
    const range = (await costDataRange(app.db))!;
    // NAT gateways on every cloud: AWS bills them under VPC, Google Cloud as Cloud NAT, Azure as NAT Gateway.
    const filters = { services: ["Amazon Virtual Private Cloud", "Cloud NAT", "NAT Gateway"], serviceCategories: ["Networking"] };
    const expected = await detectAnomalies(app.db, { period: { start: range.start, end: "2026-11-01" }, filters });
    expect(expected.data.anomalies.length).toBeGreaterThan(0); // the generator's NAT surge
    const services = new Set((await app.db.sql.query<{ name: string }>("SELECT DISTINCT service_name AS name FROM cost_daily_rollup")).map((r) => r.name));
    const section = payload.sections[0]!;
    expect(section.figures.count).toBe(expected.data.anomalies.length);
    // Named as the services the data holds (the demo has no Azure NAT Gateway).
    const held = filters.services.filter((name) => services.has(name));
    expect(held.length).toBeLessThan(filters.services.length);
    expect(section.headline).toContain(`between ${range.start} and 2026-10-31 for ${held.join(", ")}, Networking`);
    // The surge is the one anomaly: named with its days and its cost over the baseline.
    expect(expected.data.anomalies).toHaveLength(1);
    const [surge] = expected.data.anomalies;
    expect(surge!.days.length).toBeGreaterThan(1);
    expect(section.headline).toContain(`from ${surge!.start} to ${addDaysIso(surge!.end, -1)}, ${formatMoney(surge!.excess.amount)} above the expected baseline`);

    // A why-question is about the latest change: its anomaly check keeps to the last 30 days.
    threadId = undefined;
    const why = await ask("Why did our bill spike?");
    const check = why.payload.sections.find((s) => s.title === "Anomalies")!;
    expect(check.headline).toContain("between 2026-10-02 and 2026-10-31");
  });

  it("a comparison period mostly before the data gives no change figure, rather than an overstated one", async () => {
    threadId = undefined;
    const range = (await costDataRange(app.db))!;
    // Four months against the four before: March to June, of which the demo covers less than half.
    const daysBefore = (Date.parse(range.start) - Date.parse("2026-03-01")) / 86_400_000;
    expect(daysBefore * 2).toBeGreaterThanOrEqual(122);
    expect(range.start < "2026-07-01").toBe(true);
    const { payload, answer } = await ask("spend in the last 4 full months compared to the previous 4 months");
    expect(payload.sections[0]!.figures).toMatchObject({ baseline: null, change: null });
    expect(answer.markdown.split("\n")[0]).toContain(`there is nothing to compare it with: the comparison period (2026-03-01 to 2026-06-30) is mostly before the cost data starts (${range.start})`);
  });

  it("'the ratio of storage to compute spend' sets the two categories side by side, one row each", async () => {
    threadId = undefined;
    const { payload } = await ask("what's the ratio of storage to compute spend?");
    const expected = await costBreakdown(app.db, { period: october, dimension: "ServiceCategory", filters: { serviceCategories: ["Compute", "Storage"] } });
    const table = payload.sections[0]!.tables[0]!;
    expect(table.rows.map((r) => [r.label, r.amount])).toEqual(expected.data.rows.map((r) => [r.label, r.amount]));
    expect(table.rows.map((r) => r.label).sort()).toEqual(["Compute", "Storage"]);
  });

  it("'quarter over quarter' with no period compares the latest complete quarter", async () => {
    threadId = undefined;
    const { payload } = await ask("top 5 services by growth quarter over quarter");
    const q3 = await costBreakdown(app.db, { period: { start: "2026-07-01", end: "2026-10-01" }, dimension: "ServiceName" });
    expect(payload.sections[0]!.figures.current).toBe(q3.data.total);
  });

  it("'this quarter compared to last quarter' while this one is under way sets it against the same days of the last", async () => {
    threadId = undefined;
    const { payload, answer } = await ask("How is this quarter going compared to last quarter?");
    // The data ends on 2026-10-31: Q4 so far is October, against the first 31 days of Q3, not all of Q3.
    const current = await costTotal(app.db, { period: { start: "2026-10-01", end: "2026-11-01" } });
    const before = await costTotal(app.db, { period: { start: "2026-07-01", end: "2026-08-01" } });
    expect(payload.sections[0]!.figures).toMatchObject({ current: current.data.total, baseline: before.data.total });
    expect(answer.markdown).toContain("It is compared with the same days of last quarter, Q3 2026 (2026-07-01 to 2026-09-30): 2026-07-01 to 2026-07-31.");
    expect(payload.sections[0]!.headline).toContain(`from ${formatMoney(before.data.total)} over the same days of last quarter, Q3 2026 (2026-07-01 to 2026-07-31).`);
  });

  it("'how much did we spend in Europe?' is the cost in the data's European regions, named, not the whole bill", async () => {
    threadId = undefined;
    const { payload, answer } = await ask("How much did we spend in Europe in October?");
    const rows = await app.db.sql.query<{ region_id: string }>(
      `SELECT DISTINCT region_id FROM cost_daily_rollup WHERE region_id LIKE 'eu-%' OR region_id LIKE 'europe-%' OR region_id IN ('westeurope', 'northeurope', 'uksouth', 'ukwest') ORDER BY 1`,
    );
    const europe = rows.map((r) => r.region_id);
    expect(europe.length).toBeGreaterThan(1);
    const expected = await costTotal(app.db, { period: october, filters: { regions: europe } });
    const all = await costTotal(app.db, { period: october });
    expect(expected.data.totalValue).toBeLessThan(all.data.totalValue);
    expect(payload.sections[0]!.figures.total).toBe(expected.data.total);
    expect(answer.markdown).toContain(`Europe is the regions the data holds there: ${europe.join(", ")}.`);
    // A part of the world with no region in the data: nothing, said so, not the whole bill.
    threadId = undefined;
    const africa = await ask("How much did we spend in Africa in October?");
    expect(Number(africa.payload.sections[0]!.figures.total)).toBe(0);
    expect(africa.answer.markdown).toContain("No region in the cost data is in Africa.");
  });

  it("'top 5 accounts by spend and their month over month change' lists the 5 costliest accounts, each with its change", async () => {
    threadId = undefined;
    const { payload } = await ask("Show me our top 5 accounts by spend in October and their month over month change");
    const largest = await costBreakdown(app.db, { period: october, dimension: "SubAccountId", limit: 5 });
    const byChange = await comparePeriods(app.db, { current: october, mode: "MoM", driverDimension: "SubAccountId", limit: 5 });
    // The five largest values now, the cost on no sub-account among them if it is one of the five.
    const five = largest.data.rows.filter((r) => !r.isOthers).slice(0, 5);
    const top = five.map((r) => r.key ?? "(no sub-account)");
    expect(byChange.data.drivers.filter((d) => !d.isOthers).map((d) => d.key ?? "(no sub-account)")).not.toEqual(top);
    const rows = payload.sections[0]!.tables[0]!.rows.filter((r) => r.label !== "Others");
    expect(rows.map((r) => r.id ?? r.label)).toEqual(top);
    expect(rows.map((r) => r.current)).toEqual(five.map((r) => r.amount));
  });

  it("'prod vs non-prod' sets the prod accounts against every other cost, two parts of the month, not prod over time", async () => {
    threadId = undefined;
    const { payload, answer } = await ask("What's the cost split between prod and non-prod last month?");
    const section = payload.sections[0]!;
    const [prod] = await accountsNamed(app.db, ["prod"]);
    expect(prod!.subAccountIds.length).toBeGreaterThan(0);
    const part = await costTotal(app.db, { period: october, filters: { subAccountIds: prod!.subAccountIds, billingAccountIds: prod!.billingAccountIds.length ? prod!.billingAccountIds : undefined } });
    const all = await costTotal(app.db, { period: october });
    expect(section.figures).toMatchObject({ part: part.data.total, total: all.data.total });
    expect(Number(section.figures.rest)).toBeCloseTo(all.data.totalValue - part.data.totalValue, 6);
    expect(section.headline).toMatch(/^\*\*prod \$[\d,.]+ \([\d.]+%\) vs non-prod \$[\d,.]+ \([\d.]+%\)\*\* last month, October 2026/);
    // The rest by sub-account adds up to the rest, and holds no prod account.
    const rest = section.tables[1]!;
    expect(rest.rows.some((r) => prod!.subAccountIds.includes(String(r.id)))).toBe(false);
    expect(rest.rows.reduce((t, r) => t + Number(r.amount), 0)).toBeCloseTo(Number(section.figures.rest), 6);
    expect(answer.markdown).not.toContain("from $");
    expect(section.headline).not.toContain("A ratio of");
    // The env tag's view beside it: what is tagged env=prod wherever it runs, every other value, and no real value;
    // the three add up to the month.
    const [tagged] = await app.db.sql.query<{ amount: string }>(
      `SELECT coalesce(sum(effective_cost), 0)::text AS amount FROM cost_line_items
        WHERE charge_date >= $1 AND charge_date < $2 AND lower(tags->>'env') IN ('prod', 'production', 'prd')`,
      [october.start, october.end],
    );
    expect(section.figures).toMatchObject({ tagKey: "env", tagged: fromUnits(toUnits(tagged!.amount)) });
    const envTable = section.tables.find((t) => t.title === "By the env tag")!;
    // The demo tags prod both "prod" and "production", as teams do.
    expect(envTable.rows.map((r) => r.label)).toEqual(["env=prod, env=production", "other env values", "no real env value"]);
    expect(toUnits(String(envTable.rows[0]!.amount)) + toUnits(String(envTable.rows[1]!.amount)) + toUnits(String(envTable.rows[2]!.amount))).toBe(toUnits(all.data.total));
    expect(answer.markdown).toContain(`By the env tag instead, the cost tagged env=prod or env=production is ${formatMoney(tagged!.amount)}`);

    // "The ratio of prod to non-prod" (which the model could not place): the same two parts, and the ratio said.
    threadId = undefined;
    const ratio = (await ask("What's the ratio of prod to non-prod spend last month?")).payload.sections[0]!;
    const times = (all.data.totalValue - part.data.totalValue) / part.data.totalValue;
    expect(ratio.figures).toMatchObject({ part: part.data.total, total: all.data.total });
    expect(ratio.headline).toContain(`A ratio of 1 : ${times.toFixed(2)}: non-prod costs ${times.toFixed(2)}× prod.`);
  });

  it("'last week compared to the week before' compares the two weeks, where it gave last week alone", async () => {
    threadId = undefined;
    const { payload } = await ask("What was our spend last week compared to the week before?");
    const week = extractDimensions("last week", DEMO_NOW).timeRange!;
    const current = await costTotal(app.db, { period: { start: week.start, end: week.end } });
    const before = await costTotal(app.db, { period: { start: addDaysIso(week.start, -7), end: week.start } });
    expect(payload.sections[0]!.figures).toMatchObject({ current: current.data.total, baseline: before.data.total });
  });

  it("'and how does that compare to the month before?' after two turns on Azure's October compares it with September", async () => {
    threadId = undefined;
    await ask("What did we spend on Azure last month?");
    await ask("which subscriptions drove that?");
    const { payload } = await ask("and how does that compare to the month before?");
    const filters = { providers: ["Microsoft"] };
    const september = await costTotal(app.db, { period: { start: "2026-09-01", end: "2026-10-01" }, filters });
    const current = await costTotal(app.db, { period: october, filters });
    expect(payload.sections[0]!.figures).toMatchObject({ current: current.data.total, baseline: september.data.total });
  });

  it("'week over week' with no period compares the latest complete week (Monday to Sunday) with the one before", async () => {
    threadId = undefined;
    const { payload, answer } = await ask("How did our spend change week over week?");
    // The data ends on Saturday 2026-10-31: the latest complete week is October 19-25.
    const week = await costTotal(app.db, { period: { start: "2026-10-19", end: "2026-10-26" } });
    const before = await costTotal(app.db, { period: { start: "2026-10-12", end: "2026-10-19" } });
    const section = payload.sections[0]!;
    expect(section.figures).toMatchObject({ current: week.data.total, baseline: before.data.total });
    expect(answer.markdown).toContain("the latest complete week of data");
  });

  it("'which resources have the highest cost increase week over week?' ranks the resources' rises over the latest whole week", async () => {
    threadId = undefined;
    const { payload } = await ask("Which resources have the highest cost increase week over week?");
    const all = await comparePeriods(app.db, { current: { start: "2026-10-19", end: "2026-10-26" }, mode: "custom", baseline: { start: "2026-10-12", end: "2026-10-19" }, driverDimension: "ResourceId", limit: 100 });
    const rose = all.data.drivers.filter((d) => !d.isOthers && d.key !== null && Number(d.delta) > 0).sort((a, b) => Number(b.delta) - Number(a.delta));
    expect(rose.length).toBeGreaterThan(0);
    const section = payload.sections[0]!;
    expect(section.agent).toBe("cost_analysis");
    expect(section.figures).toMatchObject({ current: all.data.current.total, baseline: all.data.baseline.total });
    expect(section.tables[0]!.rows[0]!.id ?? section.tables[0]!.rows[0]!.label).toBe(rose[0]!.key);
  });

  it("'which services are only used in dev?' names the services whose usage is all in the dev sub-accounts", async () => {
    threadId = undefined;
    const { payload, answer } = await ask("Which services are only used in dev in October?");
    const dev = (await app.db.sql.query<{ id: string }>("SELECT DISTINCT sub_account_id AS id FROM cost_daily_rollup WHERE sub_account_name ILIKE '%dev%'")).map((r) => r.id);
    // Counted here from the line items: each service's October usage in the dev sub-accounts and in all.
    const usage = await app.db.sql.query<{ service: string; inside: string; everywhere: string }>(
      `SELECT service_name AS service, coalesce(sum(effective_cost) FILTER (WHERE sub_account_id = ANY($1::text[])), 0)::text AS inside, sum(effective_cost)::text AS everywhere
       FROM cost_line_items WHERE charge_category = 'Usage' AND charge_date >= '2026-10-01' AND charge_date < '2026-11-01' GROUP BY service_name`,
      [dev],
    );
    const used = usage.filter((r) => Number(r.inside) !== 0);
    const only = used.filter((r) => toUnits(r.inside) === toUnits(r.everywhere)).map((r) => r.service).sort();
    expect(used.length).toBeGreaterThan(only.length);
    const section = payload.sections[0]!;
    expect(section.figures).toMatchObject({ used: used.length, onlyInPlace: only.length });
    const table = section.tables[0]!;
    expect(table.rows.filter((r) => r.share === 100).map((r) => r.label).sort()).toEqual(only);
    expect(answer.markdown.split("\n")[0]).toMatch(
      new RegExp(`^\\*\\*${only.length} of the ${used.length} services\\*\\* used in October 2026 \\(2026-10-01 to 2026-10-31\\) in dev \\(${dev.length} sub-accounts\\) are used nowhere else: `),
    );
    for (const service of only) expect(answer.markdown.split("\n")[0]).toContain(`${service} (`);
    // Regions, asked with "use": the regions whose usage is all in the prod sub-accounts.
    threadId = undefined;
    const regions = await ask("Which regions do we only use in prod in October?");
    expect(regions.payload.sections[0]!.title).toBe("Regions used only in prod (3 sub-accounts)");
  });

  it("'are we using spot instances?' leads with the compute usage already on Spot, then the candidates to move", async () => {
    threadId = undefined;
    const { payload } = await ask("Are we using spot instances?");
    const period = { start: "2026-10-02", end: "2026-11-01" };
    const byPricing = await costBreakdown(app.db, { period, dimension: "PricingCategory", filters: { serviceCategories: ["Compute"], chargeCategories: ["Usage"] } });
    const spot = byPricing.data.rows.find((r) => r.key === "Dynamic");
    expect(spot).toBeDefined();
    const section = payload.sections[0]!;
    expect(section.figures).toMatchObject({ spotCost: spot!.amount, usageCost: byPricing.data.total });
    expect(section.headline).toMatch(/^\*\*\$[\d,.]+\*\* of compute usage \([\d.]+% of \$[\d,.]+\) ran on Spot/);
    // Then the candidates' savings, in plain text: only the spot usage is bold.
    expect(section.headline).toMatch(/ \d{4}-\d\d-\d\d\. \$[\d,.]+( – \$[\d,.]+)? a month could be saved on \d+ resources?, judged on utilisation/);
    expect(section.headline.match(/\*\*/g)).toHaveLength(2);
    const candidates = await rightsizingFindings(app.db, { period, actions: ["move-to-spot"] });
    expect(section.figures.findings).toBe(candidates.data.findings.length);
  });

  it("'what are the savings from spot instances?' leads with what the spot usage saved against its contracted rate", async () => {
    threadId = undefined;
    const { payload, answer } = await ask("What are the savings from spot instances?");
    const period = { start: "2026-10-02", end: "2026-11-01" };
    const realised = await savingsMetrics(app.db, { period, filters: { serviceCategories: ["Compute"], chargeCategories: ["Usage"] } });
    expect(Number(realised.data.total.spotSavings)).toBeGreaterThan(0);
    const section = payload.sections[0]!;
    expect(section.figures.spotSavings).toBe(realised.data.total.spotSavings);
    expect(answer.markdown.split("\n")[0]).toMatch(new RegExp(`^\\*\\*Spot saved ${formatMoney(realised.data.total.spotSavings).replace(/[$.]/g, "\\$&")}\\*\\* from 2026-10-02 to 2026-10-31: its \\$[\\d,.]+ of compute usage would have cost`));
    // What Spot could still save is another question: the candidates lead.
    threadId = undefined;
    const could = (await ask("How much could we save with spot instances?")).payload.sections[0]!;
    expect(could.figures.spotSavings).toBeUndefined();
  });

  it("'how much could we save on storage?' counts the open recommendations about storage services only", async () => {
    threadId = undefined;
    const all = (await ask("What are our top savings opportunities?")).payload.sections[0]!;
    const [storage] = await app.db.sql.query<{ n: string | number; max_usd: string }>(
      `SELECT count(*) AS n, coalesce(sum(estimated_savings_max_usd), 0)::text AS max_usd FROM optimization_recommendations o
        WHERE status IN ('active', 'under_review') AND EXISTS (
          SELECT 1 FROM jsonb_array_elements(o.affected_resources) r
           WHERE r->>'serviceName' IN (SELECT service_name FROM cost_daily_rollup WHERE service_category = 'Storage'))`,
    );
    threadId = undefined;
    const section = (await ask("How much could we save on storage?")).payload.sections[0]!;
    expect(section.figures.count).toBe(Number(storage!.n));
    expect(section.figures.savingsMax).toBe(storage!.max_usd);
    expect(Number(section.figures.count)).toBeLessThan(Number(all.figures.count));
    expect(section.headline).toMatch(Number(storage!.n) > 0 ? /open recommendations for storage/ : /No open recommendations for storage/);
    // The demo has none about storage: where storage's cost sits instead, its largest resources.
    expect(Number(storage!.n)).toBe(0);
    const largest = await costBreakdown(app.db, { period: october, dimension: "ResourceId", limit: 5, filters: { serviceCategories: ["Storage"] } });
    const named = largest.data.rows.filter((r) => !r.isOthers && r.key !== null);
    expect(section.figures).toMatchObject({ scopeCost: largest.data.total });
    const table = section.tables.find((t) => t.title === "Largest resources, with no recommendation")!;
    expect(table.rows.map((r) => r.amount)).toEqual(named.map((r) => r.amount));
    expect(section.headline).toContain(` Storage cost ${formatMoney(largest.data.total)} in October 2026, most in ${named[0]!.name ?? named[0]!.label} (${formatMoney(named[0]!.amount)}), `);
  });

  it("'what are the savings if we delete unattached volumes?' is about the orphaned recommendations, not every one", async () => {
    threadId = undefined;
    const { payload, answer } = await ask("What are the savings if we delete unattached volumes?");
    const orphaned = await openSavings("category = 'orphaned'");
    const all = await openSavings("true");
    expect(orphaned.n).toBeLessThan(all.n);
    const section = payload.sections[0]!;
    expect(section.figures.count).toBe(orphaned.n);
    expect(Number(section.figures.savingsMax ?? 0)).toBeCloseTo(orphaned.onceEach, 2);
    // The test data has none: the answer says so rather than listing every recommendation.
    expect(orphaned.n).toBe(0);
    // ... and what was looked for, since billing data does not say what a disk is attached to.
    expect(answer.markdown.split("\n")[0]).toMatch(/^\*\*No open orphaned resource recommendations\.\*\* Orphaned: cost with no utilisation, .* a volume is found only when its charge or SKU says it is unattached .*Ask for all savings opportunities to see the others\.$/);
  });

  it("'how much could we save by rightsizing?' counts the downsize and idle recommendations, not commitments or Spot", async () => {
    threadId = undefined;
    const { payload, answer } = await ask("How much could we save by rightsizing?");
    const rightsizing = await openSavings("category IN ('rightsizing', 'idle')");
    const all = await openSavings("true");
    expect(rightsizing.n).toBeGreaterThan(0);
    expect(rightsizing.n).toBeLessThan(all.n);
    const section = payload.sections[0]!;
    expect(section.figures.count).toBe(rightsizing.n);
    expect(Number(section.figures.savingsMax)).toBeCloseTo(rightsizing.onceEach, 2);
    expect(new Set(section.tables[0]!.rows.map((r) => r.category))).toEqual(new Set(["rightsizing", "idle"]));
    expect(answer.markdown.split("\n")[0]).toContain(`across ${rightsizing.n} open rightsizing (downsize or stop idle) recommendations`);
  });

  it("'how much would we save by turning off dev environments at night?' stops the dev machines and databases 12 hours a day", async () => {
    threadId = undefined;
    const { payload, answer } = await ask("How much would we save by turning off dev environments at night?");
    const [dev] = await accountsNamed(app.db, ["dev"]);
    const expected = await schedulingSavings(app.db, {
      period: october, filters: { subAccountIds: dev!.subAccountIds }, metric: "EffectiveCost", schedule: { weekdayHours: 12, weekendHours: 12 }, limit: 20,
    });
    expect(expected.data.resourceCount).toBeGreaterThan(0);
    const section = payload.sections[0]!;
    expect(section.title).toBe("Scheduling savings");
    expect(section.figures).toMatchObject({ saving: expected.data.saving, cost: expected.data.cost, resources: expected.data.resourceCount, hoursOn: 372, periodHours: 744 });
    expect(section.tables[0]!.rows.map((r) => r.saving)).toEqual(expected.data.rows.map((r) => r.saving));
    expect(answer.markdown.split("\n")[0]).toMatch(
      new RegExp(`^\\*\\*${formatMoney(expected.data.saving).replace("$", "\\$")} a month\\*\\* could be saved by stopping the \\d+ on-demand virtual machines and databases for dev \\(${dev!.subAccountIds.length} sub-accounts\\) at night \\(running them 08:00–20:00 every day\\): they cost `),
    );

    // Nights and weekends, a year: working hours only, × 12.
    threadId = undefined;
    const weekends = await ask("What would we save a year by shutting down dev at night and on weekends?");
    const both = await schedulingSavings(app.db, { period: october, filters: { subAccountIds: dev!.subAccountIds }, metric: "EffectiveCost", limit: 20 });
    expect(weekends.payload.sections[0]!.figures).toMatchObject({ saving: both.data.saving, savingYear: fromUnits(toUnits(both.data.saving) * 12n), hoursOn: 22 * 12 });
    expect(Number(both.data.saving)).toBeGreaterThan(Number(expected.data.saving));

    // Non-prod: every sub-account with cost but the prod ones.
    threadId = undefined;
    const nonProd = await ask("How much could we save by turning off non-prod at night?");
    const [prod] = await accountsNamed(app.db, ["prod"]);
    const accounts = (await costBreakdown(app.db, { period: october, dimension: "SubAccountId", limit: 1000 })).data.rows;
    const rest = accounts.filter((r) => !r.isOthers && r.key !== null && !prod!.subAccountIds.includes(r.key)).map((r) => r.key!);
    expect(rest.length).toBeGreaterThan(0);
    const restSavings = await schedulingSavings(app.db, {
      period: october, filters: { subAccountIds: rest }, metric: "EffectiveCost", schedule: { weekdayHours: 12, weekendHours: 12 }, limit: 20,
    });
    expect(nonProd.payload.sections[0]!.figures).toMatchObject({ saving: restSavings.data.saving, resources: restSavings.data.resourceCount });
    expect(nonProd.answer.markdown.split("\n")[0]).toContain(`for non-prod (${rest.length} sub-accounts)`);
  });

  it("'how much would we save by moving dev workloads to spot?' counts the spot recommendations in the dev sub-accounts only", async () => {
    threadId = undefined;
    const { payload, answer } = await ask("How much would we save by moving dev workloads to spot?");
    const dev = await app.db.sql.query<{ id: string }>("SELECT DISTINCT sub_account_id AS id FROM cost_daily_rollup WHERE sub_account_name ILIKE '%dev%'");
    expect(dev.length).toBeGreaterThan(0);
    const ids = dev.map((a) => `'${a.id}'`).join(", ");
    const devSpot = await openSavings(`category = 'spot' AND EXISTS (SELECT 1 FROM jsonb_array_elements(affected_resources) r WHERE r->>'subAccountId' IN (${ids}))`);
    const allSpot = await openSavings("category = 'spot'");
    expect(devSpot.n).toBeGreaterThan(0);
    expect(devSpot.n).toBeLessThan(allSpot.n);
    expect(payload.sections[0]!.figures.count).toBe(devSpot.n);
    expect(Number(payload.sections[0]!.figures.savingsMax)).toBeCloseTo(devSpot.onceEach, 2);
    expect(answer.markdown.split("\n")[0]).toContain(`across ${devSpot.n} open spot recommendations about resources in dev (${dev.length} sub-accounts)`);
  });

  it("'how much could we save if we deleted the idle resources in dev?' gives one amount when the savings' range is one", async () => {
    threadId = undefined;
    const { payload, answer } = await ask("How much could we save if we deleted all idle resources in dev?");
    const section = payload.sections[0]!;
    expect(section.figures.savingsMin).toBe(section.figures.savingsMax);
    expect(answer.markdown.split("\n")[0]).toMatch(new RegExp(`^\\*\\*${formatMoney(String(section.figures.savingsMax)).replace("$", "\\$")} a month\\*\\* across \\d+ open idle`));
  });

  it("'which of those are for the data platform team?' after the savings opportunities keeps those about resources tagged team=data-platform", async () => {
    threadId = undefined;
    const all = (await ask("What are our top savings opportunities?")).payload.sections[0]!;
    const data = await openSavings(`EXISTS (SELECT 1 FROM jsonb_array_elements(affected_resources) r WHERE r->'tags'->>'team' = 'data-platform')`);
    expect(data.n).toBeGreaterThan(0);
    expect(data.n).toBeLessThan(Number(all.figures.count));
    const { payload, answer } = await ask("Which of those are for the data platform team?");
    const section = payload.sections[0]!;
    expect(section.figures.count).toBe(data.n);
    expect(Number(section.figures.savingsMax)).toBeCloseTo(data.onceEach, 2);
    expect(answer.markdown.split("\n")[0]).toContain(`across ${data.n} open recommendations about resources tagged team=data-platform`);
    expect(answer.markdown).toContain("Only recommendations about resources tagged team=data-platform are counted");
  });

  it("'what's the savings potential by team?' totals the open recommendations per team of their resource, each resource once", async () => {
    threadId = undefined;
    const { payload, answer } = await ask("What's the savings potential by team?");
    const section = payload.sections[0]!;
    const table = section.tables.find((t) => t.title === "Savings by team")!;
    const teams = table.rows.filter((r) => !String(r.label).startsWith("(no team"));
    expect(teams.length).toBeGreaterThan(1);
    for (const row of teams) {
      // The team's resources: a recommendation about one of them counts for the team even when it carries no tags
      // itself (one traced from an anomaly).
      const tagged = `affected_resources -> 0 -> 'tags' ->> 'team' = '${String(row.label)}'`;
      const team = await openSavings(
        `(${tagged} OR (jsonb_array_length(affected_resources) = 1 AND affected_resources -> 0 ->> 'resourceId' IN (
           SELECT affected_resources -> 0 ->> 'resourceId' FROM optimization_recommendations WHERE status IN ('active', 'under_review') AND ${tagged})))`,
      );
      expect(row.count, String(row.label)).toBe(team.n);
      expect(Number(row.max), String(row.label)).toBeCloseTo(team.onceEach, 2);
    }
    // Largest first, and every open recommendation in one row: those about no team's resource in the last.
    const maxes = teams.map((r) => Number(r.max));
    expect(maxes).toEqual([...maxes].sort((a, b) => b - a));
    expect(table.rows.reduce((t, r) => t + Number(r.count), 0)).toBe(Number(section.figures.count));
    expect(String(table.rows.at(-1)!.label)).toBe("(no team: commitments, tagging, untagged)");
    expect(answer.markdown.split("\n")[0]).toMatch(new RegExp(`^\\*\\*${teams[0]!.label} could save the most: `));

    // By sub-account: named as the data names them, two of one name (one per cloud) told apart.
    threadId = undefined;
    const accounts = (await ask("How much could each account save?")).payload.sections[0]!;
    const byAccount = accounts.tables.find((t) => t.title === "Savings by sub-account")!;
    const labels = byAccount.rows.map((r) => String(r.label));
    expect(new Set(labels).size).toBe(labels.length);
    expect(byAccount.rows.reduce((t, r) => t + Number(r.count), 0)).toBe(Number(accounts.figures.count));
    expect(byAccount.rows.reduce((t, r) => t + Number(r.max), 0)).toBeCloseTo(Number(accounts.figures.savingsMax), 2);
  });

  it("savings opportunities leaving something out ('other than commitments', 'excluding dev', 'except EC2') count the rest, not what is left out", async () => {
    const all = await openSavings("true");
    // Kinds of recommendation: the commitment purchases left out, not listed.
    threadId = undefined;
    const noCommitments = await ask("What are our top savings opportunities excluding commitments?");
    const rest = await openSavings("category <> 'commitment'");
    expect(rest.n).toBeGreaterThan(0);
    expect(rest.n).toBeLessThan(all.n);
    const section = noCommitments.payload.sections[0]!;
    expect(section.figures.count).toBe(rest.n);
    expect(Number(section.figures.savingsMax)).toBeCloseTo(rest.onceEach, 2);
    expect(section.tables[0]!.rows.map((r) => r.category)).not.toContain("commitment");
    expect(noCommitments.answer.markdown.split("\n")[0]).toContain(`across ${rest.n} open recommendations, excluding commitment recommendations;`);
    // "Other than rightsizing": the downsize and idle ones left out, as "rightsizing" would list them.
    threadId = undefined;
    const notRightsizing = (await ask("Show me recommendations other than rightsizing")).payload.sections[0]!;
    expect(notRightsizing.figures.count).toBe((await openSavings("category NOT IN ('rightsizing', 'idle')")).n);
    // Sub-accounts and services: the recommendations about their resources left out; purchases for whole accounts stay.
    threadId = undefined;
    const noDev = (await ask("What are our savings opportunities excluding dev?")).payload.sections[0]!;
    const dev = await app.db.sql.query<{ id: string }>("SELECT DISTINCT sub_account_id AS id FROM cost_daily_rollup WHERE sub_account_name ILIKE '%dev%'");
    const ids = dev.map((a) => `'${a.id}'`).join(", ");
    const notDev = await openSavings(`NOT EXISTS (SELECT 1 FROM jsonb_array_elements(affected_resources) r WHERE r->>'subAccountId' IN (${ids}))`);
    expect(notDev.n).toBeLessThan(all.n);
    expect(noDev.figures.count).toBe(notDev.n);
    expect(noDev.headline).toContain(`, excluding dev (${dev.length} sub-accounts);`);
    threadId = undefined;
    const noEc2 = (await ask("List our savings opportunities except EC2")).payload.sections[0]!;
    const notEc2 = await openSavings(`NOT EXISTS (SELECT 1 FROM jsonb_array_elements(affected_resources) r WHERE r->>'serviceName' = 'Amazon Elastic Compute Cloud')`);
    expect(notEc2.n).toBeLessThan(all.n);
    expect(noEc2.figures.count).toBe(notEc2.n);
  });

  it("'…and what can we do about it?' after a cost driver counts the recommendations about the driver the first answer found", async () => {
    for (const [question, dimension] of [
      ["What was our biggest cost driver last month and what can we do about it?", "ServiceName"],
      ["Which account spent the most last month and what can we do about it?", "SubAccountId"],
    ] as const) {
      threadId = undefined;
      const { payload, answer } = await ask(question);
      expect(payload.sections.map((s) => s.agent)).toEqual(["cost_analysis", "recommendation"]);
      const top = (await costBreakdown(app.db, { period: october, dimension, limit: 10 })).data.rows.find((r) => !r.isOthers && r.key !== null)!;
      const about = await openSavings(
        `EXISTS (SELECT 1 FROM jsonb_array_elements(affected_resources) r WHERE r->>'${dimension === "ServiceName" ? "serviceName" : "subAccountId"}' = '${top.key}')`,
      );
      const all = await openSavings("true");
      expect(about.n).toBeLessThan(all.n);
      expect(payload.sections[1]!.figures.count).toBe(about.n);
      expect(answer.markdown).toContain(`_"it" is read as **${top.label}**, what the answer above names first._`);
      if (dimension === "SubAccountId") expect(payload.sections[1]!.headline).toContain(`about resources in ${top.label} (1 sub-account)`);
    }
  });

  it("'which recommendations have the highest ROI?' ranks the open recommendations by savings per hour of work", async () => {
    threadId = undefined;
    const { payload, answer, executions } = await ask("Which recommendations have the highest ROI?");
    expect(executions.map((e) => e.agentType)).toContain("recommendation");
    const ranked = await app.db.sql.query<{ title: string; per_hour: string }>(
      `SELECT title, (estimated_savings_max_usd / greatest(implementation_effort_hours, 0.25))::text AS per_hour FROM optimization_recommendations
        WHERE status IN ('active', 'under_review') AND estimated_savings_max_usd IS NOT NULL AND implementation_effort_hours IS NOT NULL
        ORDER BY estimated_savings_max_usd / greatest(implementation_effort_hours, 0.25) DESC, priority_score DESC, id`,
    );
    const section = payload.sections[0]!;
    const rows = section.tables[0]!.rows;
    expect(rows.map((r) => r.title)).toEqual(ranked.slice(0, rows.length).map((r) => r.title));
    // The best return is not simply the largest saving (else the ranking would add nothing).
    const [largest] = await app.db.sql.query<{ title: string }>(
      `SELECT title FROM optimization_recommendations WHERE status IN ('active', 'under_review') ORDER BY estimated_savings_max_usd DESC NULLS LAST LIMIT 1`,
    );
    expect(rows.map((r) => r.title).indexOf(largest!.title)).not.toBe(0);
    expect(section.figures).toMatchObject({ bestReturn: ranked[0]!.title, bestReturnPerHour: Number(Number(ranked[0]!.per_hour).toFixed(2)) });
    expect(answer.markdown.split("\n")[0]).toMatch(new RegExp(`^\\*\\*.+\\*\\* has the best return: \\$[\\d,.]+ a month for [\\d.]+ hours? of work \\(\\$[\\d,.]+ a month per hour\\)\\.`));
    expect(answer.markdown).toContain("Ranked by return: monthly savings ÷ effort hours");
  });

  it("'which of those are quick wins?' after the savings opportunities lists only the open ones worth >= $100 a month for <= 4 hours", async () => {
    threadId = undefined;
    const all = (await ask("What are our top savings opportunities?")).payload.sections[0]!;
    const quick = await openSavings("estimated_savings_max_usd >= 100 AND implementation_effort_hours <= 4");
    expect(quick.n).toBeGreaterThan(0);
    expect(quick.n).toBeLessThan(Number(all.figures.count));
    const { payload, executions } = await ask("Which of those are quick wins?");
    const section = payload.sections[0]!;
    expect(executions.map((e) => e.agentType)).toContain("recommendation");
    expect(section.figures.count).toBe(quick.n);
    expect(Number(section.figures.savingsMax)).toBeCloseTo(quick.onceEach, 2);
    expect(section.headline).toContain(`across ${quick.n} quick wins (at least $100 a month for at most 4 hours of work)`);
    for (const row of section.tables[0]!.rows) {
      expect(Number(row.savings)).toBeGreaterThanOrEqual(100);
      expect(Number(row.effort)).toBeLessThanOrEqual(4);
    }
    // "How many hours would those take?": their effort estimates added up lead.
    const [effort] = await app.db.sql.query<{ hours: string }>(
      `SELECT sum(implementation_effort_hours)::text AS hours FROM optimization_recommendations
        WHERE status IN ('active', 'under_review') AND estimated_savings_max_usd >= 100 AND implementation_effort_hours <= 4`,
    );
    const hours = (await ask("How many hours would those take?")).payload.sections[0]!;
    expect(hours.figures).toMatchObject({ count: quick.n, effortHours: Number(effort!.hours) });
    expect(hours.headline).toMatch(new RegExp(`^\\*\\*${Number(effort!.hours)} hours of work\\*\\* across ${quick.n} quick wins `));
    // Asked afresh, in other words, and for one cloud.
    threadId = undefined;
    const aws = (await ask("What are the low-hanging fruit for cutting our AWS bill?")).payload.sections[0]!;
    const [awsQuick] = await app.db.sql.query<{ n: string | number }>(
      `SELECT count(*) AS n FROM optimization_recommendations WHERE status IN ('active', 'under_review')
          AND provider_name = 'AWS' AND estimated_savings_max_usd >= 100 AND implementation_effort_hours <= 4`,
    );
    expect(aws.figures.count).toBe(Number(awsQuick!.n));
  });

  it("realised savings: the effective savings rate is savingsMetrics', not the open recommendations'", async () => {
    threadId = undefined;
    const { payload, executions } = await ask("What was our effective savings rate last month?");
    const expected = await savingsMetrics(app.db, { period: october });
    expect(payload.sections[0]!.figures).toMatchObject({
      effectiveSavingsRate: expected.data.total.effectiveSavingsRate,
      totalSavings: expected.data.total.totalSavings,
    });
    expect(executions.map((e) => e.agentType)).toContain("optimization");
    // Spot usage's discount is its own: commitment savings are the commitments' rows (FOCUS CommitmentDiscountId), and
    // the three parts add up to the total.
    const t = expected.data.total;
    const [spot] = await app.db.sql.query<{ saved: string }>(
      `SELECT sum(contracted_cost - effective_cost)::text AS saved FROM cost_line_items
       WHERE charge_date >= $1 AND charge_date < $2 AND charge_category = 'Usage' AND pricing_category = 'Dynamic'`,
      [october.start, october.end],
    );
    expect(Number(spot!.saved)).toBeGreaterThan(0);
    expect(toUnits(t.spotSavings)).toBe(toUnits(spot!.saved));
    expect(toUnits(t.commitmentSavings)).toBe(expected.data.byCommitmentType.reduce((sum, c) => sum + toUnits(c.commitmentSavings), 0n));
    expect(toUnits(t.negotiatedSavings) + toUnits(t.commitmentSavings) + toUnits(t.spotSavings)).toBe(toUnits(t.totalSavings));
    expect(payload.sections[0]!.headline).toContain(
      `: ${formatMoney(t.negotiatedSavings)} by negotiated discounts, ${formatMoney(t.commitmentSavings)} by commitments and ${formatMoney(t.spotSavings)} by spot usage.`,
    );
  });

  it("'how does that compare to…' after a measure sets that measure in both periods, not the spend", async () => {
    const september = { start: "2026-09-01", end: "2026-10-01" };
    // The effective savings rate, then last quarter: October against the same dates a quarter back.
    threadId = undefined;
    await ask("What was our effective savings rate last month?");
    const esr = await ask("how does that compare to last quarter?");
    const july = { start: "2026-07-01", end: "2026-08-01" };
    const [now, before] = await Promise.all([savingsMetrics(app.db, { period: october }), savingsMetrics(app.db, { period: july })]);
    const s = esr.payload.sections[0]!;
    expect(esr.executions.map((e) => e.agentType)).toContain("optimization");
    expect(s.figures).toMatchObject({
      effectiveSavingsRate: now.data.total.effectiveSavingsRate, baselineEffectiveSavingsRate: before.data.total.effectiveSavingsRate,
      totalSavings: now.data.total.totalSavings, baselineTotalSavings: before.data.total.totalSavings, baselineStart: july.start, baselineEnd: july.end,
    });
    expect(s.headline).toContain(
      `An effective savings rate of **${formatPercent(now.data.total.effectiveSavingsRate! * 100)}** last month, October 2026 (2026-10-01 to 2026-10-31), against ${formatPercent(before.data.total.effectiveSavingsRate! * 100)} in July 2026`,
    );
    expect(s.tables[0]!.columns.map((c) => c.label)).toEqual(["Measure", "July 2026", "October 2026", "Change"]);
    expect(s.tables[0]!.rows[1]).toMatchObject({ measure: "Saved against list price", before: formatMoney(before.data.total.totalSavings), now: formatMoney(now.data.total.totalSavings) });
    expect(s.tables[1]!.rows.map((r) => r.measure)).toEqual(now.data.byProvider.map((p) => p.provider).sort());

    // Commitment utilisation, then the month before.
    threadId = undefined;
    await ask("What was our commitment utilization last month?");
    const commitments = await ask("how does that compare to the month before?");
    const [c, d] = await Promise.all([commitmentAnalysis(app.db, { period: october, afterRightsizing: false }), commitmentAnalysis(app.db, { period: september, afterRightsizing: false })]);
    const t = commitments.payload.sections[0]!;
    expect(t.figures).toMatchObject({
      utilizationPercent: c.data.totals.utilizationPercent, baselineUtilizationPercent: d.data.totals.utilizationPercent,
      coveragePercent: c.data.totals.coveragePercent, baselineCoveragePercent: d.data.totals.coveragePercent,
      unused: c.data.totals.unused.amount, baselineUnused: d.data.totals.unused.amount, baselineStart: september.start,
    });
    const moved = c.data.totals.utilizationPercent! - d.data.totals.utilizationPercent!;
    expect(t.headline).toContain(
      `Commitments were **${formatPercent(c.data.totals.utilizationPercent)} utilised** last month, October 2026 (2026-10-01 to 2026-10-31), against ${formatPercent(d.data.totals.utilizationPercent)} in September 2026 ` +
        `(${Math.abs(moved) < 0.05 ? "unchanged" : `${moved > 0 ? "up" : "down"} ${Math.abs(moved).toFixed(1)} percentage points`})`,
    );
    expect(t.tables[0]!.rows.find((r) => r.measure === "Commitment unused")).toMatchObject({ before: formatMoney(d.data.totals.unused.amount), now: formatMoney(c.data.totals.unused.amount) });

    // Coverage of the team tag ("the team tag" names the key, not a team), then against the month before.
    threadId = undefined;
    const tags = await ask("What was our tag coverage for the team tag last month?");
    expect(tags.payload.sections[0]!.headline).toContain("**team**");
    const compared = await ask("vs the month before?");
    const [x, y] = await Promise.all([tagCoverage(app.db, { period: october }), tagCoverage(app.db, { period: september })]);
    const team = (r: typeof x) => r.data.keys.find((k) => k.tagKey === "team")!;
    const u = compared.payload.sections[0]!;
    expect(u.figures).toMatchObject({ key: "team", coverage: team(x).costCoveragePercent, baselineCoverage: team(y).costCoveragePercent, untagged: team(x).untaggedCost, baselineUntagged: team(y).untaggedCost });
    expect(u.headline).toMatch(new RegExp(`^\\*\\*team\\*\\* coverage was \\*\\*${formatPercent(team(x).costCoveragePercent).replace(".", "\\.")}\\*\\* last month, October 2026 \\(2026-10-01 to 2026-10-31\\), against`));
    expect(u.tables[0]!.rows.map((r) => r.measure).sort()).toEqual(x.data.keys.map((k) => k.tagKey).sort());
  });

  it("a ranking question breaks down by what it ranks: 'which accounts', 'most expensive resources'", async () => {
    threadId = undefined;
    const accounts = await ask("Which accounts spent the most on storage last month?");
    const byAccount = await costBreakdown(app.db, { period: october, dimension: "SubAccountId", limit: 10, filters: { serviceCategories: ["Storage"] } });
    const accountTable = accounts.payload.sections[0]!.tables[0]!;
    expect(accountTable.columns.map((c) => c.label).slice(0, 2)).toEqual(["Sub-account", "ID"]);
    // Each row is named as FOCUS names it, with its id beside it; a name two ids share keeps its id, so every label
    // (and chart bar) is distinct.
    expect(accountTable.rows.map((r) => r.id)).toEqual(byAccount.data.rows.map((r) => (r.isOthers ? null : r.key)));
    accountTable.rows.forEach((r, i) => expect(String(r.label).startsWith(byAccount.data.rows[i]!.name ?? byAccount.data.rows[i]!.label)).toBe(true));
    expect(new Set(accountTable.rows.map((r) => r.label)).size).toBe(accountTable.rows.length);
    expect(accountTable.rows.some((r) => String(r.label).endsWith(`(${r.id})`))).toBe(true); // the demo has two acme-prods
    expect(accountTable.rows.some((r) => r.label !== r.id && r.id !== null)).toBe(true);

    threadId = undefined;
    const resources = await ask("Top 5 most expensive resources in staging last month");
    const resourceTable = resources.payload.sections[0]!.tables[0]!;
    expect(resourceTable.columns[0]!.label).toBe("Resource");
    const named = resourceTable.rows.filter((r) => r.label !== "Others");
    expect(named).toHaveLength(5);
    const used = resources.payload.sections[0]!.provenance[0]!;
    // "in staging" became the staging sub-accounts: the names behind those ids all say so.
    const ids = used.filters.subAccountIds ?? [];
    expect(ids.length).toBeGreaterThan(0);
    const names = await app.db.sql.query<{ name: string }>(
      "SELECT DISTINCT sub_account_name AS name FROM cost_daily_rollup WHERE sub_account_id = ANY($1::text[])",
      [ids],
    );
    for (const { name } of names) expect(name).toContain("staging");
    expect(resources.answer.markdown.split("\n")[0]).toContain(`for staging (${ids.length} sub-accounts)`);
    const byResource = await costBreakdown(app.db, { period: october, dimension: "ResourceId", limit: 5, filters: used.filters });
    expect(named.map((r) => r.id)).toEqual(byResource.data.rows.filter((r) => !r.isOthers).map((r) => r.key));
  });

  it("answers 'what is a savings plan?' from the glossary, with its source and a question about the data", async () => {
    threadId = undefined;
    const { payload, answer } = await ask("What is a savings plan?");
    expect(payload.intent).toBe("general_query");
    expect(payload.sections).toHaveLength(1);
    expect(payload.sections[0]).toMatchObject({ agent: "data_retriever", title: "Savings plan", provenance: [] });
    expect(answer.markdown).toMatch(/^\*\*Savings plan\*\*: A commitment to spend a fixed amount per hour/);
    expect(answer.markdown).toContain("Source: AWS Savings Plans");
    expect(answer.markdown).toContain("How well are our commitments utilised?");
  });

  it("'when was the cost data last updated?' gives the last day of data and the latest import", async () => {
    threadId = undefined;
    const { payload } = await ask("When was the cost data last updated?");
    const section = payload.sections[0]!;
    expect(section.agent).toBe("data_retriever");
    const sources = await listSources(app.db);
    expect(sources.length).toBeGreaterThan(0);
    const latest = sources[0]!;
    expect(section.figures).toMatchObject({ lastDay: "2026-10-31", sources: sources.length, lastImportedAt: latest.importedAt.toISOString() });
    expect(section.headline).toBe(
      `**The cost data runs to 2026-10-31**; the latest import was **${latest.importedAt.toISOString().slice(0, 16).replace("T", " ")} UTC**: ` +
        `${latest.fileName} (${latest.rowCount.toLocaleString("en-US")} rows, by ${latest.isDemo ? "the demo loader" : latest.importedByEmail ?? "the command line"}), of ${sources.length} ${sources.length === 1 ? "source" : "sources"} imported.`,
    );
  });

  it("says plainly when the data does not cover the period", async () => {
    const { answer } = await ask(`What did we spend in January 2020?`);
    expect(answer.markdown).toContain(`There is no cost data for`);
    // A period after the data (December, DEMO_NOW 2026-11-01) leads with that, not with "$0.00".
    threadId = undefined;
    const after = await ask("What did we spend in December 2026?");
    expect(after.answer.markdown.split("\n")[0]).toBe("**No cost data in December 2026 (2026-12-01 to 2026-12-31) yet**: the data ends on 2026-10-31.");
    expect(after.answer.markdown).not.toContain("$0.00");
    // The month under way with no data yet is answered with the month before, said first.
    threadId = undefined;
    const octoberTotal = await costTotal(app.db, { period: october });
    const month = await ask("What did we spend this month?");
    expect(month.answer.markdown.split("\n")[0]).toMatch(
      /^There is no cost data for this month, November 2026 \(2026-11-01 to 2026-11-30\) yet \(the data ends on 2026-10-31\), so this is last month \(2026-10-01 to 2026-10-31\)\. /,
    );
    expect(month.answer.markdown).toContain(formatMoney(octoberTotal.data.total));
  });
});

describe("a bill that names its services differently from the catalogue", () => {
  it("'GPU spend in March 2024' totals the GPU instances and accelerators of every cloud, and nothing that only looks like one", async () => {
    await ingestFile(app.db, FOCUS_GPU.path);
    threadId = undefined;
    const { payload, answer } = await ask("What did we spend on GPUs in March 2024, by service?");
    const march = { start: "2024-03-01", end: "2024-04-01" };
    const expected = await costBreakdown(app.db, { period: march, dimension: "ServiceName", filters: { gpu: true } });
    expect(expected.data.total).toBe(FOCUS_GPU.gpuCost);
    expect(payload.sections[0]!.figures.total).toBe(FOCUS_GPU.gpuCost);
    expect(payload.sections[0]!.tables[0]!.rows.map((r) => [r.label, r.amount])).toEqual(expected.data.rows.map((r) => [r.label, r.amount]));
    expect(answer.markdown.split("\n")[0]).toContain("in March 2024 (2024-03-01 to 2024-03-31) for GPU usage.");
  });

  it("'how much did we spend on AWS Marketplace?' totals the charges third parties published, and says when there are none", async () => {
    await loadFixture(app.db, [
      { date: "2024-05-02", billed: "40.00" },
      { date: "2024-05-03", chargeCategory: "Purchase", service: "Datadog Pro", serviceCategory: "Management and Governance", publisher: "Datadog, Inc.", billed: "100.00" },
      { date: "2024-05-05", provider: "Microsoft", service: "Elastic Cloud (Elasticsearch)", serviceCategory: "Analytics", publisher: "Elastic", billed: "50.00" },
    ], "marketplace-purchases.csv");
    const source = (await listSources(app.db)).find((s) => s.fileName === "marketplace-purchases.csv")!;
    try {
      threadId = undefined;
      const { payload, answer } = await ask("How much did we spend on AWS Marketplace in May 2024?");
      const expected = await costTotal(app.db, { period: { start: "2024-05-01", end: "2024-06-01" }, filters: { providers: ["AWS"], marketplace: true } });
      expect(expected.data.total).toBe("100");
      expect(payload.sections[0]!.figures.total).toBe(expected.data.total);
      expect(answer.markdown.split("\n")[0]).toContain("for AWS, marketplace purchases");
      expect(answer.markdown).toContain("Marketplace purchases are the charges whose FOCUS PublisherName is a third party");

      // The demo bill has none: the answer says so, not the whole AWS bill.
      threadId = undefined;
      const none = await ask("How much did we spend on AWS Marketplace last month?");
      expect(none.payload.sections[0]!.figures.total).toBe("0");
      expect(none.answer.markdown.split("\n")[0]).toContain("marketplace purchases");
    } finally {
      await deleteSource(app.db, source.id);
    }
  });

  it("'Kubernetes cost by namespace' groups by the tag that holds namespaces, and says when no cost carries one", async () => {
    // The demo bill has no namespace tag: the answer says so and lists the keys, not a showback by team.
    threadId = undefined;
    const none = await ask("What does Kubernetes cost by namespace in October?");
    expect(none.answer.markdown.split("\n")[0]).toMatch(/^\*\*No cost carries a "namespace" value\*\*, so the spend cannot be split by namespace: all \$[\d,.]+ in October 2026 .* is unallocated\.$/);
    expect(none.answer.markdown).toContain('No cost carries a "namespace" tag: the tag keys in the cost data are ');
    expect(none.answer.markdown).toContain("k8s-namespace label");
    expect(none.payload.sections.flatMap((s) => s.tables.map((t) => t.title))).not.toContain("Cost by team");

    // An export whose clusters' cost allocation writes k8s-namespace: grouped by it, named so.
    await loadFixture(app.db, [
      { date: "2024-05-02", service: "Kubernetes Engine", provider: "Google Cloud", serviceCategory: "Compute", resource: "gke-1", billed: "30.00", tags: { "k8s-namespace": "checkout" } },
      { date: "2024-05-02", service: "Kubernetes Engine", provider: "Google Cloud", serviceCategory: "Compute", resource: "gke-1", billed: "12.50", tags: { "k8s-namespace": "search" } },
      { date: "2024-05-03", service: "Kubernetes Engine", provider: "Google Cloud", serviceCategory: "Compute", resource: "gke-1", billed: "7.50" },
    ], "gke-namespaces.csv");
    const source = (await listSources(app.db)).find((s) => s.fileName === "gke-namespaces.csv")!;
    try {
      threadId = undefined;
      const { payload, answer } = await ask("What did Kubernetes cost by namespace in May 2024?");
      const rows = payload.sections[0]!.tables[0]!.rows.map((r) => [r.value ?? r.label, r.total ?? r.amount]);
      expect(rows).toEqual(expect.arrayContaining([["checkout", "30"], ["search", "12.5"]]));
      expect(answer.markdown).toContain('No cost carries a "namespace" tag, so this uses the k8s-namespace tag.');
    } finally {
      await deleteSource(app.db, source.id);
    }
  });

  it("'EC2 spend in January 2024' over an export that calls it 'Amazon EC2' totals those rows, not nothing", async () => {
    await ingestFile(app.db, FOCUS_12.path);
    threadId = undefined;
    const { payload } = await ask("EC2 spend in January 2024");
    const january = { start: "2024-01-01", end: "2024-02-01" };
    const expected = await costBreakdown(app.db, { period: january, dimension: "ServiceName", filters: { services: ["Amazon EC2"] } });
    const wholeBill = await costBreakdown(app.db, { period: january, dimension: "ServiceName" });
    expect(expected.data.total).not.toBe("0");
    expect(expected.data.total).not.toBe(wholeBill.data.total);
    expect(payload.sections[0]!.figures.total).toBe(expected.data.total);
    expect(payload.sections[0]!.tables[0]!.rows.map((r) => r.label)).toEqual(["Amazon EC2"]);
  });
});
