/**
 * tRPC setup in three parts:
 * 1. CONTEXT — what every procedure can use; `createContextInner` is what tests call, and one thin builder per
 *    transport (server/api/context-http.ts, server/api/context-ws.ts) fills it.
 * 2. INITIALIZATION — the tRPC instance, transformer and an error formatter that flattens zod errors and maps typed
 *    domain errors (server/errors.ts) to tRPC codes.
 * 3. PROCEDURES — public, protected (signed in; a user-scoped thread repository is injected) and admin.
 */
import { initTRPC, TRPCError, type TRPC_ERROR_CODE_KEY } from "@trpc/server";
import superjson from "superjson";
import { z, ZodError } from "zod";
import { activeTokenOwner } from "../auth/api-tokens.ts";
import { findUserById, type SessionUser } from "../auth/users.ts";
import { createThreadRepository } from "../chat/threads.ts";
import { AppError, type ErrorType } from "../errors.ts";
import type { Services } from "../services.ts";

// 1. CONTEXT
export interface ContextInner {
  services: Services;
  user: SessionUser | null;
  authMethod: "session" | "token" | null;
  /** The API token's id when authMethod is "token". */
  tokenId?: string;
  /** Set for WebSocket connections: the registry key used for connection stats. */
  connectionId?: string;
}

export function createContextInner(opts: ContextInner): ContextInner {
  return { ...opts };
}

export type Context = ContextInner;

// 2. INITIALIZATION
const codeByType: Record<ErrorType, TRPC_ERROR_CODE_KEY> = {
  bad_request: "BAD_REQUEST",
  unauthorized: "UNAUTHORIZED",
  forbidden: "FORBIDDEN",
  not_found: "NOT_FOUND",
  conflict: "CONFLICT",
  rate_limit: "TOO_MANY_REQUESTS",
};

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    const zodError = error.cause instanceof ZodError ? z.flattenError(error.cause) : null;
    const appCode = error.cause instanceof AppError ? error.cause.code : null;
    // Input errors read as one sentence a person understands; the field list stays available to forms.
    const firstIssue = error.cause instanceof ZodError ? error.cause.issues[0] : undefined;
    const message = firstIssue ? firstIssue.message : shape.message;
    return { ...shape, message, data: { ...shape.data, stack: undefined, zodError, appCode } };
  },
});

/** Maps typed domain errors to tRPC errors once, for every procedure. */
const domainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof AppError) {
    const cause = result.error.cause;
    throw new TRPCError({ code: codeByType[cause.type], message: cause.message, cause });
  }
  return result;
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const mergeRouters = t.mergeRouters;

// 3. PROCEDURES
export const publicProcedure = t.procedure.use(domainErrors);

export const protectedProcedure = publicProcedure.use(async ({ ctx, next }) => {
  const user = ctx.connectionId ? await stillAuthenticated(ctx) : ctx.user;
  if (!user) throw new AppError(ctx.tokenId ? "unauthorized:api_token" : "unauthorized:auth");
  const threads = createThreadRepository({ db: ctx.services.db, bus: ctx.services.bus }, user.id);
  return next({ ctx: { ...ctx, user, threads } });
});

export const adminProcedure = protectedProcedure.use(({ ctx, next }) => {
  if (ctx.user.role !== "admin") throw new AppError("forbidden:auth");
  return next({ ctx });
});

/**
 * A WebSocket's user was read when it connected, possibly hours ago: each call on it reads them again, so a revoked
 * token stops working and a demoted admin loses the role at once, as they do over HTTP.
 */
async function stillAuthenticated(ctx: Context): Promise<SessionUser | null> {
  if (!ctx.user) return null;
  if (ctx.tokenId) return activeTokenOwner(ctx.services.db, ctx.tokenId);
  return findUserById(ctx.services.db, ctx.user.id);
}
