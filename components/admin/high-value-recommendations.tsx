"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTRPC } from "@/components/trpc/provider";
import { QueryState } from "./query-state";

const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
const usd = (v: number | null) =>
  v == null ? "—" : v.toLocaleString("en-US", { style: "currency", currency: "USD", maximumFractionDigits: 0 });

/** The seed's "high value, low effort" query; agent performance and intents live on the Agents page. */
export function HighValueRecommendations() {
  const trpc = useTRPC();
  const recommendations = useQuery(
    trpc.admin.monitoring.highValueRecommendations.queryOptions({ minSavingsUsd: 1000, maxEffortHours: 8, limit: 50 }),
  );
  const empty = (
    <p>
      No open recommendation saves $1,000 a month within 8 hours of work. See all of them on the{" "}
      <Link href="/admin/recommendations">Recommendations</Link> page.
    </p>
  );
  return (
    <section className="card" aria-labelledby="recs-title" data-testid="admin-recommendations">
      <h2 id="recs-title" className="card__title">
        High-value, low-effort recommendations <span className="muted small">≥ $1,000/month, ≤ 8 hours</span>
      </h2>
      <QueryState query={recommendations} isEmpty={(d) => d.length === 0} empty={empty}>
        {(rows) => (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Recommendation</th>
                  <th scope="col">Category</th>
                  <th scope="col" className="num">Savings / month</th>
                  <th scope="col" className="num">Effort</th>
                  <th scope="col" className="num">Confidence</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.id}>
                    <td className="table__clip">{r.title}</td>
                    <td>{r.category}</td>
                    <td className="num">
                      {usd(r.estimatedSavingsMinUsd)} – {usd(r.estimatedSavingsMaxUsd)}
                    </td>
                    <td className="num">{r.implementationEffortHours == null ? "—" : `${r.implementationEffortHours} h`}</td>
                    <td className="num">{pct(r.confidence)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </QueryState>
    </section>
  );
}
