"use client";

import { useState } from "react";
import { errorMessage } from "./errors";

/** The parts of a deletion mutation (TanStack Query's useMutation over a `{ id }` input) the confirmation uses. */
interface DeleteMutation {
  mutate(input: { id: string }, options: { onSuccess: () => void }): void;
  reset(): void;
  isPending: boolean;
  isError: boolean;
  error: unknown;
}

/**
 * A row's Delete asks first: `ask(row)` opens the ConfirmDialog that `dialog` configures, whose confirm runs `remove`
 * on that row and closes once it succeeds (or shows why it failed).
 */
export function useConfirmedDelete<Row extends { id: string }>(remove: DeleteMutation) {
  const [pending, setPending] = useState<Row | null>(null);
  return {
    /** The row waiting for confirmation, or null. */
    pending,
    ask(row: Row) {
      remove.reset();
      setPending(row);
    },
    dialog: {
      open: pending !== null,
      pending: remove.isPending,
      error: remove.isError ? errorMessage(remove.error) : null,
      onConfirm: () => pending && remove.mutate({ id: pending.id }, { onSuccess: () => setPending(null) }),
      onCancel: () => setPending(null),
    },
  };
}
