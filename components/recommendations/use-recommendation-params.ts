"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import type { RecommendationListInput, SortKey } from "./types";

export const PAGE_SIZE = 25;
const SORTS: readonly SortKey[] = ["priority", "savings", "effort", "expiry", "created"];

/** The page's state as it appears in the query string, so filters survive reloads and chat answers can link here. */
export interface RecommendationParams {
  status: string[];
  category: string[];
  provider: string;
  account: string;
  minSavings: string;
  maxEffort: string;
  search: string;
  /** A resource tag, "key=value" ("team=ml"). */
  tag: string;
  sort: SortKey;
  dir: "asc" | "desc" | undefined;
  page: number;
  /** The recommendation open in the drawer. */
  id: string | null;
}

export type RecommendationParamsPatch = Partial<{ [K in keyof RecommendationParams]: RecommendationParams[K] | null }>;

const KEYS: Record<keyof RecommendationParams, string> = {
  status: "status",
  category: "category",
  provider: "provider",
  account: "account",
  minSavings: "minSavings",
  maxEffort: "maxEffort",
  search: "search",
  tag: "tag",
  sort: "sort",
  dir: "dir",
  page: "page",
  id: "id",
};

function parse(params: URLSearchParams): RecommendationParams {
  const list = (key: string) => params.getAll(key).flatMap((v) => v.split(",")).map((v) => v.trim()).filter(Boolean);
  const sort = params.get("sort") as SortKey | null;
  const dir = params.get("dir");
  const page = Number(params.get("page"));
  return {
    status: list("status"),
    category: list("category"),
    provider: params.get("provider") ?? "",
    account: params.get("account") ?? "",
    minSavings: params.get("minSavings") ?? "",
    maxEffort: params.get("maxEffort") ?? "",
    search: params.get("search") ?? "",
    tag: params.get("tag") ?? "",
    sort: sort && SORTS.includes(sort) ? sort : "priority",
    dir: dir === "asc" || dir === "desc" ? dir : undefined,
    page: Number.isInteger(page) && page > 0 ? page : 1,
    id: params.get("id"),
  };
}

/** "team=ml" as the filter's tag; undefined when it has no key or no value. */
export function tagOf(text: string): { key: string; value: string } | undefined {
  const at = text.indexOf("=");
  const [key, value] = [text.slice(0, at).trim(), text.slice(at + 1).trim()];
  return at > 0 && key && value ? { key, value } : undefined;
}

const numberOrUndefined = (v: string) => (v.trim() === "" || !Number.isFinite(Number(v)) || Number(v) < 0 ? undefined : Number(v));

/** What recommendation.list and recommendation.export take for these params. */
export function filtersOf(p: RecommendationParams) {
  return {
    status: p.status.length ? (p.status as NonNullable<RecommendationListInput["status"]>) : undefined,
    category: p.category.length ? p.category : undefined,
    provider: p.provider.trim() || undefined,
    billingAccountId: p.account.trim() || undefined,
    minSavingsUsd: numberOrUndefined(p.minSavings),
    maxEffortHours: numberOrUndefined(p.maxEffort),
    search: p.search.trim() || undefined,
    tag: tagOf(p.tag),
  };
}

export function listInputOf(p: RecommendationParams): RecommendationListInput {
  return { ...filtersOf(p), sort: p.sort, direction: p.dir, page: p.page, pageSize: PAGE_SIZE };
}

export function hasFilters(p: RecommendationParams) {
  return Object.values(filtersOf(p)).some((v) => v !== undefined);
}

export function useRecommendationParams() {
  const searchParams = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const params = useMemo(() => parse(new URLSearchParams(searchParams.toString())), [searchParams]);

  /** Applies a change; anything but paging, sorting or the drawer sends you back to page 1. */
  const update = useCallback(
    (patch: RecommendationParamsPatch) => {
      const next = new URLSearchParams(window.location.search);
      const touchesFilters = Object.keys(patch).some((k) => !["page", "id", "sort", "dir"].includes(k));
      if (touchesFilters || "sort" in patch || "dir" in patch) next.delete("page");
      for (const [key, value] of Object.entries(patch) as [keyof RecommendationParams, unknown][]) {
        const name = KEYS[key];
        next.delete(name);
        if (value == null || value === "" || (Array.isArray(value) && value.length === 0)) continue;
        if (key === "page" && value === 1) continue;
        if (Array.isArray(value)) for (const v of value) next.append(name, String(v));
        else next.set(name, String(value));
      }
      const qs = next.toString();
      router.replace(qs ? `${pathname}?${qs}` : pathname, { scroll: false });
    },
    [pathname, router],
  );

  const clearFilters = useCallback(
    () => update({ status: null, category: null, provider: null, account: null, minSavings: null, maxEffort: null, search: null, tag: null }),
    [update],
  );

  return { params, update, clearFilters };
}
