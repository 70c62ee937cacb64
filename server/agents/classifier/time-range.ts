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
  /** Two periods the question names ("September vs October"): the later one against `baseline`. */
  "between_periods",
]);
export const comparisonSchema = z.object({ mode: comparisonModeSchema, resolvedFrom: z.string(), baseline: timeRangeSchema.optional() });
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

/** Half `half` (0: January to June, 1: July to December) of the year given, or the one `relative` to this one's, or the latest begun. */
function halfYear(half: number, given: number | undefined, relative: "last" | "next" | undefined, ref: Date, future: boolean, resolvedFrom: string): TimeRange {
  let year = given ?? ref.getUTCFullYear() + (relative === "last" ? -1 : relative === "next" ? 1 : 0);
  if (given === undefined && relative === undefined) {
    if (!future && monthStart(year, half * 6) > ref) year -= 1;
    if (future && monthStart(year, half * 6 + 6) <= ref) year += 1;
  }
  return range(monthStart(year, half * 6), monthStart(year, half * 6 + 6), `H${half + 1} ${year}`, resolvedFrom);
}

type Rule = [RegExp, (m: RegExpMatchArray, ref: Date, future: boolean) => TimeRange | undefined];

// One day, written as "2026-09-15", "Sept 15", "September 15th, 2026", "15 September" or "the 15th of September".
const ORDINAL = "(\\d{1,2})(?:st|nd|rd|th)?";
const DAY_FORMS = [
  "(\\d{4}-\\d{2}-\\d{2})",
  `${MONTH_WORD}\\.?\\s+${ORDINAL}(?:,?\\s+(\\d{4}))?(?![\\d:])`,
  // Not "top 10 oct…" or "last 3 dec…".
  `(?<!\\b(?:top|last|past|next|first|previous)\\s+)(?:the\\s+)?${ORDINAL}\\s+(?:of\\s+)?${MONTH_WORD}(?:,?\\s+(\\d{4}))?`,
];
const A_DAY = `(?:${DAY_FORMS.join("|")})`;
/** Groups per A_DAY match: ISO date; month, day, year; day, month, year. */
const DAY_GROUPS = 7;

/** The day an A_DAY match names (its groups from `at`), or null when there is no such day ("Feb 30"). */
function dayOf(m: RegExpMatchArray, at: number, ref: Date, future: boolean): Date | null {
  if (m[at]) {
    const iso = toUtcDay(m[at]);
    return isoDay(iso) === m[at] ? iso : null;
  }
  return m[at + 1] ? calendarDay(m[at + 1]!, m[at + 2]!, m[at + 3], ref, future) : calendarDay(m[at + 5]!, m[at + 4]!, m[at + 6], ref, future);
}

/**
 * A month and day, with or without a year. Without one it is the latest such day on or before the reference day, or
 * the next one when the question is about the future.
 */
function calendarDay(month: string, day: string, year: string | undefined, ref: Date, future: boolean): Date | null {
  const build = (y: number) => {
    const date = new Date(Date.UTC(y, monthIndex(month), Number(day)));
    return date.getUTCDate() === Number(day) ? date : null;
  };
  if (year) return build(Number(year));
  const thisYear = build(ref.getUTCFullYear());
  if (thisYear && !future && thisYear > ref) return build(ref.getUTCFullYear() - 1);
  if (thisYear && future && thisYear < ref) return build(ref.getUTCFullYear() + 1);
  return thisYear;
}

const dayName = (d: Date) => `${MONTH_NAMES[d.getUTCMonth()]} ${d.getUTCDate()}, ${d.getUTCFullYear()}`;

