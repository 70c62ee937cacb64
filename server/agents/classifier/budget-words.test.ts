import { describe, expect, it } from "vitest";
import { BUDGET_COVERAGE } from "./budget-words.ts";

describe("BUDGET_COVERAGE", () => {
  it.each([
    "Which accounts have no budget?",
    "Which teams don't have a budget?",
    "Which services are not covered by any budget?",
    "Do all our subscriptions have budgets?",
    "Does every team have its own budget?",
    "What spend is unbudgeted?",
    "Which providers lack a budget?",
    "budget coverage by account",
    "Is all our spend covered by a budget?",
    "accounts without a budget",
    "How much of our spend is covered by budgets?",
    "what share of spend is under a budget?",
  ])("reads %j as a coverage question", (question) => {
    expect(BUDGET_COVERAGE.test(question)).toBe(true);
  });

  it.each([
    "Which teams are over budget?",
    "When will we run out of budget for the ML team?",
    "Are we on budget this month?",
    "Is there no budget left for the ML team?",
    "How much of the AWS budget remains?",
    "Do we have a budget for the data team?",
    "Are we under budget?",
  ])("does not read %j as one", (question) => {
    expect(BUDGET_COVERAGE.test(question)).toBe(false);
  });
});
