"use client";

import { useInfiniteQuery, useQuery, useQueryClient } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { useCallback, useEffect, useMemo, useState } from "react";
import { useTRPC, useTRPCClient } from "@/components/trpc/provider";
import { errorMessage } from "@/components/ui/errors";
import { freshThread } from "./fresh-threads";
import { newClientMessageId, withNetworkRetry } from "./send-with-retry";
import type { ChatItem, StoredMessage, TurnProgress } from "./types";

type LiveEvent = {
  eventId: string;
  messageId: string | null;
  eventType: string;
  messageText: string | null;
  metadata: Record<string, unknown>;
};

const stepName = (metadata: Record<string, unknown>) =>
  [metadata.title, metadata.label, metadata.name, metadata.step].find((v): v is string => typeof v === "string") ?? null;

const fromStored = (m: StoredMessage): ChatItem =>
  m.role === "system"
    ? { kind: "notice", key: m.id, eventId: m.id, text: m.content, messageId: m.id }
    : {
        kind: "message",
        key: m.id,
        role: m.role,
        content: m.content,
        messageId: m.id,
        clientMessageId: m.clientMessageId ?? undefined,
      };

/**
 * One thread's conversation: stored history (message.list) plus everything that happens after it, live from
 * thread.onEvent. The subscription starts at the thread's latest event id as read *before* the history, so the two
 * overlap rather than leave a gap; the overlap is removed by message id, client message id and event id.
 */
