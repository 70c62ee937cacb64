"use client";

import { usePathname } from "next/navigation";

export function useActiveThreadId(): string | null {
  const pathname = usePathname();
  return pathname?.match(/^\/t\/([^/]+)/)?.[1] ?? null;
}
