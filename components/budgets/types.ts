import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api/root";

type Outputs = inferRouterOutputs<AppRouter>;
type Inputs = inferRouterInputs<AppRouter>;

export type BudgetList = Outputs["budget"]["list"];
export type BudgetRow = BudgetList["budgets"][number];
export type BudgetStatusView = NonNullable<BudgetRow["status"]>;
export type BudgetHistoryView = Outputs["budget"]["history"]["budgets"][number];
export type BudgetCreateInput = Inputs["budget"]["create"];
export type BudgetScope = NonNullable<BudgetCreateInput["filters"]>;
