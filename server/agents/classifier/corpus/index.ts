import type { ContentIntent } from "../intents.ts";
import { budgetTracking } from "./budget-tracking.ts";
import { costAllocation } from "./cost-allocation.ts";
import { costAnalysis } from "./cost-analysis.ts";
import { costAnomalyDetection } from "./cost-anomaly-detection.ts";
import { forecastPrediction } from "./forecast-prediction.ts";
import { generalQuery } from "./general-query.ts";
import { optimizationRecommendation } from "./optimization-recommendation.ts";
import { reservedInstanceAnalysis } from "./reserved-instance-analysis.ts";
import { resourceUtilization } from "./resource-utilization.ts";
import { rightsizing } from "./rightsizing.ts";
import { savingsOpportunity } from "./savings-opportunity.ts";
import { serviceBreakdown } from "./service-breakdown.ts";
import { spendComparison } from "./spend-comparison.ts";
import { spotInstanceAnalysis } from "./spot-instance-analysis.ts";
import { taggingCompliance } from "./tagging-compliance.ts";

export { clarificationNeeded, multiIntent } from "./rule-intents.ts";

export interface LabelledExample {
  text: string;
  intent: ContentIntent;
}

/** The hand-written corpus for the intents the model learns, one list per intent. */
export const CORPUS: Record<ContentIntent, string[]> = {
  cost_analysis: costAnalysis,
  optimization_recommendation: optimizationRecommendation,
  cost_anomaly_detection: costAnomalyDetection,
  budget_tracking: budgetTracking,
  resource_utilization: resourceUtilization,
  cost_allocation: costAllocation,
  forecast_prediction: forecastPrediction,
  spend_comparison: spendComparison,
  service_breakdown: serviceBreakdown,
  tagging_compliance: taggingCompliance,
  savings_opportunity: savingsOpportunity,
  rightsizing,
  reserved_instance_analysis: reservedInstanceAnalysis,
  spot_instance_analysis: spotInstanceAnalysis,
  general_query: generalQuery,
};

// Every 5th example of each intent (positions 4, 9, ...) is held out. Position-based so the split never moves when
// the model changes, and spread through each list so terse, misspelled and chatty forms all land in both halves.
const HOLD_OUT_EVERY = 5;

function split(heldOut: boolean): LabelledExample[] {
  return Object.entries(CORPUS).flatMap(([intent, texts]) =>
    texts
      .filter((_, i) => (i % HOLD_OUT_EVERY === HOLD_OUT_EVERY - 1) === heldOut)
      .map((text) => ({ text, intent: intent as ContentIntent })),
  );
}

export const TRAIN_SPLIT: LabelledExample[] = split(false);
export const TEST_SPLIT: LabelledExample[] = split(true);
/** Everything, for the model the agents use at runtime (the test split is only for measuring). */
export const ALL_EXAMPLES: LabelledExample[] = [...TRAIN_SPLIT, ...TEST_SPLIT];
