// Plans one demo dataset: the resources (a fixed core that carries every scenario, then a deterministic stream of
// ordinary resources until the row target is met), the commitments covering some of them, and the incidents.
import { demoCalendar, type DemoDay, type DemoMonth } from "./calendar.ts";
import { PROVIDERS, SERVICES, service, SUB_ACCOUNTS, type BillingAccount, type ServiceDef, type SubAccount } from "./catalog.ts";
import { costMicros } from "./fixed-point.ts";
import { applySurges, DEMO_INCIDENTS, incidentStartDay, resolveIncidents, type DemoIncident } from "./incidents.ts";
import { createRandom, deriveSeed, type Random } from "./prng.ts";
import { createResource, resourceRows, type DemoResource, type ResourceSpec } from "./resources.ts";

export interface DemoOptions {
  seed: number;
  /** Billing months, the last one month-to-date. */
  months: number;
  /** Last day with data, YYYY-MM-DD (inclusive). */
  endDate: string;
  /** Target number of line items; the dataset lands within ±10% of it (above minimumDemoRows). */
  rows: number;
}

export interface PlannedCommitment {
  id: string;
  name: string;
  category: "Spend" | "Usage";
  type: string;
  service: ServiceDef;
  subAccount: SubAccount;
  region: { id: string; name: string } | null;
  /** Amortised cost per day, micro-dollars: what covered usage plus the unused remainder add up to. */
  dailyMicros: number;
  usedMicrosPerDay: number;
  covered: number;
}

export interface TaxSlot {
  billingAccount: BillingAccount;
  service: ServiceDef;
}

export interface DemoPlan {
  options: DemoOptions;
  days: DemoDay[];
  months: DemoMonth[];
  resources: DemoResource[];
  commitments: PlannedCommitment[];
  taxSlots: TaxSlot[];
  incidents: DemoIncident[];
  /** Line items the generator will emit (tax rows estimated from the services billed per account). */
  expectedRows: number;
}

interface CommitmentSpec {
  id: string;
  name: string;
  category: "Spend" | "Usage";
  type: string;
  serviceKey: string;
  families: readonly string[];
  /** Region index the commitment applies to; null: any region (savings plans). */
  region: number | null;
  discountBp: number;
  utilisation: number;
}

// Discounts are typical 1-year no-upfront rates; the Azure reservation is the deliberately under-used one.
const COMMITMENTS: readonly CommitmentSpec[] = [
  { id: "arn:aws:ec2:us-east-1:567890123456:reserved-instances/7b1e2c4d-91aa-4f0e-b3c2-5d6e7f809a1b", name: "EC2 RI m6i us-east-1 (1 yr, no upfront)", category: "Usage", type: "Reserved Instance", serviceKey: "ec2", families: ["m6i"], region: 0, discountBp: 3800, utilisation: 0.97 },
  { id: "arn:aws:savingsplans::567890123456:savingsplan/2f8d4e6a-0b1c-4d2e-9f3a-4b5c6d7e8f90", name: "Compute Savings Plan (1 yr, no upfront)", category: "Spend", type: "Savings Plan", serviceKey: "ec2", families: ["c6i", "r6i"], region: null, discountBp: 2700, utilisation: 0.99 },
  { id: "/providers/Microsoft.Capacity/reservationOrders/5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9/reservations/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d", name: "Reserved VM Instances, Dsv5, East US (1 year)", category: "Usage", type: "Reservation", serviceKey: "vm", families: ["Dsv5"], region: 0, discountBp: 3600, utilisation: 0.55 },
  { id: "//compute.googleapis.com/projects/acme-shared-381207/regions/us-central1/commitments/cud-n2-1y", name: "n2 resource-based CUD, us-central1 (1 year)", category: "Usage", type: "Committed Use Discount", serviceKey: "gce", families: ["n2-standard"], region: 0, discountBp: 3700, utilisation: 0.9 },
];
const SCALED_COVERAGE = 0.5;

const core = (key: string, spec: Omit<ResourceSpec, "service"> = {}): ResourceSpec => ({ service: service(key), ...spec });
const KINDS = ["prod", "staging", "dev", "shared", "data"] as const;

