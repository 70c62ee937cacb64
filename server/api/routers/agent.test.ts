import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../testing/fixtures.ts";
import type { SessionUser } from "../../auth/users.ts";

let app: TestApp;
let user: SessionUser;
let other: SessionUser;

beforeAll(async () => {
  app = await createTestApp();
  user = await app.createUser();
  other = await app.createUser();
});
afterAll(() => app.destroy());

describe("agent.classify", () => {
  it("returns intent, confidence, dimensions and the rewritten query without running the specialists", async () => {
    const result = await app.callerFor(user).agent.classify({ text: "What did we spend on EC2 last month?" });
    expect(result.intent).toMatch(/cost_analysis|service_breakdown/);
    expect(result.confidence).toBeGreaterThan(0.5);
    expect(result.dimensions.services).toEqual(["Amazon Elastic Compute Cloud"]);
    expect(result.rewrittenQuery).toContain("Amazon Elastic Compute Cloud");
    expect(result.subQuestions).toEqual([]);
    expect(await app.db.prisma.agentExecution.count()).toBe(0);
  });

  it("splits several asks and asks back when there is nothing to act on", async () => {
    const multi = await app.callerFor(user).agent.classify({ text: "show EC2 spend last month and also forecast next month" });
    expect(multi.intent).toBe("multi_intent");
    expect(multi.subQuestions).toHaveLength(2);
    const vague = await app.callerFor(user).agent.classify({ text: "hmm" });
    expect(vague.intent).toBe("clarification_needed");
    expect(vague.clarification).toMatch(/\?/);
  });

  it("uses the thread's last question as follow-up context, and only the owner's threads", async () => {
    const thread = await app.db.prisma.conversationThread.create({ data: { userId: user.id, title: "ec2" } });
    const message = await app.db.prisma.conversationMessage.create({
      data: { threadId: thread.id, role: "user", content: "EC2 spend last month", orderingIndex: 0 },
    });
    const first = await app.callerFor(user).agent.classify({ text: "EC2 spend last month" });
    await app.db.prisma.queryIntent.create({
      data: {
        threadId: thread.id,
        messageId: message.id,
        intentType: first.intent,
        originalQuery: "EC2 spend last month",
        rewrittenQuery: first.rewrittenQuery,
        confidence: Math.round(first.confidence * 100) / 100,
        extractedDimensions: first.dimensions,
      },
    });
    const followUp = await app.callerFor(user).agent.classify({ text: "and for Azure?", threadId: thread.id });
    expect(followUp.dimensions.providers).toEqual(["Microsoft"]);
    expect(followUp.dimensions.timeRange).toEqual(first.dimensions.timeRange);
    await expect(app.callerFor(other).agent.classify({ text: "and for Azure?", threadId: thread.id })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });
});
