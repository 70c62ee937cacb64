// Tagging compliance: coverage per tag key, where the weakest key's untagged cost sits (by account and service),
// which services or accounts are tagged worst, and the untagged resources past an amount.
import type { Database } from "../../adapters/db/database.ts";
import { costBreakdown, emptyLabelFor, nameIds } from "../../finops/analytics/breakdown.ts";
import { tagCoverage, tagGapsByValue, topUntagged, type TagCoverage, type TagKeyCoverage } from "../../finops/analytics/tag-coverage.ts";
import { DEFAULT_PLACEHOLDER_VALUES, toUnits } from "../../finops/analytics/scope.ts";
import {
  dimensionLabel, emptySection, formatMoney, formatNumber, formatPercent, measuresTable, plural, pointsMoved, readableLabels, tableMarkdown, valueNoun, type AnswerSection,
} from "../answer.ts";
import type { ExecutionScope } from "../hardened-agent.ts";
import { MATERIAL_SHARE, THRESHOLD_LIMIT } from "./answer-limits.ts";
import { inBothPeriods, scopeText, type SpecialistInput } from "./specialist.ts";
import { monthLabel, resolveTagKey, wholeMonthsIn } from "../scope.ts";
import { HOW_CHANGED } from "../classifier/change-words.ts";
import { addMonths } from "../../finops/analytics/scope.ts";

type Db = Pick<Database, "sql">;

/** Whether the text names the word on its own ("coverage for team", not "teams" or "team-lead"). */
export function mentions(text: string, key: string): boolean {
  // "cost center", "cost-center" and "costcenter" all name the key cost-center (or CostCenter, cost_center).
  const parts = key.replace(/(\p{Ll})(\p{Lu})/gu, "$1 $2").toLowerCase().split(/[-_\s.:/]+/).filter(Boolean);
  if (!parts.length) return false;
  const escaped = parts.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  return new RegExp(`(?:^|[^\\p{L}\\p{N}])${escaped.join("[-_\\s]?")}(?=$|[^\\p{L}\\p{N}])`, "iu").test(text);
}

/** Asks about untagged cost as such ("how much of our spend is untagged?", "total spend without tags"). */
const UNTAGGED_ASKED = /\buntagged\b|\bwithout (?:any )?tags?\b|\bno tags?\b|\bnot tagged\b|\bmissing tags?\b/i;
/** No tag of any key ("resources with no tags at all", "completely untagged"), not one key missing. */
const NO_TAGS_AT_ALL =
  /\b(?:no|without|missing|lack(?:s|ing)?)\s+(?:any\s+)?tags\b|\b(?:no|without)\s+(?:any\s+)?tags?\s+(?:at all|whatsoever)\b|\b(?:completely|entirely|fully|totally)\s+untagged\b|\bnot tagged at all\b/i;

/**
 * Owners ranked by their resources' missing tags: "which team has the most untagged resources?", "which apps have the
 * most resources missing tags?". The noun is the tag key whose values own the resources.
 */
const OWNER_GAPS = new RegExp(
  String.raw`\bwhich\s+([a-z][\w-]*(?:\s+cent(?:er|re))?)s?\s+(?:has|have|had|owns?|owned)\s+(?:the\s+)?most\s+` +
    String.raw`(?:(?:untagged|unlabell?ed|non-?compliant|poorly tagged)\s+resources\b|resources\s+(?:missing|without|lacking)\s+(?:\w+\s+)?tags\b)`,
  "i",
);
/** Nouns for owners that tag keys spell shorter. */
const OWNER_KEYS: Record<string, string> = { application: "app", environment: "env", "cost centre": "cost-center", "cost center": "cost-center" };

/** Nouns that name a column rather than a tag key ("which region has the most untagged resources?"). */
const GAP_COLUMN_NOUNS: Record<string, "RegionId" | "SubAccountId" | "ServiceName" | "ProviderName"> = {
  region: "RegionId", account: "SubAccountId", "sub-account": "SubAccountId", subaccount: "SubAccountId", subscription: "SubAccountId",
  project: "SubAccountId", service: "ServiceName", provider: "ProviderName", cloud: "ProviderName",
};

