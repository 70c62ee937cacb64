import { capitalised, cents, dimensionNoun, emptySection, readableLabels, valueNoun, formatMoney, formatMoneyRange, formatNumber, formatWholeMoney, tableMarkdown, type AnswerSection } from "../answer.ts";
import { costBreakdown, nameIds } from "../../finops/analytics/breakdown.ts";
import { isPlaceholderValue } from "../../finops/analytics/scope.ts";
import { sumDecimals } from "../../finops/analytics/stats.ts";
import { storedServices } from "../../finops/cost-catalog.ts";
import type { ExecutionScope } from "../hardened-agent.ts";
import { QUICK_WIN } from "../../finops/recommendations/schemas.ts";
import { overlapNote, savingsTotalsSql, type SavingsTotalsRow } from "../../finops/recommendations/savings-totals.ts";
import { namesCommitments } from "./optimization.ts";
import { RECOMMENDATION_KIND_WORDS, RECOMMENDATION_STATUS_WORDS, recommendationStatusAsked, RETURN_ASKED, type AskedStatus } from "../classifier/dimensions.ts";
import { RIGHTSIZING_CRITERIA } from "../../finops/analytics/rightsizing.ts";
import { accountsLabel, excludedText, Specialist, YEARLY_ASKED, yearOf, type SpecialistInput } from "./specialist.ts";

/**
 * Open recommendations in scope: of the providers ($1), in the currency ($2), about the services ($3) when named,
 * for quick wins saving at least $4 a month for at most $5 hours of work, of the categories ($6) when named, and
 * about a resource in the sub-accounts ($7) with the tags ($8) when named. $8 holds one list per tag filter, of the
 * {key: value} pairs that satisfy it: a resource's tags must contain one pair of every list. What the question leaves
 * out: categories ($9) and providers ($10), and recommendations about a resource of the services ($11), sub-accounts
 * ($12), tags ($13: {key: value} pairs, any of which leaves a resource out) or ids ($14).
 */
const IN_SCOPE = `status IN ('active', 'under_review') AND ($1::text[] IS NULL OR provider_name = ANY($1::text[]))
   AND ($2::text IS NULL OR billing_currency = $2)
   AND ($3::text[] IS NULL OR EXISTS (
     SELECT 1 FROM jsonb_array_elements(affected_resources) r WHERE r->>'serviceName' = ANY($3::text[])))
   AND ($4::numeric IS NULL OR estimated_savings_max_usd >= $4)
   AND ($5::numeric IS NULL OR implementation_effort_hours <= $5)
   AND ($6::text[] IS NULL OR category = ANY($6::text[]))
   AND (($7::text[] IS NULL AND $8::jsonb IS NULL) OR EXISTS (
     SELECT 1 FROM jsonb_array_elements(affected_resources) r
      WHERE ($7::text[] IS NULL OR r->>'subAccountId' = ANY($7::text[]))
        AND ($8::jsonb IS NULL OR NOT EXISTS (
          SELECT 1 FROM jsonb_array_elements($8::jsonb) f
           WHERE NOT EXISTS (SELECT 1 FROM jsonb_array_elements(f) pair WHERE r->'tags' @> pair)))))
   AND ($9::text[] IS NULL OR category <> ALL($9::text[]))
   AND ($10::text[] IS NULL OR provider_name IS NULL OR provider_name <> ALL($10::text[]))
   AND ($11::text[] IS NULL AND $12::text[] IS NULL AND $13::jsonb IS NULL AND $14::text[] IS NULL OR NOT EXISTS (
     SELECT 1 FROM jsonb_array_elements(affected_resources) r
      WHERE r->>'serviceName' = ANY($11::text[]) OR r->>'subAccountId' = ANY($12::text[]) OR r->>'resourceId' = ANY($14::text[])
         OR EXISTS (SELECT 1 FROM jsonb_array_elements($13::jsonb) pair WHERE r->'tags' @> pair)))`;
