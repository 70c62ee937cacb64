"use client";

import { date, hours, label, pct, usdRange } from "@/components/admin/format";
import { StatusBadge } from "./status-badge";
import type { RecommendationRow, SortKey } from "./types";

const DEFAULT_DIRECTION: Record<SortKey, "asc" | "desc"> = { priority: "desc", savings: "desc", effort: "asc", expiry: "asc", created: "desc" };

function SortHeader({
  column,
  children,
  sort,
  dir,
  onSort,
}: {
  column: SortKey;
  children: string;
  sort: SortKey;
  dir: "asc" | "desc" | undefined;
  onSort: (sort: SortKey, dir: "asc" | "desc") => void;
}) {
  const active = sort === column;
  const current = dir ?? DEFAULT_DIRECTION[sort];
  const next = active ? (current === "asc" ? "desc" : "asc") : DEFAULT_DIRECTION[column];
  return (
    <th scope="col" className="num" aria-sort={active ? (current === "asc" ? "ascending" : "descending") : "none"}>
      <button
        type="button"
        className={`sort-button${active ? " sort-button--active" : ""}`}
        onClick={() => onSort(column, next)}
        data-testid={`rec-sort-${column}`}
      >
        {children}
        <span className="sort-button__arrow" aria-hidden="true">
          {active ? (current === "asc" ? "▲" : "▼") : "↕"}
        </span>
      </button>
    </th>
  );
}

export function RecommendationTable({
  rows,
  sort,
  dir,
  onSort,
  selectable,
  selected,
  onSelect,
  onOpen,
}: {
  rows: RecommendationRow[];
  sort: SortKey;
  dir: "asc" | "desc" | undefined;
  onSort: (sort: SortKey, dir: "asc" | "desc") => void;
  selectable: boolean;
  selected: ReadonlySet<string>;
  onSelect: (ids: string[], on: boolean) => void;
  onOpen: (id: string) => void;
}) {
  const allSelected = rows.length > 0 && rows.every((r) => selected.has(r.id));
  const someSelected = rows.some((r) => selected.has(r.id));
  return (
    <div className="table-wrap">
      <table className="table rec-table" data-testid="rec-table">
        <thead>
          <tr>
            {selectable ? (
              <th scope="col" className="rec-table__check">
                <input
                  type="checkbox"
                  aria-label="Select all on this page"
                  checked={allSelected}
                  ref={(el) => {
                    if (el) el.indeterminate = someSelected && !allSelected;
                  }}
                  onChange={(e) => onSelect(rows.map((r) => r.id), e.target.checked)}
                  data-testid="rec-select-all"
                />
              </th>
            ) : null}
            <th scope="col">Recommendation</th>
            <th scope="col">Status</th>
            <SortHeader column="savings" sort={sort} dir={dir} onSort={onSort}>
              Savings / month
            </SortHeader>
            <SortHeader column="effort" sort={sort} dir={dir} onSort={onSort}>
              Effort
            </SortHeader>
            <th scope="col" className="num">
              Confidence
            </th>
            <SortHeader column="priority" sort={sort} dir={dir} onSort={onSort}>
              Priority
            </SortHeader>
            <SortHeader column="expiry" sort={sort} dir={dir} onSort={onSort}>
              Expires
            </SortHeader>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr
              key={r.id}
              className={selected.has(r.id) ? "rec-table__row--selected" : undefined}
              data-testid="rec-row"
              data-id={r.id}
              data-status={r.status}
              data-category={r.category}
              data-provider={r.providerName ?? ""}
            >
              {selectable ? (
                <td className="rec-table__check">
                  <input
                    type="checkbox"
                    aria-label={`Select ${r.title}`}
                    checked={selected.has(r.id)}
                    onChange={(e) => onSelect([r.id], e.target.checked)}
                    data-testid="rec-row-select"
                  />
                </td>
              ) : null}
              <td className="rec-table__title">
                <button type="button" className="rec-table__open" onClick={() => onOpen(r.id)} data-testid="rec-row-open">
                  {r.title}
                </button>
                <div className="muted small">
                  {label(r.category)}
                  {r.providerName ? ` · ${r.providerName}` : ""}
                  {r.billingAccountId ? ` · ${r.billingAccountId}` : ""}
                </div>
              </td>
              <td>
                <StatusBadge status={r.status} />
              </td>
              <td className="num">{usdRange(r.savingsMinUsd, r.savingsMaxUsd, r.currency)}</td>
              <td className="num">{hours(r.effortHours)}</td>
              <td className="num">{pct(r.confidence)}</td>
              <td className="num">{r.priorityScore.toFixed(1)}</td>
              <td className="num">{date(r.expiresAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