/**
 * The answer by owner (a tag key's values, or a column's), or null when the noun is neither a column nor a tag key in
 * the data (the coverage answer follows instead).
 */
async function ownerGaps(db: Db, noun: string, { scope }: SpecialistInput, exec: ExecutionScope<AnswerSection>): Promise<AnswerSection | null> {
  // "Which apps…": the key is spelled in the singular; the noun as written is tried first, then without its "s".
  const words = [...new Set([noun.toLowerCase(), noun.toLowerCase().replace(/s$/, "")])];
  const column = words.map((w) => GAP_COLUMN_NOUNS[w]).find(Boolean);
  let resolved: { key: string } | null = null;
  for (const word of column ? [] : words) {
    const found = await resolveTagKey(db, OWNER_KEYS[word] ?? word);
    if (found.note === null) {
      resolved = found;
      break;
    }
  }
  if (!column && !resolved) return null;
  exec.useTool("tagGapsByValue");
  const base = { period: scope.period, filters: scope.filters, metric: scope.metric };
  const result = await tagGapsByValue(db, column ? { ...base, byColumn: column } : { ...base, byKey: resolved!.key });
  const { values, unowned, tagKeys } = result.data;
  // How the owners are named: the key ("team"), or the column's noun ("region", "sub-account").
  const owner = column ? valueNoun(column, undefined, scope.filters.providers) : result.data.byKey;
  const rows = [...values, ...(unowned.resources ? [unowned] : [])].map((v) => ({ ...v, key: v.value, isOthers: false, name: null as string | null, label: v.value ?? "" }));
  const names = column === "SubAccountId" ? await nameIds(db, column, scope.period, rows) : null;
  const { shown } = readableLabels(rows);
  const nameOf = (row: (typeof rows)[number]) => (row.key === null ? (column ? emptyLabelFor(column) : `(no ${owner})`) : shown(row));
  const money = (amount: string) => formatMoney(amount, scope.currency);
  const mostMissed = (missing: Record<string, number>) => Object.entries(missing).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0];
  const section = emptySection("cost_analysis", `Missing tags by ${owner}`);
  const top = rows.find((r) => r.key !== null);
  section.figures = {
    owners: result.data.valueCount,
    ...(top ? { top: top.value, topIncomplete: top.incomplete, topResources: top.resources, topIncompleteCost: top.incompleteCost } : {}),
    unowned: unowned.resources,
  };
  const keysText = tagKeys.length === 1 ? `"${tagKeys[0]}"` : `at least one of the ${column ? "" : "other "}${tagKeys.length} keys (${tagKeys.join(", ")})`;
  const missed = top ? mostMissed(top.missingByKey) : undefined;
  section.headline = !top
    ? `**No resource carries a real "${owner}" value** ${scope.periodPhrase}${scopeText(scope)}.`
    : top.incomplete === 0
      ? `**Every ${owner}'s resources carry all the ${column ? "" : "other "}tags** ${scope.periodPhrase}${scopeText(scope)}.`
      : `**${nameOf(top)}** has the most resources missing tags ${scope.periodPhrase}${scopeText(scope)}: **${top.incomplete} of its ${top.resources}** ` +
        `lack a real value for ${keysText} (${money(top.incompleteCost)} of cost)` +
        (missed && tagKeys.length > 1 ? `; the tag it most often misses is ${missed[0]} (${missed[1]}).` : ".");
  if (unowned.resources) {
    section.headline += column
      ? ` ${unowned.resources} ${plural("resource", unowned.resources)} ${unowned.resources === 1 ? "has" : "have"} no ${owner}; ${unowned.incomplete} of them lack a tag.`
      : ` ${unowned.resources} ${plural("resource", unowned.resources)} carry no real "${owner}" value, so no ${owner} can be named for them.`;
  }
  section.tables.push({
    title: `Resources missing tags by ${owner}`,
    columns: [
      { key: "label", label: column ? dimensionLabel(column) : owner, format: "text" },
      { key: "resources", label: "Resources", format: "number" },
      { key: "incomplete", label: "Missing a tag", format: "number" },
      { key: "share", label: "Share", format: "percent" },
      { key: "cost", label: `Their cost (${scope.currency})`, format: "money" },
      { key: "missed", label: "Most often missing", format: "text" },
    ],
    rows: rows.map((v) => {
      const most = mostMissed(v.missingByKey);
      return {
        label: nameOf(v),
        resources: v.resources,
        incomplete: v.incomplete,
        share: v.resources ? (v.incomplete / v.resources) * 100 : null,
        cost: v.incompleteCost,
        missed: most && most[1] > 0 ? `${most[0]} (${most[1]})` : "—",
      };
    }),
  });
  section.markdown = [
    tableMarkdown(section.tables[0]!, scope.currency, 20),
    "",
    `A resource counts once for each ${owner} it ${column ? "ran in" : "carried"}, and as missing a tag when some charge of it ${scope.periodPhrase} has no real value for it; ` +
      `placeholders (${DEFAULT_PLACEHOLDER_VALUES.filter(Boolean).join(", ")}) count as missing. Resources only: charges on no resource, such as tax, are left out.`,
  ].join("\n");
  section.provenance = [...result.provenance, ...(names ? [names] : [])];
  return section;
}

