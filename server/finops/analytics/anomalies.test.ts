import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../testing/test-database.ts";
import { ingestRecords } from "../ingest/ingest.ts";
import { DEMO_INCIDENTS, type DemoIncident } from "../demo/incidents.ts";
import { loadDemoDataset } from "../demo/load.ts";
import { detectAnomalies, severityOf, type CostAnomaly } from "./anomalies.ts";
import { addDays, eachDay } from "./scope.ts";
import { median, medianAbsoluteDeviation, quantile, sumDecimals, toCents, tukeyFences, weekdayBaselineScores } from "./stats.ts";

// Ten weeks from Monday 2026-01-05. EC2 has a weekday/weekend pattern; S3 is flat. i-spike adds $300/day to EC2
// on Tue 3 to Thu 5 March 2026. Expected for those weekdays (Tue, Wed, Thu) is 200 + 190 + 200 = 590.
const START = "2026-01-05";
const END = "2026-03-16";
const EC2_BY_WEEKDAY = [70, 210, 200, 190, 200, 180, 80]; // Sunday first, as Date.getUTCDay()
const SPIKE_DAYS = ["2026-03-03", "2026-03-04", "2026-03-05"];

function record(day: string, values: { service: string; resource: string; cost: number; account?: string }) {
  const month = day.slice(0, 7);
  const next = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 1)).toISOString();
  const cost = values.cost.toFixed(4);
  return {
    BilledCost: cost,
    EffectiveCost: cost,
    ListCost: cost,
    ContractedCost: cost,
    BillingAccountId: "111111111111",
    BillingAccountName: "Acme",
    BillingCurrency: "USD",
    BillingPeriodStart: `${month}-01T00:00:00Z`,
    BillingPeriodEnd: next,
    ChargeCategory: "Usage",
    ChargeClass: null,
    ChargeDescription: `${values.service} usage`,
    ChargePeriodStart: `${day}T00:00:00Z`,
    ChargePeriodEnd: `${addDays(day, 1)}T00:00:00Z`,
    InvoiceIssuerName: "AWS",
    PricingQuantity: "24",
    PricingUnit: "Hours",
    PricingCategory: "Standard",
    ProviderName: "AWS",
    PublisherName: "AWS",
    ServiceCategory: values.service === "Amazon S3" ? "Storage" : "Compute",
    ServiceName: values.service,
    ResourceId: values.resource,
    ResourceName: `${values.resource}-name`,
    SubAccountId: values.account ?? "222222222222",
    SubAccountName: "prod",
    SkuId: `${values.service}-sku`,
  };
}

async function* records() {
  let line = 1;
  for (const day of eachDay(START, END)) {
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
    yield { line: line++, values: record(day, { service: "Amazon EC2", resource: "i-web", cost: EC2_BY_WEEKDAY[weekday] }) };
    yield { line: line++, values: record(day, { service: "Amazon S3", resource: "bucket-logs", cost: 100 }) };
    if (SPIKE_DAYS.includes(day)) {
      yield { line: line++, values: record(day, { service: "Amazon EC2", resource: "i-spike", cost: 300, account: "333" }) };
    }
    // A $40 blip on S3 (below the $50 floor) and a +20% ($60) bump on EC2 Monday 2026-02-23 (below the 30% floor).
    if (day === "2026-02-18") yield { line: line++, values: record(day, { service: "Amazon S3", resource: "bucket-logs", cost: 40 }) };
    if (day === "2026-02-23") yield { line: line++, values: record(day, { service: "Amazon EC2", resource: "i-web", cost: 42 }) };
  }
}

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  const report = await ingestRecords(db, { sourceName: "anomaly-fixture", format: "generated", records: records() });
  expect(report.status).toBe("imported");
});
afterAll(() => db.destroy());

