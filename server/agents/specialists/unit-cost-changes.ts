// "Which services have the highest unit cost increase?": each service and pricing unit's unit cost in the period
// against the one before, ranked by how far it moved. A bill can grow because more is used (volume) or because each
// unit costs more (price): the price effect, (unit cost now − before) × the quantity now, is what the second added.
import type { Database } from "../../adapters/db/database.ts";
import { fromUnits, toUnits, type Period } from "../../finops/analytics/scope.ts";
import { unitCosts, type UnitCostRow } from "../../finops/analytics/unit-cost.ts";
import { emptySection, formatMoney, formatPercent, formatSignedPercent, plural, tableMarkdown, type AnswerSection } from "../answer.ts";
import type { ExecutionScope } from "../hardened-agent.ts";
import { baselinePeriod, periodName, scopeText, type SpecialistInput } from "./specialist.ts";
import { singular, unitPriceText } from "./unit-price.ts";
import { METRIC_WORDS } from "./metrics-answer.ts";
import { wayAsked } from "../classifier/change-words.ts";

/** A unit cost moved: "increase", "went down", "changed". */
const PRICE_MOVE = /\b(?:increas\w*|ris(?:e|en|es|ing)|rose|gr[eo]w\w*|jump\w*|decreas\w*|drop\w*|fell|fall\w*|declin\w*|chang\w*|mov(?:ed|es|ers?)|(?:go(?:ne)?|went|going)\s+(?:up|down))\b/i;
/** Several ranked or listed, not one unit cost's path ("how has our S3 cost per GB changed?" is a trend). */
const RANKED_OR_LISTED = /\b(?:which|highest|largest|biggest|greatest|top|most|fastest)\b/i;

/** "Which services have the highest unit cost increase?", "which unit prices went down?". */
export const unitCostChangesAsked = (question: string) => PRICE_MOVE.test(question) && RANKED_OR_LISTED.test(question);

/** Pairs reading less than this share of the earlier period's usage cost are left out: their unit cost swings on small quantities. */
const MATERIAL_PAIR_SHARE = 0.001;
/** A unit cost within this many percent of the earlier one has not moved. */
const UNCHANGED_PERCENT = 0.05;
/** Service and pricing-unit pairs read from each period: every one, in practice. */
const PAIRS_READ = 200;

interface Move {
  serviceName: string;
  pricingUnit: string;
  before: string;
  now: string;
  changePercent: number;
  /** (unit cost now − before) × the quantity now. */
  priceEffect: string;
  cost: string;
}

