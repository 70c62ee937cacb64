import type { Database } from "../adapters/db/database.ts";
import type { AgentRunner, Turn } from "./agent-runner.ts";
import type { EventBus } from "./event-bus.ts";
import { insertEvent, publishEvent } from "./events.ts";
import { appendSystemMessage } from "./messages.ts";

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
    const event = await this.deps.db.prisma.$transaction(async (tx) => {
      const notice = await appendSystemMessage(tx, { threadId: turn.threadId, content: NO_AGENT_MESSAGE });
      return insertEvent(tx, {
        threadId: turn.threadId,
        userId: turn.user.id,
        messageId: notice.id,
        eventType: "system_event",
        messageText: NO_AGENT_MESSAGE,
        metadata: { kind: "no_agent_configured", inReplyTo: turn.messageId },
        processingTimeMs: Math.round(performance.now() - started),
      });
    });
    await publishEvent(this.deps.bus, event);
  }
}
