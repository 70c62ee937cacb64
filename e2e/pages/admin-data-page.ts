import { expect, type Page } from "@playwright/test";

/** /admin/data: the upload form, its progress and report, and the imported sources. */
export class AdminDataPage {
  constructor(readonly page: Page) {}

  async goto() {
    await this.page.goto("/admin/data");
    await expect(this.page.getByTestId("data-page")).toBeVisible();
  }

  get progress() {
    return this.page.getByTestId("upload-progress");
  }
  get report() {
    return this.page.getByTestId("ingest-report");
  }
  get issues() {
    return this.page.getByTestId("ingest-issue");
  }
  source(fileName: string) {
    return this.page.locator(`[data-testid="data-source-row"][data-file-name="${fileName}"]`);
  }

  async upload(filePath: string, { skipInvalid = false } = {}) {
    await this.page.getByTestId("upload-file-input").setInputFiles(filePath);
    if (skipInvalid) await this.page.getByTestId("upload-skip-invalid").check();
    await this.page.getByTestId("upload-submit").click();
  }

  async deleteSource(fileName: string) {
    await this.source(fileName).getByTestId("data-source-delete").click();
    const dialog = this.page.getByTestId("delete-source-dialog");
    await expect(dialog).toBeVisible();
    await dialog.getByTestId("delete-source-dialog-confirm").click();
    await expect(dialog).toBeHidden({ timeout: 30_000 });
  }
}