/** "September 1–15, 2026", "September 28 to October 3, 2026", "December 20, 2025 to January 5, 2026". */
function daysName(from: Date, to: Date): string {
  const [fm, tm, fy, ty] = [from.getUTCMonth(), to.getUTCMonth(), from.getUTCFullYear(), to.getUTCFullYear()];
  if (fy !== ty) return `${dayName(from)} to ${dayName(to)}`;
  if (fm !== tm) return `${MONTH_NAMES[fm]} ${from.getUTCDate()} to ${MONTH_NAMES[tm]} ${to.getUTCDate()}, ${ty}`;
  return `${MONTH_NAMES[fm]} ${from.getUTCDate()}–${to.getUTCDate()}, ${ty}`;
}

/** Weekday names in getUTCDay order (Sunday 0). */
const WEEKDAY_NAMES = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];
const WEEKDAY = `(${WEEKDAY_NAMES.join("|")})`;
/** What sets one day of the week against another: " vs ", " compared to ", " or ". */
const SET_AGAINST = String.raw`\s+(?:vs\.?|versus|compared (?:to|with)|against|or)\s+`;
/** Two days of the week set against each other ("Monday vs Friday"): each one's average day, not one date. */
export const TWO_WEEKDAYS = new RegExp(String.raw`\b${WEEKDAY}s?${SET_AGAINST}${WEEKDAY}s?\b`, "i");

/** US Thanksgiving: the fourth Thursday of November (getUTCDay: Thursday 4). */
function thanksgiving(year: number): Date {
  const first = new Date(Date.UTC(year, 10, 1));
  return addDays(first, ((4 - first.getUTCDay() + 7) % 7) + 21);
}

