import { describe, expect, it } from "vitest";
import { extractTimeRange } from "./classifier/time-range.ts";
import { periodPhraseOf } from "./scope.ts";

/** The phrase for the period a question names, as the answers put it after an amount. */
const phraseFor = (question: string) => {
  const range = extractTimeRange(question, "2026-11-15")!;
  const days = (Date.parse(range.end) - Date.parse(range.start)) / 86_400_000;
  return periodPhraseOf(range.label, days);
};

describe("periodPhraseOf", () => {
  it("reads as a sentence after an amount, with 'in' and 'on' only where English puts them", () => {
    expect(phraseFor("spend last month")).toBe("last month, October 2026 (2026-10-01 to 2026-10-31)");
    expect(phraseFor("spend this quarter")).toMatch(/^this quarter, Q4 2026/);
    expect(phraseFor("spend last week")).toMatch(/^last week \(/);
    expect(phraseFor("spend year to date")).toMatch(/^year to date/);
    expect(phraseFor("spend since March")).toMatch(/^since March 2026/);
    expect(phraseFor("spend yesterday")).toBe("yesterday (2026-11-14)");
    expect(phraseFor("spend in the last 30 days")).toMatch(/^in the last 30 days/);
    expect(phraseFor("spend in October 2026")).toMatch(/^in October 2026/);
    expect(phraseFor("spend in Q3 2026")).toMatch(/^in Q3 2026/);
    expect(phraseFor("spend on 2026-10-05")).toMatch(/^on /);
  });
});
