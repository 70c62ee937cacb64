import { expect, type Page } from "@playwright/test";

/** /admin/agents: performance per agent, intents, low-confidence questions, recent failures. */
export class AdminAgentsPage {
  constructor(readonly page: Page) {}

  async goto() {
    await this.page.goto("/admin/agents");
    await expect(this.page.getByTestId("agents-page")).toBeVisible();
  }

  get performanceRows() {
    return this.page.getByTestId("agents-performance-row");
  }
}
