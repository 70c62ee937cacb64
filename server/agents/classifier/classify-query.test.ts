import { describe, expect, it } from "vitest";
import { classifyQuery, splitQuestions } from "./classify-query.ts";
import { classify } from "./model.ts";
import { clarificationNeeded, multiIntent, TEST_SPLIT } from "./corpus/index.ts";
import { extractDimensions } from "./dimensions.ts";

const REF = "2025-11-15";

describe("classifyQuery", () => {
  it("answers a clear question with its intent and dimensions", () => {
    const result = classifyQuery({ text: "What did we spend on EC2 last month?", referenceDate: REF });
    expect(result).toMatchObject({
      intent: "cost_analysis",
      subQuestions: [],
      dimensions: { services: ["Amazon Elastic Compute Cloud"], timeRange: { start: "2025-10-01", end: "2025-11-01" } },
    });
    expect(result.confidence).toBeGreaterThanOrEqual(0.5);
    expect(result.clarification).toBeUndefined();
  });

  it("answers most held-out questions directly rather than splitting them or asking back", () => {
    const outcomes = { correct: 0, wrong: 0, clarification_needed: 0, multi_intent: 0 };
    for (const { text, intent } of TEST_SPLIT) {
      const result = classifyQuery({ text, referenceDate: REF });
      if (result.intent === intent) outcomes.correct++;
      else if (result.intent === "clarification_needed" || result.intent === "multi_intent") outcomes[result.intent]++;
      else outcomes.wrong++;
    }
    console.log(`classifyQuery on the ${TEST_SPLIT.length} held-out questions: ${JSON.stringify(outcomes)}`);
    expect(outcomes.correct / TEST_SPLIT.length).toBeGreaterThanOrEqual(0.9);
    expect(outcomes.multi_intent).toBe(0);
  });

  it("splits two asks into sub-questions and classifies each", () => {
    const result = classifyQuery({
      text: "What did we spend on EC2 last month, and also what's our forecast for December?",
      referenceDate: REF,
    });
    expect(result.intent).toBe("multi_intent");
    expect(result.subQuestions).toEqual(["What did we spend on EC2 last month", "what's our forecast for December"]);
    expect(result.parts.map((p) => p.intent)).toEqual(["cost_analysis", "forecast_prediction"]);
  });

  it("splits off asking what to do about it, but keeps 'and how it compares' one question", () => {
    const result = classifyQuery({ text: "What's our biggest cost driver this quarter and what can we do about it?", referenceDate: REF });
    expect(result.intent).toBe("multi_intent");
    expect(result.subQuestions).toEqual(["What's our biggest cost driver this quarter", "what can we do about it"]);
    expect(result.parts.map((p) => p.intent)).toEqual(["cost_analysis", "optimization_recommendation"]);
    expect(splitQuestions("Which service costs the most and how can we reduce it?")).toEqual(["Which service costs the most", "how can we reduce it"]);
    const comparison = classifyQuery({ text: "What did we spend in October and how does that compare to September?", referenceDate: REF });
    expect(comparison.intent).toBe("spend_comparison");
  });

  it("reads 'how has our spend changed?' as a comparison, not the spend itself", () => {
    for (const text of ["How has our spend changed this year?", "How has our AWS bill changed?"]) {
      expect(classifyQuery({ text, referenceDate: REF }).intent, text).toBe("spend_comparison");
    }
    expect(classifyQuery({ text: "How do I change my password?", referenceDate: REF }).intent).not.toBe("spend_comparison");
  });

  it("reads a service's usage growing as its spend over time, and a machine's CPU or memory usage as utilisation", () => {
    for (const text of ["Is our Bedrock usage growing?", "Is our Vertex AI usage increasing?", "is EC2 usage going up"]) {
      const c = classifyQuery({ text, referenceDate: REF });
      expect(c.intent, text).toBe("cost_analysis");
      expect(c.dimensions.direction, text).toBe(true);
    }
    for (const text of ["cpu usage for the prod account", "memory usage of our rds databases"]) {
      expect(classifyQuery({ text, referenceDate: REF }).intent, text).toBe("resource_utilization");
    }
  });

  it("reads a team's or an app's cost drivers as its spend broken down, not a question to ask back", () => {
    for (const text of ["What are the top cost drivers for the data platform team?", "What are the biggest cost drivers for the checkout app?"]) {
      expect(classifyQuery({ text, referenceDate: REF }).intent, text).toBe("service_breakdown");
    }
    expect(classifyQuery({ text: "what is a cost driver", referenceDate: REF }).intent).toBe("general_query");
  });

  it("reads 'where did costs increase the most?' as a change ranked, where the model was unsure", () => {
    const c = classifyQuery({ text: "where did costs increase the most", referenceDate: REF });
    expect(c.intent).toBe("spend_comparison");
    expect(c.dimensions.growth).toBe(true);
    expect(classifyQuery({ text: "What's our biggest cost increase this quarter?", referenceDate: REF }).dimensions.growth).toBe(true);
  });

  it("reads 'which services dropped last month?' as a change, not the month's breakdown the model was sure of", () => {
    for (const text of ["Which services dropped last month?", "Which services went up last month?", "which services got cheaper in October?"]) {
      expect(classifyQuery({ text, referenceDate: REF }).intent, text).toBe("spend_comparison");
    }
    expect(classifyQuery({ text: "Which services cost the most last month?", referenceDate: REF }).intent).toBe("service_breakdown");
  });

  it("reads spend in a period wholly after today as a forecast, however the model read it", () => {
    for (const text of ["What's our Azure bill going to be next month?", "what is our AWS spend going to look like in January?"]) {
      expect(classifyQuery({ text, referenceDate: "2026-12-07" }).intent, text).toBe("forecast_prediction");
    }
    expect(classifyQuery({ text: "what did we spend in January?", referenceDate: "2026-12-07" }).intent).toBe("cost_analysis");
  });

  it("reads 'what does staging cost?' as that spend, not a concept; 'what does amortized cost mean?' stays one", () => {
    for (const text of ["what does staging cost?", "what does prod cost?", "what do staging and dev cost?"]) {
      expect(classifyQuery({ text, referenceDate: REF }).intent, text).toBe("cost_analysis");
    }
    expect(classifyQuery({ text: "what does amortized cost mean for AWS?", referenceDate: REF }).intent).toBe("general_query");
  });

  it("reads a day of the week compared with the others as spend by day, and spikes on it as anomalies", () => {
    expect(classifyQuery({ text: "Are our costs higher on Mondays?", referenceDate: REF }).intent).toBe("cost_analysis");
    expect(classifyQuery({ text: "Are our costs higher on Mondays?", referenceDate: REF }).dimensions.weekends).toBe(true);
    expect(classifyQuery({ text: "any unusual spikes on mondays", referenceDate: REF }).intent).toBe("cost_anomaly_detection");
  });

  it("reads resources that are new or stopped costing as the spend that came or went, not utilisation", () => {
    for (const [text, appeared] of [
      ["Which resources are new this month?", "new"],
      ["Which resources stopped incurring costs last month?", "gone"],
      ["which resources stopped being charged in November", "gone"],
    ] as const) {
      const c = classifyQuery({ text, referenceDate: REF });
      expect(c.intent, text).toBe("cost_analysis");
      expect(c.dimensions.appeared, text).toBe(appeared);
    }
    expect(classifyQuery({ text: "which new resources are idle?", referenceDate: REF }).intent).toBe("resource_utilization");
  });

  it("reads the spend of resources tagged with values as that spend, not tag coverage", () => {
    for (const text of ["Show spend for resources tagged env=prod and team=ml", "what did resources tagged team=ml cost last month"]) {
      const c = classifyQuery({ text, referenceDate: REF });
      expect(c.intent, text).toBe("cost_analysis");
      expect(c.dimensions.tags.find((t) => t.key === "team")?.values, text).toEqual(["ml"]);
    }
    expect(classifyQuery({ text: "what is our tag coverage for team?", referenceDate: REF }).intent).toBe("tagging_compliance");
  });

  it("reads our values ranked by cost as a breakdown, not a general question", () => {
    const c = classifyQuery({ text: "What is the cheapest region we use?", referenceDate: REF });
    expect(c.intent).toBe("service_breakdown");
    expect(c.dimensions).toMatchObject({ smallestFirst: true, groupBy: { dimension: "RegionId" } });
  });

  it("reads a cost per unit as our unit cost, however plainly asked; what it means stays a concept", () => {
    for (const text of ["What is the cost per customer?", "What is the cost per request for Lambda?"]) {
      const c = classifyQuery({ text, referenceDate: REF });
      expect(c.intent, text).toBe("cost_analysis");
      expect(c.dimensions.unitCost, text).toBe(true);
    }
    for (const text of ["What does cost per customer mean?", "What is unit cost?"]) {
      expect(classifyQuery({ text, referenceDate: REF }).intent, text).toBe("general_query");
    }
  });

  it("reads what happened with a cost as that cost's change explained, not a question back", () => {
    const c = classifyQuery({ text: "What happened with networking costs in October?", referenceDate: REF });
    expect(c.intent).toBe("cost_analysis");
    expect(c.dimensions.explain).toBe(true);
  });

  it("reads the efficiency of the spend, KPIs or a scorecard as the efficiency measures, not a definition or recommendations", () => {
    for (const text of ["How efficient is our cloud spend?", "What are our FinOps KPIs?", "Give me a FinOps scorecard", "How well optimized is our cloud?"]) {
      expect(classifyQuery({ text, referenceDate: REF }).intent, text).toBe("cost_analysis");
    }
    expect(classifyQuery({ text: "how much waste do we have?", referenceDate: REF }).intent).toBe("savings_opportunity");
  });

  it("reads the spend on GPUs, data transfer or marketplace purchases as spend, not a question back", () => {
    const c = classifyQuery({ text: "What's the cost of the ml team's GPUs?", referenceDate: REF });
    expect(c.intent).toBe("cost_analysis");
    expect(c.dimensions).toMatchObject({ gpu: true, tags: [{ key: "team", values: ["ml"] }] });
    expect(classifyQuery({ text: "How much data did we transfer out to the internet last month?", referenceDate: REF }).dimensions.dataTransfer).toBe("internet");
    // Ours, which the model read short of sure as the concept; the concept itself stays one.
    expect(classifyQuery({ text: "What is our marketplace spend?", referenceDate: REF }).intent).toBe("cost_analysis");
    expect(classifyQuery({ text: "What is marketplace spend?", referenceDate: REF }).intent).toBe("general_query");
    expect(classifyQuery({ text: "What is our Datadog bill?", referenceDate: REF }).intent).toBe("cost_analysis");
    expect(classifyQuery({ text: "What is our amortized cost?", referenceDate: REF }).intent).toBe("cost_analysis");
    expect(classifyQuery({ text: "What is amortized cost?", referenceDate: REF }).intent).toBe("general_query");
    expect(classifyQuery({ text: "What does our bill mean?", referenceDate: REF }).intent).toBe("general_query");
  });

  it("reads the highest ROI of recommendations as the recommendations, whichever kind the model leaned to", () => {
    expect(classifyQuery({ text: "Which recommendations have the highest ROI?", referenceDate: REF }).intent).toBe("optimization_recommendation");
  });

  it("reads unattached or orphaned things as utilisation, however little else the question says", () => {
    const c = classifyQuery({ text: "Do we have any unattached disks?", referenceDate: REF });
    expect(c.intent).toBe("resource_utilization");
    expect(c.dimensions.resourceKinds).toEqual(["disk"]);
  });

  it("reads values counted by another ('teams that use more than one cloud') as spend counted, not a comparison", () => {
    const c = classifyQuery({ text: "Which teams use more than one cloud?", referenceDate: REF });
    expect(c.intent).toBe("cost_analysis");
    expect(c.dimensions.countBound).toEqual({ min: 2 });
  });

  it("reads cost-saving actions as recommendations, whatever period they are for", () => {
    for (const text of ["Give me the top 3 cost-saving actions for next month", "What are the top cost saving actions?", "which money-saving measures should we take"]) {
      expect(["optimization_recommendation", "savings_opportunity"], text).toContain(classifyQuery({ text, referenceDate: REF }).intent);
    }
  });

  it("reads the difference between two metrics over a period as their figures, and without one as the definitions", () => {
    expect(classifyQuery({ text: "What's the difference between billed and amortized cost last month?", referenceDate: REF }).intent).toBe("cost_analysis");
    expect(classifyQuery({ text: "What's the difference between billed and amortized cost?", referenceDate: REF }).intent).toBe("general_query");
  });

  it("reads what is spent on commitments as a commitment analysis, and spend they cover as spend", () => {
    for (const text of ["How much are we spending on Savings Plans?", "what do we pay for our reserved instances", "how much do we spend on commitments"]) {
      expect(classifyQuery({ text, referenceDate: REF }).intent, text).toBe("reserved_instance_analysis");
    }
    expect(classifyQuery({ text: "how much did we spend on EC2 last month", referenceDate: REF }).intent).toBe("cost_analysis");
  });

  it("reads what instance types cost as a breakdown by SKU, and what size they should be as rightsizing", () => {
    for (const text of ["Break down EC2 spend by instance type", "Break down EC2 by instance type", "split compute by instance type", "EC2 cost per instance type", "which instance types cost the most"]) {
      const c = classifyQuery({ text, referenceDate: REF });
      expect(c.intent, text).toBe("service_breakdown");
      expect(c.dimensions.groupBy, text).toEqual({ dimension: "SkuId" });
    }
    expect(classifyQuery({ text: "what instance type should we downsize to", referenceDate: REF }).intent).toBe("rightsizing");
    expect(classifyQuery({ text: "which instance types are a better fit for our EC2 costs", referenceDate: REF }).intent).toBe("rightsizing");
  });

  it("recognises every multi-intent example in the corpus", () => {
    const missed = multiIntent.filter((text) => classifyQuery({ text, referenceDate: REF }).intent !== "multi_intent");
    expect(missed).toEqual([]);
  });

  it("does not split one ask that merely contains 'and'", () => {
    for (const text of ["compare EC2 and S3 spend", "total spend between 2025-01-01 and 2025-03-31"]) {
      expect(classifyQuery({ text, referenceDate: REF }).intent).not.toBe("multi_intent");
    }
    expect(splitQuestions("what about it?")).toEqual(["what about it"]);
  });

  it("asks a specific follow-up question for every vague example in the corpus", () => {
    for (const text of clarificationNeeded) {
      const result = classifyQuery({ text, referenceDate: REF });
      expect(result.intent, text).toBe("clarification_needed");
      expect(result.clarification, text).toMatch(/\?/);
    }
    expect(classifyQuery({ text: "costs?", referenceDate: REF }).clarification).toBe(
      "Which period and which costs do you mean — for example 'AWS spend last month by service'?",
    );
  });

  it("answers a greeting or a thank-you in kind with example questions, but not a question that starts with one", () => {
    for (const text of ["hello", "Hi there!", "good morning team"]) {
      const result = classifyQuery({ text, referenceDate: REF });
      expect(result.intent, text).toBe("clarification_needed");
      expect(result.clarification, text).toMatch(/^Hello! I answer questions about your cloud bill.*'What did we spend last month by service\?'/);
    }
    expect(classifyQuery({ text: "thanks a lot", referenceDate: REF }).clarification).toMatch(/^You're welcome\./);
    const question = classifyQuery({ text: "hello, what did we spend on EC2 last month?", referenceDate: REF });
    expect(question.intent).toBe("cost_analysis");
    expect(question.dimensions.services).toEqual(["Amazon Elastic Compute Cloud"]);
  });

  it("asks which of the two likeliest readings was meant when the model is unsure", () => {
    const result = classifyQuery({ text: "ec2 or s3 in prod", referenceDate: REF });
    expect(result.intent).toBe("clarification_needed");
    expect(result.ranked[0].p).toBeLessThan(0.5);
    expect(result.clarification).toMatch(
      /^Do you want .+ or .+ \(AWS, Amazon Elastic Compute Cloud, Amazon Simple Storage Service\)\? For example/,
    );
  });

  it("does not ask 'the total or a breakdown?' when both readings are plain spend", () => {
    const result = classifyQuery({ text: "Break down Azure spend by subscription", referenceDate: REF });
    // The model alone splits this between the two, below the threshold.
    expect(result.ranked.slice(0, 2).map((r) => r.intent).sort()).toEqual(["cost_analysis", "service_breakdown"]);
    expect(result.ranked[0].p).toBeLessThan(0.5);
    expect(result.intent).toBe(result.ranked[0].intent);
    expect(result.confidence).toBeCloseTo(result.ranked[0].p + result.ranked[1].p, 10);
    expect(result.dimensions).toMatchObject({ providers: ["Microsoft"], groupBy: { dimension: "SubAccountId" } });
  });

  it("takes a report request the model is unsure about as a spend question, not one to ask back", () => {
    for (const text of ["Give me a report for Q3", "give me a report for October"]) {
      const result = classifyQuery({ text, referenceDate: REF });
      expect(result.ranked[0].p).toBeLessThan(0.5); // the model alone is unsure
      expect(result.intent).toBe("cost_analysis");
    }
  });

  it("takes a ranking of values the model is unsure about as a breakdown, and leaves a definition alone", () => {
    const ranking = classifyQuery({ text: "what are our biggest cost centers?", referenceDate: REF });
    expect(ranking.ranked[0].p).toBeLessThan(0.5); // the model alone is unsure
    expect(["cost_analysis", "service_breakdown"]).toContain(ranking.intent);
    expect(ranking.dimensions.groupBy).toEqual({ dimension: "Tag", tagKey: "cost-center" });
    expect(classifyQuery({ text: "What is a cost center?", referenceDate: REF }).intent).toBe("general_query");
  });

  it("takes quick wins and low-hanging fruit as open recommendations, unless the model is sure of another ask", () => {
    for (const text of ["any quick wins?", "What are the low-hanging fruit for cutting our AWS bill?", "Which of those are quick wins?"]) {
      const result = classifyQuery({ text, referenceDate: REF });
      // The model alone reads these as rightsizing, utilisation or the bill itself.
      expect(["savings_opportunity", "optimization_recommendation"]).not.toContain(result.ranked[0].intent);
      expect(result.intent).toBe("optimization_recommendation");
      expect(result.dimensions.quickWins).toBe(true);
    }
    expect(classifyQuery({ text: "any quick wins and what's the forecast for December?", referenceDate: REF }).intent).toBe("forecast_prediction");
  });

  it("takes untagged costs broken down as tagging compliance, where the model read a plain breakdown", () => {
    for (const text of ["What are our untagged costs by service?", "breakdown of untagged costs by service", "spend by service for resources without tags"]) {
      const result = classifyQuery({ text, referenceDate: REF });
      expect(result.intent, text).toBe("tagging_compliance");
      expect(result.dimensions.groupBy).toEqual({ dimension: "ServiceName" });
    }
    // The model alone read these as the services' whole spend.
    expect(classifyQuery({ text: "breakdown of untagged costs by service", referenceDate: REF }).ranked[0].intent).toBe("service_breakdown");
    // Splitting untagged cost across teams stays an allocation; a breakdown with no "untagged" stays a breakdown.
    expect(classifyQuery({ text: "distribute untagged costs across teams", referenceDate: REF }).intent).toBe("cost_allocation");
    expect(classifyQuery({ text: "what did we spend by service last month?", referenceDate: REF }).intent).not.toBe("tagging_compliance");
  });

  it("takes what idle resources cost as utilisation, where the model read the spend or a concept; unused commitments stay commitments", () => {
    for (const text of ["what does idle cost us", "How much is idle compute costing us per month?", "Which services are we paying for but not using?"]) {
      expect(classifyQuery({ text, referenceDate: REF }).intent, text).toBe("resource_utilization");
    }
    // The model alone is short of sure of the second, and would ask back.
    expect(classifyQuery({ text: "How much is idle compute costing us per month?", referenceDate: REF }).ranked[0].p).toBeLessThan(0.5);
    expect(classifyQuery({ text: "how much of our reservations went unused?", referenceDate: REF }).intent).toBe("reserved_instance_analysis");
    expect(classifyQuery({ text: "how much is compute costing us per month", referenceDate: REF }).intent).toBe("cost_analysis");
  });

  it("reads whether spend looks normal as an anomaly check, and 'normal' in a definition as a definition", () => {
    for (const text of ["Are our costs normal this month?", "does our AWS bill look normal?", "is our spend normal?"]) {
      expect(classifyQuery({ text, referenceDate: REF }).intent, text).toBe("cost_anomaly_detection");
    }
    expect(classifyQuery({ text: "what is normal amortization", referenceDate: REF }).intent).toBe("general_query");
  });

  it("reads how many machines are running as a count of what has cost, not how busy they are", () => {
    for (const text of ["How many instances are running in dev?", "how many EC2 instances are running in prod", "how many RDS instances do we have"]) {
      expect(classifyQuery({ text, referenceDate: REF }).intent, text).toBe("service_breakdown");
    }
    expect(classify("How many instances are running in dev?").intent).toBe("resource_utilization");
    for (const text of ["how many instances are idle?", "how many instances have high CPU utilization?"]) {
      expect(classifyQuery({ text, referenceDate: REF }).intent, text).toBe("resource_utilization");
    }
  });

  it("reads stopping machines on a schedule as a savings question, not a question back", () => {
    for (const text of ["shut down staging at weekends", "What if we stopped test servers outside business hours?", "schedule our dev instances", "How much would we save by turning off dev environments at night?"]) {
      expect(classifyQuery({ text, referenceDate: REF }).intent, text).toBe("savings_opportunity");
    }
    // The model alone asks back.
    expect(classify("What if we stopped test servers outside business hours?").intent).not.toBe("savings_opportunity");
    expect(classifyQuery({ text: "turn off idle instances", referenceDate: REF }).intent).not.toBe("savings_opportunity");
  });

  it("reads which of two named things costs more as a comparison of the two, not a question back", () => {
    for (const text of ["which is more expensive, EC2 or Lambda?", "What costs more, S3 or GCS?", "which is cheaper, eu-west-1 or us-east-1?", "What's cheaper, S3 or Cloud Storage?"]) {
      expect(classifyQuery({ text, referenceDate: REF }).intent, text).toBe("spend_comparison");
    }
    // The model alone would ask back about the first.
    expect(classifyQuery({ text: "which is more expensive, EC2 or Lambda?", referenceDate: REF }).ranked[0].p).toBeLessThan(0.5);
    // One thing named is no comparison.
    expect(classifyQuery({ text: "which services cost more than $5,000?", referenceDate: REF }).intent).not.toBe("spend_comparison");
  });

  it("takes 'the quick wins' as ours, where the model read the concept; 'what are quick wins?' stays the concept", () => {
    const ours = classifyQuery({ text: "What are the quick wins?", referenceDate: REF });
    expect(ours.ranked[0].intent).toBe("general_query"); // the model alone
    expect(ours.intent).toBe("optimization_recommendation");
    expect(classifyQuery({ text: "What are quick wins?", referenceDate: REF }).intent).toBe("general_query");
  });

  it("takes recommendations asked about by workflow status as the recommendations, where the model read rightsizing", () => {
    const result = classifyQuery({ text: "Which recommendations did we implement?", referenceDate: REF });
    expect(result.ranked[0].intent).toBe("rightsizing"); // the model alone
    expect(result.intent).toBe("optimization_recommendation");
  });

  it("takes how far spend went up or down in a period as a change, where the model surely read the spend", () => {
    for (const text of ["How much did our GCP bill go up in October?", "How much did EC2 spend drop last month?"]) {
      const result = classifyQuery({ text, referenceDate: REF });
      expect(result.ranked[0].intent, text).toBe("cost_analysis"); // the model alone
      expect(result.intent, text).toBe("spend_comparison");
    }
  });

  it("takes single line items asked about as spend, where the model read a concept", () => {
    const result = classifyQuery({ text: "What is our largest single line item?", referenceDate: REF });
    expect(result.ranked[0].intent).toBe("general_query"); // the model alone
    expect(result.intent).toBe("cost_analysis");
  });

  it("takes spend 'on track' or 'on target' as the budgets' question, where the model surely read the spend itself", () => {
    const result = classifyQuery({ text: "Is our spending on track this month?", referenceDate: REF });
    expect(result.ranked[0]).toMatchObject({ intent: "cost_analysis" }); // the model alone
    expect(result.ranked[0].p).toBeGreaterThan(0.9);
    expect(result.intent).toBe("budget_tracking");
    for (const text of ["are we on track?", "is AWS spend on target for the quarter?", "are our costs on track for the year?"]) {
      expect(classifyQuery({ text, referenceDate: REF }).intent, text).toBe("budget_tracking");
    }
    expect(classifyQuery({ text: "how much did we spend on EC2 last month?", referenceDate: REF }).intent).toBe("cost_analysis");
  });

  it("takes resources counted as a count, where the model read tagging; untagged resources stay tagging", () => {
    const result = classifyQuery({ text: "How many resources do we have?", referenceDate: REF });
    expect(result.ranked[0].intent).toBe("tagging_compliance"); // the model alone
    expect(result.intent).toBe("cost_analysis");
    expect(classifyQuery({ text: "How many resources are untagged?", referenceDate: REF }).intent).toBe("tagging_compliance");
    // Listed, not counted: the resources in dev that had cost over the weekend.
    const ran = classifyQuery({ text: "Which dev resources ran over the weekend?", referenceDate: REF });
    expect(ran.ranked[0].intent).toBe("tagging_compliance"); // the model alone
    expect(ran.intent).toBe("cost_analysis");
    expect(ran.dimensions).toMatchObject({ accounts: ["dev"], groupBy: { dimension: "ResourceId" } });
  });

  it("takes anomalies named as such as the anomalies, where the unsure model read a ranking of spend", () => {
    const result = classifyQuery({ text: "Which anomalies cost us the most this year?", referenceDate: REF });
    expect(result.ranked[0].p).toBeLessThan(0.6); // the model alone, unsure
    expect(result.intent).toBe("cost_anomaly_detection");
  });

  it("takes one team's spend in two periods named against each other as a comparison, where the unsure model would ask back", () => {
    for (const text of ["How much did the ml team spend in Q3 vs Q2?", "What did the data-platform team cost in October compared to September?"]) {
      const result = classifyQuery({ text, referenceDate: REF });
      expect(result.ranked[0].p, text).toBeLessThan(0.6); // the model alone, unsure
      expect(result.intent, text).toBe("spend_comparison");
    }
  });

  it("takes a move supposed to a region or cloud as the spend it would re-price, where the model read recommendations or savings", () => {
    for (const text of ["What would it cost to run everything in us-east-1?", "How much would we save moving our workloads to us-east-2?", "What if we moved everything to Azure?"]) {
      const result = classifyQuery({ text, referenceDate: REF });
      expect(["optimization_recommendation", "savings_opportunity"], text).toContain(result.ranked[0].intent); // the model alone
      expect(result.intent, text).toBe("cost_analysis");
    }
    expect(classifyQuery({ text: "How much would we save by moving EC2 to Graviton?", referenceDate: REF }).intent).toBe("savings_opportunity");
  });

  it("takes commitment coverage by service as rate optimisation, where the model read a breakdown", () => {
    for (const text of ["What is our commitment coverage by service?", "how much of our compute is covered by savings plans, by service?"]) {
      const result = classifyQuery({ text, referenceDate: REF });
      expect(result.ranked[0].intent, text).toBe("service_breakdown"); // the model alone
      expect(result.intent, text).toBe("reserved_instance_analysis");
    }
    expect(classifyQuery({ text: "storage cost by service", referenceDate: REF }).intent).toBe("service_breakdown");
  });

  it("takes a commitment term named as what buying it would do, where the model read the open recommendations", () => {
    for (const text of ["What would a 3-year savings plan save us?", "How much would we save with a 3 year commitment?"]) {
      const result = classifyQuery({ text, referenceDate: REF });
      expect(result.ranked[0].intent, text).toBe("savings_opportunity"); // the model alone
      expect(result.intent, text).toBe("reserved_instance_analysis");
    }
    expect(classifyQuery({ text: "how much did we save over the last 3 years", referenceDate: REF }).intent).not.toBe("reserved_instance_analysis");
  });

  it("answers 'the top 3 recommendations' with the recommendations, where the unsure model asked back", () => {
    for (const text of ["What are the top 3 recommendations?", "show me the recommendations"]) {
      const result = classifyQuery({ text, referenceDate: REF });
      expect(result.ranked[0].p, text).toBeLessThan(0.5); // the model alone is unsure
      expect(result.intent, text).toBe("optimization_recommendation");
    }
    expect(classifyQuery({ text: "what is a recommendation engine", referenceDate: REF }).intent).toBe("general_query");
  });

  it("leaves a short follow-up to the rewriter when there is a previous turn", () => {
    const previous = {
      intent: "cost_analysis" as const,
      dimensions: extractDimensions("What did we spend on EC2 last month?", REF),
    };
    const result = classifyQuery({ text: "why?", referenceDate: REF, context: { previous } });
    expect(result.clarification).toBeUndefined();
  });
});
