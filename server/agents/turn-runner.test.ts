import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLlmClient } from "../adapters/llm.ts";
import type { ThreadEvent } from "../chat/events.ts";
import { TurnJournal } from "../chat/turn-journal.ts";
import { createDemoApp, DEMO_NOW, serveDemoApp, type DemoApp } from "../testing/demo-app.ts";
import { startFakeLlmServer } from "../testing/fake-llm-server.ts";
import { eventually, httpTrpcClient, wsTrpcClient } from "../testing/ws-client.ts";
import { formatMoney, type AnswerPayload } from "./answer.ts";
import { Supervisor } from "./supervisor.ts";

const UNSURE = "the numbers for the data team look weird"; // the local model is unsure: it asks the LLM when one is set

let app: DemoApp;
let fake: Awaited<ReturnType<typeof startFakeLlmServer>>;
let server: Awaited<ReturnType<typeof serveDemoApp>>;
let base: string;
let headers: Record<string, string>;
const closers: Array<() => void> = [];

beforeAll(async () => {
  fake = await startFakeLlmServer({ kind: "status", status: 500 });
  app = await createDemoApp({ llm: createLlmClient({ baseUrl: fake.url, model: "fake", timeoutMs: 2_000 }) });
  server = await serveDemoApp(app);
  ({ base, headers } = server);
}, 120_000);
afterAll(async () => {
  closers.forEach((close) => close());
  await server.close();
  await app.destroy();
  await fake.close();
});

/** Sends a question over HTTP and collects the thread's events over WebSocket until the turn finishes. */
async function askOverWs(text: string, threadId?: string) {
  const api = httpTrpcClient(`http://${base}/api/trpc`, headers);
  const sent = await api.message.send.mutate({ threadId, text, clientMessageId: randomUUID() });
  const events = await collectTurn(sent.threadId, sent.eventId!);
  return { sent, events, api };
}

async function collectTurn(threadId: string, afterEventId: string, until = (e: ThreadEvent[]) => e.some((x) => x.eventType === "turn_finished")) {
  const conn = wsTrpcClient({ url: `ws://${base}/api/trpc`, headers });
  closers.push(() => conn.wsClient.close());
  const events: ThreadEvent[] = [];
  const sub = conn.client.thread.onEvent.subscribe({ threadId, lastEventId: afterEventId }, { onData: (t) => events.push(t.data as ThreadEvent) });
  await eventually(() => expect(until(events)).toBe(true), 30_000);
  sub.unsubscribe();
  conn.wsClient.close();
  return events;
}

