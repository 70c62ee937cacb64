import { afterAll, beforeAll, describe, expect, it } from "vitest";
import Papa from "papaparse";
import type { SessionUser } from "../../auth/users.ts";
import { saveFindings, type RecommendationFinding } from "../../finops/recommendations/persist.ts";
import { createTestApp, type TestApp } from "../../testing/fixtures.ts";

let app: TestApp;
let admin: SessionUser;
let member: SessionUser;

const finding = (key: string, o: Partial<RecommendationFinding>): RecommendationFinding => ({
  key,
  title: key,
  description: "description",
  category: "rightsizing",
  providerName: "AWS",
  billingAccountId: "111",
  savingsMinUsd: 100,
  savingsMaxUsd: 200,
  effortHours: 2,
  difficulty: "easy",
  confidence: 0.8,
  expiresAt: new Date("2030-01-01"),
  evidence: {},
  affectedResources: [],
  ...o,
});

beforeAll(async () => {
  app = await createTestApp();
  admin = await app.createUser({ email: "admin@example.com" });
  member = await app.createUser({ email: "member@example.com" });
  await saveFindings(app.db, [
    finding("Stop idle NAT gateway in eu-west-1", {
      category: "idle", savingsMinUsd: 900, savingsMaxUsd: 1000, effortHours: 1,
      affectedResources: [{ resourceId: "nat-1", tags: { team: "platform", env: "prod" } }],
    }),
    finding("Downsize analytics database", {
      savingsMinUsd: 2000, savingsMaxUsd: 3000, effortHours: 16, difficulty: "medium",
      affectedResources: [{ resourceId: "db-1", tags: { team: "data", env: "prod" } }],
    }),
    finding("Buy a compute savings plan", { category: "commitment", providerName: "Azure", billingAccountId: "222", savingsMinUsd: 5000, savingsMaxUsd: 6000, effortHours: 4 }),
    finding("Tag untagged storage", { category: "tagging", savingsMinUsd: 0, savingsMaxUsd: 0, effortHours: 8 }),
  ]);
});
afterAll(() => app.destroy());

