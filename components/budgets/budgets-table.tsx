"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { label } from "@/components/admin/format";
import { useTRPC } from "@/components/trpc/provider";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { DataTable, type DataTableColumn } from "@/components/ui/data-table";
import { useConfirmedDelete } from "@/components/ui/use-confirmed-delete";
import { formatMoney } from "@/components/chat/answer-format";
import { overInWords, percentOfBudget, periodInWords, scopeInWords } from "./budget-format";
import type { BudgetHistoryView, BudgetRow, BudgetStatusView } from "./types";

const TONE = { on_track: "status-badge--ok", at_risk: "status-badge--review", over_budget: "status-badge--danger" } as const;

/** The status of a budget that counts as of `asOf`, or why it does not (not started, ended, no cost data). */
function StatusCell({ budget, asOf }: { budget: BudgetRow; asOf: string | null }) {
  const status = budget.status;
  if (status?.active) {
    return (
      <span className={`status-badge ${TONE[status.status]}`} data-testid="budget-status" data-status={status.status}>
        {label(status.status)}
      </span>
    );
  }
  const why = !status || !asOf ? "No cost data" : asOf < budget.startDate ? `Starts ${budget.startDate}` : `Ended ${budget.endDate}`;
  return (
    <span className="status-badge" data-testid="budget-status" data-status="inactive">
      {why}
    </span>
  );
}

const NOWRAP = "budget-table__nowrap";

/**
 * A column of the current period's figures: an amount with a line of detail under it, only while the budget counts
 * (the period before a budget started says nothing about it).
 */
function periodFigure(
  header: string,
  testId: string,
  amount: (status: BudgetStatusView) => string,
  detail: (status: BudgetStatusView, budget: BudgetRow) => ReactNode,
): DataTableColumn<BudgetRow> {
  return {
    header,
    numeric: true,
    cell: (b) =>
      b.status?.active ? (
        <>
          <div className={NOWRAP} data-testid={testId}>
            {formatMoney(amount(b.status), b.currency)}
          </div>
          <div className="muted small">{detail(b.status, b)}</div>
        </>
      ) : (
        "—"
      ),
  };
}

/** Every budget with how its current period is going; admins get Edit and Delete (with a confirm step). */
export function BudgetsTable({
  budgets,
  asOf,
  history,
  canEdit,
  onEdit,
  onDeleted,
}: {
  budgets: readonly BudgetRow[];
  asOf: string | null;
  /** This year's periods of each budget, by id; null while they load. */
  history: ReadonlyMap<string, BudgetHistoryView> | null;
  canEdit: boolean;
  onEdit: (budget: BudgetRow) => void;
  onDeleted: (budget: BudgetRow) => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const remove = useMutation(
    trpc.budget.delete.mutationOptions({
      onSuccess: (_result, { id }) => {
        const deleted = budgets.find((b) => b.id === id);
        if (deleted) onDeleted(deleted);
        void queryClient.invalidateQueries({ queryKey: trpc.budget.pathKey() });
      },
    }),
  );

  const deletion = useConfirmedDelete<BudgetRow>(remove);
  const pending = deletion.pending;

  const columns: DataTableColumn<BudgetRow>[] = [
    {
      header: "Budget",
      cellClassName: "budget-table__name",
      cell: (b) => (
        <>
          <div data-testid="budget-name">
            {b.name}
            {b.isDemo ? (
              <span className="badge" data-testid="budget-demo">
                Demo
              </span>
            ) : null}
          </div>
          <div className="muted small" data-testid="budget-scope">
            {scopeInWords(b.filters)}
          </div>
        </>
      ),
    },
    {
      header: "Amount",
      numeric: true,
      cell: (b) => (
        <>
          <div className={NOWRAP} data-testid="budget-amount">{formatMoney(b.amount, b.currency)}</div>
          <div className="muted small" data-testid="budget-period">
            {label(b.period)}, {b.endDate ? `${b.startDate} – ${b.endDate}` : `from ${b.startDate}`}
          </div>
        </>
      ),
    },
    periodFigure(
      "Spent this period",
      "budget-spent",
      (s) => s.spent,
      (s) => (
        <>
          <span data-testid="budget-spent-percent">{percentOfBudget(s.spentPercent)}</span> · {periodInWords(s.currentPeriod)}
        </>
      ),
    ),
    periodFigure(
      "Left",
      "budget-left",
      (s) => s.remaining,
      (s, b) =>
        Number(s.remaining) < 0 ? (
          <span data-testid="budget-left-detail">over by {formatMoney(-Number(s.remaining), b.currency)}</span>
        ) : (
          <span data-testid="budget-left-detail">{percentOfBudget(s.spentPercent == null ? null : 100 - s.spentPercent)} of budget</span>
        ),
    ),
    periodFigure(
      "Projected",
      "budget-projected",
      (s) => s.projectedSpend,
      (s, b) => (
        <>
          {percentOfBudget(s.projectedPercent)} of budget
          {Number(s.upcomingMonthlyCharges) !== 0 ? (
            <span data-testid="budget-upcoming-monthly">
              {" "}
              · incl. {formatMoney(s.upcomingMonthlyCharges, b.currency)} of monthly charges to come
            </span>
          ) : null}
        </>
      ),
    ),
    { header: "Status", cellClassName: NOWRAP, cell: (b) => <StatusCell budget={b} asOf={asOf} /> },
    {
      header: asOf ? `This year (${asOf.slice(0, 4)})` : "This year",
      cell: (b) => {
        const its = history?.get(b.id);
        const words = its ? overInWords(its) : null;
        return words ? (
          <span className={words.over ? "budget-table__over" : "muted"} data-testid="budget-year" data-over={words.over}>
            {words.text}
          </span>
        ) : (
          <span className="muted" data-testid="budget-year">
            —
          </span>
        );
      },
    },
  ];
  if (canEdit) {
    columns.push({
      header: <span className="visually-hidden">Actions</span>,
      cellClassName: "table__actions",
      cell: (b) => (
        <div className="budget-table__actions">
          <button type="button" className="button button--small" onClick={() => onEdit(b)} aria-label={`Edit ${b.name}`} data-testid="budget-edit">
            Edit
          </button>
          <button
            type="button"
            className="button button--small button--danger-ghost"
            onClick={() => deletion.ask(b)}
            aria-label={`Delete ${b.name}`}
            data-testid="budget-delete"
          >
            Delete
          </button>
        </div>
      ),
    });
  }

  return (
    <>
      <DataTable
        rows={budgets}
        rowKey={(b) => b.id}
        rowProps={(b) => ({ "data-testid": "budget-row", "data-name": b.name, "data-demo": b.isDemo ? "true" : "false" })}
        columns={columns}
        testId="budgets-table"
      />
      <ConfirmDialog
        {...deletion.dialog}
        title={`Delete ${pending?.name ?? "this budget"}?`}
        confirmLabel="Delete budget"
        pendingLabel="Deleting…"
        destructive
        testId="delete-budget-dialog"
      >
        <p>
          {pending?.isDemo
            ? "It comes with the demo dataset, so reloading the demo data brings it back. "
            : "The chat will no longer answer about it. "}
          Cost data is not affected.
        </p>
      </ConfirmDialog>
    </>
  );
}
