import { describe, expect, it } from "vitest";
import { extractDimensions } from "../classifier/dimensions.ts";
import { budgetsNamed } from "./forecasting.ts";

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
