import { Redis } from "ioredis";
import type { HealthProbe } from "../health.ts";

/** A Redis connection for the features that use it when REDIS_URL is set (event fan-out, cache, queues). */
export function createRedis(url: string): Redis {
  return new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 2, enableOfflineQueue: true });
}

/** Health probe: Redis answers PING. Required when configured, since cross-instance fan-out depends on it. */
export function redisProbe(redis: Redis): HealthProbe {
  return {
    name: "redis",
    required: true,
    async check() {
      if (redis.status === "wait") await redis.connect();
      const pong = await redis.ping();
      if (pong !== "PONG") throw new Error(`unexpected PING answer: ${pong}`);
      return redis.options.host ? `${redis.options.host}:${redis.options.port}` : undefined;
    },
  };
}
