import type { Database } from "../adapters/db/database.ts";
import type { SessionUser } from "../auth/users.ts";
import { AppError, isUniqueViolation } from "../errors.ts";
import type { ConversationMessage } from "../generated/prisma/client.ts";
import type { AgentRunner } from "./agent-runner.ts";
import type { EventBus } from "./event-bus.ts";
import { EVENT_COLUMNS_RETURNED, publishEvent, threadEventFromRow, type EventRow, type ThreadEvent } from "./events.ts";
import { titleFromText, type ThreadRepository } from "./threads.ts";

export interface MessageView {
  id: string;
  threadId: string;
  role: ConversationMessage["role"];
  messageType: ConversationMessage["messageType"];
  content: string;
  metadata: Record<string, unknown>;
  orderingIndex: number;
  clientMessageId: string | null;
  createdAt: Date;
}

export const toMessageView = (m: ConversationMessage): MessageView => ({
  id: m.id,
  threadId: m.threadId,
  role: m.role,
  messageType: m.messageType,
  content: m.content,
  metadata: (m.metadata ?? {}) as Record<string, unknown>,
  orderingIndex: m.orderingIndex,
  clientMessageId: m.clientMessageId,
  createdAt: m.createdAt,
});

export interface SendResult {
  threadId: string;
  message: MessageView;
  /** The message's user_message event: subscribe with it as lastEventId to receive everything that follows. */
  eventId: string | null;
  /** false when this clientMessageId had already been sent: nothing new was stored. */
  created: boolean;
}

/**
 * Stores a user message (starting a thread when none is given) and its user_message event in one statement, then
 * hands the turn to the agent runner. Idempotent on clientMessageId: a retry returns the stored message.
 */
export async function sendMessage(
  deps: { db: Database; bus: EventBus; runner: AgentRunner; threads: ThreadRepository; user: SessionUser },
  input: { threadId?: string; text: string; clientMessageId: string },
): Promise<SendResult> {
  const { db, bus, runner, threads, user } = deps;
  const started = performance.now();

  // A retry of the send that started a thread carries no threadId: look for it across the user's threads.
  if (!input.threadId) {
    const previous = await findByClientId(db, user.id, input);
    if (previous) return duplicateResult(db, previous);
  }

  let stored: StoredMessage | null = null;
  for (let attempt = 0; ; attempt++) {
    try {
      stored = await storeUserMessage(db, user.id, input, started);
      break;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      // A concurrent send of the same clientMessageId won the race: answer with its message.
      const winner = await findByClientId(db, user.id, input);
      if (winner) return duplicateResult(db, winner);
      // Another message took the same ordering index at the same moment: take the next one.
      if (attempt >= 4) throw error;
    }
  }
  if (!stored) {
    // Nothing was stored: the message was sent before, or the thread is not the user's, or it is archived.
    const previous = await findByClientId(db, user.id, input);
    if (previous) return duplicateResult(db, previous);
    const thread = await threads.requireOwned(input.threadId!);
    if (!thread.isActive) throw new AppError("bad_request:thread", "This conversation is archived. Restore it to continue it.");
    throw new AppError("not_found:thread");
  }

  await publishEvent(bus, stored.event);
  await threads.notify({ threadId: stored.message.threadId, change: stored.newThread ? "created" : "message" });
  await runner.startTurn({ user, threadId: stored.message.threadId, messageId: stored.message.id, text: input.text });
  return {
    threadId: stored.message.threadId,
    message: toMessageView(stored.message),
    eventId: stored.event.eventId,
    created: true,
  };
}

async function duplicateResult(db: Database, message: ConversationMessage): Promise<SendResult> {
  const event = await db.prisma.conversationEvent.findFirst({
    where: { messageId: message.id, eventType: "user_message" },
    select: { eventId: true },
  });
  return { threadId: message.threadId, message: toMessageView(message), eventId: event?.eventId ?? null, created: false };
}

/** SQL for the next free ordering index of a thread (given as an SQL expression); the unique (thread, ordering
 * index) constraint turns a race into a unique violation. */
export const nextOrderingIndexSql = (threadId: string) =>
  `coalesce((SELECT max(m.ordering_index) FROM conversation_messages m WHERE m.thread_id = ${threadId}), -1) + 1`;

/** How a message's role maps onto its type: answers are responses, notices are context, questions are queries. */
export const messageTypeFor = (role: ConversationMessage["role"]): ConversationMessage["messageType"] =>
  role === "assistant" ? "response" : role === "system" ? "context" : "query";

