interface Connection {
  userId: string;
  openedAt: Date;
  threads: Map<string, number>;
  /** The API token it authenticated with, if any, and how to close it. */
  tokenId?: string;
  end?: (reason: string) => void;
}

/**
 * Open WebSocket connections and what they subscribe to, for the admin connection stats, and the means to end the
 * ones a revoked API token opened.
 */
export class ConnectionRegistry {
  private readonly connections = new Map<string, Connection>();

  open(connectionId: string, userId: string, options: Pick<Connection, "tokenId" | "end"> = {}): void {
    this.connections.set(connectionId, { userId, openedAt: new Date(), threads: new Map(), ...options });
  }

  close(connectionId: string): void {
    this.connections.delete(connectionId);
  }

  /** Ends every connection (and so every subscription) opened with this token. */
  endTokenConnections(tokenId: string): void {
    for (const [connectionId, conn] of this.connections) {
      if (conn.tokenId !== tokenId) continue;
      conn.end?.("API token revoked");
      this.connections.delete(connectionId);
    }
  }

  /** Returns a function that ends the subscription's registration. */
  subscribe(connectionId: string | undefined, threadId: string): () => void {
    const conn = connectionId ? this.connections.get(connectionId) : undefined;
    if (!conn) return () => undefined;
    conn.threads.set(threadId, (conn.threads.get(threadId) ?? 0) + 1);
    return () => {
      const count = (conn.threads.get(threadId) ?? 1) - 1;
      if (count <= 0) conn.threads.delete(threadId);
      else conn.threads.set(threadId, count);
    };
  }

  stats() {
    const byUser = new Map<string, number>();
    const byThread = new Map<string, number>();
    for (const conn of this.connections.values()) {
      byUser.set(conn.userId, (byUser.get(conn.userId) ?? 0) + 1);
      for (const [threadId, n] of conn.threads) byThread.set(threadId, (byThread.get(threadId) ?? 0) + n);
    }
    return {
      openConnections: this.connections.size,
      byUser: [...byUser].map(([userId, connections]) => ({ userId, connections })),
      byThread: [...byThread].map(([threadId, subscriptions]) => ({ threadId, subscriptions })),
    };
  }
}
