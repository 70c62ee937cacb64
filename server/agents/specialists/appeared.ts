// "Which services are new this month?", "which accounts stopped spending?": the values with cost in the period and
// none in the months before it (new), or the other way round (gone). One comparison against a lookback window of
// LOOKBACK_DAYS before the period: a value that last cost something 10 days before the month is not new in it.
import type { Database } from "../../adapters/db/database.ts";
import { comparePeriods, type Driver } from "../../finops/analytics/compare.ts";
import { addDays, type Dimension } from "../../finops/analytics/scope.ts";
import { isPlaceholderValue } from "../../finops/analytics/scope.ts";
import { capitalised, dimensionLabel, emptySection, formatMoney, plural, readableLabels, tableMarkdown, type AnswerSection } from "../answer.ts";
import type { ExecutionScope } from "../hardened-agent.ts";
import { periodName, scopeText, type SpecialistInput } from "./specialist.ts";

/** How far back a value must have had no cost (new) or some cost (gone): about three months. */
export const LOOKBACK_DAYS = 90;
/** Values listed at most: past it, the answer counts the rest and gives their cost. */
const LISTED = 100;

/** The dimension a question's noun names ("new accounts"), when it named no grouping the classifier read. */
const NOUN_DIMENSIONS: Array<[RegExp, { dimension: Dimension; tagKey?: string }]> = [
  [/\bresources?\b/, { dimension: "ResourceId" }],
  [/\b(?:sub-?accounts?|accounts?|projects?|subscriptions?)\b/, { dimension: "SubAccountId" }],
  [/\bregions?\b/, { dimension: "RegionId" }],
  [/\bproviders?\b|\bclouds?\b/, { dimension: "ProviderName" }],
  [/\bteams?\b/, { dimension: "Tag", tagKey: "team" }],
  [/\bapps?\b/, { dimension: "Tag", tagKey: "app" }],
];

function dimensionOf(input: SpecialistInput): { dimension: Dimension; tagKey?: string } {
  if (input.scope.groupBy) return input.scope.groupBy;
  const lower = input.question.toLowerCase();
  return NOUN_DIMENSIONS.find(([words]) => words.test(lower))?.[1] ?? { dimension: "ServiceName" };
}

export async function appearedValues(db: Pick<Database, "sql">, input: SpecialistInput, exec: ExecutionScope<AnswerSection>): Promise<AnswerSection> {
  const { scope } = input;
  const which = input.dimensions.appeared ?? "new";
  const { dimension, tagKey } = dimensionOf(input);
  const label = dimensionLabel(dimension, tagKey).toLowerCase();
  const lookback = { start: addDays(scope.period.start, -LOOKBACK_DAYS), end: scope.period.start };
  const section = emptySection("cost_analysis", which === "new" ? `New ${plural(label, 2)}` : `${plural(label, 2)} with no cost any more`);
  if (scope.period.start <= scope.dataRange.start) {
    section.headline =
      `There is nothing to tell new ${plural(label, 2)} from ${scope.periodPhrase}: the cost data starts on ${scope.dataRange.start}, ` +
      `so there are no months before it to compare with.`;
    return section;
  }
  exec.useTool("comparePeriods");
  const result = await comparePeriods(db, {
    current: scope.period,
    mode: "custom",
    baseline: lookback,
    filters: scope.filters,
    metric: scope.metric,
    driverDimension: dimension,
    tagKey,
    limit: LISTED,
    only: which,
  });
  section.provenance = result.provenance;
  const c = result.data;
  // A placeholder tag value ("unknown", "n/a") is no team or app, new or not.
  const placeholder = (d: Driver) => dimension === "Tag" && d.key !== null && isPlaceholderValue(d.key);
  const found = c.drivers.filter((d) => !d.isOthers && !placeholder(d));
  const rest = c.drivers.find((d) => d.isOthers);
  const total = (c.matching ?? 0) - c.drivers.filter(placeholder).length;
  const before = periodName(lookback);
  const money = (amount: string) => formatMoney(amount, scope.currency);
  const { shown, idColumns, idCell } = readableLabels(found);
  const listed = found.slice(0, 5).map((d) => `${shown(d)} (${money(which === "new" ? d.current : d.baseline)})`).join(", ");
  const count = `**${total} ${plural(label, total)}**`;
  section.figures = { count: total, dimension, lookbackStart: lookback.start, first: found[0]?.label ?? null };
  if (which === "new") {
    section.headline = found.length
      ? `${count} had cost ${scope.periodPhrase}${scopeText(scope)} and none in the ${LOOKBACK_DAYS} days before (${before}): ${listed}${total > 5 ? ", …" : ""}.`
      : `No ${label} is new ${scope.periodPhrase}${scopeText(scope)}: every ${label} with cost in it had cost in the ${LOOKBACK_DAYS} days before (${before}) too.`;
  } else {
    section.headline = found.length
      ? `${count} had cost in the ${LOOKBACK_DAYS} days before ${scope.periodLabel} (${before})${scopeText(scope)} and none in it: ${listed}${total > 5 ? ", …" : ""}.`
      : `No ${label} stopped costing ${scope.periodPhrase}${scopeText(scope)}: every ${label} with cost in the ${LOOKBACK_DAYS} days before (${before}) still has some.`;
  }
  if (found.length) {
    section.tables.push({
      title: section.title,
      columns: [
        { key: "label", label: dimensionLabel(dimension, tagKey), format: "text" },
        ...idColumns,
        { key: "baseline", label: `${LOOKBACK_DAYS} days before (${scope.currency})`, format: "money" },
        { key: "current", label: `${capitalised(scope.periodLabel)} (${scope.currency})`, format: "money" },
      ],
      rows: found.map((d) => ({ label: shown(d), ...idCell(d), baseline: d.baseline, current: d.current })),
    });
  }
  const notes = [
    `${which === "new" ? "New" : "Gone"}: cost ${which === "new" ? "in the period and none" : "in the period before and none in it"}, ` +
      `the period before being the ${LOOKBACK_DAYS} days up to ${scope.periodLabel}.`,
    lookback.start < scope.dataRange.start ? `The cost data starts on ${scope.dataRange.start}, so less than ${LOOKBACK_DAYS} days before could be compared.` : "",
    rest
      ? `The ${found.length} largest are listed; the other ${total - found.length} ${which === "new" ? "came to" : "had come to"} ` +
        `${money(which === "new" ? rest.current : rest.baseline)}.`
      : "",
  ].filter(Boolean);
  section.markdown = [found.length ? tableMarkdown(section.tables[0]!, scope.currency) : "", "", notes.join(" ")].join("\n").trim();
  return section;
}

