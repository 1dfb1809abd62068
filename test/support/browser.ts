// Headless Chromium for end-to-end web tests: Debian's `chromium` driven by playwright-core (browser
// downloads do not work on these machines), and an axe-core accessibility check (WCAG 2.1 A/AA).
//
//   const browser = await launchBrowser();
//   const page = await browser.newPage();
//   await page.goto(url);
//   expect(await checkAccessibility(page)).toEqual([]);
//   await browser.close();

import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import type { Browser, LaunchOptions, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { startTestServer } from './web-server.ts';
import type { TestServer, TestServerOptions } from './web-server.ts';
import { CHROMIUM_ARGS } from '../../src/services/pdf/browser.ts';

/** CHROMIUM_PATH, else Debian's /usr/bin/chromium. */
export function chromiumPath(): string {
  return process.env['CHROMIUM_PATH'] || '/usr/bin/chromium';
}

/** Whether the browser is there to launch. */
export function hasChromium(): boolean {
  return existsSync(chromiumPath());
}

/**
 * The flags of the server's PDF printer (src/services/pdf/browser.ts): a quiet, sandbox-less headless
 * run. Playwright's launch() gives every browser a new empty profile of its own (a temp
 * --user-data-dir, removed on close); it refuses the flag in `args`.
 */
export { CHROMIUM_ARGS };

export async function launchBrowser(options: LaunchOptions = {}): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!existsSync(executablePath)) {
    throw new Error(`launchBrowser: no Chromium at ${executablePath} (apt-get install -y --no-install-recommends chromium fonts-noto-cjk, or set CHROMIUM_PATH)`);
  }
  return chromium.launch({
    executablePath,
    headless: true,
    timeout: 30_000,
    ...options,
    args: [...CHROMIUM_ARGS, ...(options.args ?? [])],
  });
}

export type AxeImpact = 'minor' | 'moderate' | 'serious' | 'critical';

export interface AxeViolation {
  /** the rule, e.g. color-contrast, html-has-lang */
  id: string;
  impact: AxeImpact;
  help: string;
  helpUrl: string;
  nodes: { target: string[]; html: string; failureSummary: string }[];
}

export const WCAG21_AA_TAGS: readonly string[] = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

let axeSource: Promise<string> | undefined;

function readAxe(): Promise<string> {
  const require = createRequire(import.meta.url);
  axeSource ??= readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
  return axeSource;
}

/**
 * Runs axe-core's WCAG 2.0/2.1 A and AA rules (and its best practices with `bestPractice`, or only the
 * given `rules`) on the page as it is and returns the serious and critical violations (an empty array
 * when there are none).
 *
 * The app's CSP (script-src 'self') blocks an inline <script> (page.addScriptTag({ content })), so
 * axe is evaluated through the DevTools protocol, which the page's CSP does not govern.
 */
export async function checkAccessibility(page: Page, options: { bestPractice?: boolean; rules?: readonly string[] } = {}): Promise<AxeViolation[]> {
  const loaded = await page.evaluate(() => typeof (globalThis as { axe?: unknown }).axe === 'object');
  if (!loaded) {
    // indirect eval of the UMD bundle in the page's global scope: defines window.axe
    await page.evaluate(`${await readAxe()}\n;void 0`);
  }
  const runOnly = options.rules ? { type: 'rule', values: [...options.rules] } : { type: 'tag', values: [...WCAG21_AA_TAGS, ...(options.bestPractice ? ['best-practice'] : [])] };
  const violations = await page.evaluate(async (only: { type: string; values: string[] }) => {
    interface AxeResultNode {
      target: unknown[];
      html: string;
      failureSummary?: string;
    }
    interface AxeResult {
      id: string;
      impact?: string | null;
      help: string;
      helpUrl: string;
      nodes: AxeResultNode[];
    }
    const axe = (globalThis as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<{ violations: AxeResult[] }> } }).axe;
    const result = await axe.run((globalThis as unknown as { document: unknown }).document, {
      runOnly: only,
      resultTypes: ['violations'],
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? 'minor',
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({ target: n.target.map(String), html: n.html, failureSummary: n.failureSummary ?? '' })),
    }));
  }, runOnly);
  return (violations as AxeViolation[]).filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Violations as readable lines for an assertion message. */
export function formatViolations(violations: readonly AxeViolation[]): string {
  return violations
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.helpUrl})\n${v.nodes.map((n) => `    ${n.target.join(' ')}  ${n.html}`).join('\n')}`)
    .join('\n');
}

/**
 * The real server (startTestServer, seeded) and a browser for the tests of a describe block: started
 * together before them, both closed after; the getter throws if either did not start.
 *
 *   const started = useServerAndBrowser({ seed: async ({ db, now }) => { … } });
 *   it('…', async () => { const { server, browser } = started(); … });
 */
export function useServerAndBrowser(options: TestServerOptions = {}, startTimeoutMs = 60_000): () => { server: TestServer; browser: Browser } {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    const [started, launched] = await Promise.allSettled([startTestServer(options), launchBrowser()]);
    if (started.status === 'fulfilled') server = started.value;
    if (launched.status === 'fulfilled') browser = launched.value;
    for (const r of [started, launched]) if (r.status === 'rejected') throw r.reason;
  }, startTimeoutMs);
  afterAll(async () => {
    await Promise.allSettled([browser?.close(), server?.close()]);
  }, 30_000);
  return () => {
    if (!server || !browser) throw new Error('the server or the browser did not start');
    return { server, browser };
  };
}

/** One page per browser and viewport width, reused by htmlPage. */
const htmlPages = new WeakMap<Browser, Map<number, Promise<Page>>>();

/**
 * A page of the browser (zh-CN, the given viewport width) to set HTML in, one per browser and width,
 * made once and reused: a new context per check cost more than the check. Each setContent writes a new
 * document (no state of the last page's is read by the checks); axe, once injected, stays on the window
 * (document.open keeps the global object), so it is injected once per page, not once per check.
 */
export function htmlPage(browser: Browser, width = 1280): Promise<Page> {
  const byWidth = htmlPages.get(browser) ?? new Map<number, Promise<Page>>();
  htmlPages.set(browser, byWidth);
  let page = byWidth.get(width);
  if (!page) {
    page = browser.newContext({ locale: 'zh-CN', viewport: { width, height: width < 800 ? 740 : 720 } }).then((context) => context.newPage());
    byWidth.set(width, page);
  }
  return page;
}

/**
 * A page's HTML set in the browser's zh-CN page and run through axe: its `lang` and its serious and
 * critical violations (what the staff pages' accessibility tests assert on).
 */
export async function axeOnHtml(browser: Browser, html: string): Promise<{ lang: string | null; violations: AxeViolation[] }> {
  const page = await htmlPage(browser);
  await page.setContent(html, { waitUntil: 'load' });
  return { lang: await page.locator('html').getAttribute('lang'), violations: await checkAccessibility(page) };
}
