// Ground truth for anomaly detection: the incidents the generator injects, relative to the dataset's last day, and
// their resolution into dates, resources and expected extra daily cost for one generated dataset.
import type { DemoDay } from "./calendar.ts";
import { formatCost } from "./fixed-point.ts";
import { expectedDailyMicros, type DemoResource } from "./resources.ts";

export type DemoIncidentKind = "cost-spike" | "forgotten-instance" | "egress-surge";

export interface DemoIncidentSpec {
  kind: DemoIncidentKind;
  provider: string;
  service: string;
  serviceKey: string;
  /** The incident starts this many days before the dataset's last day. */
  daysBeforeEnd: number;
  /** Days it lasts; null: until the end of the data. */
  durationDays: number | null;
  /** Usage on incident days as a multiple of the usual weekday usage (spikes, surges). */
  multiplier: number | null;
  /** Only this SKU of the service surges (NAT data processed, not NAT hours). */
  skuId?: string;
  instanceType?: string;
  description: string;
}

// Offsets keep every incident inside a 3-month dataset (>= 59 days) with four clean weeks before the spike.
export const DEMO_INCIDENTS: readonly DemoIncidentSpec[] = [
  {
    kind: "cost-spike", provider: "AWS", service: "Amazon Bedrock", serviceKey: "bedrock", daysBeforeEnd: 20, durationDays: 5, multiplier: 4.5,
    description: "A retry loop in the assistant's agent re-sent whole conversations to Claude for five days.",
  },
  {
    kind: "forgotten-instance", provider: "AWS", service: "Amazon Elastic Compute Cloud", serviceKey: "ec2", daysBeforeEnd: 40, durationDays: null,
    multiplier: null, instanceType: "r6i.16xlarge", description: "A load-test box launched in acme-dev was never terminated and sits idle.",
  },
  {
    kind: "egress-surge", provider: "AWS", service: "Amazon Virtual Private Cloud", serviceKey: "nat", daysBeforeEnd: 55, durationDays: 5,
    multiplier: 4, skuId: "NatGateway-Bytes", description: "A misrouted backup pushed S3 traffic through the NAT gateways instead of a VPC endpoint.",
  },
];

export interface DemoIncident {
  kind: DemoIncidentKind;
  provider: string;
  service: string;
  resourceId: string | null;
  /** First day, YYYY-MM-DD. */
  start: string;
  /** Last day, inclusive, YYYY-MM-DD. */
  end: string;
  multiplier: number | null;
  /** Extra EffectiveCost per day the incident adds, decimal dollars (mean over its days, before noise). */
  expectedExtraDailyCost: string;
  description: string;
}

/** First day index of an incident within `days` days. */
export const incidentStartDay = (spec: DemoIncidentSpec, days: number) => days - 1 - spec.daysBeforeEnd;
export const incidentEndDay = (spec: DemoIncidentSpec, days: number) =>
  spec.durationDays === null ? days : incidentStartDay(spec, days) + spec.durationDays;

/** Adds the surge to the affected SKUs of the spike / surge incidents (forgotten instances are planned as resources). */
export function applySurges(resources: readonly DemoResource[], days: number): void {
  for (const spec of DEMO_INCIDENTS) {
    if (spec.multiplier === null) continue;
    for (const r of resources) {
      if (r.service.key !== spec.serviceKey) continue;
      for (const sku of r.skus) {
        if (spec.skuId && sku.def.id !== spec.skuId) continue;
        sku.surge = {
          fromDay: incidentStartDay(spec, days),
          toDay: incidentEndDay(spec, days),
          extraMilli: Math.round(sku.baseMilli * (spec.multiplier - 1)),
        };
      }
    }
  }
}

export function resolveIncidents(resources: readonly DemoResource[], days: readonly DemoDay[]): DemoIncident[] {
  return DEMO_INCIDENTS.map((spec) => {
    const from = incidentStartDay(spec, days.length);
    const to = incidentEndDay(spec, days.length);
    const forgotten = spec.kind === "forgotten-instance" ? resources.find((r) => r.profile === "forgotten") : undefined;
    let extra = 0;
    if (forgotten) {
      extra = expectedDailyMicros(forgotten, forgotten.skus[0], from);
    } else {
      const mid = Math.floor((from + to) / 2);
      for (const r of resources) {
        if (r.service.key !== spec.serviceKey || r.startDay > mid || r.endDay <= mid) continue;
        for (const sku of r.skus) {
          if (sku.surge) extra += expectedDailyMicros(r, { ...sku, baseMilli: sku.surge.extraMilli }, mid);
        }
      }
    }
    return {
      kind: spec.kind,
      provider: spec.provider,
      service: spec.service,
      resourceId: forgotten?.id ?? null,
      start: days[from].date,
      end: days[to - 1].date,
      multiplier: spec.multiplier,
      expectedExtraDailyCost: formatCost(Math.round(extra / 10_000) * 10_000),
      description: spec.description,
    };
  });
}
