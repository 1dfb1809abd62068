// Reading the State Council holiday notices: the published 2024–2026 texts must give exactly the
// built-in calendar (national.ts = domain.md Appendix A, make-up day names included); older wordings
// (补休, 星期, 与周末连休, a 元旦 block starting in December of the previous year) from reconstructed
// notices; every inconsistency in a text is a Chinese error, and no input makes the parser throw.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WorkingCalendar } from '../../src/domain/calendar/calendar.ts';
import { NATIONAL_ARRANGEMENTS } from '../../src/domain/calendar/national.ts';
import { describeArrangement, parseHolidayNotice } from '../../src/domain/calendar/notice.ts';
import type { NoticeParseResult } from '../../src/domain/calendar/notice.ts';
import type { YearArrangement } from '../../src/domain/calendar/types.ts';
import { applyMutation, mutation } from '../support/mutations.ts';

const FIXTURES = join(import.meta.dirname, '../fixtures/holiday-notices');
const notice = (name: string): string => readFileSync(join(FIXTURES, `${name}.txt`), 'utf8');

const parsed = (text: string, options?: { year?: number }): { arrangement: YearArrangement; notes: string[] } => {
  const r = parseHolidayNotice(text, options);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r;
};
const errorsOf = (text: string, options?: { year?: number }): string[] => {
  const r = parseHolidayNotice(text, options);
  if (r.ok) throw new Error(`expected errors, got ${JSON.stringify(r.arrangement)}`);
  return r.errors;
};
const national = (year: number): YearArrangement => {
  const a = NATIONAL_ARRANGEMENTS.find((x) => x.year === year);
  if (!a) throw new Error(`no ${year}`);
  return a;
};
/** The calendar data of an arrangement, without its sources. */
const data = (a: YearArrangement) => ({ year: a.year, holidays: a.holidays, makeUpDays: a.makeUpDays });
const CHINESE = /[\u4e00-\u9fff]/;

describe('the published notices 2024–2026 give exactly the built-in calendar', () => {
  it.each([2024, 2025, 2026])('%i', (year) => {
    const { arrangement } = parsed(notice(String(year)));
    expect(data(arrangement)).toEqual(data(national(year)));
    expect(arrangement.sources[0]).toBe(`国务院办公厅关于${year}年部分节假日安排的通知`);
    expect(WorkingCalendar.build([arrangement]).ok).toBe(true);
  });

  it('document numbers when the notice has one', () => {
    expect(parsed(notice('2024')).arrangement.sources).toEqual(['国务院办公厅关于2024年部分节假日安排的通知', '国办发明电〔2023〕7号']);
    expect(parsed(notice('2025')).arrangement.sources).toEqual(['国务院办公厅关于2025年部分节假日安排的通知', '国办发明电〔2024〕12号']);
    expect(parsed(notice('2026')).arrangement.sources).toEqual(['国务院办公厅关于2026年部分节假日安排的通知']);
  });

  it('2024: 除夕 (2-09) is only "encouraged" — not a rest day, and a note says so', () => {
    const { arrangement, notes } = parsed(notice('2024'));
    expect(arrangement.holidays.find((h) => h.name === '春节')).toEqual({ start: '2024-02-10', end: '2024-02-17', name: '春节' });
    expect(notes.some((n) => n.includes('鼓励') && n.includes('2月9日') && n.includes('不计为放假日'))).toBe(true);
    // "1月1日放假，与周末连休": only the day written
    expect(arrangement.holidays[0]).toEqual({ start: '2024-01-01', end: '2024-01-01', name: '元旦' });
    expect(notes.some((n) => n.includes('与周末连休'))).toBe(true);
  });

  it('2025: "放假1天，不调休", a block across months, "国庆节、中秋节"', () => {
    const { arrangement } = parsed(notice('2025'));
    expect(arrangement.holidays[0]).toEqual({ start: '2025-01-01', end: '2025-01-01', name: '元旦' });
    expect(arrangement.holidays).toContainEqual({ start: '2025-05-31', end: '2025-06-02', name: '端午节' });
    expect(arrangement.makeUpDays).toContainEqual({ date: '2025-09-28', name: '国庆节、中秋节' });
  });

  it('2026: make-up day names are the items they are listed under (9-20 under 七、国庆节)', () => {
    expect(parsed(notice('2026')).arrangement.makeUpDays).toContainEqual({ date: '2026-09-20', name: '国庆节' });
  });

  it('full-width digits, half-width brackets, spaces and line breaks anywhere change nothing', () => {
    const original = parsed(notice('2026')).arrangement;
    const wide = notice('2026')
      .replace(/[0-9]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0))
      .replace(/（/g, '(')
      .replace(/）/g, ')')
      .replace(/：/g, ':');
    expect(parsed(wide).arrangement).toEqual(original);
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(), fc.constantFrom(' ', '\n', '\r\n', '\u3000', '\t', ' \n ')), { maxLength: 40 }), (inserts) => {
        let text = notice('2026');
        for (const [at, ws] of inserts) {
          const i = at % (text.length + 1);
          text = text.slice(0, i) + ws + text.slice(i);
        }
        expect(parsed(text).arrangement).toEqual(original);
      }),
      { numRuns: 100 },
    );
  });
});

