// 信息处理费 (国办函〔2020〕109号, domain.md §3): every tier boundary, and the marginal-rate properties.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FEE_MAX_UNITS, pageFee, pieceFee, quote } from '../../src/domain/fees/fees.ts';
import type { FeeQuote, FeeResult } from '../../src/domain/fees/fees.ts';

function value(r: FeeResult): FeeQuote {
  if (!r.ok) throw new Error(`expected a quote, got ${r.error.message}`);
  return r.value;
}
const yuan = (r: FeeResult): number => value(r).yuan;

describe('pieceFee: 按件计收 (第四条), one piece at each position', () => {
  it.each([
    [1, 0],
    [10, 0],
    [11, 100],
    [30, 100],
    [31, 200],
    [40, 200],
    [41, 300],
    [50, 300],
    [51, 400],
    [60, 400],
    [61, 500],
    [101, 900],
  ])('the %ith piece costs %i元', (position, expected) => {
    expect(yuan(pieceFee(position))).toBe(expected);
  });

  it('a free piece is one free line', () => {
    expect(value(pieceFee(10)).breakdown).toEqual([{ from: 10, to: 10, units: 1, unitPrice: 0, yuan: 0, text: '第10件：免费' }]);
  });
});

describe('pieceFee: counts spanning tiers', () => {
  it.each([
    [1, 10, 0],
    [1, 11, 100],
    [1, 30, 2000],
    [1, 31, 2200],
    [1, 40, 4000],
    [1, 41, 4300],
    [1, 45, 5500],
    [1, 50, 7000],
    [1, 51, 7400],
    [10, 2, 100],
    [30, 2, 300],
    [40, 2, 500],
    [50, 2, 700],
    [25, 20, 6 * 100 + 10 * 200 + 4 * 300],
  ])('from the %ith, %i pieces cost %i元', (position, count, expected) => {
    expect(yuan(pieceFee(position, count))).toBe(expected);
  });

  it('position 1, count 45: 0 + 20×100 + 10×200 + 5×300, one line per tier', () => {
    const q = value(pieceFee(1, 45));
    expect(q.method).toBe('piece');
    expect(q.yuan).toBe(5500);
    expect(q.breakdown.map((l) => l.text)).toEqual([
      '第1–10件：免费',
      '第11–30件：20件 × 100元 = 2000元',
      '第31–40件：10件 × 200元 = 2000元',
      '第41–45件：5件 × 300元 = 1500元',
    ]);
    expect(q.breakdown.map(({ from, to, units, unitPrice, yuan }) => [from, to, units, unitPrice, yuan])).toEqual([
      [1, 10, 10, 0, 0],
      [11, 30, 20, 100, 2000],
      [31, 40, 10, 200, 2000],
      [41, 45, 5, 300, 1500],
    ]);
    expect(q.basis).toContain('国办函〔2020〕109号');
    expect(q.basis).toContain('第四条');
    expect(q.basis).toContain('超额累进');
  });
});

describe('pageFee: 按量计收 (第五条)', () => {
  it.each([
    [1, 0],
    [30, 0],
    [31, 10],
    [100, 700],
    [101, 720],
    [150, 1700],
    [200, 2700],
    [201, 2740],
    [300, 6700],
  ])('%i pages cost %i元', (pages, expected) => {
    expect(yuan(pageFee(pages))).toBe(expected);
  });

  it('201 pages: a line for each of the four tiers', () => {
    const q = value(pageFee(201));
    expect(q.method).toBe('page');
    expect(q.breakdown.map((l) => l.text)).toEqual([
      '第1–30页：免费',
      '第31–100页：70页 × 10元 = 700元',
      '第101–200页：100页 × 20元 = 2000元',
      '第201页：1页 × 40元 = 40元',
    ]);
    expect(q.basis).toContain('第五条');
    expect(q.basis).toContain('超额累进');
  });

  it('below 30 pages: only the free tier, up to the pages asked', () => {
    expect(value(pageFee(5)).breakdown).toEqual([{ from: 1, to: 5, units: 5, unitPrice: 0, yuan: 0, text: '第1–5页：免费' }]);
  });
});

