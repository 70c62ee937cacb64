import { z } from "zod";
import type { Database } from "../../adapters/db/database.ts";
import {
  addDays,
  addMonths,
  eachDay,
  filtersSchema,
  periodSchema,
  provenanceOf,
  SqlParams,
  tidySql,
  whereClauses,
  type Analysis,
  type Filters,
  type Period,
  type Provenance,
} from "./scope.ts";
import { onDemandRemovedPerHour, rightsizingCovers, rightsizingFindings, type RightsizingReport } from "./rightsizing.ts";
import { money, moneyFromNumber, quantile, sumDecimals, type Money } from "./stats.ts";
import { KUBERNETES_SERVICE_PATTERN } from "../kubernetes.ts";

// Definitions (FOCUS 1.2 commitment columns; finops-toolkit "Rate optimization" reports use the same ones):
// - Utilisation of a commitment = Used / (Used + Unused) EffectiveCost, where Used and Unused are
//   CommitmentDiscountStatus; purchase rows (status null) are the payment, not usage, and are left out.
// - Eligible usage: Usage rows of services that had commitment-covered usage in the period, or whose
//   ServiceCategory is Compute or Databases (what Savings Plans, Reservations and committed use discounts cover) other
//   than managed Kubernetes cluster fees, excluding spot (PricingCategory Dynamic) and unused-commitment rows.
// - Coverage = commitment-covered (status Used) EffectiveCost / eligible EffectiveCost.
// - On-demand eligible = eligible rows with PricingCategory Standard and no commitment.
// Purchase: each provider's compute plan (AWS Compute Savings Plan, Azure savings plan for compute, Google Cloud
// flexible CUD) covers compute only (FOCUS ServiceCategory Compute: EC2, Lambda, Fargate; Virtual Machines; Compute
// Engine, Cloud Run); databases (RDS, DynamoDB, Azure SQL, Cosmos DB, Cloud SQL) need their own reservations or CUDs
// (AWS, Azure and Google Cloud pricing pages), so their on-demand spend is named beside the plan, not sized into it.
// Recommendation: AWS Cost Explorer's Savings Plans recommendations size the hourly commitment from the lookback
// (7/30/60 days) usage; with daily data we take the 10th percentile of the hourly-equivalent daily on-demand spend
// over the last 30 days, a level met on ~90% of days (finops-toolkit guidance: commit to the stable baseline, leave
// the variable part on demand).
// Rightsize before you commit (AWS Cost Optimization Hub sizes Savings Plans after its rightsizing recommendations, so
// their savings are not counted twice): by default the baseline is what is left after the idle, rightsizing and Spot
// changes the rightsizing analysis recommends for eligible resources, each resource's largest one.
const LOOKBACK_DAYS = 30;
const BASELINE_PERCENTILE = 0.1;
const MIN_LOOKBACK_DAYS = 14;
const MIN_HOURLY_COMMITMENT = 0.01;
const HOURS_PER_MONTH = 730; // AWS and Azure bill a month as 730 hours
const HOURS_PER_YEAR = 8760;
/** Below this utilisation, buying more is premature (a conventional target in rate-optimisation practice). */
export const TARGET_UTILIZATION = 95;

/** How long a commitment runs: 1 or 3 years, the terms every provider sells. */
export const COMMITMENT_TERMS = ["1y", "3y"] as const;
export type CommitmentTerm = (typeof COMMITMENT_TERMS)[number];
const TERM_YEARS: Record<CommitmentTerm, number> = { "1y": 1, "3y": 3 };

/**
 * Assumed no-upfront discounts off on-demand for each term (assumptions, to be replaced by your own rates):
 * AWS Compute Savings Plans ~28% for 1 year, ~47% for 3 years (AWS Savings Plans pricing, m/c families, no upfront);
 * Azure savings plan for compute ~30% and ~50% (Azure pricing calculator, Dv5, 1 and 3 years);
 * Google Cloud flexible committed use discounts 28% and 46% (Google Cloud CUD documentation).
 */