describe("turns over the real server and WebSocket", () => {
  it("streams steps, the answer as it is produced, then the stored answer; a reconnect replays the turn exactly", async () => {
    const { sent, events } = await askOverWs("What did we spend last month by service?");
    const types = events.map((e) => e.eventType);
    expect(types[0]).toBe("turn_started");
    expect(types.at(-1)).toBe("turn_finished");
    expect(types.indexOf("answer_delta")).toBeLessThan(types.indexOf("agent_response"));
    const steps = events.filter((e) => e.eventType === "step_finished").map((e) => e.metadata.agent);
    // With an LLM configured (here answering 500) the answer writer is tried last, and the computed answer stands.
    expect(steps).toEqual(["intent-classifier", "query-rewriter", "cost-analysis", "answer-writer"]);
    expect(events.every((e) => typeof e.processingTimeMs === "number")).toBe(true);

    const response = events.find((e) => e.eventType === "agent_response")!;
    const stored = await app.db.prisma.conversationMessage.findUniqueOrThrow({ where: { id: response.messageId! } });
    expect(stored).toMatchObject({ role: "assistant", messageType: "response", content: response.messageText });
    const payload = (stored.metadata as unknown as { payload: AnswerPayload }).payload;
    expect(payload.sections[0]!.provenance[0]!.sql).toContain("cost_daily_rollup");
    expect(events.find((e) => e.eventType === "turn_finished")!.metadata.status).toBe("completed");

    const replay = await collectTurn(sent.threadId, sent.eventId!);
    expect(replay.map((e) => [e.eventId, e.eventType, e.messageText])).toEqual(events.map((e) => [e.eventId, e.eventType, e.messageText]));
  });

  it("falls back to the local classifier when the LLM fails (500, malformed JSON, timeout) and still answers", async () => {
    for (const behaviour of [{ kind: "status", status: 500 }, { kind: "malformed" }, { kind: "hang" }] as const) {
      fake.set(behaviour);
      const { events } = await askOverWs(UNSURE);
      const response = events.find((e) => e.eventType === "agent_response")!;
      const payload = response.metadata.payload as AnswerPayload;
      expect(payload.intent).toBe("clarification_needed");
      expect(response.messageText).toMatch(/\?/);
    }
  });

  it("uses the LLM's intent when the local model is unsure, and the figures still come from the analytics", async () => {
    fake.set({ kind: "answer", content: JSON.stringify({ intent: "cost_anomaly_detection", confidence: 0.82 }) });
    const before = fake.requests.length;
    const { events, sent } = await askOverWs(UNSURE);
    expect(fake.requests.length).toBe(before + 2); // the classification, then the (rejected: not prose) summary
    const payload = events.find((e) => e.eventType === "agent_response")!.metadata.payload as AnswerPayload;
    expect(payload.intent).toBe("cost_anomaly_detection");
    expect(payload.sections[0]!.agent).toBe("anomaly_detection");
    const classifier = await app.db.prisma.agentExecution.findFirstOrThrow({ where: { messageId: sent.message.id, agentType: "intent_classifier" } });
    expect(classifier.toolsUsed).toEqual(["local-classifier", "llm:fake"]);
  });

  it("puts the LLM's summary above the computed answer only when every figure in it is in the computed answer", async () => {
    const question = "What did we spend last month by service?";
    // A model that copies the headline figure (the first money amount) of the computed answer it is given.
    fake.set({
      kind: "reply",
      content: (messages) => `In short, spend last month came to ${/\$[\d,]+(?:\.\d+)?/.exec(messages[1]!.content)![0]} across all services.`,
    });
    const good = await askOverWs(question);
    const response = good.events.find((e) => e.eventType === "agent_response")!;
    const payload = response.metadata.payload as AnswerPayload;
    expect(payload.wording).toEqual({ model: "fake", summarised: true });
    const total = payload.sections[0]!.figures.total as string;
    const [summary, ...rest] = response.messageText!.split("\n\n");
    expect(summary).toBe(`In short, spend last month came to ${formatMoney(total)} across all services.`);
    expect(rest.join("\n\n")).toContain(payload.sections[0]!.headline); // the computed answer follows, unchanged
    const writer = await app.db.prisma.agentExecution.findFirstOrThrow({ where: { messageId: good.sent.message.id, agentName: "answer-writer" } });
    expect(writer).toMatchObject({ agentType: "supervisor", status: "success", toolsUsed: ["llm:fake"] });

    fake.set({ kind: "answer", content: "You spent $987,654.32 last month, mostly on compute, up 12% on the month before." });
    const invented = await askOverWs(question);
    const plain = invented.events.find((e) => e.eventType === "agent_response")!;
    const plainPayload = plain.metadata.payload as AnswerPayload;
    expect(plainPayload.wording).toMatchObject({ summarised: false, note: expect.stringContaining("987654.32, 12") });
    expect(plain.messageText).not.toContain("987,654.32");
    expect(plain.messageText!.startsWith(plainPayload.sections[0]!.headline)).toBe(true);
    fake.set({ kind: "status", status: 500 });
  });

  it("with LLM_WRITE_ANSWERS=false the computed answer is never sent to the LLM", async () => {
    fake.set({ kind: "answer", content: "In short, nothing to add." });
    const { sent } = await askOverWs("What did we spend last month by service?");
    const before = fake.requests.length;
    const classifyOnly = new Supervisor({ db: app.db, llm: createLlmClient({ baseUrl: fake.url, model: "fake", timeoutMs: 2_000 }), writeAnswers: false, now: () => DEMO_NOW });
    const journal = new TurnJournal({ db: app.db });
    const steps: string[] = [];
    const answer = await classifyOnly.answer({
      threadId: sent.threadId,
      messageId: sent.message.id,
      text: "What did we spend last month by service?",
      signal: new AbortController().signal,
      journal,
      onStep: (step) => void (step.phase === "finished" && steps.push(step.agent)),
    });
    await journal.flush();
    expect(answer.status).toBe("completed");
    expect(answer.payload.wording).toBeUndefined();
    expect(steps).toEqual(["intent-classifier", "query-rewriter", "cost-analysis"]);
    expect(fake.requests.length).toBe(before);
    fake.set({ kind: "status", status: 500 });
  });

  it("stops a running turn: the partial answer is stored and marked, and the turn ends as cancelled", async () => {
    fake.set({ kind: "hang" });
    const api = httpTrpcClient(`http://${base}/api/trpc`, headers);
    const sent = await api.message.send.mutate({ text: UNSURE, clientMessageId: randomUUID() });
    await eventually(() => expect(fake.requests.at(-1)?.body.messages[1].content).toBe(UNSURE));
    expect(await api.message.stop.mutate({ threadId: sent.threadId })).toEqual({ stopped: true });
    const events = await collectTurn(sent.threadId, sent.eventId!);
    expect(events.find((e) => e.eventType === "turn_finished")!.metadata.status).toBe("cancelled");
    const response = events.find((e) => e.eventType === "agent_response")!;
    expect(response.metadata.status).toBe("cancelled");
    expect(response.messageText).toContain("Stopped");
    const classifier = await app.db.prisma.agentExecution.findFirstOrThrow({ where: { messageId: sent.message.id, agentType: "intent_classifier" } });
    expect(classifier.status).toBe("cancelled");
    fake.set({ kind: "status", status: 500 });
  });

  it("regenerates the last answer and re-runs an edited last question, replacing what followed it", async () => {
    const { sent, api } = await askOverWs("What did we spend last month by service?");
    const threadId = sent.threadId;
    const answers = () => app.db.prisma.conversationMessage.findMany({ where: { threadId, role: "assistant" } });
    const [first] = await answers();

    await api.message.regenerate.mutate({ threadId });
    await eventually(async () => {
      const now = await answers();
      expect(now).toHaveLength(1);
      expect(now[0]!.id).not.toBe(first!.id);
    }, 30_000);
    // The notice names what it removed, so a client replaying the log drops the old answer too.
    const notice = await app.db.prisma.conversationEvent.findFirstOrThrow({ where: { conversationId: threadId, eventType: "system_event", messageId: sent.message.id } });
    expect(notice).toMatchObject({ messageText: "Answering again.", metadata: { kind: "regenerating", removedMessageIds: [first!.id] } });

    await api.message.edit.mutate({ messageId: sent.message.id, text: "What did we spend last month by region?" });
    await eventually(async () => {
      const now = await answers();
      expect(now).toHaveLength(1);
      expect((now[0]!.metadata as unknown as { payload: AnswerPayload }).payload.sections[0]!.tables[0]!.columns[0]!.label).toBe("Region");
    }, 30_000);
    const question = await app.db.prisma.conversationMessage.findUniqueOrThrow({ where: { id: sent.message.id } });
    expect(question.content).toBe("What did we spend last month by region?");

    const second = await api.message.send.mutate({ threadId, text: "and for AWS?", clientMessageId: randomUUID() });
    await expect(api.message.edit.mutate({ messageId: sent.message.id, text: "changed" })).rejects.toThrow("Only your last message can be edited.");
    await app.runner.idle();
    expect(second.created).toBe(true);
  });

  it("stores thumbs up/down with a comment, one per user and answer", async () => {
    const { events, api } = await askOverWs("Forecast our spend for the next 3 months");
    const answerId = events.find((e) => e.eventType === "agent_response")!.messageId!;
    await api.message.feedback.mutate({ messageId: answerId, rating: "up" });
    await api.message.feedback.mutate({ messageId: answerId, rating: "down", comment: "the interval looks too wide" });
    const rows = await app.db.prisma.messageFeedback.findMany({ where: { messageId: answerId } });
    expect(rows).toEqual([expect.objectContaining({ rating: "down", comment: "the interval looks too wide", userId: app.user.id })]);
    const listed = await api.message.list.query({ threadId: events[0]!.threadId });
    expect(listed.items.find((m) => m.id === answerId)!.metadata.feedback).toEqual({ rating: "down", comment: "the interval looks too wide" });
    const question = events.find((e) => e.eventType === "turn_started")!.messageId!;
    await expect(api.message.feedback.mutate({ messageId: question, rating: "up" })).rejects.toThrow("Feedback is for answers only.");
  });
});
