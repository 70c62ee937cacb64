// Cost per vCPU-hour: clouds bill virtual machines per instance-hour, not per vCPU, so the unit FinOps teams compare
// machines by is computed here: each hour-priced usage charge's instance type is read from its SkuId or
// ChargeDescription ("BoxUsage:m6i.large", "Standard_D4s_v5", "n2-standard-4"), its vCPUs from the type (the instance
// catalogue, else the provider's naming: AWS .large = 2, .xlarge = 4, .Nxlarge = 4N; the number in Azure and Google
// Cloud names), and cost per vCPU-hour = the metric ÷ (instance-hours × vCPUs). Charges whose type cannot be read are
// counted apart, not guessed. Line items, not rollups: the rollups keep neither SKU nor description.
import { z } from "zod";
import type { Database } from "../../adapters/db/database.ts";
import { sizeOf } from "./rightsizing.ts";
import {
  filtersSchema,
  fromUnits,
  METRIC_COLUMNS,
  metricSchema,
  periodSchema,
  provenanceOf,
  SqlParams,
  toUnits,
  whereClauses,
  type Analysis,
  type Metric,
  type Period,
} from "./scope.ts";

export const vcpuCostInput = z.object({ period: periodSchema, filters: filtersSchema, metric: metricSchema });

/** Decimals a cost per vCPU-hour keeps (a vCPU-hour costs cents). */
const SCALE = 6;

/** Instance types as providers write them: AWS "m6i.large" and "db.r6g.2xlarge", Azure "Standard_D4s_v5", Google Cloud "n2-standard-4". */
const INSTANCE_TYPE = /\b(?:db\.)?[a-z][a-z0-9-]*\d[a-z0-9-]*\.(?:\d*xlarge|large|medium|small|micro|nano|metal)\b|\bStandard_[A-Z]+\d+[a-z]*_v\d+\b|\b[a-z]\d[a-z]?-(?:standard|highmem|highcpu)-\d+\b/;

/** Pricing units of an hour ("Hours", "Hrs", "1 Hour"). */
const HOUR_UNITS = "^\\s*(?:1\\s+)?(?:hours?|hrs?)\\s*$";

export interface VcpuCostRow {
  instanceType: string;
  serviceName: string;
  vcpus: number;
  instanceHours: number;
  vcpuHours: number;
  cost: string;
  /** cost ÷ vCPU-hours, SCALE decimals; null when there were no hours. */
  costPerVcpuHour: string | null;
}

export interface VcpuCost {
  period: Period;
  metric: Metric;
  /** By cost, largest first. */
  rows: VcpuCostRow[];
  total: { cost: string; instanceHours: number; vcpuHours: number; costPerVcpuHour: string | null };
  /** Hour-priced usage whose instance type (or its vCPUs) could not be read: left out of the rows and the total. */
  unread: { cost: string; hours: number };
}

const perHour = (cost: bigint, hours: number) => (hours > 0 ? (Number(fromUnits(cost)) / hours).toFixed(SCALE).replace(/\.?0+$/, "") : null);

export async function costPerVcpuHour(db: Pick<Database, "sql">, raw: z.input<typeof vcpuCostInput>): Promise<Analysis<VcpuCost>> {
  const input = vcpuCostInput.parse(raw);
  const params = new SqlParams();
  const where = [
    ...whereClauses({ table: "cost_line_items", alias: "t", period: input.period, filters: input.filters, params }),
    "t.charge_category = 'Usage'",
    `t.pricing_unit ~* ${params.add(HOUR_UNITS)}`,
    "t.pricing_quantity IS NOT NULL",
    // Machines are compute; a service named ("on RDS") is whatever it is.
    ...(input.filters.services?.length ? [] : ["t.service_category = 'Compute'"]),
  ];
  const sql = `SELECT t.service_name, t.sku_id, t.charge_description, sum(t.pricing_quantity)::text AS hours, sum(t.${METRIC_COLUMNS[input.metric]})::text AS cost
    FROM cost_line_items t WHERE ${where.join(" AND ")}
    GROUP BY t.service_name, t.sku_id, t.charge_description`;
  const groups = await db.sql.query<{ service_name: string; sku_id: string | null; charge_description: string | null; hours: string; cost: string }>(sql, params.values);
  const byType = new Map<string, { serviceName: string; vcpus: number; hours: number; cost: bigint }>();
  const unread = { cost: 0n, hours: 0 };
  for (const g of groups) {
    const type = INSTANCE_TYPE.exec(g.sku_id ?? "")?.[0] ?? INSTANCE_TYPE.exec(g.charge_description ?? "")?.[0];
    const size = type ? sizeOf(type) : null;
    if (!type || !size) {
      unread.cost += toUnits(g.cost);
      unread.hours += Number(g.hours);
      continue;
    }
    const key = `${g.service_name}\u0000${type}`;
    const row = byType.get(key) ?? { serviceName: g.service_name, vcpus: size.vcpu, hours: 0, cost: 0n };
    row.hours += Number(g.hours);
    row.cost += toUnits(g.cost);
    byType.set(key, row);
  }
  const rows: VcpuCostRow[] = [...byType.entries()]
    .map(([key, r]) => ({
      instanceType: key.split("\u0000")[1]!,
      serviceName: r.serviceName,
      vcpus: r.vcpus,
      instanceHours: r.hours,
      vcpuHours: r.hours * r.vcpus,
      cost: fromUnits(r.cost),
      costPerVcpuHour: perHour(r.cost, r.hours * r.vcpus),
    }))
    .sort((a, b) => Number(toUnits(b.cost) - toUnits(a.cost)) || a.instanceType.localeCompare(b.instanceType));
  const cost = rows.reduce((t, r) => t + toUnits(r.cost), 0n);
  const vcpuHours = rows.reduce((t, r) => t + r.vcpuHours, 0);
  return {
    data: {
      period: input.period,
      metric: input.metric,
      rows,
      total: { cost: fromUnits(cost), instanceHours: rows.reduce((t, r) => t + r.instanceHours, 0), vcpuHours, costPerVcpuHour: perHour(cost, vcpuHours) },
      unread: { cost: fromUnits(unread.cost), hours: unread.hours },
    },
    provenance: [provenanceOf(`${input.metric} per vCPU-hour of hour-priced instance usage, by instance type`, input, "cost_line_items", sql, params)],
  };
}
