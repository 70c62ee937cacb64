// Showback: "cost by team", "allocate spend by cost center with shared costs split": each owner's cost by tag, what
// nobody owns, and values spelled two ways (prod and production) named with what they add up to.
import type { Database } from "../../adapters/db/database.ts";
import { costAllocation, UNALLOCATED_LABEL } from "../../finops/analytics/allocation.ts";
import { sumDecimals } from "../../finops/analytics/stats.ts";
import { tagValueVariants } from "../../finops/analytics/tag-variants.ts";
import { emptySection, formatMoney, formatPercent, plural, tableMarkdown, type AnswerSection } from "../answer.ts";
import type { ExecutionScope } from "../hardened-agent.ts";
import { scopeText, type SpecialistInput } from "./specialist.ts";

type Db = Pick<Database, "sql">;

/** Tag values that name shared cost by convention: split with what nobody owns when a showback splits shared costs. */
const SHARED_TAG_VALUES = ["shared", "common", "shared-services"];

/**
 * "prod" and "production", "dev" and "development" in one breakdown by tag: one value spelled differently. The rows
 * stay as stored (allocation never merges them silently); the note names them with what they add up to.
 */
export function variantsOf(rows: readonly { key: string | null; label: string; amount: string }[], currency: string): string[] {
  const groups = tagValueVariants(rows, (r) => r.key);
  if (!groups.length) return [];
  const parts = groups.map((g) => `${g.rows.map((r) => `**${r.label}**`).join(" and ")} (${formatMoney(sumDecimals(g.rows.map((r) => r.amount)), currency)} together)`);
  return ["", `${parts.join("; ")} look like one value spelled differently. Values are shown as stored: align them in the tagging policy to report them as one.`];
}

