"use client";

import { usePathname } from "next/navigation";
import { useEffect, useState, type ReactNode } from "react";
import { ThreadSidebar } from "@/components/threads/thread-sidebar";
import { AppHeader } from "./app-header";
import { DemoBanner } from "./demo-banner";

/** Header on top, thread history on the left (a drawer on narrow screens), the page on the right. */
export function AppShell({ children }: { children: ReactNode }) {
  const [sidebarOpen, setSidebarOpen] = useState(false);
  const pathname = usePathname();
  // On narrow screens the drawer closes once the person has picked where to go.
  useEffect(() => setSidebarOpen(false), [pathname]);

  return (
    <div className="shell" data-sidebar-open={sidebarOpen ? "true" : "false"}>
      <AppHeader sidebarOpen={sidebarOpen} onToggleSidebar={() => setSidebarOpen((open) => !open)} />
      <div className="shell__body">
        <ThreadSidebar id="thread-sidebar" />
        {sidebarOpen ? (
          <button
            type="button"
            className="shell__scrim"
            aria-label="Close conversation history"
            onClick={() => setSidebarOpen(false)}
            data-testid="sidebar-scrim"
          />
        ) : null}
        <main className="shell__main" id="main">
          <DemoBanner />
          {children}
        </main>
      </div>
    </div>
  );
}
