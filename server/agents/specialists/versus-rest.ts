// "Prod vs non-prod": the accounts a question names set against every other cost of the period, as two parts of one
// whole (not a comparison over time), with the rest broken down by sub-account.
import type { Database } from "../../adapters/db/database.ts";
import { costBreakdown, costTotal } from "../../finops/analytics/breakdown.ts";
import { distinctValuesSql, fromUnits, toUnits } from "../../finops/analytics/scope.ts";
import { emptySection, formatMoney, formatPercent, readableLabels, tableMarkdown, type AnswerSection } from "../answer.ts";
import type { ExecutionScope } from "../hardened-agent.ts";
import { METRIC_WORDS } from "./metrics-answer.ts";
import { accountsLabel, scopeText, type SpecialistInput } from "./specialist.ts";

type Db = Pick<Database, "sql">;

/** Rows of the rest the answer lists by sub-account; the others are one row. */
const REST_ROWS = 10;

/** a - the rest, exactly. */
const minus = (a: string, ...rest: string[]) => fromUnits(rest.reduce((t, b) => t - toUnits(b), toUnits(a)));

/** Asks for the two as a ratio: "the ratio of prod to non-prod spend". */
const RATIO_ASKED = /\bratio\b|\bhow many times\b/i;

export async function versusRestAnswer(db: Db, { scope, question }: SpecialistInput, exec: ExecutionScope<AnswerSection>): Promise<AnswerSection> {
  const named = new Set(scope.filters.subAccountIds ?? []);
  const others = { ...scope.filters, subAccountIds: undefined, billingAccountIds: undefined };
  exec.useTool("costTotal");
  exec.useTool("costBreakdown");
  const [part, all] = await Promise.all([
    costTotal(db, { period: scope.period, filters: scope.filters, metric: scope.metric }),
    costBreakdown(db, { period: scope.period, filters: others, metric: scope.metric, dimension: "SubAccountId", limit: 1000 }),
  ]);
  const whole = all.data.total;
  const partAmount = part.data.total;
  const restAmount = minus(whole, partAmount);
  const share = (amount: string) => (all.data.totalValue === 0 ? null : (Number(amount) / all.data.totalValue) * 100);
  const name = scope.accounts.map((a) => a.name).join(" and ");
  const partLabel = accountsLabel(name, named.size);
  const restLabel = `non-${name || "named"} (every other cost)`;
  const section = emptySection("cost_analysis", `${name} vs the rest`);
  section.figures = { part: partAmount, rest: restAmount, total: whole, partShare: share(partAmount), restShare: share(restAmount) };
  const money = (amount: string) => formatMoney(amount, scope.currency);
  const restRows = all.data.rows.filter((r) => !r.isOthers && !named.has(r.key ?? ""));
  const noAccount = restRows.find((r) => r.key === null);
  // "The ratio of prod to non-prod": the rest as a multiple of the part.
  const ratio = Number(partAmount) > 0 ? Number(restAmount) / Number(partAmount) : null;
  section.figures.ratio = ratio;
  const ratioText = ratio !== null && RATIO_ASKED.test(question) ? ` A ratio of 1 : ${ratio.toFixed(2)}: non-${name} costs ${ratio.toFixed(2)}× ${name}.` : "";
  section.headline =
    `**${name} ${money(partAmount)} (${formatPercent(share(partAmount))}) vs non-${name} ${money(restAmount)} (${formatPercent(share(restAmount))})** ` +
    `${scope.periodPhrase}${scopeText({ ...scope, filters: others })}: ${money(whole)} ${METRIC_WORDS[scope.metric]} in all.${ratioText}`;
  section.tables.push({
    title: `${name} vs the rest`,
    columns: [
      { key: "label", label: "Part", format: "text" },
      { key: "amount", label: `Cost (${scope.currency})`, format: "money" },
      { key: "share", label: "Share", format: "percent" },
    ],
    rows: [
      { label: partLabel, amount: partAmount, share: share(partAmount) },
      { label: restLabel, amount: restAmount, share: share(restAmount) },
    ],
  });
  // The rest by sub-account: the largest, then the remainder as one row, so the rows add up to the rest.
  const shownRest = restRows.slice(0, REST_ROWS);
  const remainder = minus(restAmount, ...shownRest.map((r) => r.amount));
  const { shown, idColumns, idCell } = readableLabels(shownRest);
  section.tables.push({
    title: `Non-${name} by sub-account`,
    columns: [{ key: "label", label: "Sub-account", format: "text" }, ...idColumns, { key: "amount", label: `Cost (${scope.currency})`, format: "money" }],
    rows: [
      ...shownRest.map((r) => ({ label: shown(r), ...idCell(r), amount: r.amount })),
      ...(Number(remainder) !== 0 ? [{ label: "Others", amount: remainder }] : []),
    ],
  });
  section.markdown = [
    tableMarkdown(section.tables[0]!, scope.currency),
    "",
    `${name[0]?.toUpperCase() ?? ""}${name.slice(1)} is the ${named.size} sub-account${named.size === 1 ? "" : "s"} named ${name}; non-${name} is every other cost of the period` +
      (noAccount ? `, including ${money(noAccount.amount)} billed to no sub-account (tax, credits, support).` : "."),
    "",
    tableMarkdown(section.tables[1]!, scope.currency),
  ].join("\n");
  const byTag = await byEnvironmentTag(db, scope, name);
  if (byTag) {
    exec.useTool("costBreakdown");
    section.figures = { ...section.figures, tagKey: byTag.key, tagged: byTag.tagged, taggedShare: share(byTag.tagged), noTag: byTag.noTag };
    section.tables.push(byTag.table);
    section.markdown += [
      "",
      "",
      `By the ${byTag.key} tag instead, the cost tagged ${byTag.values.join(" or ")} is ${money(byTag.tagged)} (${formatPercent(share(byTag.tagged))}), against ${money(partAmount)} in the sub-accounts: ` +
        `the tag follows each resource wherever it runs, and ${money(byTag.noTag)} carries no real ${byTag.key} value.`,
      "",
      tableMarkdown(byTag.table, scope.currency),
    ].join("\n");
    section.provenance.push(...byTag.provenance);
  }
  section.charts.push({
    kind: "bar",
    title: `${name} vs the rest`,
    unit: scope.currency,
    series: [{ name: "Cost", points: [{ x: partLabel, y: Number(partAmount) }, { x: restLabel, y: Number(restAmount) }] }],
  });
  section.provenance.unshift(...part.provenance, ...all.provenance);
  return section;
}

