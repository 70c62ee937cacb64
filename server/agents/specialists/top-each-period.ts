// "Our top 3 services in each of the last 3 months": each month's own ranking, not the period's largest followed month
// by month (a service that led one month may not be among the period's largest).
import type { Database } from "../../adapters/db/database.ts";
import { costBreakdown } from "../../finops/analytics/breakdown.ts";
import { addMonths, type Dimension, type Provenance } from "../../finops/analytics/scope.ts";
import { formatMoney, formatPercent, plural, readableLabels, tableMarkdown, tagValueSubject, type AnswerSection } from "../answer.ts";
import { monthLabel, wholeMonthsIn, type ResolvedScope } from "../scope.ts";
import { scopeText } from "./specialist.ts";
import { bucketLabel } from "./trend-by.ts";

/** "In each of the last 3 months", "every month", "for each month": a ranking per month. */
export const EACH_MONTH = /\b(?:each|every)\s+(?:of\s+(?:the|those|these)\s+(?:(?:last|past|previous)\s+)?(?:\w+\s+)?)?months?\b/i;
/** Ranks shown at most a month: beyond this a month's ranking is the breakdown by month. */
const MOST = 5;
/** Months ranked at most. */
const MONTHS = 12;

export async function addTopEachMonth(
  db: Pick<Database, "sql">,
  scope: ResolvedScope,
  section: AnswerSection,
  grouping: { dimension: Dimension; tagKey?: string; valueNoun: string },
): Promise<Provenance[]> {
  const months = wholeMonthsIn(scope.period, scope.dataRange).slice(-MONTHS);
  if (months.length < 2) return [];
  const n = Math.min(Math.max(scope.topN, 1), MOST);
  const results = await Promise.all(
    months.map((month) =>
      costBreakdown(db, {
        period: { start: month, end: addMonths(month, 1) },
        filters: scope.filters,
        metric: scope.metric,
        dimension: grouping.dimension,
        tagKey: grouping.tagKey,
        // One more than shown: the costs with no value ("untagged") are no one's, and not ranked.
        limit: n + 1,
        poolPlaceholders: true,
      }),
    ),
  );
  const ranked = results.map((r, i) => {
    const named = r.data.rows.filter((row) => !row.isOthers && row.key !== null).slice(0, n);
    return { month: months[i]!, total: r.data.total, rows: named, shown: readableLabels(named).shown };
  });
  const ordinal = (i: number) => ["1st", "2nd", "3rd", "4th", "5th"][i]!;
  const table = {
    title: `Top ${n} ${plural(grouping.valueNoun, n)} each month`,
    columns: [
      { key: "month", label: "Month", format: "text" as const },
      ...Array.from({ length: n }, (_, i) => ({ key: `rank${i + 1}`, label: ordinal(i), format: "text" as const })),
    ],
    rows: ranked.map((m) => ({
      month: bucketLabel(m.month, "month"),
      ...Object.fromEntries(
        m.rows.map((row, i) => [`rank${i + 1}`, `${m.shown(row)} ${formatMoney(row.amount, scope.currency)} (${formatPercent((row.share ?? 0) * 100)})`]),
      ),
    })),
  };
  // Which value led how many months, the most first; and whether the same ones made the top every month.
  const leaders = new Map<string, number>();
  for (const m of ranked) if (m.rows[0]) leaders.set(m.shown(m.rows[0]), (leaders.get(m.shown(m.rows[0])) ?? 0) + 1);
  const byMonths = [...leaders].sort((a, b) => b[1] - a[1]);
  const sets = ranked.map((m) => m.rows.map((r) => r.key).sort().join("\u0000"));
  const same = sets.every((s) => s === sets[0]);
  const span = `${monthLabel(months[0]!)} to ${monthLabel(months.at(-1)!)}`;
  const [first, ...rest] = byMonths;
  section.figures = { ...section.figures, monthsRanked: months.length, leader: first?.[0] ?? null, leaderMonths: first?.[1] ?? 0, sameTopEachMonth: same ? "yes" : "no" };
  section.headline = first
    ? `**${tagValueSubject(first[0], grouping)} led ${first[1] === months.length ? (months.length === 2 ? "both months" : `every one of the ${months.length} months`) : `${first[1]} of the ${months.length} months`}**${scopeText(scope)}, ${span}` +
      (rest.length ? ` (${rest.map(([name, count]) => `${name} ${count}`).join(", ")})` : "") +
      `; ${same ? `the same ${n} ${plural(grouping.valueNoun, n)} made the top ${n} each month` : `the top ${n} changed from month to month`}.`
    : `**No ${grouping.valueNoun} had cost** ${span}${scopeText(scope)}.`;
  section.tables.unshift(table);
  section.markdown = [tableMarkdown(table, scope.currency, MONTHS), "", section.markdown].join("\n");
  return results.flatMap((r) => r.provenance);
}
