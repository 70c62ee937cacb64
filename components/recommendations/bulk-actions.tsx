"use client";

import { errorMessage } from "@/components/ui/errors";
import { WORKFLOW_ACTIONS } from "./types";
import { useUpdateRecommendations } from "./use-update-recommendations";

/** Appears once rows are selected: moves them all at once; the server refuses the whole batch if one cannot move. */
export function BulkActions({
  ids,
  onDone,
  onClear,
}: {
  ids: string[];
  onDone: (text: string) => void;
  onClear: () => void;
}) {
  const update = useUpdateRecommendations((r) => {
    onDone(`${r.updated} updated${r.unchanged ? `, ${r.unchanged} already had that status` : ""}.`);
    onClear();
  });
  if (ids.length === 0) return null;
  return (
    <div className="bulk-bar" role="region" aria-label="Bulk actions" data-testid="rec-bulk-bar">
      <span className="bulk-bar__count" data-testid="rec-selected-count">
        {ids.length} selected
      </span>
      {WORKFLOW_ACTIONS.map((a) => (
        <button
          key={a.status}
          type="button"
          className={`button button--small${a.status === "rejected" ? " button--danger-ghost" : ""}`}
          disabled={update.isPending}
          onClick={() => update.mutate({ ids, status: a.status })}
          data-testid={`rec-bulk-${a.testId}`}
        >
          {update.isPending && update.variables?.status === a.status ? "Saving…" : a.label}
        </button>
      ))}
      <button type="button" className="button button--ghost button--small" onClick={onClear} data-testid="rec-bulk-clear">
        Clear selection
      </button>
      {update.isError ? (
        <p className="alert alert--error bulk-bar__error" role="alert" data-testid="rec-bulk-error">
          {errorMessage(update.error)}
        </p>
      ) : null}
    </div>
  );
}
