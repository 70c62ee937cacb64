// Cost analytics over the cost store, for the chat UI and API clients. Every procedure is a thin wrapper over a pure
// domain function in server/finops/analytics; inputs are the domain modules' own zod schemas, so clients share them.
// Results say their billing currency; a scope in several currencies is refused (amounts are never converted).
import { costAllocation, costAllocationInput } from "../../finops/analytics/allocation.ts";
import { costBreakdown, costBreakdownInput, costTotal, costTotalInput } from "../../finops/analytics/breakdown.ts";
import { budgetCoverage, budgetCoverageInput } from "../../finops/analytics/budget-coverage.ts";
import { budgetStatus, budgetStatusInput } from "../../finops/analytics/budgets.ts";
import { comparePeriods, comparePeriodsInput } from "../../finops/analytics/compare.ts";
import { countPerValue, countPerValueInput } from "../../finops/analytics/counts.ts";
import { savingsMetrics, savingsMetricsInput } from "../../finops/analytics/savings.ts";
import { tagCoverage, tagCoverageInput, tagGapsByValue, tagGapsByValueInput, topUntagged, topUntaggedInput } from "../../finops/analytics/tag-coverage.ts";
import { costTrend, costTrendInput } from "../../finops/analytics/trend.ts";
import { unitCostInput, unitCosts, unitCostTrend, unitCostTrendInput } from "../../finops/analytics/unit-cost.ts";
import { costVolatility, costVolatilityInput } from "../../finops/analytics/volatility.ts";
import { costPerVcpuHour, vcpuCostInput } from "../../finops/analytics/vcpu-cost.ts";
import { protectedProcedure, router } from "../trpc.ts";
import { inOneCurrency } from "./one-currency.ts";

export const costAnalysisRouter = router({
  total: protectedProcedure.input(costTotalInput).query(({ ctx, input }) => inOneCurrency(ctx.services.db, input, costTotal)),
  breakdown: protectedProcedure.input(costBreakdownInput).query(({ ctx, input }) => inOneCurrency(ctx.services.db, input, costBreakdown)),
  trend: protectedProcedure.input(costTrendInput).query(({ ctx, input }) => inOneCurrency(ctx.services.db, input, costTrend)),
  compare: protectedProcedure.input(comparePeriodsInput).query(({ ctx, input }) => inOneCurrency(ctx.services.db, input, comparePeriods)),
  counts: protectedProcedure.input(countPerValueInput).query(({ ctx, input }) => inOneCurrency(ctx.services.db, input, countPerValue)),
  volatility: protectedProcedure.input(costVolatilityInput).query(({ ctx, input }) => inOneCurrency(ctx.services.db, input, costVolatility)),
  budgets: protectedProcedure.input(budgetStatusInput).query(({ ctx, input }) => budgetStatus(ctx.services.db, input)),
  /** Which sub-accounts (billing accounts, providers, services, a tag's values) have a budget of their own, month to date. */
  budgetCoverage: protectedProcedure.input(budgetCoverageInput).query(({ ctx, input }) => budgetCoverage(ctx.services.db, input)),
  tagCoverage: protectedProcedure.input(tagCoverageInput).query(({ ctx, input }) => inOneCurrency(ctx.services.db, input, tagCoverage)),
  topUntagged: protectedProcedure.input(topUntaggedInput).query(({ ctx, input }) => inOneCurrency(ctx.services.db, input, topUntagged)),
  tagGapsByValue: protectedProcedure.input(tagGapsByValueInput).query(({ ctx, input }) => inOneCurrency(ctx.services.db, input, tagGapsByValue)),
  allocation: protectedProcedure.input(costAllocationInput).query(({ ctx, input }) => inOneCurrency(ctx.services.db, input, costAllocation)),
  savings: protectedProcedure.input(savingsMetricsInput).query(({ ctx, input }) => inOneCurrency(ctx.services.db, input, savingsMetrics)),
  unitCosts: protectedProcedure.input(unitCostInput).query(({ ctx, input }) => inOneCurrency(ctx.services.db, input, unitCosts)),
  /** One service's unit cost in one pricing unit, month by month. */
  unitCostTrend: protectedProcedure.input(unitCostTrendInput).query(({ ctx, input }) => inOneCurrency(ctx.services.db, input, unitCostTrend)),
  /** Cost per vCPU-hour of instance usage, by instance type (clouds bill instance-hours; the vCPUs come from the type). */
  vcpuCost: protectedProcedure.input(vcpuCostInput).query(({ ctx, input }) => inOneCurrency(ctx.services.db, input, costPerVcpuHour)),
});
