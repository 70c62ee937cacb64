"use client";

import { useCallback } from "react";
import { label } from "@/components/admin/format";
import { RECOMMENDATION_CATEGORIES, RECOMMENDATION_STATUSES } from "@/server/finops/recommendations/schemas";
import { DebouncedInput } from "./debounced-input";
import { hasFilters, type RecommendationParams, type RecommendationParamsPatch } from "./use-recommendation-params";

type Update = (patch: RecommendationParamsPatch) => void;

/** The choices, plus the value from the URL when it is not among them (so a shared link still shows its filter). */
function withCurrent(choices: string[], current: string): string[] {
  return current && !choices.includes(current) ? [...choices, current] : choices;
}

export function RecommendationFilters({
  params,
  update,
  onClear,
  facets,
}: {
  params: RecommendationParams;
  update: Update;
  onClear: () => void;
  facets?: { providers: string[]; accounts: Array<{ provider: string; id: string }>; tags: Array<{ key: string; values: string[] }> };
}) {
  const accounts = [...new Set((facets?.accounts ?? []).filter((a) => !params.provider || a.provider === params.provider).map((a) => a.id))];
  const commit = useCallback((key: keyof RecommendationParams) => (value: string) => update({ [key]: value } as RecommendationParamsPatch), [update]);
  const toggleStatus = (status: string, on: boolean) =>
    update({ status: on ? [...params.status, status] : params.status.filter((s) => s !== status) });

  return (
    <section className="card rec-filters" aria-label="Filters" data-testid="rec-filters">
      <div className="rec-filters__row">
        <label className="field rec-filters__search">
          <span className="field__label">Search</span>
          <DebouncedInput
            type="search"
            className="input input--compact"
            placeholder="Title, description, resource…"
            value={params.search}
            onCommit={commit("search")}
            data-testid="rec-filter-search"
          />
        </label>
        <label className="field">
          <span className="field__label">Category</span>
          <select
            className="input input--compact"
            value={params.category[0] ?? ""}
            onChange={(e) => update({ category: e.target.value ? [e.target.value] : null })}
            data-testid="rec-filter-category"
          >
            <option value="">All categories</option>
            {RECOMMENDATION_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {label(c)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field__label">Provider</span>
          <select
            className="input input--compact"
            value={params.provider}
            // A new provider clears an account that belongs to another one.
            onChange={(e) => update({ provider: e.target.value || null, account: null })}
            data-testid="rec-filter-provider"
          >
            <option value="">All providers</option>
            {withCurrent(facets?.providers ?? [], params.provider).map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field__label">Billing account</span>
          <select
            className="input input--compact"
            value={params.account}
            onChange={(e) => update({ account: e.target.value || null })}
            data-testid="rec-filter-account"
          >
            <option value="">All accounts</option>
            {withCurrent(accounts, params.account).map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field__label">Resource tag</span>
          <select
            className="input input--compact"
            value={params.tag}
            onChange={(e) => update({ tag: e.target.value || null })}
            data-testid="rec-filter-tag"
          >
            <option value="">Any tag</option>
            {(facets?.tags ?? []).map((t) => (
              <optgroup key={t.key} label={t.key}>
                {t.values.map((v) => (
                  <option key={v} value={`${t.key}=${v}`}>
                    {t.key} = {v}
                  </option>
                ))}
              </optgroup>
            ))}
            {params.tag && !(facets?.tags ?? []).some((t) => t.values.some((v) => `${t.key}=${v}` === params.tag)) ? (
              <option value={params.tag}>{params.tag}</option>
            ) : null}
          </select>
        </label>
        <label className="field rec-filters__num">
          <span className="field__label">Min savings</span>
          <DebouncedInput
            type="number"
            min={0}
            step={100}
            inputMode="numeric"
            placeholder="$ / month"
            aria-label="Minimum savings, dollars per month"
            className="input input--compact"
            value={params.minSavings}
            onCommit={commit("minSavings")}
            data-testid="rec-filter-min-savings"
          />
        </label>
        <label className="field rec-filters__num">
          <span className="field__label">Max effort</span>
          <DebouncedInput
            type="number"
            min={0}
            step={1}
            inputMode="numeric"
            placeholder="hours"
            aria-label="Maximum effort, hours"
            className="input input--compact"
            value={params.maxEffort}
            onCommit={commit("maxEffort")}
            data-testid="rec-filter-max-effort"
          />
        </label>
      </div>
      <div className="rec-filters__row rec-filters__row--statuses">
        <fieldset className="rec-filters__statuses" data-testid="rec-filter-status">
          <legend className="field__label">Status</legend>
          {RECOMMENDATION_STATUSES.map((s) => (
            <label key={s} className="check-chip">
              <input
                type="checkbox"
                checked={params.status.includes(s)}
                onChange={(e) => toggleStatus(s, e.target.checked)}
                data-testid={`rec-filter-status-${s}`}
              />
              <span>{label(s)}</span>
            </label>
          ))}
          {params.status.length === 0 ? <span className="muted small">All statuses</span> : null}
        </fieldset>
        {hasFilters(params) ? (
          <button type="button" className="button button--ghost button--small" onClick={onClear} data-testid="rec-filter-clear">
            Clear filters
          </button>
        ) : null}
      </div>
    </section>
  );
}
