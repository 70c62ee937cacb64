import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../testing/test-database.ts";

// Behaviour the hand-written part of the init migration adds: triggers, CHECK constraints, cascades, full-text search.

const STALE = "2000-01-01T00:00:00Z";

let db: TestDatabase;
let userId: string;
let counter = 0;

async function one<Row = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<Row> {
  const [row] = await db.sql.query<Row>(sql, params);
  return row;
}

/** INSERT ... RETURNING *, columns taken from the object's keys (test-owned names only). */
async function insert<Row = Record<string, unknown>>(table: string, values: Record<string, unknown>): Promise<Row> {
  const columns = Object.keys(values);
  const placeholders = columns.map((_, i) => `$${i + 1}`);
  return one<Row>(
    `INSERT INTO ${table} (${columns.join(", ")}) VALUES (${placeholders.join(", ")}) RETURNING *`,
    Object.values(values),
  );
}

const newUser = () =>
  insert<{ id: string }>("users", { email: `user${++counter}@example.com`, password_hash: "x", updated_at: STALE });
const newThread = (values: Record<string, unknown> = {}) =>
  insert<{ id: string }>("conversation_threads", { user_id: userId, title: "EC2 spend", updated_at: STALE, ...values });
const newMessage = (threadId: string, values: Record<string, unknown> = {}) =>
  insert<{ id: string }>("conversation_messages", {
    thread_id: threadId,
    role: "user",
    content: "How much did EC2 cost last month?",
    ordering_index: ++counter,
    ...values,
  });
const newRecommendation = (values: Record<string, unknown> = {}) =>
  insert<{ id: string; priority_score: string }>("optimization_recommendations", {
    title: "Rightsize idle instances",
    description: "Several m5.2xlarge instances average under 5% CPU.",
    category: "compute",
    ...values,
  });
const priorityOf = async (id: string) =>
  (
    await one<{ score: string }>(
      `SELECT priority_score::text AS score FROM optimization_recommendations WHERE id = $1`,
      [id],
    )
  ).score;

beforeAll(async () => {
  db = await createTestDatabase();
  userId = (await newUser()).id;
});
afterAll(() => db?.destroy());

describe("updated_at triggers", () => {
  const cases: [table: string, create: () => Promise<string>, update: string][] = [
    ["users", async () => (await newUser()).id, `UPDATE users SET name = 'Renamed' WHERE id = $1`],
    [
      "conversation_threads",
      async () => (await newThread()).id,
      `UPDATE conversation_threads SET is_active = false WHERE id = $1`,
    ],
    [
      "conversation_events",
      async () => {
        const threadId = (await newThread()).id;
        const event = await insert<{ seq: string }>("conversation_events", {
          conversation_id: threadId,
          user_id: userId,
          event_type: "user_message",
          updated_at: STALE,
        });
        return String(event.seq);
      },
      `UPDATE conversation_events SET message_text = 'edited' WHERE seq = $1`,
    ],
    [
      "optimization_recommendations",
      async () => (await newRecommendation({ updated_at: STALE })).id,
      `UPDATE optimization_recommendations SET status = 'implemented' WHERE id = $1`,
    ],
  ];

  it.each(cases)("%s: an UPDATE moves updated_at to now", async (table, create, update) => {
    const key = await create();
    const keyColumn = table === "conversation_events" ? "seq" : "id";
    const before = await one<{ stale: boolean }>(
      `SELECT updated_at = $2 AS stale FROM ${table} WHERE ${keyColumn} = $1`,
      [key, STALE],
    );
    expect(before.stale).toBe(true);

    await db.sql.query(update, [key]);

    const after = await one<{ recent: boolean }>(
      `SELECT updated_at > now() - interval '1 minute' AS recent FROM ${table} WHERE ${keyColumn} = $1`,
      [key],
    );
    expect(after.recent).toBe(true);
  });

  it("inserting a message touches its own thread's updated_at and no other thread's", async () => {
    const thread = await newThread();
    const otherThread = await newThread();

    await newMessage(thread.id);

    const rows = await db.sql.query<{ id: string; recent: boolean }>(
      `SELECT id, updated_at > now() - interval '1 minute' AS recent
         FROM conversation_threads WHERE id = ANY($1::uuid[])`,
      [[thread.id, otherThread.id]],
    );
    expect(Object.fromEntries(rows.map((r) => [r.id, r.recent]))).toEqual({
      [thread.id]: true,
      [otherThread.id]: false,
    });
  });
});

