"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTRPC } from "@/components/trpc/provider";
import { DataTable } from "@/components/ui/data-table";
import { pct, usdRange } from "./format";
import { QueryState } from "./query-state";


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
          <DataTable
            rows={rows}
            rowKey={(r) => r.id}
            columns={[
              { header: "Recommendation", cellClassName: "table__clip", cell: (r) => r.title },
              { header: "Category", cell: (r) => r.category },
              {
                header: "Savings / month",
                numeric: true,
                cell: (r) => usdRange(r.estimatedSavingsMinUsd, r.estimatedSavingsMaxUsd, r.billingCurrency),
              },
              { header: "Effort", numeric: true, cell: (r) => (r.implementationEffortHours == null ? "—" : `${r.implementationEffortHours} h`) },
              { header: "Confidence", numeric: true, cell: (r) => pct(r.confidence, 1) },
            ]}
          />
        )}
      </QueryState>
    </section>
  );
}
