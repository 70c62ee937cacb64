// The budget form's fields as text, to and from the procedures' input (blank fields are left out of the scope).
import type { BudgetPeriod } from "../../server/finops/budgets/schemas";
import type { BudgetCreateInput, BudgetRow } from "./types";

export interface BudgetFormValues {
  name: string;
  amount: string;
  currency: string;
  period: BudgetPeriod;
  startDate: string;
  endDate: string;
  provider: string;
  billingAccountId: string;
  subAccountId: string;
  serviceName: string;
  tagKey: string;
  tagValue: string;
}

/** A budget's values to edit, or a new monthly USD budget starting on `defaultStart`. */
export function formValuesOf(budget: BudgetRow | null, defaultStart: string): BudgetFormValues {
  const filters = budget?.filters ?? {};
  return {
    name: budget?.name ?? "",
    amount: budget?.amount ?? "",
    currency: budget?.currency ?? "USD",
    period: budget?.period ?? "monthly",
    startDate: budget?.startDate ?? defaultStart,
    endDate: budget?.endDate ?? "",
    provider: filters.provider ?? "",
    billingAccountId: filters.billingAccountId ?? "",
    subAccountId: filters.subAccountId ?? "",
    serviceName: filters.serviceName ?? "",
    tagKey: filters.tag?.key ?? "",
    tagValue: filters.tag?.value ?? "",
  };
}

/** The input of budget.create (and, with an id, budget.update); a tag half filled in is sent for the server to refuse. */
export function budgetInputOf(v: BudgetFormValues): BudgetCreateInput {
  const optional = (s: string) => (s.trim() ? s : undefined);
  const tagged = v.tagKey.trim() || v.tagValue.trim();
  return {
    name: v.name,
    amount: v.amount,
    currency: v.currency,
    period: v.period,
    startDate: v.startDate,
    endDate: v.endDate || null,
    filters: {
      provider: optional(v.provider),
      billingAccountId: optional(v.billingAccountId),
      subAccountId: optional(v.subAccountId),
      serviceName: optional(v.serviceName),
      tag: tagged ? { key: v.tagKey, value: v.tagValue } : undefined,
    },
  };
}
