import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import type { AnswerPayload } from "../agents/answer.ts";
import type { Database } from "../adapters/db/database.ts";
import { Supervisor } from "../agents/supervisor.ts";
import { SupervisorRunner } from "../agents/turn-runner.ts";
import type { LlmClient } from "../adapters/llm.ts";
import { signUp } from "../auth/users.ts";
import { loadDemoDataset } from "../finops/demo/load.ts";
import { generateRecommendations } from "../finops/recommendations/generate.ts";
import { createServices } from "../services.ts";
import { createCaller } from "../api/root.ts";
import { createContextInner } from "../api/trpc.ts";
import { createAppServer } from "../transport/app-server.ts";
import { createTestDatabase } from "./test-database.ts";
import { sessionCookie } from "./ws-client.ts";

/** The demo data ends here in tests, and "today" is the day after: relative dates resolve predictably. */
export const DEMO_END = "2026-10-31";
export const DEMO_NOW = new Date("2026-11-01T09:00:00Z");

/**
 * A migrated test database holding a small demo dataset (5 months, ~20k rows) and its recommendations, or whatever
 * `load` puts there instead, with the real supervisor as the agent runner.
 */
export async function createDemoApp(
  options: {
    llm?: LlmClient | null;
    writeAnswers?: boolean;
    specialistTimeoutMs?: number;
    load?: (db: Database) => Promise<void>;
    /** The supervisor's "now" (DEMO_NOW unless given). */
    now?: Date;
  } = {},
) {
  const db = await createTestDatabase();
  if (options.load) await options.load(db);
  else {
    await loadDemoDataset(db, { seed: 42, months: 5, rows: 20_000, endDate: DEMO_END });
    await generateRecommendations(db);
  }
  const supervisor = new Supervisor({
    db,
    llm: options.llm ?? null,
    writeAnswers: options.writeAnswers,
    now: () => options.now ?? DEMO_NOW,
    specialistTimeoutMs: options.specialistTimeoutMs,
  });
  let runner: SupervisorRunner | undefined;
  const services = createServices({
    db,
    runner: (deps) => (runner = new SupervisorRunner({ ...deps, supervisor })),
  });
  const user = await signUp(db, { email: "analyst@example.com", password: "correct horse battery" });
  const caller = createCaller(createContextInner({ services, user, authMethod: "session" }));
  return {
    db,
    services,
    supervisor,
    runner: runner!,
    user,
    caller,
    /** Sends a question (to a new thread unless one is given), waits for the turn, and returns the answer. */
    async ask(text: string, threadId?: string) {
      const sent = await caller.message.send({ text, threadId, clientMessageId: randomUUID() });
      await runner!.idle();
      const answer = await db.prisma.conversationMessage.findFirstOrThrow({
        where: { threadId: sent.threadId, role: "assistant" },
        orderBy: { createdAt: "desc" },
      });
      return { markdown: answer.content, payload: (answer.metadata as unknown as { payload: AnswerPayload }).payload, threadId: sent.threadId };
    },
    async destroy() {
      await runner!.idle();
      await services.bus.close();
      await db.destroy();
    },
  };
}

export type DemoApp = Awaited<ReturnType<typeof createDemoApp>>;

/** The demo app behind a real HTTP and WebSocket server on an ephemeral port, with its user's session headers. */
export async function serveDemoApp(app: DemoApp) {
  const secret = "demo-app-server-secret-0123456789abcdef";
  const appUrl = "http://finops.test:3000";
  const server = createAppServer({ services: app.services, authSecret: secret, appUrl, name: "t", version: "t" });
  await new Promise<void>((resolve) => server.server.listen(0, "127.0.0.1", resolve));
  return {
    base: `127.0.0.1:${(server.server.address() as AddressInfo).port}`,
    headers: { cookie: await sessionCookie(app.user.id, secret), origin: new URL(appUrl).origin },
    close: () => server.close(),
  };
}
