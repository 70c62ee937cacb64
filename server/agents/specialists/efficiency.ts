// "How efficient is our cloud spend?", "our FinOps KPIs": the usual efficiency measures of the FinOps Framework side by
// side over one period and scope, each from its own analysis: the effective savings rate, commitment coverage and
// utilisation, the waste in idle and oversized resources, and how much of the cost is allocated to a team.
import type { Database } from "../../adapters/db/database.ts";
import { costTotal } from "../../finops/analytics/breakdown.ts";
import { commitmentAnalysis, TARGET_UTILIZATION } from "../../finops/analytics/commitments.ts";
import { eachResourceOnce, rightsizingFindings, type RightsizingAction } from "../../finops/analytics/rightsizing.ts";
import { savingsMetrics } from "../../finops/analytics/savings.ts";
import { tagCoverage } from "../../finops/analytics/tag-coverage.ts";
import { DAYS_PER_MONTH, daysBetween } from "../../finops/analytics/scope.ts";
import { emptySection, formatMoney, formatPercent, tableMarkdown, type AnswerSection } from "../answer.ts";
import type { ExecutionScope } from "../hardened-agent.ts";
import { scopeText, type SpecialistInput } from "./specialist.ts";
import { mentions } from "./tagging-answer.ts";

/**
 * The share of cost allocated to an owner at the FinOps Foundation's maturity stages for cost allocation (crawl 50%,
 * walk 80%, run 90% or more).
 */
const ALLOCATION_WALK = 80;
const ALLOCATION_RUN = 90;
/** The tag keys that allocate cost to an owner, however spelled ("cost center", "CostCenter"), the first one the data holds being read. */
const OWNER_KEYS = ["team", "cost center", "owner", "department", "business unit"];
/** What counts as waste: resources idle, orphaned or larger than they need to be (not Spot, a cheaper way to run them). */
const WASTE: readonly RightsizingAction[] = ["terminate-idle", "delete-orphaned", "downsize"];

