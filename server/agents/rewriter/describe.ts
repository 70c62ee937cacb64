import { excludedWords, type QueryDimensions } from "../classifier/dimensions.ts";
import type { Intent } from "../classifier/intents.ts";
import { DATA_TRANSFER_NAMES } from "../../finops/data-transfer.ts";

// The rewritten query as text: canonical names, explicit dates, one clause per dimension. It is what the specialist
// agents and the logs see, so it must be self-contained without the conversation.

const PREFIX: Record<Intent, string> = {
  cost_analysis: "",
  optimization_recommendation: "Recommendations to reduce",
  cost_anomaly_detection: "Anomalies and drivers of change in",
  budget_tracking: "Budget vs actual for",
  resource_utilization: "Resource utilization behind",
  cost_allocation: "Allocation by owner of",
  forecast_prediction: "Forecast of",
  spend_comparison: "Comparison of",
  service_breakdown: "Breakdown by service of",
  tagging_compliance: "Tag coverage of",
  savings_opportunity: "Savings potential in",
  rightsizing: "Rightsizing candidates behind",
  reserved_instance_analysis: "Reserved instance and savings plan coverage of",
  spot_instance_analysis: "Spot usage and savings in",
  general_query: "",
  clarification_needed: "",
  multi_intent: "",
};

const PROVIDER_LABELS: Record<string, string> = { Microsoft: "Microsoft Azure", AWS: "AWS", "Google Cloud": "Google Cloud" };

const GROUP_LABELS: Record<string, string> = {
  ServiceName: "service", ServiceCategory: "service category", RegionId: "region", SubAccountId: "account",
  ProviderName: "provider", ResourceId: "resource", ChargeCategory: "charge category",
};

const COMPARISON_LABELS: Record<string, string> = {
  month_over_month: "month over month", quarter_over_quarter: "quarter over quarter", year_over_year: "year over year",
  week_over_week: "week over week", previous_period: "against the previous period", between_periods: "with",
};

const lastDay = (end: string) => new Date(Date.parse(`${end}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
const money = (n: number) => `$${n.toLocaleString("en-US")}`;

export function describeQuery(intent: Intent, d: QueryDimensions, originalText: string): string {
  const subject = [
    d.providers.map((p) => PROVIDER_LABELS[p] ?? p).join(" and "),
    d.metric ?? "EffectiveCost",
  ].filter(Boolean).join(" ");
  const clauses: string[] = [];
  if (d.resources.length) clauses.push(`for resource ${d.resources.join(", ")}`);
  if (d.resourceGroups.length) clauses.push(`in resource group ${d.resourceGroups.join(", ")}`);
  if (d.services.length) clauses.push(`for ${d.services.join(", ")}`);
  if (d.serviceCategories.length) clauses.push(`in service category ${d.serviceCategories.join(", ")}`);
  if (d.chargeCategories.length) clauses.push(`for charge category ${d.chargeCategories.join(", ")}`);
  if (d.networking) clauses.push("for networking (egress and data transfer)");
  if (d.gpu) clauses.push("for GPU usage");
  if (d.marketplace) clauses.push("for marketplace purchases");
  if (d.dataTransfer) clauses.push(`for ${DATA_TRANSFER_NAMES[d.dataTransfer]}`);
  if (d.accounts.length) clauses.push(`in account ${d.accounts.join(", ")}`);
  if (d.regions.length) clauses.push(`in region ${d.regions.join(", ")}`);
  for (const tag of d.tags) clauses.push(`where tag ${tag.key} = ${tag.values.join(" or ")}`);
  const left = d.excluded ? excludedWords(d.excluded) : [];
  if (left.length) clauses.push(`excluding ${left.join(", ")}`);
  if (d.timeRange) clauses.push(`from ${d.timeRange.start} to ${lastDay(d.timeRange.end)}`);
  if (d.comparison) {
    const { baseline } = d.comparison;
    clauses.push(`compared ${COMPARISON_LABELS[d.comparison.mode]}${baseline ? ` ${baseline.start} to ${lastDay(baseline.end)}` : ""}`);
  }
  if (d.groupBy) {
    const by = (g: NonNullable<QueryDimensions["groupBy"]>) => (g.dimension === "Tag" ? `tag ${g.tagKey}` : GROUP_LABELS[g.dimension]);
    clauses.push(`by ${by(d.groupBy)}${d.thenBy ? `, then by ${by(d.thenBy)}` : ""}`);
  }
  if (d.granularity) clauses.push(d.granularity);
  if (d.rate) clauses.push("as a daily average and run rate");
  if (d.direction) clauses.push("month by month, with its direction");
  if (d.growth) clauses.push("ranked by change");
  if (d.share) clauses.push("as a share of all costs");
  if (d.count) clauses.push("counted");
  if (d.unitCost) clauses.push("per pricing unit");
  if (d.metrics.length >= 2) clauses.push(`${d.metrics.join(" vs ")} side by side`);
  if (d.topN) clauses.push(`top ${d.topN}`);
  for (const t of d.thresholds) {
    const value = t.kind === "percent" ? `${t.value}%` : money(t.value);
    clauses.push(t.kind === "budget" ? `against a budget of ${value}` : `${t.op === "lt" ? "under" : "over"} ${value}`);
  }
  // A concept question, or a vague one with no scope, has nothing to restate; keep the user's words.
  const scoped = clauses.length > 0 || d.providers.length > 0 || d.metric !== undefined;
  if (intent === "general_query" || !scoped) return originalText.trim();
  const prefix = PREFIX[intent];
  return [prefix, subject, ...clauses].filter(Boolean).join(" ");
}
