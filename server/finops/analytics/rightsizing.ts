import { z } from "zod";
import type { Database } from "../../adapters/db/database.ts";
import { instanceSize, oneSizeDown, type InstanceSize } from "../demo/instance-types.ts";
import {
  addDays,
  daysBetween,
  filtersSchema,
  periodSchema,
  provenanceOf,
  SqlParams,
  tidySql,
  whereClauses,
  type Analysis,
  type Period,
} from "./scope.ts";
import { moneyFromNumber, type Money } from "./stats.ts";

// Thresholds and their sources:
// - Observation: at least 14 days of daily utilisation (AWS Compute Optimizer's default lookback is 14 days;
//   Azure Advisor watches 7 days; AWS Trusted Advisor's low-utilisation check looks at the last 14 days).
// - Idle: window p95 of daily CPU p95 < 5%. AWS Compute Optimizer marks EC2 idle below 5% peak CPU; Azure Advisor
//   shuts down VMs at <= 5% CPU (and < 2% network); Trusted Advisor's "Low Utilization Amazon EC2 Instances" is
//   <= 10% average CPU (and <= 5 MB network) on 4+ of 14 days, a looser rule we do not use.
// - Downsize: window p95 CPU < 40% and p95 memory < 50% (Azure Optimization Engine's default right-size
//   thresholds), memory metrics present, and the load projected onto one size down (utilisation scaled by the
//   vCPU and memory ratio: halving doubles it) stays <= 80% (Azure Advisor and Compute Optimizer keep projected
//   utilisation under a headroom ceiling of about 80%). Halving memory makes the 80% ceiling bind at 40% memory.
// - Spot: on-demand compute tagged stateless/batch/dev/test; Spot/preemptible prices are typically 60-70% below
//   on-demand (AWS advertises up to 90%, Azure and Google up to 90%/91%); 60-70% is our assumption.
// - Orphaned: cost but no utilisation rows, where the charge itself says idle (AWS bills unassociated Elastic IPs
//   as "IdleAddress"; unattached disks/volumes are named so in exports) or a NAT gateway bills hours but no data
//   processed (AWS Trusted Advisor "Idle NAT gateways"-style check).
// Monthly cost is the EffectiveCost of the last 30 days of the period. Savings range: the lower end counts only the
// on-demand part, because freeing commitment-covered usage saves nothing until other usage absorbs it.
const MIN_OBSERVED_DAYS = 14;
const IDLE_CPU_P95 = 5;
const DOWNSIZE_CPU_P95 = 40;
const DOWNSIZE_MEM_P95 = 50;
const PROJECTED_CEILING = 80;
const SPOT_SAVINGS = { min: 0.6, max: 0.7 };
const COST_WINDOW_DAYS = 30;
/** A resource whose last cost is older than this is gone already. */
const STALE_DAYS = 3;
const SPOT_TAGS: Record<string, readonly string[]> = {
  app: ["batch"],
  workload: ["batch", "stateless", "ci"],
  env: ["dev", "development", "test", "testing", "sandbox"],
  environment: ["dev", "development", "test", "testing", "sandbox"],
  "spot-eligible": ["true", "yes"],
  spot: ["true", "yes"],
};
const IDLE_CHARGE = /idle ?address|unattached|unassociated|orphan/i;
const NAT_GATEWAY = /nat gateway/i;

/** The kinds of finding, in the order answers explain them. */
export const RIGHTSIZING_ACTIONS = ["terminate-idle", "delete-orphaned", "downsize", "move-to-spot"] as const;
export type RightsizingAction = (typeof RIGHTSIZING_ACTIONS)[number];

/** Each kind of finding's criteria in words, from the thresholds above, for answers to state. */
export const RIGHTSIZING_CRITERIA: Record<RightsizingAction, string> = {
  "terminate-idle": `Idle: p95 CPU below ${IDLE_CPU_P95}% (AWS Compute Optimizer).`,
  "delete-orphaned": "Orphaned: cost with no utilisation, such as unattached addresses or NAT gateways that processed no data.",
  downsize:
    `Downsize: p95 CPU below ${DOWNSIZE_CPU_P95}% and memory below ${DOWNSIZE_MEM_P95}% for ${MIN_OBSERVED_DAYS}+ days, ` +
    `staying at or below ${PROJECTED_CEILING}% after one size down.`,
  "move-to-spot": "Spot: stateless, batch or dev workloads on on-demand pricing.",
};