const ASSUMED_DISCOUNTS: { match: RegExp; products: Record<CommitmentTerm, string>; discounts: Record<CommitmentTerm, number> }[] = [
  {
    match: /aws|amazon/i,
    products: { "1y": "Compute Savings Plan, 1 year, no upfront", "3y": "Compute Savings Plan, 3 years, no upfront" },
    discounts: { "1y": 0.28, "3y": 0.47 },
  },
  {
    match: /azure|microsoft/i,
    products: { "1y": "Azure savings plan for compute, 1 year", "3y": "Azure savings plan for compute, 3 years" },
    discounts: { "1y": 0.3, "3y": 0.5 },
  },
  {
    match: /google|gcp/i,
    products: { "1y": "Flexible committed use discount, 1 year", "3y": "Flexible committed use discount, 3 years" },
    discounts: { "1y": 0.28, "3y": 0.46 },
  },
];
const DEFAULT_DISCOUNT = { products: { "1y": "1-year spend commitment", "3y": "3-year spend commitment" }, discounts: { "1y": 0.25, "3y": 0.4 } };

export const commitmentsInputSchema = z.object({
  period: periodSchema,
  filters: filtersSchema,
  /** Size purchases on the on-demand baseline left after the recommended resource changes (default), or on today's. */
  afterRightsizing: z.boolean({ error: "afterRightsizing is true or false." }).default(true),
  /** The term the purchase recommendations are for. */
  term: z.enum(COMMITMENT_TERMS, { error: "term is 1y or 3y." }).default("1y"),
});
export type CommitmentsInput = z.input<typeof commitmentsInputSchema>;

export interface CommitmentUsage {
  commitmentDiscountId: string;
  commitmentDiscountName: string | null;
  commitmentDiscountCategory: string | null;
  commitmentDiscountType: string | null;
  providerName: string;
  used: Money;
  unused: Money;
  /** Used / (Used + Unused), percent; null without usage rows. */
  utilizationPercent: number | null;
}

export interface CoverageRow {
  providerName: string;
  serviceName: string;
  /** FOCUS ServiceCategory: a compute plan covers the "Compute" services only. */
  serviceCategory: string;
  covered: Money;
  eligible: Money;
  onDemand: Money;
  coveragePercent: number | null;
}

/** A compute plan to buy for one provider, sized on its steady on-demand baseline. */
export interface PurchaseRecommendation extends TermOffer {
  providerName: string;
  lookback: Period;
  /** 10th percentile of daily on-demand eligible spend / 24, less what the recommended resource changes take away. */
  baselineOnDemandPerHour: number;
  /** The 10th percentile before those changes. */
  baselineBeforeRightsizingPerHour: number;
  /** The recommended changes to this provider's eligible resources (idle, rightsizing, Spot); null when none apply. */
  rightsizing: RightsizingChange | null;
  /** Utilisation of this provider's existing commitments in the period (null without any). */
  existingUtilizationPercent: number | null;
  /** Eligible services a compute plan does not cover (databases), with their on-demand spend in the period. */
  notCovered: { serviceName: string; onDemand: Money }[];
  note: string;
}

/** Recommended changes to a provider's commitment-eligible resources, and the on-demand spend they take away. */
export interface RightsizingChange {
  resources: number;
  onDemandPerHour: number;
}

export interface CommitmentAnalysis {
  period: Period;
  commitments: CommitmentUsage[];
  totals: {
    used: Money;
    unused: Money;
    utilizationPercent: number | null;
    covered: Money;
    eligible: Money;
    onDemandEligible: Money;
    coveragePercent: number | null;
  };
  coverage: CoverageRow[];
  recommendations: PurchaseRecommendation[];
  /** Why no recommendation was made for a provider with eligible on-demand spend. */
  skipped: { providerName: string; reason: string }[];
}

/**
 * Commitment utilisation, coverage and a purchase recommendation from FOCUS commitment columns. `known.rightsizing`:
 * the rightsizing findings over the same period and filters, when the caller has them already (not read again).
 */
