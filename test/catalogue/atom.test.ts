// The hand-written Atom feed (domain/catalogue/atom.ts): text and attributes escaped once, characters
// XML 1.0 cannot hold dropped, dates in RFC 3339, the required elements present (parsed back as XML).

import { parseDocument } from 'htmlparser2';
import type { Element } from 'domhandler';
import { describe, expect, it } from 'vitest';
import { atomDate, renderAtom, xmlEscape } from '../../src/domain/catalogue/atom.ts';

const tags = (e: { children: unknown[] }, name: string): Element[] => (e.children as Element[]).filter((c) => c.type === 'tag' && c.name === name);
const text = (e: Element | undefined): string => (e?.children ?? []).map((c) => ('data' in c ? String(c.data) : '')).join('');

describe('Atom feed', () => {
  it('escapes markup, quotes and ampersands and drops what XML cannot hold', () => {
    expect(xmlEscape(`<a href="x">&'`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&apos;');
    expect(xmlEscape('a\u0000b\u0008c\u000bd\ufffee\ud800f\tg\n')).toBe('abcdef\tg\n');
    expect(xmlEscape('𠀀中文')).toBe('𠀀中文');
  });

  it('writes dates as RFC 3339 timestamps', () => {
    expect(atomDate('2024-03-20')).toBe('2024-03-20T00:00:00.000Z');
    expect(atomDate('2024-03-20T10:00:00.000+08:00')).toBe('2024-03-20T02:00:00.000Z');
    expect(atomDate('not a date')).toBe('1970-01-01T00:00:00.000Z');
  });

  it('renders a feed that parses back with every text intact', () => {
    const evil = '</title><script>x</script>&amp; "引号"';
    const xml = renderAtom({
      id: 'http://gk.example/a/feed.atom',
      title: `某局 ${evil}`,
      self: 'http://gk.example/a/feed.atom?x=1&y=2',
      alternate: 'http://gk.example/a/catalogue',
      updated: '2024-03-20',
      author: '某局',
      entries: [{ id: 'http://gk.example/a/info/1', title: evil, link: 'http://gk.example/a/info/1', updated: '2024-03-21T00:00:00Z', published: '2024-03-20', summary: evil, category: { term: 'a20-1', label: '规范性文件"&' }, author: '某局' }],
    });
    const doc = parseDocument(xml, { xmlMode: true });
    const feed = tags(doc, 'feed')[0]!;
    expect(feed.attribs['xmlns']).toBe('http://www.w3.org/2005/Atom');
    expect(text(tags(feed, 'title')[0])).toBe(`某局 ${evil}`);
    expect(tags(feed, 'link').find((l) => l.attribs['rel'] === 'self')?.attribs['href']).toBe('http://gk.example/a/feed.atom?x=1&y=2');
    const entry = tags(feed, 'entry')[0]!;
    expect(text(tags(entry, 'title')[0])).toBe(evil);
    expect(text(tags(entry, 'summary')[0])).toBe(evil);
    expect(tags(entry, 'category')[0]?.attribs['label']).toBe('规范性文件"&');
    expect(text(tags(entry, 'updated')[0])).toBe('2024-03-21T00:00:00.000Z');
    expect(xml).not.toContain('<script>');
  });
});
