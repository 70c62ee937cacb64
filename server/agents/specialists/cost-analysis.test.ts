import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadFixture } from "../../finops/analytics/fixtures/focus-records.ts";
import { SMALL_BILL } from "../../finops/analytics/fixtures/small-bill.ts";
import { createTestDatabase, type TestDatabase } from "../../testing/test-database.ts";
import { specialistRunner } from "../../testing/specialist-runner.ts";
import { sameDaysBefore, sameDaysWording, weekendMix } from "./compare-answer.ts";
import { CostAnalysisAgent } from "./cost-analysis.ts";
import { perMillion } from "./unit-price.ts";

// The cost specialist over the hand-written small bill, where the answers can be checked on paper.
let db: TestDatabase;
let ask: Awaited<ReturnType<typeof specialistRunner>>;
beforeAll(async () => {
  db = await createTestDatabase();
  await loadFixture(db, SMALL_BILL, "small-bill.csv");
  ask = await specialistRunner(db, { referenceDate: "2024-02-10", dataRange: { start: "2023-12-10", end: "2024-02-05" } });
});
afterAll(() => db.destroy());

const answer = async (question: string) => (await ask(new CostAnalysisAgent(db), question)).section;

describe("CostAnalysisAgent", () => {
  it("names the most expensive resource, not the charges that have none", async () => {
    // January's billed cost by resource: no resource 31.20 (purchase 30 + CloudWatch 3 + tax 1.20 - credit 3),
    // vm-1 20, i-1 10, bucket-1 4.25, bucket-2 0.1234567891, i-2 0.
    const section = await answer("what was the most expensive resource by billed cost in January 2024?");
    expect(section.tables[0]!.rows[0]).toMatchObject({ label: "(no resource)", amount: "31.2" });
    expect(section.figures).toMatchObject({ topKey: "vm-1", topAmount: "20" });
    // Asked which costs the most: the first named resource leads, out of every resource with cost.
    expect(section.headline).toBe("**vm-1** cost the most in January 2024 (2024-01-01 to 2024-01-31): $20.00, 30.5% of the $65.57 billed cost, over 5 resources.");
    expect(section.markdown).not.toContain("The largest is");
    expect(section.markdown).toContain("(no resource): the $31.20 charged to no resource, such as tax, credits and support fees");
  });

  it("says what the cost with no region is, and gives no such note by service", async () => {
    // January's effective cost with no region: the credit -3.00 and the tax 1.20.
    const section = await answer("which regions cost the most in January 2024?");
    expect(section.tables[0]!.rows.find((r) => r.label === "(no region)")).toMatchObject({ amount: "-1.8" });
    expect(section.markdown).toContain("(no region): the -$1.80 with no region: global services (such as CDN and DNS) and charges such as tax, credits and support.");
    expect((await answer("which services cost the most in January 2024?")).markdown).not.toMatch(/\(no \w+\): the/);
  });
});

describe("new and gone values", () => {
  it("names the services with cost in the month and none in the 90 days before, the largest first", async () => {
    // January 2024 against 2023-10-03 to 2023-12-31, which holds only EC2 (i-1, 7.00 on Dec 10): new are Virtual
    // Machines (20), Amazon S3 (4.25 + 0.1234567891) and Amazon CloudWatch (3).
    const section = await answer("Which services were new in January 2024?");
    expect(section.figures).toMatchObject({ count: 3, dimension: "ServiceName", lookbackStart: "2023-10-03", first: "Virtual Machines" });
    expect(section.tables[0]!.rows).toEqual([
      { label: "Virtual Machines", baseline: "0", current: "20" },
      { label: "Amazon S3", baseline: "0", current: "4.3734567891" },
      { label: "Amazon CloudWatch", baseline: "0", current: "3" },
    ]);
    expect(section.headline).toContain("**3 services** had cost in January 2024");
    expect(section.headline).toContain("none in the 90 days before (2023-10-03 to 2023-12-31): Virtual Machines ($20.00), Amazon S3 ($4.37), Amazon CloudWatch ($3.00).");
    expect(section.markdown).toContain("The cost data starts on 2023-12-10, so less than 90 days before could be compared.");
  });

  it("names the services with cost in the 90 days before the month and none in it", async () => {
    // February 2024 (EC2 8, Virtual Machines 5) against 2023-11-03 to 2024-01-31: S3 and CloudWatch had cost, then none.
    const section = await answer("Which services did we stop using in February 2024?");
    expect(section.tables[0]!.rows.map((r) => [r.label, r.baseline, r.current])).toEqual([
      ["Amazon S3", "4.3734567891", "0"],
      ["Amazon CloudWatch", "3", "0"],
    ]);
    expect(section.figures.count).toBe(2);
  });

  it("reads 'teams' as the team tag, and no placeholder value as a new team", async () => {
    // January's teams: web (also on Dec 10), data (6.50), shared (3) and the placeholder "unknown" (4.25).
    const january = await answer("Which teams were new in January 2024?");
    expect(january.figures).toMatchObject({ count: 2, dimension: "Tag" });
    expect(january.tables[0]!.rows.map((r) => r.label)).toEqual(["data", "shared"]);
    // February's: web, had before, and the placeholder "n/a".
    expect((await answer("Any new teams in February 2024?")).figures).toMatchObject({ count: 0, dimension: "Tag" });
  });

  it("reads the accounts a question names as sub-accounts, and says when nothing is new", async () => {
    // February's sub-accounts s1 and s3 both had cost in January.
    const section = await answer("Any new accounts in February 2024?");
    expect(section.figures).toMatchObject({ count: 0, dimension: "SubAccountId" });
    expect(section.headline).toMatch(/^No sub-account is new in February 2024/);
  });
});

