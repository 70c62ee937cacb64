import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config.ts";

describe("loadConfig", () => {
  it("defaults to the embedded database on port 3000 with an app URL derived from the port", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ PORT: 3000, DATA_DIR: "./.data", appUrl: "http://localhost:3000" });
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it("names each invalid variable and says what is wrong", () => {
    expect(() => loadConfig({ REDIS_URL: "localhost:6379" })).toThrow(ConfigError);
    const message = (() => {
      try {
        loadConfig({ DATABASE_URL: "mysql://x", PORT: "70000", AUTH_SECRET: "short" });
        return "did not throw";
      } catch (error) {
        return (error as Error).message;
      }
    })();
    expect(message).toContain("DATABASE_URL: must be a URL starting with postgres:// or postgresql://");
    expect(message).toContain("PORT:");
    expect(message).toContain("AUTH_SECRET: must be at least 32 characters");
  });

  it("normalises ADMIN_EMAILS and trims a trailing slash from APP_URL", () => {
    const config = loadConfig({ ADMIN_EMAILS: " A@x.com, b@y.com ,", APP_URL: "https://finops.example.com/" });
    expect(config.ADMIN_EMAILS).toEqual(["a@x.com", "b@y.com"]);
    expect(config.appUrl).toBe("https://finops.example.com");
  });

  it("lets the LLM summarise answers unless LLM_WRITE_ANSWERS=false, and rejects other values", () => {
    expect(loadConfig({}).LLM_WRITE_ANSWERS).toBe(true);
    expect(loadConfig({ LLM_WRITE_ANSWERS: "false" }).LLM_WRITE_ANSWERS).toBe(false);
    expect(() => loadConfig({ LLM_WRITE_ANSWERS: "no" })).toThrow("LLM_WRITE_ANSWERS:");
  });

  it("treats empty optional variables as unset", () => {
    const config = loadConfig({ DATABASE_URL: "", REDIS_URL: " " });
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.REDIS_URL).toBeUndefined();
  });
});
