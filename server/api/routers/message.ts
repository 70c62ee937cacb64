import { listMessages, sendMessage } from "../../chat/messages.ts";
import { messageListInput, sendMessageInput } from "../../chat/schemas.ts";
import { protectedProcedure, router } from "../trpc.ts";

export const messageRouter = router({
  send: protectedProcedure.input(sendMessageInput).mutation(({ ctx, input }) =>
    sendMessage(
      {
        db: ctx.services.db,
        bus: ctx.services.bus,
        runner: ctx.services.runner,
        threads: ctx.threads,
        user: ctx.user,
      },
      input,
    ),
  ),

  list: protectedProcedure
    .input(messageListInput)
    .query(({ ctx, input }) => listMessages({ db: ctx.services.db, threads: ctx.threads }, input)),
});