describe("detectAnomalies", () => {
  const period = { start: "2026-02-09", end: END };

  it("finds exactly the injected three-day spike, with no weekend false positives", async () => {
    const { data, provenance } = await detectAnomalies(db, { period });
    expect(data.anomalies).toHaveLength(1);
    const [anomaly] = data.anomalies;
    expect(anomaly).toMatchObject({
      dimension: "ServiceName",
      key: "Amazon EC2",
      start: "2026-03-03",
      end: "2026-03-06",
      actual: { amount: "1490.00", value: 1490 },
      expected: { amount: "590.00", value: 590 },
      excess: { amount: "900.00", value: 900 },
      excessPercent: 152.54,
      severity: "high",
    });
    expect(anomaly.days.map((d) => d.day)).toEqual(SPIKE_DAYS);
    expect(anomaly.days[0]).toMatchObject({ expected: { amount: "200.00" }, excess: { amount: "300.00" } });
    // Flat baseline: IQR 0, so the spread floors at 1% of expected ($2): (300 - 0) / 2 = 150.
    expect(anomaly.days[0].score).toBe(150);
    expect(data.unscoredDays).toBe(0);
    expect(provenance[0].sql).toContain("cost_daily_rollup");
    expect(provenance[0].params).toEqual(["2026-01-05", END, ["Usage"]]);
  });

  it("names the resource and sub-account behind the spike by their own excess", async () => {
    const [anomaly] = (await detectAnomalies(db, { period })).data.anomalies;
    expect(anomaly.contributors.resources).toEqual([
      { key: "i-spike", label: "i-spike-name", actual: { amount: "900.00", value: 900 }, expected: { amount: "0.00", value: 0 }, excess: { amount: "900.00", value: 900 } },
    ]);
    expect(anomaly.contributors.subAccounts.map((c) => [c.key, c.excess.amount])).toEqual([["333", "900.00"]]);
  });

  it("flags the small blips once the floors are lowered", async () => {
    const { data } = await detectAnomalies(db, { period, minDailyCost: 30, minPercent: 15 });
    expect(data.anomalies.map((a) => [a.key, a.start, a.excess.amount])).toEqual([
      ["Amazon EC2", "2026-03-03", "900.00"],
      ["Amazon EC2", "2026-02-23", "42.00"],
      ["Amazon S3", "2026-02-18", "40.00"],
    ]);
    expect(data.totalExcess).toEqual({ amount: "982.00", value: 982 });
  });

  it("groups by another dimension and respects filters", async () => {
    const { data } = await detectAnomalies(db, { period, dimension: "ResourceId", filters: { services: ["Amazon EC2"] } });
    expect(data.anomalies.map((a) => a.key)).toEqual(["i-spike"]);
    expect((await detectAnomalies(db, { period, filters: { services: ["Amazon S3"] } })).data.anomalies).toEqual([]);
  });

  it("does not score days without three weeks of same-weekday history", async () => {
    const { data } = await detectAnomalies(db, { period: { start: "2026-01-12", end: "2026-01-26" } });
    // 2026-01-12..25 with data from 2026-01-05: at most two earlier same weekdays, per service.
    expect(data.unscoredDays).toBe(28);
    expect(data.anomalies).toEqual([]);
  });

  it("rejects a baseline that is not whole weeks", async () => {
    await expect(detectAnomalies(db, { period, baselineDays: 30 })).rejects.toThrow("multiple of 7");
  });
});

describe("weekdayBaselineScores", () => {
  it("compares each day with the median of the same weekday, so weekend dips score zero", () => {
    const week = [100, 100, 100, 100, 100, 10, 10];
    const values = [...week, ...week, ...week, ...week, ...week, ...week];
    const scores = weekdayBaselineScores(values, 0, { baselineDays: 35, fenceK: 1.5, minDailyCost: 50, minPercent: 30 });
    expect(scores.map((s) => s?.anomalous)).toEqual(Array(7).fill(false));
    expect(scores.map((s) => s?.expected)).toEqual(week);
  });
});

