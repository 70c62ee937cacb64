"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/provider";
import { QueryState } from "./query-state";

const ms = (v: number | null) => (v == null ? "—" : `${Math.round(v).toLocaleString()} ms`);
const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
const usd = (v: number | null) =>
  v == null ? "—" : v.toLocaleString("en-US", { style: "currency", currency: "USD", maximumFractionDigits: 0 });

const fillsOnceAgentsRun = (what: string) => (
  <p>
    No {what} yet. This table fills once agents are configured and answering questions.
  </p>
);

export function MonitoringTables() {
  const trpc = useTRPC();
  const performance = useQuery(trpc.admin.monitoring.agentPerformance.queryOptions({ days: 7 }));
  const lowConfidence = useQuery(trpc.admin.monitoring.lowConfidenceIntents.queryOptions({ threshold: 0.7, limit: 50 }));
  const recommendations = useQuery(
    trpc.admin.monitoring.highValueRecommendations.queryOptions({ minSavingsUsd: 1000, maxEffortHours: 8, limit: 50 }),
  );

  return (
    <>
      <section className="card" aria-labelledby="perf-title" data-testid="admin-agent-performance">
        <h2 id="perf-title" className="card__title">
          Agent performance <span className="muted small">last 7 days</span>
        </h2>
        <QueryState query={performance} isEmpty={(d) => d.length === 0} empty={fillsOnceAgentsRun("agent runs")}>
          {(rows) => (
            <div className="table-wrap">
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">Agent</th>
                    <th scope="col" className="num">Runs</th>
                    <th scope="col" className="num">Average</th>
                    <th scope="col" className="num">p95</th>
                    <th scope="col" className="num">Success</th>
                    <th scope="col" className="num">Failures</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <tr key={r.agentType}>
                      <td>{r.agentType}</td>
                      <td className="num">{r.executions}</td>
                      <td className="num">{ms(r.avgExecutionTimeMs)}</td>
                      <td className="num">{ms(r.p95ExecutionTimeMs)}</td>
                      <td className="num">{pct(r.successRate)}</td>
                      <td className="num">{r.failures}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </QueryState>
      </section>

      <section className="card" aria-labelledby="lowconf-title" data-testid="admin-low-confidence">
        <h2 id="lowconf-title" className="card__title">
          Low-confidence intents <span className="muted small">confidence below 70%</span>
        </h2>
        <QueryState query={lowConfidence} isEmpty={(d) => d.length === 0} empty={fillsOnceAgentsRun("low-confidence questions")}>
          {(rows) => (
            <div className="table-wrap">
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">Question</th>
                    <th scope="col">Intent</th>
                    <th scope="col" className="num">Confidence</th>
                    <th scope="col">When</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <tr key={r.id}>
                      <td className="table__clip">{r.originalQuery || r.messageText}</td>
                      <td>{r.intentType}</td>
                      <td className="num">{pct(r.confidence)}</td>
                      <td>{new Date(r.createdAt).toLocaleString()}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </QueryState>
      </section>

      <section className="card" aria-labelledby="recs-title" data-testid="admin-recommendations">
        <h2 id="recs-title" className="card__title">
          High-value, low-effort recommendations <span className="muted small">≥ $1,000/month, ≤ 8 hours</span>
        </h2>
        <QueryState query={recommendations} isEmpty={(d) => d.length === 0} empty={fillsOnceAgentsRun("recommendations")}>
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
    </>
  );
}
