// Typed domain errors: `<type>:<surface>` codes, mapped once to transport codes and user-facing messages
// (server/api/trpc.ts). Domain code throws these and never imports a transport.
export type ErrorType = "bad_request" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "rate_limit";
export type ErrorSurface =
  | "thread"
  | "message"
  | "event"
  | "user"
  | "api_token"
  | "auth"
  | "recommendation"
  | "source"
  | "ingest"
  | "cost";
export type ErrorCode = `${ErrorType}:${ErrorSurface}`;

const defaultMessages: Partial<Record<ErrorCode, string>> = {
  "not_found:thread": "That conversation does not exist or is not yours.",
  "not_found:message": "That message does not exist or is not yours.",
  "not_found:api_token": "That API token does not exist.",
  "not_found:user": "That user does not exist.",
  "unauthorized:auth": "Sign in, or send a valid API token, to do this.",
  "unauthorized:api_token": "That API token is invalid or has been revoked.",
  "forbidden:auth": "Only administrators can do this.",
  "conflict:user": "An account with that email already exists. Sign in instead.",
};

export class AppError extends Error {
  readonly type: ErrorType;
  readonly surface: ErrorSurface;

  constructor(
    readonly code: ErrorCode,
    message?: string,
    options?: { cause?: unknown },
  ) {
    super(message ?? defaultMessages[code] ?? code, options);
    const [type, surface] = code.split(":") as [ErrorType, ErrorSurface];
    this.type = type;
    this.surface = surface;
    this.name = "AppError";
  }
}

/** Postgres unique_violation (23505), through pg, PGlite or Prisma (P2002). */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; cause?: unknown; meta?: { driverAdapterError?: { cause?: { kind?: string } } } };
  if (!e || typeof e !== "object") return false;
  if (e.code === "23505" || e.code === "P2002") return true;
  if (e.meta?.driverAdapterError?.cause?.kind === "UniqueConstraintViolation") return true;
  return e.cause ? isUniqueViolation(e.cause) : false;
}
