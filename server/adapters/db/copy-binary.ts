// Rows in PostgreSQL's binary COPY format (https://www.postgresql.org/docs/current/sql-copy.html, "Binary Format").
// The server reads binary fields with each type's receive function instead of parsing text: loading the cost store's
// 200k-row benchmark file that way took ~25% less time on PostgreSQL and ~30% less on PGlite than CSV (measured).
// A row is an int16 field count, then per field an int32 byte length (-1: NULL) and the bytes. The file header and
// trailer are the driver's (driver.ts): PGlite runs one COPY per few megabytes of rows, each a whole file.

/** The binary COPY file header: signature, flags (no OIDs) and header extension length. */
export const BINARY_COPY_HEADER = new Uint8Array([0x50, 0x47, 0x43, 0x4f, 0x50, 0x59, 0x0a, 0xff, 0x0d, 0x0a, 0x00, 0, 0, 0, 0, 0, 0, 0, 0]);
/** The binary COPY file trailer: a field count of -1. */
export const BINARY_COPY_TRAILER = new Uint8Array([0xff, 0xff]);

const JSONB_VERSION = Buffer.of(1);
/** A jsonb field's bytes (its version byte, 1, then the JSON text), for a value written to many rows (BinaryRowWriter.bytes). */
export const jsonbBytes = (json: string): Uint8Array => Buffer.concat([JSONB_VERSION, Buffer.from(json, "utf8")]);

/** Whether a COPY statement reads the binary format. */
export const isBinaryCopy = (sql: string) => /\bFORMAT\s+binary\b/i.test(sql);

/** A numeric as a count of 10^-scale units: { unscaled: 1234, scale: 2 } is 12.34. */
export interface ScaledNumber {
  unscaled: number | bigint;
  scale: number;
}

/** A field's value: text for every type (numerics as decimal text), a number for int8, a ScaledNumber for numeric. */
export type BinaryValue = string | number | ScaledNumber | null;

/** The PostgreSQL types the writer encodes. */
export type BinaryType = "text" | "numeric" | "timestamptz" | "date" | "uuid" | "int8" | "jsonb";

const CHUNK_BYTES = 256 * 1024;
/** PostgreSQL's epoch for timestamps and dates, in Unix milliseconds. */
const PG_EPOCH_MS = Date.UTC(2000, 0, 1);
const DAY_MS = 86_400_000;
const TWO_32 = 2 ** 32;
const POW10 = Array.from({ length: 19 }, (_, i) => 10 ** i);
/**
 * Decimals a numeric is sent with. Rounding to a scale below this reads no digit past it, and a binary numeric may
 * hold at most 3000 digit groups (numeric_recv), where text input has no such limit.
 */
const MAX_FRACTION_DIGITS = 1000;
/** Strings this short are encoded by a loop when they are ASCII: cheaper than a call into Buffer.write. */
const SHORT_STRING = 64;

/**
 * Writes rows field by field into chunks of about 256 kB that each hold whole rows and own their memory (so they
 * can be transferred to another thread). Values are trusted to be what their type needs: numerics as decimal text
 * ("-12.5", "0.0000000001"), timestamps as ISO 8601 text Date.parse reads, dates as YYYY-MM-DD, uuids as hex text.
 */
export class BinaryRowWriter {
  private buffer = Buffer.allocUnsafeSlow(4 * CHUNK_BYTES);
  private used = 0;
  private rowStart = 0;
  private chunks: Uint8Array<ArrayBuffer>[] = [];
  /** Microseconds since 2000-01-01 of each timestamp seen: files repeat a few timestamps on every row. */
  private readonly timestamps = new Map<string, number>();
  private readonly days = new Map<string, number>();
  private readonly uuids = new Map<string, Uint8Array>();

  /** Starts a row of `fields` fields. */
  startRow(fields: number): void {
    this.rowStart = this.used;
    this.reserve(2);
    int16(this.buffer, this.used, fields);
    this.used += 2;
  }

  /** Ends the row started last; a chunk is closed once it reaches its size. */
  endRow(): void {
    this.rowStart = this.used;
    if (this.used >= CHUNK_BYTES) this.flush();
  }

  /** Writes one row of values of the given types (null: NULL). */
  row(values: readonly BinaryValue[], types: readonly BinaryType[]): void {
    this.startRow(values.length);
    for (let i = 0; i < values.length; i++) this.field(values[i] ?? null, types[i]!);
    this.endRow();
  }

  field(value: BinaryValue, type: BinaryType): void {
    if (value === null) return this.null();
    if (typeof value === "object") {
      if (type !== "numeric") throw new Error(`a scaled number is not a ${type}`);
      return this.scaledNumeric(value);
    }
    switch (type) {
      case "text":
        return this.text(String(value));
      case "numeric":
        return this.numeric(String(value));
      case "timestamptz":
        return this.timestamptz(String(value));
      case "date":
        return this.date(String(value));
      case "uuid":
        return this.uuid(String(value));
      case "int8":
        return this.int8(Number(value));
      case "jsonb":
        return this.jsonb(String(value));
    }
  }

