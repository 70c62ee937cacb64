"use client";

import { useQuery } from "@tanstack/react-query";
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { useTRPC } from "@/components/trpc/provider";
import { count, label, ms, pct } from "./format";
import { QueryState } from "./query-state";

export const chartTooltipStyle = {
  background: "var(--surface)",
  border: "1px solid var(--border)",
  borderRadius: 8,
  boxShadow: "var(--shadow-md)",
  fontSize: 12,
  color: "var(--text)",
};

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
              <figure className="admin-chart" role="img" aria-label={`Bar chart of runs per agent: ${rows.length} agents; ${label(top.agentType)} ran most, ${top.executions} times.`}>
                <ResponsiveContainer width="100%" height={Math.min(rows.length, 12) * 32 + 40}>
                  <BarChart data={rows} layout="vertical" margin={{ top: 4, right: 16, bottom: 4, left: 4 }}>
                    <CartesianGrid horizontal={false} className="admin-chart__grid" />
                    <XAxis type="number" allowDecimals={false} tickLine={false} axisLine={false} fontSize={12} />
                    <YAxis type="category" dataKey="agentType" tickFormatter={(v: string) => label(v)} width={150} tickLine={false} axisLine={false} fontSize={12} />
                    <Tooltip
                      cursor={{ fill: "var(--accent-soft)" }}
                      contentStyle={chartTooltipStyle}
                      formatter={(v, name) => [count(Number(v)), name]}
                    />
                    <Bar dataKey="executions" name="Runs" className="admin-chart__bar" radius={[0, 4, 4, 0]} maxBarSize={20} isAnimationActive={false} />
                  </BarChart>
                </ResponsiveContainer>
              </figure>
              <div className="table-wrap">
                <table className="table" data-testid="agents-performance-table">
                  <thead>
                    <tr>
                      <th scope="col">Agent</th>
                      <th scope="col" className="num">
                        Runs
                      </th>
                      <th scope="col" className="num">
                        Average
                      </th>
                      <th scope="col" className="num">
                        p95
                      </th>
                      <th scope="col" className="num">
                        Success
                      </th>
                      <th scope="col" className="num">
                        Failures
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((r) => (
                      <tr key={r.agentType} data-testid="agents-performance-row" data-agent={r.agentType}>
                        <td>{label(r.agentType)}</td>
                        <td className="num">{count(r.executions)}</td>
                        <td className="num">{ms(r.avgExecutionTimeMs)}</td>
                        <td className="num">{ms(r.p95ExecutionTimeMs)}</td>
                        <td className="num">
                          <span className={r.successRate < 0.9 ? "text-danger" : undefined}>{pct(r.successRate, 1)}</span>
                        </td>
                        <td className="num">{count(r.failures)}</td>
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
