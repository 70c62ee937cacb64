import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import type { SessionUser } from "../../auth/users.ts";
import { loadFixture } from "../../finops/analytics/fixtures/focus-records.ts";
import { SMALL_BILL } from "../../finops/analytics/fixtures/small-bill.ts";
import { createTestApp, type TestApp } from "../../testing/fixtures.ts";
import { budgetStatus } from "../../finops/analytics/budgets.ts";

let app: TestApp;
let admin: SessionUser;
let member: SessionUser;

const MISSING_ID = "00000000-0000-4000-8000-000000000000";
const valid = { name: "AWS monthly", amount: "40", period: "monthly", startDate: "2023-12-01", filters: { provider: "AWS" } } as const;

beforeAll(async () => {
  app = await createTestApp();
  admin = await app.createUser({ email: "admin@example.com" });
  member = await app.createUser({ email: "member@example.com" });
  // The small bill's last day is 2024-02-05: budget statuses are computed as of that day.
  await loadFixture(app.db, SMALL_BILL, "small-bill.csv");
});
afterAll(() => app.destroy());

/** The tRPC code of a rejected call and, for input errors, the first issue's field and message. */
async function rejection(call: Promise<unknown>) {
  const error = await call.then(
    () => expect.unreachable("the call should have been refused"),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCError);
  const { code, message, cause } = error as TRPCError;
  const issue = cause instanceof ZodError ? cause.issues[0] : undefined;
  return { code, message: issue?.message ?? message, path: issue?.path.join(".") ?? null };
}

