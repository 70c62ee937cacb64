// Streams the demo's FOCUS 1.2 line items day by day: usage per resource and SKU (seasonality, growth, noise,
// incidents), commitment Used/Unused and purchases, credits, corrections, and each complete month's tax.
// Nothing is materialised beyond the plan, and all money is integer micro-dollars until it is printed.
import type { KeyedRecord } from "../focus/parse.ts";
import type { DemoDay, DemoMonth } from "./calendar.ts";
import { PROVIDERS, service, SUB_ACCOUNTS, type BillingAccount, type ServiceDef, type SubAccount } from "./catalog.ts";
import { costMicros, formatCost, formatQuantity } from "./fixed-point.ts";
import { createRandom, deriveSeed } from "./prng.ts";
import type { DemoIncident } from "./incidents.ts";
import type { DemoResource, PlannedSku } from "./resources.ts";
import { planDemoWorld, type DemoOptions, type DemoPlan, type PlannedCommitment } from "./world.ts";

export type { DemoOptions, DemoPlan } from "./world.ts";
export { DEMO_INCIDENTS, type DemoIncident, type DemoIncidentSpec } from "./incidents.ts";

/** Ground truth of one dataset's injected incidents: dates, resource and expected extra daily cost. */
export function demoIncidents(options: DemoOptions): DemoIncident[] {
  return planDemoWorld(options).incidents;
}

type Values = Record<string, string | null>;

/** Line items of one demo dataset; same options, same rows, byte for byte. */
export async function* generateDemoDataset(options: DemoOptions | DemoPlan): AsyncGenerator<KeyedRecord> {
  for (const record of demoLineItems(options)) yield record;
}

/** The synchronous form, for callers that do not need to interleave with I/O. */
export function* demoLineItems(options: DemoOptions | DemoPlan): Generator<KeyedRecord> {
  const plan = "resources" in options ? options : planDemoWorld(options);
  const random = createRandom(deriveSeed(plan.options.seed, "usage"));
  const billedBySlot = new Float64Array(plan.taxSlots.length);
  const invoiceIds = invoiceIdTable(plan.months);
  const adjustmentDays = adjustmentSchedule(plan.days.length);
  let line = 0;
  for (const day of plan.days) {
    if (day.firstOfMonth || day.index === 0) {
      for (const c of plan.commitments) {
        const fee = c.dailyMicros * day.month.daysInMonth;
        billedBySlot[slotOf(plan, c.subAccount.billingAccount, c.service)] += fee;
        yield { line: ++line, values: purchaseRow(c, day, fee, invoiceIds) };
      }
    }
    const { index: d, weekend } = day;
    for (const r of plan.resources) {
      if (d < r.startDay || d >= r.endDay) continue;
      const growth = r.growthPerDay === 0 ? 1 : Math.exp(r.growthPerDay * (d - r.startDay));
      for (const sku of r.skus) {
        let quantity = sku.baseMilli;
        if (!sku.fixed) {
          quantity *= growth * (weekend ? sku.weekendFactor : 1) * (1 + sku.noise * (2 * random.next() - 1));
          if (sku.surge && d >= sku.surge.fromDay && d < sku.surge.toDay) quantity += sku.surge.extraMilli * growth;
        }
        const milli = Math.max(1, Math.round(quantity));
        yield { line: ++line, values: usageRow(plan, r, sku, day, milli, invoiceIds, billedBySlot) };
      }
    }
    for (const c of plan.commitments) {
      const unused = c.dailyMicros - c.usedMicrosPerDay;
      if (unused > 0) yield { line: ++line, values: unusedRow(c, day, unused, invoiceIds) };
    }
    const adjustment = adjustmentDays.get(d);
    if (adjustment) yield { line: ++line, values: adjustment(plan, day, invoiceIds) };
    if (day.lastOfMonth && day.month.complete) {
      for (const row of monthEndRows(plan, day, billedBySlot, invoiceIds)) yield { line: ++line, values: row };
      billedBySlot.fill(0);
    }
  }
}

function slotOf(plan: DemoPlan, account: BillingAccount, svc: ServiceDef): number {
  return plan.taxSlots.findIndex((s) => s.billingAccount === account && s.service === svc);
}

type InvoiceIds = Map<string, string>;

function invoiceIdTable(months: readonly DemoMonth[]): InvoiceIds {
  const ids: InvoiceIds = new Map();
  for (const month of months) {
    for (const sub of SUB_ACCOUNTS) {
      const b = sub.billingAccount;
      ids.set(`${b.id}|${month.index}`, `${b.invoicePrefix}${month.label.replace("-", "")}${b.id.replace(/\D/g, "").slice(-4)}`);
    }
  }
  return ids;
}

interface Charge {
  billingAccount: BillingAccount;
  subAccount: SubAccount | null;
  service: ServiceDef;
  day: DemoDay;
  /** The charge period when it is not the day itself (monthly purchases and tax, corrections of an earlier day). */
  period?: { start: string; end: string };
  invoiceIds: InvoiceIds;
}