/** Whether rightsizing can look at a period (it needs MIN_OBSERVED_DAYS of utilisation). */
export const rightsizingCovers = (period: Period) => daysBetween(period.start, period.end) >= MIN_OBSERVED_DAYS;

/**
 * Kinds of resource a question names ("unattached disks", "idle databases"), each read from what a resource's charges
 * say of it: its FOCUS ResourceType, ResourceId (Azure and Google ids name the kind: /disks/, /publicIPAddresses/),
 * ServiceName and ServiceCategory.
 */
export const RESOURCE_KINDS = ["disk", "ip-address", "nat-gateway", "load-balancer", "snapshot", "virtual-machine", "database"] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];
const RESOURCE_KIND_TESTS: Record<ResourceKind, (r: Pick<ResourceRow, "resource_type" | "resource_id" | "service" | "service_category" | "instance_type">) => boolean> = {
  disk: (r) => /\b(?:disks?|volumes?|ebs)\b|\/disks\//i.test(`${r.resource_type ?? ""} ${r.service} ${r.resource_id}`),
  "ip-address": (r) => /\bip ?(?:v[46] )?address|publicipaddresses|\belastic ip|\bipv4|\bexternal ip|\/addresses\//i.test(`${r.resource_type ?? ""} ${r.resource_id}`),
  "nat-gateway": (r) => /\bnat\b|natgateway/i.test(`${r.resource_type ?? ""} ${r.service} ${r.resource_id}`),
  "load-balancer": (r) => /load ?balancer|loadbalancers|\b[ae]?lb\b/i.test(`${r.resource_type ?? ""} ${r.service} ${r.resource_id}`),
  snapshot: (r) => /snapshot/i.test(`${r.resource_type ?? ""} ${r.resource_id}`),
  // A compute resource with an instance type (from its utilisation) or called an instance: not a function or cluster fee.
  "virtual-machine": (r) => r.service_category === "Compute" && (r.instance_type !== null || /\b(?:instance|virtual machine|vm)\b/i.test(r.resource_type ?? "")),
  database: (r) => r.service_category === "Databases",
};

export const rightsizingInputSchema = z.object({
  period: periodSchema.refine(
    rightsizingCovers,
    `Rightsizing needs a period of at least ${MIN_OBSERVED_DAYS} days of utilisation.`,
  ),
  filters: filtersSchema,
  /** Only these kinds of finding (all when omitted); the total counts each resource once either way. */
  actions: z
    .array(z.enum(RIGHTSIZING_ACTIONS, { error: `actions are ${RIGHTSIZING_ACTIONS.join(", ")}.` }))
    .min(1, "Name at least one action, or leave actions out for all of them.")
    .optional(),
  /** Only resources of these kinds (all when omitted). */
  resourceKinds: z
    .array(z.enum(RESOURCE_KINDS, { error: `resourceKinds are ${RESOURCE_KINDS.join(", ")}.` }))
    .min(1, "Name at least one kind of resource, or leave resourceKinds out for all of them.")
    .optional(),
});
export type RightsizingInput = z.input<typeof rightsizingInputSchema>;

export interface UtilisationEvidence {
  daysObserved: number;
  cpuP95: number | null;
  cpuAvg: number | null;
  cpuMax: number | null;
  memP95: number | null;
  memAvg: number | null;
  projectedCpuP95?: number;
  projectedMemP95?: number;
  reason: string;
}

/** A finding as a recommendation names it: the action and the resource ("Run r6i.8xlarge on Spot (batch-prod-ec2-0332)"). */
export const findingTitle = (f: Pick<RightsizingFinding, "proposedAction" | "resourceName" | "resourceId">) => `${f.proposedAction} (${f.resourceName ?? f.resourceId})`;

