import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../testing/test-database.ts";
import { ingestRecords } from "../ingest/ingest.ts";
import { loadDemoDataset } from "../demo/load.ts";
import { costTotal } from "./breakdown.ts";
import { forecastCost } from "./forecast.ts";
import { addDays, daysBetween, eachDay } from "./scope.ts";
import { fitHoltWintersByGrid, forecastHoltWinters } from "./stats.ts";

// Usage: 200 + 0.5 per day since 2025-10-01, weekday +20 / weekend -40, plus deterministic noise in [-4, 4].
// A $500 support Purchase lands on the 1st of every month.
const START = "2025-10-01";
const AS_OF = "2026-09-15";
const WEEKLY = [-40, 20, 20, 20, 20, 20, -40]; // Sunday first
const truth = (day: string) => 200 + 0.5 * daysBetween(START, day) + WEEKLY[new Date(`${day}T00:00:00Z`).getUTCDay()];
const noise = (i: number) => ((i * 7919) % 17) / 2 - 4;
const usage = (day: string, i: number) => Math.round((truth(day) + noise(i)) * 100) / 100;

function record(day: string, category: "Usage" | "Purchase", cost: number) {
  const month = day.slice(0, 7);
  const next = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 1)).toISOString();
  const text = cost.toFixed(2);
  return {
    BilledCost: text, EffectiveCost: text, ListCost: text, ContractedCost: text,
    BillingAccountId: "111", BillingAccountName: "Acme", BillingCurrency: "USD",
    BillingPeriodStart: `${month}-01T00:00:00Z`, BillingPeriodEnd: next,
    ChargeCategory: category, ChargeClass: null, ChargeDescription: category === "Usage" ? "EC2 usage" : "Support plan",
    ChargePeriodStart: `${day}T00:00:00Z`, ChargePeriodEnd: `${addDays(day, 1)}T00:00:00Z`,
    InvoiceIssuerName: "AWS", PricingQuantity: "1", PricingUnit: "Units", ProviderName: "AWS", PublisherName: "AWS",
    ServiceCategory: category === "Usage" ? "Compute" : "Management and Governance",
    ServiceName: category === "Usage" ? "Amazon EC2" : "AWS Support",
  };
}

async function* records() {
  let line = 1;
  for (const [i, day] of eachDay(START, AS_OF).entries()) {
    yield { line: line++, values: record(day, "Usage", usage(day, i)) };
    if (day.endsWith("-01")) yield { line: line++, values: record(day, "Purchase", 500) };
  }
}

const monthTruth = (month: string) => {
  const start = `${month}-01`;
  const end = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 1)).toISOString().slice(0, 10);
  return eachDay(start, end).reduce((total, d) => total + truth(d), 500);
};

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  expect((await ingestRecords(db, { sourceName: "forecast-fixture", format: "generated", records: records() })).status).toBe("imported");
});
afterAll(() => db.destroy());

