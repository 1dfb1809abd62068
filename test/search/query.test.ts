// domain/search/query.ts: what a person's query becomes — units split at common words, each the AND of
// its pairs and a phrase for the rank; a 文号 (whole or its tail) taken out for its own lookup with its
// prefix only ranking; single characters looked up among titles; snippets marked without HTML.

import { describe, expect, it } from 'vitest';
import { parseQuery, snippet } from '../../src/domain/search/query.ts';
import '../../src/services/search/segmenter.ts';

describe('parseQuery', () => {
  it('requires the units, not the common words, and ranks contiguous text', () => {
    const q = parseQuery('关于农村危房改造的通知');
    expect(q.tsquery).toBe('(农村 & 村危 & 危房 & 房改 & 改造)');
    expect(q.phrase).toBe('(农村 <-> 村危 <-> 危房 <-> 房改 <-> 改造)');
    expect(q.rank).toContain('通知');
    expect(q.tsquery).not.toContain('通知');
  });

  it('searches for common words when there is nothing else', () => {
    expect(parseQuery('通知').tsquery).toBe('通知');
  });

  it('takes a 文号 out, whole or its tail, in any brackets and widths', () => {
    const whole = parseQuery('示范住建发 [2020] 30 号');
    expect(whole.docNumberKey).toBe('示范住建发[2020]30号');
    expect(whole.docTailKey).toBe('[2020]30号');
    expect(whole.tsquery).toBe('');
    expect(whole.rank).toContain('示范');
    const tail = parseQuery('〔２０２４〕３号 补助资金');
    expect(tail.docTailKey).toBe('[2024]3号');
    expect(tail.tsquery).toBe('(补助 & 助资 & 资金)');
  });

  it('looks up a single character among titles, keeps Latin words and numbers whole', () => {
    const one = parseQuery('桥');
    expect(one).toMatchObject({ tsquery: '桥', titleOnly: true });
    expect(parseQuery('5G基站').tsquery).toBe('基站 & 5g');
    expect(parseQuery('2023年统计公报').tsquery).toBe('(统计 & 计公 & 公报) & 2023');
  });

  it('has nothing to search in punctuation, and no tsquery syntax gets through', () => {
    expect(parseQuery('，。！').tsquery).toBe('');
    expect(parseQuery("a' | b & !c:*").tsquery).toBe('a & b & c');
  });
});

describe('snippet', () => {
  it('marks the words around the first one, as text segments', () => {
    const s = snippet('前言。'.repeat(40) + '现将<b>危房改造</b>补助资金下达', ['危房改造'], 30);
    expect(s[0]).toEqual({ text: '…', mark: false });
    expect(s.filter((x) => x.mark).map((x) => x.text)).toEqual(['危房改造']);
    expect(s.map((x) => x.text).join('')).toContain('<b>');
  });
});
