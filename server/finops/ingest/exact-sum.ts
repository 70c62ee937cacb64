// Exact sums of the decimal strings an import stores, rounded the way the store rounds them: cost_line_items holds
// numeric(20, 10), so PostgreSQL rounds each value to 10 decimals (half away from zero) on the way in, and a rollup
// summed here must equal the same sum computed by PostgreSQL over the stored rows, to the last digit.

const STORED_SCALE = 10;
const BIG_UNIT = 10n ** 10n;
// Each value's integer part has at most 10 digits (MAX_INTEGER_DIGITS) and its fraction is < 1e10 units, so 100,000
// additions stay far below 2^53; then the float parts are folded into a bigint.
const FOLD_EVERY = 100_000;
const POW10 = Array.from({ length: STORED_SCALE + 1 }, (_, i) => 10 ** i);

const SCRATCH = new Float64Array(2);

/**
 * Splits a canonical decimal string ("-12.5", as toExactDecimal returns it) into its signed integer part and signed
 * units of 1e-10, rounded to 10 decimals half away from zero, written to out[at] and out[at + 1]: a row's amounts
 * are parsed once and added to several sums.
 */
export function parseScaled(decimal: string, out: Float64Array, at: number): void {
  const negative = decimal.charCodeAt(0) === 45; // "-"
  const start = negative ? 1 : 0;
  const dot = decimal.indexOf(".", start);
  let whole: number;
  let units = 0;
  if (dot === -1) whole = Number(decimal.slice(start));
  else {
    whole = dot > start ? Number(decimal.slice(start, dot)) : 0;
    const fraction = decimal.slice(dot + 1);
    if (fraction.length <= STORED_SCALE) units = Number(fraction) * POW10[STORED_SCALE - fraction.length]!;
    else {
      units = Number(fraction.slice(0, STORED_SCALE));
      if (fraction.charCodeAt(STORED_SCALE) >= 53) units += 1; // the 11th decimal is 5-9: round away from zero
    }
  }
  out[at] = negative ? -whole : whole;
  out[at + 1] = negative ? -units : units;
}

/** A running exact sum of canonical decimal strings ("-12.5", "0.0000000001", as toExactDecimal returns them). */
export class ExactSum {
  private whole = 0;
  private units = 0;
  private folded = 0n;
  private pending = 0;
  /** Whether any value was added: the SQL sum of no values is NULL. */
  hasValue = false;

  add(decimal: string): void {
    parseScaled(decimal, SCRATCH, 0);
    this.addScaled(SCRATCH[0]!, SCRATCH[1]!);
  }

  /** Adds a value parsed by parseScaled: its signed integer part and signed 1e-10 units. */
  addScaled(whole: number, units: number): void {
    this.whole += whole;
    this.units += units;
    this.hasValue = true;
    if (++this.pending >= FOLD_EVERY) this.fold();
  }

  /** Adds another sum into this one. */
  merge(other: ExactSum): void {
    if (!other.hasValue) return;
    if (other.folded !== 0n) this.folded += other.folded;
    this.whole += other.whole;
    this.units += other.units;
    this.hasValue = true;
    this.pending += other.pending;
    if (this.pending >= FOLD_EVERY) this.fold();
  }

  /** The sum in units of 1e-10. */
  private scaled(): bigint {
    this.fold();
    return this.folded;
  }

  /** The sum with 10 decimals ("-3.1000000000"), or null when nothing was added. */
  toText(): string | null {
    if (!this.hasValue) return null;
    // Most sums fit a double exactly in units of 1e-10 (below 2^53: the units part stays under 1e15 between folds):
    // format them without bigint arithmetic.
    if (this.folded === 0n && Math.abs(this.whole) < 800_000) {
      const units = this.whole * 1e10 + this.units;
      return decimalText(units < 0, String(Math.abs(units)));
    }
    const total = this.scaled();
    return decimalText(total < 0n, (total < 0n ? -total : total).toString());
  }

  private fold(): void {
    if (this.pending === 0 && this.whole === 0 && this.units === 0) return;
    this.folded += BigInt(this.whole) * BIG_UNIT + BigInt(this.units);
    this.whole = 0;
    this.units = 0;
    this.pending = 0;
  }
}

/** Units of 1e-10 as a decimal with 10 decimals: (false, "15") -> "0.0000000015". */
function decimalText(negative: boolean, unitDigits: string): string {
  const digits = unitDigits.padStart(STORED_SCALE + 1, "0");
  const text = `${digits.slice(0, -STORED_SCALE)}.${digits.slice(-STORED_SCALE)}`;
  return negative ? `-${text}` : text;
}

/** "12.3400000000" -> "12.34": numeric(20,10) pads to its scale. */
export function trimDecimal(value: string): string {
  return value.includes(".") ? value.replace(/0+$/, "").replace(/\.$/, "") : value;
}
