import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "../../auth/users.ts";
import { createTestApp, type TestApp } from "../../testing/fixtures.ts";

let app: TestApp;
let admin: SessionUser;
let member: SessionUser;
let threadId: string;
let messageIds: string[];

beforeAll(async () => {
  app = await createTestApp();
  admin = await app.createUser({ email: "admin@example.com" });
  member = await app.createUser({ email: "member@example.com" });
  const thread = await app.db.prisma.conversationThread.create({ data: { userId: member.id, title: "Monitoring" } });
  threadId = thread.id;
  messageIds = [];
  for (const [i, content] of ["cost of s3?", "hmm what about the thing", "forecast next month"].entries()) {
    const m = await app.db.prisma.conversationMessage.create({
      data: { threadId, role: "user", content, orderingIndex: i },
    });
    messageIds.push(m.id);
  }
});
afterAll(() => app.destroy());

describe("admin router", () => {
  it("is for admins only", async () => {
    await expect(app.callerFor(member).admin.users.list()).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(app.callerFor(member).admin.monitoring.agentPerformance()).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("lists users and changes roles, but never removes the last admin", async () => {
    const caller = app.callerFor(admin);
    expect((await caller.admin.users.list()).map((u) => [u.email, u.role])).toEqual([
      ["admin@example.com", "admin"],
      ["member@example.com", "member"],
    ]);
    await expect(caller.admin.users.setRole({ userId: admin.id, role: "member" })).rejects.toThrow("last administrator");
    expect((await caller.admin.users.setRole({ userId: member.id, role: "admin" })).role).toBe("admin");
    expect((await caller.admin.users.setRole({ userId: admin.id, role: "member" })).role).toBe("member");
    await app.db.prisma.user.update({ where: { id: admin.id }, data: { role: "admin" } });
    await app.db.prisma.user.update({ where: { id: member.id }, data: { role: "member" } });
  });

  it("reports agent performance over the last 7 days: count, average, p95 and success rate per agent", async () => {
    const now = Date.now();
    const rows = [
      { agentType: "cost_analysis", ms: 100, status: "success", ageDays: 1 },
      { agentType: "cost_analysis", ms: 300, status: "success", ageDays: 2 },
      { agentType: "cost_analysis", ms: 200, status: "error", ageDays: 3 },
      { agentType: "forecasting", ms: 50, status: "timeout", ageDays: 1 },
      { agentType: "forecasting", ms: 5000, status: "success", ageDays: 30 }, // outside the window
    ] as const;
    for (const r of rows) {
      await app.db.prisma.agentExecution.create({
        data: {
          threadId,
          agentType: r.agentType,
          agentName: r.agentType,
          inputQuery: "q",
          executionTimeMs: r.ms,
          status: r.status,
          createdAt: new Date(now - r.ageDays * 86_400_000),
        },
      });
    }
    const perf = await app.callerFor(admin).admin.monitoring.agentPerformance();
    expect(perf).toEqual([
      {
        agentType: "cost_analysis",
        executions: 3,
        avgExecutionTimeMs: 200,
        p95ExecutionTimeMs: expect.closeTo(290, 5),
        successRate: expect.closeTo(2 / 3, 5),
        failures: 1,
      },
      { agentType: "forecasting", executions: 1, avgExecutionTimeMs: 50, p95ExecutionTimeMs: 50, successRate: 0, failures: 1 },
    ]);
  });

  it("lists recent failed executions with their errors, newest first", async () => {
    const failures = await app.callerFor(admin).admin.monitoring.recentFailures();
    // the timeout is a day old, the error three days
    expect(failures.map((f) => [f.agentType, f.status])).toEqual([
      ["forecasting", "timeout"],
      ["cost_analysis", "error"],
    ]);
  });

  it("lists intents below 0.7 confidence with their message text, newest first", async () => {
    const confidences = [0.95, 0.4, 0.69];
    for (const [i, confidence] of confidences.entries()) {
      await app.db.prisma.queryIntent.create({
        data: {
          threadId,
          messageId: messageIds[i]!,
          intentType: "cost_analysis",
          originalQuery: `q${i}`,
          confidence,
          createdAt: new Date(Date.now() + i * 1000),
        },
      });
    }
    const low = await app.callerFor(admin).admin.monitoring.lowConfidenceIntents();
    expect(low.map((r) => [r.messageText, r.confidence])).toEqual([
      ["forecast next month", 0.69],
      ["hmm what about the thing", 0.4],
    ]);
    expect(await app.callerFor(admin).admin.monitoring.intentDistribution()).toEqual([
      { intentType: "cost_analysis", count: 3, avgConfidence: expect.closeTo((0.95 + 0.4 + 0.69) / 3, 5) },
    ]);
  });

  it("lists active high-value, low-effort recommendations by priority", async () => {
    const base = { description: "d", category: "rightsizing", confidence: 0.9 };
    await app.db.prisma.optimizationRecommendation.createMany({
      data: [
        { ...base, title: "big quick", estimatedSavingsMinUsd: 4000, estimatedSavingsMaxUsd: 6000, implementationEffortHours: 2 },
        { ...base, title: "medium quick", estimatedSavingsMinUsd: 1000, estimatedSavingsMaxUsd: 2000, implementationEffortHours: 4 },
        { ...base, title: "big slow", estimatedSavingsMinUsd: 9000, estimatedSavingsMaxUsd: 10000, implementationEffortHours: 80 },
        { ...base, title: "small", estimatedSavingsMinUsd: 10, estimatedSavingsMaxUsd: 20, implementationEffortHours: 1 },
        { ...base, title: "rejected", estimatedSavingsMinUsd: 5000, estimatedSavingsMaxUsd: 9000, implementationEffortHours: 1, status: "rejected" },
      ],
    });
    const recs = await app.callerFor(admin).admin.monitoring.highValueRecommendations();
    expect(recs.map((r) => r.title)).toEqual(["big quick", "medium quick"]);
    expect(recs[0]!.priorityScore).toBeGreaterThan(recs[1]!.priorityScore);
  });
});
