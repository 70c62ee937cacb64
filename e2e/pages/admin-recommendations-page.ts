import { readFile } from "node:fs/promises";
import { expect, type Locator, type Page } from "@playwright/test";

/** /admin/recommendations: summary, filters, the table with bulk actions, and the detail drawer. */
export class AdminRecommendationsPage {
  constructor(readonly page: Page) {}

  async goto(query = "") {
    await this.page.goto(`/admin/recommendations${query}`);
    await expect(this.page.getByTestId("recommendations-page")).toBeVisible();
  }

  get summary() {
    return this.page.getByTestId("rec-summary");
  }
  get summaryTotal() {
    return this.page.getByTestId("rec-summary-total");
  }
  get summaryNote() {
    return this.page.getByTestId("rec-summary-note");
  }
  get rows() {
    return this.page.getByTestId("rec-row");
  }
  get drawer() {
    return this.page.getByTestId("rec-drawer");
  }
  get history() {
    return this.drawer.getByTestId("rec-history-item");
  }

  async expectLoaded() {
    await expect(this.rows.first()).toBeVisible({ timeout: 20_000 });
  }

  async total(): Promise<number> {
    const text = (await this.page.locator("#rec-list-title").textContent()) ?? "";
    return Number(text.replace(/[^\d]/g, "").trim() || "0");
  }

  async filterByCategory(category: string) {
    await this.page.getByTestId("rec-filter-category").selectOption(category);
    await expect(this.page).toHaveURL(new RegExp(`category=${category}`));
    await expect(this.page.getByTestId("rec-list")).toHaveAttribute("aria-busy", "false");
  }

  /** Picks a provider from the filter's choices (the providers that have recommendations) and waits for the list. */
  async filterByProvider(provider: string) {
    await this.page.getByTestId("rec-filter-provider").selectOption(provider);
    await expect(this.page).toHaveURL(new RegExp(`provider=${provider}`));
    await expect(this.page.getByTestId("rec-list")).toHaveAttribute("aria-busy", "false");
  }

  /** Picks a resource tag ("team=ml") from the filter's choices and waits for the list. */
  async filterByTag(tag: string) {
    await this.page.getByTestId("rec-filter-tag").selectOption(tag);
    await expect(this.page).toHaveURL(new RegExp(`tag=${encodeURIComponent(tag)}`));
    await expect(this.page.getByTestId("rec-list")).toHaveAttribute("aria-busy", "false");
  }

  async filterByStatus(status: string) {
    await this.page.getByTestId(`rec-filter-status-${status}`).check();
    await expect(this.page).toHaveURL(new RegExp(`status=${status}`));
    await expect(this.page.getByTestId("rec-list")).toHaveAttribute("aria-busy", "false");
  }

  async open(row: Locator) {
    await row.getByTestId("rec-row-open").click();
    await expect(this.drawer).toBeVisible();
    await expect(this.drawer.getByTestId("rec-drawer-description")).toBeVisible();
  }

  async act(action: "review" | "implemented" | "reject" | "reopen", note?: string) {
    if (note) await this.drawer.getByTestId("rec-note").fill(note);
    await this.drawer.getByTestId(`rec-action-${action}`).click();
  }

  async closeDrawer() {
    await this.page.keyboard.press("Escape");
    await expect(this.drawer).toBeHidden();
  }

  /** Clicks Export CSV and returns the downloaded file's name and text. */
  async exportCsv(): Promise<{ fileName: string; text: string }> {
    const [download] = await Promise.all([this.page.waitForEvent("download"), this.page.getByTestId("rec-export").click()]);
    const path = await download.path();
    return { fileName: download.suggestedFilename(), text: await readFile(path, "utf8") };
  }
}
