import { randomUUID } from "node:crypto";
import type { Database } from "../adapters/db/database.ts";
import { recordExecutions, type TurnJournal } from "../chat/turn-journal.ts";
import type { AgentType, ExecutionStatus } from "../generated/prisma/client.ts";

/** An error worth retrying: a timeout of a dependency, a dropped connection, a 429 or 5xx from an API. */
export class TransientError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "TransientError";
  }
}

const TRANSIENT_CODES = new Set(["ECONNRESET", "ECONNREFUSED", "ETIMEDOUT", "EPIPE", "EAI_AGAIN", "UND_ERR_SOCKET"]);

export function isTransient(error: unknown): boolean {
  if (error instanceof TransientError) return true;
  const e = error as { code?: string; status?: number; cause?: unknown } | null;
  if (!e || typeof e !== "object") return false;
  if (e.code && TRANSIENT_CODES.has(e.code)) return true;
  if (typeof e.status === "number" && (e.status === 429 || e.status >= 500)) return true;
  return e.cause ? isTransient(e.cause) : false;
}

export interface AgentRunContext {
  threadId: string;
  messageId?: string | null;
  /** Aborts when the user presses Stop (or the turn is abandoned). */
  signal: AbortSignal;
  db: Pick<Database, "sql">;
  /** The turn's journal: the execution row is stored with the turn's next write instead of on its own. */
  journal?: Pick<TurnJournal, "execution">;
}

/** What execute() can use: the combined signal (Stop or timeout), tool bookkeeping and partial results. */
export interface ExecutionScope<P> {
  signal: AbortSignal;
  /** Records a tool (an analytics function, an LLM call) in the execution's tools_used. */
  useTool(name: string): void;
  /** Keeps the best answer so far, returned if the run is cancelled or times out. */
  setPartial(partial: P): void;
}

export interface AgentRunResult<O, P = O> {
  status: ExecutionStatus;
  output?: O;
  partial?: P;
  error?: { message: string; stack?: string };
  attempts: number;
  executionTimeMs: number;
  executionId: string;
}

export interface HardenedAgentOptions {
  timeoutMs?: number;
  /** Retries after the first attempt, for transient errors only. */
  maxRetries?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  random?: () => number;
}

class TimeoutSignalError extends Error {}

/**
 * Base class of every agent: per-run timeout through AbortSignal, bounded retries with full-jitter exponential
 * backoff for transient errors only, cooperative cancellation that keeps the partial answer, and error capture into
 * an `agent_executions` row (never a crashed turn).
 */
export abstract class HardenedAgent<I, O, P = O> {
  abstract readonly agentType: AgentType;
  abstract readonly agentName: string;
  protected readonly options: Required<HardenedAgentOptions>;

  constructor(options: HardenedAgentOptions = {}) {
    this.options = {
      timeoutMs: options.timeoutMs ?? 15_000,
      maxRetries: options.maxRetries ?? 2,
      baseDelayMs: options.baseDelayMs ?? 100,
      maxDelayMs: options.maxDelayMs ?? 2_000,
      random: options.random ?? Math.random,
    };
  }

  /** The agent's work. It must honour scope.signal (pass it to I/O, check it between steps). */
  protected abstract execute(input: I, scope: ExecutionScope<P>): Promise<O>;

  /** The text stored as the execution's input_query. */
  protected describeInput(input: I): string {
    return typeof input === "string" ? input : JSON.stringify(input).slice(0, 4000);
  }

  async run(input: I, ctx: AgentRunContext): Promise<AgentRunResult<O, P>> {
    const started = performance.now();
    const tools = new Set<string>();
    let partial: P | undefined;
    let attempts = 0;
    let outcome: Omit<AgentRunResult<O, P>, "attempts" | "executionTimeMs" | "executionId" | "partial">;

    const timeout = AbortSignal.timeout(this.options.timeoutMs);
    const signal = AbortSignal.any([ctx.signal, timeout]);
    const scope: ExecutionScope<P> = {
      signal,
      useTool: (name) => tools.add(name),
      setPartial: (value) => (partial = value),
    };

    for (;;) {
      attempts++;
      try {
        const output = await raceAbort(this.execute(input, scope), signal, timeout);
        outcome = { status: "success", output };
        break;
      } catch (error) {
        if (ctx.signal.aborted) {
          outcome = { status: "cancelled", error: { message: "Stopped by the user." } };
          break;
        }
        if (timeout.aborted || error instanceof TimeoutSignalError) {
          outcome = { status: "timeout", error: { message: `No answer within ${this.options.timeoutMs} ms.` } };
          break;
        }
        if (isTransient(error) && attempts <= this.options.maxRetries) {
          // An abort during the wait ends it early; the next attempt then sees the abort and classifies it.
          await sleep(this.backoff(attempts), signal).catch(() => undefined);
          continue;
        }
        const e = error instanceof Error ? error : new Error(String(error));
        outcome = { status: "error", error: { message: e.message, stack: e.stack } };
        break;
      }
    }

    if (outcome.status === "error" && partial !== undefined) {
      outcome = { ...outcome, status: "partial" };
    }
    const executionTimeMs = Math.round(performance.now() - started);
    const row = {
      id: randomUUID(),
      threadId: ctx.threadId,
      messageId: ctx.messageId ?? null,
      agentType: this.agentType,
      agentName: this.agentName,
      inputQuery: this.describeInput(input),
      toolsUsed: [...tools],
      executionTimeMs,
      status: outcome.status,
      errorMessage: outcome.error?.message ?? null,
      errorStack: outcome.error?.stack ?? null,
    };
    if (ctx.journal) ctx.journal.execution(row);
    else await recordExecutions(ctx.db, [row]);
    return { ...outcome, partial, attempts, executionTimeMs, executionId: row.id };
  }

  /** Full-jitter exponential backoff (AWS Architecture Blog, "Exponential Backoff and Jitter"). */
  private backoff(attempt: number): number {
    const cap = Math.min(this.options.maxDelayMs, this.options.baseDelayMs * 2 ** (attempt - 1));
    return Math.round(this.options.random() * cap);
  }
}

/** Rejects as soon as the signal aborts, even if the work ignores it (cooperation is hoped for, not assumed). */
function raceAbort<T>(work: Promise<T>, signal: AbortSignal, timeout: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(timeout.aborted ? new TimeoutSignalError() : signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(timeout.aborted ? new TimeoutSignalError() : signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => (clearTimeout(timer), reject(signal.reason)), { once: true });
  });
}
