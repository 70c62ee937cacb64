import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createRecordParser } from "../focus/parse.ts";
import { SERVICE_BY_KEY, SUB_ACCOUNTS, TAG_PLACEHOLDERS } from "./catalog.ts";
import { demoLineItems, generateDemoDataset } from "./generator.ts";
import { DEMO_INCIDENTS } from "./incidents.ts";
import { generateUtilisation } from "./utilisation.ts";
import { planDemoWorld, type DemoOptions } from "./world.ts";
import { demoBudgets } from "./budgets.ts";

const SMALL: DemoOptions = { seed: 7, months: 3, endDate: "2025-06-15", rows: 10_000 };
const plan = planDemoWorld(SMALL);
const rows = [...demoLineItems(plan)].map((r) => r.values);
/** Resource usage: no unused-commitment rows, no corrections. */
const usage = rows.filter((r) => r.ChargeCategory === "Usage" && r.ChargeClass === null && r.CommitmentDiscountStatus !== "Unused");

function digest(options: DemoOptions): string {
  const hash = createHash("sha256");
  for (const record of demoLineItems(options)) hash.update(JSON.stringify(record));
  return hash.digest("hex");
}

/** EffectiveCost per day of one service's regular usage. */
function dailyCost(serviceName: string): Map<string, number> {
  const byDay = new Map<string, number>();
  for (const r of usage) {
    if (r.ServiceName !== serviceName) continue;
    const day = r.ChargePeriodStart!.slice(0, 10);
    byDay.set(day, (byDay.get(day) ?? 0) + Number(r.EffectiveCost));
  }
  return byDay;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};
const isWeekend = (date: string) => [0, 6].includes(new Date(`${date}T00:00:00Z`).getUTCDay());
const incident = (kind: string) => plan.incidents.find((i) => i.kind === kind)!;