export async function commitmentAnalysis(
  db: Pick<Database, "sql">,
  input: CommitmentsInput,
  known: { rightsizing?: Analysis<RightsizingReport> } = {},
): Promise<Analysis<CommitmentAnalysis>> {
  const { period, filters, afterRightsizing, term } = commitmentsInputSchema.parse(input);
  const usage = await commitmentUsage(db, period, filters);
  const coverage = await coverageByService(db, period, filters);
  const lookback = { start: maxDay(period.start, addDays(period.end, -LOOKBACK_DAYS)), end: period.end };
  // The compute plan's baseline: on-demand spend of compute services only (see the definitions above).
  const planServices = coverage.data.filter(coveredByPlan);
  const daily = await dailyOnDemand(db, lookback, filters, planServices);

  const utilizationByProvider = new Map<string, { used: number; unused: number }>();
  for (const c of usage.data) {
    const p = utilizationByProvider.get(c.providerName) ?? { used: 0, unused: 0 };
    utilizationByProvider.set(c.providerName, { used: p.used + c.used.value, unused: p.unused + c.unused.value });
  }
  const canRecommend = eachDay(lookback.start, lookback.end).length >= MIN_LOOKBACK_DAYS && rightsizingCovers(period);
  const changes = afterRightsizing && canRecommend ? rightsizingChanges(known.rightsizing ?? (await rightsizingFindings(db, { period, filters })), planServices) : null;
  const { recommendations, skipped } = recommend(daily.data, lookback, utilizationByProvider, changes?.data ?? new Map(), coverage.data, term);
  return {
    data: {
      period,
      commitments: usage.data,
      totals: totalsOf(usage.data, coverage.data),
      coverage: coverage.data,
      recommendations,
      skipped,
    },
    provenance: [usage.provenance, coverage.provenance, daily.provenance, ...(changes?.provenance ?? [])],
  };
}

/** Used, unused, covered and eligible cost over all commitments and services, and the two percentages. */
function totalsOf(usage: CommitmentUsage[], coverage: CoverageRow[]): CommitmentAnalysis["totals"] {
  const sumOf = (values: string[]) => money(sumDecimals(values));
  const used = sumOf(usage.map((c) => c.used.amount));
  const unused = sumOf(usage.map((c) => c.unused.amount));
  const covered = sumOf(coverage.map((c) => c.covered.amount));
  const eligible = sumOf(coverage.map((c) => c.eligible.amount));
  return {
    used,
    unused,
    utilizationPercent: percent(used.value, used.value + unused.value),
    covered,
    eligible,
    onDemandEligible: sumOf(coverage.map((c) => c.onDemand.amount)),
    coveragePercent: percent(covered.value, eligible.value),
  };
}

export const commitmentTrendInputSchema = commitmentsInputSchema.pick({ period: true, filters: true });

/**
 * One month of a commitment trend: the totals of commitmentAnalysis over that month alone; `month` is its first day
 * (YYYY-MM-01) and `period` its days inside the trend's period (the first and last month may be partial).
 */
export type CommitmentMonth = CommitmentAnalysis["totals"] & {
  month: string;
  period: Period;
  /** Used and unused cost per FOCUS CommitmentDiscountType ("Savings Plan", "Reserved Instance"…), that month. */
  byType: Array<{ type: string | null; used: Money; unused: Money; utilizationPercent: number | null }>;
};

/** The commitments' used and unused cost per CommitmentDiscountType, by type. */
function byTypeOf(usage: CommitmentUsage[]): CommitmentMonth["byType"] {
  const types = [...new Set(usage.map((c) => c.commitmentDiscountType))].sort((a, b) => (a ?? "").localeCompare(b ?? ""));
  return types.map((type) => {
    const own = usage.filter((c) => c.commitmentDiscountType === type);
    const used = money(sumDecimals(own.map((c) => c.used.amount)));
    const unused = money(sumDecimals(own.map((c) => c.unused.amount)));
    return { type, used, unused, utilizationPercent: percent(used.value, used.value + unused.value) };
  });
}

