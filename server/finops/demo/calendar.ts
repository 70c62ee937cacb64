// The demo's days and billing periods: `months` calendar months ending with the month of `endDate` (inclusive), so
// the last period is month-to-date and every earlier one is complete.

export interface DemoDay {
  index: number;
  /** YYYY-MM-DD */
  date: string;
  chargePeriodStart: string;
  chargePeriodEnd: string;
  month: DemoMonth;
  weekend: boolean;
  firstOfMonth: boolean;
  lastOfMonth: boolean;
}

export interface DemoMonth {
  index: number;
  /** YYYY-MM */
  label: string;
  billingPeriodStart: string;
  billingPeriodEnd: string;
  daysInMonth: number;
  firstDay: number;
  /** Index of the month's last day in the dataset (the end date in the current month). */
  lastDay: number;
  /** The month ends on or before the end date: its invoice (tax, credits) is out. */
  complete: boolean;
}

const DAY_MS = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().replace(".000Z", "Z");

export function isIsoDate(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && new Date(`${text}T00:00:00Z`).toISOString().startsWith(text);
}

/** The last complete UTC day before `now`: the default end date, so "last month" always has data. */
export function yesterdayUtc(now: Date = new Date()): string {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - DAY_MS).toISOString().slice(0, 10);
}

export function demoCalendar(endDate: string, months: number): { days: DemoDay[]; months: DemoMonth[] } {
  if (!isIsoDate(endDate)) throw new Error(`endDate must be a date written YYYY-MM-DD, got ${endDate}`);
  const end = Date.parse(`${endDate}T00:00:00Z`);
  const endYear = new Date(end).getUTCFullYear();
  const endMonth = new Date(end).getUTCMonth();
  const periods: DemoMonth[] = [];
  const days: DemoDay[] = [];
  for (let m = 0; m < months; m++) {
    const startMs = Date.UTC(endYear, endMonth - (months - 1) + m, 1);
    const nextMs = Date.UTC(endYear, endMonth - (months - 1) + m + 1, 1);
    const month: DemoMonth = {
      index: m,
      label: iso(startMs).slice(0, 7),
      billingPeriodStart: iso(startMs),
      billingPeriodEnd: iso(nextMs),
      daysInMonth: Math.round((nextMs - startMs) / DAY_MS),
      firstDay: days.length,
      lastDay: days.length,
      complete: nextMs - DAY_MS <= end,
    };
    for (let t = startMs; t < nextMs && t <= end; t += DAY_MS) {
      const weekday = new Date(t).getUTCDay();
      days.push({
        index: days.length,
        date: iso(t).slice(0, 10),
        chargePeriodStart: iso(t),
        chargePeriodEnd: iso(t + DAY_MS),
        month,
        weekend: weekday === 0 || weekday === 6,
        firstOfMonth: t === startMs,
        lastOfMonth: t + DAY_MS === nextMs,
      });
    }
    month.lastDay = days.length - 1;
    periods.push(month);
  }
  return { days, months: periods };
}
