import { SLOW_QUESTION } from "./llm-double";
import { expect, test } from "./fixtures";

// Agents answer from the demo dataset the server loads on first start. Turns take seconds on a small machine.
test.describe.configure({ timeout: 180_000 });

test("answers a spend question with steps, a chart, a $ headline and the SQL behind it", async ({ chat, page }) => {
  await chat.startThread("What did we spend last month by service?");

  // The steps indicator shows live, and stays available (folded) on the answer it produced.
  await expect(page.getByTestId("turn-steps").first()).toBeAttached({ timeout: 60_000 });
  const answer = await chat.waitForAnswer();
  await expect(answer.getByTestId("turn-steps-summary")).toContainText(/\d+ steps?/);

  await expect(answer.getByTestId("answer-chart").first()).toBeVisible();
  await expect(answer.locator("svg.recharts-surface").first()).toBeVisible();
  await expect(answer.getByTestId("answer-chart").first().locator('[role="img"]')).toHaveAttribute("aria-describedby", /.+/);

  // The headline figure is the first bold amount of the answer.
  const headline = (await answer.locator(".markdown strong").first().textContent()) ?? "";
  expect(headline).toMatch(/^\$[\d,]+(\.\d{2})?$/);

  const how = await chat.openHowComputed(answer);
  await expect(how.getByTestId("how-computed-query")).not.toBeEmpty();
  await expect(how.getByTestId("how-computed-sql").first()).toContainText("cost_daily_rollup");

  // "Show data" renders the chart as a table.
  await answer.getByTestId("chart-show-data").last().click();
  await expect(answer.getByTestId("chart-data")).toBeVisible();
  await page.screenshot({ path: "test-results/screenshots/answer-chart-light.png", fullPage: false });
  await page.emulateMedia({ colorScheme: "dark" });
  await page.screenshot({ path: "test-results/screenshots/answer-chart-dark.png", fullPage: false });
  await page.emulateMedia({ colorScheme: "light" });
});

test("a chart of two lines names each line, in its colour", async ({ chat }) => {
  await chat.startThread("What's our commitment coverage trend over the last 6 months?");
  const answer = await chat.waitForAnswer();
  const legend = answer.getByTestId("chart-series-legend");
  await expect(legend).toHaveText(/Coverage\s*Utilisation/);
  const colours = await legend.locator(".answer-chart__swatch").evaluateAll((els) => els.map((el) => getComputedStyle(el).backgroundColor));
  expect(colours).toHaveLength(2);
  expect(colours[0]).not.toBe(colours[1]);
  // Each line is drawn in its swatch's colour.
  const strokes = await answer.locator(".recharts-line-curve").evaluateAll((els) => els.map((el) => getComputedStyle(el).stroke));
  expect(strokes).toEqual(colours);
});

test("the top 5 accounts' trend draws each account's line in a colour of its own", async ({ chat }) => {
  await chat.startThread("Show me the top 5 accounts by spend and their trend");
  const answer = await chat.waitForAnswer();
  const chart = answer.locator(".answer-chart").filter({ hasText: "Cost by sub-account" });
  const swatches = await chart.locator(".answer-chart__swatch").evaluateAll((els) => els.map((el) => getComputedStyle(el).backgroundColor));
  expect(swatches).toHaveLength(5);
  expect(new Set(swatches).size).toBe(5);
  const strokes = await chart.locator(".recharts-line-curve").evaluateAll((els) => els.map((el) => getComputedStyle(el).stroke));
  expect(strokes).toEqual(swatches);
});

test("each new answer comes into view from its question, however tall the answers before it", async ({ chat }) => {
  await chat.startThread("What did we spend last month by service?");
  await chat.waitForAnswer();
  const followUps = ["Why did costs change this month compared to last month?", "Forecast our spend for the next 3 months"];
  for (const [i, question] of followUps.entries()) {
    await chat.send(question);
    await expect(chat.answers).toHaveCount(i + 2, { timeout: 60_000 });
    await expect(chat.userMessage(question)).toBeInViewport();
    await expect(chat.lastAnswer.locator(".markdown strong").first()).toBeInViewport();
  }
});

