import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commitmentAnalysis } from "../../finops/analytics/commitments.ts";
import { loadIdleFleet } from "../../finops/analytics/fixtures/idle-fleet.ts";
import { createTestDatabase, type TestDatabase } from "../../testing/test-database.ts";
import { specialistRunner } from "../../testing/specialist-runner.ts";
import { formatMoney } from "../answer.ts";
import { OptimizationAgent } from "./optimization.ts";

// March 2026: four on-demand m6i.xlarge instances (0.192/h each), all idle (p95 CPU 2%). Their on-demand spend is
// the whole commitment baseline, and stopping them takes it all away.
const INSTANCES = ["i-a", "i-b", "i-c", "i-d"];
const period = { start: "2026-03-01", end: "2026-03-31" };

let db: TestDatabase;
let ask: Awaited<ReturnType<typeof specialistRunner>>;
beforeAll(async () => {
  db = await createTestDatabase();
  await loadIdleFleet(db, INSTANCES, period);
  ask = await specialistRunner(db, { referenceDate: "2026-04-01", dataRange: { start: period.start, end: "2026-03-30" } });
});
afterAll(() => db.destroy());

describe("OptimizationAgent", () => {
  it("says why a provider gets no purchase: the recommended changes take its whole baseline away", async () => {
    const { intent, section } = await ask(new OptimizationAgent(db), "How well are our commitments utilised in March 2026?");
    expect(intent).toBe("reserved_instance_analysis");
    const expected = await commitmentAnalysis(db, { period });
    expect(expected.data.recommendations).toEqual([]);
    expect(expected.data.skipped).toHaveLength(1);
    expect(section.recommendations).toEqual([]);
    expect(section.markdown).toContain(`- **AWS**: no purchase recommended. ${expected.data.skipped[0]!.reason}`);
    expect(expected.data.skipped[0]!.reason).toContain("recommendations for 4 AWS resources take away its whole steady on-demand baseline (0.77 an hour)");
  });

  it("says there are no commitments, and what ran on demand, instead of a blank utilisation", async () => {
    const { section } = await ask(new OptimizationAgent(db), "How well are our commitments utilised in March 2026?");
    const { totals, commitments } = (await commitmentAnalysis(db, { period })).data;
    expect(commitments).toEqual([]);
    expect(totals.onDemandEligible.value).toBeGreaterThan(0);
    expect(section.headline).toBe(
      `**No commitments** applied in March 2026 (2026-03-01 to 2026-03-31): all ${formatMoney(totals.onDemandEligible.amount, "USD")} of commitment-eligible usage ran at on-demand rates.`,
    );
    expect(section.tables.map((t) => t.title)).not.toContain("Commitments");
  });

  it("names the kind asked about when there is none", async () => {
    const { section } = await ask(new OptimizationAgent(db), "What's our reservation utilization in March 2026?");
    expect(section.headline).toMatch(/^\*\*No reservations\*\* applied in March 2026 \(2026-03-01 to 2026-03-31\): all \$[\d,.]+ of commitment-eligible usage ran at on-demand rates\.$/);
  });
});

describe("OptimizationAgent over a year of data", () => {
  let yearDb: TestDatabase;
  let askYear: Awaited<ReturnType<typeof specialistRunner>>;
  beforeAll(async () => {
    yearDb = await createTestDatabase();
    await loadIdleFleet(yearDb, ["i-y1", "i-y2"], { start: "2025-01-01", end: "2026-01-01" });
    askYear = await specialistRunner(yearDb, { referenceDate: "2026-01-01", dataRange: { start: "2025-01-01", end: "2025-12-31" } });
  });
  afterAll(() => yearDb.destroy());

  it("gives a commitment trend asked without a period over the last half year's complete months, as its note says", async () => {
    const { section } = await askYear(new OptimizationAgent(yearDb), "What's our commitment utilization trend?");
    expect(section.title).toBe("Commitment coverage and utilisation by month");
    expect(section.tables[0]!.rows.map((r) => r.month)).toEqual(["July 2025", "August 2025", "September 2025", "October 2025", "November 2025", "December 2025"]);
    expect(section.figures.months).toBe(6);
  });
});
