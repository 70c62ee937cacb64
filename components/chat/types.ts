import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api/root";
import type { AnswerPayload } from "@/server/agents/answer";

type Outputs = inferRouterOutputs<AppRouter>;
export type StoredMessage = Outputs["message"]["list"]["items"][number];
export type ThreadDetails = Outputs["thread"]["get"];

// The answer shape travels as JSON in message metadata, so its type comes from the module that builds it (type only).
export type {
  AnswerChart,
  AnswerPayload,
  AnswerSection,
  AnswerTable,
  ColumnFormat,
  RecommendationCard,
} from "@/server/agents/answer";

export type AnswerStatus = "completed" | "cancelled" | "failed";
export type FeedbackRating = "up" | "down";
export interface SavedFeedback {
  rating: FeedbackRating;
  comment: string | null;
}

/** What the message list shows: stored or live messages, and quiet system notices. */
export type ChatItem =
  | {
      kind: "message";
      key: string;
      role: "user" | "assistant" | "system";
      content: string;
      messageId?: string;
      clientMessageId?: string;
      /** Only for messages typed in this tab: sending, failed (with the reason), or stored. */
      status?: "sending" | "failed" | "sent";
      error?: string;
      /** Assistant answers: the structured answer and how its turn ended. */
      payload?: AnswerPayload;
      answerStatus?: AnswerStatus;
      /** Saved thumbs up/down, when the server includes it. */
      feedback?: SavedFeedback;
      /** The steps of the turn that produced this answer, when it was watched live in this tab. */
      steps?: TurnStep[];
    }
  | { kind: "notice"; key: string; text: string; eventId: string; messageId?: string };

/** One agent's step in a turn, from step_started / step_finished. */
export interface TurnStep {
  key: string;
  agent: string;
  title: string;
  state: "running" | "done" | "failed" | "stopped";
  durationMs?: number;
}

/** An agent turn in progress, from turn_started / step_* / answer_delta events. */
export interface TurnProgress {
  inReplyTo: string | null;
  steps: TurnStep[];
  draft: string;
  startedAt: number;
}
