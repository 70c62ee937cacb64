import path from "node:path";
import { expect, test } from "@playwright/test";
import { AdminAgentsPage } from "./pages/admin-agents-page";
import { AdminDataPage } from "./pages/admin-data-page";
import { AdminRecommendationsPage } from "./pages/admin-recommendations-page";
import { signInAsDemoAdmin } from "./pages/admin-session";

const fixture = (name: string) => path.resolve("server/finops/ingest/fixtures", name);

// The server starts on a fresh DATA_DIR with the demo dataset and its recommendations; the demo user is the admin.
test.beforeEach(async ({ page }) => {
  await signInAsDemoAdmin(page);
});

test("shows the demo-data banner with a link to the Data page, dismissible for the session", async ({ page }) => {
  const banner = page.getByTestId("demo-banner");
  await expect(banner).toContainText("You’re exploring demo data");
  await banner.getByTestId("demo-banner-link").click();
  await expect(page).toHaveURL(/\/admin\/data$/);
  await expect(page.getByTestId("data-demo-notice")).toBeVisible();
  await page.getByTestId("demo-banner-dismiss").click();
  await expect(page.getByTestId("demo-banner")).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId("data-page")).toBeVisible();
  await expect(page.getByTestId("demo-banner")).toHaveCount(0);
});

test("links the admin sections from the user menu and the admin tabs", async ({ page }) => {
  await page.getByTestId("user-menu-button").click();
  await page.getByTestId("user-menu-recommendations").click();
  await expect(page).toHaveURL(/\/admin\/recommendations$/);
  await expect(page.getByTestId("admin-nav-recommendations")).toHaveAttribute("aria-current", "page");
  await page.getByTestId("admin-nav-agents").click();
  await expect(page.getByTestId("agents-page")).toBeVisible();
});

test("lists recommendations with a savings summary and narrows them by category", async ({ page }) => {
  const recs = new AdminRecommendationsPage(page);
  await recs.goto();
  await recs.expectLoaded();
  await expect(recs.summaryTotal).toContainText("$");
  // A demo resource with two open recommendations (an idle instance is also an anomaly's cause) counts once in the
  // total: it is less than the categories' savings added up.
  await expect(recs.summaryNote).toContainText(/Each resource counts once: \d+ resources? ha(s|ve) more than one recommendation/);
  const largest = (text: string) => Math.max(...(text.match(/\d[\d,]*/g) ?? ["0"]).map((n) => Number(n.replace(/,/g, ""))));
  const categories = await page.getByTestId("rec-summary-category").locator(".rec-categories__value").allInnerTexts();
  expect(largest(await recs.summaryTotal.innerText())).toBeLessThan(categories.reduce((sum, value) => sum + largest(value), 0));
  const before = await recs.total();
  expect(before).toBeGreaterThan(1);

  const category = await page.getByTestId("rec-summary-category").first().getAttribute("data-category");
  expect(category).toBeTruthy();
  await recs.filterByCategory(category!);
  await expect(recs.rows.first()).toBeVisible();
  const after = await recs.total();
  expect(after).toBeGreaterThan(0);
  expect(after).toBeLessThan(before);
  for (const c of await recs.rows.evaluateAll((rows) => rows.map((r) => r.getAttribute("data-category")))) expect(c).toBe(category);

  // The filter lives in the URL: a reload keeps it.
  await page.reload();
  await expect(page.getByTestId("rec-filter-category")).toHaveValue(category!);
});

test("narrows recommendations by a provider chosen from the providers that have some", async ({ page }) => {
  const recs = new AdminRecommendationsPage(page);
  await recs.goto();
  await recs.expectLoaded();
  const providers = await page.getByTestId("rec-filter-provider").locator("option").evaluateAll((options) =>
    options.map((o) => (o as HTMLOptionElement).value).filter(Boolean),
  );
  expect(providers.length).toBeGreaterThan(1); // the demo spans AWS, Azure and GCP
  await recs.filterByProvider(providers[0]!);
  await expect(recs.rows.first()).toBeVisible();
  for (const p of await recs.rows.evaluateAll((rows) => rows.map((r) => r.getAttribute("data-provider")))) expect(p).toBe(providers[0]);
});

