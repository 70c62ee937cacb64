"use client";

import { useEffect, useRef, useState, type RefObject } from "react";
import { CopyButton } from "@/components/ui/copy-button";
import { Spinner } from "@/components/ui/spinner";
import { AnswerFeedback } from "./answer-feedback";
import { AnswerView } from "./answer-view";
import { Markdown } from "./markdown";
import { MessageEdit } from "./message-edit";
import { TurnSteps, TurnStepsSummary } from "./turn-steps";
import type { ChatItem, TurnProgress } from "./types";

const NEAR_BOTTOM_PX = 160;
/** How long after a wheel, touch, key or pointer event a scroll counts as the reader's. */
const READER_SCROLL_MS = 400;
/** Air above a question scrolled to the top when its answer arrives. */
const QUESTION_MARGIN_PX = 16;

/** What the list can ask of the conversation; a thread page passes them, the new-chat page does not. */
export interface MessageActions {
  onRetry?: (clientMessageId: string) => void;
  onStop?: () => void;
  stopping?: boolean;
  onRegenerate?: () => void;
  onEdit?: (messageId: string, text: string) => Promise<boolean>;
  acting?: "regenerate" | "edit" | null;
  onSuggest?: (question: string) => void;
}

type MessageItem = Extract<ChatItem, { kind: "message" }>;

/** The conversation as a log: new entries are announced politely; it follows the conversation unless you scrolled up. */
export function MessageList({ items, turn, ...actions }: { items: ChatItem[]; turn: TurnProgress | null } & MessageActions) {
  const listRef = useRef<HTMLDivElement>(null);
  const [editing, setEditing] = useState<string | null>(null);
  useFollowConversation(listRef, items, turn);

  const messages = items.filter((i): i is MessageItem => i.kind === "message");
  const lastUser = messages.findLast((m) => m.role === "user");
  const lastAnswer = messages.at(-1)?.role === "assistant" ? messages.at(-1) : undefined;
  const idle = !turn && !actions.acting;

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
            data-answer-status={item.answerStatus}
            data-message-id={item.messageId}
          >
            {item.role === "user" ? (
              editing && editing === item.messageId ? (
                <MessageEdit
                  initial={item.content}
                  saving={actions.acting === "edit"}
                  onCancel={() => setEditing(null)}
                  onSave={(text) => void actions.onEdit?.(item.messageId!, text).then((ok) => ok && setEditing(null))}
                />
              ) : (
                <UserMessage item={item} canEdit={!!actions.onEdit && idle && item === lastUser && !!item.messageId && item.status !== "sending" && item.status !== "failed"} onEdit={() => setEditing(item.messageId!)} />
              )
            ) : (
              <div className="message__bubble">
                {item.steps?.length ? <TurnStepsSummary steps={item.steps} /> : null}
                {item.role === "assistant" ? (
                  <AnswerView content={item.content} payload={item.payload} status={item.answerStatus} onSuggest={actions.onSuggest} />
                ) : (
                  <Markdown>{item.content}</Markdown>
                )}
              </div>
            )}
            {item.role === "assistant" && item.messageId ? (
              <div className="answer-actions">
                <AnswerFeedback messageId={item.messageId} initial={item.feedback} />
                <CopyButton text={item.content} label="Copy" testId="answer-copy" />
                {item === lastAnswer && actions.onRegenerate && idle ? (
                  <button type="button" className="button button--small" onClick={actions.onRegenerate} data-testid="answer-regenerate">
                    <span aria-hidden="true">↻</span> Regenerate
                  </button>
                ) : null}
                {item === lastAnswer && actions.acting === "regenerate" ? (
                  <span className="message__meta">
                    <Spinner label="Answering again" /> Answering again…
                  </span>
                ) : null}
              </div>
            ) : null}
            {item.status === "sending" ? (
              <div className="message__meta" data-testid="message-sending">
                <Spinner label="Sending" /> Sending…
              </div>
            ) : null}
            {item.status === "failed" ? (
              <div className="message__meta message__meta--error" role="alert">
                Not sent: {item.error}{" "}
                {actions.onRetry && item.clientMessageId ? (
                  <button type="button" className="link-button" onClick={() => actions.onRetry!(item.clientMessageId!)} data-testid="message-retry">
                    Retry
                  </button>
                ) : null}
              </div>
            ) : null}
          </article>
        ),
      )}
      {turn ? <LiveTurn turn={turn} onStop={actions.onStop} stopping={actions.stopping} /> : null}
    </div>
  );
}