describe("severityOf", () => {
  it("ranks by percent and dollar impact", () => {
    expect(severityOf(500, 100, 50)).toBe("high");
    expect(severityOf(499, 100, 50)).toBe("medium");
    expect(severityOf(60, 40, 50)).toBe("low");
    expect(severityOf(250, 31, 50)).toBe("medium");
  });
});

describe("detectAnomalies on the generated demo data", () => {
  const DEMO = { seed: 42, months: 6, rows: 20_000, endDate: "2026-10-31" };
  let demo: TestDatabase;
  let incidents: DemoIncident[];
  let anomalies: CostAnomaly[];
  beforeAll(async () => {
    demo = await createTestDatabase();
    incidents = (await loadDemoDataset(demo, DEMO)).incidents;
    const [first] = await demo.sql.query<{ day: string }>(`SELECT min(charge_date)::text AS day FROM cost_line_items`);
    // Default thresholds, every day that has five weeks of history before it.
    anomalies = (await detectAnomalies(demo, { period: { start: addDays(first.day, 35), end: addDays(DEMO.endDate, 1) } })).data.anomalies;
  }, 120_000);
  afterAll(() => demo?.destroy());

  it("finds every injected spike and surge with its exact days", () => {
    for (const incident of incidents.filter((i) => i.kind !== "forgotten-instance")) {
      const match = anomalies.find((a) => a.key === incident.service && a.start === incident.start);
      expect(match, incident.description).toMatchObject({ pattern: "spike", end: addDays(incident.end, 1) });
      const spec = DEMO_INCIDENTS.find((s) => s.kind === incident.kind)!;
      if (spec.skuId) expect(match!.contributors.skus[0].key).toBe(spec.skuId);
    }
  });

  it("reports the forgotten instance as a step change led by that instance", () => {
    const forgotten = incidents.find((i) => i.kind === "forgotten-instance")!;
    const match = anomalies.find((a) => a.key === forgotten.service && a.start === forgotten.start);
    expect(match).toMatchObject({ pattern: "level-shift" });
    expect(match!.contributors.resources[0].key).toBe(forgotten.resourceId);
  });

  it("flags no spike in normal weeks; other step changes are resources that just started", async () => {
    const incidentKeys = new Set(incidents.map((i) => `${i.service}|${i.start}`));
    const others = anomalies.filter((a) => !incidentKeys.has(`${a.key}|${a.start}`));
    expect(others.filter((a) => a.pattern === "spike")).toEqual([]);
    for (const a of others) {
      const [row] = await demo.sql.query<{ day: string }>(
        `SELECT min(charge_date)::text AS day FROM cost_line_items WHERE resource_id = $1`,
        [a.contributors.resources[0].key],
      );
      expect(row.day >= addDays(a.start, -7) && row.day <= a.start, `${a.key} ${a.start}: top resource started ${row.day}`).toBe(true);
    }
  });
});

describe("robust statistics", () => {
  it("interpolates quantiles like numpy and R (type 7) and fences at 1.5 IQR", () => {
    expect(quantile([1, 2, 3, 4], 0.25)).toBe(1.75);
    expect(median([5, 1, 3])).toBe(3);
    expect(medianAbsoluteDeviation([1, 1, 2, 2, 4, 6, 9])).toBe(1);
    expect(tukeyFences([1, 2, 3, 4, 5, 6, 7, 8, 9])).toEqual({ q1: 3, q3: 7, iqr: 4, lower: -3, upper: 13 });
  });

  it("sums decimal strings exactly and rounds half away from zero to cents", () => {
    expect(sumDecimals(["0.1", "0.2", "0.0000000001"])).toBe("0.30");
    expect(sumDecimals(["1.005"])).toBe("1.01");
    expect(sumDecimals(["-1.005", "0"])).toBe("-1.01");
    expect(sumDecimals(["-0.001"])).toBe("0.00");
    expect(toCents(-0.004)).toBe("0.00");
  });
});
