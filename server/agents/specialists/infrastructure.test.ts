import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadIdleFleet } from "../../finops/analytics/fixtures/idle-fleet.ts";
import { createTestDatabase, type TestDatabase } from "../../testing/test-database.ts";
import { specialistRunner } from "../../testing/specialist-runner.ts";
import { InfrastructureAgent } from "./infrastructure.ts";

// March 2026: 30 idle m6i.xlarge instances (p95 CPU 2%), each 0.192/h on demand: 138.24 over the 30 days.
const INSTANCES = Array.from({ length: 30 }, (_, i) => `i-idle-${String(i).padStart(2, "0")}`);

let db: TestDatabase;
let ask: Awaited<ReturnType<typeof specialistRunner>>;
beforeAll(async () => {
  db = await createTestDatabase();
  await loadIdleFleet(db, INSTANCES, { start: "2026-03-01", end: "2026-03-31" });
  ask = await specialistRunner(db, { referenceDate: "2026-04-01", dataRange: { start: "2026-03-01", end: "2026-03-30" } });
});
afterAll(() => db.destroy());

describe("InfrastructureAgent", () => {
  it("puts every finding in its table, and a cut text table says of how many", async () => {
    const { section } = await ask(new InfrastructureAgent(db), "Which instances should we rightsize?");
    // 30 x 138.24 = 4,147.20 a month.
    expect(section.figures).toMatchObject({ findings: 30, resources: 30, savingsMax: "4147.20" });
    expect(section.headline).toContain("could be saved on 30 resources");
    const table = section.tables.at(-1)!;
    expect(table.rows.map((r) => r.resource).sort()).toEqual(INSTANCES);
    expect(section.markdown).toContain("_The first 15 of 30 rows._");
  });
});