export function useConversation(threadId: string) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const [fresh] = useState(() => freshThread(threadId));

  const thread = useQuery(trpc.thread.get.queryOptions({ threadId }, { staleTime: 0, retry: 1 }));
  const history = useInfiniteQuery(
    trpc.message.list.infiniteQueryOptions(
      { threadId, limit: 200 },
      { enabled: thread.isSuccess, staleTime: 0, getNextPageParam: (page) => page.nextCursor ?? undefined },
    ),
  );
  useEffect(() => {
    if (history.hasNextPage && !history.isFetchingNextPage) void history.fetchNextPage();
  }, [history]);

  // Frozen at first load: later refetches of thread.get must not restart the stream. A thread this tab just started
  // resumes after its first message's event (what followed it, such as a notice, is replayed); null = live only.
  const [cursor, setCursor] = useState<string | null | undefined>(fresh ? fresh.eventId : undefined);
  useEffect(() => {
    if (cursor === undefined && thread.data) setCursor(thread.data.lastEventId);
  }, [cursor, thread.data]);

  const [live, setLive] = useState<ChatItem[]>(() =>
    fresh
      ? [
          {
            kind: "message",
            key: fresh.clientMessageId,
            role: "user",
            content: fresh.text,
            messageId: fresh.messageId,
            clientMessageId: fresh.clientMessageId,
            status: "sent",
          },
        ]
      : [],
  );
  const [turn, setTurn] = useState<TurnProgress | null>(null);
  const [sending, setSending] = useState(false);

  const onEvent = useCallback((event: LiveEvent) => {
    const text = event.messageText ?? "";
    switch (event.eventType) {
      case "user_message": {
        const clientMessageId = typeof event.metadata.clientMessageId === "string" ? event.metadata.clientMessageId : undefined;
        setLive((items) => {
          const at = items.findIndex(
            (i) =>
              i.kind === "message" &&
              ((event.messageId && i.messageId === event.messageId) || (clientMessageId && i.clientMessageId === clientMessageId)),
          );
          if (at >= 0) {
            const next = [...items];
            const item = next[at]!;
            if (item.kind === "message") next[at] = { ...item, messageId: event.messageId ?? item.messageId, status: "sent", error: undefined };
            return next;
          }
          return [
            ...items,
            { kind: "message", key: event.eventId, role: "user", content: text, messageId: event.messageId ?? undefined, clientMessageId },
          ];
        });
        return;
      }
      case "agent_response":
        setTurn(null);
        setLive((items) =>
          items.some((i) => i.key === event.eventId)
            ? items
            : [
                ...items,
                { kind: "message", key: event.eventId, role: "assistant", content: text, messageId: event.messageId ?? undefined },
              ],
        );
        return;
      case "system_event":
        setLive((items) =>
          items.some((i) => i.key === event.eventId)
            ? items
            : [...items, { kind: "notice", key: event.eventId, eventId: event.eventId, text, messageId: event.messageId ?? undefined }],
        );
        return;
      case "turn_started":
        setTurn({ step: null, draft: "" });
        return;
      case "step_started":
        setTurn((t) => ({ draft: t?.draft ?? "", step: stepName(event.metadata) }));
        return;
      case "step_finished":
        setTurn((t) => (t ? { ...t, step: null } : t));
        return;
      case "answer_delta":
        setTurn((t) => ({ step: t?.step ?? null, draft: (t?.draft ?? "") + text }));
        return;
      case "turn_finished":
        setTurn(null);
        return;
    }
  }, []);

  const subscription = useSubscription(
    trpc.thread.onEvent.subscriptionOptions(
      { threadId, lastEventId: cursor ?? null },
      { enabled: cursor !== undefined, onData: (envelope) => onEvent(envelope.data) },
    ),
  );

  const updateLocal = useCallback((clientMessageId: string, patch: Partial<Extract<ChatItem, { kind: "message" }>>) => {
    setLive((items) =>
      items.map((i) => (i.kind === "message" && i.clientMessageId === clientMessageId ? { ...i, ...patch } : i)),
    );
  }, []);

  const deliver = useCallback(
    async (clientMessageId: string, text: string) => {
      setSending(true);
      updateLocal(clientMessageId, { status: "sending", error: undefined });
      try {
        const result = await withNetworkRetry(() => client.message.send.mutate({ threadId, text, clientMessageId }));
        updateLocal(clientMessageId, { status: "sent", messageId: result.message.id });
        void queryClient.invalidateQueries({ queryKey: trpc.thread.list.pathKey() });
      } catch (error) {
        updateLocal(clientMessageId, { status: "failed", error: errorMessage(error) });
      } finally {
        setSending(false);
      }
    },
    [client, queryClient, threadId, trpc, updateLocal],
  );

  const send = useCallback(
    (text: string) => {
      const clientMessageId = newClientMessageId();
      setLive((items) => [...items, { kind: "message", key: clientMessageId, role: "user", content: text, clientMessageId, status: "sending" }]);
      void deliver(clientMessageId, text);
    },
    [deliver],
  );

  const retry = useCallback(
    (clientMessageId: string) => {
      const item = live.find((i) => i.kind === "message" && i.clientMessageId === clientMessageId);
      if (item?.kind === "message") void deliver(clientMessageId, item.content);
    },
    [deliver, live],
  );

  const items = useMemo(() => mergeItems(history.data?.pages.flatMap((p) => p.items) ?? [], live), [history.data, live]);

  return { thread, history, items, turn, sending, send, retry, subscription };
}

/** Stored history first, then live messages not already stored; each notice goes after the message it is about. */
function mergeItems(stored: StoredMessage[], live: ChatItem[]): ChatItem[] {
  const storedIds = new Set(stored.map((m) => m.id));
  const storedClientIds = new Set(stored.map((m) => m.clientMessageId).filter(Boolean));
  const messages: ChatItem[] = [
    ...stored.map(fromStored),
    ...live.filter(
      (i) =>
        i.kind === "message" &&
        !(i.messageId && storedIds.has(i.messageId)) &&
        !(i.clientMessageId && storedClientIds.has(i.clientMessageId)),
    ),
  ];
  const notices = live.filter(
    (i): i is Extract<ChatItem, { kind: "notice" }> => i.kind === "notice" && !(i.messageId && storedIds.has(i.messageId)),
  );
  const placed = new Set<string>();
  const out: ChatItem[] = [];
  for (const message of messages) {
    out.push(message);
    if (message.kind !== "message" || !message.messageId) continue;
    for (const notice of notices) {
      if (notice.messageId === message.messageId && !placed.has(notice.key)) {
        out.push(notice);
        placed.add(notice.key);
      }
    }
  }
  for (const notice of notices) if (!placed.has(notice.key)) out.push(notice);
  return out;
}
