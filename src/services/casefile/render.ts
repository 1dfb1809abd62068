// One case file as one PDF (归档, 条例第四十五条): the case file's own pages (domain/casefile/html.ts)
// with the notices not kept as PDF printed in the same document (one print per case: each print costs
// a second or so, most of it embedding the CJK font), then the notices kept as PDF (documents.pdf, as
// they were printed before), then the PDF proofs and scans, merged with pdf-lib and
// numbered "n / N" at the foot of every page (ASCII: pdf-lib's standard font has no Chinese, and the
// notices carry their own "第 N 页" footer, so the case file's number stands apart in the corner). A PDF
// file pdf-lib cannot open (damaged, encrypted) is not lost silently: a printed page says so, with its
// SHA-256. The page count is the merged document's.

import { PDFDocument, rgb, StandardFonts } from 'pdf-lib';
import type { DomainResult } from '../../domain/applications/types.ts';
import { noticeParts, renderCaseFileHtml } from '../../domain/casefile/html.ts';
import { escapeHtml } from '../../domain/report/render/html.ts';
import type { PrintSession } from '../pdf/session.ts';
import type { LoadedCase } from './read.ts';

export interface CaseFilePdf {
  bytes: Uint8Array;
  pages: number;
}

const unreadablePage = (what: string): string =>
  `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><style>@page { size: A4; margin: 30mm 25mm; } body { font-family: "仿宋_GB2312", FangSong, "Noto Serif CJK SC", serif; font-size: 14pt; }</style></head><body><p>${escapeHtml(what)}</p></body></html>`;

async function appendPdf(target: PDFDocument, bytes: Uint8Array): Promise<boolean> {
  let source: PDFDocument;
  try {
    source = await PDFDocument.load(bytes, { updateMetadata: false });
  } catch {
    return false;
  }
  const pages = await target.copyPages(source, source.getPageIndices());
  for (const p of pages) target.addPage(p);
  return true;
}

/** The case's PDF, or the refusal of the browser. */
export async function renderCaseFile(session: PrintSession, loaded: LoadedCase): Promise<DomainResult<CaseFilePdf>> {
  const out = await PDFDocument.create();
  out.setTitle(`政府信息公开申请案卷 ${loaded.input.number}`);
  out.setCreator('gongkai');
  const append = async (bytes: Uint8Array, fallback: string): Promise<DomainResult<void>> => {
    if (await appendPdf(out, bytes)) return { ok: true, value: undefined };
    const note = await session.print(unreadablePage(fallback));
    if (!note.ok) return note;
    await appendPdf(out, note.value);
    return { ok: true, value: undefined };
  };
  // the notices not kept as PDF are printed with the case file's pages: one print for the case
  const inline = loaded.notices.map((n) => (n.pdf === null ? noticeParts(n.html) : null));
  const own = await session.print(renderCaseFileHtml(loaded.input, inline.filter((p) => p !== null)));
  if (!own.ok) return own;
  await appendPdf(out, own.value);
  for (const [i, n] of loaded.notices.entries()) {
    if (inline[i] !== null) continue;
    let bytes = n.pdf;
    if (bytes === null) {
      const printed = await session.print(n.html);
      if (!printed.ok) return printed;
      bytes = printed.value;
    }
    const r = await append(bytes, `文书${n.number}保存的PDF无法读取，未能并入本案卷；请在平台上查看该文书。`);
    if (!r.ok) return r;
  }
  for (const f of loaded.pdfFiles) {
    const r = await append(f.bytes, `${f.kind}“${f.fileName}”（PDF）无法读取（文件损坏或加密），未能并入本案卷；原文件保存在平台中。`);
    if (!r.ok) return r;
  }
  const font = await out.embedFont(StandardFonts.Helvetica);
  const total = out.getPageCount();
  out.getPages().forEach((page, i) => {
    const label = `${i + 1} / ${total}`;
    const { width } = page.getSize();
    page.drawText(label, { x: width - 28 - font.widthOfTextAtSize(label, 8), y: 14, size: 8, font, color: rgb(0.25, 0.25, 0.25) });
  });
  const bytes = await out.save();
  return { ok: true, value: { bytes, pages: total } };
}