export interface RightsizingFinding {
  resourceId: string;
  resourceName: string | null;
  resourceType: string | null;
  providerName: string;
  billingAccountId: string;
  subAccountId: string | null;
  subAccountName: string | null;
  /** FOCUS RegionId of its charges (null for global resources). */
  regionId: string | null;
  serviceName: string;
  /** The resource's tags on its latest charge ({} when it has none). */
  tags: Record<string, string>;
  instanceType: string | null;
  action: RightsizingAction;
  /** Human-readable: "Downsize m6i.2xlarge to m6i.xlarge". */
  proposedAction: string;
  targetInstanceType: string | null;
  monthlyCost: Money;
  /** The part of monthlyCost billed at on-demand rates (PricingCategory Standard, no commitment discount). */
  onDemandMonthlyCost: Money;
  estimatedMonthlySavings: { min: Money; max: Money };
  evidence: UtilisationEvidence;
}

export interface RightsizingReport {
  period: Period;
  costWindow: Period;
  findings: RightsizingFinding[];
  /** Distinct resources among the findings (one resource can have two: downsize it, or run it on Spot). */
  resourceCount: number;
  /** Each resource's finding with the larger saving, largest first: what the total counts. */
  largestPerResource: RightsizingFinding[];
  /** Per resource the largest finding only, so overlapping findings are not double counted. */
  totalEstimatedMonthlySavings: { min: Money; max: Money };
}

interface ResourceRow {
  resource_id: string;
  resource_name: string | null;
  resource_type: string | null;
  provider: string;
  billing_account_id: string;
  sub_account_id: string | null;
  sub_account_name: string | null;
  region_id: string | null;
  service: string;
  service_category: string;
  cost: string;
  on_demand_cost: string;
  tags: Record<string, string> | null;
  idle_charge: boolean;
  hours_only: boolean;
  last_day: string;
  instance_type: string | null;
  days: number | null;
  cpu_p95: number | null;
  cpu_avg: number | null;
  cpu_max: number | null;
  mem_p95: number | null;
  mem_avg: number | null;
}

/**
 * Findings' savings with each resource counted once, by its finding with the larger saving (one resource can be
 * downsized or moved to Spot, not both). `findings` are sorted by their largest saving, largest first.
 */
export function eachResourceOnce(findings: readonly RightsizingFinding[]): Pick<RightsizingReport, "resourceCount" | "largestPerResource" | "totalEstimatedMonthlySavings"> {
  const largest = new Map<string, RightsizingFinding>();
  for (const f of findings) if (!largest.has(f.resourceId)) largest.set(f.resourceId, f);
  const total = (pick: "min" | "max") => moneyFromNumber([...largest.values()].reduce((t, f) => t + f.estimatedMonthlySavings[pick].value, 0));
  return { resourceCount: largest.size, largestPerResource: [...largest.values()], totalEstimatedMonthlySavings: { min: total("min"), max: total("max") } };
}

