import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signUp } from "../auth/users.ts";
import { createTestDatabase, type TestDatabase } from "../testing/test-database.ts";
import { HardenedAgent, TransientError, type ExecutionScope, type HardenedAgentOptions } from "./hardened-agent.ts";

let db: TestDatabase;
let threadId: string;

beforeAll(async () => {
  db = await createTestDatabase();
  const user = await signUp(db, { email: "agent@example.com", password: "long enough pw" });
  threadId = (await db.prisma.conversationThread.create({ data: { userId: user.id, title: "agents" } })).id;
});
afterAll(() => db.destroy());

type Step = (scope: ExecutionScope<string>, attempt: number) => Promise<string>;

class ScriptedAgent extends HardenedAgent<string, string, string> {
  readonly agentType = "cost_analysis" as const;
  readonly agentName = "scripted";
  attempts = 0;
  constructor(private readonly step: Step, options?: HardenedAgentOptions) {
    super({ baseDelayMs: 1, maxDelayMs: 5, ...options });
  }
  protected async execute(_input: string, scope: ExecutionScope<string>) {
    this.attempts++;
    scope.useTool("costBreakdown");
    return this.step(scope, this.attempts);
  }
}

const run = (agent: ScriptedAgent, signal = new AbortController().signal) =>
  agent.run("What did we spend?", { threadId, signal, db });

const waitForAbort = (signal: AbortSignal) =>
  new Promise<never>((_, reject) => signal.addEventListener("abort", () => reject(signal.reason), { once: true }));

describe("HardenedAgent", () => {
  it("succeeds and records the execution with its tools and time", async () => {
    const result = await run(new ScriptedAgent(async () => "42"));
    expect(result).toMatchObject({ status: "success", output: "42", attempts: 1 });
    const row = await db.prisma.agentExecution.findUniqueOrThrow({ where: { id: result.executionId } });
    expect(row).toMatchObject({
      threadId,
      agentType: "cost_analysis",
      agentName: "scripted",
      inputQuery: "What did we spend?",
      toolsUsed: ["costBreakdown"],
      status: "success",
      errorMessage: null,
    });
    expect(row.executionTimeMs).toBeGreaterThanOrEqual(0);
  });

  it("times out through its AbortSignal and records status timeout", async () => {
    const agent = new ScriptedAgent(async (scope) => waitForAbort(scope.signal), { timeoutMs: 50 });
    const result = await run(agent);
    expect(result.status).toBe("timeout");
    expect(result.error?.message).toContain("50 ms");
    expect((await db.prisma.agentExecution.findUniqueOrThrow({ where: { id: result.executionId } })).status).toBe("timeout");
  });

  it("times out even when the work ignores the signal", async () => {
    const agent = new ScriptedAgent(() => new Promise<string>(() => undefined), { timeoutMs: 30 });
    expect((await run(agent)).status).toBe("timeout");
  });

  it("retries a transient error and then succeeds", async () => {
    const agent = new ScriptedAgent(async (_scope, attempt) => {
      if (attempt < 3) throw new TransientError("database connection reset");
      return "ok";
    });
    const result = await run(agent);
    expect(result).toMatchObject({ status: "success", output: "ok", attempts: 3 });
  });

  it("gives up after the retry budget on a persistent transient error", async () => {
    const agent = new ScriptedAgent(async () => {
      throw Object.assign(new Error("upstream 503"), { status: 503 });
    }, { maxRetries: 2 });
    const result = await run(agent);
    expect(result).toMatchObject({ status: "error", attempts: 3 });
  });

  it("does not retry a permanent error, and captures its message and stack", async () => {
    const agent = new ScriptedAgent(async () => {
      throw new Error("column \"nope\" does not exist");
    });
    const result = await run(agent);
    expect(result).toMatchObject({ status: "error", attempts: 1 });
    expect(agent.attempts).toBe(1);
    const row = await db.prisma.agentExecution.findUniqueOrThrow({ where: { id: result.executionId } });
    expect(row.errorMessage).toBe('column "nope" does not exist');
    expect(row.errorStack).toContain("hardened-agent.test.ts");
  });

  it("is cancelled mid-run by the user's signal and keeps the partial answer", async () => {
    const stop = new AbortController();
    const agent = new ScriptedAgent(async (scope) => {
      scope.setPartial("Compute cost so far: $1,200");
      setTimeout(() => stop.abort(new Error("stop")), 10);
      return waitForAbort(scope.signal);
    });
    const result = await run(agent, stop.signal);
    expect(result).toMatchObject({ status: "cancelled", partial: "Compute cost so far: $1,200" });
    expect((await db.prisma.agentExecution.findUniqueOrThrow({ where: { id: result.executionId } })).status).toBe(
      "cancelled",
    );
  });

  it("marks a failed run that produced a partial answer as partial", async () => {
    const agent = new ScriptedAgent(async (scope) => {
      scope.setPartial("half");
      throw new Error("second query failed");
    });
    expect(await run(agent)).toMatchObject({ status: "partial", partial: "half" });
  });
});
