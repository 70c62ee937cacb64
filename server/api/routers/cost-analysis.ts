// Cost analytics over the cost store, for the chat UI and API clients. Every procedure is a thin wrapper over a pure
// domain function in server/finops/analytics; inputs are the domain modules' own zod schemas, so clients share them.
import { costAllocation, costAllocationInput } from "../../finops/analytics/allocation.ts";
import { costBreakdown, costBreakdownInput, costTotal, costTotalInput } from "../../finops/analytics/breakdown.ts";
import { budgetStatus, budgetStatusInput } from "../../finops/analytics/budgets.ts";
import { comparePeriods, comparePeriodsInput } from "../../finops/analytics/compare.ts";
import { savingsMetrics, savingsMetricsInput } from "../../finops/analytics/savings.ts";
import { tagCoverage, tagCoverageInput, topUntagged, topUntaggedInput } from "../../finops/analytics/tag-coverage.ts";
import { costTrend, costTrendInput } from "../../finops/analytics/trend.ts";
import { protectedProcedure, router } from "../trpc.ts";

export const costAnalysisRouter = router({
  total: protectedProcedure.input(costTotalInput).query(({ ctx, input }) => costTotal(ctx.services.db, input)),
  breakdown: protectedProcedure.input(costBreakdownInput).query(({ ctx, input }) => costBreakdown(ctx.services.db, input)),
  trend: protectedProcedure.input(costTrendInput).query(({ ctx, input }) => costTrend(ctx.services.db, input)),
  compare: protectedProcedure.input(comparePeriodsInput).query(({ ctx, input }) => comparePeriods(ctx.services.db, input)),
  budgets: protectedProcedure.input(budgetStatusInput).query(({ ctx, input }) => budgetStatus(ctx.services.db, input)),
  tagCoverage: protectedProcedure.input(tagCoverageInput).query(({ ctx, input }) => tagCoverage(ctx.services.db, input)),
  topUntagged: protectedProcedure.input(topUntaggedInput).query(({ ctx, input }) => topUntagged(ctx.services.db, input)),
  allocation: protectedProcedure.input(costAllocationInput).query(({ ctx, input }) => costAllocation(ctx.services.db, input)),
  savings: protectedProcedure.input(savingsMetricsInput).query(({ ctx, input }) => savingsMetrics(ctx.services.db, input)),
});
