// "What's our cost per vCPU hour on EC2?": the clouds bill machines per instance-hour, so the answer divides each
// instance type's cost by its instance-hours × vCPUs (costPerVcpuHour), and says how that was read.
import type { Database } from "../../adapters/db/database.ts";
import { costPerVcpuHour } from "../../finops/analytics/vcpu-cost.ts";
import { emptySection, formatMoney, formatNumber, formatUnitPrice, tableMarkdown, type AnswerSection } from "../answer.ts";
import type { ExecutionScope } from "../hardened-agent.ts";
import { METRIC_WORDS } from "./metrics-answer.ts";
import { scopeText, type SpecialistInput } from "./specialist.ts";

/** Instance types listed; the rest are summed in the headline's figures. */
const TYPES_SHOWN = 15;

/**
 * The machines' cost per vCPU-hour, with what bills per vCPU itself (`perVcpu`: "Cloud Run $0.0864 per vCPU-Hour")
 * said after it; null when no machine ran but something is priced per vCPU (that price is the answer then).
 */
export async function vcpuHourAnswer(
  db: Pick<Database, "sql">,
  { scope }: SpecialistInput,
  exec: ExecutionScope<AnswerSection>,
  perVcpu: string[] = [],
): Promise<AnswerSection | null> {
  exec.useTool("costPerVcpuHour");
  const result = await costPerVcpuHour(db, { period: scope.period, filters: scope.filters, metric: scope.metric });
  const { rows, total, unread } = result.data;
  const money = (amount: string) => formatMoney(amount, scope.currency);
  const section = emptySection("cost_analysis", "Cost per vCPU-hour");
  section.provenance = result.provenance;
  section.figures = { costPerVcpuHour: total.costPerVcpuHour, cost: total.cost, vcpuHours: total.vcpuHours, instanceHours: total.instanceHours, unreadCost: unread.cost, types: rows.length };
  const apart = Number(unread.cost) !== 0 ? ` ${money(unread.cost)} of hourly usage (${formatNumber(unread.hours)} hours) names no instance type whose vCPUs are known and is left out.` : "";
  if (total.costPerVcpuHour === null && perVcpu.length) return null;
  if (total.costPerVcpuHour === null) {
    section.headline = `**No instance usage priced per hour** ${scope.periodPhrase}${scopeText(scope)} names an instance type, so there is no cost per vCPU-hour to give.${apart}`;
    return section;
  }
  section.headline =
    `**${formatUnitPrice(total.costPerVcpuHour, scope.currency)} per vCPU-hour** ${scope.periodPhrase}${scopeText(scope)}: ${money(total.cost)} ${METRIC_WORDS[scope.metric]} of instance usage ` +
    `over ${formatNumber(total.vcpuHours)} vCPU-hours (${formatNumber(total.instanceHours)} instance-hours, each × its type's vCPUs).${apart}` +
    (perVcpu.length ? ` Billed per vCPU itself, not counted here: ${perVcpu.join("; ")}.` : "");
  section.tables.push({
    title: "Cost per vCPU-hour by instance type",
    columns: [
      { key: "type", label: "Instance type", format: "text" },
      { key: "service", label: "Service", format: "text" },
      { key: "vcpus", label: "vCPUs", format: "number" },
      { key: "hours", label: "Instance-hours", format: "number" },
      { key: "vcpuHours", label: "vCPU-hours", format: "number" },
      { key: "cost", label: `Cost (${scope.currency})`, format: "money" },
      { key: "perVcpuHour", label: `Per vCPU-hour (${scope.currency})`, format: "text" },
    ],
    rows: rows.slice(0, TYPES_SHOWN).map((r) => ({
      type: r.instanceType, service: r.serviceName, vcpus: r.vcpus, hours: r.instanceHours, vcpuHours: r.vcpuHours, cost: r.cost,
      perVcpuHour: r.costPerVcpuHour === null ? null : formatUnitPrice(r.costPerVcpuHour, scope.currency),
    })),
  });
  section.markdown = [
    tableMarkdown(section.tables[0]!, scope.currency),
    "",
    "The clouds bill machines per instance-hour, not per vCPU: each charge's instance type is read from its SkuId or ChargeDescription, " +
      "its vCPUs from the type (AWS .large = 2, .xlarge = 4, .Nxlarge = 4N; the number in Azure and Google Cloud names), and the cost divided by instance-hours × vCPUs. " +
      "Usage charges only; commitment-covered hours count at their amortized cost.",
  ].join("\n");
  return section;
}
