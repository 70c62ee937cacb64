"use client";

import { useState } from "react";
import { messageTextSchema } from "@/server/chat/schemas";

/** The last question, edited in place: Enter saves (and answers again), Esc cancels. */
export function MessageEdit({
  initial,
  saving,
  onSave,
  onCancel,
}: {
  initial: string;
  saving: boolean;
  onSave: (text: string) => void;
  onCancel: () => void;
}) {
  const [value, setValue] = useState(initial);
  const [error, setError] = useState<string | null>(null);

  function save() {
    const parsed = messageTextSchema.safeParse(value);
    if (!parsed.success) return setError(parsed.error.issues[0]?.message ?? "This message cannot be sent.");
    if (value.trim() === initial.trim()) return onCancel();
    onSave(value);
  }

  return (
    <form
      className="message-edit"
      aria-label="Edit your question"
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      <textarea
        className="input message-edit__input"
        aria-label="Your question"
        value={value}
        autoFocus
        onFocus={(e) => e.currentTarget.setSelectionRange(e.currentTarget.value.length, e.currentTarget.value.length)}
        onChange={(e) => {
          setValue(e.target.value);
          setError(null);
        }}
        onKeyDown={(e) => {
          if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
            e.preventDefault();
            save();
          } else if (e.key === "Escape") {
            e.preventDefault();
            e.stopPropagation();
            onCancel();
          }
        }}
        aria-invalid={error ? true : undefined}
        data-testid="message-edit-input"
      />
      {error ? (
        <p className="field__error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="message-edit__actions">
        <span className="muted small">
          <kbd>Enter</kbd> to save and answer again · <kbd>Esc</kbd> to cancel
        </span>
        <button type="button" className="button button--small" onClick={onCancel} data-testid="message-edit-cancel">
          Cancel
        </button>
        <button type="submit" className="button button--small button--primary" disabled={saving} data-testid="message-edit-save">
          {saving ? "Saving…" : "Save"}
        </button>
      </div>
    </form>
  );
}
