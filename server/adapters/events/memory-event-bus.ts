import { EventEmitter, on } from "node:events";
import type { EventBus } from "../../chat/event-bus.ts";

/** Single-process EventBus (the default). */
export class InMemoryEventBus implements EventBus {
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  async publish(topic: string, message: unknown): Promise<void> {
    this.emitter.emit(topic, message);
  }

  subscribe<T>(topic: string, signal: AbortSignal): AsyncIterable<T> {
    // `on` registers its listener now (not on first read) and buffers, so nothing published after subscribe()
    // returns is lost while the caller replays history.
    const source = on(this.emitter, topic, { signal });
    return {
      async *[Symbol.asyncIterator]() {
        try {
          for await (const [message] of source) yield message as T;
        } catch (error) {
          if (!signal.aborted) throw error;
        }
      },
    };
  }

  async close(): Promise<void> {
    this.emitter.removeAllListeners();
  }
}
