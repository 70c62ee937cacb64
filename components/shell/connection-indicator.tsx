"use client";

import { useConnectionStatus, type ConnectionStatus } from "@/components/trpc/connection-state";

const labels: Record<ConnectionStatus, { text: string; title: string }> = {
  connected: { text: "Live", title: "Connected: new messages appear as they happen." },
  connecting: { text: "Connecting…", title: "Opening the live connection." },
  reconnecting: {
    text: "Reconnecting…",
    title: "The live connection dropped; retrying. Messages you send are kept and delivered once it is back.",
  },
  idle: { text: "Idle", title: "No live connection is needed on this page." },
};

export function ConnectionIndicator() {
  const status = useConnectionStatus();
  const label = labels[status];
  return (
    <div className={`connection connection--${status}`} title={label.title} data-testid="connection-status" data-status={status}>
      <span className="connection__dot" aria-hidden="true" />
      <span className="connection__text" role="status" aria-live="polite">
        <span className="visually-hidden">Connection: </span>
        {label.text}
      </span>
    </div>
  );
}
