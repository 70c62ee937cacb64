import { z } from "zod";
import { classifyQuery } from "../../agents/classifier/classify-query.ts";
import { rewriteQuery } from "../../agents/rewriter/rewrite.ts";
import { previousTurnOf } from "../../agents/supervisor.ts";
import { messageTextSchema, threadIdSchema } from "../../chat/schemas.ts";
import { costDataRange } from "../../finops/data-range.ts";
import { protectedProcedure, router } from "../trpc.ts";

export const agentRouter = router({
  /**
   * How a question would be understood, without running the specialists: intent, confidence, dimensions, the
   * rewritten query and sub-questions. With a threadId, the thread's last question is the follow-up context.
   */
  classify: protectedProcedure
    .input(z.object({ text: messageTextSchema, threadId: threadIdSchema.optional() }))
    .query(async ({ ctx, input }) => {
      const db = ctx.services.db;
      if (input.threadId) await ctx.threads.requireOwned(input.threadId);
      const previous = (input.threadId && (await previousTurnOf(db, input.threadId))) || undefined;
      const referenceDate = new Date().toISOString().slice(0, 10);
      const dataRange = (await costDataRange(db)) ?? undefined;
      const classification = classifyQuery({ text: input.text, referenceDate, context: { previous } });
      const rewritten = rewriteQuery({ text: input.text, classification, referenceDate, dataRange, previous });
      return {
        intent: rewritten.intent,
        confidence: classification.confidence,
        dimensions: rewritten.dimensions,
        rewrittenQuery: rewritten.rewrittenQuery,
        referenceNote: rewritten.referenceNote,
        subQuestions: classification.subQuestions,
        clarification: classification.clarification ?? null,
      };
    }),
});
