import type { IncomingMessage } from "node:http";
import { authenticateApiToken, bearerToken } from "../auth/api-tokens.ts";
import { sessionUserIdFromCookieHeader } from "../auth/session-cookie.ts";
import { findUserById, type SessionUser } from "../auth/users.ts";
import { AppError } from "../errors.ts";
import type { Services } from "../services.ts";

export interface Authenticated {
  user: SessionUser | null;
  authMethod: "session" | "token" | null;
  /** The API token's id when authMethod is "token". */
  tokenId?: string;
}

const anonymous: Authenticated = { user: null, authMethod: null };

/**
 * Who sent a request: an `Authorization: Bearer` API token wins over the next-auth session cookie. A token that is
 * present but invalid or revoked is an error, not an anonymous request, so scripts learn why they were refused.
 */
export async function authenticateRequest(
  services: Services,
  authSecret: string,
  req: Pick<IncomingMessage, "headers">,
): Promise<Authenticated> {
  const token = bearerToken(req.headers.authorization);
  if (token) return authenticateToken(services, token);
  const userId = await sessionUserIdFromCookieHeader(req.headers.cookie, authSecret);
  if (!userId) return anonymous;
  const user = await findUserById(services.db, userId);
  return user ? { user, authMethod: "session" } : anonymous;
}

export async function authenticateToken(services: Services, token: unknown): Promise<Authenticated> {
  const owner = typeof token === "string" ? await authenticateApiToken(services.db, token) : null;
  if (!owner) throw new AppError("unauthorized:api_token");
  return { user: owner.user, authMethod: "token", tokenId: owner.tokenId };
}
