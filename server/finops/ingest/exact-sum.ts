// Exact sums of the decimal strings an import stores, rounded the way the store rounds them: cost_line_items holds
// numeric(20, 10), so PostgreSQL rounds each value to 10 decimals (half away from zero) on the way in, and a rollup
// summed here must equal the same sum computed by PostgreSQL over the stored rows, to the last digit.

import type { ScaledNumber } from "../../adapters/db/copy-binary.ts";

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
 * are parsed once and added to several sums. Reads the digits in place (no substrings: it runs for every amount of
 * every row).
 */
export function parseScaled(decimal: string, out: Float64Array, at: number): void {
  const length = decimal.length;
  const negative = decimal.charCodeAt(0) === 45; // "-"
  let i = negative ? 1 : 0;
  let whole = 0;
  for (let c = decimal.charCodeAt(i); i < length && c !== 46; c = decimal.charCodeAt(++i)) whole = whole * 10 + (c - 48);
  let units = 0;
  let digits = 0;
  for (i += 1; i < length && digits < STORED_SCALE; i++, digits++) units = units * 10 + (decimal.charCodeAt(i) - 48);
  if (digits < STORED_SCALE) units *= POW10[STORED_SCALE - digits]!;
  else if (i < length && decimal.charCodeAt(i) >= 53) units += 1; // the 11th decimal is 5-9: round away from zero
  out[at] = negative ? -whole : whole;
  out[at + 1] = negative ? -units : units;
}

/**
 * Running exact sums of several amounts added together (a row's costs): for each, its integer parts and its 1e-10
 * units are summed as doubles (exact below 2^53) and folded into a bigint every FOLD_EVERY additions.
 */
export class ExactSums {
  /** Integer part and units of each sum, interleaved: the layout parseScaled writes. */
  private readonly parts: Float64Array;
  private folded: bigint[] | null = null;
  private pending = 0;
  /** How many rows were added: the SQL sum of no values is NULL. */
  count = 0;

  constructor(readonly size: number) {
    this.parts = new Float64Array(2 * size);
  }

  /** Adds one row of amounts parsed by parseScaled (integer part and units of each, interleaved). */
  add(scaled: Float64Array): void {
    const parts = this.parts;
    for (let i = 0; i < parts.length; i++) parts[i] += scaled[i]!;
    this.count += 1;
    if (++this.pending >= FOLD_EVERY) this.fold();
  }

  /** Adds another sum of the same size into this one. */
  merge(other: ExactSums): void {
    if (other.count === 0) return;
    if (other.folded) {
      const folded = (this.folded ??= new Array<bigint>(this.size).fill(0n));
      for (let i = 0; i < this.size; i++) folded[i]! += other.folded[i]!;
    }
    for (let i = 0; i < this.parts.length; i++) this.parts[i] += other.parts[i]!;
    this.count += other.count;
    this.pending += other.pending;
    if (this.pending >= FOLD_EVERY) this.fold();
  }

  /** Sum `index` in units of 1e-10, or null when nothing was added. */
  scaled(index: number): ScaledNumber | null {
    if (this.count === 0) return null;
    const whole = this.parts[2 * index]!;
    // Most sums fit a double exactly in units of 1e-10 (below 2^53: the units part stays under 1e15 between folds):
    // no bigint arithmetic for them.
    if (this.folded === null && Math.abs(whole) < 800_000) return { unscaled: whole * 1e10 + this.parts[2 * index + 1]!, scale: STORED_SCALE };
    this.fold();
    return { unscaled: this.folded![index]!, scale: STORED_SCALE };
  }

  /** Every sum in units of 1e-10. */
  scaledAll(): (ScaledNumber | null)[] {
    const all = new Array<ScaledNumber | null>(this.size);
    for (let i = 0; i < this.size; i++) all[i] = this.scaled(i);
    return all;
  }

  /** Sum `index` with 10 decimals ("-3.1000000000"), or null when nothing was added. */
  text(index: number): string | null {
    const sum = this.scaled(index);
    if (sum === null) return null;
    const { unscaled } = sum;
    return decimalText(unscaled < 0, (unscaled < 0 ? -unscaled : unscaled).toString());
  }

  /** Every sum's text. */
  texts(): (string | null)[] {
    return Array.from({ length: this.size }, (_, i) => this.text(i));
  }

  private fold(): void {
    const folded = (this.folded ??= new Array<bigint>(this.size).fill(0n));
    for (let i = 0; i < this.size; i++) {
      folded[i]! += BigInt(this.parts[2 * i]!) * BIG_UNIT + BigInt(this.parts[2 * i + 1]!);
      this.parts[2 * i] = 0;
      this.parts[2 * i + 1] = 0;
    }
    this.pending = 0;
  }
}

/** A running exact sum of canonical decimal strings ("-12.5", "0.0000000001", as toExactDecimal returns them). */
export class ExactSum {
  private readonly sums = new ExactSums(1);

  add(decimal: string): void {
    parseScaled(decimal, SCRATCH, 0);
    this.sums.add(SCRATCH);
  }

  /** Adds another sum into this one. */
  merge(other: ExactSum): void {
    this.sums.merge(other.sums);
  }

  /** The sum with 10 decimals ("-3.1000000000"), or null when nothing was added. */
  toText(): string | null {
    return this.sums.text(0);
  }

  /** The sum in units of 1e-10, or null when nothing was added. */
  scaled(): ScaledNumber | null {
    return this.sums.scaled(0);
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
