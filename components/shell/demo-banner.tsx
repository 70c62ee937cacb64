"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useState } from "react";
import { useTRPC } from "@/components/trpc/provider";

const DISMISSED_KEY = "finops:demo-banner-dismissed";

/** While the cost store holds only the generated demo dataset, says so; dismissed for the rest of the browser session. */
export function DemoBanner() {
  const trpc = useTRPC();
  const status = useQuery(trpc.cost.status.queryOptions(undefined, { staleTime: 60_000 }));
  const me = useQuery(trpc.auth.me.queryOptions(undefined, { staleTime: 60_000 }));
  // Read after mount: sessionStorage does not exist on the server, and the first render must match it.
  const [dismissed, setDismissed] = useState(true);
  useEffect(() => {
    try {
      setDismissed(sessionStorage.getItem(DISMISSED_KEY) === "1");
    } catch {
      setDismissed(false);
    }
  }, []);

  if (dismissed || !status.data?.isDemo) return null;
  const dismiss = () => {
    setDismissed(true);
    try {
      sessionStorage.setItem(DISMISSED_KEY, "1");
    } catch {
      // Private mode without storage: hidden until the next page load.
    }
  };
  return (
    <div className="demo-banner" role="region" aria-label="Demo data" data-testid="demo-banner">
      <span className="demo-banner__dot" aria-hidden="true" />
      <p className="demo-banner__text">
        You’re exploring demo data — admins can load your FOCUS export on the{" "}
        {me.data?.role === "admin" ? (
          <Link href="/admin/data" data-testid="demo-banner-link">
            Data page
          </Link>
        ) : (
          "Data page"
        )}
        .
      </p>
      <button type="button" className="icon-button icon-button--small" aria-label="Dismiss the demo data notice" onClick={dismiss} data-testid="demo-banner-dismiss">
        ×
      </button>
    </div>
  );
}
