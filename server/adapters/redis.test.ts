import { afterEach, describe, expect, it } from "vitest";
import { checkHealth } from "../health.ts";
import { createRedis, redisProbe } from "./redis.ts";

const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const opened: Array<ReturnType<typeof createRedis>> = [];
afterEach(() => opened.splice(0).forEach((r) => r.disconnect()));

describe("redis health probe", () => {
  it("reports a running Redis as up", async () => {
    const redis = createRedis(REDIS_URL);
    opened.push(redis);
    const health = await checkHealth([redisProbe(redis)]);
    expect(health).toMatchObject({ status: "ok", backends: [{ name: "redis", status: "up" }] });
  });

  it("reports an unreachable Redis as down, which makes the whole check unavailable", async () => {
    const redis = createRedis("redis://127.0.0.1:1");
    redis.on("error", () => undefined);
    opened.push(redis);
    const health = await checkHealth([redisProbe(redis)], 1500);
    expect(health.status).toBe("unavailable");
    expect(health.backends[0]).toMatchObject({ name: "redis", status: "down", detail: expect.any(String) });
  });
});