  null(): void {
    this.reserve(4);
    int32(this.buffer, this.used, -1);
    this.used += 4;
  }

  text(value: string): void {
    this.utf8(value, 0);
  }

  /** jsonb's binary form: a version byte (1), then the JSON text. */
  jsonb(json: string): void {
    this.utf8(json, 1);
  }

  /** A field whose bytes are already encoded (a cached jsonb value, say). */
  bytes(value: Uint8Array): void {
    this.reserve(4 + value.length);
    int32(this.buffer, this.used, value.length);
    this.buffer.set(value, this.used + 4);
    this.used += 4 + value.length;
  }

  /**
   * numeric: base-10000 digit groups around the decimal point, with the scale the text has. The server rounds to
   * the column's scale and checks its precision, as it does for text input.
   */
  numeric(decimal: string): void {
    const length = decimal.length;
    const negative = decimal.charCodeAt(0) === 45; // "-"
    let start = negative ? 1 : 0;
    let dot = decimal.indexOf(".", start);
    if (dot === -1) dot = length;
    while (start < dot && decimal.charCodeAt(start) === 48) start++; // leading zeros
    const intDigits = dot - start;
    const scale = Math.min(dot < length ? length - dot - 1 : 0, MAX_FRACTION_DIGITS);
    const intGroups = Math.ceil(intDigits / 4);
    const groups = intGroups + Math.ceil(scale / 4);
    this.reserve(8 + 2 * groups);
    const b = this.buffer;
    let at = this.used;
    int32(b, at, 8 + 2 * groups);
    int16(b, at + 4, groups);
    int16(b, at + 6, intGroups - 1); // weight: the power of 10000 of the first group
    int16(b, at + 8, negative ? 0x4000 : 0);
    int16(b, at + 10, scale);
    at += 12;
    // Integer groups are aligned on the decimal point: the first one holds 1 to 4 digits.
    let next = start;
    for (let g = 0; g < intGroups; g++) {
      const end = dot - 4 * (intGroups - 1 - g);
      let group = 0;
      for (; next < end; next++) group = group * 10 + digit(decimal, next);
      int16(b, at, group);
      at += 2;
    }
    // Fraction groups are 4 digits each, the last one padded with zeros.
    next = dot + 1;
    const fractionEnd = dot + 1 + scale;
    for (let g = intGroups; g < groups; g++) {
      let group = 0;
      for (let k = 0; k < 4; k++, next++) group = group * 10 + (next < fractionEnd ? digit(decimal, next) : 0);
      int16(b, at, group);
      at += 2;
    }
    this.used = at;
  }

  /**
   * numeric from an integer count of 10^-scale units, with no decimal text in between (an import's rollup sums).
   * Safe integers at scales up to 15 are split exactly in double arithmetic; anything else goes through its text.
   */
  scaledNumeric({ unscaled, scale }: ScaledNumber): void {
    if (typeof unscaled === "bigint" || !Number.isSafeInteger(unscaled) || scale > 15 || scale < 0) {
      const negative = unscaled < 0;
      const digits = (negative ? -BigInt(unscaled) : BigInt(unscaled)).toString().padStart(scale + 1, "0");
      return this.numeric(`${negative ? "-" : ""}${scale > 0 ? `${digits.slice(0, -scale)}.${digits.slice(-scale)}` : digits}`);
    }
    const unit = POW10[scale]!;
    const magnitude = Math.abs(unscaled);
    let whole = Math.floor(magnitude / unit);
    let fraction = magnitude - whole * unit; // exact: both products are below 2^53
    // The quotient is rounded to a double: near a whole number it can land one off.
    if (fraction < 0) (whole -= 1), (fraction += unit);
    else if (fraction >= unit) (whole += 1), (fraction -= unit);
    let intGroups = 0;
    for (let rest = whole; rest > 0; rest = Math.floor(rest / 10_000)) intGroups++;
    const fracGroups = Math.ceil(scale / 4);
    const groups = intGroups + fracGroups;
    this.reserve(12 + 2 * groups);
    const b = this.buffer;
    const at = this.used;
    int32(b, at, 8 + 2 * groups);
    int16(b, at + 4, groups);
    int16(b, at + 6, intGroups - 1);
    int16(b, at + 8, unscaled < 0 ? 0x4000 : 0);
    int16(b, at + 10, scale);
    // Groups are written from the last: the fraction, padded to whole groups, then the integer part. Quotients by
    // floor and products, not %: on doubles past 32 bits % is a call to fmod.
    let end = at + 12 + 2 * groups;
    let rest = fraction * POW10[4 * fracGroups - scale]!;
    for (let g = 0; g < fracGroups + intGroups; g++) {
      if (g === fracGroups) rest = whole;
      const next = Math.floor(rest / 10_000);
      end -= 2;
      int16(b, end, rest - next * 10_000);
      rest = next;
    }
    this.used = at + 12 + 2 * groups;
  }

