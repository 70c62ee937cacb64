"use client";

import { useQuery } from "@tanstack/react-query";
import { QueryState } from "@/components/admin/query-state";
import { hours, label, usd, usdRange } from "@/components/admin/format";
import { useTRPC } from "@/components/trpc/provider";
import { overlapNote } from "@/server/finops/recommendations/savings-totals";
import { QUICK_WIN } from "@/server/finops/recommendations/schemas";

const COMMITMENTS_AFTER_RIGHTSIZING = "Commitment purchases are sized on the usage left after the idle, rightsizing and Spot changes.";

/**
 * Monthly savings still on the table (active and under review) by category, and the quick wins. Each billing currency
 * has its own total: amounts in different currencies are never added together.
 */
export function RecommendationSummary({ onOpen, onCategory }: { onOpen: (id: string) => void; onCategory: (category: string) => void }) {
  const trpc = useTRPC();
  const summary = useQuery(trpc.recommendation.summary.queryOptions());

  return (
    <section className="card rec-summary" aria-labelledby="rec-summary-title" data-testid="rec-summary">
      <QueryState query={summary} isEmpty={() => false} empty={null}>
        {(data) => {
          // Bars compare categories within a currency; the widest category of each currency fills its bar.
          const widest = new Map(data.totals.map((t) => [t.currency, Math.max(1, ...data.byCategory.filter((c) => c.currency === t.currency).map((c) => c.savingsMaxUsd))]));
          const several = data.totals.length > 1;
          const shared = data.totals.reduce((n, t) => n + t.sharedResources, 0);
          const commitments = data.byCategory.some((c) => c.category === "commitment");
          const note = [overlapNote(shared), commitments ? COMMITMENTS_AFTER_RIGHTSIZING : null].filter(Boolean).join(" ");
          return (
            <div className="rec-summary__grid">
              <div>
                <h2 id="rec-summary-title" className="card__title">
                  Potential savings <span className="muted small">per month, active and under review</span>
                </h2>
                <div className="rec-summary__total" data-testid="rec-summary-total">
                  {data.totals.length === 0
                    ? usdRange(0, 0)
                    : data.totals.map((t, i) => (
                        <span key={t.currency} data-currency={t.currency}>
                          {i > 0 ? " · " : ""}
                          {usdRange(t.savingsMinUsd, t.savingsMaxUsd, t.currency)}
                        </span>
                      ))}
                </div>
                {note ? (
                  <p className="muted small rec-summary__note" data-testid="rec-summary-note">
                    {note}
                  </p>
                ) : null}
                {data.byCategory.length === 0 ? (
                  <p className="muted small">Nothing open right now.</p>
                ) : (
                  <ul className="rec-categories" data-testid="rec-summary-categories">
                    {data.byCategory.map((c) => (
                      <li key={`${c.category}:${c.currency}`} className="rec-categories__item">
                        <button
                          type="button"
                          className="rec-categories__button"
                          onClick={() => onCategory(c.category)}
                          aria-label={`Show ${label(c.category)}: ${c.count} recommendations, ${usdRange(c.savingsMinUsd, c.savingsMaxUsd, c.currency)} a month`}
                          data-testid="rec-summary-category"
                          data-category={c.category}
                        >
                          <span className="rec-categories__name">
                            {label(c.category)} <span className="muted small">({c.count}{several ? ` · ${c.currency}` : ""})</span>
                          </span>
                          <span className="rec-categories__value">{usdRange(c.savingsMinUsd, c.savingsMaxUsd, c.currency)}</span>
                          <span className="rec-categories__bar" aria-hidden="true">
                            <span style={{ width: `${Math.max(2, (c.savingsMaxUsd / (widest.get(c.currency) ?? 1)) * 100)}%` }} />
                          </span>
                        </button>
                      </li>
                    ))}
                  </ul>
                )}
              </div>
              <div>
                <h2 className="card__title">
                  Quick wins{" "}
                  <span className="muted small">{several ? `≥ ${QUICK_WIN.minMonthlySavings} a month in its currency` : `≥ ${usd(QUICK_WIN.minMonthlySavings, 0, data.totals[0]?.currency)}/month`}, ≤ {QUICK_WIN.maxEffortHours} hours</span>
                </h2>
                {data.quickWins.length === 0 ? (
                  <p className="muted small">No quick wins open. Larger savings are in the list below.</p>
                ) : (
                  <ol className="quick-wins" data-testid="rec-quick-wins">
                    {data.quickWins.map((r) => (
                      <li key={r.id}>
                        <button type="button" className="quick-wins__item" onClick={() => onOpen(r.id)} data-testid="rec-quick-win">
                          <span className="quick-wins__title">{r.title}</span>
                          <span className="muted small">
                            {usd(r.savingsMaxUsd, 0, r.currency)}/mo · {hours(r.effortHours)}
                          </span>
                        </button>
                      </li>
                    ))}
                  </ol>
                )}
              </div>
            </div>
          );
        }}
      </QueryState>
    </section>
  );
}
