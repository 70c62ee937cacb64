"use client";

import { useInfiniteQuery, useQuery, useQueryClient } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useTRPC, useTRPCClient } from "@/components/trpc/provider";
import { errorMessage } from "@/components/ui/errors";
import { freshThread } from "./fresh-threads";
import { newClientMessageId, withNetworkRetry } from "./send-with-retry";
import {
  advanceTurn,
  readFeedback,
  readPayload,
  readReplacement,
  readStatus,
  settleSteps,
  type LiveEvent,
} from "./turn-progress";
import type { ChatItem, StoredMessage, TurnProgress } from "./types";

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
        payload: m.role === "assistant" ? readPayload(m.metadata) : undefined,
        answerStatus: m.role === "assistant" ? readStatus(m.metadata) : undefined,
        feedback: m.role === "assistant" ? readFeedback(m.metadata) : undefined,
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
  const [turn, setTurnState] = useState<TurnProgress | null>(null);
  // The event handler reads the running turn synchronously (to hand its steps to the answer it produced).
  const turnRef = useRef<TurnProgress | null>(null);
  const setTurn = useCallback((next: TurnProgress | null) => {
    turnRef.current = next;
    setTurnState(next);
  }, []);
  const [sending, setSending] = useState(false);
  const [stopping, setStopping] = useState(false);
  // Messages the server removed (regenerate, edit) and questions it changed (edit), applied over the history.
  const [removed, setRemoved] = useState<ReadonlySet<string>>(() => new Set());
  const [edited, setEdited] = useState<ReadonlyMap<string, string>>(() => new Map());

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
      case "agent_response": {
        const steps = turnRef.current ? settleSteps(turnRef.current.steps) : undefined;
        setTurn(null);
        setStopping(false);
        setLive((items) =>
          items.some((i) => i.key === event.eventId)
            ? items
            : [
                ...items,
                {
                  kind: "message",
                  key: event.eventId,
                  role: "assistant",
                  content: text,
                  messageId: event.messageId ?? undefined,
                  payload: readPayload(event.metadata),
                  answerStatus: readStatus(event.metadata),
                  steps: steps?.length ? steps : undefined,
                },
              ],
        );
        return;
      }
      case "system_event": {
        const replacement = readReplacement(event);
        if (replacement) {
          const gone = new Set(replacement.removed);
          setRemoved((prev) => new Set([...prev, ...gone]));
          setLive((items) => items.filter((i) => !(i.messageId && gone.has(i.messageId))));
          const { messageId, text: newText } = replacement;
          if (messageId && newText != null) {
            setEdited((prev) => new Map(prev).set(messageId, newText));
            setLive((items) => items.map((i) => (i.kind === "message" && i.messageId === messageId ? { ...i, content: newText } : i)));
          }
          return;
        }
        setLive((items) =>
          items.some((i) => i.key === event.eventId)
            ? items
            : [...items, { kind: "notice", key: event.eventId, eventId: event.eventId, text, messageId: event.messageId ?? undefined }],
        );
        return;
      }
      case "turn_started":
      case "step_started":
      case "step_finished":
      case "answer_delta":
        setTurn(advanceTurn(turnRef.current, event));
        return;
      case "turn_finished":
        setTurn(null);
        setStopping(false);
        return;
    }
  }, [setTurn]);

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

  const [actionError, setActionError] = useState<string | null>(null);
  const [acting, setActing] = useState<"regenerate" | "edit" | null>(null);

  const stop = useCallback(async () => {
    if (!turnRef.current) return;
    setStopping(true);
    try {
      await client.message.stop.mutate({ threadId });
    } catch (error) {
      setStopping(false);
      setActionError(errorMessage(error, "Could not stop the answer. Try again."));
    }
  }, [client, threadId]);

  const act = useCallback(
    async (kind: "regenerate" | "edit", run: () => Promise<unknown>) => {
      setActing(kind);
      setActionError(null);
      try {
        await run();
        return true;
      } catch (error) {
        setActionError(errorMessage(error));
        return false;
      } finally {
        setActing(null);
      }
    },
    [],
  );
  const regenerate = useCallback(() => act("regenerate", () => client.message.regenerate.mutate({ threadId })), [act, client, threadId]);
  const edit = useCallback(
    (messageId: string, text: string) => act("edit", () => client.message.edit.mutate({ messageId, text })),
    [act, client],
  );

  const items = useMemo(
    () => mergeItems(history.data?.pages.flatMap((p) => p.items) ?? [], live, removed, edited),
    [history.data, live, removed, edited],
  );

  return {
    thread,
    history,
    items,
    turn,
    sending,
    send,
    retry,
    subscription,
    stop,
    stopping,
    regenerate,
    edit,
    acting,
    actionError,
    clearActionError: () => setActionError(null),
  };
}

/** Stored history first, then live messages not already stored; each notice goes after the message it is about. */
function mergeItems(
  allStored: StoredMessage[],
  allLive: ChatItem[],
  removed: ReadonlySet<string>,
  edited: ReadonlyMap<string, string>,
): ChatItem[] {
  const stored = allStored.filter((m) => !removed.has(m.id));
  const live = allLive.filter((i) => !(i.messageId && removed.has(i.messageId)));
  // Steps are only known for answers watched live; keep them when the stored copy of that answer wins.
  const liveSteps = new Map(live.flatMap((i) => (i.kind === "message" && i.messageId && i.steps ? [[i.messageId, i.steps] as const] : [])));
  const storedIds = new Set(stored.map((m) => m.id));
  const storedClientIds = new Set(stored.map((m) => m.clientMessageId).filter(Boolean));
  const messages: ChatItem[] = [
    ...stored.map((m) => {
      const item = fromStored(m);
      if (item.kind !== "message") return item;
      const content = edited.get(m.id) ?? item.content;
      const steps = liveSteps.get(m.id);
      return { ...item, content, ...(steps ? { steps } : {}) };
    }),
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
