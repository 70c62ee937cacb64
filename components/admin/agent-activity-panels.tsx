"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { useTRPC } from "@/components/trpc/provider";
import { chartTooltipStyle, fillsOnceQuestionsAsked } from "./agent-performance-panel";
import { count, dateTime, label, ms, pct } from "./format";
import { QueryState } from "./query-state";

/** The latest failed runs; each expands to its error and the question that triggered it. */
export function RecentFailuresPanel() {
  const trpc = useTRPC();
  const failures = useQuery(trpc.admin.monitoring.recentFailures.queryOptions({ limit: 25 }, { refetchInterval: 30_000 }));
  return (
    <section className="card" aria-labelledby="agents-failures-title" data-testid="agents-failures">
      <h2 id="agents-failures-title" className="card__title">
        Recent failures <span className="muted small">latest 25</span>
      </h2>
      <QueryState query={failures} isEmpty={(d) => d.length === 0} empty={<p>No failed agent runs. Failures and their errors appear here when they happen.</p>}>
        {(rows) => (
          <ul className="failure-list">
            {rows.map((f) => (
              <li key={f.id} data-testid="agents-failure">
                <details className="failure">
                  <summary className="failure__summary" data-testid="agents-failure-toggle">
                    <span className="status-badge status-badge--danger">{label(String(f.status))}</span>
                    <span className="failure__agent">{f.agentName || f.agentType}</span>
                    <span className="failure__message">{f.errorMessage ?? "No error message recorded."}</span>
                    <span className="muted small failure__when">{dateTime(f.createdAt)}</span>
                  </summary>
                  <div className="failure__body">
                    <dl className="facts">
                      <div className="facts__item">
                        <dt>Agent type</dt>
                        <dd>{f.agentType}</dd>
                      </div>
                      <div className="facts__item">
                        <dt>Ran for</dt>
                        <dd>{ms(f.executionTimeMs)}</dd>
                      </div>
                      {f.threadId ? (
                        <div className="facts__item">
                          <dt>Conversation</dt>
                          <dd>
                            <Link href={`/t/${f.threadId}`}>Open</Link>
                          </dd>
                        </div>
                      ) : null}
                    </dl>
                    {f.inputQuery ? (
                      <p className="failure__question">
                        <span className="muted small">Question: </span>
                        {f.inputQuery}
                      </p>
                    ) : null}
                    <pre className="failure__error">{f.errorStack ?? f.errorMessage ?? "No details recorded."}</pre>
                  </div>
                </details>
              </li>
            ))}
          </ul>
        )}
      </QueryState>
    </section>
  );
}

/** Questions the classifier was unsure about (below 70%): candidates for better examples or a new intent. */
export function LowConfidencePanel() {
  const trpc = useTRPC();
  const lowConfidence = useQuery(trpc.admin.monitoring.lowConfidenceIntents.queryOptions({ threshold: 0.7, limit: 50 }));
  return (
    <section className="card" aria-labelledby="agents-lowconf-title" data-testid="agents-low-confidence">
      <h2 id="agents-lowconf-title" className="card__title">
        Low-confidence intents <span className="muted small">confidence below 70%</span>
      </h2>
      <QueryState query={lowConfidence} isEmpty={(d) => d.length === 0} empty={fillsOnceQuestionsAsked("low-confidence questions")}>
        {(rows) => (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Message</th>
                  <th scope="col">Classified as</th>
                  <th scope="col" className="num">
                    Confidence
                  </th>
                  <th scope="col">When</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.id} data-testid="agents-low-confidence-row">
                    <td className="table__clip">
                      <div>{r.messageText || r.originalQuery}</div>
                      {r.rewrittenQuery && r.rewrittenQuery !== r.originalQuery ? (
                        <div className="muted small">Rewritten: {r.rewrittenQuery}</div>
                      ) : null}
                    </td>
                    <td>{label(r.intentType)}</td>
                    <td className="num">{pct(r.confidence)}</td>
                    <td>
                      <Link href={`/t/${r.threadId}`}>{dateTime(r.createdAt)}</Link>
                    </td>
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

/** How questions were classified over the last 7 days. */
export function IntentDistributionPanel() {
  const trpc = useTRPC();
  const distribution = useQuery(trpc.admin.monitoring.intentDistribution.queryOptions({ days: 7 }, { refetchInterval: 30_000 }));
  return (
    <section className="card" aria-labelledby="agents-intents-title" data-testid="agents-intents">
      <h2 id="agents-intents-title" className="card__title">
        Intent distribution <span className="muted small">last 7 days</span>
      </h2>
      <QueryState query={distribution} isEmpty={(d) => d.length === 0} empty={fillsOnceQuestionsAsked("classified questions")}>
        {(rows) => {
          const data = rows.map((r) => ({ ...r, name: label(r.intentType) }));
          const total = rows.reduce((s, r) => s + r.count, 0);
          return (
            <div className="stack">
              <figure
                className="admin-chart"
                role="img"
                aria-label={`Bar chart of ${total} questions by intent: ${data.map((d) => `${d.name} ${d.count}`).join(", ")}.`}
              >
                <ResponsiveContainer width="100%" height={Math.min(data.length, 12) * 32 + 40}>
                  <BarChart data={data} layout="vertical" margin={{ top: 4, right: 16, bottom: 4, left: 4 }}>
                    <CartesianGrid horizontal={false} className="admin-chart__grid" />
                    <XAxis type="number" allowDecimals={false} tickLine={false} axisLine={false} fontSize={12} />
                    <YAxis type="category" dataKey="name" width={150} tickLine={false} axisLine={false} fontSize={12} />
                    <Tooltip
                      cursor={{ fill: "var(--accent-soft)" }}
                      contentStyle={chartTooltipStyle}
                      formatter={(v, _name, item) => [
                        `${count(Number(v))} (avg confidence ${pct((item?.payload as { avgConfidence?: number } | undefined)?.avgConfidence)})`,
                        "Questions",
                      ]}
                    />
                    <Bar dataKey="count" name="Questions" className="admin-chart__bar admin-chart__bar--alt" radius={[0, 4, 4, 0]} maxBarSize={20} isAnimationActive={false} />
                  </BarChart>
                </ResponsiveContainer>
              </figure>
              <div className="table-wrap">
                <table className="table" data-testid="agents-intents-table">
                  <thead>
                    <tr>
                      <th scope="col">Intent</th>
                      <th scope="col" className="num">
                        Questions
                      </th>
                      <th scope="col" className="num">
                        Share
                      </th>
                      <th scope="col" className="num">
                        Avg confidence
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.map((r) => (
                      <tr key={r.intentType} data-testid="agents-intent-row">
                        <td>{r.name}</td>
                        <td className="num">{count(r.count)}</td>
                        <td className="num">{pct(total ? r.count / total : 0)}</td>
                        <td className="num">{pct(r.avgConfidence)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </div>
          );
        }}
      </QueryState>
    </section>
  );
}
