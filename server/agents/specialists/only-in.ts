// "Which services are only used in dev?", "which regions do we use only in prod?": the values of a grouping whose
// usage is all inside the place the question names (sub-accounts, billing accounts, regions, resource groups, tag
// values), none of it anywhere else in the period. Usage only: a service's tax is billed to no sub-account, so every
// service would be "used" outside dev by its tax.
import type { Database } from "../../adapters/db/database.ts";
import { costBreakdown, nameIds } from "../../finops/analytics/breakdown.ts";
import { toUnits, type Filters } from "../../finops/analytics/scope.ts";
import { sumDecimals } from "../../finops/analytics/stats.ts";
import { capitalised, dimensionLabel, emptySection, formatMoney, formatPercent, plural, readableLabels, tableMarkdown, valueNoun, type AnswerSection } from "../answer.ts";
import type { ExecutionScope } from "../hardened-agent.ts";
import { scopeName, type SpecialistInput } from "./specialist.ts";

/** Asks for what is used in one place and nowhere else. */
export const ONLY_IN = /\b(?:only|exclusively|solely)\s+(?:(?:use|used|run|running|billed|deployed|found|exist|live)\s+)?in\b|\bnowhere (?:else|but)\b/i;
/** The filters that name a place; the others (services, providers, categories) say what is counted, wherever it is. */
const PLACE_FILTERS = ["subAccountIds", "billingAccountIds", "regions", "resourceGroups", "tags"] as const;
/** Values a grouping is read with: enough for any one place's services, regions or accounts. */
const VALUES_READ = 1000;
/** Values named in the headline; the table has them all. */
const NAMED = 8;

/** The answer, or null when the question names no place to be inside (the caller answers it another way). */
export async function onlyInAnswer(db: Pick<Database, "sql">, { scope }: SpecialistInput, exec: ExecutionScope<AnswerSection>): Promise<AnswerSection | null> {
  const place: Filters = {};
  const elsewhere: Filters = { ...scope.filters, chargeCategories: ["Usage"] };
  for (const key of PLACE_FILTERS) {
    if (!scope.filters[key]?.length) continue;
    Object.assign(place, { [key]: scope.filters[key] });
    delete elsewhere[key];
  }
  if (Object.keys(place).length === 0) return null;
  const { dimension, tagKey } = scope.groupBy ?? { dimension: "ServiceName" as const, tagKey: undefined };
  const base = { period: scope.period, metric: scope.metric, dimension, tagKey, limit: VALUES_READ };
  exec.useTool("costBreakdown");
  const [inside, everywhere] = await Promise.all([
    costBreakdown(db, { ...base, filters: { ...scope.filters, chargeCategories: ["Usage"] } }),
    costBreakdown(db, { ...base, filters: elsewhere }),
  ]);
  const totalOf = new Map(everywhere.data.rows.filter((r) => !r.isOthers).map((r) => [r.key, r.amount]));
  const used = inside.data.rows.filter((r) => !r.isOthers && r.key !== null && r.value !== 0);
  // A value past the values read everywhere (in Others there) is not known to be used only here.
  const rows = used.map((r) => {
    const all = totalOf.get(r.key) ?? null;
    return { ...r, all, inShare: all === null || Number(all) === 0 ? null : (Number(r.amount) / Number(all)) * 100, only: all !== null && toUnits(all) === toUnits(r.amount) };
  });
  const names = await nameIds(db, dimension, scope.period, rows);
  const { shown, idColumns, idCell } = readableLabels(rows);
  const only = rows.filter((r) => r.only);
  const label = dimensionLabel(dimension, tagKey);
  const noun = valueNoun(dimension, tagKey, scope.filters.providers);
  const where = scopeName({ ...scope, filters: place });
  const money = (amount: string) => formatMoney(amount, scope.currency);
  const section = emptySection("cost_analysis", `${capitalised(plural(noun, 2))} used only in ${where}`);
  section.figures = { used: used.length, onlyInPlace: only.length, onlyInPlaceCost: sumDecimals(only.map((r) => r.amount)) };
  const mostly = rows.filter((r) => !r.only).sort((a, b) => (b.inShare ?? 0) - (a.inShare ?? 0))[0];
  section.headline = only.length
    ? `**${only.length} of the ${used.length} ${plural(noun, used.length)}** used ${scope.periodPhrase} in ${where} ${only.length === 1 ? "is" : "are"} used nowhere else: ` +
      `${only.slice(0, NAMED).map((r) => `${shown(r)} (${money(r.amount)})`).join(", ")}${only.length > NAMED ? `, and ${only.length - NAMED} more in the table` : ""}.`
    : `**No ${noun}** used ${scope.periodPhrase} in ${where} is used only there: each of the ${used.length} is used elsewhere too` +
      (mostly ? `; the one most used there is ${shown(mostly)} (${formatPercent(mostly.inShare)} of its usage).` : ".");
  section.tables.push({
    title: `${label} usage in ${where} and everywhere`,
    columns: [
      { key: "label", label, format: "text" },
      ...idColumns,
      { key: "inside", label: `In ${where} (${scope.currency})`, format: "money" },
      { key: "all", label: `Everywhere (${scope.currency})`, format: "money" },
      { key: "share", label: "Share there", format: "percent" },
    ],
    // Those used only there first, then the most used there.
    rows: [...rows]
      .sort((a, b) => Number(b.only) - Number(a.only) || (b.inShare ?? 0) - (a.inShare ?? 0) || b.value - a.value)
      .map((r) => ({ label: shown(r), ...idCell(r), inside: r.amount, all: r.all, share: r.inShare })),
  });
  section.markdown = [
    tableMarkdown(section.tables[0]!, scope.currency, 20),
    "",
    `Usage charges only (ChargeCategory = Usage): taxes, credits and purchases are often billed to no ${noun === "service" ? "sub-account or region" : noun} and say nothing of where a ${noun} is used.`,
  ].join("\n");
  section.provenance = [...inside.provenance, ...everywhere.provenance, ...(names ? [names] : [])];
  return section;
}