/** "no real "owner" value", or with no key "no real value for any tag". */
const withoutValue = (tagKey: string | null) => (tagKey ? `no real "${tagKey}" value` : "no real value for any tag");

export async function taggingAnswer(db: Db, input: SpecialistInput, exec: ExecutionScope<AnswerSection>) {
  const { scope, question, dimensions } = input;
  // "Which team has the most untagged resources?": each team's resources lacking the other tags, most first.
  const owners = OWNER_GAPS.exec(question);
  if (owners) {
    const answer = await ownerGaps(db, owners[1]!, input, exec);
    if (answer) return answer;
  }
  exec.useTool("tagCoverage");
  // "How has our tag coverage changed over time?": each month's coverage, the key asked (else the weakest) leading.
  if (dimensions.direction || HOW_CHANGED.test(question) || OVER_TIME.test(question)) {
    const answer = await coverageOverTime(db, input);
    if (answer) return answer;
  }
  // "What's our tag coverage?", then "how does that compare to last month?": each key's coverage in both periods.
  if (scope.comparison) return coverageCompared(db, input);
  const result = await tagCoverage(db, { period: scope.period, filters: scope.filters, metric: scope.metric });
  const keys = [...result.data.keys].sort((x, y) => (x.costCoveragePercent ?? 0) - (y.costCoveragePercent ?? 0));
  const section = emptySection("cost_analysis", "Tagging compliance");
  const worst = keys[0];
  section.figures = Object.fromEntries(keys.map((k) => [`coverage:${k.tagKey}`, k.costCoveragePercent]));
  // The key the question names ("coverage for team") leads, else the weakest one.
  const asked = keys.find((k) => mentions(question, k.tagKey));
  const focus = asked ?? worst;
  const covered = (k: NonNullable<typeof worst>) =>
    `${formatPercent(k.costCoveragePercent)} of cost carries a real value (${formatMoney(k.untaggedCost, scope.currency)} untagged) ${scope.periodPhrase}`;
  section.headline = !focus
    ? `No tags were found on the cost ${scope.periodPhrase}.`
    : asked && asked !== worst
      ? `**${asked.tagKey}**: ${covered(asked)}; the weakest tag is ${worst!.tagKey} (${formatPercent(worst!.costCoveragePercent)}).`
      : `The weakest tag is **${focus.tagKey}**: ${covered(focus)}.`;
  // "How much of our spend is untagged?" names no key: what carries none of them leads, and what carries all.
  const { together } = result.data;
  const howMuch = dimensions.share || /\bhow much\b|\btotal\b/i.test(question);
  // "Which resources have no tags at all?": what carries no tag of any key, not the weakest key's gaps.
  const noTags = !asked && keys.length > 1 && NO_TAGS_AT_ALL.test(question);
  if ((!asked && keys.length > 1 && UNTAGGED_ASKED.test(question) && howMuch && !dimensions.groupBy) || noTags) {
    section.figures = { ...section.figures, noKeyCost: together.noKeyCost, noKeyPercent: together.noKeyPercent, everyKeyPercent: together.everyKeyPercent };
    section.headline =
      `**${formatMoney(together.noKeyCost, scope.currency)} (${formatPercent(together.noKeyPercent)}) of the cost ${scope.periodPhrase}${scopeText(scope)} ` +
      `carries no real value for any of the ${keys.length} tag keys**; ${formatMoney(together.everyKeyCost, scope.currency)} ` +
      `(${formatPercent(together.everyKeyPercent)}) carries all ${keys.length} (${keys.map((k) => k.tagKey).sort().join(", ")}). ${section.headline}`;
  }
  section.tables.push({
    title: "Coverage by tag key",
    columns: [
      { key: "tagKey", label: "Tag key", format: "text" },
      { key: "cost", label: "Cost coverage", format: "percent" },
      { key: "count", label: "Resource coverage", format: "percent" },
      { key: "untagged", label: `Untagged cost (${scope.currency})`, format: "money" },
    ],
    rows: keys.map((k) => ({ tagKey: k.tagKey, cost: k.costCoveragePercent, count: k.countCoveragePercent, untagged: k.untaggedCost })),
  });
  const placeholders = `Placeholder values (${result.data.placeholderValues.filter(Boolean).join(", ")}) count as untagged.`;
  section.markdown = `${tableMarkdown(section.tables[0]!, scope.currency)}\n\n${placeholders}`;
  section.provenance = result.provenance;
  // Where to chase first.
  // "Untagged resources costing more than $500": the resources past that amount.
  const amountOver = dimensions.thresholds.find((t) => t.kind === "amount" && t.op === "gt");
  if (noTags && Number(together.noKeyCost) !== 0) await untaggedWhere(db, null, scope, section, exec, amountOver?.value);
  else if (focus && !noTags && Number(focus.untaggedCost) !== 0) await untaggedWhere(db, focus.tagKey, scope, section, exec, amountOver?.value);
  // "How many resources are untagged?", "how many resources have no owner tag?": how many leads.
  if (dimensions.count && scope.groupBy?.dimension === "ResourceId" && focus && amountOver === undefined) {
    section.headline = `${resourcesCounted(result.data, asked, scope)} ${section.headline}`;
    Object.assign(section.figures, { resources: together.identifiedResources, resourcesWithNoTag: together.identifiedWithNoKey });
    if (asked) section.figures[`resourcesWithout:${asked.tagKey}`] = asked.identifiedWithout;
  }
  return section;
}

