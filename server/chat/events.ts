import type { Database } from "../adapters/db/database.ts";
import type { EventType } from "../generated/prisma/client.ts";
import { topics, type EventBus } from "./event-bus.ts";

/** A conversation event as subscribers see it. `seq` orders events within the whole log. */
export interface ThreadEvent {
  eventId: string;
  seq: number;
  threadId: string;
  messageId: string | null;
  eventType: EventType;
  agentType: string;
  messageText: string | null;
  metadata: Record<string, unknown>;
  processingTimeMs: number | null;
  createdAt: Date;
}

/** The columns an event is read with (`SELECT` or `RETURNING ${EVENT_COLUMNS_RETURNED}`), by threadEventFromRow. */
export const EVENT_COLUMNS_RETURNED = "seq, event_id, conversation_id, message_id, event_type, agent_type, message_text, metadata, processing_time_ms, created_at";

/** An event row as SQL returns it. */
export interface EventRow {
  seq: string | number | bigint;
  event_id: string;
  conversation_id: string;
  message_id: string | null;
  event_type: EventType;
  agent_type: string;
  message_text: string | null;
  metadata: Record<string, unknown> | null;
  processing_time_ms: number | null;
  created_at: Date | string;
}

export const threadEventFromRow = (r: EventRow): ThreadEvent => ({
  eventId: r.event_id,
  seq: Number(r.seq),
  threadId: r.conversation_id,
  messageId: r.message_id,
  eventType: r.event_type,
  agentType: r.agent_type,
  messageText: r.message_text,
  metadata: r.metadata ?? {},
  processingTimeMs: r.processing_time_ms,
  createdAt: new Date(r.created_at),
});

export interface NewEvent {
  threadId: string;
  userId: string;
  eventType: EventType;
  messageId?: string | null;
  messageText?: string | null;
  metadata?: Record<string, unknown>;
  processingTimeMs?: number | null;
}

export async function publishEvent(bus: EventBus, event: ThreadEvent): Promise<void> {
  await bus.publish(topics.thread(event.threadId), event);
}

/** The sequence number of an event in a thread, or null when it is not in that thread. */
export async function seqOfEvent(db: Database, input: { threadId: string; eventId: string }): Promise<number | null> {
  const row = await db.prisma.conversationEvent.findFirst({
    where: { eventId: input.eventId, conversationId: input.threadId },
    select: { seq: true },
  });
  return row ? Number(row.seq) : null;
}

/** Events of a thread after a sequence number, oldest first. */
export async function eventsAfter(
  db: Database,
  input: { threadId: string; afterSeq: number; limit: number },
): Promise<ThreadEvent[]> {
  const rows = await db.sql.query<EventRow>(
    `SELECT ${EVENT_COLUMNS_RETURNED} FROM conversation_events WHERE conversation_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
    [input.threadId, input.afterSeq, input.limit],
  );
  return rows.map(threadEventFromRow);
}

export async function latestEventId(db: Database, threadId: string): Promise<string | null> {
  const row = await db.prisma.conversationEvent.findFirst({
    where: { conversationId: threadId },
    orderBy: { seq: "desc" },
    select: { eventId: true },
  });
  return row?.eventId ?? null;
}
