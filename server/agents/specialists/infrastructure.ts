import { emptySection, formatMoney, formatMoneyRange, formatPercent, tableMarkdown, type AnswerSection } from "../answer.ts";
import { costBreakdown, UNTAGGED_OR_PLACEHOLDER_LABEL } from "../../finops/analytics/breakdown.ts";
import { isPlaceholderValue } from "../../finops/analytics/scope.ts";
import type { ResolvedScope } from "../scope.ts";
import {
  findingTitle,
  RIGHTSIZING_ACTIONS,
  RIGHTSIZING_CRITERIA,
  rightsizingFindings,
  type ResourceKind,
  type RightsizingAction,
  type RightsizingFinding,
} from "../../finops/analytics/rightsizing.ts";
import { sumDecimals } from "../../finops/analytics/stats.ts";
import { SAVINGS_DEFINITIONS, savingsMetrics } from "../../finops/analytics/savings.ts";
import { addDaysIso } from "../../finops/data-range.ts";
import type { ExecutionScope } from "../hardened-agent.ts";
import { IDLE_WORDS, RIGHTSIZING_WORDS, SCHEDULE_WORDS } from "../classifier/dimensions.ts";
import { scheduleAnswer } from "./schedule-answer.ts";
import { scopeText, Specialist, YEARLY_ASKED, yearOf, type SpecialistInput } from "./specialist.ts";

/** Asks what Spot has saved already ("the savings from spot instances", "how much did spot save us?"), not what it could. */
const SAVED_ASKED = /\b(?:savings?\s+(?:from|of|on|with|by|through)|saved|did\b[^?]*\bsave|has\b[^?]*\bsaved?)\b/i;
const COULD_SAVE = /\b(?:could|would|can|might|potential|if)\b/i;

const ACTIONS_BY_INTENT: Partial<Record<string, RightsizingAction[]>> = {
  rightsizing: ["downsize", "terminate-idle"],
  spot_instance_analysis: ["move-to-spot"],
};
/** "Which resources have the lowest CPU utilization?", "least used instances": ranked by p95, the lowest first. */
const LEAST_BUSY = /\b(?:lowest|least|smallest|minimum)\s+(?:(?:cpu|memory|mem)\s+)?(?:utili[sz]ation|usage|utili[sz]ed|used|busy)\b/i;
const IDLE_ACTIONS: RightsizingAction[] = ["terminate-idle", "delete-orphaned"];
/** Asks what to get rid of: "which resources should we delete?", "what can we decommission?". */
const REMOVAL_WORDS = /\b(?:delet(?:e|ed|ing)|terminat(?:e|ed|ing)|remov(?:e|ed|ing)|decommission\w*|get rid of|clean(?:ing)?\s+up|kill)\b/i;
/** "Unattached disks", "orphaned IPs": what is billed with nothing using it, not idle machines. */
const ORPHAN_WORDS = /\b(?:orphan(?:ed|s)?|unattached|unassociated|detached|dangling)\b/i;
/** What a bill cannot tell of disks, said when they are asked about. */
const DISK_CAVEAT =
  "A disk's charges do not say whether it is attached: one is found here only when its charges call it unattached or idle. " +
  "The clouds' own checks see attachment (AWS Compute Optimizer's idle EBS volumes, Azure Advisor's unattached managed disks, Google's idle persistent disk recommender).";
/** The kinds of resource as an answer names them. */
const KIND_NOUNS: Record<ResourceKind, string> = {
  disk: "disks or volumes",
  "ip-address": "IP addresses",
  "nat-gateway": "NAT gateways",
  "load-balancer": "load balancers",
  snapshot: "snapshots",
  "virtual-machine": "virtual machines",
  database: "databases",
};

/** Findings a table holds, largest savings first (the headline counts them all); the text shows the first 15. */
const FINDING_ROWS = 500;