/** Coverage asked about over time: "tag coverage by month", "is our tagging improving?", "the trend of tag coverage". */
const OVER_TIME = /\b(?:trend\w*|improv\w*|over time|month by month|by month|per month|each month|monthly)\b/i;

/**
 * Each complete month's cost coverage per tag key (one tagCoverage per month), the key the question names (else the
 * one weakest in the latest month) leading with where it started and ended; null when the period holds fewer than two
 * complete months.
 */
async function coverageOverTime(db: Db, { scope, question }: SpecialistInput): Promise<AnswerSection | null> {
  const months = wholeMonthsIn(scope.period, scope.dataRange);
  if (months.length < 2) return null;
  const results = await Promise.all(months.map((m) => tagCoverage(db, { period: { start: m, end: addMonths(m, 1) }, filters: scope.filters, metric: scope.metric })));
  const latest = [...results.at(-1)!.data.keys].sort((x, y) => (x.costCoveragePercent ?? 0) - (y.costCoveragePercent ?? 0));
  if (!latest.length) return null;
  const focus = latest.find((k) => mentions(question, k.tagKey)) ?? latest[0]!;
  const keys = latest.map((k) => k.tagKey);
  const coverageOf = (i: number, key: string) => results[i]!.data.keys.find((k) => k.tagKey === key)?.costCoveragePercent ?? null;
  const section = emptySection("cost_analysis", "Tag coverage by month");
  const [first, last] = [coverageOf(0, focus.tagKey), coverageOf(months.length - 1, focus.tagKey)];
  section.figures = { key: focus.tagKey, months: months.length, firstCoverage: first, lastCoverage: last };
  const [from, to] = [monthLabel(months[0]!), monthLabel(months.at(-1)!)];
  const moved = first !== null && last !== null ? last - first : 0;
  // Within a twentieth of a point it held.
  section.headline =
    Math.abs(moved) < 0.05
      ? `**${focus.tagKey}** coverage held at ${formatPercent(last)} from ${from} to ${to}${scopeText(scope)}: the share of cost carrying a real value.`
      : `**${focus.tagKey}** coverage ${moved > 0 ? "rose" : "fell"} from ${formatPercent(first)} in ${from} to ${formatPercent(last)} in ${to}${scopeText(scope)} ` +
        `(${moved > 0 ? "+" : "−"}${formatNumber(Math.abs(moved))} points): the share of cost carrying a real value.`;
  section.tables.push({
    title: "Cost coverage by month",
    columns: [{ key: "month", label: "Month", format: "text" }, ...keys.map((key) => ({ key, label: key, format: "percent" as const }))],
    rows: months.map((m, i) => ({ month: monthLabel(m), ...Object.fromEntries(keys.map((key) => [key, coverageOf(i, key)])) })),
  });
  section.charts.push({
    kind: "line",
    title: "Cost coverage by month",
    unit: "%",
    series: keys.map((key) => ({ name: key, points: months.map((m, i) => ({ x: m.slice(0, 7), y: coverageOf(i, key) ?? 0 })) })),
  });
  const placeholders = results[0]!.data.placeholderValues.filter(Boolean).join(", ");
  section.markdown = `${tableMarkdown(section.tables[0]!, scope.currency)}\n\nEach month's share of cost with a real value for the key; placeholder values (${placeholders}) count as untagged.`;
  section.provenance = results.flatMap((r) => r.provenance);
  return section;
}

