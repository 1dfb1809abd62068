// PDF in and out (plan-notes 8): renderReportPdf/htmlToPdf print with Chromium (render.ts, browser.ts),
// readPdfPages reads a PDF's text for the report parser (read.ts, in the parse pool).

export { htmlToPdf, PDF_BUSY, PDF_TIMEOUT, renderReportPdf } from './render.ts';
export type { PdfOptions } from './render.ts';
export { findChromium, INSTALL_HINT, PDF_BROWSER_FAILED, PDF_BROWSER_MISSING, PDF_FONT_MISSING } from './browser.ts';
export type { BrowserSettings } from './browser.ts';
