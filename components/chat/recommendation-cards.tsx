import { formatMoney } from "./answer-format";
import type { RecommendationCard } from "./types";

/** Savings opportunities from an answer, largest first as the agent ranked them; each links to its details. */
export function RecommendationCards({ items }: { items: RecommendationCard[] }) {
  if (items.length === 0) return null;
  return (
    <ul className="rec-cards" aria-label="Recommendations" data-testid="answer-recommendations">
      {items.map((rec, i) => (
        <li key={rec.id ?? `${rec.title}-${i}`} className="rec-card" data-testid="recommendation-card">
          <div className="rec-card__top">
            <span className="rec-card__category">{rec.category}</span>
            {rec.effortHours != null ? (
              <span className="rec-card__effort" title="Estimated effort">
                ~{rec.effortHours} h effort
              </span>
            ) : null}
          </div>
          <a className="rec-card__title" href={rec.href} data-testid="recommendation-link">
            {rec.title}
          </a>
          <div className="rec-card__savings">
            <strong>{formatMoney(rec.monthlySavingsUsd, rec.currency)}</strong>
            <span className="muted"> /month potential savings</span>
          </div>
        </li>
      ))}
    </ul>
  );
}