/**
 * Each tag key's cost coverage in the question's period against the baseline's; the key the question names (else the
 * weakest now) leads.
 */
async function coverageCompared(db: Db, { scope, question }: SpecialistInput): Promise<AnswerSection> {
  const both = await inBothPeriods(scope, (period) => tagCoverage(db, { period, filters: scope.filters, metric: scope.metric }));
  const { now, before, baseline, beforeName, columns: periods } = both;
  const keys = [...now.data.keys].sort((x, y) => (x.costCoveragePercent ?? 0) - (y.costCoveragePercent ?? 0));
  const earlier = (key: string) => before.data.keys.find((k) => k.tagKey === key);
  const section = emptySection("cost_analysis", "Tag coverage compared");
  section.provenance = both.provenance;
  const focus = keys.find((k) => mentions(question, k.tagKey)) ?? keys[0];
  if (!focus) {
    section.headline = `No tags were found on the cost ${scope.periodPhrase}${scopeText(scope)}.`;
    return section;
  }
  const then = earlier(focus.tagKey);
  const [from, to] = [then?.costCoveragePercent ?? null, focus.costCoveragePercent];
  section.figures = {
    key: focus.tagKey, coverage: to, baselineCoverage: from, untagged: focus.untaggedCost, baselineUntagged: then?.untaggedCost ?? null,
    baselineStart: baseline.start, baselineEnd: baseline.end,
  };
  const money = (amount: string) => formatMoney(amount, scope.currency);
  section.headline =
    `**${focus.tagKey}** coverage was **${formatPercent(to)}** ${scope.periodPhrase}${scopeText(scope)}, against ${formatPercent(from)} in ${beforeName} (${pointsMoved(from, to)}): ` +
    `${money(focus.untaggedCost)} of cost carried no real value, against ${then ? money(then.untaggedCost) : "none"}.`;
  section.tables.push(
    measuresTable("Cost coverage by tag key", keys.map((k) => ({ label: k.tagKey, kind: "percent", before: earlier(k.tagKey)?.costCoveragePercent ?? null, now: k.costCoveragePercent })), periods, scope.currency),
    measuresTable("Untagged cost by tag key", keys.map((k) => ({ label: k.tagKey, kind: "money", before: earlier(k.tagKey)?.untaggedCost ?? null, now: k.untaggedCost })), periods, scope.currency),
  );
  const placeholders = now.data.placeholderValues.filter(Boolean).join(", ");
  section.markdown = [
    ...section.tables.map((t) => tableMarkdown(t, scope.currency)),
    `Coverage is the share of cost with a real value for the key; placeholder values (${placeholders}) count as untagged.`,
  ].join("\n\n");
  return section;
}

