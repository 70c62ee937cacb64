"use client";

import { useQuery } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState } from "react";
import { dateTime, date, hours, label, pct, usdRange } from "@/components/admin/format";
import { useTRPC } from "@/components/trpc/provider";
import { errorMessage } from "@/components/ui/errors";
import { Spinner } from "@/components/ui/spinner";
import { ALLOWED_TRANSITIONS, type RecommendationStatus } from "@/server/finops/recommendations/schemas";
import { AffectedResources, EvidenceFigures, EvidenceQueries } from "./recommendation-evidence";
import { StatusBadge } from "./status-badge";
import { WORKFLOW_ACTIONS, type RecommendationDetail, type RecommendationEvidence } from "./types";
import { useUpdateRecommendations } from "./use-update-recommendations";

/** One recommendation in a side panel (a modal <dialog>: focus stays inside, Esc closes). */
export function RecommendationDrawer({ id, canEdit, onClose }: { id: string | null; canEdit: boolean; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const trpc = useTRPC();
  const detail = useQuery(trpc.recommendation.get.queryOptions({ id: id ?? "" }, { enabled: !!id, retry: false }));

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (id && !dialog.open) dialog.showModal();
    if (!id && dialog.open) dialog.close();
  }, [id]);

  return (
    <dialog
      ref={ref}
      className="drawer"
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      onClick={(e) => {
        if (e.target === ref.current) onClose();
      }}
      data-testid="rec-drawer"
    >
      {id ? (
        <div className="drawer__content">
          <div className="drawer__head">
            <h2 id={titleId} className="drawer__title" data-testid="rec-drawer-title">
              {detail.data?.title ?? "Recommendation"}
            </h2>
            <button type="button" className="icon-button" aria-label="Close" onClick={onClose} data-testid="rec-drawer-close">
              ×
            </button>
          </div>
          {detail.isPending ? (
            <p className="muted">
              <Spinner /> Loading the recommendation…
            </p>
          ) : detail.isError ? (
            <p className="alert alert--error" role="alert">
              {errorMessage(detail.error)}
            </p>
          ) : (
            <DrawerBody rec={detail.data} canEdit={canEdit} />
          )}
        </div>
      ) : null}
    </dialog>
  );
}

function DrawerBody({ rec, canEdit }: { rec: RecommendationDetail; canEdit: boolean }) {
  const evidence = (rec.evidence ?? {}) as RecommendationEvidence;
  return (
    <div className="drawer__body">
      <div className="drawer__meta">
        <StatusBadge status={rec.status} />
        <span className="muted small">
          {label(rec.category)}
          {rec.providerName ? ` · ${rec.providerName}` : ""}
          {rec.billingAccountId ? ` · account ${rec.billingAccountId}` : ""}
        </span>
      </div>
      <p className="drawer__description" data-testid="rec-drawer-description">
        {rec.description}
      </p>
      <dl className="facts">
        <div className="facts__item">
          <dt>Savings / month</dt>
          <dd data-testid="rec-drawer-savings">{usdRange(rec.savingsMinUsd, rec.savingsMaxUsd, rec.currency)}</dd>
        </div>
        {rec.savingsMinPercent != null || rec.savingsMaxPercent != null ? (
          <div className="facts__item">
            <dt>Of current cost</dt>
            <dd>
              {rec.savingsMinPercent != null ? `${rec.savingsMinPercent}%` : "—"} – {rec.savingsMaxPercent != null ? `${rec.savingsMaxPercent}%` : "—"}
            </dd>
          </div>
        ) : null}
        <div className="facts__item">
          <dt>Effort</dt>
          <dd>
            {hours(rec.effortHours)} <span className="muted small">({rec.difficulty})</span>
          </dd>
        </div>
        <div className="facts__item">
          <dt>Confidence</dt>
          <dd>{pct(rec.confidence)}</dd>
        </div>
        <div className="facts__item">
          <dt>Priority</dt>
          <dd>{rec.priorityScore.toFixed(1)}</dd>
        </div>
        <div className="facts__item">
          <dt>Expires</dt>
          <dd>{date(rec.expiresAt)}</dd>
        </div>
      </dl>

      {canEdit ? <WorkflowActions rec={rec} /> : <p className="muted small">Only administrators can change a recommendation’s status.</p>}

      <section className="drawer__section" aria-label="Affected resources">
        <h3 className="drawer__subtitle">Affected resources</h3>
        <AffectedResources resources={rec.affectedResources} />
      </section>
      <section className="drawer__section" aria-label="Evidence">
        <h3 className="drawer__subtitle">Evidence</h3>
        <EvidenceFigures evidence={evidence} />
        <h4 className="drawer__subtitle drawer__subtitle--small">How it was computed</h4>
        <EvidenceQueries evidence={evidence} />
      </section>
      <section className="drawer__section" aria-label="Status history">
        <h3 className="drawer__subtitle">History</h3>
        {rec.history.length === 0 ? (
          <p className="muted small">No status changes yet.</p>
        ) : (
          <ol className="history" data-testid="rec-history">
            {rec.history.map((h, i) => (
              <li key={i} className="history__item" data-testid="rec-history-item" data-to-status={h.toStatus}>
                <div>
                  <strong>{label(h.fromStatus ?? "new")}</strong> → <strong>{label(h.toStatus)}</strong>
                </div>
                <div className="muted small">
                  {h.changedBy} · {dateTime(h.changedAt)}
                </div>
                {h.note ? <blockquote className="history__note">{h.note}</blockquote> : null}
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}

function WorkflowActions({ rec }: { rec: RecommendationDetail }) {
  const [note, setNote] = useState("");
  const noteId = useId();
  const update = useUpdateRecommendations(() => setNote(""));
  const allowed = ALLOWED_TRANSITIONS[rec.status as RecommendationStatus] ?? [];
  const actions = WORKFLOW_ACTIONS.filter((a) => allowed.includes(a.status));

  if (actions.length === 0) {
    return (
      <p className="muted small" data-testid="rec-workflow-final">
        {rec.status === "implemented" ? "Implemented: this recommendation is closed." : "The generator closed this one; it no longer applies to the data."}
      </p>
    );
  }
  return (
    <div className="workflow" data-testid="rec-workflow">
      <label htmlFor={noteId} className="field__label">
        Note <span className="muted small">(optional, kept in the history)</span>
      </label>
      <textarea
        id={noteId}
        className="input workflow__note"
        rows={2}
        maxLength={1000}
        value={note}
        onChange={(e) => setNote(e.target.value)}
        placeholder="Why, ticket number, who is on it…"
        data-testid="rec-note"
      />
      <div className="workflow__buttons">
        {actions.map((a) => (
          <button
            key={a.status}
            type="button"
            className={`button button--small ${a.status === "rejected" ? "button--danger-ghost" : a.status === "active" ? "" : "button--primary"}`}
            disabled={update.isPending}
            onClick={() => update.mutate({ ids: [rec.id], status: a.status, note: note.trim() || undefined })}
            data-testid={`rec-action-${a.testId}`}
          >
            {update.isPending && update.variables?.status === a.status ? "Saving…" : a.label}
          </button>
        ))}
      </div>
      {update.isError ? (
        <p className="alert alert--error" role="alert" data-testid="rec-action-error">
          {errorMessage(update.error)}
        </p>
      ) : null}
    </div>
  );
}
