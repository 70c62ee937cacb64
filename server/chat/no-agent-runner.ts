import type { Database } from "../adapters/db/database.ts";
import type { AgentRunner, Turn } from "./agent-runner.ts";
import type { EventBus } from "./event-bus.ts";
import { appendEvent } from "./events.ts";

export const NO_AGENT_MESSAGE =
  "No agent is configured yet, so this message was saved without an answer. Answers arrive once the agents are installed.";

/** The runner used until agents are plugged in: it records that nobody answered, and never invents an answer. */
export class NoAgentRunner implements AgentRunner {
  constructor(private readonly deps: { db: Database; bus: EventBus }) {}

  async startTurn(turn: Turn): Promise<void> {
    const started = performance.now();
    await appendEvent(this.deps.db, this.deps.bus, {
      threadId: turn.threadId,
      userId: turn.user.id,
      messageId: turn.messageId,
      eventType: "system_event",
      messageText: NO_AGENT_MESSAGE,
      metadata: { kind: "no_agent_configured" },
      processingTimeMs: Math.round(performance.now() - started),
    });
  }
}