describe("weekends against weekdays", () => {
  it("averages the usage of weekend days and weekdays, and ranks the services that drop most at weekends", async () => {
    // January 2024: 8 weekend days (6-7, 13-14, 20-21, 27-28) with no usage, 23 weekdays with 10 + 6.50 (Jan 3),
    // 4.25 + 0.1234567891 (Jan 10), 20 (Jan 15) and 3 (Jan 25) = 43.8734567891, 1.9075... a day. The purchase (Jan 1),
    // the credit (Jan 20, a Saturday) and the tax are not usage.
    const section = await answer("What was our average daily spend on weekends vs weekdays in January 2024?");
    expect(section.figures).toMatchObject({ weekendDays: 8, weekdays: 23, weekendAverage: 0, weekdayAverage: 1.91, weekendChangePercent: -100 });
    expect(section.tables[0]!.rows).toEqual([
      { days: "Weekdays (Mon–Fri)", count: 23, total: "43.8734567891", average: 1.91 },
      { days: "Weekends (Sat–Sun)", count: 8, total: "0", average: 0 },
    ]);
    // A weekday's usage per service: Virtual Machines 20 / 23, Amazon EC2 16.50 / 23, S3 4.3734567891 / 23, CloudWatch 3 / 23.
    expect(section.tables[1]!.rows.map((r) => [r.service, r.drop])).toEqual([
      ["Virtual Machines", 0.87],
      ["Amazon EC2", 0.72],
      ["Amazon S3", 0.19],
      ["Amazon CloudWatch", 0.13],
    ]);
    expect(section.headline).toContain("**$0.00 a weekend day** against **$1.91 a weekday** in January 2024");
    expect(section.headline).toContain("a weekend day costs 100.0% less (usage charges, 8 weekend days and 23 weekdays)");
  });

  it("sets a day of the week named as a recurring day against the other days of its kind", async () => {
    // January 2024: usage on Monday Jan 15 (20.00) over its 5 Mondays (4.00 a day); the other 18 weekdays carry the
    // rest, 43.8734567891 - 20 = 23.8734567891 (1.33 a day).
    const section = await answer("Were our costs higher on Mondays in January 2024?");
    expect(section.figures).toMatchObject({ namedDay: "Monday", namedDayAverage: 4, otherDaysAverage: 1.33 });
    expect(section.figures.namedDayChangePercent as number).toBeCloseTo((4 / (23.8734567891 / 18) - 1) * 100, 6);
    expect(section.headline).toMatch(/^\*\*A Monday costs \$4\.00 on average\*\* in January 2024 .*, against \$1\.33 on the other weekdays: 201\.6% more \(usage charges, 5 Mondays and 18 other days\)\. /);
  });

  it("sets two days of the week against each other, each one's average day", async () => {
    // January 2024's usage: Monday Jan 15 20.00 over 5 Mondays (4.00 a day); Wednesdays Jan 3 (10 + 6.50) and Jan 10
    // (4.25 + 0.1234567891) over 5 Wednesdays: 20.8734567891 / 5 = 4.17 a day.
    const section = await answer("How much do we spend on Monday vs Wednesday in January 2024?");
    expect(section.figures).toMatchObject({ firstDay: "Monday", firstDayAverage: 4, secondDay: "Wednesday", secondDayAverage: 4.17 });
    expect(section.figures.firstDayChangePercent as number).toBeCloseTo((4 / (20.8734567891 / 5) - 1) * 100, 6);
    expect(section.headline).toMatch(/^\*\*A Monday costs \$4\.00 on average, a Wednesday \$4\.17\*\* in January 2024 .*: Monday 4\.2% less \(usage charges, 5 Mondays and 5 Wednesdays\)\. /);
  });

  it("sets each kind of day against the same kind in the period compared with, the kind asked about first", async () => {
    // January 2024: 1.91 a weekday, nothing at weekends. December 2023 from the data's first day (Dec 10, a Sunday):
    // 7.00 of usage on that Sunday over 7 weekend days (1.00 a day), nothing on its 15 weekdays.
    const section = await answer("How did our weekday spend in January 2024 compare with December 2023?");
    expect(section.figures).toMatchObject({ weekdayAverage: 1.91, baselineWeekdayAverage: 0, weekendAverage: 0, baselineWeekendAverage: 1, weekendAverageChangePercent: -100 });
    expect(section.headline).toMatch(
      /^\*\*A weekday cost \$1\.91\*\* on average in January 2024 .*, against \$0\.00 in December 2023 \(none before\); \*\*a weekend day \$0\.00\*\*, against \$1\.00 \(-100\.0%\)\. Within it, a weekend day costs 100\.0% less \(usage charges, 8 weekend days and 23 weekdays\)\.$/,
    );
    expect(section.tables[0]!.title).toBe("Against December 2023");
    expect(section.tables[0]!.rows.map((r) => [r.days, r.before, r.now])).toEqual([["Weekdays (Mon–Fri)", 0, 1.91], ["Weekends (Sat–Sun)", 1, 0]]);
    // No comparison asked: none made.
    expect((await answer("What was our average daily spend on weekends vs weekdays in January 2024?")).figures.baselineWeekdayAverage).toBeUndefined();
  });
});

