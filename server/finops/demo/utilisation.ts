// Daily CPU and memory of the demo's instances and databases, consistent with the line items: the same resources
// on the same days, idle ones near zero, over-provisioned ones below the rightsizing thresholds.
import { PROVIDERS } from "./catalog.ts";
import { formatFixed } from "./fixed-point.ts";
import { createRandom, deriveSeed } from "./prng.ts";
import { planDemoWorld, type DemoOptions, type DemoPlan } from "./world.ts";

/** One row of resource_utilization_daily; percentages as decimal strings with two decimals at most. */
export interface UtilisationRow {
  resourceId: string;
  usageDate: string;
  providerName: string;
  resourceType: string;
  instanceType: string;
  cpuP95: string;
  cpuAvg: string;
  memP95: string;
  memAvg: string;
}

const percent = (value: number) => formatFixed(Math.round(Math.min(99.5, Math.max(0.1, value)) * 100), 2);

export function* generateUtilisation(options: DemoOptions | DemoPlan): Generator<UtilisationRow> {
  const plan = "resources" in options ? options : planDemoWorld(options);
  const random = createRandom(deriveSeed(plan.options.seed, "utilisation"));
  const measured = plan.resources.filter((r) => r.instance !== null);
  for (const day of plan.days) {
    for (const r of measured) {
      if (day.index < r.startDay || day.index >= r.endDay) continue;
      // Interactive fleets idle at weekends; batch and idle machines do not notice.
      const weekendDip = day.weekend && r.profile !== "idle" && r.profile !== "forgotten" && r.tags.app !== "batch" ? 0.75 : 1;
      const cpuP95 = r.cpuP95 * weekendDip * (1 + 0.12 * (2 * random.next() - 1));
      const memP95 = r.memP95 * (1 + 0.04 * (2 * random.next() - 1));
      yield {
        resourceId: r.id,
        usageDate: day.date,
        providerName: PROVIDERS[r.service.provider].name,
        resourceType: r.service.resourceType,
        instanceType: r.instance!.type,
        cpuP95: percent(cpuP95),
        cpuAvg: percent(cpuP95 * random.range(0.35, 0.55)),
        memP95: percent(memP95),
        memAvg: percent(memP95 * random.range(0.8, 0.95)),
      };
    }
  }
}
