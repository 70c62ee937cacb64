import { describe, expect, it } from "vitest";
import { unsupportedNumbers } from "./answer-writer.ts";

const COMPUTED = [
  "**$1,234,567.50** effective (amortized) cost in October 2026 (2026-10-01 to 2026-10-31).",
  "| ServiceName | Cost (USD) | Share |",
  "| Amazon EC2 | $800,000.00 | 64.8% |",
].join("\n");

describe("unsupportedNumbers", () => {
  it("accepts figures copied as written, with or without separators and trailing zeros", () => {
    expect(unsupportedNumbers("We spent $1,234,567.50 in October 2026; EC2 was $800,000 (64.8%).", COMPUTED)).toEqual([]);
    expect(unsupportedNumbers("From October 1 to 31, 2026 the total was 1234567.5 dollars.", COMPUTED)).toEqual([]);
  });

  it("names every figure the computed answer does not contain: rounded, derived or invented", () => {
    expect(unsupportedNumbers("About $1.2M, EC2 two thirds (65%), up 12% on September.", COMPUTED)).toEqual(["1.2", "65", "12"]);
    expect(unsupportedNumbers("The rest came to $434,567.50.", COMPUTED)).toEqual(["434567.5"]);
  });
});
