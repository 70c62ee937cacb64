import { z } from "zod";
import type { BudgetFilters } from "../analytics/budgets.ts";
import { daySchema } from "../analytics/scope.ts";

// The budget procedures' inputs; the admin page's form takes its period choices from here.

export const BUDGET_PERIODS = ["monthly", "quarterly", "annual"] as const;
export type BudgetPeriod = (typeof BUDGET_PERIODS)[number];

/** budgets.amount is numeric(20, 2): at most 18 digits before the point and 2 after. */
const AMOUNT_INTEGER_DIGITS = 18;

/** Why `amount` cannot be a budget amount, or null when it can; checked on the text, so it is stored exactly. */
function amountProblem(amount: string): string | null {
  const match = /^(?=\.?\d)(\d*)(?:\.(\d+))?$/.exec(amount);
  if (!match) return "Enter the amount as a number such as 5000 or 1250.50, without a currency sign or thousands separators.";
  const [, whole, fraction = ""] = match;
  if (fraction.length > 2) return "The amount can have at most 2 decimals (cents).";
  if (whole.replace(/^0+(?=\d)/, "").length > AMOUNT_INTEGER_DIGITS) {
    return `The amount can have at most ${AMOUNT_INTEGER_DIGITS} digits before the decimal point.`;
  }
  if (!/[1-9]/.test(amount)) return "The amount must be more than zero.";
  return null;
}

const amountSchema = z
  .string("Enter the amount as a number such as 5000 or 1250.50.")
  .trim()
  .superRefine((amount, ctx) => {
    const problem = amountProblem(amount);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

/** An optional scope value: trimmed, and left out when blank (a form sends empty fields). */
const scopeValue = (what: string) =>
  z
    .string()
    .trim()
    .max(200, `${what} is at most 200 characters.`)
    .optional()
    .transform((v) => v || undefined);

const tagPart = (what: string) =>
  z.string().trim().min(1, `A tag filter needs a ${what}: give both the tag key and its value, or neither.`).max(200, `The tag ${what} is at most 200 characters.`);

/** budgets.filters as a budget is given: the spend it counts (empty: the whole bill in the budget's currency). */
export const budgetFiltersSchema = z
  .object({
    provider: scopeValue("The provider"),
    billingAccountId: scopeValue("The billing account"),
    subAccountId: scopeValue("The sub-account"),
    serviceName: scopeValue("The service"),
    tag: z.object({ key: tagPart("key"), value: tagPart("value") }).optional(),
  })
  .prefault({}) satisfies z.ZodType<BudgetFilters>;

const budgetFields = z.object({
  name: z.string("Give the budget a name.").trim().min(1, "Give the budget a name.").max(200, "Budget names are at most 200 characters."),
  amount: amountSchema,
  currency: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{3}$/, "The currency is an ISO 4217 code such as USD or EUR.")
    .default("USD"),
  period: z.enum(BUDGET_PERIODS, "The period is monthly, quarterly or annual."),
  startDate: z.string("Choose the day the budget starts.").min(1, "Choose the day the budget starts.").pipe(daySchema),
  endDate: daySchema.nullish().transform((day) => day ?? null),
  filters: budgetFiltersSchema,
});

const endsAfterStart = (b: { startDate: string; endDate: string | null }) => b.endDate === null || b.endDate >= b.startDate;
const END_BEFORE_START = { message: "The end date cannot be before the start date.", path: ["endDate"] };

export const budgetInput = budgetFields.refine(endsAfterStart, END_BEFORE_START);
export type BudgetInput = z.output<typeof budgetInput>;

export const budgetIdSchema = z.uuid("That is not a budget id.");
export const budgetIdInput = z.object({ id: budgetIdSchema });

/** An update replaces every field of the budget (the form always sends them all). */
export const budgetUpdateInput = budgetFields.extend({ id: budgetIdSchema }).refine(endsAfterStart, END_BEFORE_START);
export type BudgetUpdateInput = z.output<typeof budgetUpdateInput>;
