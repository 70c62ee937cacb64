import { adminRouter } from "./routers/admin.ts";
import { agentRouter } from "./routers/agent.ts";
import { authRouter } from "./routers/auth.ts";
import { budgetRouter } from "./routers/budget.ts";
import { costRouter } from "./routers/cost.ts";
import { ingestRouter } from "./routers/ingest.ts";
import { messageRouter } from "./routers/message.ts";
import { recommendationRouter } from "./routers/recommendation.ts";
import { systemRouter } from "./routers/system.ts";
import { threadRouter } from "./routers/thread.ts";
import { createCallerFactory, router } from "./trpc.ts";

export const appRouter = router({
  auth: authRouter,
  thread: threadRouter,
  message: messageRouter,
  recommendation: recommendationRouter,
  cost: costRouter,
  budget: budgetRouter,
  agent: agentRouter,
  ingest: ingestRouter,
  system: systemRouter,
  admin: adminRouter,
});

export type AppRouter = typeof appRouter;

/** Server-side caller (tests, scripts): `createCaller(createContextInner({ services, user, authMethod }))`. */
export const createCaller = createCallerFactory(appRouter);
