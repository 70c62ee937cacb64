"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type ChangeEvent, type FormEvent } from "react";
import { label } from "@/components/admin/format";
import { FormField } from "@/components/auth/form-field";
import { useTRPC } from "@/components/trpc/provider";
import { errorMessage } from "@/components/ui/errors";
import { BUDGET_PERIODS } from "@/server/finops/budgets/schemas";
import { budgetInputOf, formValuesOf, type BudgetFormValues } from "./budget-form-values";
import type { BudgetRow } from "./types";
import { useScopeSuggestions, type ScopeField, type ScopeSuggestion } from "./use-scope-suggestions";

/** The fields the server reports input errors on; "filters" covers the whole scope. */
const FIELDS = ["name", "amount", "currency", "period", "startDate", "endDate", "filters"] as const;
type FieldErrors = Partial<Record<(typeof FIELDS)[number], string>>;

type ServerError = { data?: { zodError?: { fieldErrors?: Record<string, string[] | undefined> } | null; appCode?: string | null } | null };

/** Why the server refused a save, placed where it applies: input errors by field, a taken name under the name. */
function serverErrors(error: unknown): { fields: FieldErrors; form: string | null } {
  const data = (error as ServerError).data;
  const reported = data?.zodError?.fieldErrors ?? {};
  const fields: FieldErrors = Object.fromEntries(FIELDS.flatMap((f) => (reported[f]?.[0] ? [[f, reported[f][0]]] : [])));
  if (Object.keys(fields).length > 0) return { fields, form: null };
  if (data?.appCode === "conflict:cost") return { fields: { name: errorMessage(error) }, form: null };
  return { fields: {}, form: errorMessage(error) };
}

/**
 * Adds a budget, or edits `budget`. Every rule is checked by the server, whose messages appear beside the fields
 * they concern. Scope fields are free text with the cost data's values as suggestions.
 */