describe("recommendation priority_score trigger", () => {
  // By hand: savings = (100 + 300) / 2 = 200, effort = 4 h
  //   ln(201) = 5.303304908059076; * 0.8 * 100 = 424.2643926447261; / (1 + 4/8) = 282.8429284298174 -> 282.8429
  it("computes the documented formula on insert", async () => {
    const rec = await newRecommendation({
      estimated_savings_min_usd: 100,
      estimated_savings_max_usd: 300,
      confidence: 0.8,
      implementation_effort_hours: 4,
    });
    expect(await priorityOf(rec.id)).toBe("282.8429");
  });

  // Only max known: savings = 200; unknown effort counts as 8 h: 5.303304908059076 * 0.5 * 100 / 2 = 132.5826227
  it("averages only the known savings bound and assumes 8 hours when effort is unknown", async () => {
    const rec = await newRecommendation({ estimated_savings_max_usd: 200, confidence: 0.5 });
    expect(await priorityOf(rec.id)).toBe("132.5826");
  });

  it("scores a recommendation without savings estimates 0", async () => {
    expect(await priorityOf((await newRecommendation({ confidence: 0.9 })).id)).toBe("0.0000");
  });

  it("ranks higher savings, higher confidence and lower effort above the baseline", async () => {
    const base = {
      estimated_savings_min_usd: 1000,
      estimated_savings_max_usd: 1000,
      confidence: 0.8,
      implementation_effort_hours: 8,
      category: "ranking",
    };
    const ids = {
      baseline: (await newRecommendation(base)).id,
      moreSavings: (
        await newRecommendation({ ...base, estimated_savings_min_usd: 10000, estimated_savings_max_usd: 10000 })
      ).id,
      moreConfident: (await newRecommendation({ ...base, confidence: 0.95 })).id,
      lessEffort: (await newRecommendation({ ...base, implementation_effort_hours: 2 })).id,
    };
    const ranked = await db.sql.query<{ id: string }>(
      `SELECT id FROM optimization_recommendations WHERE category = 'ranking' AND status = 'active'
        ORDER BY priority_score DESC`,
    );
    expect(ranked).toHaveLength(4);
    expect(ranked.at(-1)!.id).toBe(ids.baseline);
    const baseline = Number(await priorityOf(ids.baseline));
    for (const better of [ids.moreSavings, ids.moreConfident, ids.lessEffort]) {
      expect(Number(await priorityOf(better))).toBeGreaterThan(baseline);
    }
  });

  it("recomputes on update and overrides a priority_score written directly", async () => {
    const rec = await newRecommendation({
      estimated_savings_min_usd: 100,
      estimated_savings_max_usd: 300,
      confidence: 0.8,
      implementation_effort_hours: 4,
    });
    // 5.303304908059076 * 0.4 * 100 / 1.5 = 141.4214642 -> 141.4215
    await db.sql.query(`UPDATE optimization_recommendations SET confidence = 0.4 WHERE id = $1`, [rec.id]);
    expect(await priorityOf(rec.id)).toBe("141.4215");
    await db.sql.query(`UPDATE optimization_recommendations SET priority_score = 999 WHERE id = $1`, [rec.id]);
    expect(await priorityOf(rec.id)).toBe("141.4215");
  });

  it("is what the Prisma client reads back after a create", async () => {
    const rec = await db.prisma.optimizationRecommendation.create({
      data: {
        title: "Buy a compute savings plan",
        description: "Steady baseline usage across regions.",
        category: "commitment",
        estimatedSavingsMinUsd: 100,
        estimatedSavingsMaxUsd: 300,
        confidence: 0.8,
        implementationEffortHours: 4,
      },
    });
    expect(rec.priorityScore.toString()).toBe("282.8429");
  });
});

