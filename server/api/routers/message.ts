import { z } from "zod";
import { listMessages, sendMessage } from "../../chat/messages.ts";
import { messageListInput, messageTextSchema, sendMessageInput, threadIdSchema } from "../../chat/schemas.ts";
import { editLastMessage, regenerateTurn, saveFeedback, stopTurn } from "../../chat/turns.ts";
import type { SessionUser } from "../../auth/users.ts";
import type { ThreadRepository } from "../../chat/threads.ts";
import { protectedProcedure, router, type Context } from "../trpc.ts";

type SignedInContext = Context & { user: SessionUser; threads: ThreadRepository };

const turnDeps = (ctx: SignedInContext) => ({
  db: ctx.services.db,
  bus: ctx.services.bus,
  runner: ctx.services.runner,
  threads: ctx.threads,
  user: ctx.user,
});

export const messageRouter = router({
  /** Stores the message and starts a turn; the answer streams on thread.onEvent. */
  send: protectedProcedure.input(sendMessageInput).mutation(({ ctx, input }) => sendMessage(turnDeps(ctx), input)),

  list: protectedProcedure
    .input(messageListInput)
    .query(({ ctx, input }) => listMessages({ db: ctx.services.db, threads: ctx.threads }, input)),

  /** Stops the running turn (the Stop button, Esc); the partial answer is kept and marked. */
  stop: protectedProcedure
    .input(z.object({ threadId: threadIdSchema }))
    .mutation(({ ctx, input }) => stopTurn(turnDeps(ctx), input.threadId)),

  /** Answers the last question again. */
  regenerate: protectedProcedure
    .input(z.object({ threadId: threadIdSchema }))
    .mutation(({ ctx, input }) => regenerateTurn(turnDeps(ctx), input.threadId)),

  /** Edits the last question and answers it again. */
  edit: protectedProcedure
    .input(z.object({ messageId: z.string().uuid("That is not a message id."), text: messageTextSchema }))
    .mutation(({ ctx, input }) => editLastMessage(turnDeps(ctx), input)),

  feedback: protectedProcedure
    .input(
      z.object({
        messageId: z.string().uuid("That is not a message id."),
        rating: z.enum(["up", "down"]),
        comment: z.string().trim().max(2000, "Comments are at most 2000 characters.").optional(),
      }),
    )
    .mutation(({ ctx, input }) => saveFeedback({ db: ctx.services.db, user: ctx.user }, input)),
});
