import type { Database } from "../adapters/db/database.ts";
import type { AgentRunner, Turn } from "./agent-runner.ts";
import type { EventBus } from "./event-bus.ts";
import { TurnJournal } from "./turn-journal.ts";

export const NO_AGENT_MESSAGE =
  "No agent is configured yet, so this message was saved without an answer. Answers arrive once the agents are installed.";

/**
 * The runner used when no agents are plugged in: it records (as a system message and its event, so a reload shows
 * it too) that nobody answered, and never invents an answer.
 */
export class NoAgentRunner implements AgentRunner {
  constructor(private readonly deps: { db: Database; bus: EventBus }) {}

  async startTurn(turn: Turn): Promise<void> {
    const started = performance.now();
    const journal = new TurnJournal(this.deps);
    const noticeId = journal.message({ threadId: turn.threadId, role: "system", content: NO_AGENT_MESSAGE, metadata: {} });
    journal.event({
      threadId: turn.threadId,
      userId: turn.user.id,
      messageId: noticeId,
      eventType: "system_event",
      messageText: NO_AGENT_MESSAGE,
      metadata: { kind: "no_agent_configured", inReplyTo: turn.messageId },
      processingTimeMs: Math.round(performance.now() - started),
    });
    await journal.flush();
  }
}
