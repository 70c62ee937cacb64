import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadFixture } from "../finops/analytics/fixtures/focus-records.ts";
import { createDemoApp, type DemoApp } from "../testing/demo-app.ts";
import type { AnswerPayload } from "./answer.ts";

// October 2026 whole, its tax billed on October 1 as FOCUS dates it; November only through the 1st (the app's "now"),
// its tax not billed yet.
let app: DemoApp;

const ask = (text: string) => app.ask(text);

beforeAll(async () => {
  app = await createDemoApp({
    load: async (db) => {
      await loadFixture(db, [
        { date: "2026-07-01", resource: "i-1", billed: "40.00" },
        { date: "2026-07-01", chargeCategory: "Tax", pricingCategory: null, region: null, billed: "90.00" },
        { date: "2026-08-01", resource: "i-1", billed: "45.00" },
        { date: "2026-08-01", chargeCategory: "Tax", pricingCategory: null, region: null, billed: "95.00" },
        { date: "2026-10-01", resource: "i-1", billed: "50.00" },
        { date: "2026-10-01", service: "Amazon S3", serviceCategory: "Storage", resource: "bucket-1", billed: "20.00" },
        { date: "2026-10-01", chargeCategory: "Tax", pricingCategory: null, region: null, billed: "100.00" },
        { date: "2026-10-15", resource: "i-1", billed: "55.00" },
        { date: "2026-11-01", resource: "i-1", billed: "60.00" },
        { date: "2026-11-01", service: "Amazon S3", serviceCategory: "Storage", resource: "bucket-1", billed: "15.00" },
      ], "bill.csv");
    },
  });
});
afterAll(() => app?.destroy());

describe("a month to date against the same days of the month before", () => {
  it("compares like for like when the month's tax is not billed yet, and ranks the drivers without it", async () => {
    const { payload, markdown } = await ask("What's driving the change in our bill this month?");
    const section = payload.sections.find((s) => s.figures.likeForLikeChange !== undefined)!;
    // All in: 75 on November 1 against 170 on October 1 (50 + 20 + the month's tax, 100).
    expect(section.figures).toMatchObject({ current: "75", baseline: "170", change: "-95" });
    // Without taxes: 75 against 70, up 5; EC2 +10 leads, S3 -5.
    expect(section.figures).toMatchObject({ likeForLikeCurrent: "75", likeForLikeBaseline: "70", likeForLikeChange: "5" });
    expect(Number(section.figures.notYetBilled)).toBe(100);
    expect(section.figures.topDriver).toBe("Amazon EC2");
    expect(section.tables[0]!.title).toBe("What changed, without taxes");
    expect(section.tables[0]!.rows.map((r) => [r.label, r.delta])).toEqual([
      ["Amazon EC2", "10"],
      ["Amazon S3", "-5"],
    ]);
    expect(markdown).toContain("Like for like, without taxes, which are billed on a month's first day and not yet for November 2026 ($100.00 the month before):");
    expect(markdown).toContain("**up $5.00 (+7.1%)**, $75.00 against $70.00.");
    // November 1, 2026 is a Sunday, October 1 a Thursday: the answer says the dates are not the same weekdays.
    expect(markdown).toContain("These days hold 1 weekend day and the same days of the previous month 0: where weekend spend differs");
  });

  it("compares a quarter to date like for like when its latest month's tax is not billed yet, though earlier months' are", async () => {
    const { payload, markdown } = await ask("What's driving the change in our bill this quarter?");
    const section = payload.sections.find((s) => s.figures.likeForLikeChange !== undefined)!;
    // All in: October 1 to November 1 (50 + 20 + tax 100, 55, 60 + 15 = 300) against July 1 to August 1, the same
    // days (40 + tax 90, 45 + tax 95 = 270): the baseline holds two months' tax, the quarter one.
    expect(section.figures).toMatchObject({ current: "300", baseline: "270", change: "30" });
    // Without taxes: 200 against 85. November's tax is expected like October's (100).
    expect(section.figures).toMatchObject({ likeForLikeCurrent: "200", likeForLikeBaseline: "85", likeForLikeChange: "115" });
    expect(Number(section.figures.notYetBilled)).toBe(100);
    expect(markdown).toContain("Like for like, without taxes, which are billed on a month's first day and not yet for November 2026 ($100.00 the month before):");
  });
});

describe("a daily average this month against last month's same days", () => {
  it("sets the days like for like while the month's tax is not billed yet", async () => {
    const { payload } = await ask("What are we spending per day this month compared to last month?");
    const section = payload.sections.find((s) => s.figures.dailyAverage !== undefined)!;
    // November 1 without tax: 75 a day, against October 1's 70 (50 + 20) without its tax (100): up 7.1%, not down.
    expect(section.figures).toMatchObject({ days: 1, baselineDays: 1, dailyAverage: 75, baselineDailyAverage: 70 });
    expect(section.headline).toMatch(/^\*\*\$75\.00 a day\*\* on average this month, .*\(1 day, without taxes\), up 7\.1% from \$70\.00 a day/);
  });
});

describe("a budget while the month's tax is not billed yet", () => {
  it("projects the month with the month before's tax, and says so", async () => {
    await app.db.sql.query(`INSERT INTO budgets (name, amount, period, start_date, filters) VALUES ('Whole bill', 2300, 'monthly', '2026-01-01', '{}'::jsonb)`);
    const { payload, markdown } = await ask("Are we on track with our budget this month?");
    const section = payload.sections.find((s) => s.agent === "forecasting")!;
    // November 1: 75 spent, burning 75 a day over 30 days, 2,250; with October's tax (100) not billed yet, 2,350:
    // past the 2,300 on November 30, when the tax lands.
    expect(section.figures).toMatchObject({ budgets: 1, atRisk: 1, "spent:Whole bill": "75" });
    expect(markdown).toContain("it runs out on **2026-11-30**, ending at $2,350.00");
    expect(markdown).toContain("$100.00 of this month's tax and purchases expected at last month's amount, not billed yet");
  });
});
