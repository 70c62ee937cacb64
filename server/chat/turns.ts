import type { Database } from "../adapters/db/database.ts";
import type { SessionUser } from "../auth/users.ts";
import { AppError } from "../errors.ts";
import type { AgentRunner } from "./agent-runner.ts";
import type { EventBus } from "./event-bus.ts";
import { EVENT_COLUMNS_RETURNED, publishEvent, threadEventFromRow, type EventRow } from "./events.ts";
import type { ThreadRepository } from "./threads.ts";

interface TurnDeps {
  db: Database;
  bus: EventBus;
  runner: AgentRunner;
  threads: ThreadRepository;
  user: SessionUser;
}

/** Stop: cancels the thread's running turn; its partial answer is kept and marked. */
export async function stopTurn(deps: TurnDeps, threadId: string) {
  await deps.threads.requireOwned(threadId);
  return { stopped: (await deps.runner.cancel?.(threadId)) ?? false };
}

/** Regenerate: drops the answer to the last question and runs the question again. */
export async function regenerateTurn(deps: TurnDeps, threadId: string) {
  const thread = await deps.threads.requireOwned(threadId);
  if (!thread.isActive) throw new AppError("bad_request:thread", "This conversation is archived. Restore it to continue it.");
  const last = await deps.db.prisma.conversationMessage.findFirst({
    where: { threadId, role: "user" },
    orderBy: { orderingIndex: "desc" },
  });
  if (!last) throw new AppError("bad_request:message", "There is no question to answer again yet.");
  await replaceFollowers(deps, { threadId, after: last.orderingIndex, messageId: last.id, kind: "regenerating", text: last.content });
  return { messageId: last.id };
}

/** Edit: changes the last question and re-runs the conversation from there. */
export async function editLastMessage(deps: TurnDeps, input: { messageId: string; text: string }) {
  const message = await deps.db.prisma.conversationMessage.findFirst({
    where: { id: input.messageId, thread: { userId: deps.user.id } },
    include: { thread: true },
  });
  if (!message) throw new AppError("not_found:message");
  if (!message.thread.isActive) throw new AppError("bad_request:thread", "This conversation is archived. Restore it to continue it.");
  const last = await deps.db.prisma.conversationMessage.findFirst({
    where: { threadId: message.threadId, role: "user" },
    orderBy: { orderingIndex: "desc" },
    select: { id: true },
  });
  if (message.role !== "user" || last?.id !== message.id) {
    throw new AppError("bad_request:message", "Only your last message can be edited.");
  }
  await deps.db.prisma.conversationMessage.update({ where: { id: message.id }, data: { content: input.text } });
  await replaceFollowers(deps, {
    threadId: message.threadId,
    after: message.orderingIndex,
    messageId: message.id,
    kind: "message_edited",
    text: input.text,
  });
  return { messageId: message.id };
}

/** Removes what followed a question (the old answer, notices) and starts a new turn for it. */
async function replaceFollowers(
  deps: TurnDeps,
  input: { threadId: string; after: number; messageId: string; kind: "regenerating" | "message_edited"; text: string },
) {
  await deps.runner.cancel?.(input.threadId);
  // One statement: the followers go and the notice listing them is logged together, or neither.
  const [row] = await deps.db.sql.query<EventRow>(
    `WITH removed AS (
       DELETE FROM conversation_messages WHERE thread_id = $1 AND ordering_index > $2 RETURNING id, ordering_index)
     INSERT INTO conversation_events (conversation_id, user_id, message_id, event_type, message_text, metadata)
     SELECT $1, $3, $4, 'system_event', $5,
            jsonb_build_object('kind', $6::text, 'text', $7::text,
                               'removedMessageIds', (SELECT coalesce(jsonb_agg(id ORDER BY ordering_index), '[]') FROM removed))
     RETURNING ${EVENT_COLUMNS_RETURNED}`,
    [
      input.threadId,
      input.after,
      deps.user.id,
      input.messageId,
      input.kind === "regenerating" ? "Answering again." : "Question edited; answering again.",
      input.kind,
      input.text,
    ],
  );
  const event = threadEventFromRow(row!);
  await publishEvent(deps.bus, event);
  await deps.runner.startTurn({ user: deps.user, threadId: input.threadId, messageId: input.messageId, text: input.text });
}

/** Thumbs up/down with an optional comment on an answer in one of the user's threads (one per user and answer). */
export async function saveFeedback(
  deps: Pick<TurnDeps, "db" | "user">,
  input: { messageId: string; rating: "up" | "down"; comment?: string | null },
) {
  const message = await deps.db.prisma.conversationMessage.findFirst({
    where: { id: input.messageId, thread: { userId: deps.user.id } },
    select: { id: true, role: true },
  });
  if (!message) throw new AppError("not_found:message");
  if (message.role !== "assistant") throw new AppError("bad_request:message", "Feedback is for answers only.");
  return deps.db.prisma.messageFeedback.upsert({
    where: { messageId_userId: { messageId: input.messageId, userId: deps.user.id } },
    create: { messageId: input.messageId, userId: deps.user.id, rating: input.rating, comment: input.comment || null },
    update: { rating: input.rating, comment: input.comment || null },
    select: { messageId: true, rating: true, comment: true, updatedAt: true },
  });
}
