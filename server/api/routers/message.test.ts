import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "../../auth/users.ts";
import { NO_AGENT_MESSAGE } from "../../chat/no-agent-runner.ts";
import { createTestApp, type TestApp } from "../../testing/fixtures.ts";

let app: TestApp;
let user: SessionUser;

beforeAll(async () => {
  app = await createTestApp();
  user = await app.createUser();
});
afterAll(() => app.destroy());

describe("message router", () => {
  it("starts a thread titled from the first message and stores a user_message event with its timing", async () => {
    const caller = app.callerFor(user);
    const result = await caller.message.send({ text: "What did we spend on EC2 in October?\nthanks", clientMessageId: randomUUID() });
    expect(result.created).toBe(true);
    const thread = await caller.thread.get({ threadId: result.threadId });
    expect(thread.title).toBe("What did we spend on EC2 in October?");

    const events = await app.db.prisma.conversationEvent.findMany({
      where: { conversationId: result.threadId },
      orderBy: { seq: "asc" },
    });
    expect(events.map((e) => e.eventType)).toEqual(["user_message", "system_event"]);
    expect(events[0]).toMatchObject({ messageId: result.message.id, userId: user.id, agentType: "finops" });
    expect(events[0]!.processingTimeMs).toBeGreaterThanOrEqual(0);
    // Until agents are installed the runner says so instead of answering.
    expect(events[1]!.messageText).toBe(NO_AGENT_MESSAGE);
    expect(await app.db.prisma.conversationMessage.count({ where: { threadId: result.threadId, role: "assistant" } })).toBe(0);
    const notice = await app.db.prisma.conversationMessage.findFirstOrThrow({ where: { threadId: result.threadId, role: "system" } });
    expect(notice).toMatchObject({ content: NO_AGENT_MESSAGE, orderingIndex: 1, messageType: "context" });
    expect(events[1]!.messageId).toBe(notice.id);
    expect(thread.lastEventId).toBe(events[1]!.eventId);
    expect(result.eventId).toBe(events[0]!.eventId);
  });

  it("stores one message when the same clientMessageId is sent twice, and returns the same result", async () => {
    const caller = app.callerFor(user);
    const clientMessageId = randomUUID();
    const first = await caller.message.send({ text: "Top services last month", clientMessageId });
    const again = await caller.message.send({ text: "Top services last month", clientMessageId });
    expect(again.created).toBe(false);
    expect(again.message.id).toBe(first.message.id);
    expect(again.threadId).toBe(first.threadId);
    expect(again.eventId).toBe(first.eventId);
    expect(await app.db.prisma.conversationMessage.count({ where: { clientMessageId } })).toBe(1);
    expect(await app.db.prisma.conversationThread.count({ where: { userId: user.id, title: "Top services last month" } })).toBe(1);

    const concurrent = randomUUID();
    const [a, b] = await Promise.all([
      caller.message.send({ threadId: first.threadId, text: "race", clientMessageId: concurrent }),
      caller.message.send({ threadId: first.threadId, text: "race", clientMessageId: concurrent }),
    ]);
    expect(a.message.id).toBe(b.message.id);
    expect(await app.db.prisma.conversationMessage.count({ where: { clientMessageId: concurrent } })).toBe(1);
  });

  it("appends to an existing thread in order and lists messages by ordering index with a cursor", async () => {
    const caller = app.callerFor(user);
    const start = await caller.message.send({ text: "one", clientMessageId: randomUUID() });
    await caller.message.send({ threadId: start.threadId, text: "two", clientMessageId: randomUUID() });
    await caller.message.send({ threadId: start.threadId, text: "three", clientMessageId: randomUUID() });

    // Each user message is followed by the runner's system notice, stored as a message so a reload shows it.
    const page1 = await caller.message.list({ threadId: start.threadId, limit: 4 });
    expect(page1.items.map((m) => [m.role, m.content.slice(0, 5), m.orderingIndex])).toEqual([
      ["user", "one", 0],
      ["system", "No ag", 1],
      ["user", "two", 2],
      ["system", "No ag", 3],
    ]);
    const page2 = await caller.message.list({ threadId: start.threadId, limit: 4, cursor: page1.nextCursor });
    expect(page2.items.map((m) => m.content.slice(0, 5))).toEqual(["three", "No ag"]);
    expect(page2.nextCursor).toBeNull();
  });

  it("rejects empty and over-long text with a message a user understands, storing nothing", async () => {
    const caller = app.callerFor(user);
    const before = await app.db.prisma.conversationMessage.count();
    await expect(caller.message.send({ text: "   ", clientMessageId: randomUUID() })).rejects.toThrow(
      "Type a message before sending.",
    );
    await expect(caller.message.send({ text: "x".repeat(16_001), clientMessageId: randomUUID() })).rejects.toThrow(
      "Messages are limited to 16,000 characters",
    );
    await expect(caller.message.send({ text: "ok", clientMessageId: "not-a-uuid" })).rejects.toThrow("clientMessageId");
    expect(await app.db.prisma.conversationMessage.count()).toBe(before);

    const exactly = await caller.message.send({ text: "y".repeat(16_000), clientMessageId: randomUUID() });
    expect(exactly.message.content).toHaveLength(16_000);
  });

  it("refuses to continue an archived thread until it is restored", async () => {
    const caller = app.callerFor(user);
    const start = await caller.message.send({ text: "archive me", clientMessageId: randomUUID() });
    await caller.thread.archive({ threadId: start.threadId });
    await expect(
      caller.message.send({ threadId: start.threadId, text: "still there?", clientMessageId: randomUUID() }),
    ).rejects.toThrow("archived");
    await caller.thread.restore({ threadId: start.threadId });
    const ok = await caller.message.send({ threadId: start.threadId, text: "still there?", clientMessageId: randomUUID() });
    expect(ok.message.orderingIndex).toBe(2);
  });

  it("answers a retry with the stored message even after the thread was archived, and never another user's", async () => {
    const caller = app.callerFor(user);
    const start = await caller.message.send({ text: "first", clientMessageId: randomUUID() });
    const clientMessageId = randomUUID();
    const sent = await caller.message.send({ threadId: start.threadId, text: "second", clientMessageId });
    await caller.thread.archive({ threadId: start.threadId });
    const retry = await caller.message.send({ threadId: start.threadId, text: "second", clientMessageId });
    expect(retry).toMatchObject({ created: false, eventId: sent.eventId, message: { id: sent.message.id } });

    const other = app.callerFor(await app.createUser());
    await expect(other.message.send({ threadId: start.threadId, text: "second", clientMessageId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(other.message.send({ text: "second", clientMessageId })).resolves.toMatchObject({ created: true });
    expect(await app.db.prisma.conversationMessage.count({ where: { threadId: start.threadId } })).toBe(4);
  });
});
