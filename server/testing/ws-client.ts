import { createTRPCClient, createWSClient, httpLink, wsLink } from "@trpc/client";
import { encode } from "next-auth/jwt";
import superjson from "superjson";
import WebSocket from "ws";
import type { AppRouter } from "../api/root.ts";

/** A next-auth session cookie for a user, as the browser would hold it. */
export async function sessionCookie(userId: string, secret: string): Promise<string> {
  const token = await encode({ token: { sub: userId }, secret });
  return `next-auth.session-token=${token}`;
}

/** A WebSocket class that sends the given headers (cookie, origin) on upgrade, as a browser would. */
export function webSocketWithHeaders(headers: Record<string, string>) {
  return class extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers });
    }
  } as unknown as typeof globalThis.WebSocket;
}

export function wsTrpcClient(input: {
  url: string;
  headers?: Record<string, string>;
  token?: string;
  onClose?: (cause?: { code?: number }) => void;
  retryDelayMs?: number;
}) {
  const wsClient = createWSClient({
    url: input.url,
    WebSocket: webSocketWithHeaders(input.headers ?? {}),
    ...(input.token ? { connectionParams: { token: input.token } } : {}),
    retryDelayMs: () => input.retryDelayMs ?? 50,
    onClose: input.onClose,
  });
  const client = createTRPCClient<AppRouter>({ links: [wsLink({ client: wsClient, transformer: superjson })] });
  return { client, wsClient };
}

export function httpTrpcClient(url: string, headers: Record<string, string> = {}) {
  return createTRPCClient<AppRouter>({ links: [httpLink({ url, transformer: superjson, headers })] });
}

/** Polls until check() passes or the timeout expires (then throws check's last error). */
export async function eventually(check: () => void | Promise<void>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}
