import { z } from "zod";

// Every environment variable the product reads, validated once at start. A bad value stops the process with a
// message naming the variable and what is wrong (see README "Configuration").
const emptyToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const optionalUrl = (protocols: string[]) =>
  z.preprocess(
    emptyToUndefined,
    z
      .string()
      .refine((v) => {
        try {
          return protocols.includes(new URL(v).protocol);
        } catch {
          return false;
        }
      }, `must be a URL starting with ${protocols.map((p) => `${p}//`).join(" or ")}`)
      .optional(),
  );

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  APP_URL: optionalUrl(["http:", "https:"]),
  DATABASE_URL: optionalUrl(["postgres:", "postgresql:"]),
  DATA_DIR: z.string().default("./.data"),
  AUTH_SECRET: z.preprocess(emptyToUndefined, z.string().min(32, "must be at least 32 characters").optional()),
  ADMIN_EMAILS: z
    .string()
    .default("")
    .transform((v) =>
      v
        .split(",")
        .map((e) => e.trim().toLowerCase())
        .filter(Boolean),
    ),
  DEMO_USER_EMAIL: z.string().email().default("demo@finops.local"),
  DEMO_USER_PASSWORD: z.string().min(8, "must be at least 8 characters").default("demo-password"),
  SEED_DEMO_USER: z
    .enum(["auto", "true", "false"])
    .default("auto")
    .describe("auto: create the demo user on first start of the embedded database only"),
  DEMO_DATA: z
    .enum(["auto", "true", "false"])
    .default("auto")
    .describe("auto: load the demo cost dataset on first start of the embedded database when no cost data exists"),
  DEMO_ROWS: z.coerce.number().int().min(10_000, "must be at least 10000").max(50_000_000).optional(),
  REDIS_URL: optionalUrl(["redis:", "rediss:"]),
  QDRANT_URL: optionalUrl(["http:", "https:"]),
  QDRANT_API_KEY: z.preprocess(emptyToUndefined, z.string().optional()),
  NEO4J_URI: optionalUrl(["neo4j:", "neo4j+s:", "bolt:", "bolt+s:"]),
  NEO4J_USER: z.string().default("neo4j"),
  NEO4J_PASSWORD: z.string().optional(),
  LLM_BASE_URL: optionalUrl(["http:", "https:"]),
  LLM_API_KEY: z.string().optional(),
  LLM_MODEL: z.string().optional(),
  LLM_WRITE_ANSWERS: z
    .enum(["true", "false"])
    .default("true")
    .transform((v) => v === "true")
    .describe("false: the LLM only classifies questions the local model is unsure about; computed answers are never sent to it"),
});

export type AppConfig = z.infer<typeof envSchema> & { appUrl: string };

export class ConfigError extends Error {}

export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const config = parsed.data;
  const appUrl = (config.APP_URL ?? `http://localhost:${config.PORT}`).replace(/\/$/, "");
  return { ...config, appUrl };
}
