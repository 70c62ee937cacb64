"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

const TABS = [
  { href: "/admin", label: "Overview", testId: "admin-nav-overview" },
  { href: "/admin/recommendations", label: "Recommendations", testId: "admin-nav-recommendations" },
  { href: "/admin/budgets", label: "Budgets", testId: "admin-nav-budgets" },
  { href: "/admin/data", label: "Data", testId: "admin-nav-data" },
  { href: "/admin/agents", label: "Agents", testId: "admin-nav-agents" },
] as const;

/** Tabs across the admin area; the current one carries aria-current="page". */
export function AdminNav() {
  const pathname = usePathname();
  return (
    <nav className="admin-nav" aria-label="Admin sections" data-testid="admin-nav">
      <ul className="admin-nav__list">
        {TABS.map((tab) => {
          const current = tab.href === "/admin" ? pathname === "/admin" : pathname.startsWith(tab.href);
          return (
            <li key={tab.href}>
              <Link
                href={tab.href}
                className="admin-nav__link"
                aria-current={current ? "page" : undefined}
                data-testid={tab.testId}
              >
                {tab.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
