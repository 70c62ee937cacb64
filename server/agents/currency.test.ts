import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadFixture } from "../finops/analytics/fixtures/focus-records.ts";
import { createDemoApp, type DemoApp } from "../testing/demo-app.ts";
import type { AnswerPayload } from "./answer.ts";

// October 2026 billed in USD (one account) and EUR (another).
let app: DemoApp;

const ask = (text: string, threadId?: string) => app.ask(text, threadId);

beforeAll(async () => {
  app = await createDemoApp({
    load: async (db) => {
      await loadFixture(db, [
        { date: "2026-10-05", account: "us", billed: "1200.00" },
        { date: "2026-10-12", account: "us", billed: "300.00" },
      ], "us.csv");
      await loadFixture(db, [
        { date: "2026-10-05", account: "de", billed: "400.00", currency: "EUR" },
        { date: "2026-10-20", account: "de", billed: "50.50", currency: "EUR" },
      ], "de.csv");
    },
  });
});
afterAll(() => app?.destroy());

describe("answers over costs billed in two currencies", () => {
  it("keep to the currency with the most cost, say so, and never add the other one in", async () => {
    const { markdown, payload } = await ask("What did we spend in October 2026?");
    expect(payload.sections[0]!.figures.total).toBe("1500");
    expect(markdown).toContain("**$1,500.00**");
    expect(markdown).toContain("also billed in EUR; amounts in different currencies are not added up, so this covers USD only");
    expect(payload.sections[0]!.provenance[0]!.filters).toMatchObject({ billingCurrencies: ["USD"] });
  });

  it("answer in the currency the question names, formatted in it", async () => {
    const { markdown, payload } = await ask("What did we spend in October 2026 in euros?");
    expect(payload.sections[0]!.figures.total).toBe("450.5");
    expect(markdown).toContain("**€450.50**");
    expect(markdown).toContain("Cost (EUR)");
    expect(payload.sections[0]!.charts.every((c) => c.unit === "EUR")).toBe(true);
  });

  it("switch currency on a follow-up, keeping the rest of the question", async () => {
    const first = await ask("What did we spend in October 2026 by service?");
    expect(first.payload.sections[0]!.figures.total).toBe("1500");
    const followUp = await ask("and in euros?", first.threadId);
    expect(followUp.payload.sections[0]!.figures.total).toBe("450.5");
    expect(followUp.markdown).toContain("**€450.50**");
  });

  it("names a currency there is no cost in instead of converting", async () => {
    const { markdown } = await ask("What did we spend in October 2026 in yen?");
    expect(markdown).toContain("There are no costs billed in JPY. Costs here are also billed in EUR");
    expect(markdown).toContain("covers USD only");
    // Said first: the amount that follows is not in the currency asked for.
    expect(markdown.split("\n")[0]).toBe("**Nothing is billed in JPY** and amounts are not converted; in USD, **$1,500.00** effective (amortized) cost in October 2026 (2026-10-01 to 2026-10-31).");
  });
});
