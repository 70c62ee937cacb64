import type { Database } from "../../adapters/db/database.ts";
import { detectAnomalies } from "../analytics/anomalies.ts";
import { commitmentAnalysis, purchaseAction } from "../analytics/commitments.ts";
import { findingTitle, rightsizingFindings, type RightsizingAction } from "../analytics/rightsizing.ts";
import { storedCurrencies } from "../analytics/currency.ts";
import type { Filters, Period, Provenance } from "../analytics/scope.ts";
import { tagCoverage } from "../analytics/tag-coverage.ts";
import { addDaysIso, costDataRange } from "../data-range.ts";
import { saveFindings, type RecommendationFinding } from "./persist.ts";

// How the analytics' findings become recommendations. Effort and confidence are this product's estimates per kind
// of change (stated here so a FinOps reader can adjust them); savings come from the analytics unchanged.
const RIGHTSIZING_KIND: Record<RightsizingAction, { category: string; effortHours: number; difficulty: "easy" | "medium" | "hard"; confidence: number }> = {
  "terminate-idle": { category: "idle", effortHours: 1, difficulty: "easy", confidence: 0.9 },
  "delete-orphaned": { category: "orphaned", effortHours: 1, difficulty: "easy", confidence: 0.8 },
  downsize: { category: "rightsizing", effortHours: 4, difficulty: "medium", confidence: 0.75 },
  "move-to-spot": { category: "spot", effortHours: 16, difficulty: "hard", confidence: 0.6 },
};
/** Tag keys whose cost-weighted coverage is below this get a tagging recommendation (FinOps Foundation allocation KPI practice: aim for 80%+ allocatable spend). */
const TAG_COVERAGE_TARGET = 80;
const COMMITMENT_UTILISATION_TARGET = 80;
const LOOKBACK_DAYS = 30;
const VALID_DAYS = 30;

const evidenceOf = (provenance: Provenance[], figures: Record<string, unknown>) => ({
  figures,
  queries: provenance.map((p) => ({ description: p.description, sql: p.sql, params: p.params, period: p.period })),
});
const pct = (part: number, whole: number) => (whole > 0 ? (part / whole) * 100 : null);

/**
 * Runs the analyses over the last 30 days of data and saves their findings as recommendations. Amounts are never
 * added across billing currencies: with several in the data, each currency's costs are analysed on their own (its
 * recommendations carry that currency and their keys a "<currency>:" prefix) and the savings are in that currency.
 */
export async function generateRecommendations(db: Database) {
  const started = performance.now();
  const range = await costDataRange(db);
  const findings: RecommendationFinding[] = [];
  if (range) {
    const end = addDaysIso(range.end, 1);
    const period = { start: addDaysIso(end, -LOOKBACK_DAYS), end };
    const expiresAt = new Date(Date.parse(`${end}T00:00:00Z`) + VALID_DAYS * 86_400_000);
    const currencies = await storedCurrencies(db);
    if (currencies.length <= 1) findings.push(...(await findingsFor(db, { period, expiresAt, filters: {}, currency: currencies[0] ?? "USD", keyPrefix: "" })));
    else {
      for (const currency of currencies) {
        const scope = { period, expiresAt, filters: { billingCurrencies: [currency] }, currency, keyPrefix: `${currency}:` };
        findings.push(...(await findingsFor(db, scope)));
      }
    }
  }
  const saved = await saveFindings(db, findings);
  return { ...saved, findings: findings.length, durationMs: Math.round(performance.now() - started) };
}