/** The finding's fields that findings can be grouped by. */
type GroupField = "subAccountName" | "serviceName" | "providerName" | "regionId";
/** Dimensions findings can be grouped by, with the finding's field that holds the value. */
const GROUPABLE: Partial<Record<string, { key: GroupField; label: string }>> = {
  SubAccountId: { key: "subAccountName", label: "Sub-account" },
  SubAccountName: { key: "subAccountName", label: "Sub-account" },
  ServiceName: { key: "serviceName", label: "Service" },
  ProviderName: { key: "providerName", label: "Provider" },
  RegionId: { key: "regionId", label: "Region" },
};

/**
 * How findings are grouped for a grouping asked ("by account", "by team"): a finding's field, or its value of a tag
 * (placeholder values and no value pooled, as the cost breakdowns pool them); null for a grouping findings lack.
 */
function findingGroups(groupBy: ResolvedScope["groupBy"]): { label: string; of: (f: RightsizingFinding) => string } | null {
  if (groupBy?.dimension === "Tag" && groupBy.tagKey) {
    const key = groupBy.tagKey;
    return { label: key, of: (f) => (f.tags[key] === undefined || isPlaceholderValue(f.tags[key]) ? UNTAGGED_OR_PLACEHOLDER_LABEL : f.tags[key]) };
  }
  const field = groupBy && GROUPABLE[groupBy.dimension];
  return field ? { label: field.label, of: (f) => f[field.key] ?? "(none)" } : null;
}

/** Resources (each with its larger finding) per group: how many, and their savings. Most first. */
function groupFindings(largestPerResource: readonly RightsizingFinding[], groupOf: (f: RightsizingFinding) => string) {
  const groups = new Map<string, RightsizingFinding[]>();
  for (const f of largestPerResource) {
    const label = groupOf(f);
    groups.set(label, [...(groups.get(label) ?? []), f]);
  }
  return [...groups]
    .map(([label, list]) => ({ label, resources: list.length, savings: sumDecimals(list.map((f) => f.estimatedMonthlySavings.max.amount)) }))
    .sort((a, b) => b.resources - a.resources || Number(b.savings) - Number(a.savings) || a.label.localeCompare(b.label));
}

/** Utilisation: idle and over-provisioned resources, spot candidates and orphaned resources, with savings. */
export class InfrastructureAgent extends Specialist {
  readonly agentType = "infrastructure" as const;
  readonly agentName = "infrastructure";
  readonly title = "Checking utilisation";
  override readonly usesQuestionPeriod = false;

