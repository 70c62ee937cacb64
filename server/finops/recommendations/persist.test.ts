import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../testing/test-database.ts";
import { saveFindings, type RecommendationFinding } from "./persist.ts";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.destroy());

const finding = (key: string, overrides: Partial<RecommendationFinding> = {}): RecommendationFinding => ({
  key,
  title: `Downsize ${key}`,
  description: "p95 CPU 12% over 30 days",
  category: "rightsizing",
  providerName: "AWS",
  billingAccountId: "111111111111",
  savingsMinUsd: 100,
  savingsMaxUsd: 150.256,
  effortHours: 2,
  difficulty: "easy",
  confidence: 0.8,
  expiresAt: new Date("2030-01-01"),
  evidence: { sql: "SELECT 1" },
  affectedResources: [{ resourceId: key }],
  ...overrides,
});

const byKey = async (key: string) =>
  db.prisma.optimizationRecommendation.findUniqueOrThrow({ where: { recommendationKey: key } });

describe("saveFindings", () => {
  it("inserts new findings and refreshes known ones by key without duplicating", async () => {
    expect(await saveFindings(db, [finding("a"), finding("b")])).toMatchObject({ created: 2, updated: 0, obsoleted: 0 });
    expect(Number((await byKey("a")).estimatedSavingsMaxUsd)).toBe(150.26);
    expect(await saveFindings(db, [finding("a", { savingsMaxUsd: 300 }), finding("b")])).toMatchObject({ created: 0, updated: 2 });
    expect(await db.prisma.optimizationRecommendation.count()).toBe(2);
    expect(Number((await byKey("a")).estimatedSavingsMaxUsd)).toBe(300);
  });

  it("keeps a person's workflow status when the finding is refreshed", async () => {
    const a = await byKey("a");
    await db.prisma.optimizationRecommendation.update({ where: { id: a.id }, data: { status: "under_review" } });
    await saveFindings(db, [finding("a"), finding("b")]);
    expect((await byKey("a")).status).toBe("under_review");
  });

  it("marks findings that no longer hold obsolete, with a recorded change, and reactivates them if they return", async () => {
    expect(await saveFindings(db, [finding("b")])).toMatchObject({ obsoleted: 1 });
    const a = await byKey("a");
    expect(a.status).toBe("obsolete");
    const changes = await db.prisma.recommendationStatusChange.findMany({ where: { recommendationId: a.id } });
    expect(changes).toEqual([expect.objectContaining({ fromStatus: "under_review", toStatus: "obsolete", changedBy: null })]);

    expect(await saveFindings(db, [finding("a"), finding("b")])).toMatchObject({ reactivated: 1 });
    expect((await byKey("a")).status).toBe("active");
  });

  it("leaves implemented and rejected recommendations alone when their finding disappears", async () => {
    const b = await byKey("b");
    await db.prisma.optimizationRecommendation.update({ where: { id: b.id }, data: { status: "implemented" } });
    await saveFindings(db, [finding("a")]);
    expect((await byKey("b")).status).toBe("implemented");
  });

  it("writes nothing when a run fails half way", async () => {
    const before = await db.prisma.optimizationRecommendation.count();
    await expect(saveFindings(db, [finding("new-1"), finding("new-2", { category: "x".repeat(51) })])).rejects.toThrow();
    expect(await db.prisma.optimizationRecommendation.count()).toBe(before);
    await expect(saveFindings(db, [finding("dup"), finding("dup")])).rejects.toThrow("unique");
  });
});