/**
 * Coverage and utilisation month by month, as commitmentAnalysis computes them for a whole period: "is our coverage
 * going up?". Each calendar month the period touches, cut to the period.
 */
export async function commitmentTrend(
  db: Pick<Database, "sql">,
  input: z.input<typeof commitmentTrendInputSchema>,
): Promise<Analysis<{ months: CommitmentMonth[] }>> {
  const { period, filters } = commitmentTrendInputSchema.parse(input);
  const months: CommitmentMonth[] = [];
  const provenance: Provenance[] = [];
  for (let start = `${period.start.slice(0, 7)}-01`; start < period.end; start = addMonths(start, 1)) {
    const part = { start: maxDay(start, period.start), end: addMonths(start, 1) < period.end ? addMonths(start, 1) : period.end };
    const [usage, coverage] = await Promise.all([commitmentUsage(db, part, filters), coverageByService(db, part, filters)]);
    months.push({ month: start, period: part, ...totalsOf(usage.data, coverage.data), byType: byTypeOf(usage.data) });
    provenance.push(usage.provenance, coverage.provenance);
  }
  return { data: { months }, provenance };
}

/**
 * Per provider, the recommended resource changes (each resource's largest rightsizing finding) on services the
 * coverage counts as eligible, and the on-demand spend per hour they take away.
 */
function rightsizingChanges(
  rightsizing: Analysis<RightsizingReport>,
  eligible: CoverageRow[],
): { data: Map<string, RightsizingChange>; provenance: Provenance[] } {
  const eligibleKey = (provider: string, service: string) => `${provider}\u0000${service}`;
  const eligibleServices = new Set(eligible.map((e) => eligibleKey(e.providerName, e.serviceName)));
  const data = new Map<string, RightsizingChange>();
  for (const f of rightsizing.data.largestPerResource) {
    const removed = onDemandRemovedPerHour(f);
    if (removed <= 0 || !eligibleServices.has(eligibleKey(f.providerName, f.serviceName))) continue;
    const sum = data.get(f.providerName) ?? { resources: 0, onDemandPerHour: 0 };
    data.set(f.providerName, { resources: sum.resources + 1, onDemandPerHour: sum.onDemandPerHour + removed });
  }
  return { data, provenance: rightsizing.provenance };
}

/** What to buy, as a sentence: "Commit 28.08 USD/hour to a Compute Savings Plan, 1 year, no upfront". */
export function purchaseAction(r: Pick<PurchaseRecommendation, "commitmentPerHour" | "product">, currency: string): string {
  return `Commit ${r.commitmentPerHour.toFixed(2)} ${currency}/hour to ${/^[aeiou]/i.test(r.product) ? "an" : "a"} ${r.product}`;
}

/** What a term's commitment to a provider's compute plan would be: its cost and savings at the assumed discount. */
export interface TermOffer {
  term: CommitmentTerm;
  product: string;
  assumedDiscountPercent: number;
  /** What to commit per hour, in discounted dollars: baseline * (1 - discount). */
  commitmentPerHour: number;
  annualCommitment: Money;
  estimatedMonthlySavings: Money;
  /** Savings over the whole term, at the same baseline. */
  termSavings: Money;
  /** The commitment loses money when less than this share of it is used. */
  breakEvenUtilizationPercent: number;
}

/** Committing a steady `baselinePerHour` of on-demand spend to a provider's compute plan for a term. */
export function termOffer(providerName: string, baselinePerHour: number, term: CommitmentTerm): TermOffer {
  const terms = ASSUMED_DISCOUNTS.find((d) => d.match.test(providerName)) ?? DEFAULT_DISCOUNT;
  const discount = terms.discounts[term];
  const commitmentPerHour = round4(baselinePerHour * (1 - discount));
  return {
    term,
    product: terms.products[term],
    assumedDiscountPercent: round2(discount * 100),
    commitmentPerHour,
    annualCommitment: moneyFromNumber(commitmentPerHour * HOURS_PER_YEAR),
    estimatedMonthlySavings: moneyFromNumber(baselinePerHour * discount * HOURS_PER_MONTH),
    termSavings: moneyFromNumber(baselinePerHour * discount * HOURS_PER_YEAR * TERM_YEARS[term]),
    breakEvenUtilizationPercent: round2(100 * (1 - discount)),
  };
}

