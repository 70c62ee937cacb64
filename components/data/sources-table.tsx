"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { QueryState } from "@/components/admin/query-state";
import { count, dateTime, periods, usd } from "@/components/admin/format";
import { useTRPC } from "@/components/trpc/provider";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { DataTable } from "@/components/ui/data-table";
import { useConfirmedDelete } from "@/components/ui/use-confirmed-delete";
import type { CostSource } from "./types";

/** A source's total: whole currency units, with cents below 1,000 so a small file does not read "$0". */
const total = (v: string | number | null | undefined) => usd(v, v != null && Math.abs(Number(v)) < 1000 ? 2 : 0);

/** Every import with its periods, rows and totals; deleting one removes its line items and re-runs the recommendations. */
export function SourcesTable() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const sources = useQuery(trpc.cost.sources.queryOptions());
  const remove = useMutation(
    trpc.cost.deleteSource.mutationOptions({
      onSuccess: () => {
        void queryClient.invalidateQueries({ queryKey: trpc.cost.pathKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.recommendation.pathKey() });
      },
    }),
  );
  const deletion = useConfirmedDelete<CostSource>(remove);
  const pending = deletion.pending;

  return (
    <section className="card" aria-labelledby="sources-title" data-testid="data-sources">
      <h2 id="sources-title" className="card__title">
        Imported data
      </h2>
      <QueryState
        query={sources}
        isEmpty={(d) => d.length === 0}
        empty={<p>No cost data yet. Upload a FOCUS export above; it appears here once imported.</p>}
      >
        {(rows) => (
          <DataTable
            rows={rows}
            rowKey={(s) => s.id}
            rowProps={(s) => ({ "data-testid": "data-source-row", "data-file-name": s.fileName, "data-demo": s.isDemo ? "true" : "false" })}
            columns={[
              {
                header: "File",
                cellClassName: "table__clip",
                cell: (s) => (
                  <>
                    <div>
                      {s.fileName}
                      {s.isDemo ? (
                        <span className="badge" data-testid="data-source-demo">
                          Demo
                        </span>
                      ) : null}
                    </div>
                    <div className="muted small">
                      {s.format.toUpperCase()} · FOCUS {s.focusVersion}
                      {s.skippedRows ? ` · ${count(s.skippedRows)} rows skipped` : ""}
                    </div>
                  </>
                ),
              },
              { header: "Billing periods", cell: (s) => periods(s.billingPeriods) },
              { header: "Rows", numeric: true, cell: (s) => count(s.rowCount) },
              { header: "BilledCost", numeric: true, cell: (s) => total(s.billedCostTotal) },
              { header: "EffectiveCost", numeric: true, cell: (s) => total(s.effectiveCostTotal) },
              {
                header: "Imported",
                cell: (s) => (
                  <>
                    <div>{dateTime(s.importedAt)}</div>
                    <div className="muted small">{s.importedByEmail ?? (s.isDemo ? "demo loader" : "command line")}</div>
                  </>
                ),
              },
              {
                header: <span className="visually-hidden">Actions</span>,
                cellClassName: "table__actions",
                cell: (s) => (
                  <button
                    type="button"
                    className="button button--small button--danger-ghost"
                    onClick={() => deletion.ask(s)}
                    aria-label={`Delete ${s.fileName}`}
                    data-testid="data-source-delete"
                  >
                    Delete
                  </button>
                ),
              },
            ]}
          />
        )}
      </QueryState>
      <ConfirmDialog
        {...deletion.dialog}
        title={`Delete ${pending?.fileName ?? "this import"}?`}
        confirmLabel="Delete import"
        pendingLabel="Deleting…"
        destructive
        testId="delete-source-dialog"
      >
        <p>
          This removes its {count(pending?.rowCount ?? 0)} rows of cost data and re-runs the recommendations over what is left. Answers and
          reports will no longer include it. You can upload the file again later.
        </p>
      </ConfirmDialog>
    </section>
  );
}
