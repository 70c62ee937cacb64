/** "Load more" under an infinite list; hidden when there is nothing more to load. */
export function LoadMoreButton({
  list,
  label,
  testId,
}: {
  list: { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => unknown };
  label: string;
  testId: string;
}) {
  if (!list.hasNextPage) return null;
  return (
    <button
      type="button"
      className="button button--ghost button--block"
      onClick={() => void list.fetchNextPage()}
      disabled={list.isFetchingNextPage}
      data-testid={testId}
    >
      {list.isFetchingNextPage ? "Loading…" : label}
    </button>
  );
}
