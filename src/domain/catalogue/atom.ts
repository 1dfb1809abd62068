// An Atom 1.0 feed (RFC 4287) of catalogue items, written by hand: the format is a dozen elements, and
// every piece of text goes through one escape (text content and attribute values alike), so nothing an
// item carries can become markup; characters XML 1.0 cannot hold are dropped. Titles and summaries are
// type="text" (plain text, never HTML). Pure.

export interface AtomEntry {
  /** an absolute IRI, stable for the item */
  id: string;
  title: string;
  /** the item's page (absolute) */
  link: string;
  /** ISO timestamp of the last change the public saw */
  updated: string;
  /** ISO timestamp of publication, if known */
  published?: string | null;
  summary?: string;
  /** category term and label */
  category?: { term: string; label: string } | null;
  author?: string;
}

export interface AtomFeed {
  id: string;
  title: string;
  subtitle?: string;
  /** the feed's own URL (rel="self") */
  self: string;
  /** the HTML page it mirrors (rel="alternate") */
  alternate: string;
  /** ISO timestamp: the newest entry's, or a fixed moment for an empty feed */
  updated: string;
  author: string;
  entries: readonly AtomEntry[];
}

// XML 1.0 Char: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]
// eslint-disable-next-line no-control-regex
const NOT_XML = /[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu;
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Text safe as XML content or a quoted attribute value. */
export function xmlEscape(text: string): string {
  return text.replace(NOT_XML, '').replace(/[&<>"']/g, (ch) => ESCAPES[ch] ?? ch);
}

/** An RFC 3339 timestamp (Atom's date construct) of an ISO string; a bare date becomes midnight UTC. */
export function atomDate(iso: string): string {
  const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${iso}T00:00:00Z` : iso);
  return Number.isNaN(ms) ? '1970-01-01T00:00:00.000Z' : new Date(ms).toISOString();
}

const el = (name: string, text: string, attrs = ''): string => `<${name}${attrs}>${xmlEscape(text)}</${name}>`;

export function renderAtom(feed: AtomFeed): string {
  const out: string[] = ['<?xml version="1.0" encoding="utf-8"?>', '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">'];
  out.push(el('id', feed.id), el('title', feed.title, ' type="text"'));
  if (feed.subtitle) out.push(el('subtitle', feed.subtitle, ' type="text"'));
  out.push(el('updated', atomDate(feed.updated)));
  out.push(`<link rel="self" type="application/atom+xml" href="${xmlEscape(feed.self)}"/>`);
  out.push(`<link rel="alternate" type="text/html" href="${xmlEscape(feed.alternate)}"/>`);
  out.push(`<author>${el('name', feed.author)}</author>`);
  out.push(el('generator', 'gongkai'));
  for (const e of feed.entries) {
    out.push('<entry>');
    out.push(el('id', e.id), el('title', e.title, ' type="text"'), el('updated', atomDate(e.updated)));
    if (e.published) out.push(el('published', atomDate(e.published)));
    out.push(`<link rel="alternate" type="text/html" href="${xmlEscape(e.link)}"/>`);
    if (e.author) out.push(`<author>${el('name', e.author)}</author>`);
    if (e.category) out.push(`<category term="${xmlEscape(e.category.term)}" label="${xmlEscape(e.category.label)}"/>`);
    if (e.summary) out.push(el('summary', e.summary, ' type="text"'));
    out.push('</entry>');
  }
  out.push('</feed>');
  return out.join('\n');
}