/**
 * How many resources lack the key asked about, or carry no tag at all and which key most lack; counted over the
 * resources with a ResourceId (charges on none, such as tax and credits, are no resource).
 */
function resourcesCounted(coverage: TagCoverage, asked: TagKeyCoverage | undefined, scope: SpecialistInput["scope"]): string {
  const all = coverage.together.identifiedResources;
  const of = (n: number) => `**${n} of ${all} ${plural("resource", all)}** (${formatPercent(all ? (n / all) * 100 : null)})`;
  const where = `with cost ${scope.periodPhrase}${scopeText(scope)}`;
  asked ??= coverage.keys.length === 1 ? coverage.keys[0] : undefined;
  if (asked) return `${of(asked.identifiedWithout)} ${where} lack a real "${asked.tagKey}" value on some of their charges.`;
  const mostMissed = [...coverage.keys].sort((a, b) => b.identifiedWithout - a.identifiedWithout)[0]!;
  return (
    `${of(coverage.together.identifiedWithNoKey)} ${where} carry no real value for any of the ${coverage.keys.length} tag keys; ` +
    `the key most often missing is **${mostMissed.tagKey}**, on ${mostMissed.identifiedWithout} (${formatPercent(all ? (mostMissed.identifiedWithout / all) * 100 : null)}).`
  );
}

/** The sub-accounts and services holding most of a tag key's untagged cost (with no key: of the cost with no tag), as two tables. */
async function untaggedWhere(db: Db, tagKey: string | null, scope: SpecialistInput["scope"], section: AnswerSection, exec: ExecutionScope<AnswerSection>, over?: number) {
  exec.useTool("topUntagged");
  const input = { period: scope.period, filters: scope.filters, metric: scope.metric, tagKey: tagKey ?? undefined, limit: 5 };
  const [byAccount, byService] = await Promise.all([
    topUntagged(db, { ...input, by: "SubAccountId" }),
    topUntagged(db, { ...input, by: "ServiceName" }),
  ]);
  const accounts = byAccount.data.rows.map((r) => ({ ...r, isOthers: false, name: null as string | null }));
  const names = await nameIds(db, "SubAccountId", scope.period, accounts);
  const { shown, idColumns, idCell } = readableLabels(accounts);
  const amount = { key: "amount", label: `Untagged cost (${scope.currency})`, format: "money" as const };
  section.tables.push(
    {
      title: `${tagKey ? `Untagged ${tagKey} cost` : "Cost with no tags"} by sub-account`,
      columns: [{ key: "label", label: "Sub-account", format: "text" }, ...idColumns, amount],
      rows: accounts.map((r) => ({ label: shown(r), ...idCell(r), amount: r.amount })),
    },
    {
      title: `${tagKey ? `Untagged ${tagKey} cost` : "Cost with no tags"} by service`,
      columns: [{ key: "label", label: "Service", format: "text" }, amount],
      rows: byService.data.rows.map((r) => ({ label: r.label, amount: r.amount })),
    },
  );
  section.figures[`untagged:${tagKey ?? "(any)"}`] = byService.data.total;
  // "Which accounts have the most untagged spend?": the answer names it, not only the table. Cost in no sub-account
  // is not an account.
  const topAccount = accounts.find((r) => r.key !== null);
  const topService = byService.data.rows[0];
  if (scope.groupBy?.dimension === "SubAccountId" && topAccount) {
    section.headline += ` The sub-account with the most is **${shown(topAccount)}** (${formatMoney(topAccount.amount, scope.currency)}).`;
  } else if (scope.groupBy?.dimension === "ServiceName" && topService) {
    section.headline += ` The service with the most is **${topService.label}** (${formatMoney(topService.amount, scope.currency)}).`;
  }
  section.markdown += [
    "",
    "",
    `Where the ${formatMoney(byService.data.total, scope.currency)} with ${withoutValue(tagKey)} sits, to chase first:`,
    "",
    tableMarkdown(section.tables.at(-2)!, scope.currency),
    "",
    tableMarkdown(section.tables.at(-1)!, scope.currency),
  ].join("\n");
  section.provenance.push(...byAccount.provenance, ...(names ? [names] : []), ...byService.provenance);
  // "Which resources have no owner tag?": the resources themselves, by name, first.
  if (scope.groupBy?.dimension === "ResourceId") await untaggedResources(db, tagKey, scope, section, over);
  // "Which services have the worst tagging?", "tag coverage by account": each one's coverage, the least covered first.
  const by = scope.groupBy?.dimension;
  // "Which services have no tags at all?": each one's cost with a real value for some tag, the untagged first.
  if (by === "ServiceName" || by === "SubAccountId") await coverageBy(db, tagKey, by, scope, section);
}