  protected async answer(input: SpecialistInput, exec: ExecutionScope<AnswerSection>) {
    const { scope, intent, dimensions, question } = input;
    // "How much would we save by turning off dev at night?": stopping machines on a schedule, not rightsizing.
    if (SCHEDULE_WORDS.test(question)) return scheduleAnswer(this.db, input, exec);
    // Utilisation needs 14+ days; without a period use the last 30 days of data.
    const period = dimensions.timeRange && Date.parse(scope.period.end) - Date.parse(scope.period.start) >= 14 * 86_400_000
      ? scope.period
      : { start: addDaysIso(scope.dataRange.end, -29), end: addDaysIso(scope.dataRange.end, 1) };
    exec.useTool("rightsizingFindings");
    // "Any idle resources?", "orphaned disks": only what does no work, whatever the intent; "unattached" only what
    // nothing uses.
    const orphanOnly = ORPHAN_WORDS.test(question);
    // "Which resources should we delete?": what can go (idle or orphaned), not what to downsize.
    const idleOnly = orphanOnly || IDLE_WORDS.test(question) || (REMOVAL_WORDS.test(question) && !RIGHTSIZING_WORDS.test(question));
    const actions: RightsizingAction[] | undefined = orphanOnly ? ["delete-orphaned"] : idleOnly ? IDLE_ACTIONS : ACTIONS_BY_INTENT[intent];
    // "Idle databases", "unattached disks": only resources of those kinds.
    const kinds = dimensions.resourceKinds.length ? dimensions.resourceKinds : undefined;
    const result = await rightsizingFindings(this.db, { period, filters: scope.filters, actions, resourceKinds: kinds });
    const { findings, resourceCount, largestPerResource, totalEstimatedMonthlySavings: total } = result.data;
    const section = emptySection("infrastructure", idleOnly ? "Idle and orphaned resources" : intent === "spot_instance_analysis" ? "Spot candidates" : "Rightsizing");
    section.figures = { findings: findings.length, resources: resourceCount, savingsMin: total.min.amount, savingsMax: total.max.amount };
    const range = (min: string, max: string) => formatMoneyRange(min, max, scope.currency);
    const monthly = `${range(total.min.amount, total.max.amount)} a month`;
    // "How much would that save per year?": the year leads, from the month.
    const yearly = YEARLY_ASKED.test(question);
    if (yearly) Object.assign(section.figures, { savingsMinYear: yearOf(total.min.amount), savingsMaxYear: yearOf(total.max.amount) });
    const saving = yearly ? `${range(yearOf(total.min.amount), yearOf(total.max.amount))} a year` : monthly;
    const criteria = orphanOnly ? "orphaned" : idleOnly ? "idle or orphaned" : intent === "spot_instance_analysis" ? "spot" : "idle or downsize";
    // The savings in a sentence: bold when it leads the answer, plain after the spot usage (see spotInUse).
    const savings = (b: (text: string) => string) =>
      findings.length
        ? `${b(saving)}${yearly ? ` (${monthly} × 12)` : ""} could be saved on ${resourceCount} resource${resourceCount === 1 ? "" : "s"}${scopeText(scope)}, judged on utilisation from ${period.start} to ${addDaysIso(period.end, -1)}.`
        : `${b("Nothing to change")}: no resource${scopeText(scope)} met the ${criteria} criteria between ${period.start} and ${addDaysIso(period.end, -1)}.`;
    section.headline = savings((text) => `**${text}**`);
    if (kinds && !findings.length) {
      // "Do we have any unattached disks?": none, said of them, with what the same check found among other resources.
      const nouns = kinds.map((k) => KIND_NOUNS[k]).join(" or ");
      const others = (await rightsizingFindings(this.db, { period, filters: scope.filters, actions })).data;
      const elsewhere = others.resourceCount
        ? ` Of other resources, ${others.resourceCount} ${others.resourceCount === 1 ? "is" : "are"} ${criteria} (${range(others.totalEstimatedMonthlySavings.min.amount, others.totalEstimatedMonthlySavings.max.amount)} a month): ask about ${criteria} resources for them.`
        : "";
      section.headline =
        `**No ${criteria === "idle or downsize" ? "idle or oversized" : criteria} ${nouns}**${scopeText(scope)}: none met the ${criteria} criteria between ${period.start} and ${addDaysIso(period.end, -1)}.` +
        elsewhere;
      Object.assign(section.figures, { otherResources: others.resourceCount });
    }
    // "How many resources are idle?": the count leads.
    if (/\bhow many\b/i.test(question) && findings.length) {
      const kind = idleOnly ? "idle or orphaned" : intent === "spot_instance_analysis" ? "Spot candidates" : "idle or oversized";
      section.headline = `**${resourceCount} resource${resourceCount === 1 ? " is" : "s are"} ${kind}**${scopeText(scope)}: ${savings((text) => text)}`;
    }
    // "The lowest CPU utilisation": each resource once, by its p95 (CPU, or memory when named), the lowest first.
    const byMemory = /\b(?:memory|mem)\b/i.test(question);
    const leastBusy = LEAST_BUSY.test(question) && findings.length > 0;
    const p95 = (f: (typeof findings)[number]) => (byMemory ? f.evidence.memP95 : f.evidence.cpuP95) ?? Number.POSITIVE_INFINITY;
    const shown = leastBusy
      ? [...new Map([...findings].sort((a, b) => p95(a) - p95(b)).map((f) => [f.resourceId, f] as const)).values()]
      : findings;
    if (leastBusy && Number.isFinite(p95(shown[0]!))) {
      const first = shown[0]!;
      const what = byMemory ? "memory" : "CPU";
      section.figures = { ...section.figures, leastBusy: first.resourceName ?? first.resourceId, leastBusyP95: p95(first) };
      section.headline =
        `**${first.resourceName ?? first.resourceId}** is the least busy: ${what} p95 ${formatPercent(p95(first))} ` +
        `(${first.instanceType ?? first.resourceType ?? "resource"}; ${first.proposedAction.charAt(0).toLowerCase()}${first.proposedAction.slice(1)}). ${section.headline}`;
    }
    section.tables.push({
      title: "Findings",
      columns: [
        { key: "resource", label: "Resource", format: "text" },
        { key: "type", label: "Type", format: "text" },
        { key: "action", label: "Action", format: "text" },
        { key: "cpu", label: "CPU p95", format: "percent" },
        { key: "mem", label: "Memory p95", format: "percent" },
        { key: "cost", label: `Monthly cost (${scope.currency})`, format: "money" },
        { key: "savings", label: `Monthly savings (${scope.currency})`, format: "money" },
      ],
      rows: shown.slice(0, FINDING_ROWS).map((f) => ({
        resource: f.resourceName ?? f.resourceId,
        type: f.instanceType ?? f.resourceType ?? "",
        action: f.proposedAction,
        cpu: f.evidence.cpuP95,
        mem: f.evidence.memP95,
        cost: f.monthlyCost.amount,
        savings: f.estimatedMonthlySavings.max.amount,
      })),
    });
    // "Which accounts have the most idle resources?": the findings per sub-account (or service, provider) first.
    const by = findingGroups(scope.groupBy);
    if (by && findings.length) {
      const groups = groupFindings(largestPerResource, by.of);
      section.tables.unshift({
        title: `By ${by.label.toLowerCase()}`,
        columns: [
          { key: "label", label: by.label, format: "text" },
          { key: "resources", label: "Resources", format: "number" },
          { key: "savings", label: `Monthly savings, up to (${scope.currency})`, format: "money" },
        ],
        rows: groups.map((g) => ({ label: g.label, resources: g.resources, savings: g.savings })),
      });
      // Several may tie for the most: name them all.
      const most = groups.filter((g) => g.resources === groups[0]!.resources).map((g) => g.label);
      section.figures.topGroup = most.join(", ");
      section.figures.topGroupResources = groups[0]!.resources;
      // The answer to "which accounts have the most?" leads ("the cost of idle resources by team" is the table's).
      const n = groups[0]!.resources;
      if (/\b(?:most|which)\b/i.test(question)) section.headline =
        `**${most.join(", ")}** ${most.length === 1 ? "has" : "have"} the most: ${n} resource${n === 1 ? "" : "s"}${most.length > 1 ? " each" : ""}. ${section.headline}`;
    }
    section.recommendations = findings.slice(0, 5).map((f) => ({
      // The resource named, as on the Recommendations page: two "Run r6i.8xlarge on Spot" cards are two instances.
      title: findingTitle(f),
      category: f.action,
      monthlySavingsUsd: f.estimatedMonthlySavings.max.value,
      currency: scope.currency,
      href: `/admin/recommendations?search=${encodeURIComponent(f.resourceName ?? f.resourceId)}`,
    }));
    section.markdown = [
      ...(section.tables.length > 1
        ? [`By ${section.tables[0]!.title.slice("By ".length)}:`, "", tableMarkdown(section.tables[0]!, scope.currency), ""]
        : []),
      findings.length ? tableMarkdown(section.tables.at(-1)!, scope.currency) : "",
      "",
      (actions ?? RIGHTSIZING_ACTIONS).map((a) => RIGHTSIZING_CRITERIA[a]).join(" ") +
        (kinds?.includes("disk") && idleOnly ? ` ${DISK_CAVEAT}` : "") +
        (findings.length > resourceCount ? " A resource with two options (downsize it, or run it on Spot) is listed twice and counted once, at its larger saving." : "") +
        (leastBusy
          ? ` Ranked by ${byMemory ? "memory" : "CPU"} p95, the lowest first, each resource once (every resource below 5% CPU is a finding).`
          : findings.length > FINDING_ROWS ? ` The table holds the ${FINDING_ROWS} findings with the largest savings of ${findings.length}.` : ""),
    ].join("\n");
    section.provenance = result.provenance;
    if (intent === "spot_instance_analysis") await this.spotInUse(scope, period, section, savings((text) => text), exec, SAVED_ASKED.test(question) && !COULD_SAVE.test(question));
    return section;
  }

