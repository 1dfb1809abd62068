// The annual report's HTML article (domain/report/render: renderHtml, not standalone) made fit for a page:
// every wide table in a scrolling region of its own (phones), and — where the report sits below a page's
// own heading (the staff workspace) — its headings one level down.

/** Wide tables scroll sideways on a phone; the scrolling region is keyboard-reachable and named. */
export function scrollableTables(html: string): string {
  let n = 0;
  return html
    .replace(/<table\b([^>]*)>(\s*<caption>([\s\S]*?)<\/caption>)?/g, (_all, attrs: string, caption: string | undefined, text: string | undefined) => {
      n += 1;
      const label = text ? text.replace(/<[^>]*>/g, '').replace(/"/g, '&quot;') : `表格${n}`;
      return `<div class="table-wrap" role="region" aria-label="${label}（可横向滚动）" tabindex="0"><table${attrs}>${caption ?? ''}`;
    })
    .replace(/<\/table>/g, '</table></div>');
}

/** The article under a page's own h1 and h2: its h1…h4 become h3…h6. */
export function articleForStaff(html: string): string {
  return scrollableTables(html).replace(/<(\/?)h([1-4])\b/g, (_all, slash: string, level: string) => `<${slash}h${Number(level) + 2}`);
}
