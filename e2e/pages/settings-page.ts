import { expect, type Page } from "@playwright/test";

export class SettingsPage {
  constructor(readonly page: Page) {}

  async goto() {
    await this.page.goto("/settings");
    await expect(this.page.getByTestId("settings-page")).toBeVisible();
  }

  /** Creates a token and returns its plaintext, read from the one-time reveal. */
  async createToken(name: string): Promise<string> {
    await this.page.getByTestId("token-name-input").fill(name);
    await this.page.getByTestId("token-create").click();
    const value = this.page.getByTestId("token-value");
    await expect(value).toBeVisible();
    const token = (await value.textContent())?.trim() ?? "";
    expect(token).toMatch(/^fin_/);
    return token;
  }

  row(name: string) {
    return this.page.getByTestId("token-row").filter({ hasText: name });
  }

  async revoke(name: string) {
    await this.row(name).getByTestId("token-revoke").click();
    const dialog = this.page.getByTestId("revoke-dialog");
    await expect(dialog).toBeVisible();
    await dialog.getByTestId("revoke-dialog-confirm").click();
    await expect(dialog).toBeHidden();
    await expect(this.row(name).getByTestId("token-status")).toHaveText("Revoked");
  }
}