/** Days retail and seasonal spend is asked about by name. */
const HOLIDAYS: Array<{ pattern: RegExp; name: string; day: (year: number) => Date }> = [
  { pattern: /^black friday$/, name: "Black Friday", day: (y) => addDays(thanksgiving(y), 1) },
  { pattern: /^cyber monday$/, name: "Cyber Monday", day: (y) => addDays(thanksgiving(y), 4) },
  { pattern: /^thanksgiving/, name: "Thanksgiving", day: thanksgiving },
  { pattern: /^christmas eve$/, name: "Christmas Eve", day: (y) => new Date(Date.UTC(y, 11, 24)) },
  { pattern: /^(?:christmas(?: day)?|xmas)$/, name: "Christmas Day", day: (y) => new Date(Date.UTC(y, 11, 25)) },
  { pattern: /^new year'?s eve$/, name: "New Year's Eve", day: (y) => new Date(Date.UTC(y, 11, 31)) },
  { pattern: /^new year'?s day$/, name: "New Year's Day", day: (y) => new Date(Date.UTC(y, 0, 1)) },
];

/** The day a forecast runs up to ("by Friday", "by the end of next week", "by December 15", "by the 20th"), or null. */
function byDay(m: RegExpMatchArray, ref: Date, future: boolean): Date | null {
  const [, which, weekday, week, nth] = m;
  if (weekday) {
    // "By Friday": the coming one (a week ahead when today is Friday); "by next Friday": the one in next week.
    const ahead = (WEEKDAY_NAMES.indexOf(weekday) - ref.getUTCDay() + 7) % 7 || 7;
    if (which !== "next") return addDays(ref, ahead);
    const monday = addDays(ref, 7 - ((ref.getUTCDay() + 6) % 7));
    return addDays(monday, (WEEKDAY_NAMES.indexOf(weekday) + 6) % 7);
  }
  if (week) return addDays(ref, (week === "next" ? 13 : 6) - ((ref.getUTCDay() + 6) % 7));
  if (nth) {
    // "By the 20th": this month's when it is still ahead, else next month's.
    const n = Number(nth);
    for (let shift = 0; shift < 3; shift++) {
      const day = new Date(Date.UTC(ref.getUTCFullYear(), ref.getUTCMonth() + shift, n));
      if (day.getUTCDate() === n && day >= ref) return day;
    }
    return null;
  }
  // Group 5 is the month after "the 20th" (not taken), then A_DAY's groups, then a holiday's.
  const holiday = m[6 + DAY_GROUPS];
  return holiday ? holidayDay(holiday, undefined, ref, true).day : dayOf(m, 6, ref, future);
}

/**
 * The day a holiday falls on: in the year given, else its latest occurrence up to the reference day (the next one
 * from it when the question is about the future).
 */
function holidayDay(name: string, year: number | undefined, ref: Date, future: boolean): { day: Date; name: string } {
  const holiday = HOLIDAYS.find((h) => h.pattern.test(name))!;
  const on = (y: number) => holiday.day(y);
  let day = year !== undefined ? on(year) : on(ref.getUTCFullYear());
  if (year === undefined && !future && day > ref) day = on(ref.getUTCFullYear() - 1);
  if (year === undefined && future && day < ref) day = on(ref.getUTCFullYear() + 1);
  return { day, name: holiday.name };
}

const HOLIDAY = String.raw`(black friday|cyber monday|thanksgiving(?: day)?|christmas(?: day| eve)?|xmas|new year'?s (?:day|eve))`;

const RULES: Rule[] = [
  [
    // "What will we spend by Friday?", "by the end of next week", "until December 15": from the reference day through
    // that day (a forecast's horizon; a question about the past is left to the rules below).
    new RegExp(
      String.raw`\b(?:by|until|till|through|up\s+to)\s+(?:the\s+end\s+of\s+)?(?:(this|next|coming)\s+)?(?:${WEEKDAY}\b|(this|next)\s+week\b|the\s+(\d{1,2})(?:st|nd|rd|th)\b(?!\s+(?:of\s+)?${MONTH_WORD})|${A_DAY}|${HOLIDAY})`,
    ),
    (m, ref, future) => {
      if (!future) return undefined;
      const last = byDay(m, ref, future);
      if (!last || last < ref || addDays(ref, 366) < last) return undefined;
      return range(ref, addDays(last, 1), `the days up to ${m[2] ? `${m[2][0]!.toUpperCase()}${m[2].slice(1)}, ` : m[3] ? `the end of ${m[3]} week, ` : ""}${dayName(last)}`, m[0]);
    },
  ],
  [
    new RegExp(`\\b(?:between|from)\\s+${A_DAY}\\s+(?:and|to|until|till|through|-)\\s+${A_DAY}`),
    (m, ref, future) => {
      const from = dayOf(m, 1, ref, future);
      let to = dayOf(m, 1 + DAY_GROUPS, ref, future);
      // "from Dec 20 to Jan 5" without years: the end is the first such day after the start.
      if (from && to && to < from && !m[1 + DAY_GROUPS + 3] && !m[1 + DAY_GROUPS + 6] && !m[1 + DAY_GROUPS]) {
        to = new Date(Date.UTC(to.getUTCFullYear() + 1, to.getUTCMonth(), to.getUTCDate()));
      }
      if (!from || !to || to < from) return undefined;
      return range(from, addDays(to, 1), daysName(from, to), m[0]);
    },
  ],
  [
    // "The week of September 28", "week starting 2026-09-28": the Monday-to-Sunday week holding that day.
    new RegExp(`\\b(?:the\\s+)?week\\s+(?:of|starting|beginning|commencing)\\s+(?:on\\s+)?${A_DAY}`),
    (m, ref, future) => {
      const day = dayOf(m, 1, ref, future);
      if (!day) return undefined;
      const monday = addDays(day, -((day.getUTCDay() + 6) % 7));
      return range(monday, addDays(monday, 7), `the week of ${dayName(monday)}`, m[0]);
    },
  ],
  [
    // "Sept 1-15", "September 1 to 15"
    new RegExp(`\\b${MONTH_WORD}\\.?\\s+${ORDINAL}\\s*(?:-|–|to|through|until)\\s*${ORDINAL}(?:,?\\s+(\\d{4}))?\\b`),
    (m, ref, future) => {
      const first = calendarDay(m[1]!, m[2]!, m[4], ref, future);
      if (!first) return undefined;
      const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), Number(m[3])));
      if (last.getUTCDate() !== Number(m[3]) || last < first) return undefined;
      return range(first, addDays(last, 1), daysName(first, last), m[0]);
    },
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
  [
    // "The next 7 days", "the coming two weeks": from the reference day on (a forecast's horizon).
    /\b(?:next|coming|following)\s+(\d+|two|three|four|five|six|seven|twelve)\s+(day|week)s\b/,
    (m, ref) => {
      const n = NUMBER_WORDS[m[1]] ?? Number(m[1]);
      const days = m[2] === "day" ? n : 7 * n;
      if (days < 1 || days > 366) return undefined;
      return range(ref, addDays(ref, days), `the next ${n} ${m[2]}s`, m[0]);
    },
  ],
  [
    // "the next 3 months": the whole months after this one (a forecast's horizon).
    /\b(?:next|coming|following)\s+(\d+|two|three|four|five|six|seven|twelve)\s+months\b/,
    (m, ref) => {
      const n = NUMBER_WORDS[m[1]] ?? Number(m[1]);
      if (n < 1 || n > 24) return undefined;
      const s = monthStart(ref.getUTCFullYear(), ref.getUTCMonth() + 1);
      return range(s, monthStart(s.getUTCFullYear(), s.getUTCMonth() + n), `the next ${n} months`, m[0]);
    },
  ],
  [
    // "Black Friday", "Cyber Monday 2025", "Christmas": the day, its latest occurrence unless a year or the future is said.
    new RegExp(String.raw`\b${HOLIDAY}(?:,?\s+(\d{4}))?\b`),
    (m, ref, future) => {
      const { day, name } = holidayDay(m[1]!, m[2] ? Number(m[2]) : undefined, ref, future);
      return range(day, addDays(day, 1), `${name} ${day.getUTCFullYear()}`, m[0]);
    },
  ],
  [/\byesterday\b/, (m, ref) => range(addDays(ref, -1), ref, "yesterday", m[0])],
  [/\btoday\b/, (m, ref) => range(ref, addDays(ref, 1), "today", m[0])],
  [
    // "On Monday", "last Friday", "this past Tuesday": the latest such day before today ("on Mondays" is every one, and
    // so is "on Monday vs Friday").
    new RegExp(String.raw`\b(?:on|last|this past|past)\s+${WEEKDAY}\b(?!${SET_AGAINST}${WEEKDAY})`),
    (m, ref) => {
      const weekday = WEEKDAY_NAMES.indexOf(m[1]!);
      const day = addDays(ref, -(((ref.getUTCDay() - weekday + 7) % 7) || 7));
      return range(day, addDays(day, 1), `${m[1]![0]!.toUpperCase()}${m[1]!.slice(1)}, ${dayName(day)}`, m[0]);
    },
  ],
  [
    new RegExp(`\\bsince\\s+${A_DAY}`),
    (m, ref, future) => {
      const day = dayOf(m, 1, ref, future);
      return day && day <= ref ? range(day, addDays(ref, 1), `since ${dayName(day)}`, m[0]) : undefined;
    },
  ],
  [
    new RegExp(`\\b${A_DAY}`),
    (m, ref, future) => {
      const day = dayOf(m, 1, ref, future);
      return day ? range(day, addDays(day, 1), dayName(day), m[0]) : undefined;
    },
  ],
  [
    /\b(last|previous|this|next|past)\s+weekend\b|\b(?:over|during)\s+the\s+weekend\b/,
    (m, ref) => {
      // "Last weekend" (and "over the weekend") is the latest whole one before the reference day, or the one under way;
      // "this weekend" the one under way or coming.
      const saturday = addDays(ref, -((ref.getUTCDay() + 1) % 7));
      const inWeekend = ref.getUTCDay() === 6 || ref.getUTCDay() === 0;
      const current = inWeekend ? 0 : 7;
      if (!m[1]) return range(saturday, addDays(saturday, 2), "the weekend", m[0]);
      const shift = m[1] === "next" ? current + 7 : m[1] === "this" ? current : inWeekend ? -7 : 0;
      const start = addDays(saturday, shift);
      return range(start, addDays(start, 2), `${m[1] === "past" ? "last" : m[1]} weekend`, m[0]);
    },
  ],
  [
    // "By the end of the week", "the rest of the week": this week, Monday to Sunday.
    /\b(last|previous|this|next)\s+week\b|\b(?:end|rest)\s+of\s+the\s+week\b/,
    (m, ref) => {
      const which = m[1] ?? "this";
      const monday = addDays(ref, -((ref.getUTCDay() + 6) % 7));
      const shift = which === "this" ? 0 : which === "next" ? 7 : -7;
      return range(addDays(monday, shift), addDays(monday, shift + 7), `${which} week`, m[0]);
    },
  ],
  [
    // "The whole year", "all year", "over the year", "throughout the year": this calendar year (up to the data's end).
    /\b(?:the\s+)?(?:whole|full|entire)\s+year\b|\ball\s+(?:of\s+)?(?:this\s+)?year\b|\b(?:over|during|throughout|across)\s+(?:the\s+course\s+of\s+)?the\s+year\b/,
    (m, ref) => range(monthStart(ref.getUTCFullYear(), 0), monthStart(ref.getUTCFullYear() + 1, 0), `this year, ${ref.getUTCFullYear()}`, m[0]),
  ],
  [
    // "Over the past year": the 365 days before the reference day (not the previous calendar year).
    /\b(?:the\s+)?past\s+(?:year|12\s+months|twelve\s+months)\b/,
    (m, ref) => range(addDays(ref, -365), ref, "the past year", m[0]),
  ],
  [
    // "2026 so far", "so far in 2026": that year up to the reference day, when it is this year.
    /\b(20\d{2})\s+(?:so far|to date)\b|\bso far (?:in|for) (20\d{2})\b/,
    (m, ref) => {
      const year = Number(m[1] ?? m[2]);
      return year === ref.getUTCFullYear() ? range(monthStart(year, 0), addDays(ref, 1), `${year} to date`, m[0]) : undefined;
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
    // "H1", "H2 2025": six months from January or July; a bare one is the latest that has started (the next one when
    // the question is about the future).
    /\bh([12])(?:\s+(?:of\s+)?(\d{4}))?\b/,
    (m, ref, future) => halfYear(Number(m[1]) - 1, m[2] ? Number(m[2]) : undefined, undefined, ref, future, m[0]),
  ],
  [
    // "The first half of the year", "second half of last year", "the first half of 2025" (not "of October").
    /\b(first|second|1st|2nd)\s+half(?:\s+of\s+(?:(?:the|this)\s+year|(last|next)\s+year|(\d{4})))?\b(?!\s+of\b)/,
    (m, ref, future) => halfYear(/^(?:first|1st)$/.test(m[1]!) ? 0 : 1, m[3] ? Number(m[3]) : undefined, m[2] as "last" | "next" | undefined, ref, future, m[0]),
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
    // "From June to October", "between June and October 2026", "Nov 2025 - Feb 2026": whole months, both included.
    new RegExp(
      `\\b(?:between\\s+${MONTH_WORD}(?:\\s+(\\d{4}))?\\s+and|(?:from\\s+)?${MONTH_WORD}(?:\\s+(\\d{4}))?\\s+(?:to|through|thru|until|till|-|–))\\s+${MONTH_WORD}(?:\\s+(\\d{4}))?\\b`,
    ),
    (m, ref, future) => {
      const from = monthIndex((m[1] ?? m[3])!);
      const to = monthIndex(m[5]!);
      const fromYear = m[2] ?? m[4];
      const toYear = m[6];
      // With no year, the last month resolves as a bare month does (the latest that has started, or the next one in a
      // forecast), and the first is the latest of its name not after it.
      let endYear = toYear ? Number(toYear) : fromYear ? Number(fromYear) + (to < from ? 1 : 0) : ref.getUTCFullYear();
      if (!toYear && !fromYear && !future && to > ref.getUTCMonth()) endYear -= 1;
      if (!toYear && !fromYear && future && to < ref.getUTCMonth()) endYear += 1;
      const startYear = fromYear ? Number(fromYear) : from <= to ? endYear : endYear - 1;
      if (monthStart(startYear, from) > monthStart(endYear, to)) return undefined;
      return range(monthStart(startYear, from), monthStart(endYear, to + 1), `${monthLabel(startYear, from)} to ${monthLabel(endYear, to)}`, m[0]);
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
  [
    // A bare year ("2025 vs 2026", "how did 2025 compare to 2026"), not an amount ("$2025", "2025 USD").
    /(?<![$€£\d.,-])\b(20\d{2})\b(?![\d.,%]|\s*(?:usd|eur|gbp|dollars?|euros?|k\b|m\b))/,
    (m) => {
      const year = Number(m[1]);
      return range(monthStart(year, 0), monthStart(year + 1, 0), `${year}`, m[0]);
    },
  ],
];

export const FUTURE_WORDS = /\b(forecast\w*|forcast\w*|predict\w*|project(?:ed|ion|ions|ing)\w*|project\s+(?:our|the|my|what|how|next)\b|will|expect\w*|estimat\w*|next|going to)\b/;

/** The first time expression in `text` (by rule priority), resolved against `referenceDate`. */
export function extractTimeRange(text: string, referenceDate: Date | string): TimeRange | undefined {
  const lower = text.toLowerCase();
  const ref = toUtcDay(referenceDate);
  const future = FUTURE_WORDS.test(lower);
  for (const [pattern, resolve] of RULES) {
    const match = lower.match(pattern);
    // "may" is a month only when it reads like one ("in May", "May 2025"), not "may we...".
    if (match && !(match[1] === "may" && !/\b(in|since|for|during|of)\s+may\b|\bmay\s+\d{1,4}\b/.test(lower))) {
      const resolved = resolve(match, ref, future);
      if (resolved) return resolved;
    }
  }
  return undefined;
}

/** "The month before", "the quarter before that", "the previous week", "the one before": a period one step earlier. */
const SHIFT_BACK =
  /\b(?:the\s+)?(month|quarter|year|week|period|day|one)\s+before\b|\bthe\s+(?:previous|prior|preceding)\s+(month|quarter|year|week|period|day|one)\b/;
/** "The same quarter last year", "a year earlier", "a year ago": the same period, one year back. */
const YEAR_BACK =
  /\bsame\s+(?:month|quarter|week|period|time|days?|months)\s+(?:of\s+)?(?:last|the\s+previous|the\s+prior|a)\s+year\b|\b(?:a|one)\s+year\s+(?:earlier|before|ago|back)\b/;

/** The step a follow-up moves its period back by ("and the month before?"), or undefined when it names none. */
export function extractShiftBack(text: string): { unit: "month" | "quarter" | "year" | "week" | "day" | "period"; resolvedFrom: string } | undefined {
  const lower = text.toLowerCase();
  const year = lower.match(YEAR_BACK);
  if (year) return { unit: "year", resolvedFrom: year[0] };
  const m = lower.match(SHIFT_BACK);
  if (!m) return undefined;
  const word = (m[1] ?? m[2])!;
  return { unit: word === "one" ? "period" : (word as "month" | "quarter" | "year" | "week" | "day" | "period"), resolvedFrom: m[0] };
}

/** How many whole calendar months a range spans (it runs from a 1st to a 1st), else null. */
function wholeMonthsOf(r: Pick<TimeRange, "start" | "end">): number | null {
  const start = toUtcDay(r.start);
  const end = toUtcDay(r.end);
  const months = (end.getUTCFullYear() - start.getUTCFullYear()) * 12 + end.getUTCMonth() - start.getUTCMonth();
  return start.getUTCDate() === 1 && end.getUTCDate() === 1 && months > 0 ? months : null;
}

/**
 * A range moved back by one step: a month, quarter or year of months; a week or day of days; "period": its own
 * length (in months when it is whole months, else in days). Named like extractTimeRange names them.
 */
export function shiftTimeRange(from: Pick<TimeRange, "start" | "end">, unit: "month" | "quarter" | "year" | "week" | "day" | "period", resolvedFrom: string): TimeRange {
  const start = toUtcDay(from.start);
  const end = toUtcDay(from.end);
  const monthsApart = wholeMonthsOf(from) ?? 0;
  // "November" then "and the quarter before?": the quarter before November's, Q3, not August. A range inside one
  // quarter moves to the whole quarter before it.
  const quarterStart = (d: Date) => monthStart(d.getUTCFullYear(), d.getUTCMonth() - (d.getUTCMonth() % 3));
  if (unit === "quarter" && quarterStart(start).getTime() === quarterStart(addDays(end, -1)).getTime() && monthsApart < 3) {
    const first = monthStart(quarterStart(start).getUTCFullYear(), quarterStart(start).getUTCMonth() - 3);
    return range(first, monthStart(first.getUTCFullYear(), first.getUTCMonth() + 3), `Q${first.getUTCMonth() / 3 + 1} ${first.getUTCFullYear()}`, resolvedFrom);
  }
  const months = unit === "month" ? 1 : unit === "quarter" ? 3 : unit === "year" ? 12 : unit === "period" ? monthsApart : 0;
  if (months > 0 && monthsApart === 0) {
    // Days ("Sept 1-15", "the same days last year"): the same days of the month, that many months back.
    const back = (d: Date) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - months, d.getUTCDate()));
    const first = back(start);
    const to = back(end);
    return range(first, to, daysName(first, addDays(to, -1)), resolvedFrom);
  }
  if (months > 0) {
    const first = monthStart(start.getUTCFullYear(), start.getUTCMonth() - months);
    const to = monthStart(end.getUTCFullYear(), end.getUTCMonth() - months);
    const name =
      monthsApart === 1
        ? monthLabel(first.getUTCFullYear(), first.getUTCMonth())
        : monthsApart === 3 && first.getUTCMonth() % 3 === 0
          ? `Q${first.getUTCMonth() / 3 + 1} ${first.getUTCFullYear()}`
          : `${isoDay(first)} to ${isoDay(addDays(to, -1))}`;
    return range(first, to, name, resolvedFrom);
  }
  const days = unit === "week" ? 7 : unit === "day" ? 1 : Math.round((end.getTime() - start.getTime()) / DAY);
  const first = addDays(start, -days);
  const to = addDays(end, -days);
  return range(first, to, days === 1 ? dayName(first) : daysName(first, addDays(to, -1)), resolvedFrom);
}

const COMPARISONS: Array<[RegExp, Comparison["mode"]]> = [
  [/\b(mom|month[- ](?:over|on)[- ]month)\b/, "month_over_month"],
  [/\b(qoq|quarter[- ](?:over|on)[- ]quarter)\b/, "quarter_over_quarter"],
  [/\b(yoy|year[- ](?:over|on)[- ]year)\b/, "year_over_year"],
  // "This month compared to the same month last year", "vs a year ago".
  [/\b(same (?:month|quarter|week|day|days|period|time) (?:of |in )?(?:last|the previous|the prior|a) year|same (?:month|quarter|week|day|days|period|time) a year (?:ago|earlier|before)|(?:vs\.?|versus|compared (?:to|with)|than|against) a year (?:ago|earlier|before))\b/, "year_over_year"],
  [/\b(wow|week[- ](?:over|on)[- ]week)\b/, "week_over_week"],
  [/\b((?:vs\.?|versus|compared (?:to|with)|to|than|against)\s+(?:the\s+)?(?:last|previous|prior)\s+\w+)\b/, "previous_period"],
  // "Last week compared to the week before", "this month vs the one before".
  [/\b((?:vs\.?|versus|compar\w*\s+(?:to|with)|than|against)\s+(?:the\s+)?(?:(?:day|week|month|quarter|year|period)\s+before|one before))\b/, "previous_period"],
  // "The last 7 days compared to the 7 days before", "vs the prior 30 days".
  [/\b((?:vs\.?|versus|compar\w*\s+(?:to|with)|than|against)\s+(?:the\s+)?(?:(?:previous|prior|preceding)\s+)?(?:\d+|two|three|four|five|six|seven|twelve)\s+(?:days|weeks|months)(?:\s+before)?)\b/, "previous_period"],
];

/** Words that make two named periods a comparison ("compare September and October", "Q2 vs Q3", "more in October than September"). */
const PAIR_CUE = /\b(?:compar\w*|vs\.?|versus|against|differ\w*|difference|chang\w*|than)\b/;
const PAIR_JOIN = /\s+(?:and|vs\.?|versus|to|with|against|than)\s+/g;

/** A range's length: whole calendar months ("m3"), else days ("d15"). */
function lengthOf(r: Pick<TimeRange, "start" | "end">): string {
  const months = wholeMonthsOf(r);
  return months !== null ? `m${months}` : `d${Math.round((toUtcDay(r.end).getTime() - toUtcDay(r.start).getTime()) / DAY)}`;
}

/**
 * Two periods of the same length named on either side of "and", "vs", "to", "with" or "against" in a comparison
 * ("compare September and October", "Q3 vs Q2", "2025 against 2026"): the later one, and the earlier one as the
 * baseline. A single range written with such a word ("from Sept 1 to Sept 15", "between Dec 20 and Jan 5") is not a
 * pair, nor are periods of different lengths or that overlap.
 */
export function extractPeriodPair(text: string, referenceDate: Date | string): { current: TimeRange; baseline: TimeRange; resolvedFrom: string } | undefined {
  const lower = text.toLowerCase();
  if (!PAIR_CUE.test(lower)) return undefined;
  const whole = extractTimeRange(lower, referenceDate);
  if (!whole) return undefined;
  // A range of days written as one ("from Sept 1 to Sept 15", "between Dec 20 and Jan 5") is not two periods; months
  // in a comparison ("the change from September to October") are.
  const marked = /^(?:from|between)\s/.test(whole.resolvedFrom) && lengthOf(whole).startsWith("d");
  const wholeAt = marked ? lower.indexOf(whole.resolvedFrom) : -1;
  for (const join of lower.matchAll(PAIR_JOIN)) {
    const at = join.index!;
    if (wholeAt !== -1 && at > wholeAt && at < wholeAt + whole.resolvedFrom.length) continue; // inside one range
    const left = extractTimeRange(lower.slice(0, at), referenceDate);
    const after = lower.slice(at + join[0].length);
    let right = extractTimeRange(after, referenceDate);
    if (!left || !right || lengthOf(left) !== lengthOf(right)) continue;
    // "October vs last October": the same month named twice, "last" the one a year before.
    if (left.start === right.start && /^(?:the\s+)?(?:last|previous|prior)\s+(?!month|quarter|year|week|\d|one\b|two\b|three\b|four\b|five\b|six\b|seven\b|twelve\b)/.test(after)) right = shiftTimeRange(right, "year", right.resolvedFrom);
    if (left.end > right.start && right.end > left.start) continue; // they overlap
    const [baseline, current] = left.start < right.start ? [left, right] : [right, left];
    return { current, baseline, resolvedFrom: `${left.resolvedFrom}${join[0]}${right.resolvedFrom}` };
  }
  return undefined;
}

export function extractComparison(text: string): Comparison | undefined {
  const lower = text.toLowerCase();
  for (const [pattern, mode] of COMPARISONS) {
    const match = lower.match(pattern);
    if (match) return { mode, resolvedFrom: match[0] };
  }
  return undefined;
}
