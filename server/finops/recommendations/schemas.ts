import { z } from "zod";

// Shared by the recommendation procedures and the admin page's filters and forms.
export const RECOMMENDATION_STATUSES = ["active", "under_review", "implemented", "rejected", "obsolete"] as const;
export type RecommendationStatus = (typeof RECOMMENDATION_STATUSES)[number];
export const RECOMMENDATION_CATEGORIES = [
  "rightsizing",
  "idle",
  "orphaned",
  "spot",
  "commitment",
  "tagging",
  "anomaly",
] as const;

/**
 * A quick win: at least this much a month (in its billing currency) for at most this many hours of work. The admin
 * page's summary and the chat's "quick wins" answer use the same bar.
 */
export const QUICK_WIN = { minMonthlySavings: 100, maxEffortHours: 4 } as const;

/**
 * The workflow people drive: active -> under_review -> implemented | rejected, with a way back to active for a
 * review that is dropped or a rejection that is reconsidered. Only the generator marks a finding obsolete.
 */
export const ALLOWED_TRANSITIONS: Record<RecommendationStatus, readonly RecommendationStatus[]> = {
  active: ["under_review", "rejected"],
  under_review: ["implemented", "rejected", "active"],
  rejected: ["active"],
  implemented: [],
  obsolete: [],
};

export const recommendationFiltersSchema = z.object({
  status: z.array(z.enum(RECOMMENDATION_STATUSES)).max(5).optional(),
  category: z.array(z.string().trim().min(1).max(50)).max(20).optional(),
  provider: z.string().trim().min(1).max(100).optional(),
  billingAccountId: z.string().trim().min(1).max(200).optional(),
  minSavingsUsd: z.number().min(0, "Minimum savings cannot be negative.").optional(),
  maxEffortHours: z.number().min(0, "Maximum effort cannot be negative.").optional(),
  search: z.string().trim().max(200, "Search text is at most 200 characters.").optional(),
  /** About a resource carrying this tag ("team" = "ml"), as its cost data tags it. */
  tag: z
    .object({
      key: z.string().trim().min(1, "Give the tag key.").max(200, "Tag keys are at most 200 characters."),
      value: z.string().trim().min(1, "Give the tag value.").max(200, "Tag values are at most 200 characters."),
    })
    .optional(),
});
export type RecommendationFilters = z.infer<typeof recommendationFiltersSchema>;

export const recommendationListInput = recommendationFiltersSchema.extend({
  sort: z.enum(["priority", "savings", "effort", "expiry", "created"]).default("priority"),
  direction: z.enum(["asc", "desc"]).optional(),
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(200).default(50),
});

export const recommendationUpdateInput = z.object({
  ids: z.array(z.string().uuid()).min(1, "Select at least one recommendation.").max(500, "Update at most 500 at a time."),
  status: z.enum(["active", "under_review", "implemented", "rejected"], {
    error: "Status must be active, under review, implemented or rejected.",
  }),
  note: z.string().trim().max(1000, "Notes are at most 1000 characters.").optional(),
});
