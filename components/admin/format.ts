// Number and date formats shared by the admin pages (recommendations, data, agents).

/** Money in whole units of `currency` (ISO 4217; USD unless the figure says otherwise). */
export const usd = (v: number | string | null | undefined, digits = 0, currency = "USD") =>
  v == null || v === ""
    ? "—"
    : Number(v).toLocaleString("en-US", { style: "currency", currency, maximumFractionDigits: digits, minimumFractionDigits: digits });

export const usdRange = (min: number | null | undefined, max: number | null | undefined, currency = "USD") => {
  const one = (v: number | null | undefined) => usd(v, 0, currency);
  return min == null && max == null ? "—" : min === max || min == null ? one(max) : max == null ? one(min) : `${one(min)} – ${one(max)}`;
};

export const pct = (v: number | null | undefined, digits = 0) => (v == null ? "—" : `${(v * 100).toFixed(digits)}%`);

export const ms = (v: number | null | undefined) => (v == null ? "—" : `${Math.round(v).toLocaleString("en-US")} ms`);

export const count = (v: number | null | undefined) => (v == null ? "—" : v.toLocaleString("en-US"));

export const hours = (v: number | null | undefined) => (v == null ? "—" : `${v.toLocaleString("en-US")} h`);

export const dateTime = (v: Date | string | null | undefined) => (v == null ? "—" : new Date(v).toLocaleString());

export const date = (v: Date | string | null | undefined) => (v == null ? "—" : new Date(v).toLocaleDateString());

/** "rightsizing" -> "Rightsizing", "under_review" -> "Under review". */
export const label = (v: string) => {
  const s = v.replace(/_/g, " ");
  return s.charAt(0).toUpperCase() + s.slice(1);
};

export const bytes = (v: number) =>
  v < 1024 ? `${v} B` : v < 1024 ** 2 ? `${(v / 1024).toFixed(1)} KB` : v < 1024 ** 3 ? `${(v / 1024 ** 2).toFixed(1)} MB` : `${(v / 1024 ** 3).toFixed(2)} GB`;

/** Billing periods as months: "2024-01, 2024-02". */
export const periods = (list: { start: string; end: string }[]) => {
  if (list.length === 0) return "—";
  const months = list.map((p) => p.start.slice(0, 7)).sort();
  return months.length > 3 ? `${months[0]} – ${months[months.length - 1]} (${months.length} months)` : months.join(", ");
};