/** How the list is ranked: by priority (savings against effort and confidence), or by savings alone. */
const ORDER = {
  priority: "priority_score DESC, estimated_savings_max_usd DESC NULLS LAST",
  savings: "estimated_savings_max_usd DESC NULLS LAST, priority_score DESC",
  // Savings per hour of work; an estimate under a quarter of an hour counts as a quarter (no division by zero).
  return: "estimated_savings_max_usd / greatest(implementation_effort_hours, 0.25) DESC NULLS LAST, priority_score DESC, id",
} as const;
const listSql = (order: keyof typeof ORDER) => `SELECT id, title, category, provider_name, estimated_savings_min_usd::text AS min_usd,
       estimated_savings_max_usd::text AS max_usd, implementation_effort_hours::float8 AS effort, priority_score::float8 AS priority
  FROM optimization_recommendations
 WHERE ${IN_SCOPE}
 ORDER BY ${ORDER[order]}
 LIMIT $15`;
/** How each order is said under the table. */
const RANKED: Record<keyof typeof ORDER, string> = {
  priority: "Ranked by priority: ln(1 + savings) × confidence × 100 / (1 + effort hours / 8).",
  savings: "Ranked by monthly savings, the largest first.",
  return: "Ranked by return: monthly savings ÷ effort hours (estimates under a quarter of an hour count as a quarter), the best first.",
};
/** Asks for the largest savings ("what's our biggest waste?", "which recommendation saves the most?"), not the best priority. */
const BY_SAVINGS = /\b(?:biggest|largest|greatest|highest|most)\b[^.?!]*\b(?:wastes?|savings?|save|saves|opportunit(?:y|ies)|recommendations?)\b|\b(?:save|saves|saving)\s+(?:us\s+)?the\s+most\b/i;
/** Asks how much work the recommendations are: "how many hours would those take?", "how long would that take?". */
const EFFORT_ASKED = /\bhow (?:many|much) (?:hours|time|effort|work)\b|\bhow long\b|\btotal effort\b/i;
/** Their estimated effort in hours, and how many have no estimate. */
const EFFORT_SQL = `SELECT coalesce(sum(implementation_effort_hours), 0)::text AS hours, count(*) FILTER (WHERE implementation_effort_hours IS NULL)::int AS unknown
  FROM optimization_recommendations WHERE ${IN_SCOPE}`;
/** Their count and savings, each resource counted once. */
const TOTALS_SQL = savingsTotalsSql(IN_SCOPE, { byCurrency: false });
/**
 * "Savings potential by team": the totals per value of what the recommendation is about (its resource's tag $15,
 * sub-account or service, or its provider); commitment purchases and tagging, about no one resource, have none.
 */
const GROUPED_SQL = {
  Tag: savingsTotalsSql(IN_SCOPE, { byCurrency: false, groupBy: "affected_resources -> 0 -> 'tags' ->> $15::text" }),
  SubAccountId: savingsTotalsSql(IN_SCOPE, { byCurrency: false, groupBy: "affected_resources -> 0 ->> 'subAccountId'" }),
  ServiceName: savingsTotalsSql(IN_SCOPE, { byCurrency: false, groupBy: "affected_resources -> 0 ->> 'serviceName'" }),
  ProviderName: savingsTotalsSql(IN_SCOPE, { byCurrency: false, groupBy: "provider_name" }),
} as const;
type Grouping = keyof typeof GROUPED_SQL;
const isGrouping = (dimension: string | undefined): dimension is Grouping => dimension !== undefined && dimension in GROUPED_SQL;

/** How the answer names each kind of recommendation, by its first category (dimensions.ts has the words). */
const KIND_LABELS: Record<string, { label: string; criteria?: string }> = {
  commitment: { label: "commitment" },
  spot: { label: "spot" },
  orphaned: {
    label: "orphaned resource",
    // With none found, what was looked for: billing data does not say what a disk is attached to.
    criteria:
      `${RIGHTSIZING_CRITERIA["delete-orphaned"]} Billing data does not say what a disk is attached to: a volume is found ` +
      "only when its charge or SKU says it is unattached (or idle, unassociated, orphaned).",
  },
  idle: { label: "idle and orphaned resource" },
  rightsizing: { label: "rightsizing (downsize or stop idle)" },
  tagging: { label: "tagging" },
};
/** Recommendation categories a question names, checked in this order; commitments by every name they go by. */
const KINDS = RECOMMENDATION_KIND_WORDS.map((k) => ({
  ...KIND_LABELS[k.categories[0]!]!,
  ...(k.label ? { label: k.label } : {}),
  categories: k.categories,
  words: k.categories[0] === "commitment" ? namesCommitments : (question: string) => k.words.test(question),
}));

