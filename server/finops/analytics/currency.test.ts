import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../testing/fixtures.ts";
import { generateRecommendations } from "../recommendations/generate.ts";
import { costTotal } from "./breakdown.ts";
import { MixedCurrencyError, scopeCurrency, storedCurrencies } from "./currency.ts";
import { loadFixture } from "./fixtures/focus-records.ts";

// A US account billed in USD and a German one billed in EUR, in January 2024.
const JANUARY = { start: "2024-01-01", end: "2024-02-01" };

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp();
  await loadFixture(app.db, [
    { date: "2024-01-05", account: "us", billed: "100.00" },
    { date: "2024-01-06", account: "us", billed: "50.25", tags: { team: "web" } },
  ], "us.csv");
});
afterAll(() => app.destroy());

describe("billing currencies", () => {
  it("in a store with one currency, every scope is in it", async () => {
    expect(await storedCurrencies(app.db)).toEqual(["USD"]);
    expect(await scopeCurrency(app.db, { period: JANUARY, filters: {} })).toBe("USD");
    const total = await app.callerFor(await app.createUser({ email: "one@example.com" })).cost.total({ period: JANUARY });
    expect(total).toMatchObject({ currency: "USD", data: { total: "150.25" } });
  });

  describe("with USD and EUR imports", () => {
    beforeAll(async () => {
      await loadFixture(app.db, [
        { date: "2024-01-05", account: "de", billed: "80.00", currency: "EUR" },
        { date: "2024-01-07", account: "de", billed: "19.50", currency: "EUR", tags: { team: "data" } },
      ], "de.csv");
    });

    it("never adds the two: an unfiltered scope is refused with the currencies and the filter that picks one", async () => {
      expect(await storedCurrencies(app.db)).toEqual(["EUR", "USD"]);
      await expect(scopeCurrency(app.db, { period: JANUARY, filters: {} })).rejects.toBeInstanceOf(MixedCurrencyError);
      const caller = app.callerFor(await app.createUser({ email: "two@example.com" }));
      await expect(caller.cost.total({ period: JANUARY })).rejects.toMatchObject({
        code: "BAD_REQUEST",
        message: expect.stringContaining("billed in USD and EUR"), // largest first
      });
      await expect(caller.cost.breakdown({ period: JANUARY, dimension: "ServiceName" })).rejects.toThrow('filters.billingCurrencies, e.g. ["USD"]');
    });

    it("answers in the currency a filter names, or the one an account filter narrows to", async () => {
      const caller = app.callerFor(await app.createUser({ email: "three@example.com" }));
      expect(await caller.cost.total({ period: JANUARY, filters: { billingCurrencies: ["eur"] } })).toMatchObject({
        currency: "EUR",
        data: { total: "99.5" },
      });
      expect(await caller.cost.total({ period: JANUARY, filters: { billingAccountIds: ["us"] } })).toMatchObject({
        currency: "USD",
        data: { total: "150.25" },
      });
      expect((await costTotal(app.db, { period: JANUARY, filters: { billingCurrencies: ["USD"] } })).data.total).toBe("150.25");
      // Exclusions narrow too: without the German account only USD is left; one read from line items (a tag) is
      // not applied to the currency check, but answered on line items.
      expect(await caller.cost.total({ period: JANUARY, filters: { exclude: { billingAccountIds: ["de"] } } })).toMatchObject({ currency: "USD", data: { total: "150.25" } });
      expect(
        await caller.cost.total({ period: JANUARY, filters: { billingAccountIds: ["us"], exclude: { tags: [{ key: "team", values: ["web"] }] } } }),
      ).toMatchObject({ currency: "USD", data: { total: "100" } });
      await expect(caller.cost.total({ period: JANUARY, filters: { billingCurrencies: ["euro"] } })).rejects.toThrow(
        "Billing currencies are ISO 4217 codes such as USD or EUR.",
      );
    });

    it("generates each currency's recommendations on their own, keyed by currency", async () => {
      await generateRecommendations(app.db);
      const keys = (await app.db.prisma.optimizationRecommendation.findMany({ select: { recommendationKey: true } })).map((r) => r.recommendationKey!);
      // Untagged spend is most of each currency's cost: one tagging finding per currency, never one for both.
      expect(keys.filter((k) => k.endsWith("tagging:team")).sort()).toEqual(["EUR:tagging:team", "USD:tagging:team"]);
      expect(keys.every((k) => k.startsWith("EUR:") || k.startsWith("USD:"))).toBe(true);
      const tagging = await app.db.prisma.optimizationRecommendation.findMany({ where: { category: "tagging" }, orderBy: { recommendationKey: "asc" } });
      expect(tagging.map((r) => [r.recommendationKey, r.billingCurrency])).toEqual([
        ["EUR:tagging:team", "EUR"],
        ["USD:tagging:team", "USD"],
      ]);
      expect(tagging.map((r) => r.title)).toEqual([expect.stringContaining(" EUR of spend"), expect.stringContaining(" USD of spend")]);
    });
  });
});
