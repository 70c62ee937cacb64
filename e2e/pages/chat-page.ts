import { expect, type Locator, type Page } from "@playwright/test";

/** The chat screen: composer and messages on the right, the thread sidebar on the left. */
export class ChatPage {
  constructor(readonly page: Page) {}

  async expectReady() {
    await expect(this.page.getByTestId("composer-input")).toBeVisible();
  }

  // Composer and messages
  get composer() {
    return this.page.getByTestId("composer-input");
  }
  get messages() {
    return this.page.getByTestId("message-list");
  }
  userMessage(text: string): Locator {
    return this.page.getByTestId("message-user").filter({ hasText: text });
  }
  get notices() {
    return this.page.getByTestId("system-notice");
  }

  // Answers
  get answers() {
    return this.page.getByTestId("message-assistant");
  }
  get lastAnswer() {
    return this.answers.last();
  }
  get turnProgress() {
    return this.page.getByTestId("turn-progress");
  }
  get liveSteps() {
    return this.turnProgress.getByTestId("turn-steps");
  }
  get stopButton() {
    return this.page.getByTestId("turn-stop");
  }

  /** Waits until no turn is running and an answer is shown; returns the last answer. */
  async waitForAnswer(options: { timeout?: number } = {}): Promise<Locator> {
    await expect(this.answers.last()).toBeVisible({ timeout: options.timeout ?? 60_000 });
    await expect(this.turnProgress).toHaveCount(0, { timeout: options.timeout ?? 60_000 });
    return this.lastAnswer;
  }

  async openHowComputed(answer: Locator = this.lastAnswer): Promise<Locator> {
    const details = answer.getByTestId("how-computed");
    await details.locator("summary").click();
    await expect(details).toHaveAttribute("open", "");
    return details;
  }

  async regenerate() {
    await this.lastAnswer.getByTestId("answer-regenerate").click();
  }

  async editLastQuestion(text: string) {
    await this.page.getByTestId("message-user").last().getByTestId("message-edit").click();
    const input = this.page.getByTestId("message-edit-input");
    await input.fill(text);
    await input.press("Enter");
  }

  async thumbsDown(comment: string, answer: Locator = this.lastAnswer) {
    await answer.getByTestId("feedback-down").click();
    await answer.getByTestId("feedback-comment").fill(comment);
    await answer.getByTestId("feedback-submit").click();
  }

  async send(text: string) {
    await this.composer.fill(text);
    await this.composer.press("Enter");
  }

  /** Sends the first message of a new conversation and waits for its page. */
  async startThread(text: string): Promise<string> {
    await this.send(text);
    await this.page.waitForURL(/\/t\/[0-9a-f-]{36}$/);
    return this.currentThreadId();
  }

  currentThreadId(): string {
    const match = new URL(this.page.url()).pathname.match(/^\/t\/([0-9a-f-]{36})$/);
    if (!match) throw new Error(`not on a thread page: ${this.page.url()}`);
    return match[1]!;
  }

  async openThread(threadId: string) {
    await this.page.goto(`/t/${threadId}`);
    await expect(this.page.getByTestId("thread-view")).toBeVisible();
    await expect(this.page.getByTestId("thread-loading")).toHaveCount(0);
  }

  // Sidebar
  get sidebar() {
    return this.page.getByTestId("thread-sidebar");
  }
  historyItem(threadId: string): Locator {
    return this.page.getByTestId("thread-history").locator(`[data-testid="thread-item"][data-thread-id="${threadId}"]`);
  }
  archivedItem(threadId: string): Locator {
    return this.page.getByTestId("archived-list").locator(`[data-testid="archived-item"][data-thread-id="${threadId}"]`);
  }
  searchResult(threadId: string): Locator {
    return this.page.locator(`[data-testid="search-result"][data-thread-id="${threadId}"]`);
  }

  async rename(threadId: string, title: string) {
    const item = this.historyItem(threadId);
    await item.hover();
    await item.getByTestId("thread-rename").click();
    const input = this.page.getByTestId("thread-rename-input");
    await input.fill(title);
    await input.press("Enter");
    await expect(input).toHaveCount(0);
  }

  async search(text: string) {
    await this.page.keyboard.press("ControlOrMeta+k");
    await expect(this.page.getByTestId("thread-search")).toBeFocused();
    await this.page.keyboard.type(text);
  }

  async clearSearch() {
    await this.page.getByTestId("thread-search").press("Escape");
    await expect(this.page.getByTestId("thread-search")).toHaveValue("");
  }

  async archive(threadId: string) {
    const item = this.historyItem(threadId);
    await item.hover();
    await item.getByTestId("thread-archive").click();
    const dialog = this.page.getByTestId("archive-dialog");
    await expect(dialog).toBeVisible();
    await dialog.getByTestId("archive-dialog-confirm").click();
    await expect(dialog).toBeHidden();
  }

  async showArchived() {
    await this.page.getByTestId("view-archived").click();
  }

  async showHistory() {
    await this.page.getByTestId("view-history").click();
  }

  async restore(threadId: string) {
    await this.archivedItem(threadId).getByTestId("thread-restore").click();
  }
}