describe('older wordings (reconstructed notices: see test/fixtures/holiday-notices/README.md)', () => {
  // 2019 and 2020: reconstructions of the ORIGINAL notices (国办发明电〔2018〕15号, 国办发明电〔2019〕16号), items in
  // the real notices' wording. Appendix A / national.ts include two later notices, so those items differ.
  it('2019: 元旦 2018年12月30日至2019年1月1日, 2018年12月29日（星期六）上班; 与周末连休; 星期', () => {
    const { arrangement } = parsed(notice('2019-reconstructed'));
    const n = national(2019);
    // 国办发明电〔2019〕3号 (2019-03-22) revised 劳动节 from "5月1日放假" to 5-01..5-04 with 4-28 and 5-05 上班
    const original: YearArrangement = {
      ...n,
      holidays: n.holidays.map((h) => (h.name === '劳动节' ? { ...h, end: '2019-05-01' } : h)),
      makeUpDays: n.makeUpDays.filter((m) => m.name !== '劳动节'),
    };
    expect(data(arrangement)).toEqual(data(original));
    expect(arrangement.holidays[0]).toEqual({ start: '2018-12-30', end: '2019-01-01', name: '元旦' });
    expect(arrangement.makeUpDays[0]).toEqual({ date: '2018-12-29', name: '元旦' });
    expect(arrangement.sources).toEqual(['国务院办公厅关于2019年部分节假日安排的通知', '国办发明电〔2018〕15号']);
    expect(WorkingCalendar.build([arrangement]).ok).toBe(true);
  });

  it('2019 with the year of December dates left out: "12月30日至1月1日", "12月29日（星期六）上班"', () => {
    const text = notice('2019-reconstructed').replace('2018年12月30日至2019年1月1日', '12月30日至1月1日').replace('2018年12月29日', '12月29日');
    expect(data(parsed(text).arrangement)).toEqual(data(parsed(notice('2019-reconstructed')).arrangement));
  });

  it('2020: "2020年1月1日放假，共1天", "国庆节、中秋节" — equal to national.ts but for the later 春节 extension', () => {
    const { arrangement } = parsed(notice('2020-reconstructed'));
    const n = national(2020);
    // 国办发明电〔2020〕1号 (2020-01-27, COVID) extended 春节 from 1-30 to 2-02; 2-01 stopped being a working day
    const original: YearArrangement = {
      ...n,
      holidays: n.holidays.map((h) => (h.name === '春节' ? { ...h, end: '2020-01-30' } : h)),
      makeUpDays: [...n.makeUpDays, { date: '2020-02-01', name: '春节' }].sort((a, b) => a.date.localeCompare(b.date)),
    };
    expect(data(arrangement)).toEqual(data(original));
  });

  it('2017: "1月1日放假，1月2日（星期一）补休" is one block 1-01..1-02; "与周末连休"; "中秋节、国庆节"', () => {
    const { arrangement } = parsed(notice('2017-reconstructed'));
    expect(data(arrangement)).toEqual({
      year: 2017,
      holidays: [
        { start: '2017-01-01', end: '2017-01-02', name: '元旦' },
        { start: '2017-01-27', end: '2017-02-02', name: '春节' },
        { start: '2017-04-02', end: '2017-04-04', name: '清明节' },
        { start: '2017-05-01', end: '2017-05-01', name: '劳动节' },
        { start: '2017-05-28', end: '2017-05-30', name: '端午节' },
        { start: '2017-10-01', end: '2017-10-08', name: '中秋节、国庆节' },
      ],
      makeUpDays: [
        { date: '2017-01-22', name: '春节' },
        { date: '2017-02-04', name: '春节' },
        { date: '2017-04-01', name: '清明节' },
        { date: '2017-05-27', name: '端午节' },
        { date: '2017-09-30', name: '中秋节、国庆节' },
      ],
    });
  });

  // Small synthetic texts (not real notices) for the remaining wordings.
  it('补休 after a range, and across a weekend', () => {
    const text = `国务院办公厅关于2016年部分节假日安排的通知
      一、元旦：1月1日至3日放假，1月4日（星期一）补休。
      四、劳动节：4月29日（星期五）放假，5月2日（星期一）补休。`;
    expect(parsed(text).arrangement.holidays).toEqual([
      { start: '2016-01-01', end: '2016-01-04', name: '元旦' },
      { start: '2016-04-29', end: '2016-05-02', name: '劳动节' },
    ]);
  });

  it('"放假公休"; a sentence without a schedule is ignored with a note', () => {
    const text = `国务院办公厅关于2008年部分节假日安排的通知
      六、中秋节：9月14日至16日放假公休，共3天。其中，9月15日（星期一）为法定节假日。`;
    const { arrangement, notes } = parsed(text);
    expect(arrangement.holidays).toEqual([{ start: '2008-09-14', end: '2008-09-16', name: '中秋节' }]);
    expect(arrangement.makeUpDays).toEqual([]);
    expect(notes.some((n) => n.includes('未识别') && n.includes('9月15日'))).toBe(true);
  });

  it('a second date inheriting the month: "2月4日（星期日）、18日（星期日）上班"; "共八天"', () => {
    const text = notice('2024').replace('2月4日（星期日）、2月18日（星期日）上班', '2月4日（星期日）、18日（星期日）上班').replace('共8天', '共八天');
    expect(parsed(text).arrangement).toEqual(parsed(notice('2024')).arrangement);
  });

  it('"中秋节、国庆节" and "国庆节、中秋节" item names are kept as written', () => {
    const text = `国务院办公厅关于2023年部分节假日安排的通知
      六、中秋节、国庆节：9月29日至10月6日放假调休，共8天。10月7日（星期六）、10月8日（星期日）上班。`;
    const { arrangement } = parsed(text);
    expect(arrangement.holidays).toEqual(national(2023).holidays.filter((h) => h.name === '中秋节、国庆节'));
    expect(arrangement.makeUpDays).toEqual(national(2023).makeUpDays.filter((m) => m.name === '中秋节、国庆节'));
  });

  it('the year: from options when the title is missing; options override the title (with a note)', () => {
    const noTitle = notice('2026').replace('国务院办公厅关于2026年部分节假日安排的通知', '');
    expect(errorsOf(noTitle).some((e) => e.includes('年份'))).toBe(true);
    expect(data(parsed(noTitle, { year: 2026 }).arrangement)).toEqual(data(national(2026)));
    const r = parsed(notice('2026').replace('关于2026年', '关于2025年'), { year: 2026 });
    expect(data(r.arrangement)).toEqual(data(national(2026)));
    expect(r.notes.some((n) => n.includes('2025') && n.includes('2026'))).toBe(true);
  });
});

