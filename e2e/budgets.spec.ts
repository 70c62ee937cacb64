import { expect, test, type Page } from "@playwright/test";
import { signInAsDemoAdmin } from "./pages/admin-session";

type BudgetField = "name" | "amount" | "currency" | "period" | "start" | "end" | "provider" | "service" | "tag-key" | "tag-value";

/** /admin/budgets: the add/edit form and the table of budgets with their status. */
class AdminBudgetsPage {
  constructor(readonly page: Page) {}

  async goto() {
    await this.page.goto("/admin/budgets");
    await expect(this.page.getByTestId("budgets-page")).toBeVisible();
  }

  get form() {
    return this.page.getByTestId("budget-form");
  }
  get formTitle() {
    return this.page.locator("#budget-form-title");
  }
  field(name: BudgetField) {
    return this.page.getByTestId(`budget-form-${name}`);
  }
  row(name: string) {
    return this.page.locator(`[data-testid="budget-row"][data-name="${name}"]`);
  }

  async fill(values: Partial<Record<BudgetField, string>>) {
    for (const [field, value] of Object.entries(values) as [BudgetField, string][]) {
      if (field === "period") await this.field(field).selectOption(value);
      else await this.field(field).fill(value);
    }
  }

  async submit() {
    await this.page.getByTestId("budget-form-submit").click();
  }

  async delete(name: string) {
    await this.row(name).getByTestId("budget-delete").click();
    const dialog = this.page.getByTestId("delete-budget-dialog");
    await expect(dialog).toBeVisible();
    await dialog.getByTestId("delete-budget-dialog-confirm").click();
    await expect(dialog).toBeHidden();
  }
}

// The server starts with the demo dataset (AWS, Azure and Google Cloud spend up to yesterday) and its budgets.
test.beforeEach(async ({ page }) => {
  await signInAsDemoAdmin(page);
});

test("an admin adds a budget, sees its status, edits its amount and deletes it", async ({ page }) => {
  const budgets = new AdminBudgetsPage(page);
  await page.goto("/admin");
  await page.getByTestId("admin-nav-budgets").click();
  await expect(page.getByTestId("budgets-page")).toBeVisible();
  await expect(page.getByTestId("admin-nav-budgets")).toHaveAttribute("aria-current", "page");
  await expect(budgets.row("Demo: Total cloud spend").getByTestId("budget-demo")).toBeVisible();

  const name = `E2E AWS guardrail ${Date.now().toString(36)}`;
  // The server's refusal appears beside the field it concerns, and nothing is saved.
  await budgets.fill({ name, amount: "1", period: "monthly", start: "2024-05-01", end: "2024-04-30", provider: "AWS" });
  await budgets.submit();
  await expect(budgets.field("end")).toHaveAccessibleDescription("The end date cannot be before the start date.");
  await expect(budgets.row(name)).toHaveCount(0);

  await budgets.fill({ end: "" });
  await budgets.submit();
  await expect(page.getByTestId("budget-toast")).toContainText(`Added ${name}.`);
  const row = budgets.row(name);
  await expect(row.getByTestId("budget-scope")).toHaveText("AWS spend");
  await expect(row.getByTestId("budget-amount")).toHaveText("$1.00");
  // A dollar a month: the demo's AWS spend this month is already past it.
  await expect(row.getByTestId("budget-status")).toHaveAttribute("data-status", "over_budget");
  await expect(row.getByTestId("budget-spent-percent")).toHaveText(/^[\d,]+%$/);
  // What is left is the dollar less what was spent: below zero, and said as the overrun.
  const dollars = async (testId: string) => Number((await row.getByTestId(testId).innerText()).replace(/[$,]/g, ""));
  const spent = await dollars("budget-spent");
  const left = await dollars("budget-left");
  expect(left).toBeLessThan(0);
  expect(Math.abs(1 - spent - left)).toBeLessThanOrEqual(1);
  await expect(row.getByTestId("budget-left-detail")).toHaveText(`over by ${(await row.getByTestId("budget-left").innerText()).replace("-", "")}`);
  // This year, every month of AWS spend was over a dollar: as many months over as read.
  await expect(row.getByTestId("budget-year")).toHaveText(/^(\d+) of \1 months? over$/);
  await expect(budgets.field("name")).toHaveValue("");

  // Names are unique whatever their case: the server says so under the name.
  await budgets.fill({ name: name.toUpperCase(), amount: "5" });
  await budgets.submit();
  await expect(budgets.field("name")).toHaveAccessibleDescription(`A budget named "${name}" already exists: choose another name, or edit that budget.`);

  await row.getByTestId("budget-edit").click();
  await expect(budgets.formTitle).toHaveText(`Edit ${name}`);
  await expect(budgets.field("amount")).toHaveValue("1.00");
  await expect(budgets.field("provider")).toHaveValue("AWS");
  await budgets.fill({ amount: "999999999" });
  await budgets.submit();
  await expect(page.getByTestId("budget-toast")).toContainText(`Saved ${name}.`);
  await expect(row.getByTestId("budget-amount")).toHaveText("$999,999,999");
  await expect(row.getByTestId("budget-status")).toHaveAttribute("data-status", "on_track");
  await expect(row.getByTestId("budget-left-detail")).toHaveText("100% of budget");
  await expect(row.getByTestId("budget-year")).toHaveText("Within budget every month");
  await expect(budgets.formTitle).toHaveText("Add a budget");

  await budgets.delete(name);
  await expect(budgets.row(name)).toHaveCount(0);
  await expect(page.getByTestId("budget-toast")).toContainText(`Deleted ${name}.`);
  await page.reload();
  await expect(budgets.row("Demo: Total cloud spend")).toBeVisible();
  await expect(budgets.row(name)).toHaveCount(0);
});
