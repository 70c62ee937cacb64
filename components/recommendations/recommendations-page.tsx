"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useCallback, useState } from "react";
import { useIsAdmin } from "@/components/admin/admin-gate";
import { count } from "@/components/admin/format";
import { Toast, type ToastMessage } from "@/components/admin/toast";
import { useTRPC } from "@/components/trpc/provider";
import { errorMessage } from "@/components/ui/errors";
import { Spinner } from "@/components/ui/spinner";
import { BulkActions } from "./bulk-actions";
import { RecommendationDrawer } from "./recommendation-drawer";
import { RecommendationFilters } from "./recommendation-filters";
import { RecommendationSummary } from "./recommendation-summary";
import { RecommendationTable } from "./recommendation-table";
import { ExportButton, RegenerateButton } from "./recommendation-toolbar";
import { filtersOf, hasFilters, listInputOf, PAGE_SIZE, useRecommendationParams } from "./use-recommendation-params";

export function RecommendationsPage() {
  const trpc = useTRPC();
  const { isAdmin } = useIsAdmin();
  const { params, update, clearFilters } = useRecommendationParams();
  const list = useQuery(trpc.recommendation.list.queryOptions(listInputOf(params), { placeholderData: keepPreviousData }));
  const facets = useQuery(trpc.recommendation.facets.queryOptions());
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [toast, setToast] = useState<ToastMessage | null>(null);
  const notify = useCallback((tone: ToastMessage["tone"], text: string) => setToast({ id: Date.now(), tone, text }), []);
  const dismiss = useCallback(() => setToast(null), []);

  const select = (ids: string[], on: boolean) =>
    setSelected((prev) => {
      const next = new Set(prev);
      for (const id of ids) (on ? next.add(id) : next.delete(id));
      return next;
    });

  const total = list.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const filtered = hasFilters(params);

  return (
    <div className="page page--wide" data-testid="recommendations-page">
      <header className="page__header page__header--actions">
        <div>
          <h1 className="page__title">Recommendations</h1>
          <p className="page__lead">
            Savings found in your cost data, ranked by priority.{" "}
            {isAdmin ? "Review them, mark what you implemented, reject what does not apply." : "Only administrators can change their status."}
          </p>
        </div>
        <div className="page__actions">
          <ExportButton filters={filtersOf(params)} notify={notify} />
          {isAdmin ? <RegenerateButton notify={notify} /> : null}
        </div>
      </header>

      <RecommendationSummary onOpen={(id) => update({ id })} onCategory={(c) => update({ category: [c] })} />
      <RecommendationFilters params={params} update={update} onClear={clearFilters} facets={facets.data} />

      <section className="card" aria-labelledby="rec-list-title" aria-busy={list.isFetching} data-testid="rec-list">
        <div className="card__head">
          <h2 id="rec-list-title" className="card__title">
            {list.data ? `${count(total)} recommendation${total === 1 ? "" : "s"}` : "Recommendations"}
            {list.isFetching && !list.isPending ? (
              <span className="small muted">
                {" "}
                <Spinner label="Updating" /> Updating…
              </span>
            ) : null}
          </h2>
          {list.data && total > 0 ? (
            <span className="muted small" data-testid="rec-range">
              {(params.page - 1) * PAGE_SIZE + 1}–{Math.min(params.page * PAGE_SIZE, total)} of {count(total)}
            </span>
          ) : null}
        </div>

        {isAdmin ? (
          <BulkActions ids={[...selected]} onDone={(text) => notify("ok", text)} onClear={() => setSelected(new Set())} />
        ) : null}

        {list.isPending ? (
          <p className="muted">
            <Spinner /> Loading recommendations…
          </p>
        ) : list.isError ? (
          <p className="alert alert--error" role="alert">
            {errorMessage(list.error)}{" "}
            <button type="button" className="link-button" onClick={() => void list.refetch()}>
              Try again
            </button>
          </p>
        ) : list.data.items.length === 0 ? (
          filtered ? (
            <div className="empty-inline" data-testid="rec-empty-filtered">
              <p>
                No recommendations match these filters.{" "}
                <button type="button" className="link-button" onClick={clearFilters}>
                  Clear filters
                </button>
              </p>
            </div>
          ) : (
            <div className="empty-inline" data-testid="rec-empty">
              <p>
                <strong>No recommendations yet.</strong> They are computed from your cost data: load a FOCUS export on the{" "}
                <Link href="/admin/data">Data page</Link>, then they appear here automatically
                {isAdmin ? " — or press Regenerate to re-run the analysis over the data already loaded." : "."}
              </p>
            </div>
          )
        ) : (
          <>
            <RecommendationTable
              rows={list.data.items}
              sort={params.sort}
              dir={params.dir}
              onSort={(sort, dir) => update({ sort, dir })}
              selectable={isAdmin}
              selected={selected}
              onSelect={select}
              onOpen={(id) => update({ id })}
            />
            {pages > 1 ? (
              <nav className="pager" aria-label="Pages" data-testid="rec-pager">
                <button
                  type="button"
                  className="button button--small"
                  disabled={params.page <= 1}
                  onClick={() => update({ page: params.page - 1 })}
                  data-testid="rec-page-prev"
                >
                  ← Previous
                </button>
                <span className="muted small" aria-current="page">
                  Page {params.page} of {pages}
                </span>
                <button
                  type="button"
                  className="button button--small"
                  disabled={params.page >= pages}
                  onClick={() => update({ page: params.page + 1 })}
                  data-testid="rec-page-next"
                >
                  Next →
                </button>
              </nav>
            ) : null}
          </>
        )}
      </section>

      <RecommendationDrawer id={params.id} canEdit={isAdmin} onClose={() => update({ id: null })} />
      <Toast toast={toast} onDismiss={dismiss} testId="rec-toast" />
    </div>
  );
}
