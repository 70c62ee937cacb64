"use client";

import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useMemo } from "react";
import { useTRPC } from "@/components/trpc/provider";
import { errorMessage } from "@/components/ui/errors";
import { Spinner } from "@/components/ui/spinner";
import { PAGE_SIZE } from "./thread-history";
import { useActiveThreadId } from "./use-active-thread-id";
import { LoadMoreButton } from "./load-more-button";

export function ArchivedThreads() {
  const trpc = useTRPC();
  const activeId = useActiveThreadId();
  const list = useInfiniteQuery(
    trpc.thread.list.infiniteQueryOptions(
      { limit: PAGE_SIZE, archived: true },
      { getNextPageParam: (page) => page.nextCursor ?? undefined },
    ),
  );
  const threads = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);

  if (list.isPending) {
    return (
      <div className="sidebar__status">
        <Spinner label="Loading archived conversations" /> Loading…
      </div>
    );
  }
  if (list.isError) {
    return (
      <div className="sidebar__status" role="alert">
        <p>{errorMessage(list.error, "Could not load archived conversations.")}</p>
        <button type="button" className="button button--small" onClick={() => void list.refetch()}>
          Try again
        </button>
      </div>
    );
  }
  if (threads.length === 0) {
    return (
      <div className="sidebar__empty" data-testid="archive-empty">
        <p className="sidebar__empty-title">Nothing archived</p>
        <p>Archive a conversation from History to tidy it away; it will wait here until you restore it.</p>
      </div>
    );
  }
  return (
    <div data-testid="archived-list">
      <ul className="thread-list">
        {threads.map((thread) => (
          <ArchivedThreadItem key={thread.id} thread={thread} active={thread.id === activeId} />
        ))}
      </ul>
      <LoadMoreButton list={list} label="Load more" testId="archived-load-more" />
    </div>
  );
}

function ArchivedThreadItem({ thread, active }: { thread: { id: string; title: string }; active: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const restore = useMutation(
    trpc.thread.restore.mutationOptions({
      onSuccess: () => {
        void queryClient.invalidateQueries({ queryKey: trpc.thread.list.pathKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.thread.get.queryKey({ threadId: thread.id }) });
      },
    }),
  );
  return (
    <li className={`thread-item${active ? " thread-item--active" : ""}`} data-testid="archived-item" data-thread-id={thread.id}>
      <Link href={`/t/${thread.id}`} className="thread-item__link" aria-current={active ? "page" : undefined}>
        <span className="thread-item__title" data-testid="thread-title">
          {thread.title}
        </span>
      </Link>
      <button
        type="button"
        className="button button--small"
        onClick={() => restore.mutate({ threadId: thread.id })}
        disabled={restore.isPending}
        aria-label={`Restore “${thread.title}”`}
        data-testid="thread-restore"
      >
        {restore.isPending ? "Restoring…" : "Restore"}
      </button>
      {restore.isError ? (
        <p className="field__error" role="alert">
          {errorMessage(restore.error)}
        </p>
      ) : null}
    </li>
  );
}
