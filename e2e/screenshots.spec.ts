import { expect, test } from "./fixtures";

// Not assertions on pixels: screenshots for a person to review the look (written to test-results/screenshots/).
test("captures the chat page in light and dark mode for visual review", async ({ chat, page }) => {
  await page.screenshot({ path: "test-results/screenshots/new-chat-light.png" });
  await chat.startThread("What did we spend last month by service?");
  await expect(chat.answers.first()).toBeVisible({ timeout: 60_000 });
  await chat.send("And how does that compare to the month before?");
  await expect(chat.answers).toHaveCount(2, { timeout: 60_000 });
  await page.screenshot({ path: "test-results/screenshots/thread-light.png" });
  await page.emulateMedia({ colorScheme: "dark" });
  await page.screenshot({ path: "test-results/screenshots/thread-dark.png" });
  await page.emulateMedia({ colorScheme: "light" });
  await page.setViewportSize({ width: 420, height: 800 });
  await page.screenshot({ path: "test-results/screenshots/thread-narrow.png" });
  await page.goto("/settings");
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.screenshot({ path: "test-results/screenshots/settings-light.png", fullPage: true });
  await page.goto("/admin");
  await expect(page.getByTestId("admin-forbidden")).toBeVisible();
});
