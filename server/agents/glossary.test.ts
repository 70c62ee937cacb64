import { describe, expect, it } from "vitest";
import { GLOSSARY, lookUpTerm } from "./glossary.ts";

describe("lookUpTerm", () => {
  it.each([
    ["What is a savings plan?", "Savings plan"],
    ["how does a savings plan work", "Savings plan"],
    ["What's an RI?", "Reservation (reserved instance)"],
    ["explain the difference between billed and amortized cost", "Billed, effective, list and contracted cost"],
    ["what does contracted cost mean", "Billed, effective, list and contracted cost"],
    ["how do you calculate the effective savings rate", "Effective savings rate (ESR)"],
    ["what is finops", "FinOps"],
    ["What is FOCUS?", "FOCUS"],
    ["define unit economics for cloud", "Unit economics"],
    ["what is a charge category", "Charge category"],
    ["What is showback?", "Showback and chargeback"],
    ["what are spot instances", "Spot instances"],
  ])("%s -> %s", (question, term) => {
    expect(lookUpTerm(question)?.term).toBe(term);
  });

  it.each([
    "What is our effective savings rate?",
    "What are our top 5 savings opportunities?",
    "what is the total cost of EC2 last month",
    "How well are our savings plans utilised?",
    "Which resources should we rightsize?",
    "What did we spend last month by service?",
    "what is a gizmo",
  ])("leaves a question about the data, or an unknown term, to the data: %s", (question) => {
    expect(lookUpTerm(question)).toBeNull();
  });

  it("every entry names its source and suggests a question about the user's data", () => {
    for (const entry of GLOSSARY) {
      expect(entry.source.length, entry.term).toBeGreaterThan(10);
      expect(entry.askNext, entry.term).toMatch(/\w/);
    }
  });
});
