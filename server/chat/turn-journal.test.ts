import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { InMemoryEventBus } from "../adapters/events/memory-event-bus.ts";
import { signUp } from "../auth/users.ts";
import { createTestDatabase, type TestDatabase } from "../testing/test-database.ts";
import { topics } from "./event-bus.ts";
import { eventsAfter, type ThreadEvent } from "./events.ts";
import { TurnJournal, type NewExecution } from "./turn-journal.ts";

let db: TestDatabase;
let userId: string;
let threadId: string;
let messageId: string;
const bus = new InMemoryEventBus();
let published: ThreadEvent[];
let writes: string[];
let abort: AbortController;

/** The database as the journal sees it, counting the statements it sends. */
const counted = () => ({
  sql: {
    ...db.sql,
    query: <Row,>(sql: string, params?: unknown[]) => {
      writes.push(sql);
      return db.sql.query<Row>(sql, params);
    },
  },
});

const execution = (o: Partial<NewExecution> = {}): NewExecution => ({
  id: randomUUID(),
  threadId,
  messageId,
  agentType: "cost_analysis",
  agentName: "cost-analysis",
  inputQuery: "What did we spend?",
  toolsUsed: ["costBreakdown"],
  executionTimeMs: 12,
  status: "success",
  errorMessage: null,
  errorStack: null,
  ...o,
});

beforeAll(async () => {
  db = await createTestDatabase();
  userId = (await signUp(db, { email: "journal@example.com", password: "long enough pw" })).id;
});
afterAll(async () => {
  await bus.close();
  await db.destroy();
});
beforeEach(async () => {
  threadId = (await db.prisma.conversationThread.create({ data: { userId, title: "journal" } })).id;
  messageId = (await db.prisma.conversationMessage.create({ data: { threadId, role: "user", content: "q", orderingIndex: 0 } })).id;
  published = [];
  writes = [];
  abort?.abort();
  abort = new AbortController();
  void (async () => {
    for await (const e of bus.subscribe<ThreadEvent>(topics.thread(threadId), abort.signal)) published.push(e);
  })();
});

const event = (eventType: "turn_started" | "step_started" | "step_finished" | "turn_finished", n: number) => ({
  threadId,
  userId,
  messageId,
  eventType,
  metadata: { n },
  processingTimeMs: n,
});

describe("TurnJournal", () => {
  it("stores what is queued together in one statement and publishes the events after, in queue order", async () => {
    const journal = new TurnJournal({ db: counted(), bus });
    journal.event(event("turn_started", 0));
    journal.execution(execution());
    journal.event(event("step_started", 1));
    journal.event(event("step_finished", 2));
    expect(published).toEqual([]); // nothing is published before it is stored
    await journal.flush();
    expect(writes).toHaveLength(1);

    const stored = await eventsAfter(db, { threadId, afterSeq: 0, limit: 10 });
    expect(stored.map((e) => [e.eventType, e.metadata.n])).toEqual([
      ["turn_started", 0],
      ["step_started", 1],
      ["step_finished", 2],
    ]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(published.map((e) => [e.eventId, e.seq, e.eventType])).toEqual(stored.map((e) => [e.eventId, e.seq, e.eventType]));
    expect(await db.prisma.agentExecution.count({ where: { messageId } })).toBe(1);
  });

  it("groups what is queued while a write runs into the next write, keeping the order across writes", async () => {
    const journal = new TurnJournal({ db: counted(), bus });
    journal.event(event("turn_started", 0));
    await Promise.resolve(); // the first write has started
    for (let n = 1; n <= 5; n++) journal.event(event("step_started", n));
    await journal.flush();
    expect(writes).toHaveLength(2);
    const stored = await eventsAfter(db, { threadId, afterSeq: 0, limit: 10 });
    expect(stored.map((e) => e.metadata.n)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(stored.map((e) => e.seq)).toEqual([...stored.map((e) => e.seq)].sort((a, b) => a - b));
  });

  it("with a linger, waits that long for more before writing, and flush() writes at once", async () => {
    const journal = new TurnJournal({ db: counted(), bus, lingerMs: 150 });
    journal.event(event("turn_started", 0));
    await new Promise((resolve) => setTimeout(resolve, 30));
    journal.event(event("step_started", 1));
    expect(writes).toHaveLength(0); // still waiting for more
    // A slow turn: its events are stored and published once the linger is over, before the turn ends.
    await expect.poll(() => published.map((e) => e.metadata.n), { timeout: 2_000 }).toEqual([0, 1]);
    expect(writes).toHaveLength(1);

    // A quick turn: flush() does not wait out the linger (a minute here, far beyond the test's timeout).
    const patient = new TurnJournal({ db: counted(), bus, lingerMs: 60_000 });
    patient.event(event("step_finished", 2));
    patient.event(event("turn_finished", 3));
    await patient.flush();
    expect(writes).toHaveLength(2);
    const stored = await eventsAfter(db, { threadId, afterSeq: 0, limit: 10 });
    expect(stored.map((e) => e.metadata.n)).toEqual([0, 1, 2, 3]);
  });

  it("stores the answer with the events that refer to it, at the end of the thread, and the turn's intent", async () => {
    const journal = new TurnJournal({ db, bus });
    journal.intent({
      threadId,
      messageId,
      intentType: "service_breakdown",
      originalQuery: "by service?",
      rewrittenQuery: "EffectiveCost by service, October 2026",
      confidence: 0.876,
      extractedDimensions: { metric: "EffectiveCost" },
    });
    const answerId = journal.message({ threadId, role: "assistant", content: "**$1.00**", metadata: { status: "completed" } });
    journal.event({ threadId, userId, messageId: answerId, eventType: "agent_response", messageText: "**$1.00**" });
    await journal.flush();
    const answer = await db.prisma.conversationMessage.findUniqueOrThrow({ where: { id: answerId } });
    expect(answer).toMatchObject({ role: "assistant", messageType: "response", orderingIndex: 1, metadata: { status: "completed" } });
    const intent = await db.prisma.queryIntent.findFirstOrThrow({ where: { messageId } });
    expect(intent).toMatchObject({ intentType: "service_breakdown", rewrittenQuery: "EffectiveCost by service, October 2026" });
    expect(Number(intent.confidence)).toBe(0.88);
    expect(intent.extractedDimensions).toEqual({ metric: "EffectiveCost" });
  });

  it("after a failed write stores nothing later (no gap in the log) and reports the failure on flush", async () => {
    const journal = new TurnJournal({ db, bus });
    journal.event(event("turn_started", 0));
    await journal.flush();
    journal.execution(execution({ agentName: "x".repeat(200) })); // longer than agent_name's 100 characters
    journal.event(event("step_finished", 1));
    await expect(journal.flush()).rejects.toThrow();
    journal.event(event("turn_finished", 2));
    await expect(journal.flush()).rejects.toThrow();
    const stored = await eventsAfter(db, { threadId, afterSeq: 0, limit: 10 });
    expect(stored.map((e) => e.eventType)).toEqual(["turn_started"]);
    expect(await db.prisma.agentExecution.count({ where: { messageId } })).toBe(0);
  });
});
