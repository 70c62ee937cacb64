import { expect, type Page } from "@playwright/test";

export class SignUpPage {
  constructor(readonly page: Page) {}

  async goto() {
    await this.page.goto("/sign-up");
    await expect(this.page.getByTestId("sign-up-form")).toBeVisible();
  }

  async fill(user: { email: string; password: string; name?: string }) {
    if (user.name) await this.page.getByTestId("sign-up-name").fill(user.name);
    await this.page.getByTestId("sign-up-email").fill(user.email);
    await this.page.getByTestId("sign-up-password").fill(user.password);
  }

  async signUp(user: { email: string; password: string; name?: string }) {
    await this.fill(user);
    await this.page.getByTestId("sign-up-submit").click();
    await this.page.waitForURL((url) => url.pathname === "/");
  }

  get error() {
    return this.page.getByTestId("sign-up-error");
  }
}
