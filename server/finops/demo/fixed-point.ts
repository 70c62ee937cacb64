// Money and quantities are computed as integers of a fixed scale and printed as exact decimal strings, so no float
// ever reaches a FOCUS cell: micro-dollars (1e-6) for costs, 1e-10 dollars for unit prices, milli-units for quantities.

export const COST_SCALE = 6;
export const PRICE_SCALE = 10;
export const QUANTITY_SCALE = 3;

/** 1234567, 6 -> "1.234567"; 1500, 3 -> "1.5"; 0 -> "0"; canonical (no trailing zeros, no "-0"). */
export function formatFixed(value: number, scale: number): string {
  if (value === 0) return "0";
  const negative = value < 0;
  let digits = String(negative ? -value : value);
  if (digits.length <= scale) digits = "0".repeat(scale - digits.length + 1) + digits;
  const cut = digits.length - scale;
  let end = digits.length;
  while (end > cut && digits.charCodeAt(end - 1) === 48) end--;
  const text = end > cut ? `${digits.slice(0, cut)}.${digits.slice(cut, end)}` : digits.slice(0, cut);
  return negative ? `-${text}` : text;
}

/** "0.096" -> 960000000 at scale 10; exact for the catalog's price strings. */
export function parseFixed(text: string, scale: number): number {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) throw new Error(`not a plain decimal: ${text}`);
  const fraction = (match[2] ?? "").padEnd(scale, "0");
  if (fraction.length > scale) throw new Error(`${text} has more than ${scale} decimals`);
  return Number(match[1] + fraction);
}

/** Cost in micro-dollars of a quantity (milli-units) at a unit price (1e-10 dollars), rounded like a bill is. */
export function costMicros(quantityMilli: number, priceE10: number): number {
  return Math.round((quantityMilli * priceE10) / 1e7);
}

export const formatCost = (micros: number) => formatFixed(micros, COST_SCALE);
export const formatPrice = (priceE10: number) => formatFixed(priceE10, PRICE_SCALE);
export const formatQuantity = (milli: number) => formatFixed(milli, QUANTITY_SCALE);
