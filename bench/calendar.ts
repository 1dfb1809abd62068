// Working days: one million due-date computations (the n-th working day after a date) against a
// plain loop that adds n calendar days to a date, in the same run.

import { parseIsoDate } from '../src/domain/calendar/dates.ts';
import { buildCalendar } from '../src/domain/calendar/index.ts';

const OPERATIONS = 1_000_000;
const ROUNDS = 5;

/** A fixed pseudo-random sequence (no Math.random: the same inputs every run). */
function inputs(count: number, from: number, span: number): { days: Int32Array; counts: Int32Array } {
  const days = new Int32Array(count);
  const counts = new Int32Array(count);
  let x = 2463534242;
  for (let i = 0; i < count; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    days[i] = from + ((x >>> 0) % span);
    counts[i] = 1 + ((x >>> 8) % 40);
  }
  return { days, counts };
}

function median(times: number[]): number {
  return [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)] ?? 0;
}

export function benchCalendar(): void {
  const built = buildCalendar();
  if (!built.ok) throw new Error(built.error.message);
  const calendar = built.value;
  const from = parseIsoDate('2019-01-01') as number;
  const span = (parseIsoDate('2026-10-31') as number) - from;
  const { days, counts } = inputs(OPERATIONS, from, span);
  const baseTimes: number[] = [];
  const dueTimes: number[] = [];
  let sink = 0;
  for (let round = 0; round < ROUNDS; round++) {
    // baseline: add n calendar days to a date with the platform's Date
    let t = performance.now();
    for (let i = 0; i < OPERATIONS; i++) {
      const date = new Date((days[i] as number) * 86_400_000);
      date.setUTCDate(date.getUTCDate() + (counts[i] as number));
      sink += date.getUTCDate();
    }
    baseTimes.push(performance.now() - t);
    // measured: the n-th working day after the date, with holidays, make-up days and the unloaded-year guard
    t = performance.now();
    for (let i = 0; i < OPERATIONS; i++) {
      const r = calendar.addWorkingDays(days[i] as number, counts[i] as number);
      if (r.ok) sink += r.value;
    }
    dueTimes.push(performance.now() - t);
  }
  const base = OPERATIONS / (median(baseTimes) / 1000);
  const due = OPERATIONS / (median(dueTimes) / 1000);
  console.log(`Working days: ${OPERATIONS.toLocaleString('en')} due-date computations (dates 2019-01-01…2026-10-31, n = 1…40), median of ${ROUNDS} rounds`);
  console.log(`  add n calendar days (Date, baseline)  ${(base / 1e6).toFixed(2).padStart(6)} M ops/s`);
  console.log(`  add n working days (calendar)         ${(due / 1e6).toFixed(2).padStart(6)} M ops/s`);
  console.log(`  ratio working / calendar days:        ${(due / base).toFixed(2)}`);
  console.log(`  target ≥ 1,000,000 per second:        ${due >= 1e6 ? 'met' : 'NOT met'}   (checksum ${sink % 997})`);
}
