import { z } from "zod";
import { generateRecommendations } from "../../finops/recommendations/generate.ts";
import {
  recommendationFiltersSchema,
  recommendationListInput,
  recommendationUpdateInput,
} from "../../finops/recommendations/schemas.ts";
import {
  exportRecommendationsCsv,
  getRecommendation,
  listRecommendations,
  recommendationFacets,
  recommendationSummary,
  updateRecommendationStatus,
} from "../../finops/recommendations/store.ts";
import { adminProcedure, protectedProcedure, router } from "../trpc.ts";

// Members read recommendations; only admins change them.
export const recommendationRouter = router({
  list: protectedProcedure.input(recommendationListInput).query(({ ctx, input }) => listRecommendations(ctx.services.db, input)),

  get: protectedProcedure
    .input(z.object({ id: z.string().uuid("That is not a recommendation id.") }))
    .query(({ ctx, input }) => getRecommendation(ctx.services.db, input.id)),

  summary: protectedProcedure.query(({ ctx }) => recommendationSummary(ctx.services.db)),

  /** Providers and billing accounts that have recommendations: the choices of the list's filters. */
  facets: protectedProcedure.query(({ ctx }) => recommendationFacets(ctx.services.db)),

  /** Moves one or many recommendations through the workflow (bulk actions pass several ids). */
  update: adminProcedure
    .input(recommendationUpdateInput)
    .mutation(({ ctx, input }) => updateRecommendationStatus(ctx.services.db, { ...input, userId: ctx.user.id })),

  export: protectedProcedure.input(recommendationFiltersSchema.default({})).query(async ({ ctx, input }) => ({
    fileName: `recommendations-${new Date().toISOString().slice(0, 10)}.csv`,
    contentType: "text/csv",
    csv: await exportRecommendationsCsv(ctx.services.db, input),
  })),

  /** Re-runs the generator over the current cost data. */
  regenerate: adminProcedure.mutation(({ ctx }) => generateRecommendations(ctx.services.db)),
});
