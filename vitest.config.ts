import { defineConfig } from "vitest/config";

// Every test runs on embedded PGlite; when TEST_DATABASE_URL is set the same suite runs again on PostgreSQL.
const shared = {
  include: ["server/**/*.test.ts", "components/**/*.test.ts", "app/**/*.test.ts"],
  testTimeout: 30_000,
  hookTimeout: 60_000,
};

export default defineConfig({
  test: {
    projects: [
      { test: { ...shared, name: "pglite", env: { TEST_DB_KIND: "pglite" } } },
      ...(process.env.TEST_DATABASE_URL
        ? [{ test: { ...shared, name: "postgres", env: { TEST_DB_KIND: "postgres" } } }]
        : []),
    ],
  },
});
