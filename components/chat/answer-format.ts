import type { ColumnFormat } from "./types";

// Formatting for answers as people read them: whole-number money in tables, compact money on chart axes.

const formatters = new Map<string, { cents: Intl.NumberFormat; whole: Intl.NumberFormat; symbol: string }>();
function moneyFormat(currency: string) {
  let f = formatters.get(currency);
  if (!f) {
    const cents = new Intl.NumberFormat("en-US", { style: "currency", currency, minimumFractionDigits: 2, maximumFractionDigits: 2 });
    const symbol = cents.formatToParts(0).find((p) => p.type === "currency")?.value ?? currency;
    f = { cents, whole: new Intl.NumberFormat("en-US", { style: "currency", currency, maximumFractionDigits: 0 }), symbol };
    formatters.set(currency, f);
  }
  return f;
}

/** A chart unit that is an ISO 4217 currency code ("USD", "EUR") rather than a plain unit. */
export const isCurrency = (unit: string | undefined): unit is string => Boolean(unit && /^[A-Z]{3}$/.test(unit));
const plain = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });

const toNumber = (value: unknown): number | null => {
  if (value == null || value === "") return null;
  const n = typeof value === "number" ? value : Number(value);
  return Number.isFinite(n) ? n : null;
};

/** Cents below 10k, whole units above: the same rule as the answer text, so figures match. */
export function formatMoney(value: unknown, currency = "USD"): string {
  const n = toNumber(value);
  if (n == null) return "—";
  const f = moneyFormat(currency);
  return Math.abs(n) >= 10_000 ? f.whole.format(n) : f.cents.format(n);
}

/** Axis ticks: $950, $12.3k, €1.2M. */
export function formatMoneyCompact(value: unknown, currency = "USD"): string {
  const n = toNumber(value);
  if (n == null) return "";
  const { symbol } = moneyFormat(currency);
  const abs = Math.abs(n);
  const sign = n < 0 ? "-" : "";
  const short = (v: number, suffix: string) => `${sign}${symbol}${v >= 100 ? Math.round(v) : Number(v.toFixed(1))}${suffix}`;
  if (abs >= 1e9) return short(abs / 1e9, "B");
  if (abs >= 1e6) return short(abs / 1e6, "M");
  if (abs >= 1e3) return short(abs / 1e3, "k");
  return `${sign}${symbol}${Math.round(abs)}`;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "2026-10-03" -> "Oct 3", "2026-10" -> "Oct 2026"; anything else as it is. */
export function formatCategory(x: string): string {
  const day = /^(\d{4})-(\d{2})-(\d{2})/.exec(x);
  if (day) return `${MONTHS[Number(day[2]) - 1]} ${Number(day[3])}`;
  const month = /^(\d{4})-(\d{2})$/.exec(x);
  if (month) return `${MONTHS[Number(month[2]) - 1]} ${month[1]}`;
  return x;
}

export function formatCell(value: unknown, format: ColumnFormat): string {
  if (value == null || value === "") return "—";
  switch (format) {
    case "money":
      return formatMoney(value);
    case "percent": {
      const n = toNumber(value);
      return n == null ? String(value) : `${n.toFixed(1)}%`;
    }
    case "number": {
      const n = toNumber(value);
      return n == null ? String(value) : plain.format(n);
    }
    case "date":
      return typeof value === "string" ? value.slice(0, 10) : String(value);
    default:
      return String(value);
  }
}

export function formatValue(value: unknown, unit: string): string {
  return isCurrency(unit) ? formatMoney(value, unit) : formatCell(value, "number") + (unit ? ` ${unit}` : "");
}

export function formatDuration(ms: number | undefined): string {
  if (ms == null) return "";
  return ms < 1000 ? `${Math.max(1, Math.round(ms))} ms` : `${(ms / 1000).toFixed(1)} s`;
}
