import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commitmentStartRows } from "../finops/analytics/fixtures/commitment-start.ts";
import { loadFixture } from "../finops/analytics/fixtures/focus-records.ts";
import { createDemoApp, type DemoApp } from "../testing/demo-app.ts";

// "Did our spend go down after we bought the savings plan?" over data running May 1 to June 29, 2030: savings plan
// sp-1 covers EC2 from June 1 ($100 a day on demand before, $70 after); reservation ri-0 covers RDS from the first
// day ($5 a day saved).
let app: DemoApp;
beforeAll(async () => {
  app = await createDemoApp({ now: new Date("2030-06-30T09:00:00Z"), load: (db) => loadFixture(db, commitmentStartRows(), "starts.csv") });
});
afterAll(() => app?.destroy());

describe("spend before and after a commitment", () => {
  it("'did our spend go down after we bought the savings plan?' sets the covered services' days after its first day against as many before", async () => {
    const { payload, markdown } = await app.ask("Did our spend go down after we bought the savings plan?");
    const section = payload.sections[0]!;
    expect(section.figures).toMatchObject({ commitments: 1, measured: 1, firstDay: "2030-06-01", dailyBefore: 100, dailyAfter: 70, changePercent: -30 });
    expect(markdown.split("\n")[0]).toBe(
      "**Spend on what sp-1 name covers fell 30.0%** after its first day in the data, 2030-06-01: $70.00 a day over the 29 days from then, against $100.00 over the 29 days before (Amazon EC2).",
    );
  });

  it("says a commitment active from the data's first day has no before, and what it saved", async () => {
    const { payload, markdown } = await app.ask("Did our RDS spend drop since we purchased the reserved instances?");
    expect(payload.sections[0]!.figures).toMatchObject({ commitments: 1, measured: 0, activeFromStart: 1 });
    // No period named: the latest complete month, May 2030 (31 days at $5).
    expect(markdown.split("\n")[0]).toBe(
      "**ri-0 name was already active when the data begins (2030-05-01)**, so the bill holds no before to compare with; it saved $155.00 in May 2030 on the usage it covered.",
    );
  });
});
