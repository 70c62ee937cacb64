import { randomUUID } from "node:crypto";
import type { Database } from "../adapters/db/database.ts";
import type { AgentType, EventType, ExecutionStatus, IntentType } from "../generated/prisma/client.ts";
import type { EventBus } from "./event-bus.ts";
import { messageTypeFor, nextOrderingIndexSql } from "./messages.ts";
import { EVENT_COLUMNS_RETURNED, publishEvent, threadEventFromRow, type EventRow, type NewEvent, type ThreadEvent } from "./events.ts";

/** An `agent_executions` row; its id is chosen here so the agent can report it before the row is stored. */
export interface NewExecution {
  id: string;
  threadId: string;
  messageId: string | null;
  agentType: AgentType;
  agentName: string;
  inputQuery: string;
  toolsUsed: string[];
  executionTimeMs: number;
  status: ExecutionStatus;
  errorMessage: string | null;
  errorStack: string | null;
}

/** A `query_intents` row: what the turn understood the question to be. */
export interface NewIntent {
  threadId: string;
  messageId: string;
  intentType: IntentType;
  originalQuery: string;
  rewrittenQuery: string;
  confidence: number;
  extractedDimensions: Record<string, unknown>;
}

/** A message appended at the end of its thread (the next ordering index). */
export interface NewThreadMessage {
  threadId: string;
  role: "assistant" | "system";
  content: string;
  metadata: Record<string, unknown>;
}

interface Batch {
  executions: NewExecution[];
  intents: NewIntent[];
  messages: Array<NewThreadMessage & { id: string }>;
  events: Array<NewEvent & { eventId: string }>;
}

const emptyBatch = (): Batch => ({ executions: [], intents: [], messages: [], events: [] });
const isEmpty = (b: Batch) => !b.executions.length && !b.intents.length && !b.messages.length && !b.events.length;

/**
 * What a turn writes (its conversation events, agent executions, query intent and answer), stored by group commit:
 * whatever was queued while the previous write ran goes into the next one, as a single SQL statement (so each write
 * is atomic), and the events are published only after they are stored, in the order they were queued. A turn
 * therefore costs a few round trips instead of one per event, while subscribers still see every event live, and a
 * reconnect replays exactly what they saw (same ids, same order). After a failed write nothing later is stored,
 * so the log never has a gap; flush() reports the failure.
 *
 * With `lingerMs`, a write waits up to that long for more to queue (like PostgreSQL's commit_delay): a turn that
 * answers within it is stored in one statement, a longer one streams its events at most `lingerMs` late.
 * flush() writes at once.
 */
export class TurnJournal {
  private queued = emptyBatch();
  private scheduled = false;
  private tail: Promise<void> = Promise.resolve();
  private failure: unknown = null;
  private lingering: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly deps: { db: Pick<Database, "sql">; bus?: EventBus; lingerMs?: number }) {}

  /** Queues a conversation event; it is stored and then published with the next write. */
  event(event: NewEvent): void {
    this.queued.events.push({ ...event, eventId: randomUUID() });
    this.schedule();
  }

  execution(row: NewExecution): void {
    this.queued.executions.push(row);
    this.schedule();
  }

  intent(row: NewIntent): void {
    this.queued.intents.push(row);
    this.schedule();
  }

  /** Queues a message at the end of its thread and returns its id (events queued after it may refer to it). */
  message(message: NewThreadMessage): string {
    const id = randomUUID();
    this.queued.messages.push({ ...message, id });
    this.schedule();
    return id;
  }

  /** Resolves once everything queued so far is stored and its events published; rejects if a write failed. */
  async flush(): Promise<void> {
    if (this.lingering) this.write();
    await this.tail;
    if (this.failure) throw this.failure;
  }

  private schedule() {
    if (this.scheduled) return;
    this.scheduled = true;
    const linger = this.deps.lingerMs ?? 0;
    if (linger > 0) this.lingering = setTimeout(() => this.write(), linger);
    else this.write();
  }

  private write() {
    if (this.lingering) clearTimeout(this.lingering);
    this.lingering = null;
    // Runs after the write in progress (or on the next microtask): everything queued until then is one write.
    this.tail = this.tail.then(async () => {
      this.scheduled = false;
      const batch = this.queued;
      this.queued = emptyBatch();
      if (this.failure || isEmpty(batch)) return;
      try {
        const stored = await writeBatch(this.deps.db, batch);
        if (this.deps.bus) for (const event of stored) await publishEvent(this.deps.bus, event);
      } catch (error) {
        this.failure = error;
      }
    });
  }
}

/** Stores agent executions on their own (an agent run outside a turn). */
export async function recordExecutions(db: Pick<Database, "sql">, executions: NewExecution[]): Promise<void> {
  await writeBatch(db, { ...emptyBatch(), executions });
}

const EXECUTION_COLUMNS = `id uuid, thread_id uuid, message_id uuid, agent_type text, agent_name text, input_query text,
  tools_used jsonb, execution_time_ms int, status text, error_message text, error_stack text`;
