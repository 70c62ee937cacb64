"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, type KeyboardEvent } from "react";
import { threadTitleSchema } from "@/server/chat/schemas";
import { useTRPC } from "@/components/trpc/provider";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { errorMessage } from "@/components/ui/errors";

export interface ThreadRow {
  id: string;
  title: string;
}

/** One conversation in the history: open it, rename it in place (double-click or the pencil), or archive it. */
export function ThreadItem({ thread, active }: { thread: ThreadRow; active: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(thread.title);
  const [renameError, setRenameError] = useState<string | null>(null);
  const [confirmArchive, setConfirmArchive] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);

  const invalidateLists = () => queryClient.invalidateQueries({ queryKey: trpc.thread.list.pathKey() });
  const rename = useMutation(
    trpc.thread.rename.mutationOptions({
      onSuccess: () => {
        setEditing(false);
        void invalidateLists();
        void queryClient.invalidateQueries({ queryKey: trpc.thread.get.queryKey({ threadId: thread.id }) });
      },
      onError: (error) => setRenameError(errorMessage(error)),
    }),
  );
  const archive = useMutation(
    trpc.thread.archive.mutationOptions({
      onSuccess: () => {
        setConfirmArchive(false);
        void invalidateLists();
        void queryClient.invalidateQueries({ queryKey: trpc.thread.search.pathKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.thread.get.queryKey({ threadId: thread.id }) });
        if (active) router.push("/");
      },
    }),
  );

  useEffect(() => {
    if (editing) inputRef.current?.select();
  }, [editing]);

  function startEditing() {
    setDraft(thread.title);
    setRenameError(null);
    setEditing(true);
  }

  function save() {
    const parsed = threadTitleSchema.safeParse(draft);
    if (!parsed.success) {
      setRenameError(parsed.error.issues[0]?.message ?? "That title cannot be used.");
      return;
    }
    if (parsed.data === thread.title) {
      setEditing(false);
      return;
    }
    rename.mutate({ threadId: thread.id, title: parsed.data });
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === "Enter") {
      event.preventDefault();
      save();
    } else if (event.key === "Escape") {
      event.preventDefault();
      event.stopPropagation();
      setEditing(false);
    }
  }

  if (editing) {
    return (
      <li className="thread-item thread-item--editing" data-testid="thread-item" data-thread-id={thread.id}>
        <input
          ref={inputRef}
          className="input input--compact"
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={onKeyDown}
          onBlur={() => {
            if (!rename.isPending) setEditing(false);
          }}
          disabled={rename.isPending}
          aria-label="Conversation title (Enter saves, Esc cancels)"
          aria-invalid={renameError ? true : undefined}
          aria-describedby={renameError ? `rename-error-${thread.id}` : undefined}
          data-testid="thread-rename-input"
        />
        {renameError ? (
          <p id={`rename-error-${thread.id}`} className="field__error" role="alert">
            {renameError}
          </p>
        ) : null}
      </li>
    );
  }

  return (
    <li
      className={`thread-item${active ? " thread-item--active" : ""}`}
      data-testid="thread-item"
      data-thread-id={thread.id}
    >
      <Link
        href={`/t/${thread.id}`}
        className="thread-item__link"
        aria-current={active ? "page" : undefined}
        onDoubleClick={(e) => {
          e.preventDefault();
          startEditing();
        }}
        title={`${thread.title} (double-click to rename)`}
        data-testid="thread-link"
      >
        <span className="thread-item__title" data-testid="thread-title">
          {thread.title}
        </span>
      </Link>
      <div className="thread-item__actions">
        <button
          type="button"
          className="icon-button icon-button--small"
          aria-label={`Rename “${thread.title}”`}
          title="Rename"
          onClick={startEditing}
          data-testid="thread-rename"
        >
          <span aria-hidden="true">✎</span>
        </button>
        <button
          type="button"
          className="icon-button icon-button--small"
          aria-label={`Archive “${thread.title}”`}
          title="Archive"
          onClick={() => {
            archive.reset();
            setConfirmArchive(true);
          }}
          data-testid="thread-archive"
        >
          <span aria-hidden="true">⤓</span>
        </button>
      </div>
      <ConfirmDialog
        open={confirmArchive}
        title="Archive this conversation?"
        confirmLabel="Archive"
        pendingLabel="Archiving…"
        pending={archive.isPending}
        error={archive.error ? errorMessage(archive.error) : null}
        onConfirm={() => archive.mutate({ threadId: thread.id })}
        onCancel={() => setConfirmArchive(false)}
        testId="archive-dialog"
      >
        <p>
          “{thread.title}” moves to <strong>Archived</strong>. Nothing is deleted: you can restore it from there at any
          time.
        </p>
      </ConfirmDialog>
    </li>
  );
}