/** Whether a provider's compute plan covers a service's usage. */
const coveredByPlan = (c: Pick<CoverageRow, "serviceCategory">) => c.serviceCategory === "Compute";

function recommend(
  daily: Map<string, Map<string, string>>,
  lookback: Period,
  utilization: Map<string, { used: number; unused: number }>,
  changes: Map<string, RightsizingChange>,
  coverage: CoverageRow[],
  term: CommitmentTerm,
): Pick<CommitmentAnalysis, "recommendations" | "skipped"> {
  const recommendations: PurchaseRecommendation[] = [];
  const skipped: CommitmentAnalysis["skipped"] = [];
  const days = eachDay(lookback.start, lookback.end);
  const notCoveredOf = (providerName: string) =>
    coverage
      .filter((c) => c.providerName === providerName && !coveredByPlan(c) && c.onDemand.value > 0)
      .sort((a, b) => b.onDemand.value - a.onDemand.value)
      .map((c) => ({ serviceName: c.serviceName, onDemand: c.onDemand }));
  // A provider whose on-demand eligible usage is all in services its compute plan does not cover.
  for (const providerName of [...new Set(coverage.map((c) => c.providerName))].sort()) {
    const notCovered = notCoveredOf(providerName);
    if (daily.has(providerName) || notCovered.length === 0) continue;
    skipped.push({ providerName, reason: `Its on-demand eligible usage is all in ${notCoveredPhrase(notCovered)}. ${NOT_COVERED_ADVICE}` });
  }
  for (const [providerName, byDay] of [...daily].sort(([a], [b]) => a.localeCompare(b))) {
    if (days.length < MIN_LOOKBACK_DAYS) {
      const reason = `Needs at least ${MIN_LOOKBACK_DAYS} days of usage; the period has ${days.length}.`;
      skipped.push({ providerName, reason });
      continue;
    }
    const existing = utilization.get(providerName);
    const existingUtilization = existing ? percent(existing.used, existing.used + existing.unused) : null;
    const hourly = days.map((d) => Number(byDay.get(d) ?? 0) / 24);
    const before = quantile(hourly, BASELINE_PERCENTILE);
    const change = changes.get(providerName) ?? null;
    const baseline = Math.max(0, before - (change?.onDemandPerHour ?? 0));
    if (baseline < MIN_HOURLY_COMMITMENT) {
      const reason =
        change && before >= MIN_HOURLY_COMMITMENT
          ? `The ${changesPhrase(providerName, change)} take away its whole steady on-demand baseline (${before.toFixed(2)} an hour).`
          : "On-demand eligible spend has no steady baseline (it drops to zero on some days).";
      skipped.push({ providerName, reason });
      continue;
    }
    // The offer is priced on the baseline as reported, so termOffer gives the same figures for it.
    const offer = termOffer(providerName, round4(baseline), term);
    const notCovered = notCoveredOf(providerName);
    recommendations.push({
      providerName,
      ...offer,
      lookback,
      baselineOnDemandPerHour: round4(baseline),
      baselineBeforeRightsizingPerHour: round4(before),
      rightsizing: change && { resources: change.resources, onDemandPerHour: round4(change.onDemandPerHour) },
      note:
        `On-demand eligible spend stayed at or above ${before.toFixed(2)} an hour on 90% of the ${days.length} days ` +
        `${lookback.start} to ${addDays(lookback.end, -1)}.` +
        (change
          ? ` Sized after the ${changesPhrase(providerName, change)}, which take ${change.onDemandPerHour.toFixed(2)} an hour ` +
            `of on-demand spend away (${before.toFixed(2)} → ${baseline.toFixed(2)} an hour): act on them first.`
          : "") +
        ` It pays off while at least ${offer.breakEvenUtilizationPercent}% of the commitment is used; ` +
        `the ${offer.assumedDiscountPercent}% discount is an assumption, check your negotiated rates.` +
        (existingUtilization !== null && existingUtilization < TARGET_UTILIZATION
          ? ` Existing ${providerName} commitments are only ${existingUtilization}% utilised ` +
            `(target ${TARGET_UTILIZATION}%): ` +
            "check their scope (account, region, instance family) before buying more."
          : "") +
        (notCovered.length ? ` The plan covers compute only: ${notCoveredPhrase(notCovered)} ${notCovered.length === 1 ? "is" : "are"} left out. ${NOT_COVERED_ADVICE}` : ""),
      existingUtilizationPercent: existingUtilization,
      notCovered,
    });
  }
  skipped.sort((a, b) => a.providerName.localeCompare(b.providerName));
  return { recommendations, skipped };
}

