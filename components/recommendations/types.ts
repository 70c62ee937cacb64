import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api/root";

type Outputs = inferRouterOutputs<AppRouter>;
type Inputs = inferRouterInputs<AppRouter>;

export type RecommendationListInput = Inputs["recommendation"]["list"];
export type RecommendationRow = Outputs["recommendation"]["list"]["items"][number];
export type RecommendationDetail = Outputs["recommendation"]["get"];
export type RecommendationSummary = Outputs["recommendation"]["summary"];
export type SortKey = NonNullable<RecommendationListInput["sort"]>;
export type WorkflowStatus = Inputs["recommendation"]["update"]["status"];

/** The actions people take, in the words on the buttons, and the status each one moves to. */
export const WORKFLOW_ACTIONS: { status: WorkflowStatus; label: string; testId: string }[] = [
  { status: "under_review", label: "Move to review", testId: "review" },
  { status: "implemented", label: "Mark implemented", testId: "implemented" },
  { status: "rejected", label: "Reject", testId: "reject" },
  { status: "active", label: "Reopen", testId: "reopen" },
];

/** The evidence JSON the generator stores: the figures it used and the SQL behind them. */
export interface RecommendationEvidence {
  figures?: Record<string, unknown>;
  queries?: { description?: string; sql?: string; params?: unknown[]; period?: unknown }[];
}
