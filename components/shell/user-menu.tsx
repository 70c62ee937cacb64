"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { signOut } from "next-auth/react";
import { useEffect, useRef, useState } from "react";
import { useTRPC } from "@/components/trpc/provider";

function initials(name: string | null | undefined, email: string | undefined) {
  const source = name?.trim() || email || "?";
  const parts = source.split(/[\s@.]+/).filter(Boolean);
  return ((parts[0]?.[0] ?? "?") + (name && parts[1] ? parts[1][0] : "")).toUpperCase();
}

export function UserMenu() {
  const trpc = useTRPC();
  const me = useQuery(trpc.auth.me.queryOptions(undefined, { staleTime: 60_000 }));
  const [open, setOpen] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape") {
        setOpen(false);
        buttonRef.current?.focus();
      }
    };
    document.addEventListener("pointerdown", onPointer);
    document.addEventListener("keydown", onKey);
    rootRef.current?.querySelector<HTMLElement>("[role=menuitem]")?.focus();
    return () => {
      document.removeEventListener("pointerdown", onPointer);
      document.removeEventListener("keydown", onKey);
    };
  }, [open]);

  const user = me.data;
  return (
    <div className="user-menu" ref={rootRef}>
      <button
        ref={buttonRef}
        type="button"
        className="avatar-button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-label={user ? `Account menu for ${user.name ?? user.email}` : "Account menu"}
        onClick={() => setOpen((o) => !o)}
        data-testid="user-menu-button"
      >
        <span className="avatar" aria-hidden="true">
          {user ? initials(user.name, user.email) : ""}
        </span>
      </button>
      {open ? (
        <div className="menu" role="menu" aria-label="Account" data-testid="user-menu">
          {user ? (
            <div className="menu__header">
              <div className="menu__name">{user.name ?? user.email}</div>
              {user.name ? <div className="menu__email">{user.email}</div> : null}
              <div className="menu__role">{user.role === "admin" ? "Administrator" : "Member"}</div>
            </div>
          ) : null}
          <Link href="/settings" role="menuitem" className="menu__item" onClick={() => setOpen(false)} data-testid="user-menu-settings">
            Settings &amp; API tokens
          </Link>
          {user?.role === "admin" ? (
            <>
              <Link href="/admin" role="menuitem" className="menu__item" onClick={() => setOpen(false)} data-testid="user-menu-admin">
                Admin
              </Link>
              <Link href="/admin/recommendations" role="menuitem" className="menu__item" onClick={() => setOpen(false)} data-testid="user-menu-recommendations">
                Recommendations
              </Link>
              <Link href="/admin/data" role="menuitem" className="menu__item" onClick={() => setOpen(false)} data-testid="user-menu-data">
                Data
              </Link>
              <Link href="/admin/agents" role="menuitem" className="menu__item" onClick={() => setOpen(false)} data-testid="user-menu-agents">
                Agents
              </Link>
            </>
          ) : user ? (
            <Link href="/admin/recommendations" role="menuitem" className="menu__item" onClick={() => setOpen(false)} data-testid="user-menu-recommendations">
              Recommendations
            </Link>
          ) : null}
          <button
            type="button"
            role="menuitem"
            className="menu__item"
            onClick={() => void signOut({ callbackUrl: "/sign-in" })}
            data-testid="user-menu-sign-out"
          >
            Sign out
          </button>
        </div>
      ) : null}
    </div>
  );
}
