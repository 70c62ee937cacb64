"use client";

import { forwardRef, useState, type FormEvent, type KeyboardEvent } from "react";
import { MAX_MESSAGE_CHARS, messageTextSchema } from "@/server/chat/schemas";

// Show the countdown only when it matters: within the last 10% of the limit.
const COUNTDOWN_FROM = Math.floor(MAX_MESSAGE_CHARS * 0.9);

/** Enter sends, Shift+Enter adds a line. The draft is owned by the parent so example questions can fill it. */
export const Composer = forwardRef<
  HTMLTextAreaElement,
  {
    value: string;
    onChange: (value: string) => void;
    onSend: (text: string) => void;
    sending: boolean;
    disabled?: boolean;
    disabledReason?: string;
    placeholder?: string;
  }
>(function Composer({ value, onChange, onSend, sending, disabled = false, disabledReason, placeholder }, ref) {
  const [error, setError] = useState<string | null>(null);
  const length = value.length;
  const over = length > MAX_MESSAGE_CHARS;
  const liveError = over ? messageTextSchema.safeParse(value).error?.issues[0]?.message ?? null : null;
  const shownError = liveError ?? error;
  const blocked = disabled || sending;

  function submit(event?: FormEvent) {
    event?.preventDefault();
    if (blocked) return;
    const parsed = messageTextSchema.safeParse(value);
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? "This message cannot be sent.");
      return;
    }
    setError(null);
    onSend(value);
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      submit();
    }
  }

  return (
    <form className="composer" onSubmit={submit} aria-label="Send a message" data-testid="composer">
      {disabledReason ? (
        <p className="composer__notice" data-testid="composer-disabled-reason">
          {disabledReason}
        </p>
      ) : null}
      <div className={`composer__box${shownError ? " composer__box--error" : ""}`}>
        <label htmlFor="composer-input" className="visually-hidden">
          Your question
        </label>
        <textarea
          ref={ref}
          id="composer-input"
          className="composer__input"
          value={value}
          onChange={(e) => {
            onChange(e.target.value);
            if (error) setError(null);
          }}
          onKeyDown={onKeyDown}
          placeholder={placeholder ?? "Ask about your cloud bill…"}
          rows={1}
          disabled={disabled}
          aria-invalid={shownError ? true : undefined}
          aria-describedby="composer-help composer-error"
          data-testid="composer-input"
        />
        <button
          type="submit"
          className="button button--primary composer__send"
          disabled={blocked || over || value.trim().length === 0}
          data-testid="composer-send"
        >
          {sending ? "Sending…" : "Send"}
        </button>
      </div>
      <div className="composer__footer">
        <span id="composer-help" className="composer__help">
          <kbd>Enter</kbd> to send · <kbd>Shift</kbd>+<kbd>Enter</kbd> for a new line
        </span>
        {length >= COUNTDOWN_FROM ? (
          <span className={`composer__count${over ? " composer__count--over" : ""}`} aria-live="polite" data-testid="composer-remaining">
            {over
              ? `${(length - MAX_MESSAGE_CHARS).toLocaleString("en-US")} characters over the limit`
              : `${(MAX_MESSAGE_CHARS - length).toLocaleString("en-US")} characters left`}
          </span>
        ) : null}
      </div>
      <p id="composer-error" className="field__error" role="alert" data-testid="composer-error">
        {shownError ?? ""}
      </p>
    </form>
  );
});