/** Idle, oversized, spot-able and orphaned resources, from daily utilisation joined with line-item cost. */
export async function rightsizingFindings(
  db: Pick<Database, "sql">,
  input: RightsizingInput,
): Promise<Analysis<RightsizingReport>> {
  const { period, filters, actions, resourceKinds } = rightsizingInputSchema.parse(input);
  const costWindow = { start: maxDay(period.start, addDays(period.end, -COST_WINDOW_DAYS)), end: period.end };
  const params = new SqlParams();
  const where = whereClauses({ table: "cost_line_items", alias: "li", period: costWindow, filters, params });
  const utilStart = params.add(period.start);
  const utilEnd = params.add(period.end);
  const idleCharge = params.add(IDLE_CHARGE.source);
  const sql = tidySql(`
    WITH cost AS (
      SELECT li.resource_id, max(li.resource_name) AS resource_name, max(li.resource_type) AS resource_type,
        max(li.provider_name) AS provider, max(li.billing_account_id) AS billing_account_id,
        max(li.sub_account_id) AS sub_account_id, max(li.sub_account_name) AS sub_account_name, max(li.region_id) AS region_id,
        max(li.service_name) AS service, max(li.service_category) AS service_category,
        sum(li.effective_cost)::text AS cost,
        coalesce(sum(li.effective_cost) FILTER (
          WHERE li.pricing_category = 'Standard' AND li.commitment_discount_id IS NULL), 0)::text AS on_demand_cost,
        (array_agg(li.tags ORDER BY li.charge_period_start DESC) FILTER (WHERE li.tags IS NOT NULL))[1] AS tags,
        bool_or(concat_ws(' ', li.charge_description, li.sku_id, li.resource_type) ~* ${idleCharge}) AS idle_charge,
        bool_and(li.pricing_unit ILIKE 'hour%') AS hours_only,
        max(li.charge_date)::text AS last_day
      FROM cost_line_items li
      WHERE ${where.join(" AND ")} AND li.resource_id IS NOT NULL AND li.charge_category = 'Usage'
      GROUP BY li.resource_id
    ), utilisation AS (
      SELECT u.resource_id, (array_agg(u.instance_type ORDER BY u.usage_date DESC))[1] AS instance_type,
        count(*)::int AS days,
        percentile_cont(0.95) WITHIN GROUP (ORDER BY u.cpu_p95)::float8 AS cpu_p95,
        avg(u.cpu_avg)::float8 AS cpu_avg, max(u.cpu_p95)::float8 AS cpu_max,
        percentile_cont(0.95) WITHIN GROUP (ORDER BY u.mem_p95)::float8 AS mem_p95,
        avg(u.mem_avg)::float8 AS mem_avg
      FROM resource_utilization_daily u
      WHERE u.usage_date >= ${utilStart}::date AND u.usage_date < ${utilEnd}::date
      GROUP BY u.resource_id
    )
    SELECT c.*, u.instance_type, u.days, u.cpu_p95, u.cpu_avg, u.cpu_max, u.mem_p95, u.mem_avg
    FROM cost c LEFT JOIN utilisation u ON u.resource_id = c.resource_id
    ORDER BY c.resource_id`);
  const rows = await db.sql.query<ResourceRow>(sql, params.values);
  const windowDays = daysBetween(costWindow.start, costWindow.end);
  const perMonth = (amount: string) => (COST_WINDOW_DAYS / windowDays) * Number(amount);
  const findings = rows
    .filter((r) => r.last_day >= addDays(period.end, -STALE_DAYS))
    .filter((r) => !resourceKinds || resourceKinds.some((kind) => RESOURCE_KIND_TESTS[kind](r)))
    .flatMap((r) => findingsFor(r, perMonth(r.cost), perMonth(r.on_demand_cost)))
    .filter((f) => !actions || actions.includes(f.action));
  findings.sort((a, b) => b.estimatedMonthlySavings.max.value - a.estimatedMonthlySavings.max.value);
  return {
    data: { period, costWindow, findings, ...eachResourceOnce(findings) },
    provenance: [
      provenanceOf(
        "Line-item cost of the last 30 days per resource, joined with its daily utilisation over the period",
        { period, filters, metric: "EffectiveCost" },
        "cost_line_items, resource_utilization_daily",
        sql,
        params,
      ),
    ],
  };
}

/**
 * The on-demand spend per hour a finding takes away: all of it when the resource is stopped, deleted or moved to Spot
 * (Spot capacity is not on-demand), the price difference when it is downsized (its minimum saving: the size step's
 * share of the on-demand cost). Commitments sized after rightsizing subtract this from their baseline.
 */
export function onDemandRemovedPerHour(f: RightsizingFinding): number {
  const monthly = f.action === "downsize" ? f.estimatedMonthlySavings.min.value : f.onDemandMonthlyCost.value;
  return monthly / (COST_WINDOW_DAYS * 24);
}

