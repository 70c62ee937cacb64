import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { revokeApiToken } from "../auth/api-tokens.ts";
import { setUserRole, type SessionUser } from "../auth/users.ts";
import type { ThreadEvent } from "../chat/events.ts";
import { createTestApp, type TestApp } from "../testing/fixtures.ts";
import { eventually, httpTrpcClient, sessionCookie, wsTrpcClient } from "../testing/ws-client.ts";
import { createAppServer } from "./app-server.ts";

const SECRET = "test-secret-test-secret-test-secret-42";
const APP_URL = "http://app.example.test:3000";

let app: TestApp;
let appServer: ReturnType<typeof createAppServer>;
let base: string;
let alice: SessionUser;
let bob: SessionUser;
let aliceHeaders: Record<string, string>;
let bobHeaders: Record<string, string>;
const cleanups: Array<() => void> = [];

beforeAll(async () => {
  app = await createTestApp();
  alice = await app.createUser({ email: "alice@example.com" });
  bob = await app.createUser({ email: "bob@example.com" });
  aliceHeaders = { cookie: await sessionCookie(alice.id, SECRET), origin: new URL(APP_URL).origin };
  bobHeaders = { cookie: await sessionCookie(bob.id, SECRET), origin: new URL(APP_URL).origin };
  appServer = createAppServer({
    services: app.services,
    authSecret: SECRET,
    appUrl: APP_URL,
    name: "finops-agent-chat",
    version: "test",
  });
  await new Promise<void>((resolve) => appServer.server.listen(0, "127.0.0.1", resolve));
  base = `127.0.0.1:${(appServer.server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const cleanup of cleanups) cleanup();
  await appServer.close();
  await app.destroy();
});

function upgradeStatus(headers: Record<string, string>, query = ""): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`ws://${base}/api/trpc${query}`, { headers });
    socket.on("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0));
    socket.on("open", () => {
      socket.close();
      resolve(101);
    });
    socket.on("error", (error) => (error.message.includes("Unexpected server response") ? undefined : reject(error)));
  });
}

function collect(client: ReturnType<typeof wsTrpcClient>["client"], threadId: string, lastEventId?: string | null) {
  const events: ThreadEvent[] = [];
  const errors: unknown[] = [];
  let started = false;
  const sub = client.thread.onEvent.subscribe(
    { threadId, lastEventId },
    {
      onStarted: () => (started = true),
      onData: (tracked) => events.push(tracked.data as ThreadEvent),
      onError: (error) => errors.push(error),
    },
  );
  cleanups.push(() => sub.unsubscribe());
  return { events, errors, sub, isStarted: () => started };
}

describe("WebSocket upgrade", () => {
  it("refuses an upgrade without a session or token (401)", async () => {
    expect(await upgradeStatus({ origin: new URL(APP_URL).origin })).toBe(401);
  });

  it("refuses an upgrade from another Origin even with a valid session (403)", async () => {
    expect(await upgradeStatus({ ...aliceHeaders, origin: "http://evil.example" })).toBe(403);
  });

  it("accepts a valid session cookie from the app's Origin", async () => {
    expect(await upgradeStatus(aliceHeaders)).toBe(101);
  });

  it("accepts a page served by this server at another address than APP_URL (127.0.0.1, a LAN address)", async () => {
    expect(await upgradeStatus({ ...aliceHeaders, origin: `http://${base}` })).toBe(101);
    // The same host on another port is another site.
    const [host, port] = base.split(":");
    expect(await upgradeStatus({ ...aliceHeaders, origin: `http://${host}:${Number(port) + 1}` })).toBe(403);
  });

  it("treats a signed session whose user does not exist (or is not a user id) as no session", async () => {
    const origin = new URL(APP_URL).origin;
    for (const subject of [randomUUID(), "not-a-uuid"]) {
      expect(await upgradeStatus({ cookie: await sessionCookie(subject, SECRET), origin })).toBe(401);
    }
  });

  it("routes only /api/trpc to tRPC", async () => {
    await expect(
      new Promise((resolve, reject) => {
        const socket = new WebSocket(`ws://${base}/elsewhere`, { headers: aliceHeaders });
        socket.on("unexpected-response", (_req, res) => resolve(res.statusCode));
        socket.on("open", () => reject(new Error("opened")));
        socket.on("error", () => undefined);
      }),
    ).resolves.toBe(404);
  });
});