/** The recommendations with one status, latest change first, with who moved them and when. */
const WITH_STATUS_SQL = `SELECT r.title, r.category, r.estimated_savings_min_usd::text AS min_usd, r.estimated_savings_max_usd::text AS max_usd,
       to_char(r.status_changed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS changed, u.email AS changed_by,
       count(*) OVER () AS n, sum(r.estimated_savings_min_usd) OVER ()::text AS total_min, sum(r.estimated_savings_max_usd) OVER ()::text AS total_max
  FROM optimization_recommendations r LEFT JOIN users u ON u.id = r.status_changed_by
 WHERE r.status = $1::recommendation_status AND ($2::text[] IS NULL OR r.provider_name = ANY($2::text[]))
 ORDER BY r.status_changed_at DESC NULLS LAST, r.estimated_savings_max_usd DESC NULLS LAST
 LIMIT 20`;

/** Ranked savings opportunities: the recommendations the generator keeps current, best priority first. */
export class RecommendationAgent extends Specialist {
  readonly agentType = "recommendation" as const;
  readonly agentName = "recommendation";
  readonly title = "Ranking savings opportunities";
  override readonly usesQuestionPeriod = false;

  /** "Which recommendations did we implement?": the ones with that status, their savings, and who moved them when. */
  private async withStatus(status: AskedStatus, scope: SpecialistInput["scope"]): Promise<AnswerSection> {
    const params = [status, scope.filters.providers ?? null];
    type Row = { title: string; category: string; min_usd: string | null; max_usd: string | null; changed: string | null; changed_by: string | null; n: string | number; total_min: string | null; total_max: string | null };
    const rows = await this.db.sql.query<Row>(WITH_STATUS_SQL, params);
    const name = RECOMMENDATION_STATUS_WORDS.find(([s]) => s === status)![2];
    const section = emptySection("recommendation", `Recommendations ${name}`);
    const n = Number(rows[0]?.n ?? 0);
    const where = scope.filters.providers?.length ? ` for ${scope.filters.providers.join(" and ")}` : "";
    section.figures = { status, count: n, savingsMin: rows[0]?.total_min ?? "0", savingsMax: rows[0]?.total_max ?? "0" };
    const latest = rows[0];
    section.headline = latest
      ? `**${n} ${n === 1 ? "recommendation is" : "recommendations are"} ${name}**${where}, worth ${formatMoneyRange(latest.total_min ?? "0", latest.total_max ?? "0", scope.currency)} a month` +
        `${status === "implemented" ? " in estimated savings" : ""}; the latest is ${latest.title}` +
        (latest.changed ? ` (${latest.changed}${latest.changed_by ? `, by ${latest.changed_by}` : ""}).` : ".")
      : `**No recommendation is ${name}**${where}. Admins move recommendations through review on the Recommendations page (active → under review → implemented or rejected).`;
    section.tables.push({
      title: `Recommendations ${name}`,
      columns: [
        { key: "title", label: "Recommendation", format: "text" },
        { key: "category", label: "Category", format: "text" },
        { key: "savings", label: `Monthly savings (${scope.currency})`, format: "money" },
        { key: "changed", label: "Changed", format: "text" },
        { key: "by", label: "By", format: "text" },
      ],
      rows: rows.map((r) => ({ title: r.title, category: r.category, savings: r.max_usd, changed: r.changed, by: r.changed_by })),
    });
    section.markdown = rows.length ? `${tableMarkdown(section.tables[0]!, scope.currency)}${n > rows.length ? `\n\nThe latest ${rows.length} of ${n}.` : ""}` : "";
    section.provenance = [{ description: `Recommendations with status ${status}`, period: null, filters: scope.filters, metric: null, table: "optimization_recommendations", sql: WITH_STATUS_SQL, params }];
    return section;
  }