export async function efficiencyAnswer(db: Pick<Database, "sql">, { scope }: SpecialistInput, exec: ExecutionScope<AnswerSection>): Promise<AnswerSection> {
  const base = { period: scope.period, filters: scope.filters };
  for (const tool of ["costTotal", "savingsMetrics", "commitmentAnalysis", "rightsizingFindings", "tagCoverage"]) exec.useTool(tool);
  // The findings are read once: the commitment analysis sizes its purchase after them too.
  const rightsizing = await rightsizingFindings(db, base);
  const [total, savings, commitments, tags] = await Promise.all([
    costTotal(db, { ...base, metric: scope.metric }),
    savingsMetrics(db, base),
    commitmentAnalysis(db, base, { rightsizing }),
    tagCoverage(db, { ...base, metric: scope.metric }),
  ]);
  const waste = eachResourceOnce(rightsizing.data.findings.filter((f) => WASTE.includes(f.action)));
  const money = (amount: string | number) => formatMoney(amount, scope.currency);
  const esr = savings.data.total.effectiveSavingsRate;
  const { coveragePercent, utilizationPercent, unused } = commitments.data.totals;
  // Rightsizing savings are a month's; the period's cost is set to a month to compare with them.
  const monthlySpend = Number(total.data.total) * (DAYS_PER_MONTH / daysBetween(scope.period.start, scope.period.end));
  const wasted = Number(waste.totalEstimatedMonthlySavings.max.amount);
  const wastePercent = monthlySpend > 0 ? (wasted / monthlySpend) * 100 : null;
  const keys = tags.data.keys;
  const owner = OWNER_KEYS.map((k) => keys.find((c) => mentions(k, c.tagKey))).find(Boolean) ?? [...keys].sort((a, b) => (b.costCoveragePercent ?? 0) - (a.costCoveragePercent ?? 0))[0];
  const allocated = owner?.costCoveragePercent ?? null;
  const stage = allocated === null ? null : allocated >= ALLOCATION_RUN ? "run" : allocated >= ALLOCATION_WALK ? "walk" : "crawl";

  const section = emptySection("cost_analysis", "Cloud efficiency");
  section.figures = {
    total: total.data.total,
    effectiveSavingsRate: esr === null ? null : esr * 100,
    commitmentCoveragePercent: coveragePercent,
    commitmentUtilisationPercent: utilizationPercent,
    unusedCommitment: unused.amount,
    wasteMonthly: waste.totalEstimatedMonthlySavings.max.amount,
    wastePercent,
    allocationKey: owner?.tagKey ?? null,
    allocatedPercent: allocated,
  };
  section.headline =
    `**Effective savings rate ${formatPercent(esr === null ? null : esr * 100)}** ${scope.periodPhrase}${scopeText(scope)} (${money(savings.data.total.totalSavings)} below list price on ${money(total.data.total)}); ` +
    `commitments cover ${formatPercent(coveragePercent)} of eligible usage and are ${formatPercent(utilizationPercent)} used; ` +
    `idle and oversized resources waste up to ${money(wasted)} a month (${formatPercent(wastePercent)} of spend)` +
    (owner ? `; ${formatPercent(allocated)} of the cost carries a real "${owner.tagKey}" value.` : "; no tags allocate the cost.");
  const row = (measure: string, value: string, reading: string) => ({ measure, value, reading });
  section.tables.push({
    title: "Efficiency measures",
    columns: [
      { key: "measure", label: "Measure", format: "text" },
      { key: "value", label: "Value", format: "text" },
      { key: "reading", label: "Reading", format: "text" },
    ],
    rows: [
      row("Effective savings rate", formatPercent(esr === null ? null : esr * 100), `${money(savings.data.total.totalSavings)} saved against ${money(savings.data.total.listCost)} at list price`),
      row("Commitment coverage", formatPercent(coveragePercent), `${money(commitments.data.totals.covered.amount)} of ${money(commitments.data.totals.eligible.amount)} eligible usage; ${money(commitments.data.totals.onDemandEligible.amount)} on demand`),
      row(
        "Commitment utilisation",
        formatPercent(utilizationPercent),
        utilizationPercent === null ? "no commitments" : `${money(unused.amount)} unused; target ${TARGET_UTILIZATION}%${utilizationPercent >= TARGET_UTILIZATION ? ", met" : ", not met"}`,
      ),
      row("Waste (idle and oversized)", `${money(wasted)} a month`, `${formatPercent(wastePercent)} of monthly spend, on ${waste.resourceCount} resources`),
      row(
        "Cost allocated",
        formatPercent(allocated),
        owner ? `by the "${owner.tagKey}" tag; FinOps Foundation maturity: ${stage} (walk from ${ALLOCATION_WALK}%, run from ${ALLOCATION_RUN}%)` : "no tag keys on the cost",
      ),
    ],
  });
  section.markdown = [
    tableMarkdown(section.tables[0]!, scope.currency),
    "",
    "Effective savings rate = (ListCost − EffectiveCost) ÷ ListCost over usage (FinOps Foundation). Coverage and utilisation are the " +
      "FOCUS commitment columns'; waste is the idle (p95 CPU below 5%), orphaned and downsizing findings' monthly savings, each resource " +
      "once; allocation is the cost with a real value (not empty or a placeholder) for the owner tag. Ask about any one of them for the detail.",
    "",
    // The Recommendations page is regenerated after each import from the latest 30 days: the two can differ.
    `The waste is judged on utilisation ${scope.periodPhrase}; the Recommendations page holds the findings from the latest 30 days of data, generated after each import, so its savings can differ.`,
  ].join("\n");
  section.provenance = [...total.provenance, ...savings.provenance, ...commitments.provenance, ...rightsizing.provenance, ...tags.provenance];
  return section;
}