export async function unitCostChangesAnswer(db: Pick<Database, "sql">, { scope, question }: SpecialistInput, exec: ExecutionScope<AnswerSection>): Promise<AnswerSection> {
  const way = wayAsked(question, "either");
  const baseline = baselinePeriod(scope);
  exec.useTool("unitCosts");
  const read = (period: Period) => unitCosts(db, { period, filters: scope.filters, metric: scope.metric, limit: PAIRS_READ });
  const [now, before] = await Promise.all([read(scope.period), read(baseline)]);
  const key = (r: UnitCostRow) => `${r.serviceName}\u0000${r.pricingUnit}`;
  const earlier = new Map(before.data.rows.map((r) => [key(r), r]));
  const floor = before.data.rows.reduce((sum, r) => sum + Number(r.cost), 0) * MATERIAL_PAIR_SHARE;
  const moves: Move[] = [];
  for (const r of now.data.rows) {
    const b = earlier.get(key(r));
    if (!b || r.unitCost === null || b.unitCost === null || Number(b.unitCost) <= 0 || Number(b.cost) < floor) continue;
    const changePercent = ((Number(r.unitCost) - Number(b.unitCost)) / Number(b.unitCost)) * 100;
    const priceEffect = fromUnits(((toUnits(r.unitCost) - toUnits(b.unitCost)) * toUnits(r.quantity)) / toUnits("1"));
    moves.push({ serviceName: r.serviceName, pricingUnit: r.pricingUnit, before: b.unitCost, now: r.unitCost, changePercent, priceEffect, cost: r.cost });
  }
  const moved = (m: Move) => Math.abs(m.changePercent) >= UNCHANGED_PERCENT;
  const rose = moves.filter((m) => moved(m) && m.changePercent > 0);
  const fell = moves.filter((m) => moved(m) && m.changePercent < 0);
  const shown = (way === "up" ? rose : way === "down" ? fell : moves.filter(moved)).sort((a, b) =>
    way === "down" ? a.changePercent - b.changePercent : way === "up" ? b.changePercent - a.changePercent : Math.abs(b.changePercent) - Math.abs(a.changePercent),
  );
  const [lead] = shown;
  const beforeName = periodName(baseline);
  const section = emptySection("cost_analysis", "Unit cost changes");
  section.provenance = [...now.provenance, ...before.provenance];
  section.figures = { compared: moves.length, rose: rose.length, fell: fell.length, baselineStart: baseline.start, baselineEnd: baseline.end };
  const counts = `${rose.length} of the ${moves.length} service and pricing unit ${plural("pair", moves.length)} compared rose and ${fell.length} fell`;
  const price = (m: Move, unitCost: string) => `${unitPriceText(unitCost, m.pricingUnit, scope.currency)} per ${singular(m.pricingUnit)}`;
  if (!lead) {
    const none = way === "up" ? "rose" : way === "down" ? "fell" : "moved";
    section.headline = `**No unit cost ${none}** ${scope.periodPhrase}${scopeText(scope)} against ${beforeName}: ${counts}.`;
  } else {
    const verb = lead.changePercent > 0 ? "rose" : "fell";
    Object.assign(section.figures, { service: lead.serviceName, pricingUnit: lead.pricingUnit, unitCost: lead.now, unitCostBefore: lead.before, changePercent: lead.changePercent, priceEffect: lead.priceEffect });
    const effect = toUnits(lead.priceEffect);
    section.headline =
      `**${lead.serviceName}'s unit cost ${verb} the most**${scopeText(scope)}: ${price(lead, lead.now)} ${scope.periodPhrase}, ` +
      `${verb === "rose" ? "up" : "down"} ${formatPercent(Math.abs(lead.changePercent))} from ${price(lead, lead.before)} in ${beforeName}, ` +
      `${effect >= 0n ? "adding" : "saving"} ${formatMoney(fromUnits(effect < 0n ? -effect : effect), scope.currency)} at the usage ${scope.periodPhrase}. ${counts}.`;
  }
  const table = {
    title: "Unit cost by service and pricing unit, against the period before",
    columns: [
      { key: "service", label: "Service", format: "text" as const },
      { key: "unit", label: "Pricing unit", format: "text" as const },
      { key: "before", label: `Before (${scope.currency})`, format: "text" as const },
      { key: "now", label: `Now (${scope.currency})`, format: "text" as const },
      { key: "change", label: "Change", format: "text" as const },
      { key: "priceEffect", label: `Price effect (${scope.currency})`, format: "money" as const },
    ],
    rows: shown.slice(0, Math.max(scope.topN, 10)).map((m) => ({
      service: m.serviceName,
      unit: m.pricingUnit,
      before: unitPriceText(m.before, m.pricingUnit, scope.currency),
      now: unitPriceText(m.now, m.pricingUnit, scope.currency),
      change: formatSignedPercent(m.changePercent),
      priceEffect: m.priceEffect,
    })),
  };
  if (table.rows.length) section.tables.push(table);
  section.markdown = [
    ...(table.rows.length ? [tableMarkdown(table, scope.currency), ""] : []),
    `Unit cost = ${METRIC_WORDS[scope.metric]} of usage ÷ its FOCUS PricingQuantity, per service and PricingUnit, ${scope.periodPhrase} against ${beforeName}. ` +
      `It moves with list prices, with the discounts and commitments applied, and with the mix of SKUs billed in one unit (instance sizes per hour). ` +
      `Price effect = (unit cost now − before) × the quantity now: what the change in unit cost added to the bill (negative: saved), apart from using more or less. ` +
      `Pairs under ${formatPercent(MATERIAL_PAIR_SHARE * 100)} of the usage cost in ${beforeName} are left out (their unit cost swings on small quantities); a move under ${UNCHANGED_PERCENT}% counts as none.`,
  ].join("\n");
  return section;
}
