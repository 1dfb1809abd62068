// PDF by Chromium's print (plan-notes 8: one renderer): an HTML page printed by Debian's chromium
// through playwright-core (loaded only when a PDF is made), A4 from the page's own @page rule, with the
// footer "第 N 页 共 M 页". One print at a time (SerialQueue; at most 16 waiting, then PDF_BUSY), each in
// a context of its own, in a browser kept for the next print a short while and then closed
// (warm-browser.ts): nothing stays in memory between the prints of a quiet day. The page loads
// nothing: every request is aborted and the HTML is the platform's own, escaped. Before printing, the
// browser is asked whether it has a Chinese font (two different ideographs drawn on a canvas must
// differ; without a CJK font both are the same empty box). Every failure is a refusal with a Chinese
// message.

import type { AnnualReport } from '../../domain/report/model.ts';
import type { DomainError, DomainResult } from '../../domain/applications/types.ts';
import { renderPrintHtml, type PrintOptions } from '../../domain/report/render/print.ts';
import { browserFailed, CHROMIUM_ARGS, findChromium, fontMissing, type BrowserSettings } from './browser.ts';
import { SerialQueue } from './queue.ts';
import { giveBackBrowser, takeBrowser } from './warm-browser.ts';
import type { Browser, BrowserContext } from 'playwright-core';

export const PDF_BUSY = 'PDF_BUSY';
export const PDF_TIMEOUT = 'PDF_TIMEOUT';

export interface PdfOptions {
  /** where the browser is (src/config.ts: CHROMIUM_PATH, PATH) */
  browser: BrowserSettings;
  /** how long one print may take once started (browser start included); 60 s by default */
  deadlineMs?: number;
}

const DEADLINE_MS = 60_000;
const queue = new SerialQueue(16);

/** The footer Chromium draws in the bottom margin of every page. */
export const FOOTER =
  '<div style="width:100%;text-align:center;font-size:10.5pt;font-family:\'仿宋_GB2312\',FangSong,\'Noto Serif CJK SC\',serif;color:#000;">' +
  '第 <span class="pageNumber"></span> 页 共 <span class="totalPages"></span> 页</div>';

/** In the page: whether two different ideographs draw differently (a CJK font is there). */
export const HAS_CJK_FONT = `(() => {
  const canvas = document.createElement('canvas');
  canvas.width = 48;
  canvas.height = 48;
  const ctx = canvas.getContext('2d');
  if (!ctx) return false;
  const draw = (ch) => {
    ctx.clearRect(0, 0, 48, 48);
    ctx.fillStyle = '#000';
    ctx.font = '40px serif';
    ctx.fillText(ch, 2, 40);
    return Array.from(ctx.getImageData(0, 0, 48, 48).data).join(',');
  };
  return draw('国') !== draw('龍');
})()`;

const busy = (): DomainError => ({ code: PDF_BUSY, message: '正在生成的PDF过多，请稍后再试。' });

const timeout = (ms: number): DomainError => ({
  code: PDF_TIMEOUT,
  message: `生成PDF超过${Math.round(ms / 1000)}秒仍未完成，已停止。请稍后重试；如果一直如此，请检查服务器上的 chromium 能否正常运行。`,
});

async function print(html: string, executablePath: string, deadlineMs: number): Promise<DomainResult<Uint8Array>> {
  let browser: Browser | undefined;
  let timedOut = false;
  let printed = false;
  const timer = setTimeout(() => {
    timedOut = true;
    // a print that hangs: its browser goes (giveBackBrowser never keeps it); a start has its own timeout
    void browser?.close().catch(() => undefined);
  }, deadlineMs);
  let context: BrowserContext | undefined;
  try {
    browser = await takeBrowser(executablePath, CHROMIUM_ARGS, deadlineMs);
    if (timedOut) return { ok: false, error: timeout(deadlineMs) };
    context = await browser.newContext({ offline: true });
    const page = await context.newPage();
    await page.route('**/*', (route) => route.abort());
    if (!(await page.evaluate(HAS_CJK_FONT))) return { ok: false, error: fontMissing() };
    await page.setContent(html, { waitUntil: 'load', timeout: deadlineMs });
    await page.evaluate('document.fonts.ready.then(() => true)');
    const pdf = await page.pdf({
      preferCSSPageSize: true,
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      footerTemplate: FOOTER,
    });
    printed = !timedOut;
    return { ok: true, value: new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength) };
  } catch {
    return { ok: false, error: timedOut ? timeout(deadlineMs) : browserFailed() };
  } finally {
    clearTimeout(timer);
    await context?.close().catch(() => undefined);
    if (browser !== undefined) await giveBackBrowser(browser, printed);
  }
}

/** An HTML page printed to PDF, after every print asked before it. Never throws. */
export async function htmlToPdf(html: string, options: PdfOptions): Promise<DomainResult<Uint8Array>> {
  const found = findChromium(options.browser);
  if (!found.ok) return found;
  const job = queue.run(() => print(html, found.value, options.deadlineMs ?? DEADLINE_MS));
  return job ?? { ok: false, error: busy() };
}

/** The annual report as PDF: its print page (domain/report/render/print.ts) through htmlToPdf. */
export function renderReportPdf(report: AnnualReport, options: PdfOptions & PrintOptions): Promise<DomainResult<Uint8Array>> {
  return htmlToPdf(renderPrintHtml(report, { issuedOn: options.issuedOn }), options);
}