describe("recommendation router", () => {
  it("lists by priority with filters, sorting, paging and full-text search", async () => {
    const caller = app.callerFor(member);
    const all = await caller.recommendation.list({});
    expect(all.total).toBe(4);
    // priority = ln(1 + mean savings) x confidence x 100 / (1 + effort/8): the 1-hour NAT fix (487.6) outranks the
    // bigger but 4-hour savings plan (459.3), then the 16-hour database work (208.6), then zero savings (0).
    expect(all.items.map((r) => r.title)).toEqual([
      "Stop idle NAT gateway in eu-west-1",
      "Buy a compute savings plan",
      "Downsize analytics database",
      "Tag untagged storage",
    ]);
    expect(all.items[0]!.priorityScore).toBeCloseTo(487.62, 1);
    const scores = all.items.map((r) => r.priorityScore);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));

    expect((await caller.recommendation.list({ category: ["idle"] })).items.map((r) => r.title)).toEqual([
      "Stop idle NAT gateway in eu-west-1",
    ]);
    expect((await caller.recommendation.list({ provider: "Azure" })).total).toBe(1);
    expect((await caller.recommendation.list({ billingAccountId: "111" })).total).toBe(3);
    expect((await caller.recommendation.list({ minSavingsUsd: 1500, maxEffortHours: 8 })).items.map((r) => r.title)).toEqual([
      "Buy a compute savings plan",
    ]);
    expect((await caller.recommendation.list({ sort: "effort" })).items[0]!.title).toBe("Stop idle NAT gateway in eu-west-1");
    expect((await caller.recommendation.list({ sort: "savings", direction: "asc" })).items[0]!.title).toBe("Tag untagged storage");
    expect((await caller.recommendation.list({ search: "gatew" })).items.map((r) => r.title)).toEqual([
      "Stop idle NAT gateway in eu-west-1",
    ]);
    // About a resource with the tag: only the database is the data team's; both are prod; search and tag together.
    expect((await caller.recommendation.list({ tag: { key: "team", value: "data" } })).items.map((r) => r.title)).toEqual(["Downsize analytics database"]);
    expect((await caller.recommendation.list({ tag: { key: "env", value: "prod" } })).total).toBe(2);
    expect((await caller.recommendation.list({ tag: { key: "env", value: "prod" }, search: "gatew" })).items.map((r) => r.title)).toEqual([
      "Stop idle NAT gateway in eu-west-1",
    ]);
    expect((await caller.recommendation.list({ tag: { key: "team", value: "nobody" } })).total).toBe(0);
    await expect(caller.recommendation.list({ tag: { key: "team", value: "" } })).rejects.toThrow("Give the tag value.");
    const page2 = await caller.recommendation.list({ pageSize: 3, page: 2 });
    expect(page2.items).toHaveLength(1);
  });

  it("offers the providers, billing accounts and resource tags that have recommendations as filter choices", async () => {
    expect(await app.callerFor(member).recommendation.facets()).toEqual({
      providers: ["AWS", "Azure"],
      accounts: [
        { provider: "AWS", id: "111" },
        { provider: "Azure", id: "222" },
      ],
      tags: [
        { key: "env", values: ["prod"] },
        { key: "team", values: ["data", "platform"] },
      ],
    });
  });

  it("summarises monthly savings by category and the quick wins, totalling each currency on its own", async () => {
    const eur = await app.db.prisma.optimizationRecommendation.create({
      data: {
        title: "Downsize Frankfurt VMs",
        description: "d",
        category: "rightsizing",
        billingCurrency: "EUR",
        estimatedSavingsMinUsd: 400,
        estimatedSavingsMaxUsd: 500,
        implementationEffortHours: 12,
      },
    });
    const summary = await app.callerFor(member).recommendation.summary().finally(() => app.db.prisma.optimizationRecommendation.delete({ where: { id: eur.id } }));
    expect(summary.totals).toEqual([
      { currency: "USD", count: 4, savingsMinUsd: 7_900, savingsMaxUsd: 10_000, overlapping: 0, sharedResources: 0 },
      { currency: "EUR", count: 1, savingsMinUsd: 400, savingsMaxUsd: 500, overlapping: 0, sharedResources: 0 },
    ]);
    expect(summary.byCategory.find((c) => c.category === "commitment")).toMatchObject({ currency: "USD", count: 1, savingsMaxUsd: 6000 });
    expect(summary.byCategory.filter((c) => c.category === "rightsizing")).toEqual([
      { category: "rightsizing", currency: "USD", count: 1, savingsMinUsd: 2000, savingsMaxUsd: 3000 },
      { category: "rightsizing", currency: "EUR", count: 1, savingsMinUsd: 400, savingsMaxUsd: 500 },
    ]);
    expect(summary.quickWins.map((r) => r.title)).toEqual(["Stop idle NAT gateway in eu-west-1", "Buy a compute savings plan"]);
  });

  it("counts each resource once in the totals: of its open recommendations, the one saving most", async () => {
    const batch = [{ resourceId: "i-batch", resourceName: "batch-1" }];
    const added = [
      { title: "Run batch-1 on Spot", category: "spot", estimatedSavingsMinUsd: 600, estimatedSavingsMaxUsd: 700, affectedResources: batch },
      { title: "Downsize batch-1", category: "rightsizing", estimatedSavingsMinUsd: 500, estimatedSavingsMaxUsd: 500, affectedResources: batch },
      { title: "Stop idle-1", category: "idle", estimatedSavingsMinUsd: 50, estimatedSavingsMaxUsd: 50, affectedResources: [{ resourceId: "i-idle" }] },
    ];
    await app.db.prisma.optimizationRecommendation.createMany({ data: added.map((r) => ({ ...r, description: "d" })) });
    const caller = app.callerFor(member);
    try {
      const summary = await caller.recommendation.summary();
      // The four of the fixture (7,900-10,000) + Spot for i-batch (its larger saving) + idle-1; its downsize is left out.
      expect(summary.totals).toEqual([{ currency: "USD", count: 7, savingsMinUsd: 8_550, savingsMaxUsd: 10_750, overlapping: 1, sharedResources: 1 }]);
      // Categories still show every recommendation of theirs.
      expect(summary.byCategory.find((c) => c.category === "rightsizing")).toMatchObject({ count: 2, savingsMinUsd: 2_500, savingsMaxUsd: 3_500 });

      // Spot rejected: the downsize is what is left for i-batch, and it counts.
      const spot = await app.db.prisma.optimizationRecommendation.findFirstOrThrow({ where: { title: "Run batch-1 on Spot" } });
      await app.callerFor(admin).recommendation.update({ ids: [spot.id], status: "rejected" });
      expect((await caller.recommendation.summary()).totals).toEqual([
        { currency: "USD", count: 6, savingsMinUsd: 8_450, savingsMaxUsd: 10_550, overlapping: 0, sharedResources: 0 },
      ]);
    } finally {
      await app.db.prisma.optimizationRecommendation.deleteMany({ where: { title: { in: added.map((f) => f.title) } } });
    }
  });

  it("lets admins move recommendations through the workflow, recording who and when", async () => {
    const [rec] = (await app.callerFor(member).recommendation.list({ category: ["idle"] })).items;
    await expect(app.callerFor(member).recommendation.update({ ids: [rec!.id], status: "under_review" })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    const caller = app.callerFor(admin);
    expect(await caller.recommendation.update({ ids: [rec!.id], status: "under_review", note: "checking" })).toEqual({
      updated: 1,
      unchanged: 0,
    });
    await caller.recommendation.update({ ids: [rec!.id], status: "implemented" });
    const detail = await caller.recommendation.get({ id: rec!.id });
    expect(detail.status).toBe("implemented");
    expect(detail.validated).toBe(true);
    expect(detail.history.map((h) => [h.fromStatus, h.toStatus, h.changedBy])).toEqual([
      ["under_review", "implemented", "admin@example.com"],
      ["active", "under_review", "admin@example.com"],
    ]);
    await expect(caller.recommendation.update({ ids: [rec!.id], status: "active" })).rejects.toThrow(
      "is implemented and cannot move to active",
    );
  });

  it("applies bulk actions all or nothing", async () => {
    const items = (await app.callerFor(admin).recommendation.list({ status: ["active"] })).items;
    expect(items.length).toBeGreaterThanOrEqual(2);
    const result = await app.callerFor(admin).recommendation.update({ ids: items.map((r) => r.id), status: "rejected" });
    expect(result.updated).toBe(items.length);
    await expect(app.callerFor(admin).recommendation.update({ ids: [], status: "rejected" })).rejects.toThrow(
      "Select at least one recommendation.",
    );
  });

  it("exports the filtered list as CSV", async () => {
    const { csv, fileName } = await app.callerFor(member).recommendation.export({ category: ["commitment", "rightsizing"] });
    expect(fileName).toMatch(/^recommendations-\d{4}-\d{2}-\d{2}\.csv$/);
    const rows = Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true }).data;
    expect(rows.map((r) => r.title).sort()).toEqual(["Buy a compute savings plan", "Downsize analytics database"]);
    expect(rows.find((r) => r.category === "commitment")).toMatchObject({ provider: "Azure", monthly_savings_max_usd: "6000" });
  });

  it("answers NOT_FOUND for an unknown id", async () => {
    await expect(
      app.callerFor(member).recommendation.get({ id: "00000000-0000-4000-8000-000000000000" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
