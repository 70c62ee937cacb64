import { describe, expect, it } from "vitest";
import { formatMoney, formatMoneyRange, formatShare, valueNoun, formatUnitPrice, tableMarkdown, type AnswerTable } from "./answer.ts";

describe("money formats", () => {
  it("writes amounts in the billing currency: cents below 10,000, whole units above", () => {
    expect(formatMoney("1234.5")).toBe("$1,234.50");
    expect(formatMoney(123456.7)).toBe("$123,457");
    expect(formatMoney("-12.5", "EUR")).toBe("-€12.50");
    expect(formatMoney(null)).toBe("—");
  });

  it("writes a unit price below one to four significant digits, in its currency", () => {
    expect(formatUnitPrice("0.021840000")).toBe("$0.02184");
    expect(formatUnitPrice(0.0000004)).toBe("$0.0000004");
    expect(formatUnitPrice("0.1234567", "EUR")).toBe("€0.1235");
    expect(formatUnitPrice("0.5")).toBe("$0.5");
    expect(formatUnitPrice("0.021840000")).toBe("$0.02184"); // again, from the cached format
    expect(formatUnitPrice("2.5")).toBe("$2.50");
  });
});

describe("shares", () => {
  it("says a share that rounds to nothing is under 0.1%, and rounds the rest to one decimal", () => {
    expect(formatShare((223.06 / 468090) * 100)).toBe("<0.1%");
    expect(formatShare(-0.01)).toBe(">-0.1%");
    expect(formatShare(0)).toBe("0.0%");
    expect(formatShare(0.05)).toBe("0.1%");
    expect(formatShare(12.345)).toBe("12.3%");
    expect(formatShare(null)).toBe("—");
  });
});

describe("tableMarkdown", () => {
  const table = (rows: number): AnswerTable => ({
    title: "Spend by service",
    columns: [
      { key: "label", label: "Service", format: "text" },
      { key: "amount", label: "Cost (USD)", format: "money" },
    ],
    rows: Array.from({ length: rows }, (_, i) => ({ label: `service | ${i}`, amount: String(100 - i) })),
  });

  it("writes a row per line, pipes in cells escaped, amounts right-aligned", () => {
    expect(tableMarkdown(table(2))).toBe(["| Service | Cost (USD) |", "| --- | ---: |", "| service \\| 0 | $100.00 |", "| service \\| 1 | $99.00 |"].join("\n"));
  });

  it("says how many rows a cut table leaves out", () => {
    const text = tableMarkdown(table(23), "USD", 15);
    expect(text.split("\n").filter((line) => line.startsWith("| service"))).toHaveLength(15);
    expect(text.endsWith("\n\n_The first 15 of 23 rows._")).toBe(true);
    expect(tableMarkdown(table(15), "USD", 15)).not.toContain("The first");
  });
});

describe("formatMoneyRange", () => {
  it("gives both ends, or one amount when they read the same", () => {
    expect(formatMoneyRange("10", "12.5")).toBe("$10.00 – $12.50");
    expect(formatMoneyRange("3537.86", "3537.860")).toBe("$3,537.86");
    expect(formatMoneyRange(0.001, 0.004)).toBe("$0.00");
  });
});

describe("valueNoun", () => {
  it("names a tag's values by its key, one cloud's sub-accounts by its word, and else the label", () => {
    expect(valueNoun("Tag", "app")).toBe("app");
    expect(valueNoun("SubAccountId", undefined, ["Microsoft"])).toBe("subscription");
    expect(valueNoun("SubAccountId", undefined, ["Google Cloud"])).toBe("project");
    expect(valueNoun("SubAccountId", undefined, ["AWS"])).toBe("account");
    expect(valueNoun("SubAccountId", undefined, ["AWS", "Microsoft"])).toBe("sub-account");
    expect(valueNoun("SkuId")).toBe("SKU");
  });
});
