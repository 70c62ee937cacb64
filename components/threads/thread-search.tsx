"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { Fragment, useEffect, useRef, useState, type ReactNode } from "react";
import { useTRPC } from "@/components/trpc/provider";
import { errorMessage } from "@/components/ui/errors";
import { Spinner } from "@/components/ui/spinner";
import { useActiveThreadId } from "./use-active-thread-id";

const isMac = () => typeof navigator !== "undefined" && /Mac|iPhone|iPad/.test(navigator.platform);

/** The search box. Cmd/Ctrl+K focuses it from anywhere; Esc clears it. */
export function ThreadSearch({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  const inputRef = useRef<HTMLInputElement>(null);
  const [shortcut, setShortcut] = useState("Ctrl K");

  useEffect(() => {
    setShortcut(isMac() ? "⌘K" : "Ctrl K");
    const onKey = (event: KeyboardEvent) => {
      if ((event.metaKey || event.ctrlKey) && event.key.toLowerCase() === "k") {
        event.preventDefault();
        inputRef.current?.focus();
        inputRef.current?.select();
      }
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);

  return (
    <div className="search" role="search">
      <label htmlFor="thread-search" className="visually-hidden">
        Search conversations
      </label>
      <input
        ref={inputRef}
        id="thread-search"
        type="search"
        className="input search__input"
        placeholder="Search conversations"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Escape") {
            e.preventDefault();
            onChange("");
          }
        }}
        autoComplete="off"
        aria-keyshortcuts="Control+K Meta+K"
        data-testid="thread-search"
      />
      {value ? null : (
        <kbd className="search__kbd" aria-hidden="true">
          {shortcut}
        </kbd>
      )}
    </div>
  );
}

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

/** The server marks hits with « »; show them as <mark>. */
function highlight(snippet: string): ReactNode {
  return snippet.split(/(«[^»]*»)/g).map((part, i) =>
    part.startsWith("«") && part.endsWith("»") ? <mark key={i}>{part.slice(1, -1)}</mark> : <Fragment key={i}>{part}</Fragment>,
  );
}

/** Search covers archived conversations too (badged), so nothing is ever lost from view. */
export function ThreadSearchResults({ query }: { query: string }) {
  const trpc = useTRPC();
  const activeId = useActiveThreadId();
  const debounced = useDebounced(query.trim(), 200);
  const search = useQuery(
    trpc.thread.search.queryOptions(
      { query: debounced, limit: 20, includeArchived: true },
      { enabled: debounced.length > 0, placeholderData: keepPreviousData },
    ),
  );
  const results = search.data ?? [];

  if (search.isPending || (search.isFetching && !search.data)) {
    return (
      <div className="sidebar__status" aria-live="polite">
        <Spinner label="Searching" /> Searching…
      </div>
    );
  }
  if (search.isError) {
    return (
      <div className="sidebar__status" role="alert">
        {errorMessage(search.error, "Search failed. Try again.")}
      </div>
    );
  }
  if (results.length === 0) {
    return (
      <div className="sidebar__empty" data-testid="search-empty" aria-live="polite">
        <p className="sidebar__empty-title">No matches for “{debounced}”</p>
        <p>Try a different word, such as a service name, an account or a month. Press Esc to clear.</p>
      </div>
    );
  }
  return (
    <div data-testid="search-results">
      <p className="thread-group__label" aria-live="polite">
        {results.length} {results.length === 1 ? "match" : "matches"}
      </p>
      <ul className="thread-list">
        {results.map((result) => (
          <li
            key={result.id}
            className={`thread-item thread-item--result${result.id === activeId ? " thread-item--active" : ""}`}
            data-testid="search-result"
            data-thread-id={result.id}
          >
            <Link href={`/t/${result.id}`} className="thread-item__link thread-item__link--stacked">
              <span className="thread-item__title" data-testid="search-result-title">
                {result.title}
                {!result.isActive ? <span className="badge">Archived</span> : null}
              </span>
              {result.snippet ? (
                <span className="thread-item__snippet" data-testid="search-result-snippet">
                  {highlight(result.snippet)}
                </span>
              ) : null}
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
