// Scheduling savings: what stopping on-demand virtual machines and databases outside working hours would save
// ("turn off dev at night and at weekends"). This is the saving AWS Instance Scheduler, Azure's Start/Stop VMs v2 and
// Google Cloud's instance schedules exist for: a machine billed by the hour costs nothing while stopped (its disks
// still do). The finops-toolkit and the FinOps Foundation's "Scheduling" capability put non-production workloads run
// 12 hours on weekdays (60 of 168 hours a week) at ~64% less compute.
//
// Read from line items (the rollups keep neither the pricing unit nor the resource): usage charges priced per hour on
// a resource, in the FOCUS ServiceSubcategory "Virtual Machines" or "Relational Databases" (or, for exports without
// subcategories, ServiceCategory Compute or Databases). Usage a commitment covers (PricingCategory "Committed") is
// left out: the reservation or savings plan is paid whether the machine runs or not, so stopping it saves nothing.
//
// Each resource keeps the hours the schedule allows it and saves the rest, at its own average hourly cost: one that
// ran around the clock saves the schedule's off share; one that ran fewer hours (already stopped at times, or new)
// saves only what it ran beyond the schedule's hours.
import { z } from "zod";
import type { Database } from "../../adapters/db/database.ts";
import {
  daysBetween,
  eachDay,
  filtersSchema,
  isWeekendDay,
  METRIC_COLUMNS,
  metricSchema,
  normalizeDecimal,
  periodSchema,
  provenanceOf,
  SqlParams,
  whereClauses,
  type Analysis,
  type Metric,
  type Period,
} from "./scope.ts";
import { sumDecimals, toCents } from "./stats.ts";

const hoursADay = (what: string) =>
  z.number({ error: `${what} is a number of hours a day.` }).min(0, `${what} cannot be negative.`).max(24, `${what} is at most 24 hours a day.`);

export const schedulingInput = z.object({
  period: periodSchema,
  filters: filtersSchema,
  metric: metricSchema,
  /** Hours a day the machines run under the schedule: 12 on weekdays (08:00–20:00) and none at weekends by default. */
  schedule: z
    .object({ weekdayHours: hoursADay("weekdayHours").default(12), weekendHours: hoursADay("weekendHours").default(0) })
    .default({ weekdayHours: 12, weekendHours: 0 }),
  limit: z.number().int().min(1, "Show at least one resource.").max(500).default(20),
});

export interface SchedulingRow {
  resourceId: string;
  resourceName: string | null;
  serviceName: string;
  subAccountName: string | null;
  /** Hours billed in the period (sum of PricingQuantity). */
  hours: string;
  cost: string;
  /** Hours the schedule would stop. */
  hoursSaved: number;
  /** cost × hoursSaved ÷ hours, rounded to the cent. */
  saving: string;
}

export interface SchedulingSavings {
  period: Period;
  metric: Metric;
  schedule: { weekdayHours: number; weekendHours: number };
  /** Hours in the period the schedule keeps machines running, and all the period's hours. */
  hoursOn: number;
  periodHours: number;
  /** Share of the period's hours the schedule stops, in percent. */
  offPercent: number;
  /** Every schedulable resource: how many, what they cost and what the schedule saves them. */
  resourceCount: number;
  cost: string;
  saving: string;
  /** The resources saving the most, at most `limit`. */
  rows: SchedulingRow[];
}

/** Hourly pricing units as the clouds write them ("Hours", "Hrs", "1 Hour"). */
const HOURLY_UNIT = "^(1 )?(hours?|hrs?)$";
const SCHEDULABLE_SUBCATEGORIES = ["Virtual Machines", "Relational Databases"];
const SCHEDULABLE_CATEGORIES = ["Compute", "Databases"];


export async function schedulingSavings(db: Pick<Database, "sql">, raw: z.input<typeof schedulingInput>): Promise<Analysis<SchedulingSavings>> {
  const input = schedulingInput.parse(raw);
  const params = new SqlParams();
  const metric = METRIC_COLUMNS[input.metric];
  const where = [
    ...whereClauses({ table: "cost_line_items", alias: "t", period: input.period, filters: input.filters, params }),
    "t.charge_category = 'Usage'",
    "t.resource_id IS NOT NULL",
    `t.pricing_unit ~* ${params.add(HOURLY_UNIT)}`,
    "t.pricing_quantity > 0",
    "t.pricing_category IS DISTINCT FROM 'Committed'",
    `(t.service_subcategory = ANY(${params.add(SCHEDULABLE_SUBCATEGORIES)}::text[])
      OR (t.service_subcategory IS NULL AND t.service_category = ANY(${params.add(SCHEDULABLE_CATEGORIES)}::text[])))`,
  ];
  const sql = `SELECT t.resource_id, max(t.resource_name) AS resource_name, max(t.service_name) AS service_name,
      max(t.sub_account_name) AS sub_account_name, sum(t.pricing_quantity)::text AS hours, sum(t.${metric})::text AS cost
    FROM cost_line_items t WHERE ${where.join(" AND ")}
    GROUP BY t.resource_id ORDER BY sum(t.${metric}) DESC, t.resource_id`;
  const found = await db.sql.query<{ resource_id: string; resource_name: string | null; service_name: string; sub_account_name: string | null; hours: string; cost: string }>(
    sql,
    params.values,
  );
  const { weekdayHours, weekendHours } = input.schedule;
  const days = eachDay(input.period.start, input.period.end);
  const hoursOn = days.reduce((sum, day) => sum + (isWeekendDay(day) ? weekendHours : weekdayHours), 0);
  const periodHours = daysBetween(input.period.start, input.period.end) * 24;
  const rows = found.map((r): SchedulingRow => {
    const hours = Number(r.hours);
    // A resource id billed for more hours than the period has (several machines under one id) keeps as many
    // machines' worth of the schedule's hours.
    const machines = Math.max(1, hours / periodHours);
    const hoursSaved = Math.max(0, hours - hoursOn * machines);
    return {
      resourceId: r.resource_id,
      resourceName: r.resource_name,
      serviceName: r.service_name,
      subAccountName: r.sub_account_name,
      hours: normalizeDecimal(r.hours),
      cost: normalizeDecimal(r.cost),
      hoursSaved: Math.round(hoursSaved * 100) / 100,
      saving: normalizeDecimal(toCents((Number(r.cost) * hoursSaved) / hours)),
    };
  });
  const ranked = [...rows].sort((a, b) => Number(b.saving) - Number(a.saving) || a.resourceId.localeCompare(b.resourceId));
  return {
    data: {
      period: input.period,
      metric: input.metric,
      schedule: input.schedule,
      hoursOn,
      periodHours,
      offPercent: periodHours === 0 ? 0 : ((periodHours - hoursOn) / periodHours) * 100,
      resourceCount: rows.length,
      cost: normalizeDecimal(sumDecimals(rows.map((r) => r.cost))),
      saving: normalizeDecimal(sumDecimals(rows.map((r) => r.saving))),
      rows: ranked.slice(0, input.limit),
    },
    provenance: [provenanceOf(`${input.metric} of on-demand hourly virtual machines and databases, by resource`, input, "cost_line_items", sql, params)],
  };
}