function UserMessage({ item, canEdit, onEdit }: { item: MessageItem; canEdit: boolean; onEdit: () => void }) {
  return (
    <>
      <div className="message__bubble message__text">{item.content}</div>
      {canEdit ? (
        <div className="message__tools">
          <button type="button" className="link-button small" onClick={onEdit} aria-label="Edit your last question" data-testid="message-edit">
            Edit
          </button>
        </div>
      ) : null}
    </>
  );
}

/** The answer being worked on: which agents run, what is ready so far, and how to stop it. */
function LiveTurn({ turn, onStop, stopping }: { turn: TurnProgress; onStop?: () => void; stopping?: boolean }) {
  const running = turn.steps.findLast((s) => s.state === "running");
  return (
    <article className="message message--assistant" aria-label="Assistant is answering" aria-busy="true" data-testid="turn-progress">
      <div className="message__bubble live-turn">
        {turn.steps.length ? <TurnSteps steps={turn.steps} live /> : null}
        {turn.draft ? (
          <div className="live-turn__draft" data-testid="turn-draft">
            <Markdown>{turn.draft}</Markdown>
          </div>
        ) : null}
        <div className="live-turn__footer">
          <span className="message__meta">
            <Spinner label="Working" /> {stopping ? "Stopping…" : running ? `${running.title}…` : "Working on it…"}
          </span>
          {onStop ? (
            <button
              type="button"
              className="button button--small live-turn__stop"
              onClick={onStop}
              disabled={stopping}
              aria-keyshortcuts="Escape"
              data-testid="turn-stop"
            >
              <span className="live-turn__stop-icon" aria-hidden="true" /> Stop <kbd>Esc</kbd>
            </button>
          ) : null}
        </div>
      </div>
    </article>
  );
}

/**
 * Where the conversation scrolls to:
 * - on opening, the end;
 * - when you send a question, the end, wherever you were (your question and its progress come into view);
 * - when its answer arrives, the question at the top, so the answer reads from its first line rather than from
 *   its last chart; then it stops following, as you are reading;
 * - while a turn's steps come in, the end, unless you scrolled up to read something else.
 */
function useFollowConversation(
  listRef: RefObject<HTMLDivElement | null>,
  items: ChatItem[],
  turn: TurnProgress | null,
) {
  const following = useRef(true);
  const last = useRef<{ count: number; key?: string }>({ count: 0 });

  useEffect(() => {
    const scroller = listRef.current?.closest(".chat__scroll");
    if (!scroller) return;
    // Only the reader stops the following: layout shifts and scroll anchoring move scrollTop too, with no wheel,
    // touch, key or scrollbar drag just before.
    let lastTop = scroller.scrollTop;
    let readerUntil = 0;
    const byReader = () => (readerUntil = performance.now() + READER_SCROLL_MS);
    const onScroll = () => {
      const fromBottom = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight;
      if (fromBottom < NEAR_BOTTOM_PX) following.current = true;
      else if (scroller.scrollTop < lastTop && performance.now() < readerUntil) following.current = false;
      lastTop = scroller.scrollTop;
    };
    const intents = ["wheel", "touchmove", "keydown", "pointerdown"] as const;
    for (const type of intents) scroller.addEventListener(type, byReader, { passive: true });
    scroller.addEventListener("scroll", onScroll, { passive: true });
    return () => {
      for (const type of intents) scroller.removeEventListener(type, byReader);
      scroller.removeEventListener("scroll", onScroll);
    };
  }, [listRef]);

  useEffect(() => {
    const previous = last.current;
    const newest = items.at(-1);
    last.current = { count: items.length, key: newest?.key };
    const scroller = listRef.current?.closest(".chat__scroll");
    if (!scroller) return;
    // Scrolls the conversation only: scrollIntoView would also scroll the page when it is taller than the screen.
    // (Nothing is returned from this effect: browsers now return a promise from scrollTo, which React would call as
    // the effect's cleanup.)
    const scrollTo = (top: number, behavior: ScrollBehavior) => void scroller.scrollTo({ top, behavior });
    const added = newest && newest.key !== previous.key && newest.kind === "message" ? newest.role : null;
    if (previous.count === 0) {
      scrollTo(scroller.scrollHeight, "auto");
    } else if (added === "user") {
      following.current = true;
      scrollTo(scroller.scrollHeight, "smooth");
    } else if (following.current && added === "assistant") {
      following.current = false;
      const questions = listRef.current?.querySelectorAll<HTMLElement>('[data-testid="message-user"]');
      const question = questions?.[questions.length - 1];
      const top = question
        ? question.getBoundingClientRect().top - scroller.getBoundingClientRect().top + scroller.scrollTop - QUESTION_MARGIN_PX
        : scroller.scrollHeight;
      scrollTo(top, "smooth");
    } else if (following.current) {
      scrollTo(scroller.scrollHeight, "smooth");
    }
  }, [items, turn, listRef]);
}