interface StoredMessage {
  message: ConversationMessage;
  event: ThreadEvent;
  newThread: boolean;
}

/**
 * The thread (when new), the message at the thread's next ordering index and its user_message event, in one
 * statement (so one round trip, and atomic). An existing thread is written to only when it is the user's, it is
 * active and the clientMessageId is new to it; otherwise nothing is stored and the result is null. A concurrent
 * send that takes the same index or clientMessageId fails on the unique constraints, which the caller handles.
 */
async function storeUserMessage(
  db: Database,
  userId: string,
  input: { threadId?: string; text: string; clientMessageId: string },
  started: number,
): Promise<StoredMessage | null> {
  const params: unknown[] = [userId, input.text, input.clientMessageId, Math.round(performance.now() - started)];
  const thread = input.threadId
    ? `thread AS (
         SELECT t.id FROM conversation_threads t
          WHERE t.id = $${params.push(input.threadId)}::uuid AND t.user_id = $1 AND t.is_active
            AND NOT EXISTS (SELECT 1 FROM conversation_messages m WHERE m.thread_id = t.id AND m.client_message_id = $3))`
    : `thread AS (INSERT INTO conversation_threads (user_id, title) VALUES ($1, $${params.push(titleFromText(input.text))}) RETURNING id)`;
  const [row] = await db.sql.query<{ message: MessageRow; event: EventRow }>(
    `WITH ${thread},
     message AS (
       INSERT INTO conversation_messages (thread_id, role, message_type, content, client_message_id, ordering_index)
       SELECT thread.id, 'user', '${messageTypeFor("user")}', $2, $3, ${nextOrderingIndexSql("thread.id")}
         FROM thread
       RETURNING id, thread_id, role, message_type, content, metadata, ordering_index, client_message_id, created_at),
     event AS (
       INSERT INTO conversation_events (conversation_id, user_id, message_id, event_type, message_text, metadata, processing_time_ms)
       SELECT message.thread_id, $1, message.id, 'user_message', message.content,
              jsonb_build_object('clientMessageId', message.client_message_id, 'orderingIndex', message.ordering_index), $4
         FROM message
       RETURNING ${EVENT_COLUMNS_RETURNED})
     SELECT row_to_json(message) AS message, row_to_json(event) AS event FROM message, event`,
    params,
  );
  if (!row) return null;
  const m = row.message;
  const message: ConversationMessage = {
    id: m.id,
    threadId: m.thread_id,
    role: m.role,
    messageType: m.message_type,
    content: m.content,
    metadata: m.metadata,
    orderingIndex: m.ordering_index,
    clientMessageId: m.client_message_id,
    createdAt: new Date(m.created_at),
  };
  return { message, event: threadEventFromRow(row.event), newThread: !input.threadId };
}

interface MessageRow {
  id: string;
  thread_id: string;
  role: ConversationMessage["role"];
  message_type: ConversationMessage["messageType"];
  content: string;
  metadata: ConversationMessage["metadata"];
  ordering_index: number;
  client_message_id: string | null;
  created_at: string;
}

function findByClientId(db: Database, userId: string, input: { threadId?: string; clientMessageId: string }) {
  return db.prisma.conversationMessage.findFirst({
    where: {
      clientMessageId: input.clientMessageId,
      thread: { userId },
      ...(input.threadId ? { threadId: input.threadId } : {}),
    },
  });
}

/** Messages of an owned thread in conversation order, a page at a time. */
export async function listMessages(
  deps: { db: Database; threads: ThreadRepository },
  input: { threadId: string; limit: number; cursor?: number | null },
) {
  await deps.threads.requireOwned(input.threadId);
  const rows = await deps.db.prisma.conversationMessage.findMany({
    where: { threadId: input.threadId, ...(input.cursor != null ? { orderingIndex: { gt: input.cursor } } : {}) },
    orderBy: { orderingIndex: "asc" },
    take: input.limit + 1,
    // The owner's thumbs up/down on each answer, so it shows again after a reload.
    include: { feedback: { where: { userId: deps.threads.userId }, select: { rating: true, comment: true } } },
  });
  const page = rows.slice(0, input.limit);
  return {
    items: page.map(({ feedback, ...m }) => {
      const view = toMessageView(m);
      return feedback[0] ? { ...view, metadata: { ...view.metadata, feedback: feedback[0] } } : view;
    }),
    nextCursor: rows.length > input.limit ? page[page.length - 1]!.orderingIndex : null,
  };
}