export function BudgetForm({
  budget,
  defaultStart,
  onSaved,
  onCancel,
}: {
  budget: BudgetRow | null;
  defaultStart: string;
  onSaved: (name: string) => void;
  onCancel: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [values, setValues] = useState(() => formValuesOf(budget, defaultStart));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const suggestions = useScopeSuggestions(values.currency, values.provider);
  const onSuccess = (saved: { name: string }) => {
    void queryClient.invalidateQueries({ queryKey: trpc.budget.pathKey() });
    onSaved(saved.name);
  };
  const create = useMutation(trpc.budget.create.mutationOptions({ onSuccess }));
  const update = useMutation(trpc.budget.update.mutationOptions({ onSuccess }));
  const pending = create.isPending || update.isPending;

  const bind = (field: keyof BudgetFormValues) => ({
    value: values[field],
    onChange: (e: ChangeEvent<HTMLInputElement | HTMLSelectElement>) => setValues((v) => ({ ...v, [field]: e.target.value })),
  });

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFormError(null);
    const input = budgetInputOf(values);
    try {
      if (budget) await update.mutateAsync({ ...input, id: budget.id });
      else await create.mutateAsync(input);
    } catch (error) {
      const { fields, form } = serverErrors(error);
      setErrors(fields);
      setFormError(form);
    }
  }

  return (
    <form className="budget-form" onSubmit={(e) => void onSubmit(e)} noValidate aria-busy={pending} data-testid="budget-form">
      {budget?.isDemo ? (
        <p className="muted small" data-testid="budget-form-demo-note">
          This budget comes with the demo dataset: reloading the demo data replaces it, your edits included.
        </p>
      ) : null}
      <div className="budget-form__grid">
        <div className="budget-form__wide">
          <FormField id="budget-name" label="Name" error={errors.name} maxLength={200} {...bind("name")} data-testid="budget-form-name" />
        </div>
        <FormField
          id="budget-amount"
          label="Amount"
          inputMode="decimal"
          placeholder="5000.00"
          error={errors.amount}
          {...bind("amount")}
          data-testid="budget-form-amount"
        />
        <FormField
          id="budget-currency"
          label="Currency"
          hint="Only spend billed in it counts."
          maxLength={3}
          error={errors.currency}
          {...bind("currency")}
          data-testid="budget-form-currency"
        />
        <div className="field">
          <label htmlFor="budget-period" className="field__label">
            Period
          </label>
          <select
            id="budget-period"
            className="input"
            aria-invalid={errors.period ? true : undefined}
            aria-describedby={errors.period ? "budget-period-error" : undefined}
            {...bind("period")}
            data-testid="budget-form-period"
          >
            {BUDGET_PERIODS.map((p) => (
              <option key={p} value={p}>
                {label(p)}
              </option>
            ))}
          </select>
          {errors.period ? (
            <p id="budget-period-error" className="field__error" role="alert">
              {errors.period}
            </p>
          ) : null}
        </div>
        <FormField id="budget-start" label="Starts" type="date" error={errors.startDate} {...bind("startDate")} data-testid="budget-form-start" />
        <FormField
          id="budget-end"
          label="Ends (optional)"
          type="date"
          hint="Leave empty for no end."
          error={errors.endDate}
          {...bind("endDate")}
          data-testid="budget-form-end"
        />
      </div>

      <fieldset className="budget-form__scope" aria-describedby={errors.filters ? "budget-scope-error" : "budget-scope-hint"}>
        <legend className="field__label">Scope</legend>
        <p id="budget-scope-hint" className="field__hint">
          What the budget counts. Leave everything empty to count all spend in its currency.
        </p>
        <div className="budget-form__grid">
          <ScopeInput id="budget-provider" label="Provider" field="provider" suggestions={suggestions} bind={bind} testId="budget-form-provider" />
          <ScopeInput
            id="budget-billing-account"
            label="Billing account"
            field="billingAccountId"
            suggestions={suggestions}
            bind={bind}
            testId="budget-form-billing-account"
          />
          <ScopeInput
            id="budget-sub-account"
            label="Sub-account"
            field="subAccountId"
            suggestions={suggestions}
            bind={bind}
            testId="budget-form-sub-account"
          />
          <ScopeInput id="budget-service" label="Service" field="serviceName" suggestions={suggestions} bind={bind} testId="budget-form-service" />
          <FormField id="budget-tag-key" label="Tag key" placeholder="team" maxLength={200} {...bind("tagKey")} data-testid="budget-form-tag-key" />
          <FormField id="budget-tag-value" label="Tag value" placeholder="data-platform" maxLength={200} {...bind("tagValue")} data-testid="budget-form-tag-value" />
        </div>
        {errors.filters ? (
          <p id="budget-scope-error" className="field__error" role="alert" data-testid="budget-form-scope-error">
            {errors.filters}
          </p>
        ) : null}
      </fieldset>

      {formError ? (
        <p className="alert alert--error" role="alert" data-testid="budget-form-error">
          {formError}
        </p>
      ) : null}
      <div className="budget-form__actions">
        {budget ? (
          <button type="button" className="button" onClick={onCancel} disabled={pending} data-testid="budget-form-cancel">
            Cancel
          </button>
        ) : null}
        <button type="submit" className="button button--primary" disabled={pending} data-testid="budget-form-submit">
          {pending ? "Saving…" : budget ? "Save changes" : "Add budget"}
        </button>
      </div>
    </form>
  );
}

/** A free-text scope field with the cost data's values of it as suggestions (a <datalist>). */
function ScopeInput({
  id,
  label: text,
  field,
  suggestions,
  bind,
  testId,
}: {
  id: string;
  label: string;
  field: ScopeField;
  suggestions: Record<ScopeField, ScopeSuggestion[]>;
  bind: (field: keyof BudgetFormValues) => { value: string; onChange: (e: ChangeEvent<HTMLInputElement>) => void };
  testId: string;
}) {
  return (
    <>
      <FormField id={id} label={text} placeholder="Any" maxLength={200} list={`${id}-suggestions`} autoComplete="off" {...bind(field)} data-testid={testId} />
      <datalist id={`${id}-suggestions`}>
        {suggestions[field].map((s) => (
          <option key={s.value} value={s.value} label={s.label && s.label !== s.value ? s.label : undefined} />
        ))}
      </datalist>
    </>
  );
}
