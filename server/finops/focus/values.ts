// Value conversions for FOCUS cells. Money and quantities stay decimal strings end to end: a JS number cannot hold
// 0.1 exactly, and the store sums them in PostgreSQL numeric.

/** Largest integer part numeric(20,10) holds. */
export const MAX_INTEGER_DIGITS = 10;

// Already canonical (no exponent, no redundant zeros): returned as is, the common case.
const CANONICAL_DECIMAL = /^-?(?:0|[1-9]\d*)(?:\.\d*[1-9])?$/;
const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d{1,4}))?$/;

/** "1.5E-3" -> "0.0015", "+007.50" -> "7.5", "-0" -> "0"; null when the text is not a decimal number. */
export function toExactDecimal(text: string): string | null {
  if (text !== "-0" && CANONICAL_DECIMAL.test(text)) return text;
  const match = DECIMAL.exec(text.trim());
  if (!match) return null;
  const [, sign, whole = "", fraction = "", exponent] = match;
  if (whole === "" && fraction === "") return null;
  const digits = whole + fraction;
  const point = whole.length + (exponent ? Number(exponent) : 0);
  let intPart: string;
  let fracPart: string;
  if (point <= 0) {
    intPart = "0";
    fracPart = "0".repeat(-point) + digits;
  } else if (point >= digits.length) {
    intPart = digits + "0".repeat(point - digits.length);
    fracPart = "";
  } else {
    intPart = digits.slice(0, point);
    fracPart = digits.slice(point);
  }
  intPart = intPart.replace(/^0+(?=\d)/, "");
  fracPart = fracPart.replace(/0+$/, "");
  const magnitude = fracPart ? `${intPart}.${fracPart}` : intPart;
  const isZero = /^[0.]*$/.test(magnitude);
  return sign === "-" && !isZero ? `-${magnitude}` : magnitude;
}

export function integerDigits(decimal: string): number {
  const unsigned = decimal.startsWith("-") ? decimal.slice(1) : decimal;
  const dot = unsigned.indexOf(".");
  const intPart = dot === -1 ? unsigned : unsigned.slice(0, dot);
  return intPart === "0" ? 0 : intPart.length;
}

const TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|UTC|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * "2024-01-01", "2024-01-01 00:00:00", "2024-01-01T00:00:00Z", "2024-01-01T02:00:00+02:00" -> UTC ISO 8601
 * (millisecond precision). A timestamp without zone is UTC, as FOCUS requires UTC datetimes.
 */
export function toUtcIso(text: string): string | null {
  const match = TIMESTAMP.exec(text.trim());
  if (!match) return null;
  const [, y, mo, d, h = "0", mi = "0", s = "0", frac = "", zone = "Z"] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return null;
  const calendar = new Date(Date.UTC(year, month - 1, day));
  if (calendar.getUTCDate() !== day || calendar.getUTCMonth() !== month - 1) return null;
  const millis = Number(frac.padEnd(3, "0").slice(0, 3));
  let offsetMinutes = 0;
  if (!/^(z|utc)$/i.test(zone)) {
    const sign = zone.startsWith("-") ? -1 : 1;
    const digits = zone.slice(1).replace(":", "");
    const oh = Number(digits.slice(0, 2));
    const om = Number(digits.slice(2) || "0");
    if (oh > 14 || om > 59) return null;
    offsetMinutes = sign * (oh * 60 + om);
  }
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, millis) - offsetMinutes * 60_000;
  return new Date(utc).toISOString();
}

export type TagMap = Record<string, string | null>;

/** Tags as a JSON object (`{"team":"data"}`) or `key=value;key2=value2` (`,` also separates). */
export function toTags(text: string): TagMap | null {
  const trimmed = text.trim();
  if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(trimmed);
    } catch {
      return null;
    }
    if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) return null;
    const tags: TagMap = {};
    for (const [key, value] of Object.entries(parsed)) {
      if (value === null) tags[key] = null;
      else if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") {
        tags[key] = String(value);
      } else return null;
    }
    return tags;
  }
  const tags: TagMap = {};
  for (const pair of trimmed.split(/[;,]/)) {
    if (pair.trim() === "") continue;
    const eq = pair.indexOf("=");
    const key = (eq === -1 ? pair : pair.slice(0, eq)).trim();
    if (key === "") return null;
    tags[key] = eq === -1 ? null : pair.slice(eq + 1).trim();
  }
  return tags;
}

/** Empty cells and the literal NULL/null some exporters write both mean "no value". */
export function isNullCell(value: string | null | undefined): value is null | undefined {
  if (value === null || value === undefined || value === "") return true;
  const first = value.charCodeAt(0);
  // Only cells starting with whitespace or n/N can be null; skip the trim for every other value.
  if (first > 32 && first !== 78 && first !== 110) return false;
  const trimmed = value.trim();
  return trimmed === "" || trimmed === "NULL" || trimmed === "null";
}
