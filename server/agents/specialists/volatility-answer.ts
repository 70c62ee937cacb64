// "Which services have the most variable daily spend?", "which accounts are the most stable?": each value's daily cost
// over the period, ranked by its coefficient of variation (standard deviation ÷ mean), with its lowest and highest day.
import type { Database } from "../../adapters/db/database.ts";
import { nameIds } from "../../finops/analytics/breakdown.ts";
import { daysBetween } from "../../finops/analytics/scope.ts";
import { costVolatility, DEFAULT_MIN_SHARE_PERCENT, MIN_VOLATILITY_DAYS as MIN_DAYS } from "../../finops/analytics/volatility.ts";
import { cents, dimensionLabel, emptySection, formatMoney, formatPercent, plural, readableLabels, tableMarkdown, type AnswerSection } from "../answer.ts";
import type { ExecutionScope } from "../hardened-agent.ts";
import { scopeText, type SpecialistInput } from "./specialist.ts";

export async function volatilityAnswer(db: Pick<Database, "sql">, input: SpecialistInput, exec: ExecutionScope<AnswerSection>): Promise<AnswerSection> {
  const { scope } = input;
  const steadiest = input.dimensions.volatility === "least";
  const { dimension, tagKey } = scope.groupBy ?? { dimension: "ServiceName" as const, tagKey: undefined };
  const label = dimensionLabel(dimension, tagKey);
  const noun = label.toLowerCase();
  const section = emptySection("cost_analysis", steadiest ? `Steadiest ${plural(noun, 2)} day to day` : `Day-to-day variation by ${noun}`);
  if (daysBetween(scope.period.start, scope.period.end) < MIN_DAYS) {
    section.headline = `**${scope.periodLabel} is too short** to tell how daily cost varies: it takes at least ${MIN_DAYS} days. Ask about a month, or the last 30 days.`;
    return section;
  }
  exec.useTool("costVolatility");
  const result = await costVolatility(db, {
    period: scope.period, filters: scope.filters, metric: scope.metric, dimension, tagKey, steadiestFirst: steadiest, limit: Math.min(scope.topN, 20),
  });
  const v = result.data;
  const rows = v.rows.map((r) => ({ ...r, isOthers: false, name: null as string | null }));
  const names = await nameIds(db, dimension, scope.period, rows);
  const { shown, idColumns, idCell } = readableLabels(rows);
  const money = (n: number | string) => formatMoney(n, scope.currency);
  const first = rows[0];
  section.figures = {
    days: v.days,
    ranked: v.ranked,
    leftOut: v.leftOut,
    first: first ? shown(first) : null,
    firstCvPercent: first ? Number(first.cvPercent.toFixed(1)) : null,
    firstDailyMean: first ? cents(first.dailyMean) : null,
    firstDailyStdDev: first ? cents(first.dailyStdDev) : null,
  };
  section.headline = first
    ? `**${shown(first)}** ${steadiest ? "was the steadiest" : "varied the most"} from day to day ${scope.periodPhrase}${scopeText(scope)}: ` +
      `its daily cost had a standard deviation of ${money(first.dailyStdDev)} around an average day of ${money(first.dailyMean)} ` +
      `(a coefficient of variation of ${formatPercent(first.cvPercent)}), from ${money(first.lowestDay.amount)} on ${first.lowestDay.date} ` +
      `to ${money(first.highestDay.amount)} on ${first.highestDay.date}.`
    : `**No ${noun} had enough cost** ${scope.periodPhrase}${scopeText(scope)} to tell how its daily cost varies.`;
  if (rows.length) {
    section.tables.push({
      title: section.title,
      columns: [
        { key: "label", label, format: "text" },
        ...idColumns,
        { key: "mean", label: `Average day (${scope.currency})`, format: "money" },
        { key: "sd", label: `Standard deviation (${scope.currency})`, format: "money" },
        { key: "cv", label: "Variation (CV)", format: "percent" },
        { key: "low", label: `Lowest day (${scope.currency})`, format: "money" },
        { key: "high", label: `Highest day (${scope.currency})`, format: "money" },
        { key: "total", label: `Total (${scope.currency})`, format: "money" },
      ],
      rows: rows.map((r) => ({
        label: shown(r), ...idCell(r), mean: cents(r.dailyMean), sd: cents(r.dailyStdDev), cv: Number(r.cvPercent.toFixed(1)),
        low: r.lowestDay.amount, high: r.highestDay.amount, total: r.total,
      })),
    });
  }
  section.markdown = [
    rows.length ? tableMarkdown(section.tables[0]!, scope.currency) : "",
    "",
    `Variation (CV, the coefficient of variation) = the standard deviation of each day's cost ÷ the average day, over the ${v.days} days ` +
      `${scope.periodPhrase} (a day without cost counts as ${money(0)}); ${steadiest ? "the lowest" : "the highest"} first. ` +
      (v.leftOut ? `${v.leftOut} ${plural(noun, v.leftOut)} under ${DEFAULT_MIN_SHARE_PERCENT}% of the ${money(v.total)} total (or with credits outweighing cost) are left out. ` : "") +
      "Weekday and weekend patterns count as variation: ask how weekends compare to see them apart.",
  ].join("\n").trim();
  section.provenance = [...result.provenance, ...(names ? [names] : [])];
  return section;
}
