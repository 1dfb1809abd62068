// One browser for many prints (the case-file archive, `gongkai applications archive`): render.ts starts a
// browser for each print, which is right for the rare print of a page but costs a second or more per
// case over a year's thousands. A session starts Chromium once (same flags, same CJK-font check, every
// request aborted), prints each HTML page on one page of one offline context, and is closed by its
// caller at the end (always: `finally`). Prints are one at a time (the caller awaits each). Every failure
// is a refusal with a Chinese message.

import type { DomainResult } from '../../domain/applications/types.ts';
import { browserFailed, CHROMIUM_ARGS, findChromium, fontMissing } from './browser.ts';
import { HAS_CJK_FONT, PDF_TIMEOUT } from './render.ts';
import type { PdfOptions } from './render.ts';

export interface PrintSession {
  /** the page printed to PDF (A4 from its @page rule; no header or footer: the caller numbers the pages); `outline`: the headings as the PDF's outline */
  print(html: string, options?: { outline?: boolean }): Promise<DomainResult<Uint8Array>>;
  close(): Promise<void>;
}

const DEADLINE_MS = 60_000;

/** A started browser, or the refusal (no browser, no Chinese font, it would not start). */
export async function openPrintSession(options: PdfOptions): Promise<DomainResult<PrintSession>> {
  const found = findChromium(options.browser);
  if (!found.ok) return found;
  const deadlineMs = options.deadlineMs ?? DEADLINE_MS;
  const { chromium } = await import('playwright-core');
  let browser: Awaited<ReturnType<typeof chromium.launch>>;
  try {
    browser = await chromium.launch({ executablePath: found.value, headless: true, timeout: deadlineMs, args: [...CHROMIUM_ARGS] });
  } catch {
    return { ok: false, error: browserFailed() };
  }
  const close = () => browser.close().catch(() => undefined);
  try {
    const context = await browser.newContext({ offline: true });
    await context.route('**/*', (route) => route.abort());
    const probe = await context.newPage();
    const hasFont = await probe.evaluate(HAS_CJK_FONT);
    await probe.close();
    if (!hasFont) {
      await close();
      return { ok: false, error: fontMissing() };
    }
    // one page for every print (a new page costs as much as a small print); a page that failed is replaced
    let current: Awaited<ReturnType<typeof context.newPage>> | null = null;
    const print = async (html: string, printOptions: { outline?: boolean } = {}): Promise<DomainResult<Uint8Array>> => {
      let page: typeof current = null;
      try {
        page = current ?? (current = await context.newPage());
        await page.setContent(html, { waitUntil: 'load', timeout: deadlineMs });
        await page.evaluate('document.fonts.ready.then(() => true)');
        const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true, ...(printOptions.outline ? { outline: true, tagged: true } : {}) });
        return { ok: true, value: new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength) };
      } catch (e) {
        const timedOut = e instanceof Error && e.name === 'TimeoutError';
        current = null;
        await page?.close().catch(() => undefined);
        return { ok: false, error: timedOut ? { code: PDF_TIMEOUT, message: `打印一页案卷超过${Math.round(deadlineMs / 1000)}秒仍未完成，已停止。请检查服务器上的 chromium 能否正常运行。` } : browserFailed() };
      }
    };
    return { ok: true, value: { print, close } };
  } catch {
    await close();
    return { ok: false, error: browserFailed() };
  }
}