/** Every row carries every column, in one order, so the first record's headers describe the whole stream. */
function baseRow(c: Charge): Values {
  const provider = PROVIDERS[c.service.provider];
  return {
    BilledCost: "0", EffectiveCost: "0", ListCost: "0", ContractedCost: "0",
    BillingAccountId: c.billingAccount.id, BillingAccountName: c.billingAccount.name, BillingAccountType: c.billingAccount.type,
    BillingCurrency: "USD", BillingPeriodStart: c.day.month.billingPeriodStart, BillingPeriodEnd: c.day.month.billingPeriodEnd,
    ChargeCategory: "Usage", ChargeClass: null, ChargeDescription: null, ChargeFrequency: "Usage-Based",
    ChargePeriodStart: c.period?.start ?? c.day.chargePeriodStart, ChargePeriodEnd: c.period?.end ?? c.day.chargePeriodEnd,
    InvoiceIssuerName: provider.invoiceIssuer, InvoiceId: c.invoiceIds.get(`${c.billingAccount.id}|${c.day.month.index}`) ?? null,
    PricingQuantity: null, PricingUnit: null, PricingCategory: null,
    ProviderName: provider.name, PublisherName: provider.name,
    ServiceCategory: c.service.category, ServiceSubcategory: c.service.subcategory, ServiceName: c.service.name,
    ResourceId: null, ResourceName: null, ResourceType: null, RegionId: null, RegionName: null, AvailabilityZone: null,
    SubAccountId: c.subAccount?.id ?? null, SubAccountName: c.subAccount?.name ?? null,
    SubAccountType: c.subAccount ? provider.subAccountType : null,
    SkuId: null, SkuPriceId: null, ListUnitPrice: null, ContractedUnitPrice: null, ConsumedQuantity: null, ConsumedUnit: null,
    CommitmentDiscountId: null, CommitmentDiscountName: null, CommitmentDiscountCategory: null, CommitmentDiscountType: null,
    CommitmentDiscountStatus: null, CapacityReservationId: null, CapacityReservationStatus: null, Tags: null,
  };
}

function usageRow(
  plan: DemoPlan, r: DemoResource, sku: PlannedSku, day: DemoDay, milli: number, invoiceIds: InvoiceIds, billedBySlot: Float64Array,
): Values {
  const list = costMicros(milli, sku.listE10);
  const contracted = costMicros(milli, sku.contractedE10);
  const commitment = r.commitment === -1 ? null : plan.commitments[r.commitment];
  const effective = costMicros(milli, commitment ? sku.committedE10 : sku.billedE10);
  const quantity = formatQuantity(milli);
  if (!commitment) billedBySlot[r.taxSlot] += effective;
  const values = baseRow({ billingAccount: r.subAccount.billingAccount, subAccount: r.subAccount, service: r.service, day, invoiceIds });
  values.BilledCost = commitment ? "0" : formatCost(effective);
  values.EffectiveCost = formatCost(effective);
  values.ListCost = formatCost(list);
  values.ContractedCost = formatCost(contracted);
  values.ChargeDescription = sku.description;
  values.PricingQuantity = quantity;
  values.PricingUnit = sku.def.pricingUnit;
  values.PricingCategory = commitment ? "Committed" : r.pricing;
  values.ResourceId = r.id;
  values.ResourceName = r.name;
  values.ResourceType = r.service.resourceType;
  values.RegionId = r.region?.id ?? null;
  values.RegionName = r.region?.name ?? null;
  values.AvailabilityZone = r.zone;
  values.SkuId = sku.skuId;
  values.SkuPriceId = sku.skuPriceId;
  values.ListUnitPrice = sku.listUnitPrice;
  values.ContractedUnitPrice = sku.contractedUnitPrice;
  values.ConsumedQuantity = quantity;
  values.ConsumedUnit = sku.def.consumedUnit;
  if (commitment) Object.assign(values, commitmentColumns(commitment, "Used"));
  values.Tags = r.tagsJson;
  return values;
}

function commitmentColumns(c: PlannedCommitment, status: "Used" | "Unused" | null): Values {
  return {
    CommitmentDiscountId: c.id, CommitmentDiscountName: c.name, CommitmentDiscountCategory: c.category,
    CommitmentDiscountType: c.type, CommitmentDiscountStatus: status,
  };
}

function commitmentCharge(c: PlannedCommitment, day: DemoDay, invoiceIds: InvoiceIds, period?: Charge["period"]): Values {
  const values = baseRow({ billingAccount: c.subAccount.billingAccount, subAccount: c.subAccount, service: c.service, day, invoiceIds, period });
  values.ResourceId = c.id;
  values.ResourceName = c.name;
  values.ResourceType = c.type;
  values.RegionId = c.region?.id ?? null;
  values.RegionName = c.region?.name ?? null;
  return values;
}

function unusedRow(c: PlannedCommitment, day: DemoDay, unused: number, invoiceIds: InvoiceIds): Values {
  const values = commitmentCharge(c, day, invoiceIds);
  const cost = formatCost(unused);
  Object.assign(values, { EffectiveCost: cost, ListCost: cost, ContractedCost: cost, PricingCategory: "Committed" });
  values.ChargeDescription = `Unused commitment: ${c.name}`;
  return Object.assign(values, commitmentColumns(c, "Unused"));
}

