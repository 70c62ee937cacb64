"use client";

import { useEffect, useState } from "react";
import { useTRPCClient } from "@/components/trpc/provider";
import { errorMessage } from "@/components/ui/errors";
import type { FeedbackRating, SavedFeedback } from "./types";

// message.list does not return feedback yet, so what this browser saved is remembered locally to show the saved
// state after a reload; a server-provided value (metadata.feedback) wins when present.
const storageKey = (messageId: string) => `finops-chat:feedback:${messageId}`;

function remembered(messageId: string): SavedFeedback | null {
  try {
    const raw = window.localStorage.getItem(storageKey(messageId));
    return raw ? (JSON.parse(raw) as SavedFeedback) : null;
  } catch {
    return null;
  }
}

function remember(messageId: string, feedback: SavedFeedback) {
  try {
    window.localStorage.setItem(storageKey(messageId), JSON.stringify(feedback));
  } catch {
    // Private mode or a full quota: the saved state just won't survive a reload.
  }
}

/** Thumbs up/down on an answer; a thumbs-down offers a comment box. The last choice is the one kept. */
export function AnswerFeedback({ messageId, initial }: { messageId: string; initial?: SavedFeedback }) {
  const client = useTRPCClient();
  const [saved, setSaved] = useState<SavedFeedback | null>(initial ?? null);
  const [commenting, setCommenting] = useState(false);
  const [comment, setComment] = useState("");
  const [state, setState] = useState<"idle" | "saving" | "error">("idle");
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!initial) setSaved(remembered(messageId));
  }, [initial, messageId]);

  async function save(rating: FeedbackRating, text?: string) {
    setState("saving");
    setError(null);
    try {
      const result = await client.message.feedback.mutate({ messageId, rating, comment: text?.trim() || undefined });
      const value = { rating: result.rating as FeedbackRating, comment: result.comment };
      setSaved(value);
      remember(messageId, value);
      setState("idle");
      return true;
    } catch (e) {
      setError(errorMessage(e, "Could not save your feedback. Try again."));
      setState("error");
      return false;
    }
  }

  function rate(rating: FeedbackRating) {
    if (rating === "down") {
      setCommenting(true);
      setComment(saved?.rating === "down" ? (saved.comment ?? "") : "");
    } else {
      setCommenting(false);
    }
    if (saved?.rating !== rating) void save(rating);
  }

  return (
    <div className="feedback" data-testid="answer-feedback" data-rating={saved?.rating ?? "none"}>
      <div className="feedback__buttons" role="group" aria-label="Rate this answer">
        <button
          type="button"
          className={`icon-button feedback__button${saved?.rating === "up" ? " is-active" : ""}`}
          aria-pressed={saved?.rating === "up"}
          aria-label="Good answer"
          title="Good answer"
          onClick={() => rate("up")}
          disabled={state === "saving"}
          data-testid="feedback-up"
        >
          <ThumbIcon />
        </button>
        <button
          type="button"
          className={`icon-button feedback__button feedback__button--down${saved?.rating === "down" ? " is-active" : ""}`}
          aria-pressed={saved?.rating === "down"}
          aria-label="Bad answer"
          title="Bad answer"
          onClick={() => rate("down")}
          disabled={state === "saving"}
          data-testid="feedback-down"
        >
          <ThumbIcon down />
        </button>
      </div>
      <span className="feedback__status" aria-live="polite" data-testid="feedback-status">
        {state === "saving"
          ? "Saving…"
          : saved && !commenting
            ? saved.rating === "up"
              ? "Thanks for the feedback"
              : saved.comment
                ? `Feedback saved: “${saved.comment.length > 60 ? `${saved.comment.slice(0, 59)}…` : saved.comment}”`
                : "Feedback saved"
            : ""}
      </span>
      {error ? (
        <span className="field__error" role="alert">
          {error}
        </span>
      ) : null}
      {commenting ? (
        <form
          className="feedback__form"
          onSubmit={(e) => {
            e.preventDefault();
            void save("down", comment).then((ok) => ok && setCommenting(false));
          }}
        >
          <label htmlFor={`feedback-${messageId}`} className="visually-hidden">
            What was wrong with this answer?
          </label>
          <textarea
            id={`feedback-${messageId}`}
            className="input feedback__comment"
            placeholder="What was wrong or missing? (optional)"
            value={comment}
            maxLength={2000}
            rows={2}
            autoFocus
            onChange={(e) => setComment(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
                e.preventDefault();
                e.currentTarget.form?.requestSubmit();
              } else if (e.key === "Escape") {
                e.preventDefault();
                e.stopPropagation();
                setCommenting(false);
              }
            }}
            data-testid="feedback-comment"
          />
          <div className="feedback__form-actions">
            <button type="button" className="button button--small" onClick={() => setCommenting(false)}>
              Cancel
            </button>
            <button type="submit" className="button button--small button--primary" disabled={state === "saving"} data-testid="feedback-submit">
              Send feedback
            </button>
          </div>
        </form>
      ) : null}
    </div>
  );
}

function ThumbIcon({ down = false }: { down?: boolean }) {
  return (
    <svg width="16" height="16" viewBox="0 0 24 24" aria-hidden="true" style={down ? { transform: "rotate(180deg)" } : undefined}>
      <path
        d="M7 10v11H3V10h4Zm2 11h8.3a2 2 0 0 0 2-1.6l1.4-7A2 2 0 0 0 18.7 10H14V5.5A2.5 2.5 0 0 0 11.5 3L9 10v11Z"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.8"
        strokeLinejoin="round"
      />
    </svg>
  );
}
