// The browser of htmlToPdf (render.ts), kept for the next print a short while. Starting Chromium costs
// a second or more of a core — more than printing a receipt — and prints come in runs: an applicant's
// receipt and notices, a report published as PDF and then opened, the documents of a case. So a browser
// started for a print stays for IDLE_MS after the print ends and serves the prints that come meanwhile;
// then it is closed, and nothing stays in memory between the rare prints of a quiet day. A print that
// failed or ran out of time closes it (a hung or broken browser is never reused). Prints are one at a
// time (render.ts's queue), so one browser is enough; each print has a context of its own.
//
// The process that printed closes it at its end: the CLI after every command (src/cli.ts), the server
// when it stops (src/server.ts); the idle timer does not keep a process alive. A leaf (type imports
// only), so the CLI loads it at start without loading the browser's code.

import type { Browser } from 'playwright-core';

/** How long a browser waits for the next print after one ends. */
export const IDLE_MS = 30_000;

interface Warm {
  executablePath: string;
  browser: Browser;
  timer?: ReturnType<typeof setTimeout>;
}

let warm: Warm | undefined;
let launched = 0;

/** The kept browser of `executablePath` if it is still there, else a new one started with `args` within `deadlineMs`. */
export async function takeBrowser(executablePath: string, args: readonly string[], deadlineMs: number): Promise<Browser> {
  if (warm !== undefined) {
    clearTimeout(warm.timer);
    if (warm.executablePath === executablePath && warm.browser.isConnected()) return warm.browser;
    await closePdfBrowser();
  }
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath, headless: true, timeout: deadlineMs, args: [...args] });
  launched++;
  warm = { executablePath, browser };
  return browser;
}

/** After a print: a browser that printed is kept for IDLE_MS; one that failed is closed at once. */
export async function giveBackBrowser(browser: Browser, printed: boolean): Promise<void> {
  if (warm?.browser !== browser) {
    await browser.close().catch(() => undefined);
    return;
  }
  if (!printed || !browser.isConnected()) {
    await closePdfBrowser();
    return;
  }
  const kept = warm;
  kept.timer = setTimeout(() => {
    if (warm === kept) void closePdfBrowser();
  }, IDLE_MS);
  kept.timer.unref();
}

/** Closes the kept browser, if any (the end of a command, the server's stop). */
export async function closePdfBrowser(): Promise<void> {
  const closing = warm;
  warm = undefined;
  if (closing === undefined) return;
  clearTimeout(closing.timer);
  await closing.browser.close().catch(() => undefined);
}

/** Browsers started by this process, and whether one is kept now (for tests). */
export function warmBrowserStats(): { launched: number; kept: boolean } {
  return { launched, kept: warm !== undefined && warm.browser.isConnected() };
}