describe("budget router", () => {
  it("creates, lists with status, edits and deletes a budget", async () => {
    const caller = app.callerFor(admin);
    const created = await caller.budget.create({
      name: "  Platform team  ",
      amount: "1250.5",
      currency: "usd",
      period: "quarterly",
      startDate: "2024-01-01",
      endDate: "2024-12-31",
      filters: { provider: " AWS ", billingAccountId: "", tag: { key: "team", value: "web" } },
    });
    expect(created).toMatchObject({
      name: "Platform team",
      amount: "1250.50",
      currency: "USD",
      period: "quarterly",
      startDate: "2024-01-01",
      endDate: "2024-12-31",
      filters: { provider: "AWS", tag: { key: "team", value: "web" } },
      isDemo: false,
    });
    expect(Object.keys(created.filters).sort()).toEqual(["provider", "tag"]);

    const listed = await app.callerFor(member).budget.list();
    expect(listed.asOf).toBe("2024-02-05");
    const row = listed.budgets.find((b) => b.id === created.id);
    // AWS, team=web, from January 1: 10 (Jan 3) + 8 (Feb 5) = 18 over 36 of 91 days -> 45.5 projected.
    expect(row).toMatchObject({
      name: "Platform team",
      status: { active: true, currentPeriod: { start: "2024-01-01", end: "2024-04-01" }, spent: "18", projectedSpend: "45.5", status: "on_track" },
    });

    const updated = await caller.budget.update({ ...created, amount: "40" });
    expect(updated).toMatchObject({ id: created.id, amount: "40.00", name: "Platform team", filters: created.filters });
    const after = (await caller.budget.list()).budgets.find((b) => b.id === created.id);
    expect(after?.status).toMatchObject({ spent: "18", status: "at_risk" });

    expect(await caller.budget.delete({ id: created.id })).toEqual({ deleted: true });
    expect((await caller.budget.list()).budgets.map((b) => b.id)).not.toContain(created.id);
  });

  it("reports each budget's current period as of the last day of cost data: on track, at risk or over", async () => {
    const caller = app.callerFor(admin);
    const made = await Promise.all([
      caller.budget.create(valid),
      caller.budget.create({ ...valid, name: "Azure small", amount: "3", startDate: "2024-01-01", filters: { provider: "Azure" } }),
      caller.budget.create({ ...valid, name: "Everything", amount: "1000", filters: {} }),
    ]);
    try {
      const { budgets } = await app.callerFor(member).budget.list();
      const byName = Object.fromEntries(budgets.map((b) => [b.name, b.status]));
      // February so far (5 of 29 days): AWS 8 -> 46.4 projected > 40; Azure 5 > 3; everything 13 -> 75.4 < 1000.
      expect(byName["AWS monthly"]).toMatchObject({ spent: "8", projectedSpend: "46.4", status: "at_risk", elapsedDays: 5, totalDays: 29 });
      expect(byName["Azure small"]).toMatchObject({ spent: "5", status: "over_budget", forecastOverrunDate: "2024-02-05" });
      expect(byName["Everything"]).toMatchObject({ spent: "13", projectedSpend: "75.4", status: "on_track" });
    } finally {
      for (const b of made) await caller.budget.delete({ id: b.id });
    }
  });

  it("gives each budget's periods over a span: what each spent and which went over, as of the last day of cost data", async () => {
    const caller = app.callerFor(admin);
    const made = await caller.budget.create({ ...valid, name: "Azure small", amount: "3", startDate: "2024-01-01", filters: { provider: "Azure" } });
    try {
      const history = await app.callerFor(member).budget.history({ period: { start: "2024-01-01", end: "2024-03-01" } });
      expect(history.asOf).toBe("2024-02-05");
      const azure = history.budgets.find((b) => b.id === made.id)!;
      const [january, february] = azure.periods;
      // Azure spent 15 in January (over 3) and 5 by February 5th, the latest day.
      const status = async (asOf: string) => (await budgetStatus(app.db, { asOf, budgetId: made.id })).data[0]!;
      expect(january).toMatchObject({ start: "2024-01-01", end: "2024-02-01", complete: true, spent: (await status("2024-01-31")).spent });
      expect(february).toMatchObject({ start: "2024-02-01", complete: false, spent: "5", overBy: "2", overOn: "2024-02-05" });
      await expect(rejection(app.callerFor(member).budget.history({ period: { start: "2024-02-01", end: "2024-01-01" } }))).resolves.toMatchObject({
        code: "BAD_REQUEST",
        message: "period.start must be before period.end.",
      });
    } finally {
      await caller.budget.delete({ id: made.id });
    }
  });

  it("lets members list budgets but refuses them every change", async () => {
    const budget = await app.callerFor(admin).budget.create({ ...valid, name: "Members cannot touch" });
    const caller = app.callerFor(member);
    expect((await rejection(caller.budget.create({ ...valid, name: "By a member" }))).code).toBe("FORBIDDEN");
    expect((await rejection(caller.budget.update({ ...valid, id: budget.id, amount: "1" }))).code).toBe("FORBIDDEN");
    expect((await rejection(caller.budget.delete({ id: budget.id }))).code).toBe("FORBIDDEN");
    const { budgets } = await caller.budget.list();
    expect(budgets.filter((b) => b.name === "By a member")).toEqual([]);
    expect(budgets.find((b) => b.id === budget.id)).toMatchObject({ amount: "40.00" });
    expect((await rejection(app.callerFor(null).budget.list())).code).toBe("UNAUTHORIZED");
    await app.callerFor(admin).budget.delete({ id: budget.id });
  });

  it.each([
    ["a blank name", { name: "   " }, "name", "Give the budget a name."],
    ["a name over 200 characters", { name: "x".repeat(201) }, "name", "Budget names are at most 200 characters."],
    ["a zero amount", { amount: "0.00" }, "amount", "The amount must be more than zero."],
    ["a negative amount", { amount: "-5" }, "amount", "Enter the amount as a number such as 5000 or 1250.50, without a currency sign or thousands separators."],
    ["thousands separators", { amount: "1,000" }, "amount", "Enter the amount as a number such as 5000 or 1250.50, without a currency sign or thousands separators."],
    ["a currency sign", { amount: "$50" }, "amount", "Enter the amount as a number such as 5000 or 1250.50, without a currency sign or thousands separators."],
    ["an exponent", { amount: "1e3" }, "amount", "Enter the amount as a number such as 5000 or 1250.50, without a currency sign or thousands separators."],
    ["an amount given as a number", { amount: 50 }, "amount", "Enter the amount as a number such as 5000 or 1250.50."],
    ["three decimals", { amount: "10.005" }, "amount", "The amount can have at most 2 decimals (cents)."],
    ["19 integer digits", { amount: "1234567890123456789" }, "amount", "The amount can have at most 18 digits before the decimal point."],
    ["a two-letter currency", { currency: "US" }, "currency", "The currency is an ISO 4217 code such as USD or EUR."],
    ["a currency with a digit", { currency: "US1" }, "currency", "The currency is an ISO 4217 code such as USD or EUR."],
    ["an unknown period", { period: "weekly" }, "period", "The period is monthly, quarterly or annual."],
    ["no start date", { startDate: "" }, "startDate", "Choose the day the budget starts."],
    ["a start date not written YYYY-MM-DD", { startDate: "01/02/2024" }, "startDate", "Dates are written YYYY-MM-DD."],
    ["a start date that does not exist", { startDate: "2023-02-29" }, "startDate", "That date does not exist."],
    ["an end date that does not exist", { endDate: "2024-04-31" }, "endDate", "That date does not exist."],
    ["an end date before the start date", { endDate: "2023-11-30" }, "endDate", "The end date cannot be before the start date."],
    ["a provider over 200 characters", { filters: { provider: "p".repeat(201) } }, "filters.provider", "The provider is at most 200 characters."],
    ["a billing account over 200 characters", { filters: { billingAccountId: "1".repeat(201) } }, "filters.billingAccountId", "The billing account is at most 200 characters."],
    ["a sub-account over 200 characters", { filters: { subAccountId: "s".repeat(201) } }, "filters.subAccountId", "The sub-account is at most 200 characters."],
    ["a service over 200 characters", { filters: { serviceName: "s".repeat(201) } }, "filters.serviceName", "The service is at most 200 characters."],
    ["a tag without a value", { filters: { tag: { key: "team", value: " " } } }, "filters.tag.value", "A tag filter needs a value: give both the tag key and its value, or neither."],
    ["a tag without a key", { filters: { tag: { key: "", value: "web" } } }, "filters.tag.key", "A tag filter needs a key: give both the tag key and its value, or neither."],
    ["a tag value over 200 characters", { filters: { tag: { key: "team", value: "v".repeat(201) } } }, "filters.tag.value", "The tag value is at most 200 characters."],
  ])("refuses %s with a message naming the problem", async (_case, change, path, message) => {
    const caller = app.callerFor(admin);
    const input = { ...valid, name: "Validation case", ...change } as typeof valid;
    expect(await rejection(caller.budget.create(input))).toEqual({ code: "BAD_REQUEST", path, message });
    const existing = await caller.budget.create({ ...valid, name: "Valid before the edit" });
    try {
      expect(await rejection(caller.budget.update({ ...input, id: existing.id }))).toEqual({ code: "BAD_REQUEST", path, message });
    } finally {
      await caller.budget.delete({ id: existing.id });
    }
    expect((await caller.budget.list()).budgets.map((b) => b.name)).not.toContain("Validation case");
  });

  it("refuses a name another budget has, whatever its case, but lets a budget keep its own", async () => {
    const caller = app.callerFor(admin);
    const first = await caller.budget.create({ ...valid, name: "Data platform" });
    const second = await caller.budget.create({ ...valid, name: "Machine learning" });
    try {
      expect(await rejection(caller.budget.create({ ...valid, name: " data PLATFORM " }))).toEqual({
        code: "CONFLICT",
        path: null,
        message: 'A budget named "Data platform" already exists: choose another name, or edit that budget.',
      });
      expect((await rejection(caller.budget.update({ ...valid, id: second.id, name: "Data Platform" }))).code).toBe("CONFLICT");
      expect(await caller.budget.update({ ...valid, id: first.id, name: "DATA platform", amount: "41" })).toMatchObject({
        name: "DATA platform",
        amount: "41.00",
      });
      expect((await caller.budget.list()).budgets.filter((b) => b.name.toLowerCase() === "data platform")).toHaveLength(1);
    } finally {
      await caller.budget.delete({ id: first.id });
      await caller.budget.delete({ id: second.id });
    }
  });

  it("answers NOT_FOUND when editing or deleting a budget that does not exist", async () => {
    const caller = app.callerFor(admin);
    expect(await rejection(caller.budget.update({ ...valid, id: MISSING_ID }))).toMatchObject({
      code: "NOT_FOUND",
      message: "That budget does not exist. It may have been deleted: reload the list.",
    });
    expect((await rejection(caller.budget.delete({ id: MISSING_ID }))).code).toBe("NOT_FOUND");
    const gone = await caller.budget.create({ ...valid, name: "Deleted twice" });
    await caller.budget.delete({ id: gone.id });
    expect((await rejection(caller.budget.delete({ id: gone.id }))).code).toBe("NOT_FOUND");
    expect(await rejection(caller.budget.delete({ id: "not-a-uuid" }))).toMatchObject({ code: "BAD_REQUEST", message: "That is not a budget id." });
  });
});
