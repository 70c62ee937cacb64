"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/provider";

/** recommendation.update, refreshing every recommendation query (list, summary, drawer) once it lands. */
export function useUpdateRecommendations(onSuccess?: (result: { updated: number; unchanged: number }) => void) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMutation(
    trpc.recommendation.update.mutationOptions({
      onSuccess: (result) => {
        void queryClient.invalidateQueries({ queryKey: trpc.recommendation.pathKey() });
        onSuccess?.(result);
      },
    }),
  );
}
