import { z } from "zod";
import { listUsers, setUserRole } from "../../auth/users.ts";
import {
  agentPerformance,
  highValueLowEffortRecommendations,
  intentDistribution,
  lowConfidenceIntents,
  recentFailures,
} from "../../monitoring/queries.ts";
import { adminProcedure, router } from "../trpc.ts";

export const adminRouter = router({
  users: router({
    list: adminProcedure.query(({ ctx }) => listUsers(ctx.services.db)),
    setRole: adminProcedure
      .input(z.object({ userId: z.string().uuid(), role: z.enum(["member", "admin"]) }))
      .mutation(({ ctx, input }) => setUserRole(ctx.services.db, input)),
  }),

  monitoring: router({
    agentPerformance: adminProcedure
      .input(z.object({ days: z.number().int().min(1).max(90).default(7) }).default({ days: 7 }))
      .query(({ ctx, input }) => agentPerformance(ctx.services.db, input)),
    lowConfidenceIntents: adminProcedure
      .input(
        z
          .object({
            threshold: z.number().min(0).max(1).default(0.7),
            limit: z.number().int().min(1).max(200).default(50),
          })
          .default({ threshold: 0.7, limit: 50 }),
      )
      .query(({ ctx, input }) => lowConfidenceIntents(ctx.services.db, input)),
    highValueRecommendations: adminProcedure
      .input(
        z
          .object({
            minSavingsUsd: z.number().min(0).default(1000),
            maxEffortHours: z.number().min(0).default(8),
            limit: z.number().int().min(1).max(200).default(50),
          })
          .default({ minSavingsUsd: 1000, maxEffortHours: 8, limit: 50 }),
      )
      .query(({ ctx, input }) => highValueLowEffortRecommendations(ctx.services.db, input)),
    recentFailures: adminProcedure
      .input(z.object({ limit: z.number().int().min(1).max(200).default(25) }).default({ limit: 25 }))
      .query(({ ctx, input }) => recentFailures(ctx.services.db, input)),
    intentDistribution: adminProcedure
      .input(z.object({ days: z.number().int().min(1).max(90).default(7) }).default({ days: 7 }))
      .query(({ ctx, input }) => intentDistribution(ctx.services.db, input)),
  }),
});
