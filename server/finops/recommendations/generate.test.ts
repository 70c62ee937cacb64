import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoIncidents } from "../demo/generator.ts";
import { addDaysIso } from "../data-range.ts";
import { loadDemoDataset } from "../demo/load.ts";
import { createTestDatabase, type TestDatabase } from "../../testing/test-database.ts";
import { commitmentAnalysis } from "../analytics/commitments.ts";
import { generateRecommendations } from "./generate.ts";

const DEMO = { seed: 42, months: 5, rows: 20_000, endDate: "2026-10-31" };
let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
  await loadDemoDataset(db, DEMO);
}, 120_000);
afterAll(() => db.destroy());

describe("generateRecommendations on the demo data", () => {
  it("turns idle, rightsizing, commitment, tagging and anomaly findings into ranked recommendations with evidence", async () => {
    const result = await generateRecommendations(db);
    expect(result.created).toBe(result.findings);
    const rows = await db.prisma.optimizationRecommendation.findMany({ orderBy: { priorityScore: "desc" } });
    const categories = new Set(rows.map((r) => r.category));
    for (const category of ["idle", "rightsizing", "commitment", "tagging", "anomaly"]) expect(categories).toContain(category);

    // the forgotten large instance injected by the generator is found and ranks near the top
    const forgotten = demoIncidents(DEMO).find((i) => i.kind === "forgotten-instance")!;
    const idle = rows.find((r) => r.recommendationKey === `idle:${forgotten.resourceId}`);
    expect(idle).toBeDefined();
    expect(rows.indexOf(idle!)).toBeLessThan(5);
    expect(Number(idle!.estimatedSavingsMaxUsd)).toBeGreaterThan(1000);
    const evidence = idle!.evidence as { queries: Array<{ sql: string }>; figures: Record<string, unknown> };
    expect(evidence.queries[0]!.sql).toContain("resource_utilization_daily");
    expect(idle!.affectedResources).toEqual([expect.objectContaining({ resourceId: forgotten.resourceId })]);

    // the under-used Azure reservation shows up as a commitment utilisation recommendation
    expect(rows.some((r) => r.recommendationKey?.startsWith("commitment-utilisation:") && r.providerName === "Microsoft")).toBe(true);
    expect(rows.every((r) => r.expiresAt && r.expiresAt > new Date("2026-11-01"))).toBe(true);

    // Commitment purchases are sized after the rightsizing the same run found: as commitmentAnalysis sizes them alone.
    const expected = await commitmentAnalysis(db, { period: { start: addDaysIso("2026-11-01", -30), end: "2026-11-01" } });
    const purchases = rows.filter((r) => r.recommendationKey?.startsWith("commitment:"));
    expect(purchases.map((r) => r.providerName).sort()).toEqual(expected.data.recommendations.map((r) => r.providerName).sort());
    for (const r of expected.data.recommendations) {
      const saved = purchases.find((p) => p.providerName === r.providerName)!;
      expect((saved.evidence as { figures: Record<string, unknown> }).figures).toMatchObject({ baselineOnDemandPerHour: r.baselineOnDemandPerHour, rightsizing: r.rightsizing });
      expect(r.rightsizing?.resources).toBeGreaterThan(0);
    }
  });


  it("updates rather than duplicates on a re-run, and marks findings that no longer hold obsolete", async () => {
    const before = await db.prisma.optimizationRecommendation.count();
    const again = await generateRecommendations(db);
    expect(again).toMatchObject({ created: 0, obsoleted: 0 });
    expect(await db.prisma.optimizationRecommendation.count()).toBe(before);

    // Remove the utilisation of the forgotten instance: it is no longer provably idle.
    const forgotten = demoIncidents(DEMO).find((i) => i.kind === "forgotten-instance")!;
    await db.sql.query("DELETE FROM cost_line_items WHERE resource_id = $1", [forgotten.resourceId]);
    await db.sql.query("DELETE FROM resource_utilization_daily WHERE resource_id = $1", [forgotten.resourceId]);
    const third = await generateRecommendations(db);
    expect(third.obsoleted).toBeGreaterThanOrEqual(1);
    const idle = await db.prisma.optimizationRecommendation.findUniqueOrThrow({ where: { recommendationKey: `idle:${forgotten.resourceId}` } });
    expect(idle.status).toBe("obsolete");
  });

  it("claims no monthly saving for a cost spike that is over, and its daily excess for a month when it goes on", async () => {
    const spike = demoIncidents(DEMO).find((i) => i.kind === "cost-spike")!;
    const key = `anomaly:ServiceName:${spike.service}:${spike.start}`;
    await generateRecommendations(db);
    const over = await db.prisma.optimizationRecommendation.findUniqueOrThrow({ where: { recommendationKey: key } });
    expect(over.title).toBe(`Review the ${spike.service} cost spike of ${spike.start} to ${spike.end}`);
    expect([Number(over.estimatedSavingsMinUsd), Number(over.estimatedSavingsMaxUsd)]).toEqual([0, 0]);
    expect(over.description).toContain("no monthly saving");

    // The same incident as it looked on its third day: the data ends there and the spike is still going on.
    const thirdDay = addDaysIso(spike.start, 2);
    for (const table of ["cost_line_items", "cost_daily_rollup", "cost_tag_daily_rollup"]) {
      await db.sql.query(`DELETE FROM ${table} WHERE charge_date > $1`, [thirdDay]);
    }
    await generateRecommendations(db);
    const ongoing = await db.prisma.optimizationRecommendation.findUniqueOrThrow({ where: { recommendationKey: key } });
    expect(ongoing.title).toBe(`Investigate the ${spike.service} cost increase since ${spike.start}`);
    const figures = (ongoing.evidence as { figures: { excess: string } }).figures;
    expect(Number(ongoing.estimatedSavingsMaxUsd)).toBeCloseTo((Number(figures.excess) / 3) * 30, 2);
  });
});