/** The scenario carriers: one resource per service across all account kinds, then the rightsizing/spot cases. */
function coreSpecs(days: number): ResourceSpec[] {
  const forgottenStart = incidentStartDay(DEMO_INCIDENTS.find((i) => i.kind === "forgotten-instance")!, days);
  return [
    ...SERVICES.map((s, i) => core(s.key, { kind: KINDS[i % KINDS.length], size: 0.5 })),
    core("ec2", { kind: "prod", instanceType: "m6i.xlarge", region: 0, profile: "normal", fullyTagged: true, app: "checkout" }),
    core("ec2", { kind: "prod", instanceType: "c6i.2xlarge", region: 0, profile: "normal", fullyTagged: true, app: "search" }),
    core("ec2", { kind: "prod", instanceType: "m6i.2xlarge", profile: "over-provisioned", fullyTagged: true, app: "catalog" }),
    core("ec2", { kind: "staging", instanceType: "m6i.large", profile: "idle", app: "payments" }),
    core("ec2", { kind: "dev", instanceType: "c6i.xlarge", profile: "normal", fullyTagged: true, app: "internal-tools" }),
    core("ec2", { kind: "data", instanceType: "r6i.xlarge", profile: "normal", fullyTagged: true, app: "batch" }),
    core("ec2", { kind: "data", instanceType: "c6i.xlarge", profile: "normal", fullyTagged: true, app: "batch", pricing: "Dynamic" }),
    core("rds", { kind: "prod", instanceType: "db.r6g.2xlarge", profile: "over-provisioned", fullyTagged: true, app: "payments" }),
    core("rds", { kind: "dev", instanceType: "db.m6g.large", profile: "idle", app: "identity" }),
    core("vm", { kind: "prod", instanceType: "Standard_D4s_v5", region: 0, profile: "normal", fullyTagged: true, app: "identity" }),
    core("vm", { kind: "prod", instanceType: "Standard_E8s_v5", profile: "over-provisioned", fullyTagged: true, app: "reporting" }),
    core("vm", { kind: "dev", instanceType: "Standard_D2s_v5", profile: "normal", fullyTagged: true, app: "internal-tools" }),
    core("azuresql", { kind: "prod", instanceType: "GP_Gen5_8", profile: "over-provisioned", fullyTagged: true, app: "reporting" }),
    core("gce", { kind: "prod", instanceType: "n2-standard-4", region: 0, profile: "normal", fullyTagged: true, app: "recommendations" }),
    core("gce", { kind: "staging", instanceType: "e2-standard-4", profile: "idle", app: "search" }),
    core("gce", { kind: "data", instanceType: "n2-standard-8", profile: "normal", fullyTagged: true, app: "batch" }),
    core("cloudsql", { kind: "prod", instanceType: "db-custom-8-30720", profile: "over-provisioned", fullyTagged: true, app: "recommendations" }),
    core("ec2", {
      subAccount: SUB_ACCOUNTS.find((s) => s.name === "acme-dev" && s.billingAccount.provider === "aws"),
      instanceType: "r6i.16xlarge", profile: "forgotten", startDay: forgottenStart, region: 0,
      tags: { team: "platform", env: "dev", app: "load-test" },
    }),
  ];
}

function scaledSpec(random: Random, days: number): ResourceSpec {
  const svc = random.weighted(SERVICES.map((s) => [s, s.weight] as const));
  const startDay = random.chance(0.8) ? 0 : random.int(1, Math.floor(days * 0.85));
  const endDay = random.chance(0.06) && days - startDay > 30 ? random.int(startDay + 14, days - 1) : days;
  const spec: ResourceSpec = { service: svc, startDay, endDay };
  if (svc.families && random.chance(0.12)) spec.app = "batch";
  if (svc.families && spec.app === "batch" && random.chance(0.3)) spec.pricing = "Dynamic";
  return spec;
}

/** The rows the scenario-carrying core alone produces: smaller targets still get these. */
export function minimumDemoRows(months: number, endDate: string): number {
  return planDemoWorld({ seed: 0, months, endDate, rows: 1 }).expectedRows;
}