async function commitmentUsage(
  db: Pick<Database, "sql">,
  period: Period,
  filters: Filters,
): Promise<{ data: CommitmentUsage[]; provenance: Provenance }> {
  const params = new SqlParams();
  const where = whereClauses({ table: "cost_line_items", alias: "li", period, filters, params });
  const sql = tidySql(`
    SELECT li.commitment_discount_id AS id, max(li.commitment_discount_name) AS name,
      max(li.commitment_discount_category) AS category, max(li.commitment_discount_type) AS type,
      max(li.provider_name) AS provider,
      coalesce(sum(li.effective_cost) FILTER (WHERE li.commitment_discount_status = 'Used'), 0)::text AS used,
      coalesce(sum(li.effective_cost) FILTER (WHERE li.commitment_discount_status = 'Unused'), 0)::text AS unused
    FROM cost_line_items li
    WHERE ${[...where, "li.commitment_discount_id IS NOT NULL", "li.commitment_discount_status IS NOT NULL"].join(" AND ")}
    GROUP BY li.commitment_discount_id
    ORDER BY li.commitment_discount_id`);
  type Row = { id: string; name: string | null; category: string | null; type: string | null; provider: string };
  const rows = await db.sql.query<Row & { used: string; unused: string }>(sql, params.values);
  const data = rows.map((r) => {
    const used = money(sumDecimals([r.used]));
    const unused = money(sumDecimals([r.unused]));
    return {
      commitmentDiscountId: r.id,
      commitmentDiscountName: r.name,
      commitmentDiscountCategory: r.category,
      commitmentDiscountType: r.type,
      providerName: r.provider,
      used,
      unused,
      utilizationPercent: percent(Number(r.used), Number(r.used) + Number(r.unused)),
    };
  });
  return {
    data,
    provenance: lineItemProvenance("Used and unused EffectiveCost per commitment", period, filters, sql, params),
  };
}

const ELIGIBLE_ROW =
  "li.charge_category = 'Usage' AND li.pricing_category IS DISTINCT FROM 'Dynamic' " +
  "AND li.commitment_discount_status IS DISTINCT FROM 'Unused'";
const ON_DEMAND_ROW = "li.pricing_category = 'Standard' AND li.commitment_discount_id IS NULL";

/**
 * Eligible usage's covered, on-demand and total EffectiveCost, grouped by the given line item columns (selected as
 * g0, g1…), with any more aggregates to select beside them ("max(li.sub_account_name) AS name").
 */
/**
 * `coveredTypes`: a parameter holding CommitmentDiscountType patterns; only usage those kinds covered counts as covered
 * (the rest of the eligible usage, covered by other kinds or on demand, stays eligible).
 */
