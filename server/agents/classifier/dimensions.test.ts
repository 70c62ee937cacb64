import { describe, expect, it } from "vitest";
import { ALL_ROWS, extractDimensions, parseAmount } from "./dimensions.ts";
import { extractComparison, extractTimeRange } from "./time-range.ts";

const REF = "2025-11-15"; // a Saturday

describe("extractTimeRange", () => {
  it.each([
    ["What did we spend last month?", "2025-10-01", "2025-11-01"],
    ["spend this month", "2025-11-01", "2025-12-01"],
    ["costs in October", "2025-10-01", "2025-11-01"],
    ["ec2 cost oct", "2025-10-01", "2025-11-01"],
    ["Oct 2024 bill", "2024-10-01", "2024-11-01"],
    ["spend in Q3", "2025-07-01", "2025-10-01"],
    ["Q4 2024 costs", "2024-10-01", "2025-01-01"],
    ["last quarter", "2025-07-01", "2025-10-01"],
    ["yesterday's spend", "2025-11-14", "2025-11-15"],
    ["last 7 days", "2025-11-08", "2025-11-15"],
    ["the last 30 days", "2025-10-16", "2025-11-15"],
    ["past 90 days", "2025-08-17", "2025-11-15"],
    ["last week", "2025-11-03", "2025-11-10"],
    ["spend YTD", "2025-01-01", "2025-11-16"],
    ["What's our total spend for 2025 so far?", "2025-01-01", "2025-11-16"],
    ["how much have we spent so far in 2025", "2025-01-01", "2025-11-16"],
    ["year to date", "2025-01-01", "2025-11-16"],
    ["this year", "2025-01-01", "2026-01-01"],
    ["last year", "2024-01-01", "2025-01-01"],
    ["since March", "2025-03-01", "2025-11-16"],
    ["between 2025-01-01 and 2025-03-31", "2025-01-01", "2025-04-01"],
    ["in 2024", "2024-01-01", "2025-01-01"],
    ["What was the spend on Sept 15?", "2025-09-15", "2025-09-16"],
    ["spend on 2025-03-04", "2025-03-04", "2025-03-05"],
    ["costs on the 3rd of May", "2025-05-03", "2025-05-04"],
    ["what happened on October 5th, 2024", "2024-10-05", "2024-10-06"],
    ["spend on Dec 2", "2024-12-02", "2024-12-03"],
    ["from Sept 1 to Sept 15", "2025-09-01", "2025-09-16"],
    ["Sept 1-15", "2025-09-01", "2025-09-16"],
    ["between Dec 20 and Jan 5", "2024-12-20", "2025-01-06"],
    ["since March 3", "2025-03-03", "2025-11-16"],
    ["top 10 oct services", "2025-10-01", "2025-11-01"],
    ["how much did we spend last weekend?", "2025-11-08", "2025-11-10"],
    ["show anomalies for the whole year", "2025-01-01", "2026-01-01"],
    ["how has our AI spend changed over the year?", "2025-01-01", "2026-01-01"],
    ["what moved throughout the year", "2025-01-01", "2026-01-01"],
    ["spend over the past year", "2024-11-15", "2025-11-15"],
    ["spend this weekend", "2025-11-15", "2025-11-17"],
    ["did anything spike over the weekend?", "2025-11-15", "2025-11-17"],
    ["Forecast our spend for the next 3 months", "2025-12-01", "2026-03-01"],
    ["forecast the next six months", "2025-12-01", "2026-06-01"],
    ["what will we spend in the coming 12 months?", "2025-12-01", "2026-12-01"],
    ["forecast next month", "2025-12-01", "2026-01-01"],
    // The next days or weeks start on the reference day.
    ["what will we spend in the next 7 days?", "2025-11-15", "2025-11-22"],
    ["forecast the coming two weeks", "2025-11-15", "2025-11-29"],
    ["projected cost over the next 30 days", "2025-11-15", "2025-12-15"],
    ["how much will we spend by the end of the week?", "2025-11-10", "2025-11-17"],
    // "By <day>" in a forecast: from the reference day through that day.
    ["what will we spend by Friday?", "2025-11-15", "2025-11-22"],
    ["what will we spend by Saturday?", "2025-11-15", "2025-11-23"],
    ["how much will we spend by the end of next week?", "2025-11-15", "2025-11-24"],
    ["forecast spend until December 15", "2025-11-15", "2025-12-16"],
    ["what will we spend by the 20th?", "2025-11-15", "2025-11-21"],
    ["what will we spend by the 10th?", "2025-11-15", "2025-12-11"],
    ["what will we spend by Christmas?", "2025-11-15", "2025-12-26"],
    // Half years: H1 is January to June, H2 July to December; a bare one is the latest begun.
    ["How much did we spend in the first half of the year?", "2025-01-01", "2025-07-01"],
    ["What's our H2 spend so far?", "2025-07-01", "2026-01-01"],
    ["spend in the second half of last year", "2024-07-01", "2025-01-01"],
    ["H1 2024 costs", "2024-01-01", "2024-07-01"],
    ["the first half of 2023", "2023-01-01", "2023-07-01"],
  ])("resolves %j to [%s, %s)", (text, start, end) => {
    expect(extractTimeRange(text, REF)).toMatchObject({ start, end });
  });

  it("reads 'by Friday' as days up to it only in a question about the future", () => {
    expect(extractTimeRange("how much did we spend by Friday?", REF)).toBeUndefined();
    expect(extractTimeRange("what did we spend until December 15?", REF)).toMatchObject({ start: "2024-12-15", end: "2024-12-16" });
  });

  it("reads a bare future month as the coming one when the question is a forecast", () => {
    expect(extractTimeRange("whats our forcast for decmber", REF)).toMatchObject({
      start: "2025-12-01",
      end: "2026-01-01",
      resolvedFrom: "decmber",
    });
    expect(extractTimeRange("spend in December", REF)).toMatchObject({ start: "2024-12-01" });
  });

  it("labels the range with the phrase it came from and inclusive dates", () => {
    expect(extractTimeRange("What did we spend on EC2 last month?", REF)).toEqual({
      start: "2025-10-01",
      end: "2025-11-01",
      label: "last month, October 2025 (2025-10-01 to 2025-10-31)",
      resolvedFrom: "last month",
    });
  });

  it("names a day and a run of days by their dates; a day in the future is next year's only for forecasts", () => {
    expect(extractTimeRange("spend on Sept 15", REF)).toMatchObject({ label: "September 15, 2025 (2025-09-15)" });
    expect(extractTimeRange("Sept 1-15", REF)?.label).toBe("September 1–15, 2025 (2025-09-01 to 2025-09-15)");
    expect(extractTimeRange("from Sept 28 to Oct 3", REF)?.label).toBe("September 28 to October 3, 2025 (2025-09-28 to 2025-10-03)");
    expect(extractTimeRange("forecast for Dec 31", REF)).toMatchObject({ start: "2025-12-31", end: "2026-01-01" });
  });

  it("reads a month named in a forecast as the next one, but GCP projects are no projection", () => {
    expect(extractTimeRange("projected spend for December", REF)).toMatchObject({ start: "2025-12-01" });
    expect(extractTimeRange("how many GCP projects had cost in December?", REF)).toMatchObject({ start: "2024-12-01" });
    expect(extractTimeRange("project costs in December", REF)).toMatchObject({ start: "2024-12-01" });
  });

  it("accepts a Date reference and never reads the clock", () => {
    expect(extractTimeRange("yesterday", new Date("2024-03-01T23:30:00Z"))).toMatchObject({ start: "2024-02-29" });
  });

  it("does not read 'may' the verb as May", () => {
    expect(extractTimeRange("may we see the spend", REF)).toBeUndefined();
    expect(extractTimeRange("spend in may", REF)).toMatchObject({ start: "2025-05-01" });
  });
});

describe("bare years", () => {
  it("reads a year on its own as that year, but not an amount", () => {
    expect(extractTimeRange("2024 vs 2025", REF)).toMatchObject({ start: "2024-01-01", end: "2025-01-01" });
    expect(extractTimeRange("services over $2025", REF)).toBeUndefined();
    expect(extractTimeRange("spend above 2025 usd", REF)).toBeUndefined();
  });
});