  protected async answer({ scope, dimensions, question }: SpecialistInput, exec: ExecutionScope<AnswerSection>) {
    exec.useTool("optimization_recommendations");
    // "Which recommendations did we implement?": those the workflow moved to that status, latest first.
    const status = recommendationStatusAsked(question);
    if (status) return this.withStatus(status, scope);
    // With several billing currencies in the data the scope names the one this answer is in; savings in other
    // currencies are not added to it.
    const currencyKey = scope.filters.billingCurrencies?.[0] ?? null;
    // "How much could we save on storage?": the recommendations about those services. Commitment purchases and
    // tagging name no service, so they are not among them.
    const categories = scope.filters.serviceCategories ?? null;
    // "Storage" is the stored services of that FOCUS category (S3, Blob Storage, Cloud Storage...).
    const services =
      scope.filters.services ?? (categories ? (await storedServices(this.db)).filter((s) => categories.includes(s.category)).map((s) => s.name) : null);
    // A category in a sentence: "storage", "AI and machine learning" (an acronym keeps its capitals).
    const inSentence = (category: string) => category.split(" ").map(dimensionNoun).join(" ");
    const subject = scope.filters.services?.join(", ") ?? categories?.map(inSentence).join(", ") ?? null;
    const quick = dimensions.quickWins ? QUICK_WIN : null;
    // "How much would we save by buying a savings plan?": the commitment purchases, not every recommendation; "other
    // than commitments" leaves them out instead.
    const left = dimensions.excluded?.recommendationCategories ?? [];
    const kind = KINDS.find((k) => k.words(question) && !k.categories.every((c) => left.includes(c)));
    const x = scope.filters.exclude;
    // "Which of those are for the data team?": recommendations about resources of those sub-accounts or tags.
    const tagFilters = (scope.filters.tags ?? []).filter((t) => t.values?.length);
    const tags = tagFilters.length ? JSON.stringify(tagFilters.map((t) => t.values!.map((v) => ({ [t.key]: v })))) : null;
    const owners = [
      ...(scope.filters.subAccountIds?.length ? [`in ${accountsLabel(scope.accounts.map((a) => a.name).join(" and "), scope.filters.subAccountIds.length)}`] : []),
      ...tagFilters.map((t) => `tagged ${t.key}=${t.values!.join("|")}`),
    ];
    const totalsParams = [
      scope.filters.providers ?? null, currencyKey, services, quick?.minMonthlySavings ?? null, quick?.maxEffortHours ?? null, kind?.categories ?? null,
      scope.filters.subAccountIds ?? null, tags,
      left.length ? left : null, x?.providers ?? null, x?.services ?? null, x?.subAccountIds ?? null,
      x?.tags?.length ? JSON.stringify(x.tags.flatMap((t) => t.values.map((v) => ({ [t.key]: v })))) : null, x?.resourceIds ?? null,
    ];
    const params = [...totalsParams, Math.min(scope.topN, 20)];
    // "Excluding commitments", "other than dev": what is left out, in words (only what recommendations can leave out).
    const applied = x && { providers: x.providers, services: x.services, subAccountIds: x.subAccountIds, tags: x.tags, resourceIds: x.resourceIds };
    const leftOut = [...left.map((c) => `${c} recommendations`), ...[excludedText({ ...scope, filters: { ...scope.filters, exclude: applied } })].filter(Boolean)];
    const excluding = leftOut.length ? `, excluding ${leftOut.join(" and ")}` : "";
    const order = RETURN_ASKED.test(question) ? "return" : BY_SAVINGS.test(question) && !/\bpriorit/i.test(question) && !quick ? "savings" : "priority";
    const SQL = listSql(order);
    const rows = await this.db.sql.query<{ id: string; title: string; category: string; provider_name: string | null; min_usd: string | null; max_usd: string | null; effort: number | null; priority: number }>(SQL, params);
    const [totals] = await this.db.sql.query<SavingsTotalsRow>(TOTALS_SQL, totalsParams);
    const section = emptySection("recommendation", "Savings opportunities");
    section.figures = {
      count: Number(totals?.n ?? 0),
      savingsMin: totals?.min_usd ?? "0",
      savingsMax: totals?.max_usd ?? "0",
      sharedResources: Number(totals?.shared ?? 0),
    };
    const about = (subject ? ` for ${subject}` : "") + (owners.length ? ` about resources ${owners.join(" and ")}` : "") + excluding;
    const what = quick ? "quick wins" : kind ? `open ${kind.label} recommendations` : "open recommendations";
    // "Quick wins (at least $100 a month for at most 4 hours of work)": the bar, in the answer's currency.
    const bar = quick ? ` (at least ${formatWholeMoney(quick.minMonthlySavings, scope.currency)} a month for at most ${quick.maxEffortHours} hours of work)` : "";
    // "How much would that save per year?": the year leads, from the month.
    const yearly = YEARLY_ASKED.test(question) && rows.length > 0;
    if (yearly) Object.assign(section.figures, { savingsMinYear: yearOf(totals!.min_usd), savingsMaxYear: yearOf(totals!.max_usd) });
    const savingIn = (b: (text: string) => string) =>
      yearly
        ? `${b(`${formatMoneyRange(yearOf(totals!.min_usd), yearOf(totals!.max_usd), scope.currency)} a year`)} ` +
          `(${formatMoneyRange(totals!.min_usd, totals!.max_usd, scope.currency)} a month × 12)`
        : b(`${formatMoneyRange(totals?.min_usd ?? "0", totals?.max_usd ?? "0", scope.currency)} a month`);
    const saving = savingIn((text) => `**${text}**`);
    const perHour = (r: (typeof rows)[number]) => (r.max_usd === null || r.effort === null ? null : Number(r.max_usd) / Math.max(r.effort, 0.25));
    const best = rows[0] && order === "return" && perHour(rows[0]) !== null ? rows[0] : undefined;
    if (best) Object.assign(section.figures, { bestReturn: best.title, bestReturnPerHour: cents(perHour(best)!) });
    section.headline = best
      ? `**${best.title}** has the best return: ${formatMoney(best.max_usd!, scope.currency)} a month for ${formatNumber(best.effort!)} ${best.effort === 1 ? "hour" : "hours"} of work ` +
        `(${formatMoney(perHour(best)!, scope.currency)} a month per hour). All ${Number(totals!.n)} ${what}${about}${bar} would save ${savingIn((text) => text)}.`
      : rows.length
      ? `${saving} across ${Number(totals!.n)} ${what}${about}${bar}; the top one is **${rows[0]!.title}**.`
      : quick
        ? `**No open quick wins${about}**${bar}. Ask for all savings opportunities to see the larger ones.`
        : subject || kind || owners.length || excluding
          ? `**No ${what}${about}.** ${kind?.criteria ? `${kind.criteria} ` : ""}Ask for all savings opportunities to see the others.`
          : "**No open recommendations.** An admin can generate them from the Recommendations page once cost data is loaded.";
    const provenance: AnswerSection["provenance"] = [];
    // "Where can we save money on storage?" with nothing found there: where its cost sits, so the answer is not a dead end.
    const biggest = !rows.length && subject && !quick && !kind && !owners.length ? await this.largestResources(scope, subject, section) : null;
    if (biggest) provenance.push(...biggest);
    // "What's the savings potential by team?": the totals per team lead, each resource counted once within it.
    const grouping = scope.groupBy?.dimension;
    if (isGrouping(grouping) && rows.length && (grouping !== "Tag" || scope.groupBy?.tagKey)) {
      const groupParams = grouping === "Tag" ? [...totalsParams, scope.groupBy!.tagKey!] : totalsParams;
      const found = await this.db.sql.query<SavingsTotalsRow & { grp: string | null }>(GROUPED_SQL[grouping], groupParams);
      // A tag's placeholder values ("", "unknown") name no owner: with the recommendations about no one resource.
      const owned = found.filter((g) => g.grp !== null && !(grouping === "Tag" && isPlaceholderValue(g.grp)));
      const unowned = found.filter((g) => !owned.includes(g));
      const pooled = unowned.length
        ? [{ grp: null, n: unowned.reduce((t, g) => t + Number(g.n), 0), min_usd: sumDecimals(unowned.map((g) => g.min_usd)), max_usd: sumDecimals(unowned.map((g) => g.max_usd)), overlapping: 0, shared: 0 }]
        : [];
      const groups = [...owned, ...pooled];
      // Sub-accounts by the name the data gives them ("acme-prod", not "210987654321").
      // Two named alike (one per cloud) are told apart by their ids.
      const ids = groups.map((g) => ({ key: g.grp, label: g.grp ?? "", isOthers: false, name: null as string | null }));
      const naming = grouping === "SubAccountId" ? await nameIds(this.db, "SubAccountId", scope.period, ids) : null;
      if (naming) provenance.push(naming);
      const { shown } = readableLabels(ids);
      const nameOf = new Map(ids.filter((r) => r.key !== null).map((r) => [r.key, shown(r)]));
      const noun = valueNoun(grouping, scope.groupBy?.tagKey);
      const labelOf = (g: (typeof groups)[number]) => (g.grp === null ? (grouping === "Tag" ? `(no ${noun}: commitments, tagging, untagged)` : `(no one ${noun}: commitments, tagging)`) : (nameOf.get(g.grp) ?? g.grp));
      const top = groups.find((g) => g.grp !== null);
      section.figures = { ...section.figures, groupedBy: noun, groups: groups.length, topGroup: top ? labelOf(top) : null, topGroupSavingsMax: top?.max_usd ?? null };
      section.tables.push({
        title: `Savings by ${noun}`,
        columns: [
          { key: "label", label: capitalised(noun), format: "text" },
          { key: "count", label: "Recommendations", format: "number" },
          { key: "min", label: `Monthly savings, at least (${scope.currency})`, format: "money" },
          { key: "max", label: `Monthly savings, up to (${scope.currency})`, format: "money" },
        ],
        rows: groups.map((g) => ({ label: labelOf(g), count: Number(g.n), min: g.min_usd, max: g.max_usd })),
      });
      if (top) {
        section.headline =
          `**${labelOf(top)} could save the most: ${formatMoneyRange(top.min_usd, top.max_usd, scope.currency)} a month** (${Number(top.n)} ${Number(top.n) === 1 ? "recommendation" : "recommendations"}), ` +
          `then ${groups.filter((g) => g !== top && g.grp !== null).slice(0, 2).map((g) => `${labelOf(g)} ${formatMoneyRange(g.min_usd, g.max_usd, scope.currency)}`).join(", ") || "no other"}. ${section.headline}`;
      }
      provenance.push({ description: `Their savings by ${noun}, each resource counted once`, period: null, filters: scope.filters, metric: null, table: "optimization_recommendations", sql: GROUPED_SQL[grouping], params: groupParams });
    }
    if (EFFORT_ASKED.test(question) && rows.length) {
      // The work leads: the estimates added up, and what that work would save.
      const [effort] = await this.db.sql.query<{ hours: string; unknown: number }>(EFFORT_SQL, totalsParams);
      const hours = Number(effort!.hours);
      Object.assign(section.figures, { effortHours: hours, withoutEstimate: effort!.unknown });
      section.headline =
        `**${formatNumber(hours)} ${hours === 1 ? "hour" : "hours"} of work** across ${Number(totals!.n)} ${what}${about}${bar}, by their effort estimates` +
        (effort!.unknown ? ` (${effort!.unknown} without one)` : "") +
        `; together they would save ${savingIn((text) => text)}.`;
      provenance.push({ description: "Their estimated effort", period: null, filters: scope.filters, metric: null, table: "optimization_recommendations", sql: EFFORT_SQL, params: totalsParams });
    }
    section.tables.push({
      title: "Top recommendations",
      columns: [
        { key: "title", label: "Recommendation", format: "text" },
        { key: "category", label: "Category", format: "text" },
        { key: "savings", label: `Monthly savings (${scope.currency})`, format: "money" },
        { key: "effort", label: "Effort (h)", format: "number" },
        ...(order === "return" ? [{ key: "perHour", label: `Monthly savings per hour of work (${scope.currency})`, format: "money" as const }] : []),
      ],
      rows: rows.map((r) => ({ title: r.title, category: r.category, savings: r.max_usd, effort: r.effort, perHour: perHour(r) === null ? null : cents(perHour(r)!) })),
    });
    const topTable = section.tables.at(-1)!;
    section.recommendations = rows.slice(0, 5).map((r) => ({
      id: r.id,
      title: r.title,
      category: r.category,
      monthlySavingsUsd: Number(r.max_usd ?? 0),
      currency: scope.currency,
      effortHours: r.effort,
      href: `/admin/recommendations?id=${r.id}`,
    }));
    const scoped =
      (subject ? `\n\nOnly recommendations about ${services!.length ? services!.join(", ") : "those services"} are counted; commitment purchases and tagging name no service.` : "") +
      (owners.length ? `\n\nOnly recommendations about resources ${owners.join(" and ")} are counted; commitment purchases and tagging are for whole accounts.` : "");
    const overlap = rows.length ? overlapNote(Number(totals?.shared ?? 0)) : null;
    const byGroup = section.tables.find((t) => t.title.startsWith("Savings by "));
    const largest = section.tables.find((t) => t.title === LARGEST_TITLE);
    section.markdown = (
      (byGroup ? `${tableMarkdown(byGroup, scope.currency)}\n\n` : "") +
      (largest ? `${tableMarkdown(largest, scope.currency)}\n\n` : "") +
      (rows.length
        ? `${tableMarkdown(topTable, scope.currency)}\n\n` +
          RANKED[order]
        : "") +
      `${overlap ? ` ${overlap}` : ""}${scoped}`
    ).trim();
    section.provenance = [
      { description: quick ? "Open quick wins by priority" : `Open recommendations by ${order}`, period: null, filters: scope.filters, metric: null, table: "optimization_recommendations", sql: SQL, params },
      { description: "Their count and savings, each resource counted once", period: null, filters: scope.filters, metric: null, table: "optimization_recommendations", sql: TOTALS_SQL, params: totalsParams },
      ...provenance,
    ];
    return section;
  }

