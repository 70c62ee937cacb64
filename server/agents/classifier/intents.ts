import { z } from "zod";

/** The intents a FinOps question can carry. The names are the Postgres enum `intent_type`; keep them in step. */
export const INTENTS = {
  cost_analysis: "How much was spent: totals and trends for a period, scope or metric.",
  optimization_recommendation: "What to do to reduce cost: ranked actions and best practices.",
  cost_anomaly_detection: "Why spend jumped or dropped unexpectedly: spikes, outliers, unusual charges.",
  budget_tracking: "Spend against a budget or limit: burn rate, remaining budget, overruns.",
  resource_utilization: "How busy resources are: CPU, memory, idle or unused resources.",
  cost_allocation: "Who owns the cost: chargeback and showback by team, project, cost centre or account.",
  forecast_prediction: "What spend will be: projections for the month, quarter or year.",
  spend_comparison: "Spend compared across periods, providers, accounts or regions (MoM, YoY, A vs B).",
  service_breakdown: "Which services or categories make up the bill: split by service, top services.",
  tagging_compliance: "Tag coverage and hygiene: untagged resources, missing or inconsistent tags.",
  savings_opportunity: "How much could be saved: quantified savings potential and realised savings.",
  rightsizing: "Instances or databases that are too big or too small and what size they should be.",
  reserved_instance_analysis: "Commitments: reserved instances and savings plans coverage, utilisation, expiry.",
  spot_instance_analysis: "Spot and preemptible capacity: savings, interruptions, candidate workloads.",
  general_query: "FinOps concepts and how-to questions that need no bill data (what is amortized cost?).",
  clarification_needed: "Too vague to act on; the agent must ask a specific follow-up question.",
  multi_intent: "Two or more distinct asks in one message; each sub-question is answered on its own.",
} as const;

export type Intent = keyof typeof INTENTS;
export const INTENT_NAMES = Object.keys(INTENTS) as Intent[];
export const intentSchema = z.enum(INTENT_NAMES as [Intent, ...Intent[]]);

/** Intents decided by rules over the classifier's output rather than learned from examples. */
export const RULE_INTENTS = ["clarification_needed", "multi_intent"] as const satisfies readonly Intent[];
export type ContentIntent = Exclude<Intent, (typeof RULE_INTENTS)[number]>;
export const CONTENT_INTENTS = INTENT_NAMES.filter(
  (i): i is ContentIntent => !(RULE_INTENTS as readonly string[]).includes(i),
);