describe("ranges of months", () => {
  it.each([
    ["spend from June to October", "2025-06-01", "2025-11-01"],
    ["which month cost the most between June and October?", "2025-06-01", "2025-11-01"],
    ["June through October", "2025-06-01", "2025-11-01"],
    ["from November to February", "2024-11-01", "2025-03-01"], // over the turn of the year, ending in the latest February
    ["Nov 2023 - Feb 2024", "2023-11-01", "2024-03-01"],
    ["forecast from December to February", "2025-12-01", "2026-03-01"], // the next ones, in a forecast
  ])("reads %j as whole months, both ends included", (text, start, end) => {
    expect(extractTimeRange(text, REF)).toMatchObject({ start, end });
  });

  it("reads 'the change from September to October' as two months compared, not one range", () => {
    const d = extractDimensions("How much did the bedrock spend change from September to October?", REF);
    expect(d.timeRange).toMatchObject({ start: "2025-10-01", end: "2025-11-01" });
    expect(d.comparison).toMatchObject({ mode: "between_periods", baseline: { start: "2025-09-01", end: "2025-10-01" } });
  });
});

describe("the same month last year", () => {
  it("is the month asked about, compared year over year", () => {
    const d = extractDimensions("How does October compare to the same month last year?", REF);
    expect(d.comparison?.mode).toBe("year_over_year");
    expect(d.timeRange).toMatchObject({ start: "2025-10-01", end: "2025-11-01" });
  });
});

describe("days named by holiday", () => {
  it.each([
    ["What was our spend on Black Friday?", "2024-11-29"],
    ["cost on cyber monday 2025", "2025-12-01"],
    ["spend on thanksgiving", "2024-11-28"],
    ["spend on christmas day", "2024-12-25"],
    ["what did we spend on new year's eve", "2024-12-31"],
    ["forecast for black friday", "2025-11-28"],
  ])("reads %j as the day %s, its latest one unless a year or the future is said", (text, day) => {
    expect(extractDimensions(text, REF).timeRange).toMatchObject({ start: day });
  });
});

describe("a team named after the word", () => {
  it("reads 'for team ml' as team=ml, not the AI and ML category; 'by team last month' names no team", () => {
    const ml = extractDimensions("Show me spend for team ml over the last 3 months", REF);
    expect(ml.tags).toEqual([{ key: "team", values: ["ml"] }]);
    expect(ml.serviceCategories).toEqual([]);
    expect(extractDimensions("what did team data-platform's services cost", REF).tags).toEqual([{ key: "team", values: ["data-platform"] }]);
    expect(extractDimensions("cost of team data-platform's services", REF).tags).toEqual([{ key: "team", values: ["data-platform"] }]);
    expect(extractDimensions("Show cost allocation by team last month", REF).tags).toEqual([]);
    expect(extractDimensions("cost for team last month", REF).tags).toEqual([]);
    // "The team tag" names the key, not a team called "tag".
    expect(extractDimensions("What's our tag coverage for the team tag?", REF).tags).toEqual([]);
    expect(extractDimensions("how well is the team label filled in?", REF).tags).toEqual([]);
    expect(extractDimensions("coverage of the app tag and the team key", REF).tags).toEqual([]);
    // Listed before their plural: each one a value, none of them a category ("ml" is not AI and Machine Learning).
    const listed = extractDimensions("Show me the spend by team for the ml and data-platform teams over the last 3 months", REF);
    expect(listed.tags).toEqual([{ key: "team", values: ["ml", "data-platform"] }]);
    expect(listed.serviceCategories).toEqual([]);
    expect(extractDimensions("what did the checkout, payments and search apps cost?", REF).tags).toEqual([{ key: "app", values: ["checkout", "payments", "search"] }]);
    expect(extractDimensions("spend across all teams and other teams", REF).tags).toEqual([]);
  });
});

describe("days named by weekday", () => {
  it("reads 'on Monday', 'last Friday' as the latest such day before today, and 'on Mondays' as no day", () => {
    const sunday = "2026-12-06";
    expect(extractDimensions("What was our spend on Monday?", sunday).timeRange).toMatchObject({ start: "2026-11-30", end: "2026-12-01" });
    expect(extractDimensions("how much did we spend last Friday", sunday).timeRange).toMatchObject({ start: "2026-12-04", end: "2026-12-05" });
    // Today's weekday is a week ago, not today.
    expect(extractDimensions("cost on sunday", sunday).timeRange).toMatchObject({ start: "2026-11-29", end: "2026-11-30" });
    expect(extractDimensions("this past Saturday", sunday).timeRange).toMatchObject({ start: "2026-12-05" });
    expect(extractDimensions("what do we spend on Mondays?", sunday).timeRange).toBeUndefined();
    // Two days of the week set against each other are days of the week, not last Monday.
    expect(extractDimensions("how much do we spend on Monday vs Friday?", sunday)).toMatchObject({ timeRange: undefined, weekends: true });
  });

  it("reads 'the week of' a day as the Monday-to-Sunday week holding it", () => {
    const sunday = "2026-12-06";
    expect(extractDimensions("What changed in the week of September 30?", sunday).timeRange).toMatchObject({
      start: "2026-09-28", end: "2026-10-05", label: "the week of September 28, 2026 (2026-09-28 to 2026-10-04)",
    });
    expect(extractDimensions("spend for the week starting 2026-10-05", sunday).timeRange).toMatchObject({ start: "2026-10-05", end: "2026-10-12" });
    expect(extractDimensions("the week of the 28th of September", sunday).timeRange).toMatchObject({ start: "2026-09-28" });
  });
});

describe("a change since a month", () => {
  it("is which way spend went from then, over months; over days it is not", () => {
    expect(extractDimensions("How much did our bill increase since June?", REF).direction).toBe(true);
    expect(extractDimensions("how has spend changed since march", REF).direction).toBe(true);
    expect(extractDimensions("what did we spend since June", REF).direction).toBe(false);
    expect(extractDimensions("did costs go up since last week", REF).direction).toBe(false);
  });
});

describe("extractComparison", () => {
  it.each([
    ["MoM spend by service", "month_over_month"],
    ["month over month change", "month_over_month"],
    ["YoY growth", "year_over_year"],
    ["How does this month compare to the same month last year?", "year_over_year"],
    ["october spend vs a year ago", "year_over_year"],
    ["this quarter against the same quarter of the previous year", "year_over_year"],
    ["qoq", "quarter_over_quarter"],
    ["this month vs last month", "previous_period"],
    ["last week compared to the week before", "previous_period"],
    ["how does october compare with the month before", "previous_period"],
    ["spend this quarter vs the one before", "previous_period"],
    ["the last 7 days compared to the 7 days before", "previous_period"],
    ["last 30 days vs the previous 30 days", "previous_period"],
  ])("reads %j as %s", (text, mode) => {
    expect(extractComparison(text)?.mode).toBe(mode);
  });
});

describe("the most expensive day, week or month, and the average month", () => {
  it.each([
    ["Which day had the highest spend last month?", "day"],
    ["what was our most expensive day in October", "day"],
    ["which week cost the most in Q3", "week"],
    ["which month cost the most this year?", "month"],
    ["peak daily spend last quarter", "day"],
    ["what were the most expensive days last week?", "day"],
    ["what's our cheapest month this year?", "month"],
    ["which week had the lowest spend?", "week"],
    ["which weeks had the highest spend this quarter?", "week"],
    ["What is the most we've ever spent in a month?", "month"],
    ["the most we spent in a single day this year", "day"],
    ["what was our highest monthly bill?", "month"],
    ["record weekly spend", "week"],
  ])("reads %j as the peak %s", (text, unit) => {
    expect(extractDimensions(text, REF).peak).toBe(unit);
  });

  it("reads an average month, and neither in a plain ranking", () => {
    expect(extractDimensions("What's the average monthly spend this year?", REF).monthlyAverage).toBe(true);
    expect(extractDimensions("monthly average for S3", REF).monthlyAverage).toBe(true);
    expect(extractDimensions("How much do we spend on databases per month?", REF).monthlyAverage).toBe(true);
    expect(extractDimensions("What's our cost per customer?", REF).unitCost).toBe(true);
    expect(extractDimensions("how many customers do we have per account", REF).unitCost).toBe(false);
    expect(extractDimensions("what does Azure cost a month", REF).monthlyAverage).toBe(true);
    expect(extractDimensions("show me cost per month for EC2", REF)).toMatchObject({ monthlyAverage: false, granularity: "monthly" });
    expect(extractDimensions("which services cost the most", REF)).toMatchObject({ peak: undefined, monthlyAverage: false });
    expect(extractDimensions("top 5 most expensive resources", REF)).toMatchObject({ peak: undefined, monthlyAverage: false });
  });
});

describe("observability", () => {
  it("reads logging and monitoring as those services on every cloud, but not the watching of costs", () => {
    expect(extractDimensions("how much are we spending on logging and monitoring?", REF).services).toEqual(["Amazon CloudWatch", "Azure Monitor", "Cloud Logging"]);
    expect(extractDimensions("azure observability costs", REF).services).toEqual(["Azure Monitor"]);
    expect(extractDimensions("how should we be monitoring our cloud spend?", REF).services).toEqual([]);
  });
});