describe("forecastCost", () => {
  it("forecasts the next months of a trend + weekly series within 2%, inside its intervals", async () => {
    const { data, provenance } = await forecastCost(db, { horizonMonths: 3 });
    expect(data.asOf).toBe(AS_OF); // the day after the latest cost
    expect(data.method).toBe("holt-winters-additive");
    expect(data.parameters.seasonLength).toBe(7);
    expect(data.parameters.otherChargesPerMonth.amount).toBe("500.00");
    // History starts at the first cost, not 365 days back: days before the data are unknown, not zero.
    expect(data.history).toEqual({ start: START, end: AS_OF, days: daysBetween(START, AS_OF) });
    expect(data.months.map((m) => m.month)).toEqual(["2026-10", "2026-11", "2026-12"]);
    for (const month of data.months) {
      const expected = monthTruth(month.month);
      expect(Math.abs(month.total.value - expected) / expected).toBeLessThan(0.02);
      expect(month.interval80.lower.value).toBeLessThan(expected);
      expect(month.interval80.upper.value).toBeGreaterThan(expected);
      expect(month.interval95.lower.value).toBeLessThanOrEqual(month.interval80.lower.value);
      expect(month.interval95.upper.value).toBeGreaterThanOrEqual(month.interval80.upper.value);
    }
    expect(data.daily).toHaveLength(daysBetween(AS_OF, "2027-01-01"));
    expect(provenance.map((p) => p.description)).toEqual(["Latest day with cost", "Daily EffectiveCost, usage and other charges"]);
  });

  it("adds the forecast rest of the month to the exact actuals to date", async () => {
    const { data } = await forecastCost(db, { asOf: AS_OF, horizonMonths: 1 });
    const actualDays = eachDay("2026-09-01", AS_OF);
    const offset = daysBetween(START, "2026-09-01");
    const actual = 500 + actualDays.reduce((t, d, k) => t + usage(d, offset + k), 0);
    expect(data.currentMonth.month).toBe("2026-09");
    expect(data.currentMonth.actualToDate.amount).toBe(actual.toFixed(2));
    // The month's support fee is already billed, so the remainder is usage only.
    const remainingTruth = eachDay(AS_OF, "2026-10-01").reduce((t, d) => t + truth(d), 0);
    expect(Math.abs(data.currentMonth.forecastRemainder.value - remainingTruth) / remainingTruth).toBeLessThan(0.02);
    expect(data.currentMonth.total.value).toBeCloseTo(actual + data.currentMonth.forecastRemainder.value, 1);
    expect(data.currentMonth.interval80.lower.value).toBeGreaterThanOrEqual(actual);
  });

  it("totals a span of days: its actual days, then the forecast of the rest", async () => {
    // The week of AS_OF (a Tuesday): Monday is actual, the six days after are forecast; September's fee is billed.
    const { data } = await forecastCost(db, { asOf: AS_OF, horizonMonths: 1, span: { start: "2026-09-14", end: "2026-09-21" } });
    const span = data.span!;
    expect(span).toMatchObject({ start: "2026-09-14", end: "2026-09-21", actualDays: 1, forecastDays: 6 });
    expect(span.actualToDate.amount).toBe(usage("2026-09-14", daysBetween(START, "2026-09-14")).toFixed(2));
    const ahead = eachDay(AS_OF, "2026-09-21");
    expect(span.forecastRemainder.value).toBeCloseTo(ahead.reduce((t, d) => t + data.daily.find((x) => x.day === d)!.value, 0), 1);
    const truthWeek = span.actualToDate.value + ahead.reduce((t, d) => t + truth(d), 0);
    expect(Math.abs(span.total.value - truthWeek) / truthWeek).toBeLessThan(0.02);
    expect(span.interval80.lower.value).toBeLessThan(truthWeek);
    expect(span.interval80.upper.value).toBeGreaterThan(truthWeek);
    expect(span.interval95.upper.value).toBeGreaterThan(span.interval80.upper.value);
    expect(span.interval80.lower.value).toBeGreaterThanOrEqual(span.actualToDate.value);
  });

  it("spreads a coming month's other charges over its days, so a whole month as a span is that month's forecast", async () => {
    const { data } = await forecastCost(db, { asOf: AS_OF, horizonMonths: 1, span: { start: "2026-10-01", end: "2026-11-01" } });
    const october = data.months[0]!;
    expect(october.month).toBe("2026-10");
    expect(data.span!.total.value).toBeCloseTo(october.total.value, 1);
    expect(data.span!.interval80.upper.value).toBeCloseTo(october.interval80.upper.value, 1);
    // The next 30 days: fourteen of October's 31 days carry 14/31 of its $500 fee.
    const next30 = await forecastCost(db, { asOf: AS_OF, horizonMonths: 1, span: { start: AS_OF, end: addDays(AS_OF, 30) } });
    const usageAhead = eachDay(AS_OF, addDays(AS_OF, 30)).reduce((t, d) => t + next30.data.daily.find((x) => x.day === d)!.value, 0);
    expect(next30.data.span!.actualDays).toBe(0);
    expect(next30.data.span!.forecastRemainder.value).toBeCloseTo(usageAhead + (500 * 14) / 31, 0);
  });

  it("backtests on the last two complete months and reports MAPE", async () => {
    const { data } = await forecastCost(db, { asOf: AS_OF });
    expect(data.backtest).not.toBeNull();
    const backtest = data.backtest!;
    expect(backtest.trainEnd).toBe("2026-07-01");
    expect(backtest.months.map((m) => m.month)).toEqual(["2026-07", "2026-08"]);
    expect(Math.abs(backtest.months[0].actual.value / monthTruth("2026-07") - 1)).toBeLessThan(0.001);
    expect(backtest.mapeMonthly).toBeLessThan(2);
    expect(backtest.mapeDaily).toBeLessThan(5);
  });

  it("skips the backtest when history before the holdout is too short", async () => {
    const { data } = await forecastCost(db, { asOf: AS_OF, history: 90 });
    expect(data.backtest).toBeNull();
    expect(data.backtestSkipped).toMatch(/needs 28 days of history before 2026-07-01/);
  });

  it("explains empty history and bad input", async () => {
    await expect(forecastCost(db, { filters: { services: ["Nope"] } })).rejects.toThrow("no cost data to forecast");
    await expect(forecastCost(db, { asOf: "2025-10-10" })).rejects.toThrow("at least 28 days");
    await expect(forecastCost(db, { horizonMonths: 13 })).rejects.toThrow("limited to 12 months");
    await expect(forecastCost(db, { asOf: AS_OF, horizonMonths: 1, span: { start: AS_OF, end: "2026-11-02" } })).rejects.toThrow("span ends after the forecast horizon (2026-11-01)");
    await expect(forecastCost(db, { asOf: AS_OF, span: { start: AS_OF, end: AS_OF } })).rejects.toThrow("span.start must be before span.end");
  });
});

