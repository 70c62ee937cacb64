// "Amortized vs billed", "list vs effective cost by service": two or more FOCUS cost metrics over one scope, side by
// side, with the difference, and what each metric is.
import type { Database } from "../../adapters/db/database.ts";
import { dimensionLabel, dimensionNoun, emptySection, formatMoney, formatPercent, tableMarkdown, type AnswerSection } from "../answer.ts";
import { costBreakdown } from "../../finops/analytics/breakdown.ts";
import { SAVINGS_DEFINITIONS, savingsMetrics } from "../../finops/analytics/savings.ts";
import { decimalToUnits, unitsToCents } from "../../finops/analytics/stats.ts";
import type { ExecutionScope } from "../hardened-agent.ts";
import { scopeText, type SpecialistInput } from "./specialist.ts";

type Db = Pick<Database, "sql">;

/** Values a metrics-side-by-side answer reads per metric, so each row finds its amount in every metric. */
const METRICS_ROWS = 500;
const METRIC_NAMES = { BilledCost: "Billed cost", EffectiveCost: "Effective cost", ListCost: "List cost", ContractedCost: "Contracted cost" };
/** What each FOCUS cost metric is, as the FinOps Foundation defines it. */
const METRIC_MEANINGS = {
  BilledCost: "what the invoice charges in the period: commitment purchases when they are bought, usage at the rate paid.",
  EffectiveCost:
    "amortized cost: commitment purchases spread over the usage they cover, so usage carries its share and the purchase rows none.",
  ListCost: "the same usage at public list prices, before any discount.",
  ContractedCost: "the usage at your negotiated rates, before commitment discounts.",
};
/** Each metric as a sentence names it after an amount. */
export const METRIC_WORDS = { BilledCost: "billed cost", EffectiveCost: "effective (amortized) cost", ListCost: "list cost", ContractedCost: "contracted cost" };

/** "Amortized vs billed": each metric's total, and the first metric's largest values with every metric beside them. */
export async function metricsSideBySide(db: Db, { scope, dimensions }: SpecialistInput, exec: ExecutionScope<AnswerSection>) {
  const metrics = dimensions.metrics;
  const dimension = scope.groupBy?.dimension ?? "ServiceName";
  exec.useTool("costBreakdown");
  // Every value of the dimension, so each metric's amount can be shown beside the first metric's top rows.
  const results = await Promise.all(
    metrics.map((metric) =>
      costBreakdown(db, { period: scope.period, filters: scope.filters, metric, dimension, tagKey: scope.groupBy?.tagKey, limit: METRICS_ROWS }),
    ),
  );
  const [first, ...others] = results.map((r) => r.data);
  const provenance: AnswerSection["provenance"] = [];
  const money = (amount: string) => formatMoney(amount, scope.currency);
  const difference = (a: string, b: string) => unitsToCents(decimalToUnits(a) - decimalToUnits(b));
  const section = emptySection("cost_analysis", metrics.map((m) => METRIC_NAMES[m]).join(" vs "));
  section.figures = Object.fromEntries(results.map((r, i) => [metrics[i]!, r.data.total]));
  const gaps = others.map((o, i) => ({ metric: metrics[i + 1]!, delta: difference(o.total, first!.total) }));
  // The gap as a share of the first metric's total, when that total is a base to measure against.
  const gapPercent = (delta: string) => (Number(first!.total) > 0 ? ` (${formatPercent(Math.abs(Number(delta) / Number(first!.total)) * 100)})` : "");
  section.headline =
    results.map((r, i) => `**${money(r.data.total)}** ${METRIC_WORDS[metrics[i]!]}`).join(" vs ") +
    ` ${scope.periodPhrase}${scopeText(scope)}` +
    gaps
      .map((g) =>
        Number(g.delta) === 0
          ? `; the two are equal`
          : `; ${METRIC_NAMES[g.metric].toLowerCase()} is ${money(g.delta.replace(/^-/, ""))}${gapPercent(g.delta)} ${g.delta.startsWith("-") ? "lower" : "higher"}`,
      )
      .join("") +
    ".";
  // List against what was paid is the effective savings rate, which is defined on usage: purchases, tax and credits
  // carry a list cost with nothing saved against it, so the totals above are not its parts.
  if (metrics.includes("ListCost") && metrics.includes("EffectiveCost")) {
    exec.useTool("savingsMetrics");
    const savings = await savingsMetrics(db, { period: scope.period, filters: scope.filters });
    const s = savings.data.total;
    section.figures = { ...section.figures, usageListCost: s.listCost, usageEffectiveCost: s.effectiveCost, totalSavings: s.totalSavings, effectiveSavingsRate: s.effectiveSavingsRate };
    section.headline +=
      ` On usage, what was paid is **${money(s.totalSavings)}** below list (${money(s.listCost)} at list, ${money(s.effectiveCost)} paid): ` +
      `an effective savings rate of **${formatPercent((s.effectiveSavingsRate ?? 0) * 100)}** (${SAVINGS_DEFINITIONS.effectiveSavingsRate.split(" — ")[0]}, usage charges only).`;
    provenance.push(...savings.provenance);
  }
  const label = dimensionLabel(dimension, scope.groupBy?.tagKey);
  const byKey = others.map((o) => new Map(o.rows.map((r) => [r.key, r])));
  const shown = first!.rows.filter((r) => !r.isOthers).slice(0, scope.topN);
  section.tables.push({
    title: `By ${dimensionNoun(label)}`,
    columns: [
      { key: "label", label, format: "text" },
      ...metrics.map((m) => ({ key: m, label: `${METRIC_NAMES[m]} (${scope.currency})`, format: "money" as const })),
      ...others.map((_, i) => ({ key: `delta${i}`, label: `Difference (${scope.currency})`, format: "money" as const })),
    ],
    rows: [
      ...shown.map((r) => {
        const row: Record<string, string | number | null> = { label: r.label, [metrics[0]!]: r.amount };
        byKey.forEach((rows, i) => {
          // Not among the other metric's rows: no cost there, unless it has more values than were read.
          const other = rows.get(r.key)?.amount ?? (others[i]!.valueCount > METRICS_ROWS ? null : "0");
          row[metrics[i + 1]!] = other;
          row[`delta${i}`] = other === null ? null : difference(other, r.amount);
        });
        return row;
      }),
      {
        label: "Total",
        ...Object.fromEntries(results.map((r, i) => [metrics[i]!, r.data.total])),
        ...Object.fromEntries(gaps.map((g, i) => [`delta${i}`, g.delta])),
      },
    ],
  });
  section.charts.push({
    kind: "bar",
    title: `${metrics.map((m) => METRIC_NAMES[m]).join(" and ")} by ${dimensionNoun(label)}`,
    unit: scope.currency,
    series: results.map((r, i) => ({
      name: metrics[i]!,
      points: shown.map((row) => ({ x: row.label, y: Number(r.data.rows.find((x) => x.key === row.key)?.amount ?? 0) })),
    })),
  });
  const notes = metrics.map((m) => `- **${METRIC_NAMES[m]}**: ${METRIC_MEANINGS[m]}`);
  section.markdown = [
    tableMarkdown(section.tables[0]!, scope.currency, scope.topN + 1),
    "",
    `Rows are the ${shown.length} largest by ${METRIC_WORDS[metrics[0]!]}; the total row covers every ${dimensionNoun(label)}.`,
    "",
    ...notes,
  ].join("\n");
  section.provenance = [...results.flatMap((r) => r.provenance), ...provenance];
  return section;
}