/** Tag keys that name an environment, as teams spell them. */
const ENVIRONMENT_KEYS = ["env", "environment", "Environment", "stage"];

/**
 * The same split by the environment tag, when the cost carries one: the values that name the part ("prod",
 * "production"), every other value, and the cost with none (untagged or a placeholder). Null without such a tag or
 * value.
 */
async function byEnvironmentTag(db: Db, scope: SpecialistInput["scope"], name: string) {
  const keys = new Set((await db.sql.query<{ value: string }>(distinctValuesSql("cost_tag_daily_rollup", "tag_key"))).map((r) => r.value));
  const key = ENVIRONMENT_KEYS.find((k) => keys.has(k));
  if (!key) return null;
  const filters = { ...scope.filters, subAccountIds: undefined, billingAccountIds: undefined };
  const result = await costBreakdown(db, { period: scope.period, filters, metric: scope.metric, dimension: "Tag", tagKey: key, limit: 1000, poolPlaceholders: true });
  const words = new Set(name.toLowerCase().split(/\s+and\s+/).flatMap((w) => ENVIRONMENT_SYNONYMS[w] ?? [w]));
  const named = result.data.rows.filter((r) => r.key !== null && !r.isOthers && words.has(r.key.toLowerCase()));
  if (!named.length) return null;
  const tagged = fromUnits(named.reduce((t, r) => t + toUnits(r.amount), 0n));
  const noTag = result.data.rows.find((r) => r.key === null)?.amount ?? "0";
  const other = minus(result.data.total, tagged, noTag);
  const values = named.map((r) => `${key}=${r.key}`);
  const share = (amount: string) => (result.data.totalValue === 0 ? null : (Number(amount) / result.data.totalValue) * 100);
  const table = {
    title: `By the ${key} tag`,
    columns: [
      { key: "label", label: `${key} tag`, format: "text" as const },
      { key: "amount", label: `Cost (${scope.currency})`, format: "money" as const },
      { key: "share", label: "Share", format: "percent" as const },
    ],
    rows: [
      { label: values.join(", "), amount: tagged, share: share(tagged) },
      { label: `other ${key} values`, amount: other, share: share(other) },
      { label: `no real ${key} value`, amount: noTag, share: share(noTag) },
    ],
  };
  return { key, values, tagged, noTag, table, provenance: result.provenance };
}

/** The values an environment goes by in tags ("prod" is also tagged "production" or "prd"). */
const ENVIRONMENT_SYNONYMS: Record<string, string[]> = {
  prod: ["prod", "production", "prd"],
  production: ["prod", "production", "prd"],
  staging: ["staging", "stage", "stg"],
  dev: ["dev", "development"],
  development: ["dev", "development"],
};
