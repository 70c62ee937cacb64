export type DateGroupLabel = "Today" | "Yesterday" | "Previous 7 days" | "Previous 30 days" | "Older";

const DAY_MS = 86_400_000;

function startOfDay(date: Date): number {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime();
}

/** Which history section a thread last touched at `date` belongs to, in the viewer's local time. */
export function dateGroupOf(date: Date, now: Date = new Date()): DateGroupLabel {
  const today = startOfDay(now);
  const day = startOfDay(date);
  if (day >= today) return "Today";
  if (day >= today - DAY_MS) return "Yesterday";
  if (day >= today - 7 * DAY_MS) return "Previous 7 days";
  if (day >= today - 30 * DAY_MS) return "Previous 30 days";
  return "Older";
}

/** Groups items (already newest first) into labelled sections, keeping their order. */
export function groupByDate<T extends { updatedAt: Date }>(items: T[], now: Date = new Date()) {
  const groups: { label: DateGroupLabel; items: T[] }[] = [];
  for (const item of items) {
    const label = dateGroupOf(new Date(item.updatedAt), now);
    const last = groups[groups.length - 1];
    if (last && last.label === label) last.items.push(item);
    else groups.push({ label, items: [item] });
  }
  return groups;
}