describe("thread subscriptions over WebSocket", () => {
  it("delivers a new message to two clients of the same user, and nothing to another user", async () => {
    const thread = await app.callerFor(alice).thread.create({ title: "Shared" });
    const tab1 = wsTrpcClient({ url: `ws://${base}/api/trpc`, headers: aliceHeaders });
    const tab2 = wsTrpcClient({ url: `ws://${base}/api/trpc`, headers: aliceHeaders });
    const intruder = wsTrpcClient({ url: `ws://${base}/api/trpc`, headers: bobHeaders });
    cleanups.push(() => [tab1, tab2, intruder].forEach((c) => c.wsClient.close()));

    const a = collect(tab1.client, thread.id);
    const b = collect(tab2.client, thread.id);
    const spy = collect(intruder.client, thread.id);
    await eventually(() => expect(a.isStarted() && b.isStarted()).toBe(true));
    await eventually(() => expect(spy.errors).toHaveLength(1));
    expect((spy.errors[0] as { data?: { code?: string } }).data?.code).toBe("NOT_FOUND");

    const sent = await httpTrpcClient(`http://${base}/api/trpc`, aliceHeaders).message.send.mutate({
      threadId: thread.id,
      text: "visible in both tabs",
      clientMessageId: randomUUID(),
    });
    for (const tab of [a, b]) {
      await eventually(() => expect(tab.events.map((e) => e.eventType)).toEqual(["user_message", "system_event"]));
      expect(tab.events[0]).toMatchObject({ messageId: sent.message.id, messageText: "visible in both tabs" });
    }
    expect(spy.events).toEqual([]);
  });

  it("replays exactly the events missed while disconnected, after lastEventId", async () => {
    const caller = app.callerFor(alice);
    const first = await caller.message.send({ text: "before the drop", clientMessageId: randomUUID() });
    const threadId = first.threadId;

    const conn1 = wsTrpcClient({ url: `ws://${base}/api/trpc`, headers: aliceHeaders });
    const live = collect(conn1.client, threadId, (await caller.thread.get({ threadId })).lastEventId);
    await eventually(() => expect(live.isStarted()).toBe(true));
    await caller.message.send({ threadId, text: "while connected", clientMessageId: randomUUID() });
    await eventually(() => expect(live.events).toHaveLength(2));
    const lastSeen = live.events.at(-1)!.eventId;

    live.sub.unsubscribe();
    await conn1.wsClient.close();
    await caller.message.send({ threadId, text: "missed one", clientMessageId: randomUUID() });
    await caller.message.send({ threadId, text: "missed two", clientMessageId: randomUUID() });

    const conn2 = wsTrpcClient({ url: `ws://${base}/api/trpc`, headers: aliceHeaders });
    cleanups.push(() => conn2.wsClient.close());
    const resumed = collect(conn2.client, threadId, lastSeen);
    await eventually(() => expect(resumed.events).toHaveLength(4));
    expect(resumed.events.map((e) => [e.eventType, e.messageText])).toEqual([
      ["user_message", "missed one"],
      ["system_event", expect.any(String)],
      ["user_message", "missed two"],
      ["system_event", expect.any(String)],
    ]);
    await caller.message.send({ threadId, text: "live again", clientMessageId: randomUUID() });
    await eventually(() => expect(resumed.events).toHaveLength(6));
    const ids = resumed.events.map((e) => e.eventId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(resumed.events.map((e) => e.seq)).toEqual([...resumed.events.map((e) => e.seq)].sort((x, y) => x - y));
  });

  it("resumes automatically after the socket drops: tRPC resends the last tracked id and nothing is lost or repeated", async () => {
    const caller = app.callerFor(alice);
    const first = await caller.message.send({ text: "start", clientMessageId: randomUUID() });
    const threadId = first.threadId;
    const conn = wsTrpcClient({ url: `ws://${base}/api/trpc`, headers: aliceHeaders, retryDelayMs: 400 });
    cleanups.push(() => conn.wsClient.close());
    const stream = collect(conn.client, threadId, (await caller.thread.get({ threadId })).lastEventId);
    await eventually(() => expect(stream.isStarted()).toBe(true));
    await caller.message.send({ threadId, text: "before drop", clientMessageId: randomUUID() });
    await eventually(() => expect(stream.events).toHaveLength(2));

    for (const socket of appServer.wss.clients) socket.terminate();
    await caller.message.send({ threadId, text: "during outage", clientMessageId: randomUUID() });
    await eventually(() => expect(stream.events).toHaveLength(4), 8000);
    expect(stream.events.map((e) => e.messageText?.slice(0, 13))).toEqual([
      "before drop",
      expect.any(String),
      "during outage",
      expect.any(String),
    ]);
  });
});

describe("API tokens", () => {
  it("authenticate HTTP calls with Authorization: Bearer, and a revoked token is refused", async () => {
    const { token, id } = await app.callerFor(bob).system.tokens.create({ name: "script" });
    const script = httpTrpcClient(`http://${base}/api/trpc`, { authorization: `Bearer ${token}` });
    expect(await script.auth.me.query()).toMatchObject({ id: bob.id, authMethod: "token" });
    const sent = await script.message.send.mutate({ text: "from a script", clientMessageId: randomUUID() });
    expect((await script.thread.list.query({})).items.map((t) => t.id)).toContain(sent.threadId);

    await app.callerFor(bob).system.tokens.revoke({ tokenId: id });
    await expect(script.thread.list.query({})).rejects.toMatchObject({
      data: { code: "UNAUTHORIZED" },
      message: "That API token is invalid or has been revoked.",
    });
    await expect(httpTrpcClient(`http://${base}/api/trpc`).thread.list.query({})).rejects.toMatchObject({
      data: { code: "UNAUTHORIZED" },
    });
  });

  it("an admin demoted while connected is refused admin procedures on the socket that is still open", async () => {
    const carol = await app.createUser();
    await setUserRole(app.db, { userId: carol.id, role: "admin" });
    const { client, wsClient } = wsTrpcClient({
      url: `ws://${base}/api/trpc`,
      headers: { cookie: await sessionCookie(carol.id, SECRET), origin: new URL(APP_URL).origin },
    });
    cleanups.push(() => wsClient.close());
    expect((await client.admin.users.list.query()).some((u) => u.id === carol.id)).toBe(true);
    await setUserRole(app.db, { userId: carol.id, role: "member" });
    await expect(client.admin.users.list.query()).rejects.toMatchObject({ data: { code: "FORBIDDEN" } });
  });

  it("a token revoked while its WebSocket is open is refused on that socket, even without the revocation broadcast", async () => {
    const { token, id } = await app.callerFor(bob).system.tokens.create({ name: "long-lived script" });
    const conn = wsTrpcClient({ url: `ws://${base}/api/trpc`, token });
    cleanups.push(() => conn.wsClient.close());
    expect(await conn.client.auth.me.query()).toMatchObject({ id: bob.id, authMethod: "token" });
    expect(Array.isArray((await conn.client.thread.list.query({})).items)).toBe(true);

    // Revoked straight in the database, as another instance without this one's bus would: the next call still fails.
    await revokeApiToken(app.db, { userId: bob.id, tokenId: id });
    await expect(conn.client.thread.list.query({})).rejects.toMatchObject({
      data: { code: "UNAUTHORIZED" },
      message: "That API token is invalid or has been revoked.",
    });
  });

  it("revoking a token ends the subscriptions its open WebSocket is running; other connections keep theirs", async () => {
    const { token, id } = await app.callerFor(bob).system.tokens.create({ name: "streaming script" });
    const thread = await app.callerFor(bob).thread.create({ title: "Revoked stream" });
    const closes: Array<number | undefined> = [];
    const conn = wsTrpcClient({ url: `ws://${base}/api/trpc`, token, onClose: (cause) => closes.push(cause?.code) });
    cleanups.push(() => conn.wsClient.close());
    const tokenStream = collect(conn.client, thread.id);
    const browser = wsTrpcClient({ url: `ws://${base}/api/trpc`, headers: bobHeaders });
    cleanups.push(() => browser.wsClient.close());
    const browserStream = collect(browser.client, thread.id);
    await eventually(() => expect(tokenStream.isStarted() && browserStream.isStarted()).toBe(true));

    await app.callerFor(bob).system.tokens.revoke({ tokenId: id });
    await eventually(() => expect(closes).toContain(1008));
    await app.callerFor(bob).message.send({ threadId: thread.id, text: "after revoke", clientMessageId: randomUUID() });
    await eventually(() => expect(browserStream.events.map((e) => e.messageText)).toContain("after revoke"));
    expect(tokenStream.events.map((e) => e.messageText)).not.toContain("after revoke");
  });

  it("authenticate WebSocket subscriptions through connectionParams, and a revoked token is refused", async () => {
    const { token, id } = await app.callerFor(bob).system.tokens.create({ name: "ws script" });
    const thread = await app.callerFor(bob).thread.create({ title: "Token stream" });
    const conn = wsTrpcClient({ url: `ws://${base}/api/trpc`, token });
    cleanups.push(() => conn.wsClient.close());
    const stream = collect(conn.client, thread.id);
    await eventually(() => expect(stream.isStarted()).toBe(true));
    await app.callerFor(bob).message.send({ threadId: thread.id, text: "hello token", clientMessageId: randomUUID() });
    await eventually(() => expect(stream.events[0]?.messageText).toBe("hello token"));

    await app.callerFor(bob).system.tokens.revoke({ tokenId: id });
    const closes: Array<number | undefined> = [];
    const refused = wsTrpcClient({ url: `ws://${base}/api/trpc`, token, onClose: (cause) => closes.push(cause?.code) });
    const denied = collect(refused.client, thread.id);
    await eventually(() => expect(closes.length).toBeGreaterThan(0));
    expect(denied.events).toEqual([]);
    refused.wsClient.close();
  });
});

describe("HTTP endpoints", () => {
  it("GET /api/health answers 200 with each backend's status and latency", async () => {
    const res = await fetch(`http://${base}/api/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "ok", backends: [{ name: "database", status: "up" }] });
  });

  it("GET /api returns name, version and links", async () => {
    const body = await (await fetch(`http://${base}/api`)).json();
    expect(body).toMatchObject({ name: "finops-agent-chat", version: "test", links: { trpc: "/api/trpc", health: "/api/health" } });
  });
});

describe("shutdown", () => {
  it("tells connected clients to reconnect before closing", async () => {
    const extra = createAppServer({ services: app.services, authSecret: SECRET, appUrl: APP_URL, name: "n", version: "v" });
    await new Promise<void>((resolve) => extra.server.listen(0, "127.0.0.1", resolve));
    const port = (extra.server.address() as AddressInfo).port;
    const socket = new WebSocket(`ws://127.0.0.1:${port}/api/trpc`, { headers: aliceHeaders });
    const messages: string[] = [];
    socket.on("message", (data) => messages.push(data.toString()));
    await new Promise((resolve) => socket.on("open", resolve));
    const closed = new Promise<number>((resolve) => socket.on("close", (code) => resolve(code)));
    await extra.close();
    expect(messages.map((m) => JSON.parse(m))).toContainEqual({ id: null, method: "reconnect" });
    expect(await closed).toBe(1012);
  });
});