type Draft = Pick<RightsizingFinding, "action" | "proposedAction"> &
  Partial<Pick<RightsizingFinding, "targetInstanceType">> & {
    /** Share of the monthly cost saved: min applies to the on-demand part only, max to all of it. */
    share: { min: number; max: number };
    reason: string;
    projected?: { cpu: number; mem: number };
  };
const WHOLE = { min: 1, max: 1 };

function findingsFor(r: ResourceRow, monthly: number, onDemandMonthly: number): RightsizingFinding[] {
  if (monthly <= 0) return [];
  return draftsFor(r, onDemandMonthly > 0.5 * monthly).map((d) => ({
    resourceId: r.resource_id,
    resourceName: r.resource_name,
    resourceType: r.resource_type,
    providerName: r.provider,
    billingAccountId: r.billing_account_id,
    subAccountId: r.sub_account_id,
    subAccountName: r.sub_account_name,
    regionId: r.region_id,
    serviceName: r.service,
    tags: r.tags ?? {},
    instanceType: r.instance_type,
    action: d.action,
    proposedAction: d.proposedAction,
    targetInstanceType: d.targetInstanceType ?? null,
    monthlyCost: moneyFromNumber(monthly),
    onDemandMonthlyCost: moneyFromNumber(onDemandMonthly),
    estimatedMonthlySavings: {
      min: moneyFromNumber(d.share.min * onDemandMonthly),
      max: moneyFromNumber(d.share.max * monthly),
    },
    evidence: {
      daysObserved: r.days ?? 0,
      cpuP95: round2n(r.cpu_p95),
      cpuAvg: round2n(r.cpu_avg),
      cpuMax: round2n(r.cpu_max),
      memP95: round2n(r.mem_p95),
      memAvg: round2n(r.mem_avg),
      ...(d.projected ? { projectedCpuP95: round2(d.projected.cpu), projectedMemP95: round2(d.projected.mem) } : {}),
      reason: d.reason,
    },
  }));
}

function draftsFor(r: ResourceRow, mostlyOnDemand: boolean): Draft[] {
  if (r.days === null) {
    if (r.idle_charge) {
      const what = r.resource_type ?? "the resource";
      const reason = "Billed with an idle/unattached charge and no utilisation data.";
      return [{ action: "delete-orphaned", proposedAction: `Release or delete ${what}: it is billed as idle`, share: WHOLE, reason }];
    }
    if (NAT_GATEWAY.test(r.resource_type ?? "") && r.hours_only) {
      const reason = "NAT gateway billed for hours only, no data processed in the last 30 days.";
      return [{ action: "delete-orphaned", proposedAction: "Delete the NAT gateway: it processed no data", share: WHOLE, reason }];
    }
    return [];
  }
  if (r.days < MIN_OBSERVED_DAYS || r.cpu_p95 === null) return [];
  if (r.cpu_p95 < IDLE_CPU_P95) {
    const what = r.instance_type ?? "the resource";
    const reason = `p95 CPU ${round2(r.cpu_p95)}% < ${IDLE_CPU_P95}% over ${r.days} days.`;
    return [{ action: "terminate-idle", proposedAction: `Stop or terminate ${what}: it is idle`, share: WHOLE, reason }];
  }
  const drafts: Draft[] = [];
  const downsize = downsizeDraft(r);
  if (downsize) drafts.push(downsize);
  const spotTag = spotTagOf(r.tags);
  if (spotTag && r.service_category === "Compute" && r.instance_type && mostlyOnDemand) {
    drafts.push({
      action: "move-to-spot",
      proposedAction: `Run ${r.instance_type} on Spot / preemptible capacity`,
      share: SPOT_SAVINGS,
      reason: `On-demand compute tagged ${spotTag}: interruptible work.`,
    });
  }
  return drafts;
}