describe("generateDemoDataset", () => {
  it("produces identical rows for the same seed and different rows for another seed", async () => {
    expect(digest(SMALL)).toBe(digest(SMALL));
    expect(digest({ ...SMALL, seed: 8 })).not.toBe(digest(SMALL));
    let streamed = 0;
    for await (const record of generateDemoDataset(SMALL)) expect(record.values).toEqual(rows[streamed++]);
    expect(streamed).toBe(rows.length);
  });

  it.each([
    [10_000, 3],
    [100_000, 12],
  ])("lands within ten percent of a %i-row target over %i months", (target, months) => {
    let count = 0;
    for (const _ of demoLineItems({ ...SMALL, rows: target, months })) count++;
    expect(Math.abs(count - target) / target).toBeLessThanOrEqual(0.1);
  });

  it("grows usage by roughly 2-4% a month", () => {
    const options = { ...SMALL, months: 12, rows: 50_000 };
    const daily = new Map<string, { cost: number; days: Set<string> }>();
    for (const { values: r } of demoLineItems(options)) {
      if (r.ChargeCategory !== "Usage") continue;
      const month = daily.get(r.ChargePeriodStart!.slice(0, 7)) ?? { cost: 0, days: new Set<string>() };
      month.cost += Number(r.EffectiveCost);
      month.days.add(r.ChargePeriodStart!.slice(0, 10));
      daily.set(r.ChargePeriodStart!.slice(0, 7), month);
    }
    const perDay = [...daily.values()].map((m) => m.cost / m.days.size);
    const monthly = (perDay.at(-2)! / perDay[0]) ** (1 / (perDay.length - 2)) - 1;
    expect(monthly).toBeGreaterThan(0.02);
    expect(monthly).toBeLessThan(0.045);
  });

  it("passes the FOCUS parser on every row, with ListCost >= ContractedCost >= EffectiveCost for usage", () => {
    const parser = createRecordParser(Object.keys(rows[0]));
    expect(parser.missingColumns).toEqual([]);
    expect(parser.extraColumns).toEqual([]);
    const issues = rows.flatMap((values, i) => {
      const result = parser.parse({ line: i + 1, values });
      return result.ok ? [] : result.issues;
    });
    expect(issues).toEqual([]);
    const unordered = usage.filter((r) => Number(r.ListCost) < Number(r.ContractedCost) || Number(r.ContractedCost) < Number(r.EffectiveCost));
    expect(unordered).toEqual([]);
  });

  it("spans three providers, 25+ services and every kind of account", () => {
    expect(new Set(rows.map((r) => r.ProviderName))).toEqual(new Set(["AWS", "Microsoft", "Google Cloud"]));
    expect(new Set(rows.map((r) => r.ServiceName)).size).toBeGreaterThanOrEqual(25);
    const kinds = new Set(rows.map((r) => SUB_ACCOUNTS.find((s) => s.id === r.SubAccountId)?.kind).filter(Boolean));
    expect(kinds).toEqual(new Set(["prod", "staging", "dev", "shared", "data"]));
    expect(new Set(rows.map((r) => r.BillingAccountId)).size).toBeGreaterThanOrEqual(3);
  });

  it("has tag gaps and placeholder values", () => {
    const tagSets = [...new Set(usage.map((r) => r.Tags!))].map((t) => JSON.parse(t) as Record<string, string>);
    for (const key of ["team", "env", "app", "cost-center", "owner"]) {
      expect(tagSets.some((t) => !(key in t)), `some resource lacks ${key}`).toBe(true);
    }
    const values = tagSets.flatMap((t) => Object.values(t));
    expect(values.some((v) => (TAG_PLACEHOLDERS as readonly string[]).includes(v))).toBe(true);
  });

  it("bills commitments as purchases, Used and Unused usage, with credits, tax and corrections", () => {
    const statuses = new Set(rows.map((r) => r.CommitmentDiscountStatus).filter(Boolean));
    expect(statuses).toEqual(new Set(["Used", "Unused"]));
    expect(rows.some((r) => r.ChargeCategory === "Purchase" && Number(r.BilledCost) > 0 && r.CommitmentDiscountId)).toBe(true);
    expect(rows.filter((r) => r.CommitmentDiscountStatus === "Used").every((r) => r.PricingCategory === "Committed")).toBe(true);
    const credits = rows.filter((r) => r.ChargeCategory === "Credit");
    expect(credits.length).toBeGreaterThan(0);
    expect(credits.every((r) => Number(r.BilledCost) < 0)).toBe(true);
    expect(rows.filter((r) => r.ChargeCategory === "Tax").length).toBeGreaterThan(0);
    expect(rows.some((r) => r.ChargeCategory === "Adjustment")).toBe(true);
    expect(rows.some((r) => r.ChargeClass === "Correction")).toBe(true);
    const underUsed = plan.commitments.filter((c) => c.usedMicrosPerDay / c.dailyMicros < 0.7);
    expect(underUsed.length).toBeGreaterThanOrEqual(1);
  });

  it("injects the cost spike at >= 3x the median of the four weeks before it", () => {
    const spike = incident("cost-spike");
    const byDay = dailyCost(spike.service);
    const days = [...byDay.keys()].sort();
    const before = days.filter((d) => d < spike.start).slice(-28);
    expect(before).toHaveLength(28);
    const baseline = median(before.map((d) => byDay.get(d)!));
    const spikeDays = days.filter((d) => d >= spike.start && d <= spike.end);
    expect(spikeDays).toHaveLength(DEMO_INCIDENTS.find((i) => i.kind === "cost-spike")!.durationDays!);
    for (const d of spikeDays) expect(byDay.get(d)!).toBeGreaterThanOrEqual(3 * baseline);
    const extra = spikeDays.reduce((sum, d) => sum + byDay.get(d)! - baseline, 0) / spikeDays.length;
    expect(extra / Number(spike.expectedExtraDailyCost)).toBeGreaterThan(0.7);
    expect(extra / Number(spike.expectedExtraDailyCost)).toBeLessThan(1.3);
  });

  it("injects the NAT egress surge and the forgotten idle instance", () => {
    const surge = incident("egress-surge");
    const nat = dailyCost(surge.service);
    const quiet = median([...nat].filter(([d]) => d < surge.start).map(([, cost]) => cost));
    for (const [d, cost] of nat) if (d >= surge.start && d <= surge.end) expect(cost).toBeGreaterThanOrEqual(2.5 * quiet);

    const forgotten = incident("forgotten-instance");
    const days = usage.filter((r) => r.ResourceId === forgotten.resourceId).map((r) => r.ChargePeriodStart!.slice(0, 10));
    expect(days[0]).toBe(forgotten.start);
    expect(days.at(-1)).toBe(forgotten.end);
    expect(new Set(days).size).toBe(days.length);
    const cpu = [...generateUtilisation(plan)].filter((u) => u.resourceId === forgotten.resourceId).map((u) => Number(u.cpuP95));
    expect(cpu).toHaveLength(days.length);
    expect(Math.max(...cpu)).toBeLessThanOrEqual(2.5);
  });

  it("lowers interactive services at weekends and keeps always-on services flat", () => {
    const ratio = (serviceName: string) => {
      const byDay = [...dailyCost(serviceName)].filter(([d]) => !plan.incidents.some((i) => d >= i.start && d <= i.end));
      const mean = (weekend: boolean) => {
        const costs = byDay.filter(([d]) => isWeekend(d) === weekend).map(([, c]) => c);
        return costs.reduce((a, b) => a + b, 0) / costs.length;
      };
      return mean(true) / mean(false);
    };
    for (const key of ["lambda", "cloudfront", "openai", "vertex", "cloudrun"]) {
      expect(ratio(SERVICE_BY_KEY.get(key)!.name), key).toBeLessThan(0.8);
    }
    for (const key of ["eks", "aks", "gke"]) {
      expect(ratio(SERVICE_BY_KEY.get(key)!.name), key).toBeCloseTo(1, 1);
    }
  });
});