/**
 * A tag key's cost coverage per service or sub-account (cost with a real value ÷ its cost), least covered first,
 * among the values with at least MATERIAL_SHARE of the cost (a $3 service at 0% says little); as the first table.
 */
async function coverageBy(db: Db, tagKey: string | null, by: "ServiceName" | "SubAccountId", scope: SpecialistInput["scope"], section: AnswerSection) {
  const input = { period: scope.period, metric: scope.metric };
  const costs = await costBreakdown(db, { ...input, filters: scope.filters, dimension: by, limit: THRESHOLD_LIMIT });
  // With no key ("no tags at all"), every value counts: a small service with no tags is still one.
  const floor = tagKey ? Number(costs.data.total) * MATERIAL_SHARE : Number.MIN_VALUE;
  const material = costs.data.rows.filter((r): r is typeof r & { key: string } => !r.isOthers && r.key !== null && r.value >= floor);
  if (!material.length) return;
  // The untagged cost of exactly those values (not the largest untagged values, which may leave one of them out).
  const keys = material.map((r) => r.key);
  const filters = by === "ServiceName" ? { ...scope.filters, services: keys } : { ...scope.filters, subAccountIds: keys };
  const untagged = await topUntagged(db, { ...input, filters, tagKey: tagKey ?? undefined, by, limit: keys.length });
  const untaggedOf = new Map(untagged.data.rows.map((r) => [r.key, r.amount]));
  const rows = material
    .map((r) => {
      const missing = untaggedOf.get(r.key) ?? "0";
      return { ...r, untagged: missing, coverage: r.value > 0 ? (1 - Number(missing) / r.value) * 100 : null };
    })
    .sort((a, b) => (a.coverage ?? 100) - (b.coverage ?? 100) || b.value - a.value);
  const { shown, idColumns, idCell } = readableLabels(rows);
  const label = dimensionLabel(by);
  const what = tagKey ? `"${tagKey}"` : "tag";
  section.tables.unshift({
    title: `${tagKey ?? "Tag"} coverage by ${label.toLowerCase()}`,
    columns: [
      { key: "label", label, format: "text" },
      ...idColumns,
      { key: "amount", label: `Cost (${scope.currency})`, format: "money" },
      { key: "untagged", label: `Untagged (${scope.currency})`, format: "money" },
      { key: "coverage", label: "Coverage", format: "percent" },
    ],
    rows: rows.map((r) => ({ label: shown(r), ...idCell(r), amount: r.amount, untagged: r.untagged, coverage: r.coverage })),
  });
  const least = rows[0]!;
  section.figures.leastCovered = least.label;
  section.figures.leastCoveredPercent = least.coverage;
  const noun = label.toLowerCase();
  if (tagKey) {
    section.headline += ` By ${noun}, the least covered is **${shown(least)}**: ${formatPercent(least.coverage)} of its ${formatMoney(least.amount, scope.currency)} carries a real "${tagKey}" value.`;
  } else {
    // "Which services have no tags at all?": those whose every cost carries none leads.
    const bare = rows.filter((r) => r.value > 0 && toUnits(r.untagged) >= toUnits(r.amount));
    section.figures.noTagsAtAll = bare.length;
    section.headline =
      (bare.length
        ? `**${bare.length} ${plural(noun, bare.length)} carr${bare.length === 1 ? "ies" : "y"} no tags at all** ${scope.periodPhrase}${scopeText(scope)}: ` +
          `${bare.slice(0, 10).map((r) => `${shown(r)} (${formatMoney(r.amount, scope.currency)})`).join(", ")}${bare.length > 10 ? ", …" : ""}. `
        : `**Every ${noun} carries a real value for some tag** ${scope.periodPhrase}${scopeText(scope)}; the least tagged is ${shown(least)}: ` +
          `${formatPercent(least.coverage)} of its ${formatMoney(least.amount, scope.currency)} carries one. `) + section.headline;
  }
  section.markdown = [
    `${what} coverage by ${noun}, least covered first${tagKey ? ` (${plural(noun, 2)} with at least ${formatPercent(MATERIAL_SHARE * 100)} of the cost)` : ""}:`,
    "",
    tableMarkdown(section.tables[0]!, scope.currency),
    "",
    section.markdown,
  ].join("\n");
  section.provenance.push(...costs.provenance, ...untagged.provenance);
}

