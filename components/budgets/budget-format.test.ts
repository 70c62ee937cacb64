import { describe, expect, it } from "vitest";
import { budgetInputOf, formValuesOf } from "./budget-form-values";
import { overInWords, percentOfBudget, periodInWords, scopeInWords } from "./budget-format";
import type { BudgetRow } from "./types";

describe("overInWords", () => {
  const period = (overBy: string | null) => ({ start: "2026-01-01", end: "2026-02-01", spent: "1", spentPercent: 1, overBy, overOn: null, complete: true });
  it("counts the periods over against those read, in the budget's own unit", () => {
    expect(overInWords({ cadence: "monthly", periods: [period("5"), period(null), period("1")] })).toEqual({ text: "2 of 3 months over", over: 2 });
    expect(overInWords({ cadence: "quarterly", periods: [period("5")] })).toEqual({ text: "1 of 1 quarter over", over: 1 });
  });

  it("says a budget stayed within every period, and nothing for a budget with none read", () => {
    expect(overInWords({ cadence: "monthly", periods: [period(null), period(null)] })).toEqual({ text: "Within budget every month", over: 0 });
    expect(overInWords({ cadence: "annual", periods: [] })).toBeNull();
  });
});

describe("scopeInWords", () => {
  it("says a budget without filters counts all spend", () => {
    expect(scopeInWords({})).toBe("All spend");
  });

  it("names the provider, service, accounts and tag a budget counts", () => {
    expect(
      scopeInWords({
        provider: "AWS",
        serviceName: "Amazon EC2",
        billingAccountId: "1234",
        subAccountId: "5678",
        tag: { key: "team", value: "web" },
      }),
    ).toBe("AWS spend on Amazon EC2, in billing account 1234, in sub-account 5678, tagged team = web");
    expect(scopeInWords({ tag: { key: "team", value: "ml" } })).toBe("All spend tagged team = ml");
  });
});

describe("budget figures", () => {
  it("names a half-open period by its first and last day, with years only when it spans two", () => {
    expect(periodInWords({ start: "2024-02-01", end: "2024-03-01" })).toBe("Feb 1 – Feb 29");
    expect(periodInWords({ start: "2023-04-06", end: "2024-04-06" })).toBe("Apr 6, 2023 – Apr 5, 2024");
  });

  it("shows percentages of the budget whole, with thousands separators", () => {
    expect(percentOfBudget(52.6)).toBe("53%");
    expect(percentOfBudget(769_007.4)).toBe("769,007%");
    expect(percentOfBudget(null)).toBe("—");
  });
});

describe("budget form values", () => {
  const fields = { name: "Platform", amount: "1250.50", currency: "EUR", period: "quarterly", startDate: "2024-01-01", endDate: null } as const;
  const budget = {
    id: "b1",
    ...fields,
    filters: { provider: "AWS", tag: { key: "team", value: "web" } },
    isDemo: false,
    createdAt: new Date(),
    status: null,
  } satisfies BudgetRow;

  it("edits a budget's own values and sends them back unchanged", () => {
    expect(budgetInputOf(formValuesOf(budget, "2099-01-01"))).toEqual({
      ...fields,
      filters: { provider: "AWS", billingAccountId: undefined, subAccountId: undefined, serviceName: undefined, tag: { key: "team", value: "web" } },
    });
  });

  it("starts a new budget monthly in USD on the default day, leaving blank scope fields and an empty tag out", () => {
    const values = formValuesOf(null, "2024-02-01");
    expect(values).toMatchObject({ name: "", currency: "USD", period: "monthly", startDate: "2024-02-01", endDate: "" });
    expect(budgetInputOf({ ...values, provider: "  ", tagKey: " " }).filters).toEqual({
      provider: undefined,
      billingAccountId: undefined,
      subAccountId: undefined,
      serviceName: undefined,
      tag: undefined,
    });
    // Half a tag is sent, so the server can say what is missing.
    expect(budgetInputOf({ ...values, tagKey: "team" }).filters?.tag).toEqual({ key: "team", value: "" });
  });
});
