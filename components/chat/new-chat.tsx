"use client";

import { useInfiniteQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { useTRPC, useTRPCClient } from "@/components/trpc/provider";
import { errorMessage } from "@/components/ui/errors";
import { PAGE_SIZE } from "@/components/threads/thread-history";
import { Composer } from "./composer";
import { ExampleQuestions } from "./example-questions";
import { markFreshThread } from "./fresh-threads";
import { MessageList } from "./message-list";
import { newClientMessageId, withNetworkRetry } from "./send-with-retry";
import type { ChatItem } from "./types";

type Pending = { text: string; clientMessageId: string; status: "sending" | "failed"; error?: string };

/** A new conversation: the first message creates the thread, then the page becomes that thread's page. */
export function NewChat() {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const router = useRouter();
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const [draft, setDraft] = useState("");
  const [pending, setPending] = useState<Pending | null>(null);
  // Same cache entry as the sidebar's history, so this costs no extra request.
  const history = useInfiniteQuery(
    trpc.thread.list.infiniteQueryOptions(
      { limit: PAGE_SIZE, archived: false },
      { getNextPageParam: (page) => page.nextCursor ?? undefined },
    ),
  );
  const hasThreads = (history.data?.pages[0]?.items.length ?? 0) > 0;

  async function deliver(text: string, clientMessageId: string) {
    setPending({ text, clientMessageId, status: "sending" });
    try {
      const result = await withNetworkRetry(() => client.message.send.mutate({ text, clientMessageId }));
      markFreshThread(result.threadId, { text, clientMessageId, messageId: result.message.id, eventId: result.eventId });
      void queryClient.invalidateQueries({ queryKey: trpc.thread.list.pathKey() });
      router.replace(`/t/${result.threadId}`);
    } catch (error) {
      setPending({ text, clientMessageId, status: "failed", error: errorMessage(error) });
    }
  }

  function send(text: string) {
    setDraft("");
    void deliver(text, newClientMessageId());
  }

  const items: ChatItem[] = pending
    ? [
        {
          kind: "message",
          key: pending.clientMessageId,
          role: "user",
          content: pending.text,
          clientMessageId: pending.clientMessageId,
          status: pending.status,
          error: pending.error,
        },
      ]
    : [];

  return (
    <div className="chat" data-testid="new-chat-view">
      <div className="chat__scroll">
        {pending ? (
          <MessageList items={items} turn={null} onRetry={() => void deliver(pending.text, pending.clientMessageId)} />
        ) : (
          <section className="welcome" data-testid="chat-empty-state" aria-labelledby="welcome-title">
            <div className="welcome__mark" aria-hidden="true" />
            <h1 id="welcome-title" className="welcome__title">
              {hasThreads ? "What would you like to know about your cloud spend?" : "Ask your first question about your cloud bill…"}
            </h1>
            <p className="welcome__lead">
              Costs, trends, anomalies and savings opportunities, explained in plain words. Pick an example to start, or
              write your own.
            </p>
            <ExampleQuestions
              onPick={(question) => {
                setDraft(question);
                inputRef.current?.focus();
              }}
            />
          </section>
        )}
      </div>
      <div className="chat__composer">
        <Composer
          ref={inputRef}
          value={draft}
          onChange={setDraft}
          onSend={send}
          sending={pending?.status === "sending"}
        />
      </div>
    </div>
  );
}
