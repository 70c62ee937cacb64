import { z } from "zod";

// Time expressions -> half-open ranges of UTC days, always relative to a reference day the caller passes in.
// Conventions: "last N days" are the N whole days before the reference day; "this month/quarter/year" is the whole
// calendar period (forecasts need the end); "YTD", "MTD", "since March" run up to and including the reference day.

export const timeRangeSchema = z.object({
  start: z.string(),
  /** Exclusive. */
  end: z.string(),
  label: z.string(),
  /** The phrase the range was read from. */
  resolvedFrom: z.string(),
});
export type TimeRange = z.infer<typeof timeRangeSchema>;

export const comparisonModeSchema = z.enum([
  "month_over_month",
  "quarter_over_quarter",
  "year_over_year",
  "week_over_week",
  "previous_period",
]);
export const comparisonSchema = z.object({ mode: comparisonModeSchema, resolvedFrom: z.string() });
export type Comparison = z.infer<typeof comparisonSchema>;

const DAY = 86_400_000;
const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const MONTH_NAMES = [
  "January", "February", "March", "April", "May", "June",
  "July", "August", "September", "October", "November", "December",
];
const MONTH_WORD =
  "(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|decmber|febuary|ocotber)";
const NUMBER_WORDS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, twelve: 12 };

/** The UTC day of a Date or a YYYY-MM-DD string, as a Date at 00:00 UTC. */
export function toUtcDay(value: Date | string): Date {
  const d = typeof value === "string" ? new Date(`${value.slice(0, 10)}T00:00:00Z`) : value;
  if (Number.isNaN(d.getTime())) throw new Error(`Not a date: ${String(value)}`);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
}

export const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const addDays = (d: Date, n: number) => new Date(d.getTime() + n * DAY);
const monthStart = (y: number, m: number) => new Date(Date.UTC(y, m, 1));

function monthIndex(word: string): number {
  if (word === "decmber") return 11;
  if (word === "febuary") return 1;
  if (word === "ocotber") return 9;
  return MONTHS.indexOf(word.slice(0, 3));
}

function range(start: Date, end: Date, name: string, resolvedFrom: string): TimeRange {
  const last = isoDay(addDays(end, -1));
  const span = isoDay(start) === last ? isoDay(start) : `${isoDay(start)} to ${last}`;
  return { start: isoDay(start), end: isoDay(end), label: name === span ? span : `${name} (${span})`, resolvedFrom };
}

const monthLabel = (y: number, m: number) => `${MONTH_NAMES[m]} ${y}`;

type Rule = [RegExp, (m: RegExpMatchArray, ref: Date, future: boolean) => TimeRange];