test("narrows recommendations to a team's resources, chosen from the tags their resources carry", async ({ page }) => {
  const recs = new AdminRecommendationsPage(page);
  await recs.goto();
  await recs.expectLoaded();
  const before = await recs.total();
  const teams = await page.getByTestId("rec-filter-tag").locator('optgroup[label="team"] option').evaluateAll((options) =>
    options.map((o) => (o as HTMLOptionElement).value),
  );
  expect(teams.length).toBeGreaterThan(1); // the demo's resources belong to several teams
  await recs.filterByTag(teams[0]!);
  await expect(recs.rows.first()).toBeVisible();
  const after = await recs.total();
  expect(after).toBeGreaterThan(0);
  expect(after).toBeLessThan(before);
  // Each one is about a resource of that team: its drawer lists the resource with the tag.
  await recs.open(recs.rows.first());
  await expect(recs.drawer).toContainText(teams[0]!.split("=")[1]!);
  await recs.closeDrawer();
  // The filter lives in the URL: a reload keeps it.
  await page.reload();
  await expect(page.getByTestId("rec-filter-tag")).toHaveValue(teams[0]!);
  // The list loads after the page: wait for its count rather than read it while it is still loading.
  await expect.poll(() => recs.total()).toBe(after);
});

test("opens a recommendation's evidence SQL in the drawer, also from a ?id= link", async ({ page }) => {
  const recs = new AdminRecommendationsPage(page);
  await recs.goto();
  await recs.expectLoaded();
  const first = recs.rows.first();
  const id = await first.getAttribute("data-id");
  await recs.open(first);
  await expect(page).toHaveURL(new RegExp(`id=${id}`));
  await expect(recs.drawer.getByTestId("rec-evidence-sql").first()).toContainText(/select/i);
  await recs.closeDrawer();
  await expect(page).not.toHaveURL(/id=/);

  await recs.goto(`?id=${id}`);
  await expect(recs.drawer).toBeVisible();
  await expect(recs.drawer.getByTestId("rec-evidence-sql").first()).toBeVisible();

  // A commitment's evidence holds money figures and nested objects: shown as amounts and named pairs, not JSON.
  await recs.goto("?category=commitment");
  await recs.open(recs.rows.filter({ hasText: /Commit [\d.]+ \w+\/hour/ }).first());
  const figures = recs.drawer.getByTestId("rec-evidence-figures");
  await expect(figures).toContainText(/Annual commitment\s*[\d,]+\.\d\d/);
  await expect(figures).not.toContainText("{");
});

test("moves a recommendation to review and then implemented, recording both in its history", async ({ page }) => {
  const recs = new AdminRecommendationsPage(page);
  await recs.goto("?status=active");
  await recs.expectLoaded();
  const row = recs.rows.first();
  const id = await row.getAttribute("data-id");
  await recs.open(row);

  await recs.act("review", "Checking with the platform team");
  await expect(recs.history.filter({ hasText: "Under review" })).toHaveCount(1);
  await expect(recs.drawer.getByTestId("rec-status")).toHaveAttribute("data-status", "under_review");
  await recs.act("implemented");
  await expect(recs.drawer.getByTestId("rec-status")).toHaveAttribute("data-status", "implemented");
  await expect(recs.history).toHaveCount(2);
  await expect(recs.history.first()).toHaveAttribute("data-to-status", "implemented");
  await expect(recs.history.last()).toHaveAttribute("data-to-status", "under_review");
  await expect(recs.history.last()).toContainText("Checking with the platform team");
  await expect(recs.history.last()).toContainText("demo@finops.local");
  await recs.closeDrawer();
  // It left the active list.
  await expect(page.locator(`[data-testid="rec-row"][data-id="${id}"]`)).toHaveCount(0);
});

test("refuses a bulk transition the workflow forbids and shows the server's reason", async ({ page }) => {
  const recs = new AdminRecommendationsPage(page);
  await recs.goto("?status=active");
  await recs.expectLoaded();
  await recs.rows.first().getByTestId("rec-row-select").check();
  await expect(page.getByTestId("rec-selected-count")).toHaveText("1 selected");
  await page.getByTestId("rec-bulk-implemented").click();
  await expect(page.getByTestId("rec-bulk-error")).toContainText("cannot move to implemented");
});

test("exports the recommendations as a CSV file with a header row", async ({ page }) => {
  const recs = new AdminRecommendationsPage(page);
  await recs.goto();
  await recs.expectLoaded();
  const { fileName, text } = await recs.exportCsv();
  expect(fileName).toMatch(/^recommendations-.*\.csv$/);
  const [header, firstRow] = text.split(/\r?\n/);
  expect(header).toContain("id,title,category,status");
  expect(firstRow).toBeTruthy();
});