describe("shared cost", () => {
  it("reads 'shared and dedicated resources' as shared cost against the rest: no split made, and no account called shared", () => {
    const d = extractDimensions("show the cost split between shared and dedicated resources", REF);
    expect(d).toMatchObject({ sharedCost: true, sharedSplit: undefined, accounts: [] });
    expect(extractDimensions("split shared costs evenly across teams", REF)).toMatchObject({ sharedSplit: "even", sharedCost: false });
    expect(extractDimensions("compare shared and dev accounts", REF).accounts).toContain("shared");
  });
});

describe("content delivery and data warehousing", () => {
  it("reads a CDN as every cloud's CDN, and data warehousing as the warehouses; a CDN named keeps to it", () => {
    expect(extractDimensions("what's the cost of our CDN?", REF).services).toEqual(["Amazon CloudFront", "Cloud CDN", "Azure Front Door", "Content Delivery Network"]);
    expect(extractDimensions("content delivery spend on AWS", REF).services).toEqual(["Amazon CloudFront"]);
    expect(extractDimensions("how much does Cloud CDN cost?", REF).services).toEqual(["Cloud CDN"]);
    expect(extractDimensions("what are we spending on data warehousing?", REF).services).toEqual(["Amazon Redshift", "BigQuery", "Azure Synapse Analytics"]);
  });
});

describe("two groupings", () => {
  it.each([
    ["cost by team and region last month", { dimension: "Tag", tagKey: "team" }, { dimension: "RegionId" }],
    ["cost by region and service", { dimension: "RegionId" }, { dimension: "ServiceName" }],
    ["spend per account, then by service", { dimension: "SubAccountId" }, { dimension: "ServiceName" }],
    ["by owner tag and region", { dimension: "Tag", tagKey: "owner" }, { dimension: "RegionId" }],
    ["by service category and provider", { dimension: "ServiceCategory" }, { dimension: "ProviderName" }],
  ])("reads %j as rows and their split, in the order written", (text, groupBy, thenBy) => {
    expect(extractDimensions(text, REF)).toMatchObject({ groupBy, thenBy });
  });

  it.each(["spend by region", "EC2 and S3 by region and month", "by team and whatever", "by region and region"])("reads %j as one grouping at most", (text) => {
    expect(extractDimensions(text, REF).thenBy).toBeUndefined();
  });
});

describe("quick wins", () => {
  it.each(["any quick wins?", "easy wins on storage", "the low-hanging fruit in our AWS bill", "low-effort savings", "what are the easiest savings?"])(
    "reads %j as asking for quick wins",
    (text) => expect(extractDimensions(text, REF).quickWins).toBe(true),
  );

  it.each(["how quickly did EC2 costs grow?", "which win-back campaign cost the most?", "effort tag coverage"])("does not read %j as quick wins", (text) => {
    expect(extractDimensions(text, REF).quickWins).toBe(false);
  });
});

describe("smallest first", () => {
  it.each([
    "what are our least expensive services?",
    "which account spent the least last month?",
    "which region is cheapest for compute?",
    "lowest cost services in Q3",
    "our smallest teams by spend",
    "bottom 5 services",
  ])("reads %j as asking for the smallest first", (text) => expect(extractDimensions(text, REF).smallestFirst).toBe(true));

  it("groups by what the cheapest is asked of: 'our cheapest region for compute' is by region", () => {
    expect(extractDimensions("what is our cheapest region for compute?", REF)).toMatchObject({ groupBy: { dimension: "RegionId" }, smallestFirst: true, serviceCategories: ["Compute"] });
    expect(extractDimensions("the cheapest 3 accounts", REF).groupBy).toEqual({ dimension: "SubAccountId" });
  });

  it.each(["services costing at least $5,000", "the least effort savings", "least utilized instances", "our most expensive services", "top 5 accounts"])(
    "does not read %j as smallest first",
    (text) => expect(extractDimensions(text, REF).smallestFirst).toBe(false),
  );
});

describe("shared cost split", () => {
  it.each([
    ["Show cost allocation by team last month with shared costs split proportionally", "proportional"],
    ["showback by team, spreading untagged cost evenly", "even"],
    ["split shared costs equally across teams", "even"],
    ["chargeback by cost center with unallocated spend split pro rata", "proportional"],
    ["allocate by team and distribute the unowned cost", "proportional"],
    ["split the shared cost in equal parts between teams", "even"],
    // A chargeback charges every cent: what nobody owns is split too.
    ["show me the chargeback report for last month", "proportional"],
    ["what does each team owe for November?", "proportional"],
    ["charge back each team evenly for the shared platform", "even"],
    ["we need to bill each team for its cloud use", "proportional"],
    // A follow-up changing the split of the last showback.
    ["split it evenly instead", "even"],
    ["spread that proportionally", "proportional"],
  ] as const)("reads %j as splitting shared cost (%s)", (text, split) => expect(extractDimensions(text, REF).sharedSplit).toBe(split));

  it.each([
    "How much of our cost is untagged?",
    "cost allocation by team",
    "spend of the shared services account",
    "split costs by team",
    "what is our unallocated spend by service?",
    "how much do we owe AWS this month?",
  ])("does not read %j as a split", (text) => expect(extractDimensions(text, REF).sharedSplit).toBeUndefined());

  it("reads the tag values named as shared", () => {
    expect(extractDimensions("showback by team treating platform as shared", REF).sharedValues).toEqual(["platform"]);
    expect(extractDimensions("cost by team, counting the sre team as a shared cost and split it evenly", REF)).toMatchObject({ sharedValues: ["sre"], sharedSplit: "even" });
    expect(extractDimensions("cost by team", REF).sharedValues).toEqual([]);
  });
});

describe("growth questions", () => {
  it.each(["Which region grew the fastest?", "which accounts grew the most last month", "fastest growing services"])("reads %j as growth", (text) => {
    expect(extractDimensions(text, REF).growth).toBe(true);
  });
});

describe("two named periods compared", () => {
  it.each([
    ["Compare September and October by service", ["2025-10-01", "2025-11-01"], ["2025-09-01", "2025-10-01"]],
    ["October vs September", ["2025-10-01", "2025-11-01"], ["2025-09-01", "2025-10-01"]],
    ["compare Q2 and Q3", ["2025-07-01", "2025-10-01"], ["2025-04-01", "2025-07-01"]],
    ["compare September 2024 and September 2025", ["2025-09-01", "2025-10-01"], ["2024-09-01", "2024-10-01"]],
    ["October spend compared to last October", ["2025-10-01", "2025-11-01"], ["2024-10-01", "2024-11-01"]],
    ["how did 2024 compare to 2025", ["2025-01-01", "2026-01-01"], ["2024-01-01", "2025-01-01"]],
    ["which services cost more in October than in September?", ["2025-10-01", "2025-11-01"], ["2025-09-01", "2025-10-01"]],
  ])("reads %j as the later period against the earlier one", (text, current, baseline) => {
    const d = extractDimensions(text, REF);
    expect([d.timeRange?.start, d.timeRange?.end]).toEqual(current);
    expect(d.comparison).toMatchObject({ mode: "between_periods", baseline: { start: baseline[0], end: baseline[1] } });
  });

  it.each([
    ["compare spend from Sept 1 to Sept 15 with August"], // one range, and periods of different lengths
    ["what changed between Dec 20 and Jan 5"], // one range
    ["spend in September and October"], // no comparison asked
    ["compare October with last month"], // the same month twice
    ["which services cost more than $1,000 in October?"], // an amount, one period
  ])("does not read %j as two periods", (text) => {
    expect(extractDimensions(text, REF).comparison?.mode).not.toBe("between_periods");
  });
});

