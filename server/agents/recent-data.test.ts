import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { costBreakdown, costTotal } from "../finops/analytics/breakdown.ts";
import { loadFixture, type FixtureRow } from "../finops/analytics/fixtures/focus-records.ts";
import { addDaysIso } from "../finops/data-range.ts";
import { createDemoApp, type DemoApp } from "../testing/demo-app.ts";
import type { AnswerPayload } from "./answer.ts";

// Questions over a few weeks of data that end just before "now". A period under way that the data has not reached
// ("this week" asked on a Monday, "today" over a bill a day behind) is answered with the one before it, said first; a
// comparison moves both periods back.

/** One charge a day from `first` to `last`, each day's amount from `amount`. */
function days(first: string, last: string, amount: (day: string) => number): FixtureRow[] {
  const rows: FixtureRow[] = [];
  for (let day = first; day <= last; day = addDaysIso(day, 1)) rows.push({ date: day, resource: "i-1", billed: amount(day).toFixed(2) });
  return rows;
}

/** Day amounts with one peak: October 28 costs the most. */
const amount = (day: string) => (day === "2026-10-28" ? 99 : 10 + Number(day.slice(8, 10)) % 7);


describe("a period under way with no data yet, data ending on a Sunday (asked on Monday 2026-11-02)", () => {
  let app: DemoApp;
  beforeAll(async () => {
    app = await createDemoApp({ now: new Date("2026-11-02T09:00:00Z"), load: (db) => loadFixture(db, days("2026-10-05", "2026-11-01", amount)) });
  });
  afterAll(() => app?.destroy());

  it("'which day this week was most expensive?' says this week has no data yet and ranks last week's days", async () => {
    const { markdown, payload } = await app.ask("Which day this week was most expensive?");
    expect(markdown.split("\n")[0]).toMatch(
      /^There is no cost data for this week \(2026-11-02 to 2026-11-08\) yet \(the data ends on 2026-11-01\), so this is last week \(2026-10-26 to 2026-11-01\)\. \*\*2026-10-28\*\* cost the most/,
    );
    expect(markdown).toContain("2026-10-28");
    expect(markdown).toContain("$99.00");
    // The seven days of last week ranked, October 28 first.
    expect(payload.sections[0]!.figures).toMatchObject({ peak: "2026-10-28", buckets: 7 });
  });

  it("'how much did we spend today?' is yesterday's spend, from the breakdown of that day", async () => {
    const expected = await costBreakdown(app.db, { period: { start: "2026-11-01", end: "2026-11-02" }, dimension: "ServiceName" });
    const { markdown } = await app.ask("How much did we spend today?");
    expect(markdown.split("\n")[0]).toMatch(/^There is no cost data for today \(2026-11-02\) yet \(the data ends on 2026-11-01\), so this is yesterday \(2026-11-01\)\. /);
    expect(markdown).toContain(`$${Number(expected.data.total).toFixed(2)}`);
  });

  it("'how does this week compare to last week?' sets last week against the week before it", async () => {
    const week = await costTotal(app.db, { period: { start: "2026-10-26", end: "2026-11-02" } });
    const before = await costTotal(app.db, { period: { start: "2026-10-19", end: "2026-10-26" } });
    const { markdown } = await app.ask("How does this week compare to last week?");
    expect(markdown.split("\n")[0]).toBe(
      "There is no cost data for this week (2026-11-02 to 2026-11-08) yet (the data ends on 2026-11-01), so this is last week (2026-10-26 to 2026-11-01). " +
        `**$${week.data.totalValue.toFixed(2)}** last week (2026-10-26 to 2026-11-01), up $${(week.data.totalValue - before.data.totalValue).toFixed(2)} ` +
        `(+${(((week.data.totalValue - before.data.totalValue) / before.data.totalValue) * 100).toFixed(1)}%) from $${before.data.totalValue.toFixed(2)} in 2026-10-19 to 2026-10-25 (the week before).`,
    );
  });

  it("'what would it cost to run everything in us-east-1?' over a bill that is all there says there is nothing to move", async () => {
    const { markdown, payload } = await app.ask("What would it cost to run everything in us-east-1?");
    expect(payload.sections[0]!.figures).toMatchObject({ moves: "0.00" });
    expect(markdown.split("\n")[0]).toMatch(/^\*\*Nothing spent on AWS in [^*]+ ran in a region other than us-east-1\*\*, so there is nothing to move\. \$[\d,.]+ already runs there\.$/);
  });

  it("a forecast from these four weeks says in one sentence why there is no backtest", async () => {
    const { markdown } = await app.ask("What will we spend next month?");
    expect(markdown).toMatch(/No backtest: The backtest needs \d+ days of history before \d{4}-\d{2}-\d{2}; found \d+\.(?:\n|$)/);
  });
});

describe("the period before, up to the data's end (data ending on Friday 2026-10-30, asked on Monday 2026-11-02)", () => {
  let app: DemoApp;
  beforeAll(async () => {
    app = await createDemoApp({ now: new Date("2026-11-02T09:00:00Z"), load: (db) => loadFixture(db, days("2026-10-05", "2026-10-30", amount)) });
  });
  afterAll(() => app?.destroy());

  it("names last week as its days up to the latest data and totals only those", async () => {
    const expected = await costBreakdown(app.db, { period: { start: "2026-10-26", end: "2026-10-31" }, dimension: "ServiceName" });
    const { markdown } = await app.ask("What did we spend this week?");
    expect(markdown.split("\n")[0]).toMatch(
      /^There is no cost data for this week \(2026-11-02 to 2026-11-08\) yet \(the data ends on 2026-10-30\), so this is last week up to the latest data \(2026-10-26 to 2026-10-30\)\. /,
    );
    expect(markdown).toContain(`$${Number(expected.data.total).toFixed(2)}`);
  });
});
