// Calendar dates as ISO strings (YYYY-MM-DD) at the edges and as day numbers (days since
// 1970-01-01, UTC, no time zone) inside: arithmetic on integers is exact and fast.

/** An ISO date, YYYY-MM-DD. */
export type IsoDate = string;

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The day number of an ISO date, or null when it is not a real date (2025-02-29, 2025-13-01 …). */
export function parseIsoDate(text: string): number | null {
  const m = ISO.exec(text.trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return fromYmd(y, mo, d);
}

/** Day number of a year, month (1–12) and day, or null when there is no such date. */
export function fromYmd(year: number, month: number, day: number): number | null {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return null;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return Math.floor(Date.UTC(year, month - 1, day) / 86_400_000);
}

export function toIsoDate(dayNumber: number): IsoDate {
  return new Date(dayNumber * 86_400_000).toISOString().slice(0, 10);
}

export function ymd(dayNumber: number): { year: number; month: number; day: number } {
  const d = new Date(dayNumber * 86_400_000);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

export function yearOf(dayNumber: number): number {
  return new Date(dayNumber * 86_400_000).getUTCFullYear();
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekday(dayNumber: number): number {
  return (((dayNumber + 4) % 7) + 7) % 7;
}

export function isWeekend(dayNumber: number): boolean {
  const w = weekday(dayNumber);
  return w === 0 || w === 6;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const WEEKDAY_NAMES = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

export function weekdayName(dayNumber: number): string {
  return WEEKDAY_NAMES[weekday(dayNumber)] ?? '';
}

/** 2024年10月1日（周二） */
export function chineseDate(dayNumber: number, withWeekday = true): string {
  const { year, month, day } = ymd(dayNumber);
  return `${year}年${month}月${day}日${withWeekday ? `（${weekdayName(dayNumber)}）` : ''}`;
}

/**
 * The same day n months later (民事诉讼法 第八十五条: periods in months end on the corresponding
 * day; a month without it ends on its last day).
 */
export function addMonths(dayNumber: number, months: number): number {
  const { year, month, day } = ymd(dayNumber);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  return fromYmd(y, m, Math.min(day, daysInMonth(y, m))) as number;
}