const RULES: Rule[] = [
  [
    /\b(?:between|from)\s+(\d{4}-\d{2}-\d{2})\s+(?:and|to|until|through)\s+(\d{4}-\d{2}-\d{2})\b/,
    (m) => range(toUtcDay(m[1]), addDays(toUtcDay(m[2]), 1), `${m[1]} to ${m[2]}`, m[0]),
  ],
  [
    /\b(?:last|past|previous)\s+(\d+|one|two|three|four|five|six|seven|twelve)\s+(day|week|month)s?\b/,
    (m, ref) => {
      const n = NUMBER_WORDS[m[1]] ?? Number(m[1]);
      if (m[2] === "day") return range(addDays(ref, -n), ref, `last ${n} days`, m[0]);
      if (m[2] === "week") return range(addDays(ref, -7 * n), ref, `last ${n} weeks`, m[0]);
      const end = monthStart(ref.getUTCFullYear(), ref.getUTCMonth());
      return range(monthStart(ref.getUTCFullYear(), ref.getUTCMonth() - n), end, `last ${n} full months`, m[0]);
    },
  ],
  [/\byesterday\b/, (m, ref) => range(addDays(ref, -1), ref, "yesterday", m[0])],
  [/\btoday\b/, (m, ref) => range(ref, addDays(ref, 1), "today", m[0])],
  [
    /\b(last|previous|this|next)\s+week\b/,
    (m, ref) => {
      const monday = addDays(ref, -((ref.getUTCDay() + 6) % 7));
      const shift = m[1] === "this" ? 0 : m[1] === "next" ? 7 : -7;
      return range(addDays(monday, shift), addDays(monday, shift + 7), `${m[1]} week`, m[0]);
    },
  ],
  [
    /\b(ytd|year to date|so far this (?:year|yr))\b/,
    (m, ref) => range(monthStart(ref.getUTCFullYear(), 0), addDays(ref, 1), "year to date", m[0]),
  ],
  [
    /\b(mtd|month to date|so far this month)\b/,
    (m, ref) => range(monthStart(ref.getUTCFullYear(), ref.getUTCMonth()), addDays(ref, 1), "month to date", m[0]),
  ],
  [
    /\b(last|previous|this|current|next)\s+month\b/,
    (m, ref) => {
      const shift = m[1] === "next" ? 1 : m[1] === "this" || m[1] === "current" ? 0 : -1;
      const s = monthStart(ref.getUTCFullYear(), ref.getUTCMonth() + shift);
      const name = `${m[1] === "current" ? "this" : m[1]} month, ${monthLabel(s.getUTCFullYear(), s.getUTCMonth())}`;
      return range(s, monthStart(s.getUTCFullYear(), s.getUTCMonth() + 1), name, m[0]);
    },
  ],
  [
    /\b(last|previous|this|current|next)\s+(?:quarter|qtr)\b/,
    (m, ref) => {
      const shift = m[1] === "next" ? 3 : m[1] === "this" || m[1] === "current" ? 0 : -3;
      const s = monthStart(ref.getUTCFullYear(), ref.getUTCMonth() - (ref.getUTCMonth() % 3) + shift);
      const q = `Q${s.getUTCMonth() / 3 + 1} ${s.getUTCFullYear()}`;
      return range(s, monthStart(s.getUTCFullYear(), s.getUTCMonth() + 3), `${m[1]} quarter, ${q}`, m[0]);
    },
  ],
  [
    /\bq([1-4])(?:\s+(?:of\s+)?(\d{4}))?\b/,
    (m, ref, future) => {
      const q = Number(m[1]) - 1;
      let year = m[2] ? Number(m[2]) : ref.getUTCFullYear();
      // A bare "Q3" is the latest Q3 that has started, or the next one when the question is about the future.
      if (!m[2] && !future && monthStart(year, q * 3) > ref) year -= 1;
      if (!m[2] && future && monthStart(year, q * 3 + 3) <= ref) year += 1;
      return range(monthStart(year, q * 3), monthStart(year, q * 3 + 3), `Q${q + 1} ${year}`, m[0]);
    },
  ],
  [
    /\b(last|previous|this|next)\s+(?:year|yr)\b/,
    (m, ref) => {
      const year = ref.getUTCFullYear() + (m[1] === "next" ? 1 : m[1] === "this" ? 0 : -1);
      return range(monthStart(year, 0), monthStart(year + 1, 0), `${m[1]} year, ${year}`, m[0]);
    },
  ],
  [
    new RegExp(`\\bsince\\s+${MONTH_WORD}(?:\\s+(\\d{4}))?\\b`),
    (m, ref) => {
      const month = monthIndex(m[1]);
      let year = m[2] ? Number(m[2]) : ref.getUTCFullYear();
      if (!m[2] && monthStart(year, month) > ref) year -= 1;
      return range(monthStart(year, month), addDays(ref, 1), `since ${monthLabel(year, month)}`, m[0]);
    },
  ],
  [
    new RegExp(`\\b${MONTH_WORD}(?:\\s+(\\d{4}))?\\b`),
    (m, ref, future) => {
      const month = monthIndex(m[1]);
      let year = m[2] ? Number(m[2]) : ref.getUTCFullYear();
      // A bare month is the latest one that has started ("October" in November is last month), unless the question
      // is about the future ("forecast for December").
      if (!m[2] && !future && month > ref.getUTCMonth()) year -= 1;
      if (!m[2] && future && month < ref.getUTCMonth()) year += 1;
      return range(monthStart(year, month), monthStart(year, month + 1), monthLabel(year, month), m[0]);
    },
  ],
  [
    /\b(?:in|for|during|of)\s+(20\d{2})\b/,
    (m) => {
      const year = Number(m[1]);
      return range(monthStart(year, 0), monthStart(year + 1, 0), `${year}`, m[0]);
    },
  ],
];

const FUTURE_WORDS = /\b(forecast\w*|forcast\w*|predict\w*|project\w*|will|expect\w*|estimat\w*|next|going to)\b/;

/** The first time expression in `text` (by rule priority), resolved against `referenceDate`. */
export function extractTimeRange(text: string, referenceDate: Date | string): TimeRange | undefined {
  const lower = text.toLowerCase();
  const ref = toUtcDay(referenceDate);
  const future = FUTURE_WORDS.test(lower);
  for (const [pattern, resolve] of RULES) {
    const match = lower.match(pattern);
    // "may" is a month only when it reads like one ("in May", "May 2025"), not "may we...".
    if (match && !(match[1] === "may" && !/\b(in|since|for|during|of)\s+may\b|\bmay\s+\d{4}\b/.test(lower))) {
      return resolve(match, ref, future);
    }
  }
  return undefined;
}

const COMPARISONS: Array<[RegExp, Comparison["mode"]]> = [
  [/\b(mom|month[- ](?:over|on)[- ]month)\b/, "month_over_month"],
  [/\b(qoq|quarter[- ](?:over|on)[- ]quarter)\b/, "quarter_over_quarter"],
  [/\b(yoy|year[- ](?:over|on)[- ]year)\b/, "year_over_year"],
  [/\b(wow|week[- ](?:over|on)[- ]week)\b/, "week_over_week"],
  [/\b((?:vs\.?|versus|compared (?:to|with)|to|than|against)\s+(?:the\s+)?(?:last|previous|prior)\s+\w+)\b/, "previous_period"],
];

export function extractComparison(text: string): Comparison | undefined {
  const lower = text.toLowerCase();
  for (const [pattern, mode] of COMPARISONS) {
    const match = lower.match(pattern);
    if (match) return { mode, resolvedFrom: match[0] };
  }
  return undefined;
}
