import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api/root";

type Outputs = inferRouterOutputs<AppRouter>;
export type StoredMessage = Outputs["message"]["list"]["items"][number];
export type ThreadDetails = Outputs["thread"]["get"];

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
    }
  | { kind: "notice"; key: string; text: string; eventId: string; messageId?: string };

/** An agent turn in progress, from turn_started / step_* / answer_delta events. */
export interface TurnProgress {
  step: string | null;
  draft: string;
}
