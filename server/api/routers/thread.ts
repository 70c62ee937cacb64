import { tracked } from "@trpc/server";
import { streamThreadEvents } from "../../chat/event-stream.ts";
import { topics } from "../../chat/event-bus.ts";
import type { ThreadChange } from "../../chat/threads.ts";
import {
  onEventInput,
  threadIdSchema,
  threadListInput,
  threadSearchInput,
  threadTitleSchema,
} from "../../chat/schemas.ts";
import { z } from "zod";
import { protectedProcedure, router } from "../trpc.ts";

export const threadRouter = router({
  list: protectedProcedure.input(threadListInput).query(({ ctx, input }) => ctx.threads.list(input)),

  get: protectedProcedure
    .input(z.object({ threadId: threadIdSchema }))
    .query(({ ctx, input }) => ctx.threads.get(input.threadId)),

  create: protectedProcedure
    .input(z.object({ title: threadTitleSchema.optional() }))
    .mutation(({ ctx, input }) => ctx.threads.create(input)),

  rename: protectedProcedure
    .input(z.object({ threadId: threadIdSchema, title: threadTitleSchema }))
    .mutation(({ ctx, input }) => ctx.threads.rename(input)),

  archive: protectedProcedure
    .input(z.object({ threadId: threadIdSchema }))
    .mutation(({ ctx, input }) => ctx.threads.setActive({ threadId: input.threadId, active: false })),

  restore: protectedProcedure
    .input(z.object({ threadId: threadIdSchema }))
    .mutation(({ ctx, input }) => ctx.threads.setActive({ threadId: input.threadId, active: true })),

  search: protectedProcedure.input(threadSearchInput).query(({ ctx, input }) => ctx.threads.search(input)),

  /** A thread's events, resumable: on reconnect tRPC sends the last tracked id back as `lastEventId`. */
  onEvent: protectedProcedure.input(onEventInput).subscription(async ({ ctx, input, signal }) => {
    // Checked before the stream starts, so another user's thread id fails the subscription with NOT_FOUND.
    await ctx.threads.requireOwned(input.threadId);
    const aborted = signal ?? new AbortController().signal;
    const { db, bus, connections } = ctx.services;
    return (async function* () {
      const release = connections.subscribe(ctx.connectionId, input.threadId);
      try {
        const events = streamThreadEvents({ db, bus, threadId: input.threadId, lastEventId: input.lastEventId, signal: aborted });
        for await (const event of events) yield tracked(event.eventId, event);
      } finally {
        release();
      }
    })();
  }),

  /** Changes to the user's thread list (created, renamed, archived, new message), so every tab stays current. */
  onChange: protectedProcedure.subscription(async function* ({ ctx, signal }) {
    const aborted = signal ?? new AbortController().signal;
    for await (const change of ctx.services.bus.subscribe<ThreadChange>(topics.user(ctx.user.id), aborted)) {
      yield change;
    }
  }),
});
