"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/provider";
import { QueryState } from "./query-state";

export function ConnectionStats() {
  const trpc = useTRPC();
  const stats = useQuery(trpc.system.wsStats.queryOptions(undefined, { refetchInterval: 10_000, staleTime: 0 }));
  return (
    <section className="card" aria-labelledby="ws-title" data-testid="admin-ws-stats">
      <div className="card__head">
        <h2 id="ws-title" className="card__title">
          Live connections
        </h2>
        <span className="muted small">Refreshes every 10 s</span>
      </div>
      <QueryState query={stats} isEmpty={() => false} empty={null}>
        {(data) => (
          <div className="stats">
            <div className="stat">
              <div className="stat__value" data-testid="admin-open-connections">
                {data.openConnections}
              </div>
              <div className="stat__label">Open WebSocket connections</div>
            </div>
            <div className="stat">
              <div className="stat__value">{data.byUser.length}</div>
              <div className="stat__label">Users connected</div>
            </div>
            <div className="stat">
              <div className="stat__value">{data.byThread.reduce((n, t) => n + t.subscriptions, 0)}</div>
              <div className="stat__label">Conversation subscriptions</div>
            </div>
          </div>
        )}
      </QueryState>
    </section>
  );
}
