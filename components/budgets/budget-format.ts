// How the budgets page words a budget: its scope and its periods (money as the chat writes it: answer-format.ts).
import { addDays } from "../../server/finops/analytics/scope";
import type { BudgetHistoryView, BudgetScope } from "./types";

/** What a budget counts, in words: "AWS spend on Amazon EC2, in billing account 1234, tagged team = web". */
export function scopeInWords(filters: BudgetScope): string {
  const who = `${filters.provider ?? "All"} spend`;
  const narrowed = [
    filters.serviceName && `on ${filters.serviceName}`,
    filters.billingAccountId && `in billing account ${filters.billingAccountId}`,
    filters.subAccountId && `in sub-account ${filters.subAccountId}`,
    filters.tag && `tagged ${filters.tag.key} = ${filters.tag.value}`,
  ].filter(Boolean);
  return narrowed.length ? `${who} ${narrowed.join(", ")}` : who;
}

/** A percentage of the budget (budgetStatus gives 52.18 for 52.18%), whole; "—" for a zero budget. */
export const percentOfBudget = (percent: number | null) => (percent == null ? "—" : `${Math.round(percent).toLocaleString("en-US")}%`);

const UNITS = { monthly: "month", quarterly: "quarter", annual: "year" } as const;

/**
 * How often a budget went over in the periods read ("5 of 12 months over", "Within budget every month"), and whether
 * any did; null when none of its periods fell in them.
 */
export function overInWords(history: Pick<BudgetHistoryView, "cadence" | "periods">): { text: string; over: number } | null {
  const { periods } = history;
  if (!periods.length) return null;
  const unit = UNITS[history.cadence];
  const over = periods.filter((p) => p.overBy !== null).length;
  if (!over) return { text: `Within budget every ${unit}`, over };
  return { text: `${over} of ${periods.length} ${periods.length === 1 ? unit : `${unit}s`} over`, over };
}

const dayFormat = (withYear: boolean) =>
  new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", ...(withYear ? { year: "numeric" } : {}), timeZone: "UTC" });

/** A half-open period [start, end) by its first and last day: "Dec 1 – Dec 31", with years when it spans two. */
export function periodInWords(period: { start: string; end: string }): string {
  const last = addDays(period.end, -1);
  const format = dayFormat(period.start.slice(0, 4) !== last.slice(0, 4));
  return `${format.format(Date.parse(period.start))} – ${format.format(Date.parse(last))}`;
}