describe("perMillion", () => {
  it("restates a unit price below a cent per million units, and leaves a larger one alone", () => {
    // Lambda: $750.32 over 3,984,510,993.49 requests = $0.0000001883 a request = $0.19 per million.
    expect(perMillion("0.0000001883", "Requests", "USD")).toBe(" ($0.19 per million Requests)");
    expect(perMillion(0.0000166667, "Lambda-GB-Second", "USD")).toBe(" ($16.67 per million Lambda-GB-Seconds)");
    expect(perMillion("0.023", "GB-Month", "USD")).toBe("");
    expect(perMillion("0", "Requests", "USD")).toBe("");
    // Units of many are read per million of what they count, and plural words are not pluralised again.
    expect(perMillion("0.00331", "1K Tokens", "USD")).toBe(" ($3.31 per million Tokens)");
    expect(perMillion("0.0004", "10K Operations", "USD")).toBe(" ($0.04 per million Operations)");
    expect(perMillion("0.000024", "vCPU-Seconds", "USD")).toBe(" ($24.00 per million vCPU-Seconds)");
    expect(perMillion("0.002", "1M Tokens", "USD")).toBe("");
  });
});

describe("sameDaysBefore", () => {
  it("compares a month to date with the same days of the previous month", () => {
    expect(sameDaysBefore({ start: "2026-11-01", end: "2026-11-26" }, "2026-11-25", "MoM")).toEqual({ baseline: { start: "2026-10-01", end: "2026-10-26" }, unit: "month" });
    // Asked quarter over quarter, a month to date is no quarter to date; year over year has its own baseline.
    expect(sameDaysBefore({ start: "2026-11-01", end: "2026-11-26" }, "2026-11-25", "QoQ")).toBeNull();
    expect(sameDaysBefore({ start: "2026-11-01", end: "2026-11-26" }, "2026-11-25", "YoY")).toBeNull();
    // A whole month is compared with the month before elsewhere (baselineFor), not here.
    expect(sameDaysBefore({ start: "2026-10-01", end: "2026-11-01" }, "2026-10-31", "MoM")).toBeNull();
  });

  it("compares a quarter to date, past its first month, with the same days of the previous quarter", () => {
    // October 1 to November 25 (56 days) against July 1 to August 25, not against the 56 days before October.
    for (const mode of ["MoM", "QoQ"] as const) {
      expect(sameDaysBefore({ start: "2026-10-01", end: "2026-11-26" }, "2026-11-25", mode)).toEqual({ baseline: { start: "2026-07-01", end: "2026-08-26" }, unit: "quarter" });
    }
    // A named run of days that stops before the data does is no quarter to date.
    expect(sameDaysBefore({ start: "2026-07-01", end: "2026-08-21" }, "2026-11-25", "MoM")).toBeNull();
    // Not from a quarter's first day.
    expect(sameDaysBefore({ start: "2026-08-01", end: "2026-09-26" }, "2026-09-25", "MoM")).toBeNull();
  });

  it("compares a year to date, past its first quarter, with the same days of the year before", () => {
    // January 1 to December 4 against January 1 to December 4 of the year before, not the 338 days before January.
    for (const end of ["2026-12-05", "2027-01-01"]) {
      expect(sameDaysBefore({ start: "2026-01-01", end }, "2026-12-04", "MoM")).toEqual({ baseline: { start: "2025-01-01", end: "2025-12-05" }, unit: "year" });
    }
    // The same calendar days, in a leap year too.
    expect(sameDaysBefore({ start: "2025-01-01", end: "2026-01-01" }, "2025-04-30", "MoM")).toEqual({ baseline: { start: "2024-01-01", end: "2024-05-01" }, unit: "year" });
    // Within its first quarter it is a quarter to date.
    expect(sameDaysBefore({ start: "2026-01-01", end: "2026-03-11" }, "2026-03-10", "MoM")).toMatchObject({ unit: "quarter" });
    // Asked year over year, the comparison has its own baseline; a year that stops before the data does is no year to date.
    expect(sameDaysBefore({ start: "2026-01-01", end: "2026-12-05" }, "2026-12-04", "YoY")).toBeNull();
    expect(sameDaysBefore({ start: "2025-01-01", end: "2025-12-05" }, "2026-12-04", "MoM")).toBeNull();
  });

  it("says when the same dates of two months hold different numbers of weekend days, and nothing when they hold as many", () => {
    // December 1–6, 2026 (Tuesday to Sunday: a Saturday and a Sunday) against November 1–6 (Sunday to Friday: a Sunday).
    expect(weekendMix({ start: "2026-12-01", end: "2026-12-07" }, { start: "2026-11-01", end: "2026-11-07" }, "the same days of the previous month")).toBe(
      "These days hold 2 weekend days and the same days of the previous month 1: where weekend spend differs from weekday spend, " +
        "part of the change is the calendar (ask how weekends compare with weekdays to see by how much).",
    );
    // December 1–4 (Tuesday to Friday) against November 2–5 (Monday to Thursday): weekdays both.
    expect(weekendMix({ start: "2026-12-01", end: "2026-12-05" }, { start: "2026-11-02", end: "2026-11-06" }, "x")).toBeNull();
  });

  it("names a whole week, a single Monday and part of a week for what they are", () => {
    const name = (start: string, end: string) => sameDaysWording(sameDaysBefore({ start, end }, "2026-12-06", "MoM")!, { start, end });
    // November 30 (a Monday) to December 6: a whole week against the week before.
    expect(name("2026-11-30", "2026-12-07")).toEqual({ title: "Week vs the week before", before: "the week before" });
    // "What changed on Monday?": that Monday against the Monday before, not a "week to date".
    expect(name("2026-11-30", "2026-12-01")).toEqual({ title: "Day vs the same day of the previous week", before: "the same day of the previous week" });
    expect(name("2026-11-30", "2026-12-03")).toEqual({ title: "Week to date vs the same days of the previous week", before: "the same days of the previous week" });
    expect(name("2026-11-01", "2026-11-26").title).toBe("Month to date vs the same days of the previous month");
  });
});

