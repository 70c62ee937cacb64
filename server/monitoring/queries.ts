import type { Database } from "../adapters/db/database.ts";

// The seed's monitoring queries, one function each (seed 003: "agent performance", "low confidence intents",
// "high value recommendations").

export interface AgentPerformanceRow {
  agentType: string;
  executions: number;
  avgExecutionTimeMs: number | null;
  p95ExecutionTimeMs: number | null;
  successRate: number;
  failures: number;
}

/** Executions per agent type over the last `days` days: count, average and p95 time, success rate. */
export async function agentPerformance(db: Database, input: { days?: number; now?: Date } = {}): Promise<AgentPerformanceRow[]> {
  const since = new Date((input.now ?? new Date()).getTime() - (input.days ?? 7) * 86_400_000);
  const rows = await db.sql.query<Record<string, unknown>>(
    `SELECT agent_type::text AS agent_type,
            count(*)::int AS executions,
            avg(execution_time_ms)::float8 AS avg_ms,
            percentile_cont(0.95) WITHIN GROUP (ORDER BY execution_time_ms)::float8 AS p95_ms,
            (count(*) FILTER (WHERE status = 'success'))::float8 / count(*) AS success_rate,
            (count(*) FILTER (WHERE status <> 'success'))::int AS failures
       FROM agent_executions
      WHERE created_at >= $1
      GROUP BY agent_type
      ORDER BY executions DESC, agent_type`,
    [since],
  );
  return rows.map((r) => ({
    agentType: String(r.agent_type),
    executions: Number(r.executions),
    avgExecutionTimeMs: r.avg_ms == null ? null : Number(r.avg_ms),
    p95ExecutionTimeMs: r.p95_ms == null ? null : Number(r.p95_ms),
    successRate: Number(r.success_rate),
    failures: Number(r.failures),
  }));
}

/** Intents classified with confidence below the threshold (default 0.7), newest first, with their message. */
export async function lowConfidenceIntents(db: Database, input: { threshold?: number; limit?: number } = {}) {
  const rows = await db.prisma.queryIntent.findMany({
    where: { confidence: { lt: input.threshold ?? 0.7 } },
    orderBy: { createdAt: "desc" },
    take: input.limit ?? 50,
    include: { message: { select: { content: true } } },
  });
  return rows.map((r) => ({
    id: r.id,
    threadId: r.threadId,
    messageId: r.messageId,
    intentType: r.intentType,
    confidence: Number(r.confidence),
    originalQuery: r.originalQuery,
    rewrittenQuery: r.rewrittenQuery,
    messageText: r.message.content,
    createdAt: r.createdAt,
  }));
}

/** Active recommendations worth at least minSavingsUsd a month that take at most maxEffortHours, by priority. */
export async function highValueLowEffortRecommendations(
  db: Database,
  input: { minSavingsUsd?: number; maxEffortHours?: number; limit?: number } = {},
) {
  const rows = await db.prisma.optimizationRecommendation.findMany({
    where: {
      status: "active",
      estimatedSavingsMaxUsd: { gte: input.minSavingsUsd ?? 1000 },
      implementationEffortHours: { lte: input.maxEffortHours ?? 8 },
    },
    orderBy: [{ priorityScore: "desc" }, { estimatedSavingsMaxUsd: "desc" }],
    take: input.limit ?? 50,
  });
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    category: r.category,
    estimatedSavingsMinUsd: r.estimatedSavingsMinUsd == null ? null : Number(r.estimatedSavingsMinUsd),
    estimatedSavingsMaxUsd: r.estimatedSavingsMaxUsd == null ? null : Number(r.estimatedSavingsMaxUsd),
    billingCurrency: r.billingCurrency,
    implementationEffortHours: r.implementationEffortHours == null ? null : Number(r.implementationEffortHours),
    confidence: Number(r.confidence),
    priorityScore: Number(r.priorityScore),
    difficulty: r.difficulty,
  }));
}

/** The latest failed agent runs (anything but success) with their errors, newest first. */
export async function recentFailures(db: Database, input: { limit?: number } = {}) {
  const rows = await db.prisma.agentExecution.findMany({
    where: { status: { not: "success" } },
    orderBy: { createdAt: "desc" },
    take: input.limit ?? 25,
    select: {
      id: true,
      agentType: true,
      agentName: true,
      status: true,
      errorMessage: true,
      errorStack: true,
      inputQuery: true,
      executionTimeMs: true,
      createdAt: true,
      threadId: true,
    },
  });
  return rows;
}

/** How questions were classified over the last `days` days: count and average confidence per intent. */
export async function intentDistribution(db: Database, input: { days?: number; now?: Date } = {}) {
  const since = new Date((input.now ?? new Date()).getTime() - (input.days ?? 7) * 86_400_000);
  const rows = await db.sql.query<{ intent_type: string; count: number; avg_confidence: number }>(
    `SELECT intent_type::text AS intent_type, count(*)::int AS count, avg(confidence)::float8 AS avg_confidence
       FROM query_intents WHERE created_at >= $1
      GROUP BY intent_type ORDER BY count(*) DESC, intent_type`,
    [since],
  );
  return rows.map((r) => ({ intentType: r.intent_type, count: Number(r.count), avgConfidence: Number(r.avg_confidence) }));
}