function purchaseRow(c: PlannedCommitment, day: DemoDay, fee: number, invoiceIds: InvoiceIds): Values {
  const period = { start: day.month.billingPeriodStart, end: day.month.billingPeriodEnd };
  const values = commitmentCharge(c, day, invoiceIds, period);
  const cost = formatCost(fee);
  Object.assign(values, { BilledCost: cost, ListCost: cost, ContractedCost: cost, ChargeCategory: "Purchase", ChargeFrequency: "Recurring" });
  Object.assign(values, { PricingQuantity: "1", PricingUnit: "Month", ChargeDescription: `Monthly fee: ${c.name}` });
  return Object.assign(values, commitmentColumns(c, null));
}

type AdjustmentRow = (plan: DemoPlan, day: DemoDay, invoiceIds: InvoiceIds) => Values;

/** Three one-off rows: an SLA credit adjustment, a usage correction of an earlier day, a billing correction. */
function adjustmentSchedule(days: number): Map<number, AdjustmentRow> {
  const oneOff = (serviceKey: string, subName: string, category: string, cls: string | null, micros: number, description: string, backDays = 0): AdjustmentRow =>
    (plan, day, invoiceIds) => {
      const svc = service(serviceKey);
      const sub = SUB_ACCOUNTS.find((s) => s.name === subName && s.billingAccount.provider === svc.provider)!;
      const earlier = plan.days[Math.max(day.month.firstDay - backDays, 0)];
      const period = backDays > 0 ? { start: earlier.chargePeriodStart, end: earlier.chargePeriodEnd } : undefined;
      const values = baseRow({ billingAccount: sub.billingAccount, subAccount: sub, service: svc, day, invoiceIds, period });
      const cost = formatCost(micros);
      return Object.assign(values, {
        BilledCost: cost, EffectiveCost: cost, ListCost: cost, ContractedCost: cost,
        ChargeCategory: category, ChargeClass: cls, ChargeFrequency: "One-Time", ChargeDescription: description,
      });
    };
  return new Map([
    [Math.floor(days * 0.35), oneOff("rds", "acme-prod", "Adjustment", null, -180_000_000, "SLA credit: Amazon RDS Multi-AZ availability below 99.95%")],
    [Math.floor(days * 0.55), oneOff("blob", "sub-acme-data", "Usage", "Correction", -96_400_000, "Correction: duplicate metering of Hot LRS write operations", 3)],
    [Math.floor(days * 0.8), oneOff("bigquery", "acme-data", "Adjustment", "Correction", 42_100_000, "Billing correction: BigQuery active storage under-billed")],
  ]);
}

/** Credits and tax of a complete month, issued with its invoice on the month's last day. */
function* monthEndRows(plan: DemoPlan, day: DemoDay, billedBySlot: Float64Array, invoiceIds: InvoiceIds): Generator<Values> {
  const period = { start: day.month.billingPeriodStart, end: day.month.billingPeriodEnd };
  for (let slot = 0; slot < plan.taxSlots.length; slot++) {
    const { billingAccount, service: svc } = plan.taxSlots[slot];
    const billed = billedBySlot[slot];
    const credit = creditFor(billingAccount, svc, billed);
    if (credit) {
      const values = baseRow({ billingAccount, subAccount: null, service: svc, day, invoiceIds });
      const cost = formatCost(-credit.micros);
      yield Object.assign(values, {
        BilledCost: cost, EffectiveCost: cost, ListCost: cost, ContractedCost: cost,
        ChargeCategory: "Credit", ChargeFrequency: "One-Time", ChargeDescription: credit.description,
      });
    }
    const tax = Math.round((billed - (credit?.micros ?? 0)) * billingAccount.taxBp / 10_000 / 10_000) * 10_000;
    if (tax <= 0) continue;
    const values = baseRow({ billingAccount, subAccount: null, service: svc, day, invoiceIds, period });
    const cost = formatCost(tax);
    yield Object.assign(values, {
      BilledCost: cost, EffectiveCost: cost, ListCost: cost, ContractedCost: cost,
      ChargeCategory: "Tax", ChargeFrequency: "Recurring", ChargeDescription: `Tax on ${svc.name} (${billingAccount.taxBp / 100}%)`,
    });
  }
}

// GCP grants sustained-use discounts as monthly credits on Compute Engine; the acquired AWS org still burns startup credits.
function creditFor(account: BillingAccount, svc: ServiceDef, billed: number): { micros: number; description: string } | null {
  if (billed <= 0) return null;
  if (account.provider === "gcp" && svc.key === "gce") {
    return { micros: Math.round((billed * 0.08) / 10_000) * 10_000, description: "Sustained use discount" };
  }
  if (account.name.startsWith("Acme Labs") && svc.key === "ec2") {
    return { micros: Math.min(1_000_000_000, Math.round(billed / 10_000) * 10_000), description: "AWS Activate credits" };
  }
  return null;
}
