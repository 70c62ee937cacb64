import { z } from "zod";
import { costDataStatus } from "../../finops/data-range.ts";
import { AppError } from "../../errors.ts";
import { deleteSource, listSources } from "../../finops/ingest/sources.ts";
import { generateRecommendations } from "../../finops/recommendations/generate.ts";
import { adminProcedure, mergeRouters, protectedProcedure, router } from "../trpc.ts";
import { costAnalysisRouter } from "./cost-analysis.ts";
import { costOptimizationRouter } from "./cost-optimization.ts";

const costDataRouter = router({
  /** Imported files: name, periods, rows, totals, when and by whom. */
  sources: protectedProcedure.query(({ ctx }) => listSources(ctx.services.db)),

  /** Removes an import with its line items and rollups (admins). */
  deleteSource: adminProcedure
    .input(z.object({ id: z.string().uuid("That is not a source id.") }))
    .mutation(async ({ ctx, input }) => {
      if (!(await deleteSource(ctx.services.db, input.id))) throw new AppError("not_found:source", "That import does not exist.");
      // Recommendations follow the data.
      await generateRecommendations(ctx.services.db);
      return { deleted: true };
    }),

  /** Whether cost data is loaded, the days it covers, and whether it is the demo dataset (for the banner). */
  status: protectedProcedure.query(({ ctx }) => costDataStatus(ctx.services.db)),
});

/** `cost.*`: every analysis as a typed procedure returning `{ data, provenance }`, plus the imported sources. */
export const costRouter = mergeRouters(costAnalysisRouter, costOptimizationRouter, costDataRouter);