describe("forecastCost on the generated demo data", () => {
  let demo: TestDatabase;
  beforeAll(async () => {
    demo = await createTestDatabase();
    await loadDemoDataset(demo, { seed: 42, months: 6, rows: 20_000, endDate: "2026-10-31" });
  }, 120_000);
  afterAll(() => demo?.destroy());

  it("backtests September and October within 15% MAPE", async () => {
    const { data } = await forecastCost(demo, { horizonMonths: 3 });
    expect(data.asOf).toBe("2026-11-01");
    expect(data.backtest!.months.map((m) => m.month)).toEqual(["2026-09", "2026-10"]);
    // October carries the Bedrock retry loop and the forgotten instance, which no forecast should have seen coming.
    expect(data.backtest!.mapeMonthly).toBeLessThan(15);
    expect(data.backtest!.mapeDaily).toBeLessThan(15);
    expect(data.months).toHaveLength(3);
    for (const m of [data.currentMonth, ...data.months]) {
      expect(m.interval80.lower.value).toBeLessThan(m.total.value);
      expect(m.interval95.upper.value).toBeGreaterThan(m.interval80.upper.value);
    }
  });
});

describe("forecastCost of parts with the whole's smoothing", () => {
  let demo: TestDatabase;
  beforeAll(async () => {
    demo = await createTestDatabase();
    await loadDemoDataset(demo, { seed: 7, months: 4, rows: 8_000, endDate: "2026-10-31" });
  }, 120_000);
  afterAll(() => demo?.destroy());

  it("adds up to the whole's forecast, month by month, where the parts fitted apart do not", async () => {
    const whole = (await forecastCost(demo, { horizonMonths: 3 })).data;
    const { alpha, beta, gamma } = whole.parameters;
    const coherent = { smoothing: { alpha, beta, gamma }, historyStart: whole.history.start };
    const providers = ["AWS", "Google Cloud", "Microsoft"];
    const parts = await Promise.all(providers.map((p) => forecastCost(demo, { horizonMonths: 3, filters: { providers: [p] }, ...coherent })));
    const apart = await Promise.all(providers.map((p) => forecastCost(demo, { horizonMonths: 3, filters: { providers: [p] } })));
    const sumOf = (forecasts: typeof parts, i: number) => forecasts.reduce((t, f) => t + [f.data.currentMonth, ...f.data.months][i]!.total.value, 0);
    let apartGap = 0;
    for (const [i, month] of [whole.currentMonth, ...whole.months].entries()) {
      // Each part rounds to the cent: three parts are at most a few cents from the whole.
      expect(Math.abs(sumOf(parts, i) - month.total.value)).toBeLessThan(0.05);
      apartGap = Math.max(apartGap, Math.abs(sumOf(apart, i) - month.total.value));
    }
    expect(apartGap).toBeGreaterThan(1);
    for (const part of parts) expect(part.data.parameters).toMatchObject({ alpha, beta, gamma });
  });

  it("keeps each part near its own history's growth: no trend is frozen from the first two weeks", async () => {
    const whole = (await forecastCost(demo, { horizonMonths: 4 })).data;
    expect(whole.parameters.beta).toBeGreaterThan(0);
    const { alpha, beta, gamma } = whole.parameters;
    for (const provider of ["AWS", "Google Cloud", "Microsoft"]) {
      const filters = { providers: [provider] };
      const part = (await forecastCost(demo, { horizonMonths: 4, filters, smoothing: { alpha, beta, gamma }, historyStart: whole.history.start })).data;
      const october = (await costTotal(demo, { period: { start: "2026-10-01", end: "2026-11-01" }, filters })).data.totalValue;
      // Four months on, within a quarter of the last complete month (the demo grows a few percent a month).
      const last = part.months.at(-1)!;
      expect(Math.abs(last.total.value / october - 1), `${provider} ${last.month}`).toBeLessThan(0.25);
    }
  });

  it("counts the days from historyStart with no cost as zero, not unknown", async () => {
    const late = (await forecastCost(db, { asOf: AS_OF, historyStart: "2025-09-20" })).data;
    expect(late.history.start).toBe("2025-09-20");
    expect(late.history.days).toBe(daysBetween("2025-09-20", AS_OF));
    expect((await forecastCost(db, { asOf: AS_OF })).data.history.start).toBe(START);
  });
});

describe("Holt-Winters", () => {
  it("extrapolates a noiseless linear trend with a weekly pattern", () => {
    const series = Array.from({ length: 140 }, (_, t) => 50 + 2 * t + [0, 5, 5, 5, 5, -10, -10][t % 7]);
    const fit = fitHoltWintersByGrid(series, 7);
    const ahead = forecastHoltWinters(fit, 14);
    ahead.forEach((v, h) => {
      const t = 140 + h;
      expect(v).toBeCloseTo(50 + 2 * t + [0, 5, 5, 5, 5, -10, -10][t % 7], 0);
    });
  });
});