function coverageSql(where: string, groupBy: readonly string[], aggregates: readonly string[] = [], coveredTypes?: string): string {
  const coveredRow = `li.commitment_discount_status = 'Used'${coveredTypes ? ` AND li.commitment_discount_type ~* ANY(${coveredTypes}::text[])` : ""}`;
  return tidySql(`
    WITH covered_services AS (
      SELECT DISTINCT li.provider_name, li.service_name FROM cost_line_items li
      WHERE ${where} AND li.charge_category = 'Usage' AND li.commitment_discount_status = 'Used'
    )
    SELECT ${[...groupBy.map((g, i) => `${g} AS g${i}`), ...aggregates].join(", ")}, max(li.service_category) AS category,
      coalesce(sum(li.effective_cost) FILTER (WHERE ${coveredRow}), 0)::text AS covered,
      coalesce(sum(li.effective_cost) FILTER (WHERE ${ON_DEMAND_ROW}), 0)::text AS on_demand,
      sum(li.effective_cost)::text AS eligible
    FROM cost_line_items li
    WHERE ${where} AND ${ELIGIBLE_ROW}
      AND ((li.service_category IN ('Compute', 'Databases') AND li.service_name !~* '${KUBERNETES_SERVICE_PATTERN}')
        OR (li.provider_name, li.service_name) IN (SELECT provider_name, service_name FROM covered_services))
    GROUP BY ${groupBy.map((_, i) => i + 1).join(", ")}
    ORDER BY ${groupBy.map((_, i) => i + 1).join(", ")}`);
}

type CoverageSums = { category: string; covered: string; on_demand: string; eligible: string };
const coverageOf = (r: CoverageSums) => ({
  covered: money(sumDecimals([r.covered])),
  eligible: money(sumDecimals([r.eligible])),
  onDemand: money(sumDecimals([r.on_demand])),
  coveragePercent: percent(Number(r.covered), Number(r.eligible)),
});

async function coverageByService(
  db: Pick<Database, "sql">,
  period: Period,
  filters: Filters,
): Promise<{ data: CoverageRow[]; provenance: Provenance }> {
  const params = new SqlParams();
  const where = whereClauses({ table: "cost_line_items", alias: "li", period, filters, params }).join(" AND ");
  const sql = coverageSql(where, ["li.provider_name", "li.service_name"]);
  const rows = await db.sql.query<CoverageSums & { g0: string; g1: string }>(sql, params.values);
  const data = rows.map((r) => ({ providerName: r.g0, serviceName: r.g1, serviceCategory: r.category, ...coverageOf(r) }));
  return {
    data,
    provenance: lineItemProvenance("Commitment coverage of eligible usage per service", period, filters, sql, params),
  };
}

/** The columns commitment coverage can be grouped by, with the column naming each value (accounts have names). */
const COVERAGE_BY = {
  SubAccountId: { column: "li.sub_account_id", name: "li.sub_account_name" },
  BillingAccountId: { column: "li.billing_account_id", name: "li.billing_account_name" },
  RegionId: { column: "li.region_id", name: null },
  ProviderName: { column: "li.provider_name", name: null },
  ServiceName: { column: "li.service_name", name: null },
} as const;

export const commitmentCoverageInput = z.object({
  period: periodSchema,
  filters: filtersSchema,
  by: z.enum(Object.keys(COVERAGE_BY) as [keyof typeof COVERAGE_BY, ...(keyof typeof COVERAGE_BY)[]], {
    error: "Coverage is by SubAccountId, BillingAccountId, RegionId, ProviderName or ServiceName.",
  }),
  /** Only these kinds count as covering ("savings plan", "reserv"): matched case-insensitively in CommitmentDiscountType. */
  commitmentTypes: z
    .array(z.string().regex(/^[A-Za-z ]{1,40}$/, "A commitment type is a few letters, such as 'savings plan' or 'reserv'."))
    .min(1)
    .max(5)
    .optional(),
});

export interface CoverageByValue {
  /** The value (null: usage with none, such as no sub-account); name: what FOCUS calls it, where it names it. */
  key: string | null;
  name: string | null;
  covered: Money;
  eligible: Money;
  onDemand: Money;
  coveragePercent: number | null;
}

/**
 * Commitment coverage of eligible usage per sub-account, billing account, region, provider or service (the same
 * definitions as commitmentAnalysis), the most eligible spend first.
 */
