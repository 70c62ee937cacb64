import type { AnswerPayload, AnswerStatus, SavedFeedback, TurnProgress, TurnStep } from "./types";

/** A conversation event as thread.onEvent delivers it. */
export type LiveEvent = {
  eventId: string;
  messageId: string | null;
  eventType: string;
  messageText: string | null;
  metadata: Record<string, unknown>;
};

const str = (v: unknown) => (typeof v === "string" ? v : null);

// HardenedAgent statuses: success | partial | cancelled | timeout | error.
const stepState = (status: unknown): TurnStep["state"] =>
  status === "success" ? "done" : status === "cancelled" ? "stopped" : status == null ? "done" : "failed";

/** The running turn after one of its events (turn_started, step_started, step_finished, answer_delta). */
export function advanceTurn(turn: TurnProgress | null, event: LiveEvent): TurnProgress | null {
  const base = turn ?? { inReplyTo: str(event.metadata.inReplyTo), steps: [], draft: "", startedAt: Date.now() };
  switch (event.eventType) {
    case "turn_started":
      return { inReplyTo: str(event.metadata.inReplyTo) ?? event.messageId, steps: [], draft: "", startedAt: Date.now() };
    case "step_started": {
      const agent = str(event.metadata.agent) ?? "agent";
      const title = str(event.metadata.title) ?? str(event.metadata.label) ?? agent;
      return { ...base, steps: [...base.steps, { key: `${event.eventId}`, agent, title, state: "running" }] };
    }
    case "step_finished": {
      const agent = str(event.metadata.agent) ?? "agent";
      const title = str(event.metadata.title) ?? agent;
      const at = base.steps.findLastIndex((s) => s.state === "running" && s.agent === agent && s.title === title);
      const durationMs = typeof event.metadata.durationMs === "number" ? event.metadata.durationMs : undefined;
      const finished: TurnStep = { key: at >= 0 ? base.steps[at]!.key : event.eventId, agent, title, state: stepState(event.metadata.status), durationMs };
      const steps = [...base.steps];
      if (at >= 0) steps[at] = finished;
      else steps.push(finished);
      return { ...base, steps };
    }
    case "answer_delta":
      return { ...base, draft: base.draft + (event.messageText ?? "") };
    default:
      return turn;
  }
}

/** Steps still shown as running when the turn ends did not finish: they were stopped. */
export const settleSteps = (steps: TurnStep[]): TurnStep[] =>
  steps.map((s) => (s.state === "running" ? { ...s, state: "stopped" } : s));

export function readPayload(metadata: Record<string, unknown> | null | undefined): AnswerPayload | undefined {
  const payload = metadata?.payload as AnswerPayload | undefined;
  return payload && typeof payload === "object" && Array.isArray(payload.sections) ? payload : undefined;
}

export function readStatus(metadata: Record<string, unknown> | null | undefined): AnswerStatus | undefined {
  const status = metadata?.status;
  return status === "completed" || status === "cancelled" || status === "failed" ? status : undefined;
}

export function readFeedback(metadata: Record<string, unknown> | null | undefined): SavedFeedback | undefined {
  const f = metadata?.feedback as { rating?: unknown; comment?: unknown } | undefined;
  return f && (f.rating === "up" || f.rating === "down")
    ? { rating: f.rating, comment: typeof f.comment === "string" ? f.comment : null }
    : undefined;
}

/** regenerating / message_edited: the server removed what followed the question; these are not shown as notices. */
export function readReplacement(event: LiveEvent) {
  const kind = event.metadata.kind;
  if (event.eventType !== "system_event" || (kind !== "regenerating" && kind !== "message_edited")) return null;
  const removed = Array.isArray(event.metadata.removedMessageIds)
    ? event.metadata.removedMessageIds.filter((id): id is string => typeof id === "string")
    : [];
  return { kind, removed, messageId: event.messageId, text: kind === "message_edited" ? str(event.metadata.text) : null };
}
