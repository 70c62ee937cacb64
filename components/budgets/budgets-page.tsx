"use client";

import { skipToken, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useCallback, useRef, useState } from "react";
import { useIsAdmin } from "@/components/admin/admin-gate";
import { QueryState } from "@/components/admin/query-state";
import { Toast, type ToastMessage } from "@/components/admin/toast";
import { useTRPC } from "@/components/trpc/provider";
import { BudgetForm } from "./budget-form";
import { BudgetsTable } from "./budgets-table";
import { addDays } from "../../server/finops/analytics/scope";
import type { BudgetRow } from "./types";

/** Budgets and how each one's current period is going; admins add, edit and delete them. */
export function BudgetsPage() {
  const trpc = useTRPC();
  const { isAdmin, isPending: roleLoading } = useIsAdmin();
  const list = useQuery(trpc.budget.list.queryOptions());
  const [editing, setEditing] = useState<BudgetRow | null>(null);
  // Remounting the form after a save clears it for the next budget.
  const [formKey, setFormKey] = useState(0);
  const formRef = useRef<HTMLElement>(null);
  const [toast, setToast] = useState<ToastMessage | null>(null);
  const notify = useCallback((text: string) => setToast({ id: Date.now(), tone: "ok", text }), []);
  const dismiss = useCallback(() => setToast(null), []);

  const asOf = list.data?.asOf ?? null;
  // This year's periods of every budget: which went over (the chat's "which budgets did we exceed this year?").
  const history = useQuery(
    trpc.budget.history.queryOptions(asOf ? { period: { start: `${asOf.slice(0, 4)}-01-01`, end: addDays(asOf, 1) } } : skipToken),
  );
  const historyById = new Map((history.data?.budgets ?? []).map((b) => [b.id, b]));
  // New budgets start with the month of the latest cost data, so their status shows at once.
  const defaultStart = `${(asOf ?? new Date().toISOString()).slice(0, 7)}-01`;
  const closeForm = () => {
    setEditing(null);
    setFormKey((k) => k + 1);
  };
  const edit = (budget: BudgetRow) => {
    setEditing(budget);
    setFormKey((k) => k + 1);
    formRef.current?.scrollIntoView({ block: "start", behavior: "smooth" });
    requestAnimationFrame(() => document.getElementById("budget-name")?.focus({ preventScroll: true }));
  };

  return (
    <div className="page page--wide" data-testid="budgets-page">
      <header className="page__header">
        <h1 className="page__title">Budgets</h1>
        <p className="page__lead">
          Spending limits per month, quarter or year, checked against your cost data
          {asOf ? ` as of ${asOf}, its latest day` : ""}. The chat answers questions about them.{" "}
          {isAdmin || roleLoading ? null : "Only administrators can add or change budgets."}
        </p>
      </header>

      {isAdmin ? (
        <section ref={formRef} className="card" aria-labelledby="budget-form-title" data-testid="budget-form-card">
          <h2 id="budget-form-title" className="card__title">
            {editing ? `Edit ${editing.name}` : "Add a budget"}
          </h2>
          <BudgetForm
            key={formKey}
            budget={editing}
            defaultStart={defaultStart}
            onSaved={(name) => {
              notify(editing ? `Saved ${name}.` : `Added ${name}.`);
              closeForm();
            }}
            onCancel={closeForm}
          />
        </section>
      ) : null}

      <section className="card" aria-labelledby="budgets-title" aria-busy={list.isFetching} data-testid="budgets-list">
        <h2 id="budgets-title" className="card__title">
          {list.data ? `${list.data.budgets.length} budget${list.data.budgets.length === 1 ? "" : "s"}` : "Budgets"}
        </h2>
        {list.data && !asOf && list.data.budgets.length > 0 ? (
          <p className="muted small" data-testid="budgets-no-data">
            No cost data is loaded, so spend cannot be checked yet: load a FOCUS export on the <Link href="/admin/data">Data page</Link>.
          </p>
        ) : null}
        <QueryState
          query={list}
          isEmpty={(d) => d.budgets.length === 0}
          empty={
            <p data-testid="budgets-empty">
              <strong>No budgets yet.</strong>{" "}
              {isAdmin ? "Add one above: the chat then tells you which are on track, at risk or over." : "An administrator can add them here."}
            </p>
          }
        >
          {(data) => (
            <BudgetsTable
              budgets={data.budgets}
              asOf={data.asOf}
              history={history.data ? historyById : null}
              canEdit={isAdmin}
              onEdit={edit}
              onDeleted={(budget) => {
                notify(`Deleted ${budget.name}.`);
                if (editing?.id === budget.id) closeForm();
              }}
            />
          )}
        </QueryState>
      </section>

      <Toast toast={toast} onDismiss={dismiss} testId="budget-toast" />
    </div>
  );
}