describe("CostAnalysisAgent, a month to date against last month", () => {
  // March 2025 1–6: 10 a day of usage, and 100 of tax on March 1. April 1–6: 10 a day, April's tax not billed yet.
  let mtdDb: TestDatabase;
  let askMtd: Awaited<ReturnType<typeof specialistRunner>>;
  beforeAll(async () => {
    mtdDb = await createTestDatabase();
    const days = (month: string) => ["01", "02", "03", "04", "05", "06"].map((d) => ({ date: `2025-${month}-${d}`, billed: "10" }));
    await loadFixture(mtdDb, [...days("03"), ...days("04"), { date: "2025-03-01", billed: "100", chargeCategory: "Tax" as const, service: "Tax" }], "mtd.csv");
    askMtd = await specialistRunner(mtdDb, { referenceDate: "2025-04-07", dataRange: { start: "2025-03-01", end: "2025-04-06" } });
  });
  afterAll(() => mtdDb.destroy());

  it("'how does this month compare to last month?' sets it like for like against the same days, without the tax not billed yet", async () => {
    const { section } = await askMtd(new CostAnalysisAgent(mtdDb), "How does this month compare to last month?");
    expect(section.figures).toMatchObject({ current: "60", baseline: "160", likeForLikeCurrent: "60", likeForLikeBaseline: "60", notYetBilled: "100.00" });
    expect(section.headline).toContain("over the same days of last month, March 2025 (2025-03-01 to 2025-03-06).");
    expect(section.headline).not.toContain("(the same days of the previous month)");
    expect(section.headline).toContain("Like for like, without taxes");
  });
});