function downsizeDraft(r: ResourceRow): Draft | null {
  const current = sizeOf(r.instance_type);
  const target = current ? nextSizeDown(current) : null;
  if (!current || !target || r.cpu_p95 === null || r.mem_p95 === null) return null;
  if (r.cpu_p95 >= DOWNSIZE_CPU_P95 || r.mem_p95 >= DOWNSIZE_MEM_P95) return null;
  const cpu = (r.cpu_p95 * current.vcpu) / target.vcpu;
  const mem = (r.mem_p95 * current.memoryGiB) / target.memoryGiB;
  if (cpu > PROJECTED_CEILING || mem > PROJECTED_CEILING) return null;
  const saving = 1 - target.hourly / current.hourly;
  return {
    action: "downsize",
    proposedAction: `Downsize ${current.type} to ${target.type}`,
    targetInstanceType: target.type,
    share: { min: saving, max: saving },
    projected: { cpu, mem },
    reason:
      `p95 CPU ${round2(r.cpu_p95)}% and memory ${round2(r.mem_p95)}% over ${r.days} days; ` +
      `on ${target.type} about ${round2(cpu)}% CPU and ${round2(mem)}% memory.`,
  };
}

interface Size {
  type: string;
  vcpu: number;
  memoryGiB: number;
  /** Relative or absolute hourly price; only ratios are used. */
  hourly: number;
}

const fromCatalog = (s: InstanceSize): Size => ({
  type: s.type,
  vcpu: s.vcpu,
  memoryGiB: s.memoryGiB,
  hourly: Number(s.hourlyListPrice),
});

/**
 * The demo catalog's price ladder first (server/finops/demo/instance-types.ts); otherwise sizes derived from the
 * name, with price and memory proportional to vCPUs, as within AWS, Azure Dsv5/Esv5 and GCP n2 families:
 * AWS <family>.{large,xlarge,Nxlarge}, Azure Standard_<Letter><N><suffix>_v<k>, GCP <series>-<kind>-<N>.
 */
export function sizeOf(type: string | null): Size | null {
  if (!type) return null;
  const known = instanceSize(type);
  if (known) return fromCatalog(known);
  const vcpu = vcpuFromName(type);
  return vcpu ? { type, vcpu, memoryGiB: vcpu, hourly: vcpu } : null;
}

export function nextSizeDown(size: Size): Size | null {
  const known = instanceSize(size.type);
  if (known) {
    const down = oneSizeDown(size.type);
    return down ? fromCatalog(down) : null;
  }
  const half = size.vcpu / 2;
  if (half < 2 || !Number.isInteger(Math.log2(half))) return null;
  const type = renameToVcpu(size.type, half);
  return type ? { type, vcpu: half, memoryGiB: half, hourly: half } : null;
}

const AWS = /^(.+)\.(large|xlarge|(\d+)xlarge)$/;
const AZURE = /^(Standard_[A-Z]+)(\d+)([a-z]*_v\d+)$/;
const GCP = /^([a-z0-9]+-(?:standard|highmem|highcpu))-(\d+)$/;

function vcpuFromName(type: string): number | null {
  const aws = AWS.exec(type);
  if (aws) return aws[2] === "large" ? 2 : aws[2] === "xlarge" ? 4 : 4 * Number(aws[3]);
  const azure = AZURE.exec(type) ?? GCP.exec(type);
  return azure ? Number(azure[2]) : null;
}

function renameToVcpu(type: string, vcpu: number): string | null {
  const aws = AWS.exec(type);
  if (aws) return `${aws[1]}.${vcpu === 2 ? "large" : vcpu === 4 ? "xlarge" : `${vcpu / 4}xlarge`}`;
  const azure = AZURE.exec(type);
  if (azure) return `${azure[1]}${vcpu}${azure[3]}`;
  const gcp = GCP.exec(type);
  return gcp ? `${gcp[1]}-${vcpu}` : null;
}

function spotTagOf(tags: Record<string, string> | null): string | null {
  for (const [key, value] of Object.entries(tags ?? {})) {
    const allowed = SPOT_TAGS[key.toLowerCase()];
    if (allowed?.includes(String(value).toLowerCase())) return `${key}=${value}`;
  }
  return null;
}

const maxDay = (a: string, b: string) => (a > b ? a : b);
const round2 = (v: number) => Math.round(v * 100) / 100;
const round2n = (v: number | null) => (v === null ? null : round2(Number(v)));