describe("extractDimensions", () => {
  it("reads what a share is of: all costs, or the whole the question names", () => {
    expect(extractDimensions("What percentage of our spend is on compute?", REF)).toMatchObject({ share: true, shareOf: [] });
    expect(extractDimensions("what share of AWS spend is EC2", REF)).toMatchObject({ share: true, shareOf: ["providers"] });
    expect(extractDimensions("How much of our Bedrock spend is in staging?", REF)).toMatchObject({ share: true, shareOf: ["services"], accounts: ["staging"] });
    expect(extractDimensions("how much of the prod bill is databases", REF)).toMatchObject({ share: true, shareOf: ["accounts"] });
  });

  it("reads a growth rate asked of a scope as which way spend is going, and one ranked as a ranking", () => {
    for (const text of ["What's our storage growth rate?", "what is the monthly growth rate of our AWS spend", "how fast is our AI spend growing"]) {
      expect(extractDimensions(text, REF).direction, text).toBe(true);
    }
    expect(extractDimensions("which services have the highest growth rate", REF).direction).toBe(false);
  });

  it("reads 'by project' as Google Cloud's sub-accounts on GCP, and as the project tag elsewhere", () => {
    expect(extractDimensions("break down GCP by project", REF).groupBy).toEqual({ dimension: "SubAccountId" });
    expect(extractDimensions("AWS cost by project", REF).groupBy).toEqual({ dimension: "Tag", tagKey: "project" });
  });

  it("maps services to FOCUS names and their providers", () => {
    const d = extractDimensions("What did we spend on EC2 and S3 last month?", REF);
    expect(d.services).toEqual(["Amazon Elastic Compute Cloud", "Amazon Simple Storage Service"]);
    expect(d.providers).toEqual(["AWS"]);
  });

  it("reads Azure and Google Cloud services without mistaking them for categories", () => {
    const d = extractDimensions("azure vms, blob storage, compute engine, bigquery and vertex ai", REF);
    expect(d.services).toEqual(["Virtual Machines", "Azure Blob Storage", "Compute Engine", "BigQuery", "Vertex AI"]);
    expect(d.providers).toEqual(["Microsoft", "Google Cloud"]);
    expect(d.serviceCategories).toEqual([]);
  });

  it("reads a job several clouds do ('kubernetes', 'vms') as those services, on the named providers or all of them", () => {
    const kubernetes = ["Amazon Elastic Kubernetes Service", "Azure Kubernetes Service", "Kubernetes Engine"];
    const vms = ["Amazon Elastic Compute Cloud", "Virtual Machines", "Compute Engine"];
    expect(extractDimensions("what's our kubernetes cost", REF)).toMatchObject({ services: kubernetes, providers: [], serviceCategories: [] });
    expect(extractDimensions("k8s spend on aws", REF)).toMatchObject({ services: ["Amazon Elastic Kubernetes Service"], providers: ["AWS"] });
    expect(extractDimensions("which vms are idle", REF).services).toEqual(vms);
    const genAi = ["Amazon Bedrock", "Azure OpenAI", "Vertex AI"];
    expect(extractDimensions("how much did we spend on generative AI?", REF)).toMatchObject({ services: genAi, providers: [] });
    expect(extractDimensions("LLM spend on AWS", REF)).toMatchObject({ services: ["Amazon Bedrock"], providers: ["AWS"] });
    // OpenAI models come on a cloud bill through Azure OpenAI.
    expect(extractDimensions("How much did we spend on OpenAI models?", REF)).toMatchObject({ services: ["Azure OpenAI"], providers: ["Microsoft"] });
    expect(extractDimensions("azure vms cost", REF).services).toEqual(["Virtual Machines"]);
    // A service named by its own name is not widened to its job on other clouds.
    expect(extractDimensions("eks and kubernetes costs", REF).services).toEqual(["Amazon Elastic Kubernetes Service"]);
    expect(extractDimensions("object storage by provider", REF)).toMatchObject({ services: ["Amazon Simple Storage Service", "Azure Blob Storage", "Cloud Storage"], serviceCategories: [] });
    // "Cloud storage" is storage in the cloud, unless Google or another object store is named with it.
    expect(extractDimensions("how much do we spend on cloud storage?", REF)).toMatchObject({ services: [], serviceCategories: ["Storage"] });
    expect(extractDimensions("What's cheaper, S3 or Cloud Storage?", REF)).toMatchObject({ services: ["Amazon Simple Storage Service", "Cloud Storage"], serviceCategories: [] });
    expect(extractDimensions("google cloud's cloud storage costs", REF)).toMatchObject({ services: ["Cloud Storage"], providers: ["Google Cloud"], serviceCategories: [] });
    expect(extractDimensions("EC2 and cloud storage costs", REF)).toMatchObject({ services: ["Amazon Elastic Compute Cloud"], serviceCategories: ["Storage"] });
  });

  it("reads the charge categories a question is about: taxes, credits, upfront fees, adjustments", () => {
    expect(extractDimensions("How much did we pay in taxes last month?", REF).chargeCategories).toEqual(["Tax"]);
    expect(extractDimensions("total VAT this year", REF).chargeCategories).toEqual(["Tax"]);
    expect(extractDimensions("how much credit did we get", REF).chargeCategories).toEqual(["Credit"]);
    expect(extractDimensions("upfront fees for reservations", REF).chargeCategories).toEqual(["Purchase"]);
    expect(extractDimensions("credits and adjustments in Q3", REF).chargeCategories).toEqual(["Credit", "Adjustment"]);
    expect(extractDimensions("what did we spend on EC2", REF).chargeCategories).toEqual([]);
    // FOCUS bills refunds as credits.
    expect(extractDimensions("Did we get any refunds last month?", REF).chargeCategories).toEqual(["Credit"]);
  });

  it("reads what a question leaves out as excluded, not as what it is about", () => {
    const none = { providers: [], services: [], serviceCategories: [], chargeCategories: [], regions: [], accounts: [], pricingCategories: [], tags: [], geographies: [], resources: [], resourceGroups: [], gpu: false, marketplace: false, recommendationCategories: [] };
    const credits = extractDimensions("What was our spend excluding credits last month?", REF);
    expect(credits).toMatchObject({ chargeCategories: [], excluded: { ...none, chargeCategories: ["Credit"] }, timeRange: { start: "2025-10-01", end: "2025-11-01" } });
    expect(extractDimensions("spend by service except EC2 and S3 in October", REF)).toMatchObject({
      services: [],
      providers: [],
      groupBy: { dimension: "ServiceName" },
      excluded: { ...none, services: ["Amazon Elastic Compute Cloud", "Amazon Simple Storage Service"] },
      timeRange: { start: "2025-10-01" },
    });
    expect(extractDimensions("How much did we spend on everything other than AWS?", REF).excluded).toEqual({ ...none, providers: ["AWS"] });
    expect(extractDimensions("AWS spend not counting prod", REF)).toMatchObject({ providers: ["AWS"], accounts: [], excluded: { ...none, accounts: ["prod"] } });
    expect(extractDimensions("our bill before tax and credits", REF).excluded).toEqual({ ...none, chargeCategories: ["Tax", "Credit"] });
    // Account names on their own ("excluding dev"), and kinds of recommendation in a question about recommendations.
    expect(extractDimensions("savings opportunities excluding dev and staging", REF).excluded).toEqual({ ...none, accounts: ["dev", "staging"] });
    expect(extractDimensions("top savings opportunities other than commitments", REF).excluded).toEqual({ ...none, pricingCategories: ["Committed"], recommendationCategories: ["commitment"] });
    expect(extractDimensions("recommendations except rightsizing", REF).excluded).toEqual({ ...none, recommendationCategories: ["rightsizing", "idle"] });
    expect(extractDimensions("spend excluding rightsizing", REF).excluded).toBeUndefined();
    for (const text of ["dev spend last month", "How much is dev costing us this month?", "what did dev cost in October", "how much has dev spent"]) {
      expect(extractDimensions(text, REF).accounts, text).toEqual(["dev"]);
    }
    expect(extractDimensions("how much does the dev team cost", REF).accounts).toEqual([]);
    // An account by its own name: that one, not the nickname inside it too; "non-prod" still names prod.
    expect(extractDimensions("spend in the acme-prod account", REF).accounts).toEqual(["acme-prod"]);
    expect(extractDimensions("List all resources in the acme-dev account costing more than $500", REF).accounts).toEqual(["acme-dev"]);
    expect(extractDimensions("non-prod spend", REF).accounts).toEqual(["prod"]);
    expect(extractDimensions("What did we spend excluding the data team?", REF)).toMatchObject({ tags: [], excluded: { ...none, tags: [{ key: "team", values: ["data"] }] } });
    // What SKUs and places say: left out, never read as the subject.
    expect(extractDimensions("What's our spend excluding data transfer?", REF)).toMatchObject({ dataTransfer: undefined, excluded: { ...none, dataTransfer: "all" } });
    expect(extractDimensions("spend everywhere except Europe", REF)).toMatchObject({ geographies: [], excluded: { ...none, geographies: ["Europe"] } });
    expect(extractDimensions("cost excluding GPUs", REF)).toMatchObject({ gpu: false, excluded: { ...none, gpu: true } });
    expect(extractDimensions("spend excluding networking", REF)).toMatchObject({ networking: false, excluded: { ...none, serviceCategories: ["Networking"] } });
    expect(extractDimensions("compute spend excluding spot", REF)).toMatchObject({ serviceCategories: ["Compute"], pricingKinds: [], excluded: { ...none, pricingCategories: ["Dynamic"] } });
    // Words that leave out nothing the bill has a value for are not an exclusion.
    for (const text of ["Which resources are running without tags?", "spend before October", "accounts without a budget", "top services besides"]) {
      expect(extractDimensions(text, REF).excluded, text).toBeUndefined();
    }
    // "Before" leaves out charges only: "before AWS" is no exclusion.
    expect(extractDimensions("what we spent before AWS credits", REF).excluded).toBeUndefined();
  });

  it("reads a question about what grew the most as growth, not as which way spend is going", () => {
    for (const text of ["Which accounts grew the most last month?", "what are the fastest growing services?", "which service increased the most in october", "biggest increases by region"]) {
      expect(extractDimensions(text, REF), text).toMatchObject({ growth: true, direction: false });
    }
    expect(extractDimensions("what are the fastest growing services?", REF).groupBy).toEqual({ dimension: "ServiceName" });
    expect(extractDimensions("is our spend growing?", REF)).toMatchObject({ growth: false, direction: true });
  });

  it("reads a question about which way spend is going", () => {
    for (const text of ["is our spend going up?", "are AWS costs trending down", "is azure spend increasing?", "Is our spend going up or down over the last six months?"]) {
      expect(extractDimensions(text, REF).direction, text).toBe(true);
    }
    for (const text of ["why did spend go up?", "spend trend for october", "what did we spend last month"]) {
      expect(extractDimensions(text, REF).direction, text).toBe(false);
    }
    // A trend over months (or with no period: the last half year) is which way spend is going; over a month, its days.
    for (const text of ["What's the cost trend for S3 over the last 6 months?", "how has EC2 spend trended this year?", "show me the spend trend"]) {
      expect(extractDimensions(text, REF).direction, text).toBe(true);
    }
  });

  it("reads a rate question: per day, daily average, run rate", () => {
    for (const text of ["how much are we spending per day", "daily average spend", "what's our monthly run rate", "current burn rate on aws"]) {
      expect(extractDimensions(text, REF).rate, text).toBe(true);
    }
    for (const text of ["daily spend trend for october", "spend by day", "what did we spend last month"]) {
      expect(extractDimensions(text, REF).rate, text).toBe(false);
    }
  });

  it("reads providers by their common names", () => {
    expect(extractDimensions("amazon vs microsoft vs google cloud", REF).providers).toEqual([
      "AWS", "Microsoft", "Google Cloud",
    ]);
  });

  it("reads data transfer as data transfer wherever it is billed, out to the internet when said, and NAT gateways as networking", () => {
    expect(extractDimensions("egress costs", REF)).toMatchObject({ dataTransfer: "all", networking: false });
    expect(extractDimensions("data transfer last week", REF)).toMatchObject({ dataTransfer: "all", networking: false });
    expect(extractDimensions("How much did we spend on data transfer out to the internet?", REF).dataTransfer).toBe("internet");
    expect(extractDimensions("internet egress by service", REF).dataTransfer).toBe("internet");
    // Between regions or zones: the transfer that stays in the cloud.
    for (const text of ["How much are we spending on data transfer between regions?", "cross-region traffic costs", "cross-AZ data transfer last month", "inter-zone egress by service", "what do we pay for bytes moved between availability zones"]) {
      expect(extractDimensions(text, REF).dataTransfer, text).toBe("internal");
    }
    expect(extractDimensions("How is our spend split between regions?", REF).dataTransfer).toBeUndefined();
    expect(extractDimensions("spend across regions last month", REF).dataTransfer).toBeUndefined();
    expect(extractDimensions("NAT gateway egress last month", REF)).toMatchObject({ dataTransfer: undefined, networking: true });
    // NAT gateways on every cloud (AWS bills them under VPC), one subject; on the provider named, its own.
    const nat = ["Amazon Virtual Private Cloud", "Cloud NAT", "NAT Gateway"];
    expect(extractDimensions("What are we paying for NAT gateways?", REF)).toMatchObject({ services: nat, roleServices: nat });
    expect(extractDimensions("AWS NAT gateway cost", REF)).toMatchObject({ services: ["Amazon Virtual Private Cloud"] });
    expect(extractDimensions("what does Cloud NAT cost", REF)).toMatchObject({ services: ["Cloud NAT"], roleServices: [] });
    expect(extractDimensions("networking costs", REF)).toMatchObject({ dataTransfer: undefined });
    expect(extractDimensions("bandwidth costs", REF)).toMatchObject({ dataTransfer: undefined, networking: true });
    expect(extractDimensions("compute and storage spend", REF).serviceCategories).toEqual(["Compute", "Storage"]);
  });

  it("reads 'how many resources in each account' as a count of resources per account", () => {
    expect(extractDimensions("how many resources do we have in each account?", REF)).toMatchObject({ count: true, groupBy: { dimension: "SubAccountId" }, countOf: { dimension: "ResourceId" } });
    expect(extractDimensions("number of services per provider", REF)).toMatchObject({ count: true, groupBy: { dimension: "ProviderName" }, countOf: { dimension: "ServiceName" } });
    // One grouping only: the values themselves are counted.
    expect(extractDimensions("how many accounts do we have?", REF)).toMatchObject({ count: true, groupBy: { dimension: "SubAccountId" } });
    expect(extractDimensions("how many accounts do we have?", REF).countOf).toBeUndefined();
  });

  it("reads 'services only used in one region' as the services with one region, and 'more than one' as two or more", () => {
    const cases: Array<[string, object]> = [
      ["Which of our services are only used in one region?", { groupBy: { dimension: "ServiceName" }, countOf: { dimension: "RegionId" }, countBound: { min: 1, max: 1 } }],
      ["services deployed in multiple regions last month", { groupBy: { dimension: "ServiceName" }, countOf: { dimension: "RegionId" }, countBound: { min: 2 } }],
      ["which accounts use a single provider", { groupBy: { dimension: "SubAccountId" }, countOf: { dimension: "ProviderName" }, countBound: { min: 1, max: 1 } }],
      ["Which teams use more than one cloud?", { groupBy: { dimension: "Tag", tagKey: "team" }, countOf: { dimension: "ProviderName" }, countBound: { min: 2 } }],
    ];
    for (const [question, expected] of cases) expect(extractDimensions(question, REF), question).toMatchObject({ count: true, ...expected });
    // A count that is no count of values per value.
    expect(extractDimensions("how much did we spend in one region", REF).countBound).toBeUndefined();
    expect(extractDimensions("what did we spend on a single service", REF).countBound).toBeUndefined();
  });

  it("reads 'which 5 resources' as the five asked for, not 'the 3 months before'", () => {
    expect(extractDimensions("Which 5 resources grew the most last month?", REF).topN).toBe(5);
    expect(extractDimensions("what were the 3 costliest accounts", REF).topN).toBe(3);
    expect(extractDimensions("the 3 months before", REF).topN).toBeUndefined();
  });

  it("reads 'a monthly report' as a report on last month, and 'a weekly summary' on last week, not a granularity", () => {
    const monthly = extractDimensions("Generate a monthly report for the data-platform team", REF);
    expect(monthly.timeRange?.resolvedFrom).toBe("last month");
    expect(monthly.granularity).toBeUndefined();
    expect(extractDimensions("weekly cost summary", REF).timeRange?.resolvedFrom).toBe("last week");
    // A period named stays; the cadence is then the granularity asked for.
    expect(extractDimensions("monthly report for October", REF).timeRange?.resolvedFrom).toBe("october");
  });

  it("reads 'the split of our spend across environments' as spend by env", () => {
    expect(extractDimensions("What's the split of our spend across environments?", REF).groupBy).toEqual({ dimension: "Tag", tagKey: "env" });
    expect(extractDimensions("how is the bill distributed among teams", REF).groupBy).toEqual({ dimension: "Tag", tagKey: "team" });
  });

  it("reads 'per environment for each team' and 'each team … per environment' as teams split by environment", () => {
    for (const q of ["Show me the cost per environment for each team", "what does each team spend per environment", "cost by env for every team"]) {
      expect(extractDimensions(q, REF), q).toMatchObject({ groupBy: { dimension: "Tag", tagKey: "team" }, thenBy: { dimension: "Tag", tagKey: "env" } });
    }
    // "Per month" is a granularity, not a second grouping.
    expect(extractDimensions("what does each team spend per month", REF).thenBy).toBeUndefined();
  });

  it("reads 'growing faster than 20%' as a rate above 20%, and 'slower than 5%' below", () => {
    expect(extractDimensions("which services are growing faster than 20% month over month?", REF).thresholds).toEqual([
      { kind: "percent", op: "gt", value: 20, resolvedFrom: "faster than 20%" },
    ]);
    expect(extractDimensions("accounts growing slower than 5%", REF).thresholds).toEqual([{ kind: "percent", op: "lt", value: 5, resolvedFrom: "slower than 5%" }]);
  });

  it("reads a cut supposed ('if we cut dev spend by 30%') as its percentage, and a fall reported as none", () => {
    const cut = (q: string) => extractDimensions(q, REF).reductionPercent;
    expect(cut("If we cut dev spend by 30%, how much would we save per year?")).toBe(30);
    expect(cut("what would a 10% reduction in storage save?")).toBe(10);
    expect(cut("we want to reduce EC2 costs by 12.5 percent")).toBe(12.5);
    expect(cut("costs went down by 10% last month")).toBeUndefined();
    expect(cut("which services dropped by more than 5% month over month?")).toBeUndefined();
  });

  it("reads two half years named against each other as a comparison, and not a half of a month or an H100", () => {
    expect(extractDimensions("Compare H1 and H2", REF)).toMatchObject({
      timeRange: { start: "2025-07-01", end: "2026-01-01", label: "H2 2025 (2025-07-01 to 2025-12-31)" },
      comparison: { mode: "between_periods", baseline: { start: "2025-01-01", end: "2025-07-01" } },
    });
    expect(extractTimeRange("the first half of October", REF)).toMatchObject({ start: "2025-10-01", end: "2025-11-01" });
    expect(extractTimeRange("H100 GPU spend", REF)).toBeUndefined();
  });

  it("reads 'compared to last year' with no other period as this year against last year, not last year against the one before", () => {
    expect(extractDimensions("How much did costs increase compared to last year?", REF)).toMatchObject({
      timeRange: { start: "2025-01-01", end: "2026-01-01" },
      comparison: { mode: "year_over_year" },
    });
    expect(extractDimensions("How does our spend compare to last month?", REF)).toMatchObject({
      timeRange: { start: "2025-11-01", end: "2025-12-01" },
      comparison: { mode: "month_over_month" },
    });
    // A period named is the one asked about, set against the one before it.
    expect(extractDimensions("What did we spend last month compared to the previous month?", REF)).toMatchObject({
      timeRange: { start: "2025-10-01", end: "2025-11-01" },
      comparison: { mode: "previous_period" },
    });
  });

  it("reads subscriptions as Azure's sub-accounts when no cloud is named", () => {
    expect(extractDimensions("Which subscriptions cost the most?", REF)).toMatchObject({ providers: ["Microsoft"], groupBy: { dimension: "SubAccountId" } });
    expect(extractDimensions("Which accounts cost the most?", REF).providers).toEqual([]);
    expect(extractDimensions("AWS accounts and their cost", REF).providers).toEqual(["AWS"]);
    expect(extractDimensions("which third-party subscriptions do we pay for?", REF).providers).toEqual([]);
  });

  it("reads when spend turned ('when did our costs start going up?') as the way asked, and a direction", () => {
    const read = (q: string) => extractDimensions(q, REF);
    expect(read("When did our costs start going up?")).toMatchObject({ turn: "up", direction: true });
    expect(read("since when has S3 been rising?")).toMatchObject({ turn: "up", direction: true });
    expect(read("when did our azure spend begin to fall?")).toMatchObject({ turn: "down", direction: true });
    expect(read("is our spend going up?").turn).toBeUndefined();
    expect(read("when did we start using Bedrock?").turn).toBeUndefined();
  });

  it("reads a move supposed ('run everything in us-east-1', 'what if we moved to Azure') as the place moved to, which filters nothing", () => {
    const read = (q: string) => extractDimensions(q, REF);
    expect(read("What would it cost to run everything in us-east-1?")).toMatchObject({ relocation: { regions: ["us-east-1"], providers: [] }, regions: [] });
    expect(read("How much would we save moving our workloads to us-east-2?").relocation).toEqual({ regions: ["us-east-2"], providers: [] });
    expect(read("What if we moved everything to Azure?")).toMatchObject({ relocation: { regions: [], providers: ["Microsoft"] }, providers: [] });
    // The place moved from stays a filter; the cloud moved to is not one (its VMs are what already runs there).
    expect(read("what would it cost to move prod from us-west-2 to us-east-1?")).toMatchObject({ relocation: { regions: ["us-east-1"] }, regions: ["us-west-2"], accounts: ["prod"] });
    const vms = read("should we migrate our VMs to Google Cloud?");
    expect(vms.relocation).toEqual({ regions: [], providers: ["Google Cloud"] });
    expect(vms).toMatchObject({ providers: [], services: ["Amazon Elastic Compute Cloud", "Virtual Machines", "Compute Engine"] });
    // A region id is no part of the world: "europe-west1" is not Europe.
    expect(read("what would it cost to move our GCP workloads to europe-west1?")).toMatchObject({ relocation: { regions: ["europe-west1"] }, geographies: [], providers: ["Google Cloud"] });
    // A move to a way of buying or a kind of resource, and a move reported, are none.
    expect(read("what if we moved to spot instances?").relocation).toBeUndefined();
    expect(read("How much would we save by moving EC2 to Graviton?").relocation).toBeUndefined();
    expect(read("did costs drop after we moved to us-east-2?")).toMatchObject({ relocation: undefined, regions: ["us-east-2"] });
  });

  it("reads day-to-day variation asked about, most or least first, and not budget variance or variable costs", () => {
    const volatility = (q: string) => extractDimensions(q, REF).volatility;
    expect(volatility("Which services have the highest cost variance day to day?")).toBe("most");
    expect(volatility("which accounts fluctuate the most")).toBe("most");
    expect(volatility("which services have the most stable spend?")).toBe("least");
    expect(volatility("steadiest teams by cost")).toBe("least");
    expect(volatility("what's our budget variance?")).toBeUndefined();
    expect(volatility("what are our fixed vs variable costs")).toBeUndefined();
  });

  it("reads the kinds of resource named: disks, IP addresses, NAT gateways, databases, and machines unless databases", () => {
    const kinds = (q: string) => extractDimensions(q, REF).resourceKinds;
    expect(kinds("any unattached EBS volumes?")).toEqual(["disk"]);
    expect(kinds("idle elastic IPs and NAT gateways")).toEqual(["ip-address", "nat-gateway"]);
    expect(kinds("which public IP addresses are unused")).toEqual(["ip-address"]);
    expect(kinds("which RDS instances are oversized?")).toEqual(["database"]);
    expect(kinds("which VMs are idle?")).toEqual(["virtual-machine"]);
    expect(kinds("idle database servers")).toEqual(["database"]);
    expect(kinds("which instances should we rightsize?")).toEqual([]);
    expect(kinds("any idle resources?")).toEqual([]);
  });

  it("reads 'untagged resources' as the resources themselves", () => {
    expect(extractDimensions("show untagged resources costing more than $500 last month", REF).groupBy).toEqual({ dimension: "ResourceId" });
    expect(extractDimensions("how much untagged spend do we have", REF).groupBy).toBeUndefined();
  });

  it("reads 'each of the last 3 months' and 'every week of Q3' as one row per month or week", () => {
    expect(extractDimensions("how much did we spend on lambda in each of the last 3 months?", REF).granularity).toBe("monthly");
    expect(extractDimensions("spend for every week of q3", REF).granularity).toBe("weekly");
    expect(extractDimensions("cost each day last week", REF).granularity).toBe("daily");
    expect(extractDimensions("what did we spend in the last 3 months?", REF).granularity).toBeUndefined();
  });

  it("counts instances as machines, and a service's resources as that service's", () => {
    expect(extractDimensions("How many instances are running in dev?", REF)).toMatchObject({
      count: true, groupBy: { dimension: "ResourceId" }, services: ["Amazon Elastic Compute Cloud", "Virtual Machines", "Compute Engine"], accounts: ["dev"],
    });
    expect(extractDimensions("how many RDS instances do we have", REF)).toMatchObject({ count: true, groupBy: { dimension: "ResourceId" }, services: ["Amazon Relational Database Service"] });
    expect(extractDimensions("how many S3 buckets do we have", REF)).toMatchObject({ count: true, services: ["Amazon Simple Storage Service"] });
    expect(extractDimensions("which instances are idle", REF).services).toEqual([]);
  });

  it("flags marketplace purchases: 'AWS Marketplace', 'third-party software'", () => {
    expect(extractDimensions("How much did we spend on AWS Marketplace?", REF)).toMatchObject({ marketplace: true, providers: ["AWS"] });
    expect(extractDimensions("what do third-party software subscriptions cost us", REF).marketplace).toBe(true);
    expect(extractDimensions("Azure marketplace purchases by service", REF)).toMatchObject({ marketplace: true, providers: ["Microsoft"] });
    expect(extractDimensions("how much did we spend on EC2", REF).marketplace).toBe(false);
  });

  it("flags GPU usage by the words people use for it, and not models or instance names that only look like it", () => {
    for (const text of ["how much do we spend on GPUs?", "gpu cost by team", "NVIDIA instances last month", "spend on graphics cards", "accelerated computing spend"]) {
      expect(extractDimensions(text, REF).gpu, text).toBe(true);
    }
    for (const text of ["what does gpt-4o cost?", "spend on t4g instances", "compute spend"]) expect(extractDimensions(text, REF).gpu, text).toBe(false);
  });

  it("reads a team's name as the team, not as a category: the 'ml team' is not AI and Machine Learning", () => {
    expect(extractDimensions("ml team spend on S3", REF)).toMatchObject({ serviceCategories: [], tags: [{ key: "team", values: ["ml"] }] });
    expect(extractDimensions("team=ml compute costs", REF)).toMatchObject({ serviceCategories: ["Compute"], tags: [{ key: "team", values: ["ml"] }] });
    expect(extractDimensions("what's our ml spend", REF).serviceCategories).toEqual(["AI and Machine Learning"]);
  });

  it("reads 'env prod' as a tag value, but not 'per environment prod vs dev', which names accounts to compare", () => {
    expect(extractDimensions("env prod spend", REF).tags).toEqual([{ key: "env", values: ["prod"] }]);
    expect(extractDimensions("cost per environment prod vs dev vs staging", REF)).toMatchObject({
      tags: [],
      accounts: ["prod", "dev", "staging"],
      groupBy: { dimension: "Tag", tagKey: "env" },
    });
  });

  it("reads both sides of 'compare prod and dev' as accounts", () => {
    expect(extractDimensions("compare prod and dev spend over the last 3 months", REF).accounts).toEqual(["prod", "dev"]);
    expect(extractDimensions("compare staging with dev", REF).accounts).toEqual(["staging", "dev"]);
  });

  it("lists every value a scope uses ('which services does the ml team use?'), not the top ten", () => {
    expect(extractDimensions("Which services does the ml team use?", REF).topN).toBe(ALL_ROWS);
    expect(extractDimensions("what regions do we run in?", REF).topN).toBe(ALL_ROWS);
    expect(extractDimensions("which services does the ml team use the most?", REF).topN).toBeUndefined();
  });

  it("reads both sides of 'prod vs dev' as accounts", () => {
    expect(extractDimensions("prod vs dev spend", REF).accounts).toEqual(["prod", "dev"]);
    // What a schedule stops: "shutting down dev at night", "stopped staging at weekends"; the dev team is a team.
    expect(extractDimensions("What would we save by shutting down dev at night?", REF).accounts).toEqual(["dev"]);
    expect(extractDimensions("if we stopped staging at weekends", REF).accounts).toEqual(["staging"]);
    expect(extractDimensions("turning off the dev team's VMs", REF).accounts).toEqual([]);
    expect(extractDimensions("shared versus data accounts last month", REF).accounts).toEqual(["shared", "data"]);
  });

  it("reads a nickname listed with prod or staging as an account too ('dev and staging'), not a team listed so", () => {
    expect(extractDimensions("How much do dev and staging cost together?", REF).accounts).toEqual(["dev", "staging"]);
    expect(extractDimensions("spend for prod, staging and dev", REF).accounts).toEqual(["prod", "staging", "dev"]);
    expect(extractDimensions("cost of dev and prod", REF).accounts).toEqual(["dev", "prod"]);
    expect(extractDimensions("the staging and data teams' spend", REF).accounts).toEqual(["staging"]);
    // Neither names accounts for sure: "data" is as likely the data teams' or data transfer.
    expect(extractDimensions("dev and data costs", REF).accounts).toEqual([]);
  });

  it("reads account nicknames, account ids and regions", () => {
    const d = extractDimensions("prod vs staging accounts and 123456789012 in us-east-1, westeurope, europe-west1", REF);
    expect(d.accounts).toEqual(["123456789012", "prod", "staging"]);
    expect(d.regions).toEqual(["us-east-1", "europe-west1", "westeurope"]);
  });

  it("reads tag filters from key=value, key:value, teams and env", () => {
    expect(extractDimensions("cost for team=data", REF).tags).toEqual([{ key: "team", values: ["data"] }]);
    expect(extractDimensions("spend tagged app:checkout", REF).tags).toEqual([{ key: "app", values: ["checkout"] }]);
    expect(extractDimensions("costs for the payments team", REF).tags).toEqual([{ key: "team", values: ["payments"] }]);
    expect(extractDimensions("what does the checkout app cost", REF).tags).toEqual([{ key: "app", values: ["checkout"] }]);
    expect(extractDimensions("cost of our web app", REF).tags).toEqual([]);
    expect(extractDimensions("env prod spend", REF)).toMatchObject({ tags: [{ key: "env", values: ["prod"] }], accounts: [] });
    expect(extractDimensions("moving dev workloads to spot", REF).accounts).toEqual(["dev"]);
    expect(extractDimensions("quick one: what's the spend", REF).tags).toEqual([]);
  });

  it("reads two metrics set against each other, in the order named, and only when they are", () => {
    expect(extractDimensions("amortized vs billed cost last month", REF).metrics).toEqual(["EffectiveCost", "BilledCost"]);
    expect(extractDimensions("billed and list cost for EC2", REF).metrics).toEqual(["BilledCost", "ListCost"]);
    expect(extractDimensions("billed cost for EC2 last month", REF).metrics).toEqual([]);
    // What was actually paid, against list, is the effective cost.
    expect(extractDimensions("How much do we pay in list price vs what we actually paid?", REF).metrics).toEqual(["ListCost", "EffectiveCost"]);
    expect(extractDimensions("actual cost compared to list prices", REF).metrics).toEqual(["EffectiveCost", "ListCost"]);
    expect(extractDimensions("what we actually paid last month", REF).metrics).toEqual([]);
  });

  it("reads a share-of-the-bill question and a count question", () => {
    expect(extractDimensions("What percentage of our spend is on compute?", REF)).toMatchObject({ share: true, serviceCategories: ["Compute"] });
    expect(extractDimensions("what share of the bill is AWS", REF).share).toBe(true);
    expect(extractDimensions("spend by service", REF).share).toBe(false);
    expect(extractDimensions("How much did tax add to our bill last month?", REF)).toMatchObject({ share: true, chargeCategories: ["Tax"] });
    expect(extractDimensions("how much of our bill is support", REF).share).toBe(true);
    expect(extractDimensions("how much did we add to the storage budget", REF).share).toBe(false);
    // Weekends in general, not one weekend.
    expect(extractDimensions("do we spend less at weekends?", REF).weekends).toBe(true);
    expect(extractDimensions("average daily spend on weekends vs weekdays", REF).weekends).toBe(true);
    expect(extractDimensions("what did we spend over the weekend?", REF).weekends).toBe(false);
    expect(extractDimensions("spend last weekend", REF).weekends).toBe(false);
    expect(extractDimensions("how much of the EC2 spend is on demand", REF).share).toBe(false);
    expect(extractDimensions("How many accounts do we have?", REF)).toMatchObject({ count: true, groupBy: { dimension: "SubAccountId" } });
    expect(extractDimensions("how many regions are we in", REF)).toMatchObject({ count: true, groupBy: { dimension: "RegionId" } });
    expect(extractDimensions("how many dollars did we spend", REF).count).toBe(false);
  });

  it("reads the kinds of resource a ranking names as a breakdown by resource", () => {
    expect(extractDimensions("Which storage buckets cost the most?", REF)).toMatchObject({ groupBy: { dimension: "ResourceId" }, serviceCategories: ["Storage"] });
    for (const text of ["what are our biggest VMs?", "top 5 most expensive disks", "which clusters cost the most", "cost per bucket"]) {
      expect(extractDimensions(text, REF).groupBy, text).toEqual({ dimension: "ResourceId" });
    }
    // A database is one database; the database services are by service, and "spend on databases" is not a ranking.
    for (const text of ["What's the monthly cost of our largest database?", "which databases cost the most", "top 5 databases last month"]) {
      expect(extractDimensions(text, REF), text).toMatchObject({ groupBy: { dimension: "ResourceId" }, serviceCategories: ["Databases"] });
    }
    expect(extractDimensions("database costs by service", REF).groupBy).toEqual({ dimension: "ServiceName" });
    // Resource groups named: as filters, taken out of the text ("rg-checkout-prod" is not the prod accounts).
    expect(extractDimensions("Show me the resources in rg-checkout-prod", REF)).toMatchObject({ resourceGroups: ["rg-checkout-prod"], accounts: [], groupBy: { dimension: "ResourceId" } });
    expect(extractDimensions("spend for resource groups web-prod and data_01 last month", REF).resourceGroups).toEqual(["web-prod", "data_01"]);
    expect(extractDimensions("spend excluding rg-data", REF).excluded?.resourceGroups).toEqual(["rg-data"]);
    expect(extractDimensions("which resource groups cost the most", REF).resourceGroups).toEqual([]);
    // Buckets are storage when no service says whose.
    expect(extractDimensions("Which bucket grew the most?", REF)).toMatchObject({ serviceCategories: ["Storage"], groupBy: { dimension: "ResourceId" } });
    expect(extractDimensions("top 5 S3 buckets", REF).serviceCategories).toEqual([]);
    // A model's tokens are its SKUs; a pricing model is a pricing category.
    expect(extractDimensions("What did we spend on Bedrock per model last month?", REF).groupBy).toEqual({ dimension: "SkuId" });
    expect(extractDimensions("spend by pricing model", REF).groupBy).toEqual({ dimension: "PricingCategory" });
    // Azure resource groups are groups, not resources.
    for (const text of ["Azure spend by resource group", "which resource groups cost the most", "cost per RG"]) {
      expect(extractDimensions(text, REF).groupBy, text).toEqual({ dimension: "ResourceGroup" });
    }
    expect(extractDimensions("how much do we spend on databases", REF).groupBy).toBeUndefined();
  });

  it("reads how spend is split across a dimension as a breakdown by it", () => {
    expect(extractDimensions("how is our spend split across clouds?", REF).groupBy).toEqual({ dimension: "ProviderName" });
    expect(extractDimensions("how is the bill divided between teams", REF).groupBy).toEqual({ dimension: "Tag", tagKey: "team" });
  });

  it("reads resources by id or name, and nothing else from their words", () => {
    const named = extractDimensions("how much does search-staging-bedrock-0052 cost in us-east-1?", REF);
    expect(named).toMatchObject({ resources: ["search-staging-bedrock-0052"], regions: ["us-east-1"], services: [], accounts: [] });
    expect(extractDimensions("what did i-0a1b2c3d4e5f6a7b8 cost", REF).resources).toEqual(["i-0a1b2c3d4e5f6a7b8"]);
    const arn = "arn:aws:bedrock:us-east-1:345678901234:application-inference-profile/2d0d2819075b";
    expect(extractDimensions(`what does ${arn} cost?`, REF)).toMatchObject({ resources: [arn], regions: [], services: [] });
    // Hyphenated words that are not resources: regions, tag keys, dates.
    expect(extractDimensions("cost-center spend in us-east-1 on 2025-09-15", REF).resources).toEqual([]);
    // A model's name ("gpt-4o") is a name too: scope.ts looks it up as a resource, then as SKUs.
    expect(extractDimensions("how much did we spend on gpt-4o last month?", REF).resources).toEqual(["gpt-4o"]);
    expect(extractDimensions("what did claude-3 cost", REF).resources).toEqual(["claude-3"]);
    for (const text of ["spend in mid-2025", "year-2025 spend", "top-5 services", "our week-2 costs", "ec2 vs s3 costs"]) {
      expect(extractDimensions(text, REF).resources, text).toEqual([]);
    }
  });

  it("reads a unit cost question", () => {
    for (const text of ["What's our unit cost per GB for S3?", "how much do we pay per hour for EC2", "cost per million requests for lambda"]) {
      expect(extractDimensions(text, REF).unitCost, text).toBe(true);
    }
    expect(extractDimensions("what do we spend per day", REF).unitCost).toBe(false);
  });

  it("reads on-demand set against committed or spot capacity as spend by pricing category", () => {
    for (const text of ["How much is on-demand vs committed?", "reserved versus on demand spend", "spend by pricing model"]) {
      expect(extractDimensions(text, REF).groupBy, text).toEqual({ dimension: "PricingCategory" });
    }
    expect(extractDimensions("on-demand spend for EC2", REF).groupBy).toBeUndefined();
  });

  it("reads the parts of the world a question names, not the pronoun 'us'", () => {
    expect(extractDimensions("How much did we spend in Europe?", REF).geographies).toEqual(["Europe"]);
    expect(extractDimensions("what did we spend in the US and APAC", REF).geographies).toEqual(["North America", "Asia Pacific"]);
    expect(extractDimensions("tell us our spend last month", REF).geographies).toEqual([]);
  });

  it("reads 'prod vs non-prod' as the prod accounts against every other cost", () => {
    expect(extractDimensions("What's the cost split between prod and non-prod?", REF)).toMatchObject({ accounts: ["prod"], versusRest: true });
    expect(extractDimensions("prod vs everything else last month", REF).versusRest).toBe(true);
    expect(extractDimensions("compare prod and dev", REF).versusRest).toBe(false);
  });

  it("reads the commitment terms a question names, in order, and not a period of years", () => {
    expect(extractDimensions("What would a 3-year savings plan save us?", REF).commitmentTerms).toEqual(["3y"]);
    expect(extractDimensions("Should we buy 1-year or 3-year savings plans?", REF).commitmentTerms).toEqual(["1y", "3y"]);
    expect(extractDimensions("compare 1 or 3 year reserved instances", REF).commitmentTerms).toEqual(["1y", "3y"]);
    expect(extractDimensions("how much would reservations for three years save", REF).commitmentTerms).toEqual(["3y"]);
    expect(extractDimensions("how much did we spend over the last 3 years", REF).commitmentTerms).toEqual([]);
  });

  it("reads a question about a pricing kind's share as the pricing categories asked for, in the order named", () => {
    expect(extractDimensions("What percentage of our compute spend is on-demand?", REF)).toMatchObject({ pricingKinds: ["Standard"], groupBy: { dimension: "PricingCategory" } });
    expect(extractDimensions("how much of our EC2 runs on spot", REF).pricingKinds).toEqual(["Dynamic"]);
    expect(extractDimensions("what share of EC2 is reserved vs on demand", REF).pricingKinds).toEqual(["Committed", "Standard"]);
    // How commitments are used or cover usage is the commitments' own measure, not a pricing split.
    expect(extractDimensions("What percentage of our reserved instances are utilized?", REF).pricingKinds).toEqual([]);
    expect(extractDimensions("what percentage of usage is covered by reserved capacity", REF).pricingKinds).toEqual([]);
    expect(extractDimensions("on-demand spend for EC2", REF).pricingKinds).toEqual([]);
  });

  it("reads the metric", () => {
    expect(extractDimensions("billed cost", REF).metric).toBe("BilledCost");
    expect(extractDimensions("amortized cost", REF).metric).toBe("EffectiveCost");
    expect(extractDimensions("effective cost", REF).metric).toBe("EffectiveCost");
    expect(extractDimensions("list cost", REF).metric).toBe("ListCost");
    expect(extractDimensions("contracted cost", REF).metric).toBe("ContractedCost");
    expect(extractDimensions("cost", REF).metric).toBeUndefined();
  });

  it("reads top N, thresholds and budgets", () => {
    expect(extractDimensions("top 5 services", REF).topN).toBe(5);
    expect(extractDimensions("the biggest three accounts", REF).topN).toBe(3);
    // "List all", "show every": as many as a breakdown lists; "across all services" lists no more than usual.
    expect(extractDimensions("list all services we use", REF).topN).toBe(ALL_ROWS);
    expect(extractDimensions("show me every account", REF).topN).toBe(ALL_ROWS);
    expect(extractDimensions("what's our spend across all services?", REF).topN).toBeUndefined();
    // Tokens are billed per model and direction: by SKU.
    expect(extractDimensions("how much did we pay for Bedrock tokens last month?", REF).groupBy).toEqual({ dimension: "SkuId" });
    expect(extractDimensions("Bedrock spend by team", REF).groupBy).toEqual({ dimension: "Tag", tagKey: "team" });
    expect(extractDimensions("services over $1,000", REF).thresholds).toEqual([
      { kind: "amount", op: "gt", value: 1000, resolvedFrom: "over $1,000" },
    ]);
    expect(extractDimensions("grew more than 20%", REF).thresholds).toMatchObject([{ kind: "percent", op: "gt", value: 20 }]);
    expect(extractDimensions("a budget of 50k", REF).thresholds).toMatchObject([{ kind: "budget", value: 50_000 }]);
    expect(parseAmount("$2.5m")).toBe(2_500_000);
  });

  it("reads granularity and group-by", () => {
    expect(extractDimensions("daily spend by region", REF)).toMatchObject({
      granularity: "daily",
      groupBy: { dimension: "RegionId" },
    });
    expect(extractDimensions("weekly cost per account", REF)).toMatchObject({
      granularity: "weekly",
      groupBy: { dimension: "SubAccountId" },
    });
    expect(extractDimensions("monthly spend by team", REF)).toMatchObject({
      granularity: "monthly",
      groupBy: { dimension: "Tag", tagKey: "team" },
    });
  });
});
