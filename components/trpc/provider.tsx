"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import {
  createTRPCClient,
  createWSClient,
  httpBatchStreamLink,
  httpLink,
  isNonJsonSerializable,
  splitLink,
  wsLink,
  type TRPCLink,
} from "@trpc/client";
import { createTRPCContext } from "@trpc/tanstack-react-query";
import { useState, type ReactNode } from "react";
import superjson from "superjson";
import type { AppRouter } from "@/server/api/root";
import { ConnectionStateContext, useWsConnectionState, type WsClient } from "./connection-state";

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

function makeQueryClient() {
  return new QueryClient({ defaultOptions: { queries: { staleTime: 30_000, refetchOnWindowFocus: false } } });
}

/** The chat's own mutations: the question, Stop, Regenerate, edit and feedback. */
const CHAT_MUTATION = /^message\./;

/**
 * Subscriptions go over one WebSocket (created lazily, in the browser only, authenticated by the session cookie).
 * The chat's mutations use that socket too while it is open: it was authenticated once when it connected, so a
 * question skips an HTTP request and a session lookup. Everything else, and the chat's mutations while the socket is
 * not open, go over HTTP with batching and streaming (a send cut off by a closing socket fails as a network error,
 * which the chat retries, idempotently, over whichever transport is up).
 */
function makeLinks(getWsClient: () => WsClient): TRPCLink<AppRouter>[] {
  // File uploads (FormData) cannot be batched or JSON-encoded: they take a plain httpLink.
  const http = splitLink<AppRouter>({
    condition: (op) => isNonJsonSerializable(op.input),
    true: httpLink({ url: "/api/trpc", transformer: superjson }),
    false: httpBatchStreamLink({ url: "/api/trpc", transformer: superjson }),
  });
  if (typeof window === "undefined") return [http];
  return [
    splitLink({
      condition: (op) =>
        op.type === "subscription" ||
        (op.type === "mutation" && CHAT_MUTATION.test(op.path) && getWsClient().connectionState.get().state === "pending"),
      true: wsLink({ client: getWsClient(), transformer: superjson }),
      false: http,
    }),
  ];
}

export function TrpcReactProvider({ children }: { children: ReactNode }) {
  const [queryClient] = useState(makeQueryClient);
  const [wsClient] = useState<WsClient | null>(() =>
    typeof window === "undefined"
      ? null
      : createWSClient({
          url: `${window.location.protocol === "https:" ? "wss" : "ws"}://${window.location.host}/api/trpc`,
          lazy: { enabled: true, closeMs: 10_000 },
          keepAlive: { enabled: true, intervalMs: 20_000, pongTimeoutMs: 5_000 },
          retryDelayMs: (attempt) => Math.min(1000 * 2 ** attempt, 15_000),
        }),
  );
  const [trpcClient] = useState(() => createTRPCClient<AppRouter>({ links: makeLinks(() => wsClient!) }));
  const connection = useWsConnectionState(wsClient);
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        <ConnectionStateContext.Provider value={connection}>{children}</ConnectionStateContext.Provider>
      </TRPCProvider>
    </QueryClientProvider>
  );
}
