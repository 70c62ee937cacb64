import { createHash, randomBytes } from "node:crypto";
import type { Database } from "../adapters/db/database.ts";
import { AppError } from "../errors.ts";
import type { SessionUser } from "./users.ts";

const TOKEN_PREFIX = "fin_";
const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** Creates a personal API token. The token is returned once; only its SHA-256 is stored. */
export async function createApiToken(db: Database, input: { userId: string; name: string }) {
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  const row = await db.prisma.apiToken.create({
    data: { userId: input.userId, name: input.name, tokenHash: hashToken(token), tokenPrefix: token.slice(0, 12) },
    select: { id: true, name: true, tokenPrefix: true, createdAt: true },
  });
  return { ...row, token };
}

export function listApiTokens(db: Database, userId: string) {
  return db.prisma.apiToken.findMany({
    where: { userId },
    orderBy: { createdAt: "desc" },
    select: { id: true, name: true, tokenPrefix: true, createdAt: true, lastUsedAt: true, revokedAt: true },
  });
}

export async function revokeApiToken(db: Database, input: { userId: string; tokenId: string }) {
  const result = await db.prisma.apiToken.updateMany({
    where: { id: input.tokenId, userId: input.userId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (result.count === 0) {
    const exists = await db.prisma.apiToken.findFirst({ where: { id: input.tokenId, userId: input.userId } });
    if (!exists) throw new AppError("not_found:api_token");
  }
  return { id: input.tokenId, revoked: true };
}

// last_used_at is informational: writing it at most once a minute keeps token-authenticated reads from writing.
const LAST_USED_RESOLUTION_MS = 60_000;

const ownerSelect = { select: { id: true, email: true, name: true, role: true } } as const;

/** A valid, unrevoked token's id and owner, or null. */
export async function authenticateApiToken(
  db: Database,
  token: string | null | undefined,
): Promise<{ tokenId: string; user: SessionUser } | null> {
  if (!token || !token.startsWith(TOKEN_PREFIX) || token.length > 200) return null;
  const row = await db.prisma.apiToken.findUnique({ where: { tokenHash: hashToken(token) }, include: { user: ownerSelect } });
  if (!row || row.revokedAt) return null;
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await db.prisma.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
  }
  return { tokenId: row.id, user: row.user };
}

/**
 * The owner of the token with this id as they are now, or null once the token is revoked. Plain SQL, like
 * findUserById: it runs on every call over a token's WebSocket.
 */
export async function activeTokenOwner(db: Pick<Database, "sql">, tokenId: string): Promise<SessionUser | null> {
  const [user] = await db.sql.query<SessionUser>(
    `SELECT u.id, u.email, u.name, u.role::text AS role FROM api_tokens t JOIN users u ON u.id = t.user_id
      WHERE t.id = $1::uuid AND t.revoked_at IS NULL`,
    [tokenId],
  );
  return user ?? null;
}

export function bearerToken(authorization: string | string[] | undefined): string | null {
  const value = Array.isArray(authorization) ? authorization[0] : authorization;
  const match = value?.match(/^Bearer\s+(\S+)$/i);
  return match ? match[1] : null;
}
