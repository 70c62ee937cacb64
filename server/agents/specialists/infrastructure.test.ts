import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signUp } from "../../auth/users.ts";
import { loadIdleFleet } from "../../finops/analytics/fixtures/idle-fleet.ts";
import { createTestDatabase, type TestDatabase } from "../../testing/test-database.ts";
import { classifyQuery } from "../classifier/classify-query.ts";
import { resolveScope } from "../scope.ts";
import { InfrastructureAgent } from "./infrastructure.ts";

// March 2026: 30 idle m6i.xlarge instances (p95 CPU 2%), each 0.192/h on demand: 138.24 over the 30 days.
const INSTANCES = Array.from({ length: 30 }, (_, i) => `i-idle-${String(i).padStart(2, "0")}`);

let db: TestDatabase;
let threadId: string;
beforeAll(async () => {
  db = await createTestDatabase();
  await loadIdleFleet(db, INSTANCES, { start: "2026-03-01", end: "2026-03-31" });
  const user = await signUp(db, { email: "infra@example.com", password: "long enough pw" });
  threadId = (await db.prisma.conversationThread.create({ data: { userId: user.id, title: "infra" } })).id;
});
afterAll(() => db.destroy());

async function answer(question: string) {
  const { intent, dimensions } = classifyQuery({ text: question, referenceDate: "2026-04-01" });
  const scope = await resolveScope(db, dimensions, { start: "2026-03-01", end: "2026-03-30" }, ["USD"]);
  const result = await new InfrastructureAgent(db).run({ question, intent, dimensions, scope }, { threadId, signal: new AbortController().signal, db });
  if (!result.output) throw new Error(`no answer: ${result.status}`);
  return result.output;
}

describe("InfrastructureAgent", () => {
  it("puts every finding in its table, and a cut text table says of how many", async () => {
    const section = await answer("Which instances should we rightsize?");
    // 30 x 138.24 = 4,147.20 a month.
    expect(section.figures).toMatchObject({ findings: 30, resources: 30, savingsMax: "4147.20" });
    expect(section.headline).toContain("could be saved on 30 resources");
    const table = section.tables.at(-1)!;
    expect(table.rows.map((r) => r.resource).sort()).toEqual(INSTANCES);
    expect(section.markdown).toContain("_The first 15 of 30 rows._");
  });
});
