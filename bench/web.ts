// Web pages under load: requests per second and p99 latency of an agency's column home page, its
// status page and a public catalogue item page, served by the real server (startServer, fresh embedded
// PGlite with one agency), next to bare `node:http` servers in the same run with the same settings
// (autocannon, 50 connections, 10 s each, loopback). Target: at least 30% of the bare rate.
//
// Two baselines: a bare server answering a fixed string ('ok', the ceiling of the machine), and a bare
// server answering the item page's own bytes with its own headers (the like-for-like one: what sending
// 6 KB of HTML costs without gongkai). The item page's ratio to both is printed; its target (issue
// #11: "next to bare node:http") is taken against the like-for-like server.
//
// The load is generated in a worker thread (autocannon `workers: 1`) so that it does not share the
// servers' event loop; on a 2-core machine the two still share the CPU. Each target gets an unmeasured
// warm-up first (JIT, the page cache). Autocannon keeps no cookies: every request to the status page is
// a first visit (a new CSRF token and cookie); a third line measures a returning visitor (cookie sent).
// A fourth measures the status result — the timeline, deadlines and documents of an application, read
// from the database on every request — for a visitor whose query (receipt code and password, checked
// once) is open: an application is submitted through the online form first, as a citizen would.

import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import type { TestServer } from '../test/support/web-server.ts';

const CONNECTIONS = 50;
const DURATION_S = 10;
const WARMUP_S = 2;
const TARGET_RATIO = 0.3;
const AGENCY = { code: 'bench', name: '基准测试局', level: 'department' } as const;

/** What we read of autocannon's result (the package ships no types). */
interface Histogram {
  average: number;
  p50: number;
  p99: number;
}
interface AutocannonResult {
  requests: Histogram & { total: number };
  latency: Histogram;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodeStats?: Record<string, { count: number }>;
}
type Autocannon = (options: {
  url: string;
  connections: number;
  duration: number;
  workers?: number;
  method?: string;
  headers?: Record<string, string>;
}) => PromiseLike<AutocannonResult>;

const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

interface Measured {
  rps: number;
  p99: number;
  problems: string | undefined;
}

async function load(url: string, headers: Record<string, string> = {}): Promise<Measured> {
  await autocannon({ url, connections: CONNECTIONS, duration: WARMUP_S, workers: 1, method: 'GET', headers });
  const r = await autocannon({ url, connections: CONNECTIONS, duration: DURATION_S, workers: 1, method: 'GET', headers });
  const problems: string[] = [];
  if (r.non2xx > 0) {
    const codes = Object.entries(r.statusCodeStats ?? {})
      .filter(([code]) => !code.startsWith('2'))
      .map(([code, s]) => `${code}×${s.count}`)
      .join(', ');
    problems.push(`${r.non2xx} non-2xx responses${codes ? ` (${codes})` : ''}`);
  }
  if (r.errors > 0) problems.push(`${r.errors} errors`);
  if (r.timeouts > 0) problems.push(`${r.timeouts} timeouts`);
  return { rps: r.requests.average, p99: r.latency.p99, problems: problems.length > 0 ? problems.join(', ') : undefined };
}

/** A bare node:http server answering every request with the same body and headers ('ok' as text by default). */
function bareServer(body: Buffer = Buffer.from('ok'), headers: Record<string, string> = { 'content-type': 'text/plain; charset=utf-8' }): Promise<{ server: Server; url: string }> {
  const server = createServer((_req, res) => {
    res.writeHead(200, headers);
    res.end(body);
  });
  return new Promise((resolve) => {
    server.listen(0, () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      resolve({ server, url: `http://localhost:${port}/` });
    });
  });
}

