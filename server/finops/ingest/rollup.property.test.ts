import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../testing/test-database.ts";
import { seededRandom } from "../analytics/fixtures/random-bill.ts";
import type { KeyedRecord } from "../focus/parse.ts";
import { emptyCostStore, rollupMismatches } from "./fixtures/store-snapshot.ts";
import { ingestRecords } from "./ingest.ts";
import { deleteSource, listSources } from "./sources.ts";

const SERVICES = [
  ["Amazon EC2", "Compute"],
  ["Amazon S3", "Storage"],
  ["Amazon RDS", "Databases"],
];
const MONTHS = ["2024-01", "2024-02", "2024-03"];

function randomFile(random: () => number): KeyedRecord[] {
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
  const months = MONTHS.filter(() => random() < 0.6);
  if (months.length === 0) months.push(pick(MONTHS));
  const rows = 1 + Math.floor(random() * 40);
  return Array.from({ length: rows }, (_, i) => {
    const month = pick(months);
    const [year, m] = month.split("-").map(Number);
    const next = m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, "0")}`;
    const day = String(1 + Math.floor(random() * 28)).padStart(2, "0");
    // A late charge of this billing period lands on the first day of the next one: one charge date then holds rows
    // of two billing periods, and a re-import of one of them must leave the other's rollup rows of that day.
    const chargeDay = random() < 0.15 ? `${next}-01` : `${month}-${day}`;
    const [service, category] = pick(SERVICES);
    // Cents and sub-cent amounts, negative credits included: sums must stay exact.
    const cost = ((Math.floor(random() * 200_000) - 20_000) / 10_000).toFixed(4);
    // Tags with empty and JSON-null values too: "" and null are different tag values.
    const tags = random() < 0.3 ? "" : JSON.stringify({ team: pick(["data", "web"]), ...(random() < 0.5 ? { env: pick(["prod", "dev", "", null]) } : {}) });
    return {
      line: i + 2,
      values: {
        BilledCost: cost,
        // Beyond the stored scale of 10 decimals half the time: sums must follow PostgreSQL's rounding.
        EffectiveCost: (Number(cost) * 0.9 + (random() < 0.5 ? 0.00000000005 : 0)).toFixed(random() < 0.5 ? 5 : 12),
        ListCost: cost,
        ContractedCost: cost,
        BillingAccountId: "acct-1",
        BillingAccountName: "Acme",
        BillingCurrency: random() < 0.1 ? "EUR" : "USD",
        BillingPeriodStart: `${month}-01T00:00:00Z`,
        BillingPeriodEnd: `${next}-01T00:00:00Z`,
        ChargeCategory: Number(cost) < 0 ? "Credit" : "Usage",
        ChargeClass: null,
        ChargeDescription: "random",
        ChargePeriodStart: `${chargeDay}T00:00:00Z`,
        ChargePeriodEnd: `${chargeDay}T01:00:00Z`,
        InvoiceIssuerName: "AWS",
        PricingQuantity: "1",
        PricingUnit: "Hours",
        ProviderName: "AWS",
        PublisherName: "AWS",
        ServiceCategory: category,
        ServiceName: service,
        RegionId: pick(["us-east-1", "eu-west-1", ""]),
        SubAccountId: pick(["sub-a", "sub-b"]),
        Tags: tags,
      },
    };
  });
}

async function* iterate(records: KeyedRecord[]) {
  yield* records;
}

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.destroy();
});

describe("rollups", () => {
  it("sums a day past 10^10 pricing units although each line item fits numeric(20,10)", async () => {
    await emptyCostStore(db.sql);
    const records = randomFile(seededRandom(7)).map((r) => ({
      ...r,
      values: { ...r.values, PricingQuantity: "9000000000", ChargePeriodStart: "2024-01-15T00:00:00Z", ChargePeriodEnd: "2024-01-15T01:00:00Z" },
    }));
    const report = await ingestRecords(db, { sourceName: "requests.csv", format: "generated", records: iterate(records) });
    expect(report.status).toBe("imported");
    expect(await rollupMismatches(db.sql)).toEqual([]);
    const [day] = await db.sql.query<{ quantity: string }>(`SELECT sum(pricing_quantity)::text AS quantity FROM cost_daily_rollup`);
    expect(day!.quantity).toBe(`${9_000_000_000 * records.length}.0000000000`);
  });

  it.each([1, 2, 3])("equal line-item aggregates after a random sequence of imports, re-imports and deletes (seed %i)", async (seed) => {
    await emptyCostStore(db.sql);
    const random = seededRandom(seed);
    const names = ["aws-a.csv", "aws-b.csv", "aws-c.csv"];
    for (let step = 0; step < 12; step++) {
      const action = random();
      if (action < 0.75) {
        const name = names[Math.floor(random() * names.length)];
        const report = await ingestRecords(db, { sourceName: name, format: "generated", records: iterate(randomFile(random)) });
        expect(report.status).toBe("imported");
      } else {
        const sources = await listSources(db);
        if (sources.length > 0) await deleteSource(db, sources[Math.floor(random() * sources.length)].id);
      }
      expect(await rollupMismatches(db.sql), `seed ${seed}, step ${step}`).toEqual([]);
    }
    // Each source's stored totals, periods and currencies equal its line items.
    const drift = await db.sql.query(
      `SELECT s.id FROM cost_sources s
       LEFT JOIN (SELECT source_id, count(*) AS n, sum(billed_cost) AS billed, sum(effective_cost) AS effective,
                         array_agg(DISTINCT billing_currency ORDER BY billing_currency) AS currencies,
                         array_agg(DISTINCT billing_period_start ORDER BY billing_period_start) AS periods
                  FROM cost_line_items GROUP BY 1) li ON li.source_id = s.id
       WHERE s.row_count <> coalesce(li.n, 0) OR s.billed_cost_total <> round(coalesce(li.billed, 0), 6)
          OR s.effective_cost_total <> round(coalesce(li.effective, 0), 6)
          OR s.billing_currencies <> coalesce(li.currencies, '{}')
          OR ARRAY(SELECT (p->>'start')::timestamptz FROM jsonb_array_elements(s.billing_periods) p) <> coalesce(li.periods, '{}')`,
    );
    expect(drift).toEqual([]);
  });
});
