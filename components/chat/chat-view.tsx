"use client";

import { NewChat } from "./new-chat";
import { ThreadChat } from "./thread-chat";

export function ChatView({ threadId }: { threadId: string | null }) {
  return threadId ? <ThreadChat threadId={threadId} /> : <NewChat />;
}
