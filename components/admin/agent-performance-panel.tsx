"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/provider";
import { DataTable } from "@/components/ui/data-table";
import { count, label, ms, pct } from "./format";
import { HorizontalBarChart } from "./horizontal-bar-chart";
import { QueryState } from "./query-state";

export const fillsOnceQuestionsAsked = (what: string) => (
  <p>No {what} yet. This fills once people ask questions in the chat.</p>
);

/** Runs, latency and success per agent over the last 7 days: a bar chart of runs and the full table. */
export function AgentPerformancePanel() {
  const trpc = useTRPC();
  const performance = useQuery(trpc.admin.monitoring.agentPerformance.queryOptions({ days: 7 }, { refetchInterval: 30_000 }));
  return (
    <section className="card" aria-labelledby="agents-perf-title" data-testid="agents-performance">
      <h2 id="agents-perf-title" className="card__title">
        Performance per agent <span className="muted small">last 7 days</span>
      </h2>
      <QueryState query={performance} isEmpty={(d) => d.length === 0} empty={fillsOnceQuestionsAsked("agent runs")}>
        {(rows) => {
          const top = [...rows].sort((a, b) => b.executions - a.executions)[0]!;
          return (
            <div className="stack">
              <HorizontalBarChart
                data={rows}
                ariaLabel={`Bar chart of runs per agent: ${rows.length} agents; ${label(top.agentType)} ran most, ${top.executions} times.`}
                categoryKey="agentType"
                categoryTickFormatter={(v) => label(v)}
                valueKey="executions"
                barName="Runs"
                barClassName="admin-chart__bar"
                tooltipFormatter={(v, name) => [count(Number(v)), name]}
              />
              <DataTable
                testId="agents-performance-table"
                rows={rows}
                rowKey={(r) => r.agentType}
                rowProps={(r) => ({ "data-testid": "agents-performance-row", "data-agent": r.agentType })}
                columns={[
                  { header: "Agent", cell: (r) => label(r.agentType) },
                  { header: "Runs", numeric: true, cell: (r) => count(r.executions) },
                  { header: "Average", numeric: true, cell: (r) => ms(r.avgExecutionTimeMs) },
                  { header: "p95", numeric: true, cell: (r) => ms(r.p95ExecutionTimeMs) },
                  {
                    header: "Success",
                    numeric: true,
                    cell: (r) => <span className={r.successRate < 0.9 ? "text-danger" : undefined}>{pct(r.successRate, 1)}</span>,
                  },
                  { header: "Failures", numeric: true, cell: (r) => count(r.failures) },
                ]}
              />
            </div>
          );
        }}
      </QueryState>
    </section>
  );
}
