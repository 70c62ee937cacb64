"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { useTRPC } from "@/components/trpc/provider";
import { errorMessage } from "@/components/ui/errors";
import { Spinner } from "@/components/ui/spinner";
import { groupByDate } from "./date-groups";
import { ThreadItem } from "./thread-item";
import { useActiveThreadId } from "./use-active-thread-id";
import { LoadMoreButton } from "./load-more-button";

export const PAGE_SIZE = 30;

export function ThreadHistory() {
  const trpc = useTRPC();
  const activeId = useActiveThreadId();
  const list = useInfiniteQuery(
    trpc.thread.list.infiniteQueryOptions(
      { limit: PAGE_SIZE, archived: false },
      { getNextPageParam: (page) => page.nextCursor ?? undefined },
    ),
  );
  const threads = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);
  const groups = useMemo(() => groupByDate(threads), [threads]);

  if (list.isPending) {
    return (
      <div className="sidebar__status">
        <Spinner label="Loading conversations" /> Loading conversations…
      </div>
    );
  }
  if (list.isError) {
    return (
      <div className="sidebar__status" role="alert">
        <p>{errorMessage(list.error, "Could not load your conversations.")}</p>
        <button type="button" className="button button--small" onClick={() => void list.refetch()} data-testid="history-retry">
          Try again
        </button>
      </div>
    );
  }
  if (threads.length === 0) {
    return (
      <div className="sidebar__empty" data-testid="history-empty">
        <p className="sidebar__empty-title">No conversations yet</p>
        <p>Your questions will be listed here, newest first.</p>
      </div>
    );
  }
  return (
    <div data-testid="thread-history">
      {groups.map((group) => (
        <section key={group.label} className="thread-group" aria-label={group.label}>
          <h3 className="thread-group__label">{group.label}</h3>
          <ul className="thread-list">
            {group.items.map((thread) => (
              <ThreadItem key={thread.id} thread={thread} active={thread.id === activeId} />
            ))}
          </ul>
        </section>
      ))}
      <LoadMoreButton list={list} label="Load older conversations" testId="history-load-more" />
    </div>
  );
}
