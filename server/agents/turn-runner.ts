import type { Database } from "../adapters/db/database.ts";
import type { AgentRunner, Turn } from "../chat/agent-runner.ts";
import type { EventBus } from "../chat/event-bus.ts";
import { appendEvent, insertEvent, publishEvent } from "../chat/events.ts";
import { appendSystemMessage } from "../chat/messages.ts";
import type { EventType, Prisma } from "../generated/prisma/client.ts";
import type { Supervisor } from "./supervisor.ts";

/**
 * Runs turns through the supervisor in the background and streams them as conversation events: turn_started, a
 * step_started/step_finished pair per agent, answer_delta as each part of the answer is ready, then the stored
 * assistant message with its agent_response event, and turn_finished. Every event is persisted, so a reconnecting
 * client replays the turn exactly. One turn per thread at a time: a new question or Stop cancels the running one.
 */
export class SupervisorRunner implements AgentRunner {
  private readonly running = new Map<string, { controller: AbortController; done: Promise<void> }>();

  constructor(
    private readonly deps: {
      db: Database;
      bus: EventBus;
      supervisor: Supervisor;
      onError?: (error: unknown) => void;
    },
  ) {}

  async startTurn(turn: Turn): Promise<void> {
    await this.cancel(turn.threadId);
    const controller = new AbortController();
    const done = this.execute(turn, controller.signal)
      .catch((error) => this.deps.onError?.(error) ?? console.error("[turn]", error))
      .finally(() => {
        if (this.running.get(turn.threadId)?.controller === controller) this.running.delete(turn.threadId);
      });
    this.running.set(turn.threadId, { controller, done });
  }

  /** Stops the thread's running turn; resolves once its partial answer is stored. */
  async cancel(threadId: string): Promise<boolean> {
    const entry = this.running.get(threadId);
    if (!entry) return false;
    entry.controller.abort(new Error("Stopped by the user"));
    await entry.done;
    return true;
  }

  isRunning(threadId: string): boolean {
    return this.running.has(threadId);
  }

  /** Resolves when no turn is running (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.running.size) await Promise.all([...this.running.values()].map((r) => r.done));
  }

  private async execute(turn: Turn, signal: AbortSignal): Promise<void> {
    const { db, bus } = this.deps;
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    const emit = (eventType: EventType, messageText: string | null, metadata: Record<string, unknown>) =>
      appendEvent(db, bus, {
        threadId: turn.threadId,
        userId: turn.user.id,
        messageId: turn.messageId,
        eventType,
        messageText,
        metadata,
        processingTimeMs: elapsed(),
      });

    await emit("turn_started", null, { inReplyTo: turn.messageId });
    try {
      const answer = await this.deps.supervisor.answer({
        threadId: turn.threadId,
        messageId: turn.messageId,
        text: turn.text,
        signal,
        onStep: async (step) => {
          await emit(step.phase === "started" ? "step_started" : "step_finished", null, { ...step });
        },
        onSection: async (section) => {
          await emit("answer_delta", `${section.headline}\n\n`, { agent: section.agent, title: section.title });
        },
      });
      const event = await db.prisma.$transaction(async (tx) => {
        const message = await appendSystemMessage(tx, {
          threadId: turn.threadId,
          role: "assistant",
          content: answer.markdown,
          metadata: { payload: answer.payload, status: answer.status, inReplyTo: turn.messageId },
        });
        return insertEvent(tx, {
          threadId: turn.threadId,
          userId: turn.user.id,
          messageId: message.id,
          eventType: "agent_response",
          messageText: answer.markdown,
          metadata: { payload: answer.payload as unknown as Prisma.InputJsonValue, status: answer.status, inReplyTo: turn.messageId } as Record<string, unknown>,
          processingTimeMs: elapsed(),
        });
      });
      await publishEvent(bus, event);
      await emit("turn_finished", null, { status: answer.status, durationMs: elapsed(), inReplyTo: turn.messageId });
    } catch (error) {
      await emit("system_event", "Something went wrong while answering; nothing was lost. Please try again.", {
        kind: "turn_failed",
        error: (error as Error).message,
      });
      await emit("turn_finished", null, { status: "failed", durationMs: elapsed(), inReplyTo: turn.messageId });
      throw error;
    }
  }
}
