// Budgets for the demo, sized from the plan's own run rate so they mean something: comfortable ones for the total,
// each provider and the data platform team, and one the ML team's current trend overruns.
import { PROVIDERS } from "./catalog.ts";
import { formatFixed } from "./fixed-point.ts";
import { expectedDailyMicros, type DemoResource } from "./resources.ts";
import { planDemoWorld, type DemoOptions, type DemoPlan } from "./world.ts";

export interface DemoBudget {
  name: string;
  /** Decimal dollars, two decimals at most. */
  amount: string;
  currency: "USD";
  period: "monthly";
  /** YYYY-MM-DD */
  startDate: string;
  endDate: string | null;
  /** budgets.filters: {"provider"?, "tag"?: {key, value}} plus {"demo": true}, the marker a reload replaces by. */
  filters: Record<string, unknown>;
}

export const DEMO_BUDGET_PREFIX = "Demo: ";
const DAYS_PER_MONTH = 30.44;

/** Projected monthly EffectiveCost of the resources matching `keep`, at the run rate of the last day. */
function monthlyRunRate(plan: DemoPlan, keep: (r: DemoResource) => boolean): number {
  const last = plan.days.length - 1;
  let micros = 0;
  for (const r of plan.resources) {
    if (r.endDay <= last || r.startDay > last || !keep(r)) continue;
    for (const sku of r.skus) {
      const price = r.commitment === -1 ? sku.billedE10 : sku.committedE10;
      const weekMix = sku.fixed ? 1 : (5 + 2 * sku.weekendFactor) / 7;
      micros += expectedDailyMicros(r, sku, last, price) * weekMix;
    }
  }
  return (micros * DAYS_PER_MONTH) / 1e6;
}

const roundedCents = (dollars: number, step: number) => formatFixed(Math.max(step, Math.round(dollars / step) * step) * 100, 2);

export function demoBudgets(options: DemoOptions | DemoPlan): DemoBudget[] {
  const plan = "resources" in options ? options : planDemoWorld(options);
  const startDate = plan.days[0].date;
  const budget = (name: string, runRate: number, headroom: number, filters: Record<string, unknown>): DemoBudget => ({
    name: `${DEMO_BUDGET_PREFIX}${name}`,
    amount: roundedCents(runRate * headroom, runRate > 20_000 ? 1000 : 100),
    currency: "USD",
    period: "monthly",
    startDate,
    endDate: null,
    filters: { ...filters, demo: true },
  });
  const unused = plan.commitments.reduce((sum, c) => sum + ((c.dailyMicros - c.usedMicrosPerDay) * DAYS_PER_MONTH) / 1e6, 0);
  return [
    budget("Total cloud spend", monthlyRunRate(plan, () => true) + unused, 1.15, {}),
    ...Object.values(PROVIDERS).map((p) =>
      budget(`${p.name} spend`, monthlyRunRate(plan, (r) => r.service.provider === p.key), 1.12, { provider: p.name }),
    ),
    budget("Data platform team", monthlyRunRate(plan, (r) => r.tags.team === "data-platform"), 1.2, { tag: { key: "team", value: "data-platform" } }),
    // Set below the run rate on purpose: the budget the current month's trend overruns.
    budget("ML team (generative AI)", monthlyRunRate(plan, (r) => r.tags.team === "ml"), 0.85, { tag: { key: "team", value: "ml" } }),
  ];
}
