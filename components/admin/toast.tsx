"use client";

import { useEffect } from "react";

export interface ToastMessage {
  id: number;
  tone: "ok" | "error";
  text: string;
}

/** A short-lived status message in the corner; announced politely, dismissible, gone after a few seconds. */
export function Toast({ toast, onDismiss, testId = "toast" }: { toast: ToastMessage | null; onDismiss: () => void; testId?: string }) {
  useEffect(() => {
    if (!toast) return;
    const timer = setTimeout(onDismiss, toast.tone === "error" ? 12_000 : 8_000);
    return () => clearTimeout(timer);
  }, [toast, onDismiss]);

  return (
    <div className="toast-region" role="status" aria-live="polite">
      {toast ? (
        <div className={`toast toast--${toast.tone}`} data-testid={testId}>
          <span className="toast__text">{toast.text}</span>
          <button type="button" className="icon-button icon-button--small" aria-label="Dismiss" onClick={onDismiss} data-testid={`${testId}-dismiss`}>
            ×
          </button>
        </div>
      ) : null}
    </div>
  );
}
