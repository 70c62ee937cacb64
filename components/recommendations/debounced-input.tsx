"use client";

import { useEffect, useRef, useState, type InputHTMLAttributes } from "react";

/**
 * A text input that reports its value after the person pauses typing (300 ms), so the list is not re-queried on
 * every keystroke; Enter applies at once. Follows `value` when it changes from outside (back button, Clear filters).
 */
export function DebouncedInput({
  value,
  onCommit,
  delayMs = 300,
  ...rest
}: { value: string; onCommit: (value: string) => void; delayMs?: number } & Omit<InputHTMLAttributes<HTMLInputElement>, "value" | "onChange">) {
  const [draft, setDraft] = useState(value);
  const committed = useRef(value);

  useEffect(() => {
    committed.current = value;
    setDraft(value);
  }, [value]);

  useEffect(() => {
    if (draft === committed.current) return;
    const timer = setTimeout(() => {
      committed.current = draft;
      onCommit(draft);
    }, delayMs);
    return () => clearTimeout(timer);
  }, [draft, delayMs, onCommit]);

  return (
    <input
      {...rest}
      value={draft}
      onChange={(e) => setDraft(e.target.value)}
      onKeyDown={(e) => {
        if (e.key === "Enter" && draft !== committed.current) {
          committed.current = draft;
          onCommit(draft);
        }
        rest.onKeyDown?.(e);
      }}
    />
  );
}
