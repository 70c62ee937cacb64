import { describe, expect, it } from "vitest";
import { extractDimensions } from "../classifier/dimensions.ts";
import { budgetHistoryAsked, budgetsNamed } from "./forecasting.ts";

const BUDGETS = [
  { name: "Total cloud spend", filters: {} },
  { name: "AWS spend", filters: { provider: "AWS" } },
  { name: "Microsoft spend", filters: { provider: "Microsoft" } },
  { name: "Data platform team", filters: { tag: { key: "team", value: "data-platform" } } },
  { name: "ML team (generative AI)", filters: { tag: { key: "team", value: "ml" } } },
];
const named = (question: string) => budgetsNamed(question, BUDGETS, extractDimensions(question, "2026-11-26")).map((b) => b.name);

describe("budgetsNamed", () => {
  it("finds the budget a question names by its distinctive words or by what it covers", () => {
    expect(named("When will we run out of budget for the ML team?")).toEqual(["ML team (generative AI)"]);
    expect(named("are we on track with the azure budget?")).toEqual(["Microsoft spend"]);
    expect(named("how is the data platform team doing against budget")).toEqual(["Data platform team"]);
    expect(named("total budget status")).toEqual(["Total cloud spend"]);
  });

  it("names none when the question names no budget: words every budget shares do not count", () => {
    expect(named("are we on track for our budget?")).toEqual([]);
    expect(named("which team budget is at risk this month")).toEqual([]);
  });
});

describe("budgetHistoryAsked", () => {
  const asked = (question: string) => budgetHistoryAsked(question, extractDimensions(question, "2026-11-26"));
  it("reads going over in the past across several budget periods, or asked which or how many periods", () => {
    expect(asked("Which budgets did we exceed this year?")).toBe(true);
    expect(asked("how many months were we over budget this year?")).toBe(true);
    expect(asked("have we ever gone over budget?")).toBe(true);
    expect(asked("which months did the ML team overspend?")).toBe(true);
    expect(asked("did AWS go over budget in the last 6 months?")).toBe(true);
  });

  it("leaves one period, the present and the future to the budgets' status", () => {
    expect(asked("Which teams went over budget last month?")).toBe(false);
    expect(asked("are we over budget?")).toBe(false);
    expect(asked("will we exceed our budget this year?")).toBe(false);
    expect(asked("which budgets are at risk this quarter?")).toBe(false);
    // A follow-up keeps the question ("and over the last 3 months?" after one about going over).
    expect(budgetHistoryAsked("and over the last 3 months?", { ...extractDimensions("and over the last 3 months?", "2026-11-26"), wentOver: true })).toBe(true);
  });
});

