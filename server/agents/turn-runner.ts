import type { Database } from "../adapters/db/database.ts";
import type { AgentRunner, Turn } from "../chat/agent-runner.ts";
import type { EventBus } from "../chat/event-bus.ts";
import { TurnJournal } from "../chat/turn-journal.ts";
import type { EventType } from "../generated/prisma/client.ts";
import type { Supervisor } from "./supervisor.ts";

/**
 * How long a turn's step events may wait to be stored together with what follows (a quick answer is then one write;
 * a slower turn's steps still show within this, well under what a reader notices).
 */
const STEP_EVENT_LINGER_MS = 50;

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
    // Everything the turn writes goes through its journal: stored by group commit, published once stored, in order.
    const journal = new TurnJournal({ db, bus, lingerMs: STEP_EVENT_LINGER_MS });
    const emitter = (to: TurnJournal) => (eventType: EventType, messageText: string | null, metadata: Record<string, unknown>, messageId = turn.messageId) =>
      to.event({ threadId: turn.threadId, userId: turn.user.id, messageId, eventType, messageText, metadata, processingTimeMs: elapsed() });
    const emit = emitter(journal);

    emit("turn_started", null, { inReplyTo: turn.messageId });
    try {
      const answer = await this.deps.supervisor.answer({
        threadId: turn.threadId,
        messageId: turn.messageId,
        text: turn.text,
        signal,
        journal,
        onStep: (step) => emit(step.phase === "started" ? "step_started" : "step_finished", null, { ...step }),
        onSection: (section) => emit("answer_delta", `${section.headline}\n\n`, { agent: section.agent, title: section.title }),
      });
      const metadata = { payload: answer.payload, status: answer.status, inReplyTo: turn.messageId };
      const answerId = journal.message({ threadId: turn.threadId, role: "assistant", content: answer.markdown, metadata });
      emit("agent_response", answer.markdown, metadata, answerId);
      emit("turn_finished", null, { status: answer.status, durationMs: elapsed(), inReplyTo: turn.messageId });
      await journal.flush();
    } catch (error) {
      // A failed write stops the journal (the log keeps no gaps), so the failure is reported through a fresh one.
      await journal.flush().catch(() => undefined);
      const report = new TurnJournal({ db, bus });
      const failed = emitter(report);
      failed("system_event", "Something went wrong while answering; nothing was lost. Please try again.", {
        kind: "turn_failed",
        error: (error as Error).message,
      });
      failed("turn_finished", null, { status: "failed", durationMs: elapsed(), inReplyTo: turn.messageId });
      await report.flush();
      throw error;
    }
  }
}
