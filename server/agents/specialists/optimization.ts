import { emptySection, formatMoney, formatPercent, tableMarkdown, type AnswerSection } from "../answer.ts";
import { commitmentAnalysis, purchaseAction } from "../../finops/analytics/commitments.ts";
import { SAVINGS_DEFINITIONS, savingsMetrics } from "../../finops/analytics/savings.ts";
import type { ExecutionScope } from "../hardened-agent.ts";
import { Specialist, type SpecialistInput } from "./specialist.ts";

/** Rate optimisation: commitment utilisation and coverage, purchase recommendations, and savings already realised. */
export class OptimizationAgent extends Specialist {
  readonly agentType = "optimization" as const;
  readonly agentName = "optimization";
  readonly title = "Reviewing commitments and rates";

  protected answer(input: SpecialistInput, exec: ExecutionScope<AnswerSection>) {
    return input.intent === "reserved_instance_analysis" ? this.commitments(input, exec) : this.savings(input, exec);
  }

  private async commitments({ scope }: SpecialistInput, exec: ExecutionScope<AnswerSection>) {
    exec.useTool("commitmentAnalysis");
    const result = await commitmentAnalysis(this.db, { period: scope.period, filters: scope.filters });
    const c = result.data;
    const section = emptySection("optimization", "Commitments");
    section.figures = {
      utilizationPercent: c.totals.utilizationPercent,
      coveragePercent: c.totals.coveragePercent,
      unused: c.totals.unused.amount,
      onDemandEligible: c.totals.onDemandEligible.amount,
    };
    section.headline =
      `Commitments were **${formatPercent(c.totals.utilizationPercent)} utilised** and covered **${formatPercent(c.totals.coveragePercent)}** of eligible usage ${scope.periodPhrase}; ` +
      `${formatMoney(c.totals.unused.amount, scope.currency)} of commitment went unused.`;
    section.tables.push({
      title: "Commitments",
      columns: [
        { key: "name", label: "Commitment", format: "text" },
        { key: "type", label: "Type", format: "text" },
        { key: "used", label: `Used (${scope.currency})`, format: "money" },
        { key: "unused", label: `Unused (${scope.currency})`, format: "money" },
        { key: "utilization", label: "Utilisation", format: "percent" },
      ],
      rows: c.commitments.map((x) => ({
        name: x.commitmentDiscountName ?? x.commitmentDiscountId,
        type: x.commitmentDiscountType,
        used: x.used.amount,
        unused: x.unused.amount,
        utilization: x.utilizationPercent,
      })),
    });
    section.recommendations = c.recommendations.map((r) => ({
      title: `${purchaseAction(r, scope.currency)} on ${r.providerName}`,
      category: "commitment",
      monthlySavingsUsd: r.estimatedMonthlySavings.value,
      currency: scope.currency,
      href: "/admin/recommendations?category=commitment",
    }));
    const purchases = c.recommendations.map(
      (r) =>
        `- **${r.providerName}**: ${purchaseAction(r, scope.currency)}, saving about ` +
        `${formatMoney(r.estimatedMonthlySavings.amount, scope.currency)} a month. ${r.note}`,
    );
    section.markdown = [tableMarkdown(section.tables[0]!, scope.currency), "", purchases.length ? "Purchase recommendations from the steady on-demand baseline:" : "", ...purchases].join("\n");
    section.provenance = result.provenance;
    return section;
  }

  private async savings({ scope }: SpecialistInput, exec: ExecutionScope<AnswerSection>) {
    exec.useTool("savingsMetrics");
    const result = await savingsMetrics(this.db, { period: scope.period, filters: scope.filters });
    const s = result.data.total;
    const section = emptySection("optimization", "Savings realised");
    section.figures = { ...s };
    section.headline = `**${formatMoney(s.totalSavings, scope.currency)}** saved against list price ${scope.periodPhrase} — an effective savings rate of **${formatPercent((s.effectiveSavingsRate ?? 0) * 100)}**.`;
    section.tables.push({
      title: "Savings by provider",
      columns: [
        { key: "provider", label: "Provider", format: "text" },
        { key: "list", label: `List (${scope.currency})`, format: "money" },
        { key: "negotiated", label: `Negotiated savings (${scope.currency})`, format: "money" },
        { key: "commitment", label: `Commitment savings (${scope.currency})`, format: "money" },
        { key: "esr", label: "ESR", format: "percent" },
      ],
      rows: result.data.byProvider.map((p) => ({
        provider: p.provider,
        list: p.listCost,
        negotiated: p.negotiatedSavings,
        commitment: p.commitmentSavings,
        esr: p.effectiveSavingsRate == null ? null : p.effectiveSavingsRate * 100,
      })),
    });
    const d = SAVINGS_DEFINITIONS;
    section.markdown = `${tableMarkdown(section.tables[0]!, scope.currency)}\n\nDefinitions, over ${d.scope.replace(/\.$/, "")}: negotiated savings = ${d.negotiatedSavings}; commitment savings = ${d.commitmentSavings}; ESR = ${d.effectiveSavingsRate}.`;
    section.provenance = result.provenance;
    return section;
  }
}