  /** timestamptz: microseconds since 2000-01-01 UTC as an int64. */
  timestamptz(iso: string): void {
    let micros = this.timestamps.get(iso);
    if (micros === undefined) {
      const ms = Date.parse(iso);
      if (Number.isNaN(ms)) throw new Error(`not a timestamp: ${iso}`);
      if (this.timestamps.size > 10_000) this.timestamps.clear();
      micros = (ms - PG_EPOCH_MS) * 1000;
      this.timestamps.set(iso, micros);
    }
    this.int8(micros);
  }

  /** date: days since 2000-01-01 as an int32. */
  date(isoDate: string): void {
    let days = this.days.get(isoDate);
    if (days === undefined) {
      const ms = Date.parse(`${isoDate}T00:00:00Z`);
      if (Number.isNaN(ms)) throw new Error(`not a date: ${isoDate}`);
      if (this.days.size > 10_000) this.days.clear();
      days = (ms - PG_EPOCH_MS) / DAY_MS;
      this.days.set(isoDate, days);
    }
    this.reserve(8);
    int32(this.buffer, this.used, 4);
    int32(this.buffer, this.used + 4, days);
    this.used += 8;
  }

  uuid(text: string): void {
    let bytes = this.uuids.get(text);
    if (bytes === undefined) {
      const hex = text.replace(/-/g, "");
      if (!/^[0-9a-f]{32}$/i.test(hex)) throw new Error(`not a uuid: ${text}`);
      bytes = Buffer.from(hex, "hex");
      this.uuids.set(text, bytes);
    }
    this.bytes(bytes);
  }

  /** int8 of a safe integer: written as two 32-bit halves (no BigInt per value). */
  int8(value: number): void {
    if (!Number.isSafeInteger(value)) throw new Error(`not an int8 this writer can encode: ${value}`);
    this.reserve(12);
    const high = Math.floor(value / TWO_32);
    int32(this.buffer, this.used, 8);
    int32(this.buffer, this.used + 4, high);
    int32(this.buffer, this.used + 8, value - high * TWO_32);
    this.used += 12;
  }

  /** The chunks written so far (whole rows only); the writer starts over. */
  take(): Uint8Array<ArrayBuffer>[] {
    if (this.rowStart !== this.used) throw new Error("a row is still being written");
    this.flush();
    const chunks = this.chunks;
    this.chunks = [];
    return chunks;
  }

  /** Discards everything written (the rows of a rejected file). */
  clear(): void {
    this.used = this.rowStart = 0;
    this.chunks = [];
  }

  /** A field of UTF-8 text after `prefix` bytes (jsonb's version byte). */
  private utf8(value: string, prefix: 0 | 1): void {
    const n = value.length;
    this.reserve(4 + prefix + 3 * n); // UTF-8 takes at most 3 bytes per UTF-16 unit
    const b = this.buffer;
    const start = this.used + 4;
    let at = start;
    if (prefix) b[at++] = 1;
    let i = 0;
    if (n <= SHORT_STRING) {
      for (; i < n; i++) {
        const c = value.charCodeAt(i);
        if (c >= 0x80) break;
        b[at++] = c;
      }
    }
    if (i < n) at = start + prefix + b.write(value, start + prefix, "utf8");
    int32(b, this.used, at - start);
    this.used = at;
  }

  /** Room for `bytes` more bytes; the row being written moves to a new chunk when the current one is full. */
  private reserve(bytes: number): void {
    if (this.used + bytes <= this.buffer.length) return;
    const partial = this.buffer.subarray(this.rowStart, this.used);
    if (this.rowStart > 0) this.chunks.push(new Uint8Array(this.buffer.subarray(0, this.rowStart)));
    const needed = partial.length + bytes;
    if (needed > this.buffer.length) {
      const larger = Buffer.allocUnsafeSlow(Math.max(2 * this.buffer.length, 2 * needed));
      partial.copy(larger, 0);
      this.buffer = larger;
    } else this.buffer.copyWithin(0, this.rowStart, this.used);
    this.used = partial.length;
    this.rowStart = 0;
  }

  private flush(): void {
    if (this.rowStart > 0) this.chunks.push(new Uint8Array(this.buffer.subarray(0, this.rowStart)));
    this.buffer.copyWithin(0, this.rowStart, this.used);
    this.used -= this.rowStart;
    this.rowStart = 0;
  }
}

// Big-endian stores written out: Buffer's writeInt32BE and friends check their arguments on every call, and these
// run for every field of every row. The values written are in range by construction.
function int16(b: Buffer, at: number, value: number): void {
  b[at] = value >>> 8;
  b[at + 1] = value;
}
function int32(b: Buffer, at: number, value: number): void {
  b[at] = value >>> 24;
  b[at + 1] = value >>> 16;
  b[at + 2] = value >>> 8;
  b[at + 3] = value;
}

function digit(text: string, at: number): number {
  const d = text.charCodeAt(at) - 48;
  if (d < 0 || d > 9) throw new Error(`not a decimal number: ${text}`);
  return d;
}