const INTENT_COLUMNS = `thread_id uuid, message_id uuid, intent_type text, original_query text, rewritten_query text,
  confidence numeric, extracted_dimensions jsonb`;
const MESSAGE_COLUMNS = `id uuid, thread_id uuid, role text, message_type text, content text, metadata jsonb, ord int`;
const EVENT_COLUMNS = `event_id uuid, conversation_id uuid, user_id uuid, message_id uuid, event_type text, message_text text,
  metadata jsonb, processing_time_ms int, ord int`;

/**
 * One statement for the whole batch: data-modifying CTEs insert the executions, intents and messages, and the main
 * INSERT the events in queue order (seq follows it) returning them. Constraints are checked at the end of the
 * statement, so an event may refer to a message inserted beside it.
 */
async function writeBatch(db: Pick<Database, "sql">, batch: Batch): Promise<ThreadEvent[]> {
  const params: unknown[] = [];
  const json = (rows: unknown[]) => `$${params.push(JSON.stringify(rows))}::jsonb`;
  const ctes: string[] = [];
  if (batch.executions.length) {
    ctes.push(`executions AS (
      INSERT INTO agent_executions (id, thread_id, message_id, agent_type, agent_name, input_query, tools_used,
                                    execution_time_ms, status, error_message, error_stack)
      SELECT id, thread_id, message_id, agent_type::agent_type, agent_name, input_query, tools_used,
             execution_time_ms, status::execution_status, error_message, error_stack
        FROM jsonb_to_recordset(${json(batch.executions.map(executionRecord))}) AS r(${EXECUTION_COLUMNS}))`);
  }
  if (batch.intents.length) {
    ctes.push(`intents AS (
      INSERT INTO query_intents (thread_id, message_id, intent_type, original_query, rewritten_query, confidence, extracted_dimensions)
      SELECT thread_id, message_id, intent_type::intent_type, original_query, rewritten_query, round(confidence, 2), extracted_dimensions
        FROM jsonb_to_recordset(${json(batch.intents.map(intentRecord))}) AS r(${INTENT_COLUMNS}))`);
  }
  if (batch.messages.length) {
    // The next free ordering indexes of the thread (r.ord counts the batch's messages per thread from 1).
    ctes.push(`messages AS (
      INSERT INTO conversation_messages (id, thread_id, role, message_type, content, metadata, ordering_index)
      SELECT r.id, r.thread_id, r.role::message_role, r.message_type::message_type, r.content, r.metadata,
             ${nextOrderingIndexSql("r.thread_id")} + r.ord - 1
        FROM jsonb_to_recordset(${json(batch.messages.map(messageRecord))}) AS r(${MESSAGE_COLUMNS}))`);
  }
  const events = batch.events.length ? json(batch.events.map(eventRecord)) : null;
  const main = events
    ? `INSERT INTO conversation_events (event_id, conversation_id, user_id, message_id, event_type, message_text, metadata, processing_time_ms)
       SELECT event_id, conversation_id, user_id, message_id, event_type::event_type, message_text, metadata, processing_time_ms
         FROM jsonb_to_recordset(${events}) AS r(${EVENT_COLUMNS})
        ORDER BY ord
       RETURNING ${EVENT_COLUMNS_RETURNED}`
    : "SELECT 1 WHERE false";
  const sql = `${ctes.length ? `WITH ${ctes.join(",\n")}\n` : ""}${main}`;
  const rows = await db.sql.query<EventRow>(sql, params);
  return rows.map(threadEventFromRow).sort((a, b) => a.seq - b.seq);
}

const executionRecord = (e: NewExecution) => ({
  id: e.id,
  thread_id: e.threadId,
  message_id: e.messageId,
  agent_type: e.agentType,
  agent_name: e.agentName,
  input_query: e.inputQuery,
  tools_used: e.toolsUsed,
  execution_time_ms: e.executionTimeMs,
  status: e.status,
  error_message: e.errorMessage,
  error_stack: e.errorStack,
});

const intentRecord = (i: NewIntent) => ({
  thread_id: i.threadId,
  message_id: i.messageId,
  intent_type: i.intentType,
  original_query: i.originalQuery,
  rewritten_query: i.rewrittenQuery,
  confidence: i.confidence,
  extracted_dimensions: i.extractedDimensions,
});

function messageRecord(m: NewThreadMessage & { id: string }, index: number, all: Array<NewThreadMessage & { id: string }>) {
  return {
    id: m.id,
    thread_id: m.threadId,
    role: m.role,
    message_type: messageTypeFor(m.role),
    content: m.content,
    metadata: m.metadata,
    // 1 for the first message of its thread in this batch, 2 for the next...
    ord: all.slice(0, index + 1).filter((x) => x.threadId === m.threadId).length,
  };
}

const eventRecord = (e: NewEvent & { eventId: string }, ord: number) => ({
  event_id: e.eventId,
  conversation_id: e.threadId,
  user_id: e.userId,
  message_id: e.messageId ?? null,
  event_type: e.eventType,
  message_text: e.messageText ?? null,
  metadata: e.metadata ?? {},
  processing_time_ms: e.processingTimeMs ?? null,
  ord,
});
