import { expect, type Page } from "@playwright/test";

/** The demo user the server seeds first (SEED_DEMO_USER=true in playwright.config.ts); it is the admin. */
export const DEMO_ADMIN = { email: "demo@finops.local", password: "demo-password" } as const;

export async function signInAsDemoAdmin(page: Page) {
  await page.goto("/sign-in");
  await page.getByTestId("sign-in-email").fill(DEMO_ADMIN.email);
  await page.getByTestId("sign-in-password").fill(DEMO_ADMIN.password);
  await page.getByTestId("sign-in-submit").click();
  await page.waitForURL((url) => url.pathname === "/");
  await expect(page.getByTestId("user-menu-button")).toBeVisible();
}
