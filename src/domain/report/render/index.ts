// Renderers of an AnnualReport: pure functions of the report (no filesystem, no clock).

import type { AnnualReport } from '../model.ts';
import { renderHtml } from './html.ts';
import { renderMarkdown } from './markdown.ts';
import { renderText } from './text.ts';

import type { DocumentTarget } from './targets.ts';

export { RENDER_TARGETS } from './targets.ts';
export type { DocumentTarget, RenderTarget } from './targets.ts';

/** A report in a target format: a string for html, md and text, the file's bytes for docx and xlsx. */
export async function render(report: AnnualReport, target: DocumentTarget): Promise<Uint8Array | string> {
  switch (target) {
    case 'html':
      return renderHtml(report);
    case 'md':
      return renderMarkdown(report);
    case 'text':
      return renderText(report);
    case 'docx':
      return renderDocx(report);
    case 'xlsx':
      return renderXlsx(report);
    default: {
      const never: never = target;
      throw new Error(`unknown render target: ${String(never)}`);
    }
  }
}

// The DOCX and XLSX writers load their libraries (docx, exceljs: a third of a second) only when used,
// so that parsing and checking start fast.
export async function renderDocx(report: AnnualReport): Promise<Uint8Array> {
  return (await import('./docx.ts')).renderDocx(report);
}

export async function renderXlsx(report: AnnualReport): Promise<Uint8Array> {
  return (await import('./xlsx.ts')).renderXlsx(report);
}

export { renderHtml, renderMarkdown, renderText };
export { renderPrintHtml } from './print.ts';
export type { PrintOptions } from './print.ts';
export type { CellMark, HtmlOptions } from './html.ts';
export { cellAnchor } from './html.ts';
