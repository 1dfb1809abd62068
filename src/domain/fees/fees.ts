// 信息处理费 (information processing fee) of 国办函〔2020〕109号《政府信息公开信息处理费管理办法》,
// domain.md §3. Both methods are computed 超额累进 (marginally, like tax brackets): each unit is priced
// by the tier it falls in, and the fee is the sum over the tiers touched. For one application the organ
// uses ONE method, never both (第三条) — hence `FeeMethod` and `quote` take exactly one method.
//
// 按件计收 (第四条): same applicant, same natural month, counted cumulatively: 1–10 free, 11–30 100元/件,
// then bands of 10 件 from the 31st, each band 100元/件 dearer than the one before (31–40 200元,
// 41–50 300元, …). The open-ended band rule beyond 31–40 is DERIVED from the wording of 第四条
// (domain.md §3), not a figure printed in the text; it is computed, not tabulated.
// 按量计收 (第五条): per application, by pages: 1–30 free, 31–100 10元/页, 101–200 20元/页, 201+ 40元/页.
//
// Amounts are whole yuan (integers). Pure: no IO.

export type FeeMethod = 'piece' | 'page';

/** One tier touched by a quote: the units `from`…`to` (1-based, inclusive) at `unitPrice` yuan each. */
export interface FeeLine {
  from: number;
  to: number;
  units: number;
  unitPrice: number;
  yuan: number;
  /** e.g. "第31–40件：10件 × 200元 = 2000元", "第1–10件：免费" */
  text: string;
}

export interface FeeQuote {
  method: FeeMethod;
  /** total, whole yuan */
  yuan: number;
  /** one line per tier touched, in order; the lines' yuan sum to `yuan` */
  breakdown: FeeLine[];
  /** the legal basis, in Chinese */
  basis: string;
}

export interface FeeError {
  code: 'FEE_INVALID_INPUT';
  /** in Chinese */
  message: string;
}

export type FeeResult = { ok: true; value: FeeQuote } | { ok: false; error: FeeError };

/** Largest page count, and largest cumulative piece number in a month, that is quoted at all. */
export const FEE_MAX_UNITS = 1_000_000;

interface Tier {
  from: number;
  /** null: open-ended */
  to: number | null;
  unitPrice: number;
}

/** 第五条 按量计收, per application (pages). */
export const PAGE_TIERS: readonly Tier[] = [
  { from: 1, to: 30, unitPrice: 0 },
  { from: 31, to: 100, unitPrice: 10 },
  { from: 101, to: 200, unitPrice: 20 },
  { from: 201, to: null, unitPrice: 40 },
];

/** 第四条 按件计收, the tiers printed in the text (same applicant, same natural month, cumulative). */
export const PIECE_TIERS: readonly Tier[] = [
  { from: 1, to: 10, unitPrice: 0 },
  { from: 11, to: 30, unitPrice: 100 },
];

/** 第四条 from the 31st piece: bands of `width` 件, the first at `firstUnitPrice`, each next band `step` dearer (DERIVED). */
export const PIECE_BANDS = { from: 31, width: 10, firstUnitPrice: 200, step: 100 } as const;

const BASIS: Record<FeeMethod, string> = {
  piece:
    '国办函〔2020〕109号《政府信息公开信息处理费管理办法》第四条：按件计收，同一申请人同一自然月内累计申请件数，超额累进计算（10件以内免费；11–30件100元/件；31件起每10件为一档，每档比上一档增加100元/件）',
  page: '国办函〔2020〕109号《政府信息公开信息处理费管理办法》第五条：按量计收，按每件申请的页数超额累进计算（30页以内免费；31–100页10元/页；101–200页20元/页；201页以上40元/页）',
};

const UNIT: Record<FeeMethod, string> = { piece: '件', page: '页' };