/** A browser's cookies, as far as the bench needs them. */
class Jar {
  private readonly cookies = new Map<string, string>();
  keep(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const pair = line.split(';')[0] ?? '';
      const eq = pair.indexOf('=');
      if (eq > 0) this.cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
  }
  get header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

const tokenOf = (html: string): string => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

/** A 1×1 PNG: the identity proof of the bench's application. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGBgAAAABQABh6FO1AAAAABJRU5ErkJggg==', 'base64');

/**
 * Applies online as a citizen does (form, receipt), then queries the status with the receipt code and
 * password: the cookies of a visitor whose status query is open.
 */
export async function openStatusQuery(base: string): Promise<string> {
  const jar = new Jar();
  const get = async (path: string) => {
    const r = await fetch(`${base}${path}`, { redirect: 'manual', headers: { cookie: jar.header } });
    jar.keep(r);
    return r;
  };
  const post = async (path: string, body: FormData | URLSearchParams) => {
    const r = await fetch(`${base}${path}`, { method: 'POST', body, redirect: 'manual', headers: { cookie: jar.header } });
    jar.keep(r);
    if (r.status !== 303) throw new Error(`bench: POST ${path} answered ${r.status}: ${(await r.text()).slice(0, 300)}`);
    return r;
  };
  const form = new FormData();
  form.set('_csrf', tokenOf(await (await get(`/${AGENCY.code}/apply`)).text()));
  const fields: Record<string, string> = {
    applicantType: 'natural_person',
    applicantName: '张三',
    idKind: 'resident_id',
    idNumber: '11010519491231002X',
    phone: '13800138000',
    address: '某市某区某路1号',
    request: '2023年某地块征收补偿方案',
    deliveryForm: 'paper_post',
  };
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  form.set('identityProof', new File([PNG], 'id.png', { type: 'image/png' }));
  await post(`/${AGENCY.code}/apply`, form);
  const receipt = await (await get(`/${AGENCY.code}/apply/receipt`)).text();
  const [code = '', password = ''] = [...receipt.matchAll(/<span class="receipt-code">([^<]+)<\/span>/g)].map((m) => m[1] ?? '');
  const query = new URLSearchParams({ _csrf: tokenOf(await (await get(`/${AGENCY.code}/status`)).text()), code, password });
  await post(`/${AGENCY.code}/status`, query);
  return jar.header;
}

const rate = (rps: number) => `${Math.round(rps).toLocaleString('en').padStart(7)} req/s`;
const p99 = (ms: number) => `p99 ${String(Math.round(ms)).padStart(4)} ms`;

export async function benchWeb(): Promise<void> {
  console.log(`Web pages: autocannon, ${CONNECTIONS} connections, ${DURATION_S} s each (after ${WARMUP_S} s of warm-up), loopback; PGlite, one agency`);

  // the web app is being written: if it does not load yet, say so instead of measuring nothing
  let startTestServer: typeof import('../test/support/web-server.ts').startTestServer;
  let createAgency: typeof import('../src/services/agencies.ts').createAgency;
  let makeItem: typeof import('../test/web/catalogue-support.ts').makeItem;
  try {
    ({ startTestServer } = await import('../test/support/web-server.ts'));
    ({ createAgency } = await import('../src/services/agencies.ts'));
    ({ makeItem } = await import('../test/web/catalogue-support.ts'));
  } catch (e) {
    console.log(`  NOT MEASURED: the web app does not load: ${e instanceof Error ? e.message : String(e)}`);
    return;
  }

  const bare = await bareServer();
  let samePage: Server | undefined;
  let app: TestServer | undefined;
  let itemId = 0;
  try {
    const t = performance.now();
    app = await startTestServer({
      seed: async ({ db, now }) => {
        const created = await createAgency(db, AGENCY, now);
        if (!created.ok) throw new Error(`bench: createAgency: ${created.error.message}`);
        // a published catalogue item: its public page (metadata block, body, 政策解读 link)
        const body = Array.from({ length: 12 }, (_, i) => `第${i + 1}条 为规范耕地地力保护补贴发放工作，提高资金使用效益，根据有关规定，结合本县实际，制定本办法。`).join('\n\n');
        itemId = (await makeItem(db, created.value.id, { title: '某县耕地地力保护补贴实施办法', docNumber: '某农规〔2024〕3号', docType: '行政规范性文件', writtenOn: '2024-03-15', publishedOn: '2024-03-20', body })).id;
      },
    });
    console.log(`  (server with a fresh PGlite started in ${((performance.now() - t) / 1000).toFixed(1)} s)`);

    const base = await load(bare.url);
    console.log(`  ${'bare node:http, fixed string (baseline)'.padEnd(52)} ${rate(base.rps)}   ${p99(base.p99)}${base.problems ? `   ${base.problems}` : ''}`);

    // a returning visitor of the status page sends the CSRF cookie its first visit got
    const first = await fetch(`${app.url}/${AGENCY.code}/status`, { redirect: 'manual' });
    await first.text();
    const cookie = first.headers.getSetCookie().map((line) => line.split(';')[0] ?? '').join('; ');
    const query = await openStatusQuery(app.url);
    // target: the pages the issues name (the column home, the status page, #11's public item page); the result page is measured for information
    const routes: { label: string; path: string; headers?: Record<string, string>; target?: false; sameBytes?: true }[] = [
      { label: 'column home', path: `/${AGENCY.code}/` },
      { label: 'status page', path: `/${AGENCY.code}/status` },
      { label: 'status, returning', path: `/${AGENCY.code}/status`, headers: { cookie } },
      { label: 'public item page (catalogue)', path: `/${AGENCY.code}/info/${itemId}`, sameBytes: true },
      { label: 'status result (query open)', path: `/${AGENCY.code}/status/result`, headers: { cookie: query }, target: false },
    ];
    for (const route of routes) {
      const name = `GET ${route.path}  ${route.label}`.padEnd(52);
      const probe = await fetch(`${app.url}${route.path}`, { redirect: 'manual', headers: route.headers ?? {} });
      const body = Buffer.from(await probe.arrayBuffer());
      if (probe.status < 200 || probe.status > 299) {
        const where = probe.headers.get('location');
        console.log(`  ${name} NOT MEASURED: answers ${probe.status}${where ? ` → ${where}` : ''} (page not ready?)`);
        continue;
      }
      // the item page's like-for-like baseline: its bytes and headers from a bare server
      let like: { label: string; rps: number } | undefined;
      if (route.sameBytes) {
        const headers: Record<string, string> = {};
        for (const [k, v] of probe.headers) if (!['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding'].includes(k)) headers[k] = v;
        const same = await bareServer(body, headers);
        samePage = same.server;
        const b = await load(same.url);
        console.log(`  ${'bare node:http, the item page\'s bytes and headers'.padEnd(52)} ${rate(b.rps)}   ${p99(b.p99)}   ratio ${(b.rps / base.rps).toFixed(2)}${b.problems ? `   ${b.problems}` : ''}`);
        like = { label: 'same bytes', rps: b.rps };
      }
      const m = await load(`${app.url}${route.path}`, route.headers);
      const ratio = m.rps / base.rps;
      const judged = like ? m.rps / like.rps : ratio;
      const size = `${(body.length / 1024).toFixed(1)} KB`;
      const target = route.target === false ? 'no target: one application read from the database per request' : `target ≥ ${TARGET_RATIO}${like ? ` of ${like.label}` : ''}: ${judged >= TARGET_RATIO ? 'met' : 'NOT met'}`;
      console.log(
        `  ${name} ${rate(m.rps)}   ${p99(m.p99)}   ratio ${ratio.toFixed(2)}${like ? ` (${judged.toFixed(2)} of ${like.label})` : ''}   ${target}   (${size})` +
          (m.problems ? `\n  ${''.padEnd(52)} WARNING: ${m.problems}: the figure is not meaningful` : ''),
      );
    }
  } finally {
    await app?.close();
    await new Promise<void>((resolve) => bare.server.close(() => resolve()));
    if (samePage) await new Promise<void>((resolve) => samePage?.close(() => resolve()));
  }
}
