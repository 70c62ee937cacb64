"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { useTRPC } from "@/components/trpc/provider";
import { errorMessage } from "@/components/ui/errors";
import { Spinner } from "@/components/ui/spinner";
import { Composer } from "./composer";
import { ExampleQuestions } from "./example-questions";
import { MessageList } from "./message-list";
import { useConversation } from "./use-conversation";

export function ThreadChat({ threadId }: { threadId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const [draft, setDraft] = useState("");
  const conversation = useConversation(threadId);
  const { thread, history, items, turn, sending, send, retry, stop } = conversation;
  const restore = useMutation(
    trpc.thread.restore.mutationOptions({
      onSuccess: () => {
        void queryClient.invalidateQueries({ queryKey: trpc.thread.get.queryKey({ threadId }) });
        void queryClient.invalidateQueries({ queryKey: trpc.thread.list.pathKey() });
      },
    }),
  );

  const title = thread.data?.title;
  useEffect(() => {
    if (title) document.title = `${title} · FinOps Agent Chat`;
  }, [title]);

  useEffect(() => {
    inputRef.current?.focus();
  }, [threadId]);

  // Esc anywhere stops the running answer, unless something closer (a dialog, the thread search, an inline editor)
  // already handled it.
  const running = turn !== null;
  useEffect(() => {
    if (!running) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "Escape" || event.defaultPrevented) return;
      const target = event.target instanceof Element ? event.target : null;
      if (target?.closest('[role="dialog"], [data-testid="thread-sidebar"]')) return;
      event.preventDefault();
      void stop();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [running, stop]);

  if (thread.isError) {
    const notFound = thread.error.data?.code === "NOT_FOUND" || thread.error.data?.code === "BAD_REQUEST";
    return (
      <div className="chat chat--message" data-testid="thread-error">
        <div className="empty">
          <h1 className="empty__title">{notFound ? "Conversation not found" : "Could not open this conversation"}</h1>
          <p>
            {notFound
              ? "It may have been deleted, or it belongs to another account. Pick one from the history, or start a new one."
              : errorMessage(thread.error)}
          </p>
          <div className="empty__actions">
            {!notFound ? (
              <button type="button" className="button" onClick={() => void thread.refetch()}>
                Try again
              </button>
            ) : null}
            <Link href="/" className="button button--primary">
              New conversation
            </Link>
          </div>
        </div>
      </div>
    );
  }

  const archived = thread.data ? !thread.data.isActive : false;
  const loading = thread.isPending || (history.isPending && items.length === 0);

  return (
    <div className="chat" data-testid="thread-view" data-thread-id={threadId}>
      <div className="chat__header">
        <h1 className="chat__title" data-testid="thread-heading">
          {title ?? "\u00a0"}
        </h1>
        {archived ? <span className="badge">Archived</span> : null}
      </div>
      <div className="chat__scroll">
        {loading ? (
          <div className="chat__loading" data-testid="thread-loading">
            <Spinner label="Loading conversation" /> Loading conversation…
          </div>
        ) : history.isError ? (
          <div className="alert alert--error" role="alert">
            {errorMessage(history.error, "Could not load the messages.")}{" "}
            <button type="button" className="link-button" onClick={() => void history.refetch()}>
              Try again
            </button>
          </div>
        ) : items.length === 0 && !turn ? (
          <section className="welcome welcome--compact" data-testid="thread-empty">
            <h2 className="welcome__title">No messages yet</h2>
            <p className="welcome__lead">Ask a question to start this conversation.</p>
            <ExampleQuestions
              onPick={(q) => {
                setDraft(q);
                inputRef.current?.focus();
              }}
            />
          </section>
        ) : (
          <MessageList
            items={items}
            turn={turn}
            onRetry={retry}
            onStop={() => void stop()}
            stopping={conversation.stopping}
            onRegenerate={() => void conversation.regenerate()}
            onEdit={conversation.edit}
            acting={conversation.acting}
            onSuggest={(q) => {
              setDraft(q);
              inputRef.current?.focus();
            }}
          />
        )}
      </div>
      <div className="chat__composer">
        {conversation.actionError ? (
          <div className="alert alert--error chat__action-error" role="alert" data-testid="chat-action-error">
            {conversation.actionError}{" "}
            <button type="button" className="link-button" onClick={conversation.clearActionError}>
              Dismiss
            </button>
          </div>
        ) : null}
        {archived ? (
          <div className="archived-banner" role="status" data-testid="archived-banner">
            <span>This conversation is archived. Restore it to continue it.</span>
            <button
              type="button"
              className="button button--small button--primary"
              onClick={() => restore.mutate({ threadId })}
              disabled={restore.isPending}
              data-testid="archived-banner-restore"
            >
              {restore.isPending ? "Restoring…" : "Restore"}
            </button>
            {restore.isError ? <span className="field__error">{errorMessage(restore.error)}</span> : null}
          </div>
        ) : null}
        <Composer
          ref={inputRef}
          value={draft}
          onChange={setDraft}
          onSend={(text) => {
            setDraft("");
            send(text);
          }}
          sending={sending}
          disabled={archived}
          placeholder={turn ? "Ask a follow-up… (Esc stops the current answer)" : undefined}
        />
      </div>
    </div>
  );
}