/**
 * The resources holding most of a tag key's untagged cost, as the answer's first table; with an amount, every
 * resource past it (up to THRESHOLD_LIMIT), and the headline is how many.
 */
async function untaggedResources(db: Db, tagKey: string | null, scope: SpecialistInput["scope"], section: AnswerSection, over?: number) {
  const limit = over === undefined ? scope.topN : THRESHOLD_LIMIT;
  const byResource = await topUntagged(db, { period: scope.period, filters: scope.filters, metric: scope.metric, tagKey: tagKey ?? undefined, by: "ResourceId", limit, amountAbove: over });
  const resources = byResource.data.rows.map((r) => ({ ...r, isOthers: false, name: null as string | null }));
  const names = await nameIds(db, "ResourceId", scope.period, resources);
  const { shown, idColumns, idCell } = readableLabels(resources);
  section.tables.unshift({
    title: tagKey ? `Resources without a real ${tagKey} value` : "Resources with no tags",
    columns: [
      { key: "label", label: "Resource", format: "text" },
      ...idColumns,
      { key: "amount", label: `Untagged cost (${scope.currency})`, format: "money" },
    ],
    rows: resources.map((r) => ({ label: shown(r), ...idCell(r), amount: r.amount })),
  });
  // "Which resources have no owner tag and cost the most?": the costliest one leads (charges on no resource are none).
  const top = resources.find((r) => r.key !== null);
  if (over === undefined && top) {
    section.figures.topUntaggedResource = shown(top);
    section.headline = `**${shown(top)}** costs the most with ${withoutValue(tagKey)} ${scope.periodPhrase}${scopeText(scope)}: ${formatMoney(top.amount, scope.currency)}. ${section.headline}`;
  }
  const matching = byResource.data.matching;
  if (over !== undefined && matching) {
    section.figures.resourcesOver = matching.count;
    section.figures.resourcesOverCost = matching.amount;
    section.headline =
      `**${matching.count === 0 ? "No" : matching.count} ${plural("resource", matching.count === 0 ? 2 : matching.count)}** with ${withoutValue(tagKey)} cost more than ${formatMoney(over, scope.currency)} each ` +
      `${scope.periodPhrase}${scopeText(scope)}${matching.count ? `: ${formatMoney(matching.amount, scope.currency)} together` : ""}. ${section.headline}`;
  }
  const listed = resources.length === 0 ? [] : [
    over === undefined
      ? `The ${resources.length} resources with the most cost and ${withoutValue(tagKey)} (costs with no resource, such as taxes and credits, are one row):`
      : `The resources with ${withoutValue(tagKey)} that cost more than ${formatMoney(over, scope.currency)} each${matching && matching.count > resources.length ? ` (the ${resources.length} largest of ${matching.count})` : ""}:`,
    "",
    tableMarkdown(section.tables[0]!, scope.currency, over === undefined ? scope.topN : THRESHOLD_LIMIT),
    "",
  ];
  section.markdown = [...listed, section.markdown].join("\n");
  section.provenance.push(...byResource.provenance, ...(names ? [names] : []));
}
