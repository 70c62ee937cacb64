import { label } from "@/components/admin/format";

const TONE: Record<string, string> = {
  active: "status-badge--active",
  under_review: "status-badge--review",
  implemented: "status-badge--ok",
  rejected: "status-badge--muted",
  obsolete: "status-badge--muted",
};

export function StatusBadge({ status }: { status: string }) {
  return (
    <span className={`status-badge ${TONE[status] ?? ""}`} data-testid="rec-status" data-status={status}>
      {label(status)}
    </span>
  );
}
