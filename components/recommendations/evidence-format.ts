import { label } from "../admin/format";

/** "monthlyCost" -> "Monthly cost". */
export const figureName = (key: string) => label(key.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase());

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * An evidence figure as text: a period as "start – end", a money figure ({ amount, value }) as its exact amount with
 * thousands separators, a list item by item, and any other object as "Name: value" pairs, never as JSON.
 */
export function showFigure(v: unknown): string {
  if (v == null) return "—";
  if (typeof v === "number") return v.toLocaleString("en-US", { maximumFractionDigits: 4 });
  if (typeof v === "string" || typeof v === "boolean") return String(v);
  if (Array.isArray(v)) return v.length ? v.map(showFigure).join(", ") : "—";
  if (!isRecord(v)) return String(v);
  if ("start" in v && "end" in v) return `${showFigure(v.start)} – ${showFigure(v.end)}`;
  if (typeof v.amount === "string" && "value" in v) {
    const [whole, fraction] = v.amount.split(".");
    return `${whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}${fraction ? `.${fraction}` : ""}`;
  }
  const pairs = Object.entries(v).map(([key, value]) => `${figureName(key)}: ${showFigure(value)}`);
  return pairs.length ? pairs.join(" · ") : "—";
}
