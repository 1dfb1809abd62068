// Every page of the platform, found the way a person finds them: by following the links from where each
// kind of visitor starts (the portal, an agency's workspace, the office's oversight, 平台管理), with
// plain HTTP and the visitor's cookies. Each address is matched to the route that answers it (the app's
// own route table), so a test can say which routes no link reaches — a page nobody can find, or a page
// the inventory does not cover yet — and every link followed must answer (no 404, no 500).
//
//   const found = await crawl(server.url, [{ role: 'public', cookie: '', start: ['/'] }, …], routes);
//   found.pages: one or two addresses per route, with the role that reached them and the content type

export interface Visitor {
  role: string;
  /** the Cookie header (a session's), '' for the public */
  cookie: string;
  start: readonly string[];
  /** paths not to follow (e.g. another role's part: /staff/platform for an agency's admin) */
  skip?: (path: string) => boolean;
}

export interface FoundPage {
  path: string;
  route: string;
  role: string;
  status: number;
  type: string;
  /** the page it was linked from ('' for a start) */
  from: string;
}

export interface Crawl {
  pages: FoundPage[];
  /** links that answered 4xx/5xx: "path (status) from page" */
  broken: string[];
}

/** A route pattern as a regular expression (":name" one segment); more literal segments first when several match. */
export function routeMatcher(patterns: readonly string[]): (path: string) => string | null {
  const compiled = [...new Set(patterns)]
    .map((p) => ({ p, re: new RegExp(`^${p.replace(/[.+*?^${}()|[\]\\]/g, '\\$&').replace(/:[A-Za-z_]+/g, '[^/]+')}$`), params: (p.match(/:[A-Za-z_]+/g) ?? []).length }))
    .sort((a, b) => a.params - b.params);
  return (path) => compiled.find((c) => c.re.test(path))?.p ?? null;
}

const decode = (href: string): string => href.replace(/&amp;/g, '&').replace(/&#39;/g, "'").replace(/&quot;/g, '"');

/** The same-site links of a page (paths with their queries, without fragments). */
export function linksOf(html: string): string[] {
  const out: string[] = [];
  for (const m of html.matchAll(/<a\b[^>]*\shref="([^"]*)"/g)) {
    const href = decode(m[1] ?? '');
    if (!href.startsWith('/') || href.startsWith('//')) continue;
    const path = href.split('#')[0] ?? '';
    if (path === '' || /[?&]mode=/.test(path)) continue;
    out.push(path);
  }
  return out;
}

/** Breadth first from each visitor's starts; at most `perRoute` addresses of a route are fetched (per visitor). */
export async function crawl(base: string, visitors: readonly Visitor[], patterns: readonly string[], perRoute = 2): Promise<Crawl> {
  const routeOf = routeMatcher(patterns);
  const pages: FoundPage[] = [];
  const broken: string[] = [];
  for (const visitor of visitors) {
    const seen = new Set<string>();
    const perPattern = new Map<string, number>();
    const queue: { path: string; from: string }[] = visitor.start.map((path) => ({ path, from: '' }));
    while (queue.length > 0) {
      const { path, from } = queue.shift() as { path: string; from: string };
      if (seen.has(path) || visitor.skip?.(path)) continue;
      seen.add(path);
      const route = routeOf(path.split('?')[0] ?? path);
      if (route === null) {
        broken.push(`${path} (no route) from ${from}`);
        continue;
      }
      const count = perPattern.get(route) ?? 0;
      if (count >= perRoute) continue;
      perPattern.set(route, count + 1);
      const response = await fetch(`${base}${path}`, { headers: visitor.cookie ? { cookie: visitor.cookie } : {}, redirect: 'manual' });
      const type = response.headers.get('content-type') ?? '';
      pages.push({ path, route, role: visitor.role, status: response.status, type, from });
      if (response.status >= 400) {
        broken.push(`${path} (${response.status}) from ${from}`);
        await response.arrayBuffer();
        continue;
      }
      if (response.status >= 300) {
        const to = response.headers.get('location');
        if (to && to.startsWith('/')) queue.push({ path: to, from: path });
        continue;
      }
      if (!type.startsWith('text/html')) {
        await response.arrayBuffer();
        continue;
      }
      for (const link of linksOf(await response.text())) if (!seen.has(link)) queue.push({ path: link, from: path });
    }
  }
  return { pages, broken };
}
