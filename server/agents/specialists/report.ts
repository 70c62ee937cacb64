import { stringify } from "csv-stringify/sync";
import { emptySection, formatMoney, formatPercent, formatSignedPercent, tableMarkdown, type AnswerSection } from "../answer.ts";
import { costBreakdown } from "../../finops/analytics/breakdown.ts";
import { comparePeriods } from "../../finops/analytics/compare.ts";
import { savingsMetrics } from "../../finops/analytics/savings.ts";
import type { ExecutionScope } from "../hardened-agent.ts";
import { periodName, scopeText, Specialist, type SpecialistInput } from "./specialist.ts";

/** A period report: totals, change against the previous period, spend by service and account, savings. */
export class ReportAgent extends Specialist {
  readonly agentType = "report_generation" as const;
  readonly agentName = "report-generation";
  readonly title = "Writing the report";

  /** The report's files, kept for the answer payload (download links). */
  lastReport: { fileName: string; markdown: string; csv: string } | null = null;

  protected async answer({ scope }: SpecialistInput, exec: ExecutionScope<AnswerSection>) {
    const base = { period: scope.period, filters: scope.filters, metric: scope.metric };
    exec.useTool("costBreakdown");
    exec.useTool("comparePeriods");
    exec.useTool("savingsMetrics");
    const [byService, byAccount, change, savings] = await Promise.all([
      costBreakdown(this.db, { ...base, dimension: "ServiceName", limit: 15 }),
      costBreakdown(this.db, { ...base, dimension: "SubAccountName", limit: 10 }),
      comparePeriods(this.db, { current: scope.period, mode: "MoM", filters: scope.filters, metric: scope.metric, limit: 5 }),
      savingsMetrics(this.db, { period: scope.period, filters: scope.filters }),
    ]);
    const section = emptySection("report_generation", `Cost report: ${scope.periodLabel}`);
    const c = change.data;
    section.figures = {
      total: byService.data.total,
      baseline: c.baseline.total,
      changePercent: c.changePercent,
      totalSavings: savings.data.total.totalSavings,
    };
    // Nothing in scope ("a summary for the payments team" where no cost is tagged so): that leads, and no empty tables.
    const nothing = byService.data.rows.length === 0 && Number(c.baseline.total) === 0;
    const against = Number(c.baseline.total) === 0 ? `no cost in ${periodName(c.baseline.period)} to compare with` : `${formatSignedPercent(c.changePercent)} against ${periodName(c.baseline.period)}`;
    section.headline = nothing
      ? `**No cost** ${scope.periodPhrase}${scopeText(scope)}, nor in ${periodName(c.baseline.period)}: there is nothing to report.`
      : `**${formatMoney(byService.data.total, scope.currency)}** ${scope.periodPhrase}${scopeText(scope)} (${against}).`;
    const table = (title: string, rows: typeof byService.data.rows, label: string) => ({
      title,
      columns: [
        { key: "label", label, format: "text" as const },
        { key: "amount", label: `Cost (${scope.currency})`, format: "money" as const },
        { key: "share", label: "Share", format: "percent" as const },
      ],
      rows: rows.map((r) => ({ label: r.label, amount: r.amount, share: r.share == null ? null : r.share * 100 })),
    });
    if (nothing) {
      this.lastReport = null;
      section.provenance = [...byService.provenance, ...change.provenance];
      return section;
    }
    section.tables.push(table("By service", byService.data.rows, "Service"), table("By sub-account", byAccount.data.rows, "Sub-account"));
    section.tables.push({
      title: "Largest changes",
      columns: [
        { key: "label", label: "Service", format: "text" },
        { key: "delta", label: `Change (${scope.currency})`, format: "money" },
        { key: "deltaPercent", label: "Change", format: "percent" },
      ],
      rows: c.drivers.map((d) => ({ label: d.label, delta: d.delta, deltaPercent: d.deltaPercent })),
    });
    section.charts.push({ kind: "bar", title: "By service", unit: scope.currency, series: [{ name: scope.metric, points: byService.data.rows.map((r) => ({ x: r.label, y: r.value })) }] });
    const s = savings.data.total;
    const body = [
      `## Cost report: ${scope.periodLabel}`,
      "",
      section.headline,
      "",
      "### By service",
      tableMarkdown(section.tables[0]!, scope.currency, 15),
      "",
      "### By sub-account",
      tableMarkdown(section.tables[1]!, scope.currency, 10),
      "",
      "### Largest changes",
      tableMarkdown(section.tables[2]!, scope.currency, 5),
      "",
      `### Savings\nNegotiated ${formatMoney(s.negotiatedSavings, scope.currency)}, commitments ${formatMoney(s.commitmentSavings, scope.currency)}${Number(s.spotSavings) !== 0 ? `, spot ${formatMoney(s.spotSavings, scope.currency)}` : ""}; effective savings rate ${formatPercent((s.effectiveSavingsRate ?? 0) * 100)}.`,
    ].join("\n");
    section.markdown = nothing ? "" : body.split("\n").slice(4).join("\n");
    const csv = stringify(
      [
        ...byService.data.rows.map((r) => ({ section: "service", name: r.label, cost_usd: r.amount })),
        ...byAccount.data.rows.map((r) => ({ section: "sub_account", name: r.label, cost_usd: r.amount })),
        ...c.drivers.map((d) => ({ section: "change", name: d.label, cost_usd: d.delta })),
      ],
      { header: true },
    );
    this.lastReport = { fileName: `cost-report-${scope.period.start}.md`, markdown: body, csv };
    section.provenance = [...byService.provenance, ...byAccount.provenance, ...change.provenance, ...savings.provenance];
    return section;
  }
}
