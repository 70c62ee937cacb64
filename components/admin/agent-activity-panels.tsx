"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTRPC } from "@/components/trpc/provider";
import { DataTable } from "@/components/ui/data-table";
import { fillsOnceQuestionsAsked } from "./agent-performance-panel";
import { count, dateTime, label, ms, pct } from "./format";
import { HorizontalBarChart } from "./horizontal-bar-chart";
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
          <DataTable
            rows={rows}
            rowKey={(r) => r.id}
            rowProps={() => ({ "data-testid": "agents-low-confidence-row" })}
            columns={[
              {
                header: "Message",
                cellClassName: "table__clip",
                cell: (r) => (
                  <>
                    <div>{r.messageText || r.originalQuery}</div>
                    {r.rewrittenQuery && r.rewrittenQuery !== r.originalQuery ? (
                      <div className="muted small">Rewritten: {r.rewrittenQuery}</div>
                    ) : null}
                  </>
                ),
              },
              { header: "Classified as", cell: (r) => label(r.intentType) },
              { header: "Confidence", numeric: true, cell: (r) => pct(r.confidence) },
              { header: "When", cell: (r) => <Link href={`/t/${r.threadId}`}>{dateTime(r.createdAt)}</Link> },
            ]}
          />
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
              <HorizontalBarChart
                data={data}
                ariaLabel={`Bar chart of ${total} questions by intent: ${data.map((d) => `${d.name} ${d.count}`).join(", ")}.`}
                categoryKey="name"
                valueKey="count"
                barName="Questions"
                barClassName="admin-chart__bar admin-chart__bar--alt"
                tooltipFormatter={(v, _name, item) => [
                  `${count(Number(v))} (avg confidence ${pct((item?.payload as { avgConfidence?: number } | undefined)?.avgConfidence)})`,
                  "Questions",
                ]}
              />
              <DataTable
                testId="agents-intents-table"
                rows={data}
                rowKey={(r) => r.intentType}
                rowProps={() => ({ "data-testid": "agents-intent-row" })}
                columns={[
                  { header: "Intent", cell: (r) => r.name },
                  { header: "Questions", numeric: true, cell: (r) => count(r.count) },
                  { header: "Share", numeric: true, cell: (r) => pct(total ? r.count / total : 0) },
                  { header: "Avg confidence", numeric: true, cell: (r) => pct(r.avgConfidence) },
                ]}
              />
            </div>
          );
        }}
      </QueryState>
    </section>
  );
}
