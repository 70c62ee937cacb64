// Test-only: asks one specialist a question as the supervisor would (classified, scope resolved), in a thread of its
// own user, over a test database.
import { randomUUID } from "node:crypto";
import { signUp } from "../auth/users.ts";
import { classifyQuery } from "../agents/classifier/classify-query.ts";
import { resolveScope } from "../agents/scope.ts";
import { storedServices } from "../finops/cost-catalog.ts";
import type { Specialist } from "../agents/specialists/specialist.ts";
import type { TestDatabase } from "./test-database.ts";

export interface SpecialistRunnerOptions {
  /** "Today" for the question's dates. */
  referenceDate: string;
  /** The cost data's first and last day. */
  dataRange: { start: string; end: string };
  currencies?: string[];
}

export async function specialistRunner(db: TestDatabase, options: SpecialistRunnerOptions) {
  const user = await signUp(db, { email: `${randomUUID()}@example.com`, password: "long enough pw" });
  const threadId = (await db.prisma.conversationThread.create({ data: { userId: user.id, title: "specialist test" } })).id;
  return async (agent: Specialist, question: string) => {
    const { intent, dimensions } = classifyQuery({ text: question, referenceDate: options.referenceDate });
    const scope = await resolveScope(db, dimensions, options.dataRange, { currencies: options.currencies ?? ["USD"], services: await storedServices(db) });
    const result = await agent.run({ question, intent, dimensions, scope }, { threadId, signal: new AbortController().signal, db });
    if (!result.output) throw new Error(`no answer: ${result.status}`);
    return { intent, section: result.output };
  };
}
