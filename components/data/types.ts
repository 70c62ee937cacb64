import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api/root";

type Outputs = inferRouterOutputs<AppRouter>;

export type IngestJob = Outputs["ingest"]["upload"];
export type IngestReport = NonNullable<IngestJob["report"]>;
export type CostSource = Outputs["cost"]["sources"][number];