describe('cross-checks: the parse fails with Chinese errors, nothing is guessed', () => {
  const text2026 = notice('2026');
  const replaced = (from: string, to: string): string => {
    expect(text2026).toContain(from);
    return text2026.replace(from, to);
  };

  it('a weekday that does not match the date', () => {
    const errors = errorsOf(replaced('1月1日（周四）', '1月1日（周五）'));
    expect(errors).toEqual([expect.stringMatching(/元旦.*1月1日.*周五.*周四/)]);
  });

  it('a weekday inside "农历腊月二十八、周日" that does not match', () => {
    const errors = errorsOf(replaced('（农历腊月二十八、周日）', '（农历腊月二十八、周一）'));
    expect(errors.join('\n')).toMatch(/春节.*2月15日.*周一.*周日/);
  });

  it('星期 in older notices is checked too', () => {
    const errors = errorsOf(notice('2019-reconstructed').replace('2018年12月29日（星期六）', '2018年12月29日（星期日）'));
    expect(errors.join('\n')).toMatch(/元旦.*12月29日.*星期日.*周六/);
  });

  it('"共N天" that does not match the block', () => {
    const errors = errorsOf(replaced('共9天', '共8天'));
    expect(errors).toEqual([expect.stringMatching(/春节.*共8天.*9天/)]);
  });

  it('a make-up day on a Wednesday', () => {
    const errors = errorsOf(replaced('5月9日（周六）上班', '5月13日（周三）上班'));
    expect(errors).toEqual([expect.stringMatching(/劳动节.*5月13日.*不是周六或周日/)]);
  });

  it('a make-up day inside a rest block', () => {
    const errors = errorsOf(replaced('5月9日（周六）上班', '5月2日（周六）上班'));
    expect(errors).toEqual([expect.stringMatching(/5月2日.*放假期间/)]);
  });

  it('a date that does not exist', () => {
    const errors = errorsOf(replaced('6月19日（周五）至21日（周日）', '6月31日至7月2日'));
    expect(errors.join('\n')).toMatch(/端午节.*6月31日不存在/);
  });

  it('a date of another year', () => {
    expect(errorsOf(notice('2020-reconstructed').replace('2020年1月1日', '2021年1月1日')).join('\n')).toMatch(/不在2020年/);
  });

  it('an item without rest days', () => {
    expect(errorsOf(replaced('4月4日（周六）至6日（周一）放假，共3天。', '')).join('\n')).toMatch(/清明节.*没有读到放假日期/);
  });

  it('empty text, garbage, a text without items', () => {
    for (const text of ['', '   \n  ', 'hello world 12345', '一、二、三：', '国务院办公厅关于2026年部分节假日安排的通知\n\n经国务院批准……']) {
      const errors = errorsOf(text);
      expect(errors.length).toBeGreaterThan(0);
      for (const e of errors) expect(e).toMatch(CHINESE);
    }
    expect(errorsOf('国务院办公厅关于2026年部分节假日安排的通知')).toEqual([expect.stringContaining('没有找到放假安排条目')]);
  });
});

