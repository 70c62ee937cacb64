"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { useTRPC } from "@/components/trpc/provider";

/** Keeps every open tab's history current: any change to the user's threads refetches the lists that show them. */
export function useThreadListSync() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  useSubscription(
    trpc.thread.onChange.subscriptionOptions(undefined, {
      onData: ({ threadId }) => {
        void queryClient.invalidateQueries({ queryKey: trpc.thread.list.pathKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.thread.search.pathKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.thread.get.queryKey({ threadId }) });
      },
    }),
  );
}
