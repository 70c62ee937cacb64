// "Cost by team and region", "break that down by region" after a breakdown by team: a two-level breakdown.
import type { Database } from "../../adapters/db/database.ts";
import { dimensionLabel, emptySection, formatMoney, formatPercent, plural, readableLabels, tableMarkdown, type AnswerSection } from "../answer.ts";
import { costBreakdown } from "../../finops/analytics/breakdown.ts";
import { narrowTo } from "../../finops/analytics/scope.ts";
import type { ExecutionScope } from "../hardened-agent.ts";
import type { ResolvedScope } from "../scope.ts";
import { METRIC_WORDS } from "./metrics-answer.ts";
import { variantsOf } from "./allocation-answer.ts";
import { TOP_IN_EACH } from "../classifier/dimensions.ts";
import { scopeText, type SpecialistInput } from "./specialist.ts";

type Db = Pick<Database, "sql">;

/** The first grouping's largest values, and each one's largest parts. */
const CROSS_ROWS = 5;
const CROSS_PARTS = 5;

/**
 * "Cost by team and region", "break that down by region" after a breakdown by team: the largest values of the first
 * grouping, each split into its largest values of the second (one costBreakdown per value, narrowed to it).
 */
export async function crossBreakdown(db: Db, { scope, question }: SpecialistInput, exec: ExecutionScope<AnswerSection>) {
  const [rowsBy, partsBy] = [scope.groupBy!, scope.thenBy!];
  // By a tag, placeholder values ("TBD") are no one's: pooled with the untagged, as a breakdown by the tag alone pools them.
  const base = { period: scope.period, metric: scope.metric, poolPlaceholders: true };
  exec.useTool("costBreakdown");
  const outer = await costBreakdown(db, { ...base, filters: scope.filters, dimension: rowsBy.dimension, tagKey: rowsBy.tagKey, limit: CROSS_ROWS });
  // Costs with no value and the Others remainder are not one value: they are not split.
  const inner = await Promise.all(
    outer.data.rows.map((r) => {
      const narrowed = r.isOthers || r.key === null ? null : narrowTo(scope.filters, rowsBy.dimension, r.key, rowsBy.tagKey);
      return narrowed && costBreakdown(db, { ...base, filters: narrowed, dimension: partsBy.dimension, tagKey: partsBy.tagKey, limit: CROSS_PARTS });
    }),
  );
  // A tag by its key, as written; a column by its FOCUS name ("Region" heads the column, "region" is in sentences).
  const label = (g: NonNullable<ResolvedScope["groupBy"]>) => dimensionLabel(g.dimension, g.tagKey);
  const name = (g: NonNullable<ResolvedScope["groupBy"]>) => (g.dimension === "Tag" ? g.tagKey! : dimensionLabel(g.dimension).toLowerCase());
  const [rowsName, partsName] = [name(rowsBy), name(partsBy)];
  const outerShown = readableLabels(outer.data.rows).shown;
  const innerShown = inner.map((split) => split && readableLabels(split.data.rows).shown);
  const section = emptySection("cost_analysis", `Spend by ${rowsName} and ${partsName}`);
  const lines: Array<{ group: string; part: string; amount: string; share: number | null }> = [];
  outer.data.rows.forEach((r, i) => {
    const split = inner[i];
    const shown = innerShown[i];
    if (!split || !shown) return void lines.push({ group: outerShown(r), part: "—", amount: r.amount, share: null });
    for (const p of split.data.rows) lines.push({ group: outerShown(r), part: shown(p), amount: p.amount, share: p.share == null ? null : p.share * 100 });
  });
  section.tables.push({
    title: `By ${rowsName} and ${partsName}`,
    columns: [
      { key: "group", label: label(rowsBy), format: "text" },
      { key: "part", label: label(partsBy), format: "text" },
      { key: "amount", label: `Cost (${scope.currency})`, format: "money" },
      { key: "share", label: `Share of the ${rowsName}`, format: "percent" },
    ],
    rows: lines,
  });
  section.charts.push({
    kind: "bar",
    title: `${scope.periodLabel} by ${rowsName}`,
    unit: scope.currency,
    series: [{ name: scope.metric, points: outer.data.rows.map((r) => ({ x: outerShown(r), y: r.value })) }],
  });
  const topIndex = outer.data.rows.findIndex((r) => !r.isOthers && r.key !== null);
  const top = outer.data.rows[topIndex];
  const topPart = inner[topIndex]?.data.rows.find((p) => !p.isOthers && p.key !== null);
  const money = (amount: string) => formatMoney(amount, scope.currency);
  // As the one-grouping breakdown's figures: values by label.
  section.figures = { total: outer.data.total, topKey: top?.label ?? null, topAmount: top?.amount ?? null, topPart: topPart?.label ?? null, topPartAmount: topPart?.amount ?? null };
  section.headline =
    `**${money(outer.data.total)}** ${METRIC_WORDS[scope.metric]} ${scope.periodPhrase}${scopeText(scope)}, by ${rowsName} and ${partsName}` +
    (top
      ? `: the largest ${rowsName} is **${outerShown(top)}** (${money(top.amount)})` +
        (topPart ? `, most of it in **${innerShown[topIndex]!(topPart)}** (${money(topPart.amount)}, ${formatPercent((topPart.share ?? 0) * 100)}).` : ".")
      : ".");
  // "The most expensive service in each region": each row's first part leads, in a sentence.
  if (TOP_IN_EACH.test(question.toLowerCase())) {
    const firsts = outer.data.rows.flatMap((r, i) => {
      const part = inner[i]?.data.rows.find((p) => !p.isOthers && p.key !== null);
      return part ? [`${outerShown(r)}: **${innerShown[i]!(part)}** (${money(part.amount)}, ${formatPercent((part.share ?? 0) * 100)})`] : [];
    });
    if (firsts.length) {
      section.figures.firstParts = firsts.length;
      section.headline = `The largest ${partsName} in each ${rowsName} ${scope.periodPhrase}${scopeText(scope)}: ${firsts.join("; ")}.`;
    }
  }
  const split = inner.filter(Boolean).length;
  const unsplit = outer.data.rows.some((r) => r.isOthers || r.key === null) ? ` Others and cost with no ${rowsName} are not split.` : "";
  // The text names each group once, on its first line; the table's data keeps it on every line (API callers, exports).
  const grouped = lines.map((line, i) => (i > 0 && lines[i - 1]!.group === line.group ? { ...line, group: "" } : line));
  section.markdown = [
    tableMarkdown({ ...section.tables[0]!, rows: grouped }, scope.currency, grouped.length),
    "",
    `The ${split} largest ${plural(rowsName, split)}, each split into ${split === 1 ? "its" : "their"} ${CROSS_PARTS} largest ${plural(partsName, CROSS_PARTS)} (the rest as Others).${unsplit}`,
    // "dev" and "development" as two envs: said, as a breakdown by the tag alone says it.
    ...(rowsBy.dimension === "Tag" ? variantsOf(outer.data.rows.filter((r) => !r.isOthers), scope.currency) : []),
  ].join("\n");
  section.provenance = [...outer.provenance, ...inner.flatMap((b) => b?.provenance ?? [])];
  return section;
}
