import { TRPCClientError } from "@trpc/client";

/** True when the request never got an answer from the server (offline, server restarting): worth retrying. */
export function isNetworkError(error: unknown): boolean {
  if (error instanceof TRPCClientError) return !error.data && !error.shape;
  return error instanceof TypeError;
}

/** A sentence for people: the server's messages are already written for them; network failures say what to do. */
export function errorMessage(error: unknown, fallback = "Something went wrong. Try again."): string {
  if (isNetworkError(error)) return "Could not reach the server. Check your connection; it will work again once you are back online.";
  if (error instanceof Error && error.message) return error.message;
  return fallback;
}
