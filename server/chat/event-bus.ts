/**
 * Live fan-out of conversation events between the code that appends them and every subscriber (browser tabs,
 * scripts), possibly in other instances. The database stays the source of truth: a subscriber that misses a live
 * message catches up from the event log.
 */
export interface EventBus {
  publish(topic: string, message: unknown): Promise<void>;
  /** Messages published on topic after the call, buffered until read; ends when signal aborts. */
  subscribe<T>(topic: string, signal: AbortSignal): AsyncIterable<T>;
  close(): Promise<void>;
}

export const topics = {
  thread: (threadId: string) => `thread:${threadId}`,
  user: (userId: string) => `user:${userId}`,
  /** `{ tokenId }` when an API token is revoked: every instance ends the WebSockets it opened. */
  revokedTokens: "api-tokens:revoked",
};