export async function commitmentCoverage(
  db: Pick<Database, "sql">,
  raw: z.input<typeof commitmentCoverageInput>,
): Promise<Analysis<{ by: keyof typeof COVERAGE_BY; rows: CoverageByValue[] }>> {
  const input = commitmentCoverageInput.parse(raw);
  const params = new SqlParams();
  const where = whereClauses({ table: "cost_line_items", alias: "li", period: input.period, filters: input.filters, params }).join(" AND ");
  const { column, name } = COVERAGE_BY[input.by];
  const types = input.commitmentTypes ? params.add(input.commitmentTypes) : undefined;
  const sql = coverageSql(where, [column], [`${name ? `max(${name})` : "NULL::text"} AS name`], types);
  const rows = await db.sql.query<CoverageSums & { g0: string | null; name: string | null }>(sql, params.values);
  const data = rows
    .map((r) => ({ key: r.g0, name: r.name, ...coverageOf(r) }))
    .sort((a, b) => b.eligible.value - a.eligible.value || String(a.key).localeCompare(String(b.key)));
  return {
    data: { by: input.by, rows: data },
    provenance: [lineItemProvenance(`Commitment coverage of eligible usage per ${input.by}`, input.period, input.filters, sql, params)],
  };
}

async function dailyOnDemand(
  db: Pick<Database, "sql">,
  lookback: Period,
  filters: Filters,
  eligible: CoverageRow[],
): Promise<{ data: Map<string, Map<string, string>>; provenance: Provenance }> {
  const params = new SqlParams();
  const where = whereClauses({ table: "cost_line_items", alias: "li", period: lookback, filters, params });
  const providers = params.add(eligible.map((e) => e.providerName));
  const services = params.add(eligible.map((e) => e.serviceName));
  const sql = tidySql(`
    SELECT li.provider_name AS provider, li.charge_date::text AS day, sum(li.effective_cost)::text AS cost
    FROM cost_line_items li
    WHERE ${where.join(" AND ")} AND ${ELIGIBLE_ROW} AND ${ON_DEMAND_ROW}
      AND (li.provider_name, li.service_name) IN (SELECT * FROM unnest(${providers}::text[], ${services}::text[]))
    GROUP BY 1, 2
    ORDER BY 1, 2`);
  type Row = { provider: string; day: string; cost: string };
  const rows = eligible.length ? await db.sql.query<Row>(sql, params.values) : [];
  const data = new Map<string, Map<string, string>>();
  for (const r of rows) {
    if (!data.has(r.provider)) data.set(r.provider, new Map());
    data.get(r.provider)!.set(r.day, r.cost);
  }
  return {
    data,
    provenance: lineItemProvenance("Daily on-demand eligible EffectiveCost per provider", lookback, filters, sql, params),
  };
}

function lineItemProvenance(description: string, period: Period, filters: Filters, sql: string, params: SqlParams): Provenance {
  return provenanceOf(description, { period, filters, metric: "EffectiveCost" }, "cost_line_items", sql, params);
}

/** "Amazon DynamoDB (12,395.26 on demand in the period) and Amazon RDS (4,104.34)": services a compute plan leaves out. */
const notCoveredPhrase = (services: PurchaseRecommendation["notCovered"]) => {
  const amount = (m: Money) => m.value.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const named = services.map((s, i) => `${s.serviceName} (${amount(s.onDemand)}${i === 0 ? " on demand in the period" : ""})`);
  return named.length > 1 ? `${named.slice(0, -1).join(", ")} and ${named.at(-1)}` : named[0]!;
};
const NOT_COVERED_ADVICE = "Databases need reservations or committed use discounts of their own, sized on their usage.";

const changesPhrase = (provider: string, c: RightsizingChange) =>
  `idle, rightsizing and Spot recommendations for ${c.resources} ${provider} ${c.resources === 1 ? "resource" : "resources"}`;
const percent = (part: number, whole: number) => (whole > 0 ? round2((100 * part) / whole) : null);
const maxDay = (a: string, b: string) => (a > b ? a : b);
const round2 = (v: number) => Math.round(v * 100) / 100;
const round4 = (v: number) => Math.round(v * 10_000) / 10_000;