  /**
   * "Are we using spot instances?": what already runs on Spot / preemptible capacity (FOCUS PricingCategory
   * Dynamic) and its share of compute, before the candidates to move.
   */
  private async spotInUse(
    scope: SpecialistInput["scope"],
    period: { start: string; end: string },
    section: AnswerSection,
    /** The candidates' savings, in a sentence that follows the spot usage. */
    candidates: string,
    exec: ExecutionScope<AnswerSection>,
    /** Asks what Spot saved: that leads, from the savings definitions. */
    saved = false,
  ) {
    exec.useTool("costBreakdown");
    const filters = { ...scope.filters, chargeCategories: ["Usage"], ...(scope.filters.services ? {} : { serviceCategories: scope.filters.serviceCategories ?? ["Compute"] }) };
    const result = await costBreakdown(this.db, { period, filters, metric: scope.metric, dimension: "PricingCategory" });
    const b = result.data;
    const spot = b.rows.find((r) => r.key === "Dynamic");
    const spent = spot?.amount ?? "0";
    const share = b.totalValue === 0 ? null : (Number(spent) / b.totalValue) * 100;
    const money = (amount: string) => formatMoney(amount, scope.currency);
    const what = scope.filters.services ? scope.filters.services.join(", ") : (filters.serviceCategories ?? []).join(", ").toLowerCase();
    Object.assign(section.figures, { spotCost: spent, spotShare: share, usageCost: b.total });
    const inUse = spot
      ? `**${money(spent)}** of ${what} usage (${formatPercent(share)} of ${money(b.total)}) ran on Spot / preemptible capacity from ${period.start} to ${addDaysIso(period.end, -1)}.`
      : `**No ${what} usage ran on Spot / preemptible capacity** from ${period.start} to ${addDaysIso(period.end, -1)} (${money(b.total)} in all).`;
    section.headline = `${inUse} ${candidates}`;
    if (saved && spot) {
      // "What are the savings from spot instances?": what the spot usage saved against its contracted rate.
      exec.useTool("savingsMetrics");
      const realised = await savingsMetrics(this.db, { period, filters });
      const { spotSavings } = realised.data.total;
      const wouldHave = sumDecimals([spent, spotSavings]);
      Object.assign(section.figures, { spotSavings });
      section.headline =
        `**Spot saved ${money(spotSavings)}** from ${period.start} to ${addDaysIso(period.end, -1)}: its ${money(spent)} of ${what} usage would have cost ${money(wouldHave)} at the contracted rate ` +
        `(${formatPercent(Number(wouldHave) === 0 ? null : (Number(spotSavings) / Number(wouldHave)) * 100)} less). ${inUse.replace(/^\*\*([^*]+)\*\*/, "$1")} ${candidates}`;
      section.markdown = `Spot savings = ${SAVINGS_DEFINITIONS.spotSavings}.\n\n${section.markdown}`;
      section.provenance.push(...realised.provenance);
    }
    section.markdown = [`Spot usage is FOCUS PricingCategory \`Dynamic\`, over usage charges${scope.filters.services ? "" : ` of ${what} services`}.`, "", section.markdown].join("\n");
    section.provenance = [...result.provenance, ...section.provenance];
  }
}
