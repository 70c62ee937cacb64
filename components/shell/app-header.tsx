"use client";

import Link from "next/link";
import { ConnectionIndicator } from "./connection-indicator";
import { UserMenu } from "./user-menu";

export function AppHeader({ sidebarOpen, onToggleSidebar }: { sidebarOpen: boolean; onToggleSidebar: () => void }) {
  return (
    <header className="header">
      <button
        type="button"
        className="icon-button header__menu"
        aria-label={sidebarOpen ? "Hide conversation history" : "Show conversation history"}
        aria-expanded={sidebarOpen}
        aria-controls="thread-sidebar"
        onClick={onToggleSidebar}
        data-testid="sidebar-toggle"
      >
        <span className="hamburger" aria-hidden="true" />
      </button>
      <Link href="/" className="brand" data-testid="brand-home">
        <span className="brand__mark" aria-hidden="true" />
        <span className="brand__name">FinOps Agent Chat</span>
      </Link>
      <div className="header__spacer" />
      <ConnectionIndicator />
      <UserMenu />
    </header>
  );
}