describe("CHECK and unique constraints", () => {
  const rejected: [behaviour: string, attempt: () => Promise<unknown>, constraint: string][] = [
    ["a query intent with confidence 1.5", () => newIntent({ confidence: 1.5 }), "chk_intents_confidence_range"],
    [
      "a recommendation with confidence 1.5",
      () => newRecommendation({ confidence: 1.5 }),
      "chk_recommendations_confidence_range",
    ],
    [
      "savings min above max (USD)",
      () => newRecommendation({ estimated_savings_min_usd: 500, estimated_savings_max_usd: 100 }),
      "chk_recommendations_savings_usd_order",
    ],
    [
      "savings min above max (percent)",
      () => newRecommendation({ estimated_savings_min_percent: 50, estimated_savings_max_percent: 10 }),
      "chk_recommendations_savings_percent_order",
    ],
    [
      "negative USD savings",
      () => newRecommendation({ estimated_savings_min_usd: -1 }),
      "chk_recommendations_savings_usd_nonnegative",
    ],
    [
      "a savings percent over 100",
      () => newRecommendation({ estimated_savings_max_percent: 150 }),
      "chk_recommendations_savings_percent_range",
    ],
    [
      "negative implementation effort",
      () => newRecommendation({ implementation_effort_hours: -8 }),
      "chk_recommendations_effort_nonnegative",
    ],
    ["an empty thread title", () => newThread({ title: "" }), "chk_threads_title_not_blank"],
    ["a whitespace-only thread title", () => newThread({ title: " \t\n " }), "chk_threads_title_not_blank"],
    [
      "an empty message",
      async () => newMessage((await newThread()).id, { content: "" }),
      "chk_messages_content_not_empty",
    ],
    ["a negative execution time", () => newExecution({ execution_time_ms: -1 }), "chk_executions_time_nonnegative"],
    [
      "a second message with the same ordering_index in a thread",
      async () => {
        const threadId = (await newThread()).id;
        await newMessage(threadId, { ordering_index: 0 });
        await newMessage(threadId, { ordering_index: 0 });
      },
      "uq_messages_thread_ordering",
    ],
  ];

  async function newIntent(values: Record<string, unknown>) {
    const threadId = (await newThread()).id;
    const messageId = (await newMessage(threadId)).id;
    return insert("query_intents", {
      thread_id: threadId,
      message_id: messageId,
      intent_type: "cost_analysis",
      original_query: "EC2 cost",
      confidence: 0.9,
      ...values,
    });
  }
  async function newExecution(values: Record<string, unknown>) {
    const threadId = (await newThread()).id;
    return insert("agent_executions", {
      thread_id: threadId,
      agent_type: "cost_analysis",
      agent_name: "cost-analyst",
      input_query: "EC2 cost",
      status: "success",
      ...values,
    });
  }

  it.each(rejected)("rejects %s", async (_, attempt, constraint) => {
    await expect(attempt()).rejects.toThrow(`constraint "${constraint}"`);
  });

  it("accepts the boundary values the constraints allow", async () => {
    await expect(newIntent({ confidence: 1 })).resolves.toBeDefined();
    await expect(
      newRecommendation({
        confidence: 0,
        estimated_savings_min_percent: 0,
        estimated_savings_max_percent: 100,
        estimated_savings_min_usd: 0,
        estimated_savings_max_usd: 0,
        implementation_effort_hours: 0,
      }),
    ).resolves.toBeDefined();
    await expect(newThread({ title: "x".repeat(500) })).resolves.toBeDefined();
    await expect(newExecution({ execution_time_ms: 0 })).resolves.toBeDefined();
  });
});

