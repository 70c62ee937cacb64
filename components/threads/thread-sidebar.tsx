"use client";

import Link from "next/link";
import { useState } from "react";
import { ArchivedThreads } from "./archived-threads";
import { ThreadHistory } from "./thread-history";
import { ThreadSearch, ThreadSearchResults } from "./thread-search";
import { useThreadListSync } from "./use-thread-list-sync";

type View = "history" | "archived";

export function ThreadSidebar({ id }: { id: string }) {
  useThreadListSync();
  const [view, setView] = useState<View>("history");
  const [query, setQuery] = useState("");
  const searching = query.trim().length > 0;

  return (
    <nav id={id} className="sidebar" aria-label="Conversations" data-testid="thread-sidebar">
      <div className="sidebar__top">
        <Link href="/" className="button button--primary button--block" data-testid="new-chat">
          <span className="plus" aria-hidden="true" /> New conversation
        </Link>
        <ThreadSearch value={query} onChange={setQuery} />
        {!searching ? (
          <div className="segmented" role="group" aria-label="Which conversations">
            <button
              type="button"
              className="segmented__item"
              aria-pressed={view === "history"}
              onClick={() => setView("history")}
              data-testid="view-history"
            >
              History
            </button>
            <button
              type="button"
              className="segmented__item"
              aria-pressed={view === "archived"}
              onClick={() => setView("archived")}
              data-testid="view-archived"
            >
              Archived
            </button>
          </div>
        ) : null}
      </div>
      <div className="sidebar__scroll">
        {searching ? (
          <ThreadSearchResults query={query} />
        ) : view === "history" ? (
          <ThreadHistory />
        ) : (
          <ArchivedThreads />
        )}
      </div>
    </nav>
  );
}