export function planDemoWorld(options: DemoOptions): DemoPlan {
  validate(options);
  const { days, months } = demoCalendar(options.endDate, options.months);
  const random = createRandom(deriveSeed(options.seed, "plan"));
  const resources: DemoResource[] = [];
  const taxSlots: TaxSlot[] = [];
  const slotIndex = new Map<string, number>();
  const completeMonths = months.filter((m) => m.complete).length;
  let rows = COMMITMENTS.length * (days.length + months.length) + 2 * completeMonths + 3;
  const add = (spec: ResourceSpec) => {
    const r = createResource(random, resources.length, days.length, spec);
    const key = `${r.subAccount.billingAccount.id}|${r.service.key}`;
    if (!slotIndex.has(key)) {
      slotIndex.set(key, taxSlots.length);
      taxSlots.push({ billingAccount: r.subAccount.billingAccount, service: r.service });
      if (r.subAccount.billingAccount.taxBp > 0) rows += completeMonths;
    }
    r.taxSlot = slotIndex.get(key)!;
    resources.push(r);
    rows += resourceRows(r);
  };
  for (const spec of coreSpecs(days.length)) add(spec);
  const coreCount = resources.length;
  while (rows < options.rows) add(scaledSpec(random, days.length));
  applySurges(resources, days.length);
  const commitments = planCommitments(random, resources, coreCount, days.length);
  for (const c of commitments) {
    const key = `${c.subAccount.billingAccount.id}|${c.service.key}`;
    if (!slotIndex.has(key)) {
      slotIndex.set(key, taxSlots.length);
      taxSlots.push({ billingAccount: c.subAccount.billingAccount, service: c.service });
    }
  }
  return { options, days, months, resources, commitments, taxSlots, incidents: resolveIncidents(resources, days), expectedRows: rows };
}

function planCommitments(random: Random, resources: DemoResource[], coreCount: number, days: number): PlannedCommitment[] {
  return COMMITMENTS.map((spec, index) => {
    const svc = service(spec.serviceKey);
    const holder = SUB_ACCOUNTS.find((s) => s.kind === "shared" && s.billingAccount.provider === svc.provider)!;
    const region = spec.region === null ? null : regionOf(svc, spec.region);
    let usedMicros = 0;
    let covered = 0;
    for (const r of resources) {
      const eligible =
        r.service === svc && r.commitment === -1 && r.instance !== null && spec.families.includes(r.instance.family) &&
        r.subAccount.billingAccount === holder.billingAccount && r.profile === "normal" && r.pricing === "Standard" &&
        r.startDay === 0 && r.endDay === days && (region === null || r.region?.id === region.id) &&
        r.subAccount.kind !== "dev" && r.tags.app !== "batch";
      if (!eligible || (r.ordinal >= coreCount && !random.chance(SCALED_COVERAGE))) continue;
      r.commitment = index;
      covered += 1;
      for (const sku of r.skus) {
        sku.committedE10 = Math.round((sku.listE10 * (10_000 - spec.discountBp)) / 10_000);
        usedMicros += costMicros(sku.baseMilli, sku.committedE10);
      }
    }
    return {
      id: spec.id,
      name: spec.name,
      category: spec.category,
      type: spec.type,
      service: svc,
      subAccount: holder,
      region,
      dailyMicros: Math.round(usedMicros / spec.utilisation),
      usedMicrosPerDay: usedMicros,
      covered,
    };
  });
}

function regionOf(svc: ServiceDef, index: number) {
  const region = PROVIDERS[svc.provider].regions[index];
  return { id: region.id, name: region.name };
}

function validate(options: DemoOptions): void {
  if (!Number.isSafeInteger(options.seed)) throw new Error(`seed must be an integer, got ${options.seed}`);
  if (!Number.isInteger(options.months) || options.months < 3 || options.months > 36) {
    throw new Error(`months must be an integer from 3 to 36 (incidents need three months of history), got ${options.months}`);
  }
  if (!Number.isInteger(options.rows) || options.rows < 1 || options.rows > 100_000_000) {
    throw new Error(`rows must be an integer from 1 to 100,000,000, got ${options.rows}`);
  }
}