describe('invalid input', () => {
  it.each([
    ['pages 0', () => pageFee(0)],
    ['pages -3', () => pageFee(-3)],
    ['pages 1.5', () => pageFee(1.5)],
    ['pages NaN', () => pageFee(Number.NaN)],
    ['pages Infinity', () => pageFee(Number.POSITIVE_INFINITY)],
    ['pages above the cap', () => pageFee(FEE_MAX_UNITS + 1)],
    ['piece 0', () => pieceFee(0)],
    ['piece count 0', () => pieceFee(5, 0)],
    ['piece count -1', () => pieceFee(5, -1)],
    ['piece count 2.5', () => pieceFee(5, 2.5)],
    ['pieces beyond the cap', () => pieceFee(FEE_MAX_UNITS, 2)],
    ['page with a count', () => quote('page', 10, 2)],
  ])('%s → FEE_INVALID_INPUT with a Chinese message', (_name, call) => {
    const r = call();
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('FEE_INVALID_INPUT');
    expect(r.error.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('the cap itself is quoted', () => {
    expect(yuan(pageFee(FEE_MAX_UNITS))).toBe(2700 + (FEE_MAX_UNITS - 200) * 40);
    expect(pieceFee(FEE_MAX_UNITS).ok).toBe(true);
  });
});

describe('quote dispatches to one method', () => {
  it('piece and page', () => {
    expect(quote('piece', 1, 45)).toEqual(pieceFee(1, 45));
    expect(quote('piece', 31)).toEqual(pieceFee(31));
    expect(quote('page', 150)).toEqual(pageFee(150));
  });
});

describe('properties', () => {
  const units = fc.integer({ min: 1, max: 2000 });

  it('fees are non-decreasing in n', () => {
    fc.assert(
      fc.property(units, (n) => {
        expect(yuan(pageFee(n + 1))).toBeGreaterThanOrEqual(yuan(pageFee(n)));
        expect(yuan(pieceFee(n + 1))).toBeGreaterThanOrEqual(yuan(pieceFee(n)));
        expect(yuan(pieceFee(1, n + 1))).toBeGreaterThanOrEqual(yuan(pieceFee(1, n)));
      }),
    );
  });

  it('the breakdown sums to the total, covers the units exactly once and is consistent line by line', () => {
    fc.assert(
      fc.property(units, units, fc.boolean(), (n, count, byPage) => {
        const q = value(byPage ? pageFee(n) : pieceFee(n, count));
        const [first, last] = byPage ? [1, n] : [n, n + count - 1];
        expect(q.breakdown.reduce((s, l) => s + l.yuan, 0)).toBe(q.yuan);
        expect(q.breakdown[0]?.from).toBe(first);
        expect(q.breakdown.at(-1)?.to).toBe(last);
        q.breakdown.forEach((l, i) => {
          expect(l.units).toBe(l.to - l.from + 1);
          expect(l.yuan).toBe(l.units * l.unitPrice);
          if (i > 0) expect(l.from).toBe((q.breakdown[i - 1]?.to ?? Number.NaN) + 1);
        });
        expect(Number.isInteger(q.yuan)).toBe(true);
      }),
    );
  });

  it('pieceFee(p, a + b) = pieceFee(p, a) + pieceFee(p + a, b)', () => {
    fc.assert(
      fc.property(units, units, units, (p, a, b) => {
        expect(yuan(pieceFee(p, a + b))).toBe(yuan(pieceFee(p, a)) + yuan(pieceFee(p + a, b)));
      }),
    );
  });

  it('pieceFee(p, n) is the sum of the single pieces', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500 }), fc.integer({ min: 1, max: 100 }), (p, n) => {
        let sum = 0;
        for (let i = p; i < p + n; i++) sum += yuan(pieceFee(i));
        expect(yuan(pieceFee(p, n))).toBe(sum);
      }),
    );
  });
});