async function findingsFor(
  db: Database,
  { period, expiresAt, filters, currency, keyPrefix }: { period: Period; expiresAt: Date; filters: Filters; currency: string; keyPrefix: string },
): Promise<RecommendationFinding[]> {
  const findings: RecommendationFinding[] = [];
  const unit = ` ${currency}`;
  // Commitment purchases are sized after these same rightsizing findings: read once.
  const rightsizing = await rightsizingFindings(db, { period, filters });
  const [commitments, tags, anomalies] = await Promise.all([
    commitmentAnalysis(db, { period, filters }, { rightsizing }),
    tagCoverage(db, { period, filters }),
    detectAnomalies(db, { period, filters }),
  ]);

  for (const f of rightsizing.data.findings) {
    const kind = RIGHTSIZING_KIND[f.action];
    findings.push({
      currency,
      key: `${keyPrefix}${kind.category}:${f.resourceId}`,
      title: findingTitle(f),
      description: `${f.evidence.reason} Current cost ${f.monthlyCost.amount}${unit} a month on ${f.serviceName}.`,
      category: kind.category,
      providerName: f.providerName,
      billingAccountId: f.billingAccountId,
      savingsMinUsd: f.estimatedMonthlySavings.min.value,
      savingsMaxUsd: f.estimatedMonthlySavings.max.value,
      savingsMinPercent: pct(f.estimatedMonthlySavings.min.value, f.monthlyCost.value),
      savingsMaxPercent: pct(f.estimatedMonthlySavings.max.value, f.monthlyCost.value),
      effortHours: kind.effortHours,
      difficulty: kind.difficulty,
      confidence: kind.confidence,
      expiresAt,
      evidence: evidenceOf(rightsizing.provenance, { ...f.evidence, monthlyCost: f.monthlyCost.amount, instanceType: f.instanceType, target: f.targetInstanceType }),
      affectedResources: [{ resourceId: f.resourceId, resourceName: f.resourceName, serviceName: f.serviceName, subAccountId: f.subAccountId, tags: f.tags }],
    });
  }

  for (const r of commitments.data.recommendations) {
    findings.push({
      currency,
      key: `${keyPrefix}commitment:${r.providerName}:${r.product}`,
      title: `${purchaseAction(r, currency)} on ${r.providerName}`,
      description: `${r.note} Steady on-demand baseline ${r.baselineOnDemandPerHour.toFixed(2)}${unit}/hour; breaks even at ${r.breakEvenUtilizationPercent.toFixed(0)}% utilisation.`,
      category: "commitment",
      providerName: r.providerName,
      // The baseline is the 10th percentile, so most of the saving is likely; the low bound allows for growth changes.
      savingsMinUsd: r.estimatedMonthlySavings.value * 0.8,
      savingsMaxUsd: r.estimatedMonthlySavings.value,
      savingsMinPercent: r.assumedDiscountPercent * 0.8,
      savingsMaxPercent: r.assumedDiscountPercent,
      effortHours: 2,
      difficulty: "easy",
      confidence: 0.7,
      expiresAt,
      evidence: evidenceOf(commitments.provenance, { ...r }),
      affectedResources: [],
    });
  }
  for (const c of commitments.data.commitments) {
    if (c.utilizationPercent == null || c.utilizationPercent >= COMMITMENT_UTILISATION_TARGET || c.unused.value <= 0) continue;
    findings.push({
      currency,
      key: `${keyPrefix}commitment-utilisation:${c.commitmentDiscountId}`,
      title: `Raise utilisation of ${c.commitmentDiscountName ?? c.commitmentDiscountId} (${c.utilizationPercent.toFixed(0)}% used)`,
      description: `${c.unused.amount}${unit} of this ${c.commitmentDiscountType ?? "commitment"} went unused in the last ${LOOKBACK_DAYS} days. Move matching on-demand workloads onto it, or exchange/resize it where the provider allows.`,
      category: "commitment",
      providerName: c.providerName,
      savingsMinUsd: 0,
      savingsMaxUsd: c.unused.value,
      effortHours: 8,
      difficulty: "medium",
      confidence: 0.5,
      expiresAt,
      evidence: evidenceOf(commitments.provenance, { ...c }),
      affectedResources: [{ commitmentDiscountId: c.commitmentDiscountId }],
    });
  }

  for (const k of tags.data.keys) {
    if (k.costCoveragePercent == null || k.costCoveragePercent >= TAG_COVERAGE_TARGET) continue;
    findings.push({
      currency,
      key: `${keyPrefix}tagging:${k.tagKey}`,
      title: `Tag the ${k.untaggedCost.split(".")[0]}${unit} of spend missing "${k.tagKey}"`,
      description: `Only ${k.costCoveragePercent.toFixed(1)}% of the last ${LOOKBACK_DAYS} days' cost has a real "${k.tagKey}" value (placeholders such as "unknown" count as untagged), so it cannot be allocated. No direct saving; it makes showback and the other recommendations actionable.`,
      category: "tagging",
      savingsMinUsd: 0,
      savingsMaxUsd: 0,
      effortHours: 8,
      difficulty: "medium",
      confidence: 0.9,
      expiresAt,
      evidence: evidenceOf(tags.provenance, { ...k }),
      affectedResources: [],
    });
  }

  for (const a of anomalies.data.anomalies) {
    const days = a.days.length || 1;
    const perDay = a.excess.value / days;
    const lastDay = addDaysIso(a.end, -1);
    // A spike that is over (cost back to its baseline for a week since) has nothing left to save each month; one that
    // stayed up or is too recent to tell would cost its daily excess every day it goes on.
    const over = a.pattern === "spike";
    const monthly = over ? 0 : perDay * 30;
    findings.push({
      currency,
      key: `${keyPrefix}anomaly:${a.dimension}:${a.key}:${a.start}`,
      title: over
        ? `Review the ${a.key} cost spike of ${a.start}${lastDay === a.start ? "" : ` to ${lastDay}`}`
        : `Investigate the ${a.key} cost increase since ${a.start}`,
      description: over
        ? `${a.excess.amount}${unit} above the weekday-matched baseline over ${days} ${days === 1 ? "day" : "days"} (severity ${a.severity}); cost has been back to its baseline since ${a.end}, so there is no monthly saving. Confirm it was intended; if it was a provider error or misuse, ask the provider for a credit and add an alert for the next one.`
        : `${a.excess.amount}${unit} above the weekday-matched baseline over ${days} ${days === 1 ? "day" : "days"} (severity ${a.severity}), and not back to its baseline. If it is not intended, stopping it saves about ${monthly.toFixed(0)}${unit} a month.`,
      category: "anomaly",
      savingsMinUsd: 0,
      savingsMaxUsd: monthly,
      effortHours: 2,
      difficulty: "easy",
      confidence: 0.5,
      expiresAt,
      evidence: evidenceOf(anomalies.provenance, { start: a.start, end: a.end, peakDay: a.peakDay, pattern: a.pattern, excess: a.excess.amount, score: a.score }),
      affectedResources: a.contributors.resources.map((r) => ({ resourceId: r.key, excess: r.excess.amount })),
    });
  }
  return findings;
}
