import { describe, expect, it } from "vitest";
import { CHANGE, FALL, GROWTH, HOW_CHANGED, RELATIVE_CHANGE, wayAsked, WHICH_MOVED, WHY_CHANGE } from "./change-words.ts";

// The patterns read lower-cased questions (WHY_CHANGE any case); each case here is a question the chat answers.
describe("change words", () => {
  it.each([
    [CHANGE, ["which services grew more than 20%?", "up over $1,000", "costs dropped by 5%", "compare ec2 vs s3"], ["which services cost more than $20,000?", "spend last month"]],
    [FALL, ["which services dropped by more than 5%?", "what went down last month", "spend is going down", "down by 10%"], ["which services grew the most?", "downsize candidates"]],
    [GROWTH, ["which accounts grew the most last month?", "fastest growing services", "the biggest increases in october", "What's our biggest cost increase this quarter?", "where did costs increase the most", "show me the top 5 cost increases this month", "top movers", "which resources have the highest cost increase week over week?", "the greatest increases", "the top 5 services by cost growth", "rank accounts by growth", "Which service had the biggest month over month increase?", "the largest mom jump", "our biggest year-over-year growth", "the highest weekly increase"], ["spend by account", "top 5 services", "which account costs the most?", "what did we spend in growth last month?", "cost by growth team"]],
    [WHICH_MOVED, ["which services dropped last month?", "which services got cheaper in october?", "what accounts went up?", "which of our teams have grown since june?", "which accounts' costs went down?"], ["which services dropped the most?", "what is driving the increase in ec2?", "which services cost more than $1,000?", "fastest growing services"]],
    [HOW_CHANGED, ["how has our AWS bill changed?", "how did spend change this year?", "how much did our AWS bill change year to date?", "what changed this week?"], ["how much did we spend on change management?", "spend last month"]],
    [RELATIVE_CHANGE, ["which services are growing fastest?", "services growing slowest", "what is our growth rate by region"], ["which services grew the most?"]],
    [WHY_CHANGE, ["Why did our bill spike?", "how come S3 is up in October?", "what caused the drop in EC2 costs", "why has spend gone down", "what drove the increase in our bill last month?", "what's behind the rise in S3 costs", "Why is BigQuery so expensive?"], ["why is a savings plan cheaper?", "what is driving cost allocation"]],
  ] as const)("%s reads its questions and not others", (pattern, yes, no) => {
    for (const text of yes) expect(pattern.test(text), text).toBe(true);
    for (const text of no) expect(pattern.test(text), text).toBe(false);
  });
});

describe("wayAsked", () => {
  it("reads a fall or a rise named, either for both or 'changed', and the caller's default otherwise", () => {
    expect(wayAsked("which services dropped the most?", "up")).toBe("down");
    expect(wayAsked("Which services have the highest unit cost increase?", "either")).toBe("up");
    expect(wayAsked("which unit prices went down?", "either")).toBe("down");
    expect(wayAsked("which team changed the most?", "up")).toBe("either");
    expect(wayAsked("what grew and what fell?", "up")).toBe("either");
    expect(wayAsked("rank accounts by growth", "up")).toBe("up");
    expect(wayAsked("which unit prices moved?", "up")).toBe("either");
    expect(wayAsked("unit cost movers", "either")).toBe("either");
  });
});
