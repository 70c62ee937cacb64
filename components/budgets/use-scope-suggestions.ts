"use client";

import { skipToken, useQueries, useQuery } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { useTRPC } from "@/components/trpc/provider";
import type { AppRouter } from "@/server/api/root";
import { addDays } from "@/server/finops/analytics/scope";

/** The FOCUS dimension each scope field of a budget names a value of. */
const DIMENSIONS = {
  provider: "ProviderName",
  billingAccountId: "BillingAccountId",
  subAccountId: "SubAccountId",
  serviceName: "ServiceName",
} as const;
export type ScopeField = keyof typeof DIMENSIONS;
export type ScopeSuggestion = { value: string; label: string | null };

const NARROWED_FIELDS = ["billingAccountId", "subAccountId", "serviceName"] as const;
const LOOKBACK_DAYS = 365;

type Breakdown = inferRouterOutputs<AppRouter>["cost"]["breakdown"];
const suggestionsOf = (result: Breakdown | undefined): ScopeSuggestion[] =>
  (result?.data.rows ?? []).flatMap((r) => (r.key === null || r.isOthers ? [] : [{ value: r.key, label: r.name ?? null }]));

/**
 * Values of each scope field that the cost data holds, largest spend first: from the last year of data billed in
 * `currency` (a budget counts only that), accounts and services narrowed to `provider` once it names one of the
 * data's providers (so typing "Az" refetches nothing). Empty while loading, without data, or when a lookup fails:
 * the fields stay free text either way.
 */
export function useScopeSuggestions(currency: string, provider: string): Record<ScopeField, ScopeSuggestion[]> {
  const trpc = useTRPC();
  const status = useQuery(trpc.cost.status.queryOptions(undefined, { staleTime: 60_000 }));
  const range = status.data?.range;
  const code = currency.trim().toUpperCase();
  const period =
    range && /^[A-Z]{3}$/.test(code)
      ? { start: [range.start, addDays(range.end, -LOOKBACK_DAYS)].sort()[1]!, end: addDays(range.end, 1) }
      : null;
  const breakdown = (dimension: (typeof DIMENSIONS)[ScopeField], providerName?: string) =>
    trpc.cost.breakdown.queryOptions(
      period
        ? {
            period,
            dimension,
            limit: 200,
            includeOthers: false,
            filters: { billingCurrencies: [code], ...(providerName ? { providers: [providerName] } : {}) },
          }
        : skipToken,
      { staleTime: 5 * 60_000, retry: false },
    );

  const providers = suggestionsOf(useQuery(breakdown(DIMENSIONS.provider)).data);
  const known = providers.find((p) => p.value === provider.trim())?.value;
  const narrowed = useQueries({ queries: NARROWED_FIELDS.map((field) => breakdown(DIMENSIONS[field], known)) });
  return {
    provider: providers,
    ...(Object.fromEntries(NARROWED_FIELDS.map((field, i) => [field, suggestionsOf(narrowed[i]!.data)])) as Record<
      (typeof NARROWED_FIELDS)[number],
      ScopeSuggestion[]
    >),
  };
}
