"use client";

import { useEffect, useRef } from "react";
import { Spinner } from "@/components/ui/spinner";
import { Markdown } from "./markdown";
import type { ChatItem, TurnProgress } from "./types";

const NEAR_BOTTOM_PX = 160;

/** The conversation as a log: new entries are announced politely; it follows the bottom unless you scrolled up. */
export function MessageList({
  items,
  turn,
  onRetry,
}: {
  items: ChatItem[];
  turn: TurnProgress | null;
  onRetry?: (clientMessageId: string) => void;
}) {
  const endRef = useRef<HTMLDivElement>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const lastCount = useRef(0);

  useEffect(() => {
    const scroller = listRef.current?.closest(".chat__scroll");
    const first = lastCount.current === 0;
    lastCount.current = items.length;
    if (!scroller) return;
    const nearBottom = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < NEAR_BOTTOM_PX + 400;
    if (first || nearBottom) endRef.current?.scrollIntoView({ block: "end", behavior: first ? "auto" : "smooth" });
  }, [items, turn]);

  return (
    <div ref={listRef} className="messages" role="log" aria-label="Conversation" aria-live="polite" data-testid="message-list">
      {items.map((item) =>
        item.kind === "notice" ? (
          <div key={item.key} className="notice" role="note" data-testid="system-notice">
            <span className="notice__icon" aria-hidden="true">
              i
            </span>
            <span>{item.text}</span>
          </div>
        ) : (
          <article
            key={item.key}
            className={`message message--${item.role}${item.status === "failed" ? " message--failed" : ""}`}
            aria-label={item.role === "user" ? "You" : item.role === "assistant" ? "Assistant" : "System"}
            data-testid={`message-${item.role}`}
            data-status={item.status ?? "stored"}
            data-message-id={item.messageId}
          >
            {item.role === "user" ? (
              <div className="message__bubble message__text">{item.content}</div>
            ) : (
              <div className="message__bubble">
                <Markdown>{item.content}</Markdown>
              </div>
            )}
            {item.status === "sending" ? (
              <div className="message__meta" data-testid="message-sending">
                <Spinner label="Sending" /> Sending…
              </div>
            ) : null}
            {item.status === "failed" ? (
              <div className="message__meta message__meta--error" role="alert">
                Not sent: {item.error}{" "}
                {onRetry && item.clientMessageId ? (
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => onRetry(item.clientMessageId!)}
                    data-testid="message-retry"
                  >
                    Retry
                  </button>
                ) : null}
              </div>
            ) : null}
          </article>
        ),
      )}
      {turn ? (
        <article className="message message--assistant" aria-label="Assistant is answering" data-testid="turn-progress">
          <div className="message__bubble">
            {turn.draft ? <Markdown>{turn.draft}</Markdown> : null}
            <div className="message__meta">
              <Spinner label="Working" /> {turn.step ? `${turn.step}…` : "Working on it…"}
            </div>
          </div>
        </article>
      ) : null}
      <div ref={endRef} />
    </div>
  );
}