test("uploads a FOCUS file with live progress, reports it imported, lists it and deletes it", async ({ page }) => {
  const data = new AdminDataPage(page);
  await data.goto();
  // A nine-row file imports in a blink; hold the upload briefly so the progress is observable.
  await page.route("**/api/trpc/ingest.upload**", async (route) => {
    await new Promise((r) => setTimeout(r, 1000));
    await route.continue();
  });
  await data.upload(fixture("focus-1.2.csv"));
  await expect(data.progress).toBeVisible();
  await expect(data.report).toHaveAttribute("data-status", "imported", { timeout: 30_000 });
  await expect(data.progress).toHaveCount(0);
  await expect(data.report.getByTestId("ingest-report-imported")).not.toHaveText("0");
  await expect(data.source("focus-1.2.csv")).toBeVisible();
  await expect(data.source("focus-1.2.csv")).toHaveAttribute("data-demo", "false");
  // A small file's totals keep their cents in the list, as in the report (not "$0").
  const billed = await data.report.getByTestId("ingest-report-billed").innerText();
  expect(billed).toMatch(/^\$\d{1,3}\.\d\d$/);
  await expect(data.source("focus-1.2.csv")).toContainText(billed);

  await data.deleteSource("focus-1.2.csv");
  await expect(data.source("focus-1.2.csv")).toHaveCount(0);
});

test("rejects a file with a malformed decimal and names the line and column", async ({ page }) => {
  const data = new AdminDataPage(page);
  await data.goto();
  await data.upload(fixture("bad-decimal.csv"));
  await expect(data.report).toHaveAttribute("data-status", "rejected", { timeout: 30_000 });
  const issue = data.issues.first();
  await expect(issue).toHaveAttribute("data-line", "3");
  await expect(issue).toHaveAttribute("data-column", "BilledCost");
  await expect(issue).toContainText("1.2.3");
  await expect(data.report.getByTestId("ingest-report-message")).toContainText("1 invalid value; nothing imported");
  await expect(data.report.getByTestId("ingest-report-hint")).toContainText("Skip invalid rows");
  await expect(data.source("bad-decimal.csv")).toHaveCount(0);
});

test("shows agent performance once a question has been asked", async ({ page }) => {
  test.setTimeout(120_000);
  await page.getByTestId("composer-input").fill("What were my top 5 services by cost last month?");
  await page.getByTestId("composer-input").press("Enter");
  await page.waitForURL(/\/t\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("message-assistant").or(page.getByTestId("system-notice")).first()).toBeVisible({ timeout: 60_000 });

  const agents = new AdminAgentsPage(page);
  await expect(async () => {
    await agents.goto();
    await expect(agents.performanceRows.first()).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 30_000 });
  await expect(page.getByTestId("agents-intents")).toBeVisible();
  await expect(page.getByTestId("agents-failures")).toBeVisible();
});

test("captures the admin pages for visual review", async ({ page }) => {
  // The shell scrolls its main area, not the window: a tall viewport shows whole pages.
  const shot = async (testId: string, name: string) => {
    await page.setViewportSize({ width: 1280, height: 2000 });
    await page.getByTestId(testId).screenshot({ path: `test-results/screenshots/${name}.png` });
    await page.setViewportSize({ width: 1280, height: 800 });
  };
  const recs = new AdminRecommendationsPage(page);
  await recs.goto();
  await recs.expectLoaded();
  await shot("recommendations-page", "admin-recommendations-light");
  await page.screenshot({ path: "test-results/screenshots/admin-recommendations-top-light.png" });
  await recs.open(recs.rows.first());
  await page.screenshot({ path: "test-results/screenshots/admin-recommendation-drawer-light.png" });
  await recs.drawer.getByTestId("rec-evidence-sql").first().scrollIntoViewIfNeeded();
  await page.screenshot({ path: "test-results/screenshots/admin-recommendation-drawer-evidence-light.png" });
  await page.emulateMedia({ colorScheme: "dark" });
  await page.screenshot({ path: "test-results/screenshots/admin-recommendation-drawer-dark.png" });
  await recs.closeDrawer();
  await shot("recommendations-page", "admin-recommendations-dark");
  await page.emulateMedia({ colorScheme: "light" });
  await page.setViewportSize({ width: 420, height: 800 });
  await page.screenshot({ path: "test-results/screenshots/admin-recommendations-narrow.png" });
  await page.setViewportSize({ width: 1280, height: 800 });

  const data = new AdminDataPage(page);
  await data.goto();
  await data.upload(fixture("bad-decimal.csv"));
  await expect(data.report).toBeVisible({ timeout: 30_000 });
  await shot("data-page", "admin-data-light");
  await page.emulateMedia({ colorScheme: "dark" });
  await shot("data-page", "admin-data-dark");
  await page.emulateMedia({ colorScheme: "light" });

  await new AdminAgentsPage(page).goto();
  await expect(page.getByTestId("agents-performance")).not.toContainText("Loading");
  await shot("agents-page", "admin-agents-light");
  await page.emulateMedia({ colorScheme: "dark" });
  await shot("agents-page", "admin-agents-dark");
});
