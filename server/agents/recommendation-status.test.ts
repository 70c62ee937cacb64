import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadFixture } from "../finops/analytics/fixtures/focus-records.ts";
import { createDemoApp, type DemoApp } from "../testing/demo-app.ts";

// "Which recommendations did we implement?": the recommendations the review workflow moved to a status, with their
// savings and who moved them when. Two implemented (one on AWS, one on Azure), one rejected, one still active.
let app: DemoApp;
beforeAll(async () => {
  app = await createDemoApp({ now: new Date("2026-11-01T09:00:00Z"), load: (db) => loadFixture(db, [{ date: "2026-10-01", billed: "10" }], "bill.csv") });
  const by = app.user.id;
  await app.db.prisma.optimizationRecommendation.createMany({
    data: [
      { title: "Stop idle i-1", description: "d", category: "idle", providerName: "AWS", estimatedSavingsMinUsd: 100, estimatedSavingsMaxUsd: 120, status: "implemented", statusChangedAt: new Date("2026-10-20T10:00:00Z"), statusChangedBy: by },
      { title: "Downsize vm-1", description: "d", category: "rightsizing", providerName: "Microsoft", estimatedSavingsMinUsd: 40, estimatedSavingsMaxUsd: 50, status: "implemented", statusChangedAt: new Date("2026-10-25T10:00:00Z"), statusChangedBy: by },
      { title: "Buy a savings plan", description: "d", category: "commitment", providerName: "AWS", estimatedSavingsMinUsd: 500, estimatedSavingsMaxUsd: 500, status: "rejected", statusChangedAt: new Date("2026-10-21T10:00:00Z"), statusChangedBy: by },
      { title: "Tag the buckets", description: "d", category: "tagging", providerName: "AWS", estimatedSavingsMinUsd: 0, estimatedSavingsMaxUsd: 0 },
    ],
  });
});
afterAll(() => app?.destroy());

describe("recommendations by workflow status", () => {
  it("'which recommendations did we implement?' lists the implemented ones, latest first, with their savings and who", async () => {
    const { payload, markdown } = await app.ask("Which recommendations did we implement?");
    const section = payload.sections[0]!;
    expect(section.agent).toBe("recommendation");
    expect(section.figures).toMatchObject({ status: "implemented", count: 2, savingsMin: "140.00", savingsMax: "170.00" });
    expect(markdown.split("\n")[0]).toBe(
      "**2 recommendations are implemented**, worth $140.00 – $170.00 a month in estimated savings; the latest is Downsize vm-1 (2026-10-25, by analyst@example.com).",
    );
    expect(section.tables[0]!.rows.map((r) => r.title)).toEqual(["Downsize vm-1", "Stop idle i-1"]);
    // "What did we save from implemented recommendations?": the same (it gave the bill's savings against list price).
    const saved = (await app.ask("What did we save from implemented recommendations?")).payload.sections[0]!;
    expect(saved.agent).toBe("recommendation");
    expect(saved.figures).toMatchObject({ status: "implemented", count: 2, savingsMin: "140.00", savingsMax: "170.00" });
  });

  it("keeps the provider named, and says when none has the status", async () => {
    const aws = (await app.ask("Which AWS recommendations have been rejected?")).payload.sections[0]!;
    expect(aws.figures).toMatchObject({ status: "rejected", count: 1 });
    const review = await app.ask("Which recommendations are under review?");
    expect(review.markdown.split("\n")[0]).toMatch(/^\*\*No recommendation is under review\*\*\. /);
  });
});
