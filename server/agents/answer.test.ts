import { describe, expect, it } from "vitest";
import { formatMoney, formatUnitPrice } from "./answer.ts";

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
