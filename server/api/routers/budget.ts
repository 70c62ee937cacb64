import { budgetIdInput, budgetInput, budgetUpdateInput } from "../../finops/budgets/schemas.ts";
import { budgetHistoryQuery, createBudget, deleteBudget, listBudgetHistory, listBudgetsWithStatus, updateBudget } from "../../finops/budgets/store.ts";
import { adminProcedure, protectedProcedure, router } from "../trpc.ts";

// Everyone reads budgets and how they are doing; only admins create, edit or delete them.
export const budgetRouter = router({
  /** Every budget with its current period's spend, projection and status, as of the last day of cost data (`asOf`). */
  list: protectedProcedure.query(({ ctx }) => listBudgetsWithStatus(ctx.services.db)),

  /**
   * Each budget's periods overlapping `period` (read whole): spend, whether and when it went over and by how much;
   * `asOf` (default: the last day of cost data) marks the period still running.
   */
  history: protectedProcedure.input(budgetHistoryQuery).query(({ ctx, input }) => listBudgetHistory(ctx.services.db, input)),

  create: adminProcedure.input(budgetInput).mutation(({ ctx, input }) => createBudget(ctx.services.db, input)),

  /** Replaces every field of the budget. */
  update: adminProcedure.input(budgetUpdateInput).mutation(({ ctx, input }) => updateBudget(ctx.services.db, input)),

  delete: adminProcedure.input(budgetIdInput).mutation(({ ctx, input }) => deleteBudget(ctx.services.db, input.id)),
});
