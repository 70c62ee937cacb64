// A thread started in this tab by sending its first message: events may follow that message (a notice, an answer)
// before the thread's page opens, so that page resumes the event stream right after the message's own event.

const FRESH_FOR_MS = 30_000;
const fresh = new Map<string, { at: number; text: string; clientMessageId: string; messageId: string; eventId: string | null }>();

export function markFreshThread(
  threadId: string,
  first: { text: string; clientMessageId: string; messageId: string; eventId: string | null },
) {
  fresh.set(threadId, { at: Date.now(), ...first });
}

export function freshThread(threadId: string) {
  const entry = fresh.get(threadId);
  if (!entry) return null;
  if (Date.now() - entry.at > FRESH_FOR_MS) {
    fresh.delete(threadId);
    return null;
  }
  return entry;
}
