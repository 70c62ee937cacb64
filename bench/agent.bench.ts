/**
 * Question -> final answer latency over WebSocket on 1M demo rows, embedded PGlite, no LLM, against the raw SQL time
 * of the same aggregates: every query in the answer's "How this was computed" (for "by service": the breakdown and
 * the daily trend it charts), run back to back straight through the driver, alternating with the answers. Targets:
 * p95 <= 300 ms and <= 2x raw.
 * The question is sent the way the chat UI sends it, over the thread's open WebSocket; the same question sent as an
 * HTTP request (as an API script does) is timed alongside and reported too.
 * `--postgres` runs the same on PostgreSQL (database finops_bench_1000000, shared with the query bench).
 */
import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { Supervisor } from "../server/agents/supervisor.ts";
import { SupervisorRunner } from "../server/agents/turn-runner.ts";
import { signUp } from "../server/auth/users.ts";
import type { ThreadEvent } from "../server/chat/events.ts";
import type { AnswerPayload } from "../server/agents/answer.ts";
import { createServices } from "../server/services.ts";
import { httpTrpcClient, sessionCookie, wsTrpcClient } from "../server/testing/ws-client.ts";
import { createAppServer } from "../server/transport/app-server.ts";
import { arg, benchPglite, benchPostgres, ensureDemo, percentile, printTable, ROOT, round, writeResult } from "./lib.ts";

const runs = arg("runs", 100);
const QUESTION = "What did we spend last month by service?";
const onPostgres = process.argv.includes("--postgres");
const label = onPostgres ? "PostgreSQL" : "PGlite";
const db = onPostgres ? (await benchPostgres("finops_bench_1000000")).db : await benchPglite(path.join(ROOT, ".data", "bench-1000000"));
await ensureDemo(db, 1_000_000, `${label} (1,000,000)`);

const supervisor = new Supervisor({ db, now: () => new Date("2026-11-01T09:00:00Z") });
const services = createServices({ db, runner: (deps) => new SupervisorRunner({ ...deps, supervisor }) });
const secret = randomUUID() + randomUUID();
const server = createAppServer({ services, authSecret: secret, appUrl: "http://bench.local", name: "bench", version: "0" });
await new Promise<void>((resolve) => server.server.listen(0, "127.0.0.1", resolve));
const base = `127.0.0.1:${(server.server.address() as AddressInfo).port}`;
const email = `bench-${randomUUID()}@example.com`;
const user = await signUp(db, { email, password: "bench-password" });
const headers = { cookie: await sessionCookie(user.id, secret), origin: "http://bench.local" };
const api = httpTrpcClient(`http://${base}/api/trpc`, headers);
const ws = wsTrpcClient({ url: `ws://${base}/api/trpc`, headers });

const { threadId } = await api.message.send.mutate({ text: QUESTION, clientMessageId: randomUUID() });
let waiting: ((e: ThreadEvent) => void) | null = null;
const sub = ws.client.thread.onEvent.subscribe({ threadId }, { onData: (t) => waiting?.(t.data as ThreadEvent) });
await new Promise((resolve) => setTimeout(resolve, 500));

let lastPayload: AnswerPayload | null = null;
/** One question, timed until its own answer arrives (matched through its clientMessageId, not just the next answer). */
async function askOnce(over: "ws" | "http") {
  const clientMessageId = randomUUID();
  let questionId: string | null = null;
  const answered = new Promise<void>((resolve) => {
    waiting = (e) => {
      if (e.eventType === "user_message" && e.metadata.clientMessageId === clientMessageId) questionId = e.messageId;
      if (e.eventType !== "agent_response" || !questionId || e.metadata.inReplyTo !== questionId) return;
      lastPayload = (e.metadata as { payload: AnswerPayload }).payload;
      resolve();
    };
  });
  const started = performance.now();
  await (over === "ws" ? ws.client : api).message.send.mutate({ threadId, text: QUESTION, clientMessageId });
  await answered;
  return performance.now() - started;
}
// Warm-up: the first answers also compile the code paths (JIT) and bring the data into cache.
for (let i = 0; i < 10; i++) await askOnce(i % 2 ? "ws" : "http");
// The raw SQL of the same aggregates: the queries the answer lists in its provenance, straight through the driver.
const queries = (lastPayload as AnswerPayload | null)?.sections.flatMap((section) => section.provenance) ?? [];
if (queries.length === 0) throw new Error(`the answer carried no provenance to time: ${JSON.stringify(lastPayload).slice(0, 600)}`);
async function rawOnce() {
  const started = performance.now();
  for (const q of queries) await db.sql.query(q.sql, q.params);
  return performance.now() - started;
}
// Answer and raw SQL alternate, so both are measured under the same conditions (a shared 2-core machine drifts).
const samples: number[] = [];
const httpSamples: number[] = [];
const rawSamples: number[] = [];
for (let i = 0; i < runs; i++) {
  samples.push(await askOnce("ws"));
  rawSamples.push(await rawOnce());
  httpSamples.push(await askOnce("http"));
}
const raw = { p50: round(percentile(rawSamples, 50)), p95: round(percentile(rawSamples, 95)), runs };
console.log(`raw SQL: ${queries.map((q) => q.description).join(" + ")}`);

const result = {
  database: onPostgres ? "postgres" : "pglite",
  rows: 1_000_000,
  runs,
  answer: { p50: round(percentile(samples, 50)), p95: round(percentile(samples, 95)), sentOver: "websocket" },
  answerSentOverHttp: { p50: round(percentile(httpSamples, 50)), p95: round(percentile(httpSamples, 95)) },
  rawSql: { ...raw, queries: queries.map((q) => q.description) },
  ratioP95ToRawP95: round(percentile(samples, 95) / raw.p95, 2),
  httpRatioP95ToRawP95: round(percentile(httpSamples, 95) / raw.p95, 2),
};
printTable(`Question -> answer over WebSocket (${label}, 1M rows, no LLM), ms`, [
  { measure: "answer (question sent over the WebSocket, as the UI does)", p50: result.answer.p50, p95: result.answer.p95 },
  { measure: "answer (question sent as an HTTP request)", p50: result.answerSentOverHttp.p50, p95: result.answerSentOverHttp.p95 },
  { measure: "raw SQL of the same aggregates", p50: raw.p50, p95: raw.p95 },
  { measure: "ratio (answer p95 / raw p95)", p50: "-", p95: result.ratioP95ToRawP95 },
  { measure: "ratio, question sent over HTTP", p50: "-", p95: result.httpRatioP95ToRawP95 },
]);
writeResult(onPostgres ? "agent-postgres" : "agent", result);
sub.unsubscribe();
ws.wsClient.close();
await server.close();
await db.close();
