import { anomaliesInputSchema, detectAnomalies } from "../../finops/analytics/anomalies.ts";
import {
  commitmentAnalysis,
  commitmentCoverage,
  commitmentCoverageInput,
  commitmentsInputSchema,
  commitmentTrend,
  commitmentTrendInputSchema,
} from "../../finops/analytics/commitments.ts";
import { forecastCost, forecastInputSchema } from "../../finops/analytics/forecast.ts";
import { rightsizingFindings, rightsizingInputSchema } from "../../finops/analytics/rightsizing.ts";
import { schedulingInput, schedulingSavings } from "../../finops/analytics/scheduling.ts";
import { protectedProcedure, router } from "../trpc.ts";
import { inOneCurrency } from "./one-currency.ts";

/** Cost optimisation analyses (wired as `cost.*`): each returns `{ data, provenance }` from the cost store. */
export const costOptimizationRouter = router({
  /** Cost spikes per dimension value against a weekday-matched baseline, with their top contributors. */
  anomalies: protectedProcedure
    .input(anomaliesInputSchema)
    .query(({ ctx, input }) => inOneCurrency(ctx.services.db, input, detectAnomalies)),

  /** Month-end and next-months forecast with 80%/95% intervals and a two-month backtest. */
  forecast: protectedProcedure
    .input(forecastInputSchema)
    .query(({ ctx, input }) => inOneCurrency(ctx.services.db, input, forecastCost)),

  /** Commitment utilisation, coverage and a purchase recommendation. */
  commitments: protectedProcedure
    .input(commitmentsInputSchema)
    .query(({ ctx, input }) => inOneCurrency(ctx.services.db, input, commitmentAnalysis)),

  /** Commitment coverage of eligible usage per sub-account, billing account, region, provider or service. */
  commitmentCoverage: protectedProcedure
    .input(commitmentCoverageInput)
    .query(({ ctx, input }) => inOneCurrency(ctx.services.db, input, commitmentCoverage)),

  /** Commitment coverage and utilisation month by month (each calendar month the period touches, cut to it). */
  commitmentTrend: protectedProcedure
    .input(commitmentTrendInputSchema)
    .query(({ ctx, input }) => inOneCurrency(ctx.services.db, input, commitmentTrend)),

  /** Idle, oversized, spot-able and orphaned resources with estimated monthly savings. */
  rightsizing: protectedProcedure
    .input(rightsizingInputSchema)
    .query(({ ctx, input }) => inOneCurrency(ctx.services.db, input, rightsizingFindings)),

  /** What stopping on-demand virtual machines and databases outside a schedule's hours would save, per resource. */
  scheduling: protectedProcedure
    .input(schedulingInput)
    .query(({ ctx, input }) => inOneCurrency(ctx.services.db, input, schedulingSavings)),
});
