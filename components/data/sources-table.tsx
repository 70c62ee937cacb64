"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { QueryState } from "@/components/admin/query-state";
import { count, dateTime, periods, usd } from "@/components/admin/format";
import { useTRPC } from "@/components/trpc/provider";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { errorMessage } from "@/components/ui/errors";
import type { CostSource } from "./types";

/** Every import with its periods, rows and totals; deleting one removes its line items and re-runs the recommendations. */
export function SourcesTable() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const sources = useQuery(trpc.cost.sources.queryOptions());
  const [pending, setPending] = useState<CostSource | null>(null);
  const remove = useMutation(
    trpc.cost.deleteSource.mutationOptions({
      onSuccess: () => {
        setPending(null);
        void queryClient.invalidateQueries({ queryKey: trpc.cost.pathKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.recommendation.pathKey() });
      },
    }),
  );

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
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">File</th>
                  <th scope="col">Billing periods</th>
                  <th scope="col" className="num">
                    Rows
                  </th>
                  <th scope="col" className="num">
                    BilledCost
                  </th>
                  <th scope="col" className="num">
                    EffectiveCost
                  </th>
                  <th scope="col">Imported</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((s) => (
                  <tr key={s.id} data-testid="data-source-row" data-file-name={s.fileName} data-demo={s.isDemo ? "true" : "false"}>
                    <td className="table__clip">
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
                    </td>
                    <td>{periods(s.billingPeriods)}</td>
                    <td className="num">{count(s.rowCount)}</td>
                    <td className="num">{usd(s.billedCostTotal)}</td>
                    <td className="num">{usd(s.effectiveCostTotal)}</td>
                    <td>
                      <div>{dateTime(s.importedAt)}</div>
                      <div className="muted small">{s.importedByEmail ?? (s.isDemo ? "demo loader" : "command line")}</div>
                    </td>
                    <td className="table__actions">
                      <button
                        type="button"
                        className="button button--small button--danger-ghost"
                        onClick={() => {
                          remove.reset();
                          setPending(s);
                        }}
                        aria-label={`Delete ${s.fileName}`}
                        data-testid="data-source-delete"
                      >
                        Delete
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </QueryState>
      <ConfirmDialog
        open={pending !== null}
        title={`Delete ${pending?.fileName ?? "this import"}?`}
        confirmLabel="Delete import"
        pendingLabel="Deleting…"
        destructive
        pending={remove.isPending}
        error={remove.isError ? errorMessage(remove.error) : null}
        onConfirm={() => pending && remove.mutate({ id: pending.id })}
        onCancel={() => setPending(null)}
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
