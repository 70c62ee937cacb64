import { existsSync } from "node:fs";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3100);
const llmPort = Number(process.env.E2E_LLM_PORT ?? 3199);
const baseURL = `http://127.0.0.1:${port}`;
// Fresh database per run. Set once in the runner process (workers and the teardown inherit it).
process.env.E2E_DATA_DIR ??= path.resolve(".data", `e2e-${Date.now()}`);

const chromiumPath = [process.env.CHROMIUM_PATH, "/usr/bin/chromium"].find((p): p is string => !!p && existsSync(p));

export default defineConfig({
  testDir: "e2e",
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["html", { open: "never" }]],
  globalTeardown: "./e2e/global-teardown.ts",
  use: {
    baseURL,
    colorScheme: "light",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: chromiumPath
      ? {
          executablePath: chromiumPath,
          args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
          ],
        }
      : {},
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], viewport: { width: 1280, height: 800 } } }],
  webServer: [
    {
      // The fake language model (e2e/fake-llm.ts): it never answers the Stop tests' question and fails every other.
      command: "npx tsx e2e/fake-llm.ts",
      url: `http://127.0.0.1:${llmPort}/health`,
      reuseExistingServer: false,
      env: { E2E_LLM_PORT: String(llmPort) },
    },
    {
      command: "npm start",
      url: `${baseURL}/api/health`,
      reuseExistingServer: false,
      // The first start builds the web app and loads the demo dataset, which is slow on small machines.
      timeout: 600_000,
      stdout: "pipe",
      stderr: "pipe",
      env: {
        PORT: String(port),
        HOST: "127.0.0.1",
        DATA_DIR: process.env.E2E_DATA_DIR,
        APP_URL: baseURL,
        SEED_DEMO_USER: "true",
        // A smaller demo dataset than the default: the same 12 months and scenarios, loaded faster.
        DEMO_ROWS: "40000",
        NEXT_TELEMETRY_DISABLED: "1",
        // A model that classifies only (answers are never sent to it), so a turn can be held open to test Stop.
        LLM_BASE_URL: `http://127.0.0.1:${llmPort}/v1`,
        LLM_MODEL: "fake-e2e",
        LLM_WRITE_ANSWERS: "false",
      },
    },
  ],
});
