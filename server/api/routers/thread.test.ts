import { randomUUID } from "node:crypto";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "../../auth/users.ts";
import { createTestApp, type TestApp } from "../../testing/fixtures.ts";

let app: TestApp;
let alice: SessionUser;
let bob: SessionUser;

beforeAll(async () => {
  app = await createTestApp();
  alice = await app.createUser({ email: "alice@example.com" });
  bob = await app.createUser({ email: "bob@example.com" });
});
afterAll(() => app.destroy());

async function codeOf(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    return (error as TRPCError).code;
  }
  return "no error";
}

describe("thread router", () => {
  it("creates, gets and lists threads newest first with cursor pagination", async () => {
    const caller = app.callerFor(alice);
    const created = [];
    for (let i = 0; i < 5; i++) created.push(await caller.thread.create({ title: `Thread ${i}` }));

    const first = await caller.thread.list({ limit: 2 });
    expect(first.items.map((t) => t.title)).toEqual(["Thread 4", "Thread 3"]);
    const second = await caller.thread.list({ limit: 2, cursor: first.nextCursor });
    expect(second.items.map((t) => t.title)).toEqual(["Thread 2", "Thread 1"]);
    const third = await caller.thread.list({ limit: 2, cursor: second.nextCursor });
    expect(third.items.map((t) => t.title)).toEqual(["Thread 0"]);
    expect(third.nextCursor).toBeNull();

    const got = await caller.thread.get({ threadId: created[0]!.id });
    expect(got).toMatchObject({ id: created[0]!.id, title: "Thread 0", isActive: true, lastEventId: null });
  });

  it("answers NOT_FOUND for another user's thread, on every procedure", async () => {
    const thread = await app.callerFor(alice).thread.create({ title: "Alice only" });
    const asBob = app.callerFor(bob);
    expect(await codeOf(asBob.thread.get({ threadId: thread.id }))).toBe("NOT_FOUND");
    expect(await codeOf(asBob.thread.rename({ threadId: thread.id, title: "mine" }))).toBe("NOT_FOUND");
    expect(await codeOf(asBob.thread.archive({ threadId: thread.id }))).toBe("NOT_FOUND");
    expect(await codeOf(asBob.thread.restore({ threadId: thread.id }))).toBe("NOT_FOUND");
    expect(await codeOf(asBob.message.list({ threadId: thread.id }))).toBe("NOT_FOUND");
    expect(await codeOf(asBob.message.send({ threadId: thread.id, text: "hi", clientMessageId: randomUUID() }))).toBe(
      "NOT_FOUND",
    );
    expect((await asBob.thread.list({})).items.some((t) => t.id === thread.id)).toBe(false);
    expect(await app.callerFor(alice).thread.get({ threadId: thread.id })).toMatchObject({ title: "Alice only" });
  });

  it("requires a signed-in user", async () => {
    expect(await codeOf(app.callerFor(null).thread.list({}))).toBe("UNAUTHORIZED");
  });

  it("renames with validation, and moves the thread to the top", async () => {
    const caller = app.callerFor(alice);
    const thread = await caller.thread.create({ title: "Old name" });
    await caller.thread.create({ title: "Newer" });
    const renamed = await caller.thread.rename({ threadId: thread.id, title: "  New name  " });
    expect(renamed.title).toBe("New name");
    expect((await caller.thread.list({ limit: 1 })).items[0]!.id).toBe(thread.id);
    expect(await codeOf(caller.thread.rename({ threadId: thread.id, title: "   " }))).toBe("BAD_REQUEST");
    expect(await codeOf(caller.thread.rename({ threadId: thread.id, title: "x".repeat(501) }))).toBe("BAD_REQUEST");
  });

  it("archives (soft delete) and restores", async () => {
    const caller = app.callerFor(alice);
    const thread = await caller.thread.create({ title: "To archive" });
    await caller.thread.archive({ threadId: thread.id });
    expect((await caller.thread.list({ limit: 100 })).items.map((t) => t.id)).not.toContain(thread.id);
    expect((await caller.thread.list({ limit: 100, archived: true })).items.map((t) => t.id)).toContain(thread.id);
    const row = await app.db.prisma.conversationThread.findUnique({ where: { id: thread.id } });
    expect(row?.isActive).toBe(false);

    await caller.thread.restore({ threadId: thread.id });
    expect((await caller.thread.list({ limit: 100 })).items.map((t) => t.id)).toContain(thread.id);
  });

  it("searches titles and message content, ranked, with prefix matching and a snippet", async () => {
    const caller = app.callerFor(alice);
    const byTitle = await caller.thread.create({ title: "Kubernetes egress budget" });
    const sent = await caller.message.send({
      text: "Why did our egress costs jump in the Frankfurt region last week?",
      clientMessageId: randomUUID(),
    });
    await caller.thread.create({ title: "Unrelated chat about lunch" });

    const results = await caller.thread.search({ query: "egress" });
    const ids = results.map((r) => r.id);
    expect(ids).toContain(byTitle.id);
    expect(ids).toContain(sent.threadId);
    expect(ids).toHaveLength(2);
    expect(results.find((r) => r.id === sent.threadId)?.snippet).toContain("«egress»");

    expect((await caller.thread.search({ query: "frankf" })).map((r) => r.id)).toEqual([sent.threadId]);
    expect(await caller.thread.search({ query: "!!!" })).toEqual([]);
    expect(await app.callerFor(bob).thread.search({ query: "egress" })).toEqual([]);

    await caller.thread.archive({ threadId: byTitle.id });
    expect((await caller.thread.search({ query: "egress" })).map((r) => r.id)).toEqual([sent.threadId]);
    expect((await caller.thread.search({ query: "egress", includeArchived: true })).map((r) => r.id)).toContain(byTitle.id);
  });

  it("rejects an empty search with a clear message", async () => {
    await expect(app.callerFor(alice).thread.search({ query: "  " })).rejects.toThrow("Type something to search for.");
  });

  it("streams changes to the user's thread list to their other tabs, and nothing from other users", async () => {
    const stream = await app.callerFor(alice).thread.onChange();
    const iterator = stream[Symbol.asyncIterator]();
    const next = iterator.next();
    await app.callerFor(bob).thread.create({ title: "Bob's" });
    const created = await app.callerFor(alice).thread.create({ title: "Tab two sees this" });
    expect((await next).value).toEqual({ threadId: created.id, change: "created" });
    const renamed = iterator.next();
    await app.callerFor(alice).thread.rename({ threadId: created.id, title: "Renamed" });
    expect((await renamed).value).toEqual({ threadId: created.id, change: "renamed" });
    await iterator.return?.(undefined);
  });
});

