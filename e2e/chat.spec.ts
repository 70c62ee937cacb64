import { expect, newUser, test } from "./fixtures";
import { ChatPage } from "./pages/chat-page";
import { SignUpPage } from "./pages/sign-up-page";

test("signing up with an email that already has an account says so", async ({ page }) => {
  const user = newUser();
  const signUp = new SignUpPage(page);
  await signUp.goto();
  await signUp.signUp(user);
  await page.getByTestId("user-menu-button").click();
  await page.getByTestId("user-menu-sign-out").click();
  await page.waitForURL(/\/sign-in/);

  await signUp.goto();
  await signUp.fill(user);
  await page.getByTestId("sign-up-submit").click();
  await expect(signUp.error).toContainText("already exists");
});

test("the first message starts a thread that appears in history and gets an answer", async ({ chat, page }) => {
  await expect(page.getByTestId("chat-empty-state")).toContainText("Ask your first question about your cloud bill");
  await expect(page.getByTestId("history-empty")).toBeVisible();

  await page.getByTestId("example-question-0").click();
  await expect(chat.composer).toHaveValue("What did we spend last month by service?");
  await chat.composer.fill("");

  const threadId = await chat.startThread("Which accounts drove the compute spike in March?");
  await expect(chat.userMessage("compute spike in March")).toHaveCount(1);
  const answer = await chat.waitForAnswer();
  await expect(answer.getByTestId("answer")).toBeVisible();
  await expect(chat.notices).toHaveCount(0);
  await expect(chat.historyItem(threadId)).toContainText("Which accounts drove the compute spike in March?");
  await expect(page.getByTestId("connection-status")).toHaveAttribute("data-status", "connected");
});

test("a second tab on the same thread shows a message sent from the first tab live", async ({ chat, page, context }) => {
  const threadId = await chat.startThread("Baseline question about storage");
  await chat.waitForAnswer();

  const second = new ChatPage(await context.newPage());
  await second.openThread(threadId);
  await expect(second.userMessage("Baseline question about storage")).toHaveCount(1);
  await expect(second.page.getByTestId("connection-status")).toHaveAttribute("data-status", "connected");

  await page.bringToFront();
  await expect(page.getByTestId("connection-status")).toHaveAttribute("data-status", "connected");
  // With the thread's socket open, the question goes over it rather than as an HTTP request.
  const httpSends: string[] = [];
  page.on("request", (request) => {
    if (new URL(request.url()).pathname.includes("message.send")) httpSends.push(request.url());
  });
  await chat.send("Follow-up from the first tab about egress");
  await expect(chat.userMessage("Follow-up from the first tab about egress")).toHaveCount(1);

  await expect(second.userMessage("Follow-up from the first tab about egress")).toHaveCount(1);
  await expect(second.answers).toHaveCount(2, { timeout: 60_000 });
  // Exactly once in the first tab too: the optimistic copy and the live event are the same message.
  await expect(chat.userMessage("Follow-up from the first tab about egress")).toHaveCount(1);
  await expect(chat.page.getByTestId("message-user").last()).toHaveAttribute("data-status", "sent");
  expect(httpSends).toEqual([]);
});

test("rename, search, archive and restore a thread", async ({ chat, page }) => {
  const threadId = await chat.startThread("How much did the kubernetes clusters cost in Frankfurt?");
  await expect(chat.historyItem(threadId)).toBeVisible();

  await chat.rename(threadId, "Frankfurt k8s costs");
  await expect(chat.historyItem(threadId).getByTestId("thread-title")).toHaveText("Frankfurt k8s costs");
  await expect(page.getByTestId("thread-heading")).toHaveText("Frankfurt k8s costs");

  await chat.search("kubernetes");
  await expect(chat.searchResult(threadId)).toContainText("Frankfurt k8s costs");
  // The answer names the Kubernetes services, so the snippet may mark the word more than once.
  await expect(chat.searchResult(threadId).getByTestId("search-result-snippet").locator("mark").first()).toContainText(/kubernetes/i);
  await chat.clearSearch();
  await chat.search("zzqxnomatch");
  await expect(page.getByTestId("search-empty")).toBeVisible();
  await chat.clearSearch();

  await chat.archive(threadId);
  await expect(chat.historyItem(threadId)).toHaveCount(0);
  await expect(page).toHaveURL(/\/$/);

  await chat.showArchived();
  await expect(chat.archivedItem(threadId)).toContainText("Frankfurt k8s costs");
  await chat.restore(threadId);
  await expect(page.getByTestId("archive-empty")).toBeVisible();

  await chat.showHistory();
  await expect(chat.historyItem(threadId)).toBeVisible();
});