/** The piece tiers that can contain unit `first` or later, starting with the one containing it. */
function* pieceTiersFrom(first: number): Generator<Tier> {
  for (const t of PIECE_TIERS) if (t.to !== null && t.to >= first) yield t;
  const { from, width, firstUnitPrice, step } = PIECE_BANDS;
  for (let k = Math.max(0, Math.floor((first - from) / width)); ; k++) {
    const start = from + k * width;
    yield { from: start, to: start + width - 1, unitPrice: firstUnitPrice + k * step };
  }
}

/** Marginal fee for the units first…last (inclusive) over tiers given in ascending order. */
function marginal(method: FeeMethod, tiers: Iterable<Tier>, first: number, last: number): FeeQuote {
  const unit = UNIT[method];
  const breakdown: FeeLine[] = [];
  for (const tier of tiers) {
    if (tier.from > last) break;
    if (tier.to !== null && tier.to < first) continue;
    const from = Math.max(first, tier.from);
    const to = tier.to === null ? last : Math.min(last, tier.to);
    const units = to - from + 1;
    const yuan = units * tier.unitPrice;
    const range = from === to ? `第${from}${unit}` : `第${from}–${to}${unit}`;
    const text = tier.unitPrice === 0 ? `${range}：免费` : `${range}：${units}${unit} × ${tier.unitPrice}元 = ${yuan}元`;
    breakdown.push({ from, to, units, unitPrice: tier.unitPrice, yuan, text });
  }
  return { method, yuan: breakdown.reduce((sum, l) => sum + l.yuan, 0), breakdown, basis: BASIS[method] };
}

function invalid(message: string): FeeResult {
  return { ok: false, error: { code: 'FEE_INVALID_INPUT', message } };
}

/** null when `n` is a whole number from 1 to FEE_MAX_UNITS, else the Chinese reason. */
function countProblem(n: number, what: string, unit: string): string | null {
  if (typeof n !== 'number' || !Number.isInteger(n)) return `${what}必须是正整数，收到“${String(n)}”。`;
  if (n < 1) return `${what}必须至少为1${unit}，收到${n}。`;
  if (n > FEE_MAX_UNITS) return `${what}超过可计算的上限（${FEE_MAX_UNITS}${unit}），收到${n}。`;
  return null;
}

/**
 * 按件计收: the fee for `count` applications that are the applicant's `position`-th … (position+count−1)-th
 * in one natural month (第四条).
 */
export function pieceFee(position: number, count = 1): FeeResult {
  const problem = countProblem(position, '申请序号（本自然月第几件）', '件') ?? countProblem(count, '件数', '件');
  if (problem !== null) return invalid(problem);
  const last = position + count - 1;
  if (last > FEE_MAX_UNITS) return invalid(`本自然月累计件数（第${position}件起${count}件，至第${last}件）超过可计算的上限（${FEE_MAX_UNITS}件）。`);
  return { ok: true, value: marginal('piece', pieceTiersFrom(position), position, last) };
}

/** 按量计收: the fee for one application of `pages` pages (第五条). */
export function pageFee(pages: number): FeeResult {
  const problem = countProblem(pages, '页数', '页');
  if (problem !== null) return invalid(problem);
  return { ok: true, value: marginal('page', PAGE_TIERS, 1, pages) };
}

/**
 * One application, one method (第三条: never both). 'piece': `n` is the position in the month, `count`
 * the number of pieces (default 1); 'page': `n` is the page count and `count` must be absent.
 */
export function quote(method: 'piece', position: number, count?: number): FeeResult;
export function quote(method: 'page', pages: number): FeeResult;
export function quote(method: FeeMethod, n: number, count?: number): FeeResult;
export function quote(method: FeeMethod, n: number, count?: number): FeeResult {
  switch (method) {
    case 'piece':
      return pieceFee(n, count);
    case 'page':
      return count === undefined ? pageFee(n) : invalid('按量计收按一件申请的页数计算，不接受件数。');
  }
}