describe("generateUtilisation and demoBudgets", () => {
  it("measures only billed instances, with over-provisioned and idle ones for rightsizing", () => {
    const billed = new Set(usage.map((r) => `${r.ResourceId}|${r.ChargePeriodStart!.slice(0, 10)}`));
    const util = [...generateUtilisation(plan)];
    expect(util.length).toBeGreaterThan(0);
    expect(util.every((u) => billed.has(`${u.resourceId}|${u.usageDate}`))).toBe(true);
    const byResource = new Map<string, typeof util>();
    for (const u of util) byResource.set(u.resourceId, [...(byResource.get(u.resourceId) ?? []), u]);
    const peaks = [...byResource.values()].map((us) => ({
      cpu: Math.max(...us.map((u) => Number(u.cpuP95))),
      mem: Math.max(...us.map((u) => Number(u.memP95))),
    }));
    expect(peaks.some((p) => p.cpu < 40 && p.mem < 50 && p.cpu > 5)).toBe(true);
    expect(peaks.some((p) => p.cpu < 5)).toBe(true);
    expect(peaks.some((p) => p.cpu > 50)).toBe(true);
  });

  it("offers spot candidates: on-demand instances tagged env=dev or app=batch", () => {
    const spot = usage.filter((r) => r.PricingCategory === "Standard" && r.SkuId?.includes("BoxUsage") && /"(env":"dev|app":"batch)"/.test(r.Tags!));
    expect(spot.length).toBeGreaterThan(0);
    expect(usage.some((r) => r.PricingCategory === "Dynamic")).toBe(true);
  });

  it("sizes budgets per total, provider and team, one below the run rate", () => {
    const budgets = demoBudgets(plan);
    expect(budgets.map((b) => b.filters)).toContainEqual({ provider: "AWS", demo: true });
    expect(budgets.every((b) => b.name.startsWith("Demo: ") && b.filters.demo === true && Number(b.amount) > 0)).toBe(true);
    expect(budgets.some((b) => (b.filters.tag as { key?: string } | undefined)?.key === "team")).toBe(true);
  });
});
