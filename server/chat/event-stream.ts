import type { Database } from "../adapters/db/database.ts";
import { topics, type EventBus } from "./event-bus.ts";
import { eventsAfter, seqOfEvent, type ThreadEvent } from "./events.ts";

const REPLAY_PAGE = 500;

/**
 * A thread's events for one subscriber, with no gaps and no duplicates: listen to the live bus first, replay the
 * log after `lastEventId`, then pass live events whose seq is newer
 * than the last one yielded. Ownership of the thread is checked by the caller.
 */
export async function* streamThreadEvents(input: {
  db: Database;
  bus: EventBus;
  threadId: string;
  lastEventId?: string | null;
  signal: AbortSignal;
}): AsyncGenerator<ThreadEvent> {
  const { db, bus, threadId, signal } = input;
  const live = bus.subscribe<ThreadEvent>(topics.thread(threadId), signal)[Symbol.asyncIterator]();

  // Without a cursor the subscriber is live-only (the client loads history through message.list and passes the
  // thread's latest event id as its cursor, which closes the gap between the two).
  let lastSeq = 0;
  if (input.lastEventId) {
    lastSeq = (await seqOfEvent(db, { threadId, eventId: input.lastEventId })) ?? 0;
    for (;;) {
      const page = await eventsAfter(db, { threadId, afterSeq: lastSeq, limit: REPLAY_PAGE });
      for (const event of page) {
        lastSeq = event.seq;
        yield event;
      }
      if (page.length < REPLAY_PAGE || signal.aborted) break;
    }
  }

  while (!signal.aborted) {
    const next = await live.next();
    if (next.done) return;
    if (next.value.seq <= lastSeq) continue;
    lastSeq = next.value.seq;
    yield next.value;
  }
}