describe("deleting a thread", () => {
  it("cascades to messages, events, intents and executions and detaches recommendations", async () => {
    const threadId = (await newThread()).id;
    const messageId = (await newMessage(threadId)).id;
    await insert("conversation_events", {
      conversation_id: threadId,
      user_id: userId,
      message_id: messageId,
      event_type: "user_message",
    });
    await insert("query_intents", {
      thread_id: threadId,
      message_id: messageId,
      intent_type: "cost_analysis",
      original_query: "q",
      confidence: 0.7,
    });
    const execution = await insert<{ id: string }>("agent_executions", {
      thread_id: threadId,
      message_id: messageId,
      agent_type: "optimization",
      agent_name: "optimizer",
      input_query: "q",
      status: "success",
    });
    const rec = await newRecommendation({
      thread_id: threadId,
      agent_execution_id: execution.id,
      validated_by: userId,
    });

    await db.sql.query(`DELETE FROM conversation_threads WHERE id = $1`, [threadId]);

    const left = await one<Record<string, number>>(
      `SELECT (SELECT count(*)::int FROM conversation_messages WHERE thread_id = $1) AS messages,
              (SELECT count(*)::int FROM conversation_events WHERE conversation_id = $1) AS events,
              (SELECT count(*)::int FROM query_intents WHERE thread_id = $1) AS intents,
              (SELECT count(*)::int FROM agent_executions WHERE thread_id = $1) AS executions`,
      [threadId],
    );
    expect(left).toEqual({ messages: 0, events: 0, intents: 0, executions: 0 });
    expect(
      await one(`SELECT thread_id, agent_execution_id, validated_by FROM optimization_recommendations WHERE id = $1`, [
        rec.id,
      ]),
    ).toEqual({ thread_id: null, agent_execution_id: null, validated_by: userId });
  });
});

describe("full-text search columns", () => {
  it("finds a message by a stemmed word through content_tsv", async () => {
    const threadId = (await newThread()).id;
    const message = await newMessage(threadId, { content: "Our EC2 instances were running idle all weekend" });
    const search = (words: string) =>
      db.sql.query<{ id: string }>(
        `SELECT id FROM conversation_messages WHERE content_tsv @@ plainto_tsquery('english', $1)`,
        [words],
      );
    expect((await search("runs")).map((r) => r.id)).toEqual([message.id]);
    expect((await search("idling instance")).map((r) => r.id)).toEqual([message.id]);
    expect(await search("database")).toEqual([]);
  });

  it("indexes thread titles, both intent queries, execution inputs and recommendation descriptions", async () => {
    const threadId = (await newThread({ title: "Rightsizing idle databases" })).id;
    const messageId = (await newMessage(threadId)).id;
    await insert("query_intents", {
      thread_id: threadId,
      message_id: messageId,
      intent_type: "cost_analysis",
      original_query: "why did storage costs spike",
      rewritten_query: "explain the S3 storage spending increase",
      confidence: 0.9,
    });
    await insert("agent_executions", {
      thread_id: threadId,
      agent_type: "forecasting",
      agent_name: "forecaster",
      input_query: "Forecasting next month's compute bill",
      status: "success",
    });
    await newRecommendation({
      thread_id: threadId,
      title: "Delete unattached volumes",
      description: "Orphaned disks are billed monthly",
    });

    const matches = async (table: string, column: string, words: string) => {
      const owner = table === "conversation_threads" ? "id" : "thread_id";
      const sql = `SELECT count(*)::int AS n FROM ${table}
                    WHERE ${owner} = $1 AND ${column} @@ plainto_tsquery('english', $2)`;
      return (await one<{ n: number }>(sql, [threadId, words])).n;
    };
    const hits = {
      title: await matches("conversation_threads", "title_tsv", "database"),
      original: await matches("query_intents", "query_tsv", "spiked"),
      rewritten: await matches("query_intents", "query_tsv", "spend"),
      input: await matches("agent_executions", "input_tsv", "forecasts"),
      description: await matches("optimization_recommendations", "search_tsv", "orphan disk"),
    };
    expect(hits).toEqual({ title: 1, original: 1, rewritten: 1, input: 1, description: 1 });
  });
});
