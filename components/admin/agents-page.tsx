"use client";

import { AdminGate } from "./admin-gate";
import { IntentDistributionPanel, LowConfidencePanel, RecentFailuresPanel } from "./agent-activity-panels";
import { AgentPerformancePanel } from "./agent-performance-panel";

export function AgentsPage() {
  return (
    <AdminGate what="Agent health shows everyone’s questions, so only administrators can open this page.">
      <div className="page page--wide" data-testid="agents-page">
        <header className="page__header">
          <h1 className="page__title">Agents</h1>
          <p className="page__lead">How the agents answered over the last week: speed, failures, and the questions they were unsure about.</p>
        </header>
        <AgentPerformancePanel />
        <div className="admin-columns">
          <IntentDistributionPanel />
          <LowConfidencePanel />
        </div>
        <RecentFailuresPanel />
      </div>
    </AdminGate>
  );
}
