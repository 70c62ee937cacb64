import { describe, expect, it } from "vitest";
import { classifyQuery } from "../classifier/classify-query.ts";
import { extractDimensions, type QueryDimensions } from "../classifier/dimensions.ts";
import type { Intent } from "../classifier/intents.ts";
import { describeQuery } from "./describe.ts";
import { isFollowUp, type RewriteResult, rewriteQuery } from "./rewrite.ts";

const REF = "2025-11-15";

function turn(text: string, previous?: RewriteResult, dataRange?: { start: string; end: string }) {
  const context = previous ? { previous: { intent: previous.intent, dimensions: previous.dimensions } } : undefined;
  const classification = classifyQuery({ text, referenceDate: REF, context });
  const prev = previous && {
    rewrittenQuery: previous.rewrittenQuery,
    intent: previous.intent as Intent,
    dimensions: previous.dimensions as QueryDimensions,
  };
  return rewriteQuery({ text, classification, referenceDate: REF, dataRange, previous: prev });
}

describe("rewriteQuery", () => {
  it("keeps a breakdown by subscription through 'which of those grew?' and reads a bare 'why?' as that change explained", () => {
    const azure = turn("What did we spend on Azure last month?");
    // "Subscription" names Azure again: no subject replaced, nothing set beside it.
    const bySubscription = turn("break that down by subscription", azure);
    expect(bySubscription.dimensions.alongside).toBeUndefined();
    const grew = turn("which of those grew?", bySubscription);
    expect(grew.intent).toBe("spend_comparison");
    expect(grew.dimensions).toMatchObject({ providers: ["Microsoft"], groupBy: { dimension: "SubAccountId" } });
    const why = turn("why?", grew);
    expect(why.dimensions.explain).toBe(true);
    expect(why.dimensions.groupBy).toEqual({ dimension: "SubAccountId" });
  });

  it("sets the subject a follow-up replaced against the new one when asked which of them", () => {
    const first = turn("What did we spend on Azure OpenAI last month?");
    const second = turn("And Bedrock?", first);
    expect(second.dimensions).toMatchObject({ services: ["Amazon Bedrock"], alongside: { services: ["Azure OpenAI"], providers: ["Microsoft"] } });
    const third = turn("Which one grew faster?", second);
    expect(third.intent).toBe("spend_comparison");
    expect(third.dimensions).toMatchObject({ services: ["Azure OpenAI", "Amazon Bedrock"], providers: ["Microsoft", "AWS"], growth: true, alongside: undefined });
    expect(third.dimensions.timeRange).toEqual(first.dimensions.timeRange);
    // A team replaced by another stays beside it too, and "which of them … on storage" narrows both.
    const ml = turn("What did the ml team spend last month?");
    const platform = turn("What about the data platform team?", ml);
    expect(platform.dimensions.alongside?.tags).toEqual([{ key: "team", values: ["ml"] }]);
    const storage = turn("Which of them spent more on storage?", platform);
    expect(storage.dimensions).toMatchObject({ tags: [{ key: "team", values: ["ml", "data platform"] }], serviceCategories: ["Storage"] });
    // A third replaces the second: both earlier ones stay beside it, and "which one" sets all three side by side.
    const vertex = turn("And Vertex AI?", second);
    expect(vertex.dimensions.alongside?.services).toEqual(["Azure OpenAI", "Amazon Bedrock"]);
    const three = turn("Which one grew the fastest?", vertex);
    expect(three.dimensions.services).toEqual(["Azure OpenAI", "Amazon Bedrock", "Vertex AI"]);
    // A follow-up that replaces nothing keeps no subject beside it.
    expect(turn("And last quarter?", first).dimensions.alongside).toBeUndefined();
  });

  it("keeps a showback when a follow-up changes how it splits shared cost", () => {
    const chargeback = turn("Show me the chargeback report for last month");
    expect(chargeback).toMatchObject({ intent: "cost_allocation", dimensions: { sharedSplit: "proportional" } });
    const even = turn("Split it evenly instead", chargeback);
    expect(even).toMatchObject({ intent: "cost_allocation", dimensions: { sharedSplit: "even" } });
    expect(even.dimensions.timeRange).toEqual(chargeback.dimensions.timeRange);
    // A follow-up that says nothing of the split keeps it.
    expect(turn("And for September?", chargeback).dimensions.sharedSplit).toBe("proportional");
  });

  it("carries the scope across a three-turn conversation", () => {
    const first = turn("What did we spend on EC2 last month?");
    expect(first.rewrittenQuery).toBe(
      "AWS EffectiveCost for Amazon Elastic Compute Cloud from 2025-10-01 to 2025-10-31",
    );
    expect(first.carriedOver).toEqual([]);

    const second = turn("and for Azure?", first);
    expect(second.intent).toBe("cost_analysis");
    expect(second.dimensions).toMatchObject({
      providers: ["Microsoft"],
      services: ["Virtual Machines"],
      timeRange: { start: "2025-10-01", end: "2025-11-01" },
    });
    expect(second.carriedOver).toEqual(expect.arrayContaining(["timeRange", "services"]));
    expect(second.rewrittenQuery).toBe("Microsoft Azure EffectiveCost for Virtual Machines from 2025-10-01 to 2025-10-31");

    const third = turn("break that down by region", second);
    expect(third.intent).toBe("cost_analysis");
    expect(third.dimensions).toMatchObject({
      providers: ["Microsoft"],
      services: ["Virtual Machines"],
      timeRange: { start: "2025-10-01", end: "2025-11-01" },
      groupBy: { dimension: "RegionId" },
    });
    expect(third.carriedOver).toEqual(expect.arrayContaining(["timeRange", "providers", "services"]));
    expect(third.rewrittenQuery).toBe(
      "Microsoft Azure EffectiveCost for Virtual Machines from 2025-10-01 to 2025-10-31 by region",
    );
  });

  it("'break that down by region' after a breakdown by team splits each team by region; 'and for Q3?' keeps both", () => {
    const byTeam = turn("cost by team last month");
    expect(byTeam.dimensions).toMatchObject({ groupBy: { dimension: "Tag", tagKey: "team" } });
    expect(byTeam.dimensions.thenBy).toBeUndefined();
    const drilled = turn("break that down by region", byTeam);
    expect(drilled.dimensions).toMatchObject({ groupBy: { dimension: "Tag", tagKey: "team" }, thenBy: { dimension: "RegionId" } });
    expect(drilled.rewrittenQuery).toMatch(/by tag team, then by region$/);
    const q3 = turn("and for Q3?", drilled);
    expect(q3.dimensions).toMatchObject({ groupBy: { dimension: "Tag", tagKey: "team" }, thenBy: { dimension: "RegionId" } });
    // A new grouping replaces both.
    expect(turn("and by service?", drilled).dimensions).toMatchObject({ groupBy: { dimension: "ServiceName" }, thenBy: undefined });
  });

  it("'show me only the AWS ones' narrows the last ranking; 'and in Europe?' after a region replaces it", () => {
    const grew = turn("Which services grew the most last quarter?");
    const aws = turn("Show me only the AWS ones", grew);
    expect(aws.intent).toBe(grew.intent);
    expect(aws.dimensions).toMatchObject({ providers: ["AWS"], growth: true, timeRange: grew.dimensions.timeRange });
    const east = turn("How much did we spend in us-east-1 last month?");
    expect(turn("And in Europe?", east).dimensions).toMatchObject({ regions: [], geographies: ["Europe"] });
    expect(turn("And us-west-2?", turn("What did we spend in Europe last month?")).dimensions).toMatchObject({ regions: ["us-west-2"], geographies: [] });
  });

  it("'only prod' after the top accounts keeps them grouped by account (a nickname stands for several); an account id narrows to one", () => {
    const top = turn("What are our top 5 accounts by spend this year?");
    expect(top.dimensions.groupBy).toEqual({ dimension: "SubAccountId" });
    expect(turn("Only prod", top).dimensions).toMatchObject({ accounts: ["prod"], groupBy: { dimension: "SubAccountId" } });
    expect(turn("just 210987654321", top).dimensions).toMatchObject({ accounts: ["210987654321"], groupBy: undefined });
  });

  it("'what about just us-east-1?' after a breakdown by region narrows to that region and stops grouping by it", () => {
    const byRegion = turn("EC2 costs last month by region");
    expect(byRegion.dimensions.groupBy).toEqual({ dimension: "RegionId" });
    const one = turn("what about just us-east-1?", byRegion);
    expect(one.dimensions).toMatchObject({ regions: ["us-east-1"], services: ["Amazon Elastic Compute Cloud"], groupBy: undefined });
    expect(one.carriedOver).not.toContain("groupBy");
    // By team, then region: naming a team keeps its regions; naming a region keeps the teams.
    const drilled = turn("break that down by region", turn("cost by team last month"));
    expect(turn("and just the ml team?", drilled).dimensions).toMatchObject({ groupBy: { dimension: "RegionId" }, thenBy: undefined, tags: [{ key: "team", values: ["ml"] }] });
    expect(turn("what about just us-east-1?", drilled).dimensions).toMatchObject({ groupBy: { dimension: "Tag", tagKey: "team" }, thenBy: undefined, regions: ["us-east-1"] });
    // A value of something else keeps the grouping.
    expect(turn("and just for AWS?", byRegion).dimensions.groupBy).toEqual({ dimension: "RegionId" });
  });

  it("'compare to last month' and 'vs September' after one region's spend keep that region", () => {
    const data = { start: "2025-01-01", end: "2025-11-14" };
    const one = turn("just us-east-1", turn("by region", turn("Show me our spend", undefined, data), data), data);
    expect(one.dimensions.regions).toEqual(["us-east-1"]);
    for (const text of ["compare to last month", "vs September", "compared with the month before"]) {
      const compared = turn(text, one, data);
      expect(compared.intent, text).toBe("spend_comparison");
      expect(compared.dimensions.regions, text).toEqual(["us-east-1"]);
      expect(compared.carriedOver, text).toContain("regions");
    }
    // A new question that opens with other words is not one.
    expect(turn("compare AWS and Azure spend last month", one, data).dimensions.regions).toEqual([]);
  });

  it("'and how does that compare to the quarter before?' compares the previous turn's quarter with the one before it", () => {
    const first = turn("What did we spend on Azure last quarter?");
    const second = turn("which subscriptions drove that?", first);
    expect(second.dimensions).toMatchObject({ providers: ["Microsoft"], groupBy: { dimension: "SubAccountId" } });
    const third = turn("and how does that compare to the quarter before?", second);
    expect(third.intent).toBe("spend_comparison");
    expect(third.dimensions).toMatchObject({
      providers: ["Microsoft"],
      timeRange: { start: "2025-07-01", end: "2025-10-01" },
      comparison: { mode: "between_periods", baseline: { start: "2025-04-01", end: "2025-07-01" } },
    });
    // Without "compare", the same words step the period back instead.
    expect(turn("and the quarter before?", second).dimensions.timeRange).toMatchObject({ start: "2025-04-01", end: "2025-07-01" });
  });

  it("'how does that compare to last year?' keeps the previous turn's period and sets it against the one named", () => {
    const ytd = turn("What's our total spend year to date?");
    const yoy = turn("how does that compare to last year?", ytd);
    expect(yoy.intent).toBe("spend_comparison");
    expect(yoy.dimensions.timeRange).toMatchObject({ start: ytd.dimensions.timeRange!.start, end: ytd.dimensions.timeRange!.end });
    expect(yoy.dimensions.comparison).toMatchObject({ mode: "year_over_year" });
    // A period named by name is the baseline itself.
    const october = turn("What did we spend in October?");
    const against = turn("compare that to September", october);
    expect(against.dimensions.timeRange).toMatchObject({ start: "2025-10-01", end: "2025-11-01" });
    expect(against.dimensions.comparison).toMatchObject({ mode: "between_periods", baseline: { start: "2025-09-01", end: "2025-10-01" } });
  });

  it("reads a longer message as a follow-up only when it opens as one or steps back a period", () => {
    expect(isFollowUp("and how does that compare to the quarter before?")).toBe(true);
    expect(isFollowUp("and what about the same numbers for our staging accounts in Azure?")).toBe(true);
    expect(isFollowUp("show me all the services that grew more than 20% in October")).toBe(false);
    expect(isFollowUp("for each team, what did we spend on EC2 last month?")).toBe(false);
    // Or when it asks about what the last answer was about.
    expect(isFollowUp("how has that changed over the last 6 months?")).toBe(true);
    expect(isFollowUp("what drove that in the second half of the year?")).toBe(true);
    expect(isFollowUp("how has our total cloud spend changed over the last 6 months?")).toBe(false);
    expect(isFollowUp("show me all the services that grew more than 20% in the last quarter")).toBe(false);
    // A grouping alone regroups the last answer.
    expect(isFollowUp("by service")).toBe(true);
    expect(isFollowUp("per team")).toBe(true);
    expect(isFollowUp("split by account")).toBe(true);
    expect(isFollowUp("by how much did EC2 grow last month?")).toBe(false);
  });

  it("reads 'their' and 'which of these' as about the last answer's subject", () => {
    const first = turn("What did the ML team spend last month?");
    const next = turn("Which of their services grew the most?", first);
    expect(next.carriedOver).toContain("tags");
    expect(next.dimensions.tags).toEqual(first.dimensions.tags);
    expect(next.dimensions.tags.length).toBeGreaterThan(0);
    expect(isFollowUp("which of these cost the most")).toBe(true);
    expect(isFollowUp("which of them are in prod")).toBe(true);
    expect(isFollowUp("what did we spend these last two weeks")).toBe(false);
  });

  it("keeps a weekends-against-weekdays ask, and a new-values ask, on a follow-up that changes the scope", () => {
    expect(turn("and for AWS?", turn("do we spend less at weekends?")).dimensions).toMatchObject({ weekends: true, providers: ["AWS"] });
    expect(turn("and for Azure?", turn("which services are new this month?")).dimensions).toMatchObject({ appeared: "new", providers: ["Microsoft"] });
    expect(turn("What about Accounts?", turn("which services have the most volatile daily spend?")).dimensions).toMatchObject({
      volatility: "most",
      groupBy: { dimension: "SubAccountId" },
    });
  });

  it("replaces only the time range for 'what about last quarter?'", () => {
    const next = turn("what about last quarter?", turn("S3 spend in the prod account last month by service"));
    expect(next.dimensions).toMatchObject({
      services: ["Amazon Simple Storage Service"],
      accounts: ["prod"],
      groupBy: { dimension: "ServiceName" },
      timeRange: { start: "2025-07-01", end: "2025-10-01" },
    });
  });

  it("narrows 'kubernetes' on every cloud to Azure's on 'and for Azure?', and keeps a taxes or run-rate question's ask", () => {
    const first = turn("what did kubernetes cost last month?");
    expect(first.dimensions.services).toHaveLength(3);
    const next = turn("and for Azure?", first);
    expect(next.dimensions).toMatchObject({ providers: ["Microsoft"], services: ["Azure Kubernetes Service"] });

    const taxes = turn("and for AWS?", turn("how much did we pay in taxes last month?"));
    expect(taxes.dimensions).toMatchObject({ providers: ["AWS"], chargeCategories: ["Tax"] });
    expect(taxes.rewrittenQuery).toBe("AWS EffectiveCost for charge category Tax from 2025-10-01 to 2025-10-31");

    const rate = turn("and for GCP?", turn("what's our monthly run rate?"));
    expect(rate.dimensions).toMatchObject({ providers: ["Google Cloud"], rate: true });
  });

  it("reads a service by the name the data gives it, replacing the previous turn's on a follow-up", () => {
    const services = [{ name: "AWS Glue", provider: "AWS" }, { name: "Amazon Elastic Compute Cloud", provider: "AWS" }];
    const rewrite = (text: string, previous?: RewriteResult) => {
      const context = previous ? { previous: { intent: previous.intent, dimensions: previous.dimensions } } : undefined;
      const classification = classifyQuery({ text, referenceDate: REF, context });
      const prev = previous && { rewrittenQuery: previous.rewrittenQuery, intent: previous.intent, dimensions: previous.dimensions };
      return rewriteQuery({ text, classification, referenceDate: REF, previous: prev, services });
    };
    const first = rewrite("EC2 spend last month");
    const next = rewrite("what about glue?", first);
    expect(next.dimensions).toMatchObject({ services: ["AWS Glue"], timeRange: { start: "2025-10-01" } });
    expect(next.rewrittenQuery).toBe("AWS EffectiveCost for AWS Glue from 2025-10-01 to 2025-10-31");
  });

  it("moves the previous turn's period one step back for 'and the month before?', keeping its scope", () => {
    const first = turn("What did we spend on Azure last month?");
    const before = turn("and the month before?", first);
    expect(before.dimensions).toMatchObject({ providers: ["Microsoft"], timeRange: { start: "2025-09-01", end: "2025-10-01", label: "September 2025 (2025-09-01 to 2025-09-30)" } });
    expect(before.carriedOver).not.toContain("timeRange");
    // "the previous month" in a follow-up means the one before the previous turn's, not last month again.
    expect(turn("and the previous month?", first).dimensions.timeRange).toMatchObject({ start: "2025-09-01" });
    expect(turn("the quarter before?", turn("EC2 spend in Q3")).dimensions.timeRange).toMatchObject({ start: "2025-04-01", end: "2025-07-01", label: "Q2 2025 (2025-04-01 to 2025-06-30)" });
    expect(turn("and the week before?", turn("spend from Sept 8 to Sept 14")).dimensions.timeRange).toMatchObject({ start: "2025-09-01", end: "2025-09-08" });
    // A month, or days, within one quarter: the whole quarter before that one (October is in Q4: Q3), not a month.
    expect(turn("what about the quarter before?", first).dimensions.timeRange).toMatchObject({ start: "2025-07-01", end: "2025-10-01", label: "Q3 2025 (2025-07-01 to 2025-09-30)" });
    expect(turn("and the quarter before?", turn("spend from Sept 8 to Sept 14")).dimensions.timeRange).toMatchObject({ start: "2025-04-01", end: "2025-07-01" });
    // With no period of its own, the previous turn used the latest complete month of data.
    const data = { start: "2025-01-01", end: "2025-11-14" };
    expect(turn("and the one before?", turn("spend by service", undefined, data), data).dimensions.timeRange).toMatchObject({ start: "2025-09-01", end: "2025-10-01" });
  });

  it("keeps asking why for 'and the quarter before?', not for a follow-up with an ask of its own", () => {
    const why = turn("Why did our S3 spend go up last month?");
    expect(why.dimensions.explain).toBe(true);
    const before = turn("what about the quarter before?", why);
    expect(before.dimensions).toMatchObject({ explain: true, services: ["Amazon Simple Storage Service"], timeRange: { start: "2025-07-01", end: "2025-10-01" } });
    expect(turn("and for Azure?", why).dimensions.explain).toBe(true);
    expect(turn("and how much did we spend on EC2?", why).dimensions.explain).toBeUndefined();
    expect(turn("What did we spend on S3 last month?").dimensions.explain).toBeUndefined();
  });

  it("moves the previous turn's period back a year for 'the same quarter last year?', keeping its scope", () => {
    const first = turn("Azure cost by region for Q3");
    const before = turn("what about the same quarter last year?", first);
    expect(before.dimensions).toMatchObject({ providers: ["Microsoft"], timeRange: { start: "2024-07-01", end: "2024-10-01", label: "Q3 2024 (2024-07-01 to 2024-09-30)" } });
    expect(turn("and a year earlier?", turn("spend in October")).dimensions.timeRange).toMatchObject({ start: "2024-10-01", end: "2024-11-01" });
    expect(turn("same month last year?", turn("EC2 spend last month")).dimensions.timeRange).toMatchObject({ start: "2024-10-01", end: "2024-11-01" });
    // Days keep their days of the month (it was the 1st to the 1st: an empty range).
    expect(turn("and the same days a year earlier?", turn("spend from Sept 1 to Sept 15")).dimensions.timeRange).toMatchObject({ start: "2024-09-01", end: "2024-09-16" });
  });

  it("keeps a share, count, unit-cost or two-metric ask across a follow-up", () => {
    const share = turn("and storage?", turn("what percentage of our spend is compute?"));
    expect(share.dimensions).toMatchObject({ share: true, serviceCategories: ["Storage"] });
    expect(turn("and for Azure?", turn("what's our unit cost per GB for storage?")).dimensions.unitCost).toBe(true);
    expect(turn("and for AWS?", turn("amortized vs billed cost last month")).dimensions.metrics).toEqual(["EffectiveCost", "BilledCost"]);
  });

  it("reads 'they' as the last answer's subject: 'what are they spending the most on?' after a team's cost", () => {
    const team = turn("What are they spending the most on?", turn("what's the cost of the ml team?"));
    expect(team.dimensions.tags).toEqual([{ key: "team", values: ["ml"] }]);
  });

  it("adds a team filter for 'same for the data team'", () => {
    const next = turn("same for the data team", turn("How much did we spend on AWS last month?"));
    expect(next.intent).toBe("cost_analysis");
    expect(next.dimensions.tags).toEqual([{ key: "team", values: ["data"] }]);
    expect(next.rewrittenQuery).toBe("AWS EffectiveCost where tag team = data from 2025-10-01 to 2025-10-31");
  });

  it("turns 'why?' after a spend question into an anomaly question on the same scope", () => {
    const next = turn("why?", turn("What did we spend on EC2 last month?"));
    expect(next.intent).toBe("cost_anomaly_detection");
    expect(next.rewrittenQuery).toBe(
      "Anomalies and drivers of change in AWS EffectiveCost for Amazon Elastic Compute Cloud from 2025-10-01 to 2025-10-31",
    );
  });

  it("switches intent on a follow-up only when it names a new ask", () => {
    const previous = turn("What did we spend on EC2 last month?");
    const next = turn("and the forecast for that?", previous);
    expect(next.intent).toBe("forecast_prediction");
    expect(next.dimensions.services).toEqual(["Amazon Elastic Compute Cloud"]);
    expect(turn("and for GCP?", previous).intent).toBe("cost_analysis");
  });

  it("does not carry anything into a new, unrelated question", () => {
    const previous = turn("What did we spend on EC2 in the prod account last month by region?");
    for (const text of ["how much did we spend on BigQuery in Q3?", "BigQuery spend this month"]) {
      const next = turn(text, previous);
      expect(next.carriedOver, text).toEqual([]);
      expect(next.dimensions, text).toMatchObject({ services: ["BigQuery"], accounts: [], groupBy: undefined });
    }
  });

  it("resolves relative time against the latest data date when the data ends before the reference date", () => {
    const result = turn("What did we spend on EC2 last month?", undefined, { start: "2025-01-01", end: "2025-06-30" });
    expect(result.dimensions.timeRange).toMatchObject({ start: "2025-06-01", end: "2025-07-01" });
    expect(result.rewrittenQuery).toContain("from 2025-06-01 to 2025-06-30");
    expect(result.referenceNote).toMatch(/latest data date 2025-06-30/);
  });

  it("keeps the reference date when the data is only a day or two behind", () => {
    const result = turn("spend yesterday", undefined, { start: "2025-01-01", end: "2025-11-13" });
    expect(result.dimensions.timeRange).toMatchObject({ start: "2025-11-14" });
    expect(result.referenceNote).toMatch(/reference date 2025-11-15/);
  });

  it("expands synonyms and names every dimension in the rewritten text", () => {
    const text = "top 5 egress costs by region for team=data in us-east-1 last 30 days, billed";
    expect(describeQuery("cost_analysis", extractDimensions(text, REF), text)).toBe(
      "BilledCost for data transfer in region us-east-1 where tag team = data " +
        "from 2025-10-16 to 2025-11-14 by region top 5",
    );
  });
});