  /**
   * The scope's largest resources over its period, as a table and a sentence after the headline: where to look when
   * no recommendation is about it.
   */
  private async largestResources(scope: SpecialistInput["scope"], subject: string, section: AnswerSection): Promise<AnswerSection["provenance"]> {
    const result = await costBreakdown(this.db, { period: scope.period, filters: scope.filters, metric: scope.metric, dimension: "ResourceId", limit: LARGEST_RESOURCES });
    const named = result.data.rows.filter((r) => !r.isOthers && r.key !== null && r.value > 0);
    if (!named.length) return result.provenance;
    const { shown } = readableLabels(named);
    const money = (amount: string) => formatMoney(amount, scope.currency);
    section.figures = { ...section.figures, scopeCost: result.data.total, largestResource: shown(named[0]!) };
    section.headline +=
      ` ${capitalised(subject)} cost ${money(result.data.total)} ${scope.periodPhrase}, most in ${named.slice(0, 3).map((r) => `${shown(r)} (${money(r.amount)})`).join(", ")}: ` +
      `no finding is about them, as the bill shows what they cost, not how they are used (access patterns, storage classes to move to).`;
    section.tables.push({
      title: LARGEST_TITLE,
      columns: [
        { key: "label", label: "Resource", format: "text" },
        { key: "amount", label: `Cost (${scope.currency})`, format: "money" },
        { key: "share", label: "Share", format: "percent" },
      ],
      rows: named.map((r) => ({ label: shown(r), amount: r.amount, share: (r.share ?? 0) * 100 })),
    });
    return result.provenance;
  }
}

/** Resources listed when nothing is recommended about a scope. */
const LARGEST_RESOURCES = 5;
const LARGEST_TITLE = "Largest resources, with no recommendation";
