import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * The secret that signs and encrypts session JWTs: AUTH_SECRET when set; otherwise one generated on first start and
 * kept in the data directory (mode 0600), so sessions survive restarts of a single self-hosted instance.
 * Several instances behind a load balancer must share AUTH_SECRET.
 */
export function resolveAuthSecret(config: { AUTH_SECRET?: string; DATA_DIR: string }): { secret: string; generated: boolean } {
  if (config.AUTH_SECRET) return { secret: config.AUTH_SECRET, generated: false };
  const file = path.join(config.DATA_DIR, "auth-secret");
  if (existsSync(file)) return { secret: readFileSync(file, "utf8").trim(), generated: false };
  mkdirSync(config.DATA_DIR, { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, secret, { mode: 0o600 });
  return { secret, generated: true };
}
