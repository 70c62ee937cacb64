import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authenticateApiToken } from "../../auth/api-tokens.ts";
import type { SessionUser } from "../../auth/users.ts";
import { createTestApp, type TestApp } from "../../testing/fixtures.ts";

let app: TestApp;
let admin: SessionUser;
let member: SessionUser;

beforeAll(async () => {
  app = await createTestApp();
  admin = await app.createUser({ email: "first@example.com" });
  member = await app.createUser({ email: "member@example.com" });
});
afterAll(() => app.destroy());

describe("system router", () => {
  it("reports the database as up with its latency", async () => {
    const health = await app.callerFor(null).system.health();
    expect(health.status).toBe("ok");
    expect(health.backends).toEqual([
      expect.objectContaining({ name: "database", required: true, status: "up", latencyMs: expect.any(Number) }),
    ]);
  });

  it("creates a token shown once, stores only its hash, lists and revokes it", async () => {
    const caller = app.callerFor(member);
    const created = await caller.system.tokens.create({ name: "nightly report" });
    expect(created.token).toMatch(/^fin_[A-Za-z0-9_-]{43}$/);
    const row = await app.db.prisma.apiToken.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.tokenHash).not.toContain(created.token);
    expect(JSON.stringify(row)).not.toContain(created.token);

    const listed = await caller.system.tokens.list();
    expect(listed).toEqual([expect.objectContaining({ id: created.id, name: "nightly report", revokedAt: null })]);
    expect(JSON.stringify(listed)).not.toContain(created.token);

    expect(await authenticateApiToken(app.db, created.token)).toMatchObject({ tokenId: created.id, user: { id: member.id } });
    await caller.system.tokens.revoke({ tokenId: created.id });
    expect(await authenticateApiToken(app.db, created.token)).toBeNull();
    expect((await caller.system.tokens.list())[0]!.revokedAt).toBeInstanceOf(Date);
  });

  it("does not let a user see or revoke another user's token", async () => {
    const mine = await app.callerFor(admin).system.tokens.create({ name: "admin script" });
    expect(await app.callerFor(member).system.tokens.list()).not.toContainEqual(expect.objectContaining({ id: mine.id }));
    await expect(app.callerFor(member).system.tokens.revoke({ tokenId: mine.id })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await authenticateApiToken(app.db, mine.token)).not.toBeNull();
  });

  it("rejects a blank token name with a clear message", async () => {
    await expect(app.callerFor(member).system.tokens.create({ name: " " })).rejects.toThrow("Give the token a name");
  });

  it("shows WebSocket stats to admins only", async () => {
    app.services.connections.open("c1", member.id);
    const release = app.services.connections.subscribe("c1", "thread-1");
    expect(await app.callerFor(admin).system.wsStats()).toEqual({
      openConnections: 1,
      byUser: [{ userId: member.id, connections: 1 }],
      byThread: [{ threadId: "thread-1", subscriptions: 1 }],
    });
    release();
    app.services.connections.close("c1");
    expect((await app.callerFor(admin).system.wsStats()).openConnections).toBe(0);
    await expect(app.callerFor(member).system.wsStats()).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
