"use client";

import type { createWSClient } from "@trpc/client";
import { createContext, useContext, useEffect, useState } from "react";

export type WsClient = ReturnType<typeof createWSClient>;
export type ConnectionStatus = "idle" | "connecting" | "connected" | "reconnecting";

export const ConnectionStateContext = createContext<ConnectionStatus>("idle");

/** "idle" while no subscription needs the socket (lazy mode), then connecting / connected / reconnecting. */
export function useWsConnectionState(client: WsClient | null): ConnectionStatus {
  const [status, setStatus] = useState<ConnectionStatus>("idle");
  useEffect(() => {
    if (!client) return;
    let everConnected = false;
    const sub = client.connectionState.subscribe({
      next(state) {
        if (state.state === "pending") {
          everConnected = true;
          setStatus("connected");
        } else if (state.state === "connecting") {
          setStatus(everConnected || state.error ? "reconnecting" : "connecting");
        } else {
          setStatus("idle");
        }
      },
    });
    return () => sub.unsubscribe();
  }, [client]);
  return status;
}

export const useConnectionStatus = () => useContext(ConnectionStateContext);
