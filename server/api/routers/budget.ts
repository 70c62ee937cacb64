import { budgetIdInput, budgetInput, budgetUpdateInput } from "../../finops/budgets/schemas.ts";
import { createBudget, deleteBudget, listBudgetsWithStatus, updateBudget } from "../../finops/budgets/store.ts";
import { adminProcedure, protectedProcedure, router } from "../trpc.ts";

// Everyone reads budgets and how they are doing; only admins create, edit or delete them.
export const budgetRouter = router({
  /** Every budget with its current period's spend, projection and status, as of the last day of cost data (`asOf`). */
  list: protectedProcedure.query(({ ctx }) => listBudgetsWithStatus(ctx.services.db)),

  create: adminProcedure.input(budgetInput).mutation(({ ctx, input }) => createBudget(ctx.services.db, input)),

  /** Replaces every field of the budget. */
  update: adminProcedure.input(budgetUpdateInput).mutation(({ ctx, input }) => updateBudget(ctx.services.db, input)),

  delete: adminProcedure.input(budgetIdInput).mutation(({ ctx, input }) => deleteBudget(ctx.services.db, input.id)),
});