export async function allocationAnswer(db: Db, { scope, dimensions }: SpecialistInput, exec: ExecutionScope<AnswerSection>) {
  const tagKey = scope.groupBy?.tagKey ?? dimensions.tags[0]?.key ?? "team";
  // "With shared costs split proportionally": what nobody owns, and the values that name shared cost, go to the owners.
  const split = dimensions.sharedSplit ?? (dimensions.sharedValues.length ? "proportional" : "none");
  // "How much of our spend is shared?": the same pool, named but not split.
  const sharedValues = split === "none" && !dimensions.sharedCost ? [] : [...new Set([...SHARED_TAG_VALUES, ...dimensions.sharedValues])];
  exec.useTool("costAllocation");
  const result = await costAllocation(db, { period: scope.period, filters: scope.filters, metric: scope.metric, tagKey, sharedCost: { split, sharedValues } });
  const a = result.data;
  const section = emptySection("cost_analysis", `Showback by ${tagKey}`);
  // "Which team has the highest cloud spend?": the owner asked about leads (the largest, or the smallest when asked).
  const owners = a.rows.filter((r) => !r.isShared);
  const lead = [...owners].sort((x, y) => (dimensions.smallestFirst ? x.totalValue - y.totalValue : y.totalValue - x.totalValue))[0];
  const allocatedAll = a.split !== "none" && owners.length > 0;
  if (lead) section.lead = { dimension: "Tag", key: lead.value, label: lead.value, tagKey };
  section.figures = {
    total: a.total, unallocated: a.unallocated.amount, unallocatedShare: a.unallocated.share, topKey: lead?.value ?? null, topAmount: lead?.total ?? null,
    split: a.split, pool: a.pool,
  };
  const leadPhrase = lead
    ? `; the ${dimensions.smallestFirst ? "smallest" : "largest"} ${tagKey} is **${lead.value}** (${formatMoney(lead.total, scope.currency)}` +
      `${allocatedAll ? ` with its part of the shared cost` : ""}, ${formatPercent((lead.share ?? 0) * 100)})`
    : "";
  const named = sharedValues.filter((v) => a.rows.some((r) => r.isShared && r.value === v));
  const poolWhat = `the cost with no "${tagKey}" owner${named.length ? ` and the cost tagged ${named.map((v) => `"${v}"`).join(", ")}` : ""}`;
  if (allocatedAll) {
    section.headline =
      `**${formatMoney(a.total, scope.currency)}** ${scope.periodPhrase}${scopeText(scope)}, all of it allocated: ${poolWhat} (**${formatMoney(a.pool, scope.currency)}**) is split ` +
      `${a.split === "even" ? "in equal parts" : "in proportion to direct cost"} across the ${owners.length} ${plural(tagKey, owners.length)}${leadPhrase}.`;
  } else if (dimensions.sharedCost) {
    const poolShare = Number(a.total) === 0 ? null : (Number(a.pool) / Number(a.total)) * 100;
    section.figures.poolShare = poolShare;
    section.headline =
      `**${formatMoney(a.pool, scope.currency)}**${poolShare === null ? "" : ` (${formatPercent(poolShare)})`} of the ${formatMoney(a.total, scope.currency)} ${scope.periodPhrase}${scopeText(scope)} ` +
      `is shared cost by "${tagKey}": ${poolWhat}${named.length ? ` (of it **${formatMoney(a.unallocated.amount, scope.currency)}** has no owner)` : ""}.`;
  } else if (a.rows.length === 0 && Number(a.total) !== 0) {
    // "Which department spends the most?" over a bill with no department tag: nothing to rank, said first.
    section.headline =
      `**No cost carries a "${tagKey}" value**, so the spend cannot be split by ${tagKey}: all ${formatMoney(a.total, scope.currency)} ` +
      `${scope.periodPhrase}${scopeText(scope)} is unallocated.`;
  } else {
    section.headline =
      `**${formatMoney(a.total, scope.currency)}** ${scope.periodPhrase}${scopeText(scope)}${leadPhrase}` +
      `; **${formatMoney(a.unallocated.amount, scope.currency)}** (${formatPercent((a.unallocated.share ?? 0) * 100)}) has no real "${tagKey}" value.`;
  }
  const share = (r: { share: number | null }) => (r.share == null ? null : r.share * 100);
  // The table adds up to the total: what nobody owns is a row of its own until it is split.
  const unallocatedRow = !allocatedAll && Number(a.unallocated.amount) !== 0 ? [{ value: UNALLOCATED_LABEL, direct: a.unallocated.amount, shared: "0", total: a.unallocated.amount, share: share(a.unallocated) }] : [];
  section.tables.push({
    title: `Cost by ${tagKey}`,
    columns: allocatedAll
      ? [
          { key: "value", label: tagKey, format: "text" },
          { key: "direct", label: `Direct (${scope.currency})`, format: "money" },
          { key: "shared", label: `Shared (${scope.currency})`, format: "money" },
          { key: "total", label: `Total (${scope.currency})`, format: "money" },
          { key: "share", label: "Share", format: "percent" },
        ]
      : [
          { key: "value", label: tagKey, format: "text" },
          { key: "total", label: `Cost (${scope.currency})`, format: "money" },
          { key: "share", label: "Share", format: "percent" },
        ],
    rows: [
      ...a.rows.map((r) => ({ value: r.isShared ? `${r.value} (shared)` : r.value, direct: r.direct, shared: r.sharedAllocated, total: r.total, share: share(r) })),
      ...unallocatedRow,
    ],
  });
  section.charts.push({ kind: "bar", title: `Cost by ${tagKey}`, unit: scope.currency, series: [{ name: tagKey, points: owners.map((r) => ({ x: r.value, y: r.totalValue })) }] });
  const how = allocatedAll
    ? `Untagged cost, placeholder values such as "unknown" and the values that name shared cost (${sharedValues.join(", ")}) form the shared pool; ` +
      (a.split === "even" ? "each owner takes an equal part of it." : "each owner takes a part in proportion to its direct cost (owners with a net credit take none).") +
      " Parts are exact to the cent and add up to the pool."
    : dimensions.sharedCost
      ? `Shared cost is what a showback by "${tagKey}" has to split: untagged cost, placeholder values such as "unknown" and the values that name shared cost (${sharedValues.join(", ")}). ` +
        `Ask to split shared costs proportionally or evenly to allocate them, or for showback by another tag.`
      : `Untagged cost and placeholder values such as "unknown" count as unallocated. Ask to split shared costs proportionally or evenly to allocate them.`;
  const variants = variantsOf(owners.map((r) => ({ key: r.value, label: r.value, amount: r.total })), scope.currency);
  section.markdown = [tableMarkdown(section.tables[0]!, scope.currency), "", how, ...variants].join("\n");
  section.provenance = result.provenance;
  return section;
}