test("on a phone-width screen answer tables keep words whole and scroll sideways", async ({ chat, page }) => {
  await page.setViewportSize({ width: 420, height: 800 });
  await chat.startThread("How does last month compare to the month before?");
  const answer = await chat.waitForAnswer();
  const table = answer.locator(".md-table").first();
  const firstCell = table.locator("tbody td").first();
  // The answer's text can arrive before its table is laid out: measure the cell once it is shown.
  await expect(firstCell).toBeVisible();
  // Before, the label column was a few letters wide ("Amazo / n Elastic / Compu / te Cloud").
  expect((await firstCell.boundingBox())!.width).toBeGreaterThan(90);
  expect(await table.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
  // Only the conversation scrolls: following the answer never scrolls the page (and its header) away.
  await chat.send("And for Azure?");
  await chat.waitForAnswer();
  await expect(chat.userMessage("And for Azure?")).toBeInViewport();
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
});

test("Stop and Esc stop a running turn; the partial answer is kept and marked", async ({ chat, page }) => {
  // The fake model never answers this question (e2e/fake-llm.ts), so the turn runs until it is stopped.
  await chat.startThread(SLOW_QUESTION);
  await expect(chat.stopButton).toBeVisible();
  // Stop goes over the thread's WebSocket; without it this turn would never end (the model never answers).
  await chat.stopButton.click();
  const first = await chat.waitForAnswer();
  await expect(first).toHaveAttribute("data-answer-status", "cancelled");
  await expect(first.getByTestId("answer-partial")).toContainText("Stopped");

  await chat.send(SLOW_QUESTION);
  await expect(chat.stopButton).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(chat.answers).toHaveCount(2);
  const second = await chat.waitForAnswer();
  await expect(second).toHaveAttribute("data-answer-status", "cancelled");
  await expect(second.getByTestId("answer-partial")).toContainText("Stopped");
  await expect(chat.stopButton).toHaveCount(0);
});

test("regenerate replaces the answer; edit changes the last question", async ({ chat, page }) => {
  await chat.startThread("Any cost anomalies in the last 30 days?");
  const first = await chat.waitForAnswer();
  const firstId = await first.getAttribute("data-message-id");

  await chat.regenerate();
  await expect(page.locator(`[data-testid="message-assistant"][data-message-id="${firstId}"]`)).toHaveCount(0, { timeout: 60_000 });
  await chat.waitForAnswer();
  await expect(chat.answers).toHaveCount(1);
  await expect(page.getByTestId("system-notice")).toHaveCount(0);

  const regeneratedId = await chat.lastAnswer.getAttribute("data-message-id");
  await chat.editLastQuestion("What did we spend last month by service?");
  await expect(page.locator(`[data-testid="message-assistant"][data-message-id="${regeneratedId}"]`)).toHaveCount(0, { timeout: 60_000 });
  await expect(page.getByTestId("message-user")).toHaveCount(1);
  await expect(chat.userMessage("What did we spend last month by service?")).toHaveCount(1);
  await expect(chat.lastAnswer.locator(".markdown strong").first()).toHaveText(/^\$/, { timeout: 60_000 });
  await chat.waitForAnswer();
  await expect(chat.answers).toHaveCount(1);
});

test("a thumbs-down with a comment is saved and shown after a reload", async ({ chat, page }) => {
  const threadId = await chat.startThread("Which resources should we rightsize?");
  const answer = await chat.waitForAnswer();
  await chat.thumbsDown("The numbers look too low for our prod account");
  // Shown once the server has stored it (the feedback goes over the thread's WebSocket).
  await expect(answer.getByTestId("feedback-status")).toContainText("Feedback saved");
  await expect(answer.getByTestId("answer-feedback")).toHaveAttribute("data-rating", "down");
  await expect(answer.getByTestId("feedback-status")).toContainText("too low");

  await page.reload();
  await chat.openThread(threadId);
  const reloaded = chat.lastAnswer;
  await expect(reloaded.getByTestId("answer-feedback")).toHaveAttribute("data-rating", "down");
  await expect(reloaded.getByTestId("feedback-down")).toHaveAttribute("aria-pressed", "true");
  await expect(reloaded.getByTestId("feedback-status")).toContainText("too low");
});