describe('never throws', () => {
  const check = (r: NoticeParseResult): void => {
    if (r.ok) expect(WorkingCalendar.build([r.arrangement]).ok).toBe(true);
    else {
      expect(r.errors.length).toBeGreaterThan(0);
      for (const e of r.errors) expect(e).toMatch(CHINESE);
    }
  };
  const alphabet = [...'一二三四五六七、：:元旦春节清明劳动端午中秋国庆节月日年至放假调休补上班共天（）()周星期日六。，0123456789２０ \n'];

  it('300 random strings', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'grapheme', maxLength: 300 }), fc.string({ unit: fc.constantFrom(...alphabet), maxLength: 300 })), fc.option(fc.integer({ min: -5, max: 3000 })), (text, year) => {
        check(parseHolidayNotice(text, year === null ? {} : { year }));
      }),
      { numRuns: 300 },
    );
  });

  it('300 random mutations of the 2026 text', () => {
    const bytes = new TextEncoder().encode(notice('2026'));
    const decoder = new TextDecoder('utf-8', { fatal: false });
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 5 }), (steps) => {
        check(parseHolidayNotice(decoder.decode(applyMutation(bytes, steps))));
      }),
      { numRuns: 300 },
    );
  });

  it('300 random digit and character swaps in the 2026 text', () => {
    const text = notice('2026');
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(), fc.constantFrom(...alphabet)), { minLength: 1, maxLength: 6 }), (edits) => {
        const chars = [...text];
        for (const [at, c] of edits) chars[at % chars.length] = c;
        check(parseHolidayNotice(chars.join('')));
      }),
      { numRuns: 300 },
    );
  });
});

describe('describeArrangement', () => {
  it('one line per holiday with its make-up days, then the totals', () => {
    const lines = describeArrangement(national(2026)).split('\n');
    expect(lines).toContain('元旦：2026年1月1日（周四）至1月3日（周六）放假，共3天；1月4日（周日）上班');
    expect(lines).toContain('春节：2026年2月15日（周日）至2月23日（周一）放假，共9天；2月14日（周六）、2月28日（周六）上班');
    expect(lines).toContain('清明节：2026年4月4日（周六）至4月6日（周一）放假，共3天');
    expect(lines).toContain('国庆节：2026年10月1日（周四）至10月7日（周三）放假，共7天；9月20日（周日）、10月10日（周六）上班');
    expect(lines.at(-1)).toBe('合计：放假33天，调休上班6天');
  });

  it('a single day, and a block across the year end', () => {
    const lines2025 = describeArrangement(national(2025)).split('\n');
    expect(lines2025).toContain('元旦：2025年1月1日（周三）放假，共1天');
    const lines2019 = describeArrangement(national(2019)).split('\n');
    expect(lines2019).toContain('元旦：2018年12月30日（周日）至2019年1月1日（周二）放假，共3天；2018年12月29日（周六）上班');
  });

  it('describes what the parser read', () => {
    expect(describeArrangement(parsed(notice('2026')).arrangement)).toBe(describeArrangement({ ...national(2026), sources: parsed(notice('2026')).arrangement.sources }));
  });
});
