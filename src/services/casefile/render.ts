// Case files as PDFs (归档, 条例第四十五条), a batch of cases per print: the case files' own pages
// (domain/casefile/html.ts) with the notices not kept as PDF printed in the same document — a print costs
// about a second whatever its length, most of it embedding the CJK font, so a batch's cases share one —
// split into one PDF per case at the outline entries of their covers' headings (Chromium's outline of the
// headings; a batch whose outline does not name every cover is printed again case by case). Then each
// case gets the notices kept as PDF (documents.pdf, as they were printed before) and its PDF proofs and
// scans, merged with pdf-lib, and "n / N" at the foot of every page (ASCII: pdf-lib's standard font has
// no Chinese, and the notices carry their own "第 N 页" footer). A PDF file pdf-lib cannot open (damaged,
// encrypted) is not lost silently: a printed page says so. The page count is the case PDF's.

import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRef, PDFString, rgb, StandardFonts } from 'pdf-lib';
import type { DomainResult } from '../../domain/applications/types.ts';
import { CASE_FILE_TITLE, noticeParts, renderCaseFilesHtml } from '../../domain/casefile/html.ts';
import type { CaseFilePart } from '../../domain/casefile/html.ts';
import { escapeHtml } from '../../domain/report/render/html.ts';
import type { PrintSession } from '../pdf/session.ts';
import type { LoadedCase } from './read.ts';

export interface CaseFilePdf {
  bytes: Uint8Array;
  pages: number;
}

const unreadablePage = (what: string): string =>
  `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><style>@page { size: A4; margin: 30mm 25mm; } body { font-family: "仿宋_GB2312", FangSong, "Noto Serif CJK SC", serif; font-size: 14pt; }</style></head><body><p>${escapeHtml(what)}</p></body></html>`;

async function appendPdf(target: PDFDocument, source: Uint8Array | PDFDocument, indices?: number[]): Promise<boolean> {
  let doc: PDFDocument;
  try {
    doc = source instanceof PDFDocument ? source : await PDFDocument.load(source, { updateMetadata: false });
  } catch {
    return false;
  }
  for (const p of await target.copyPages(doc, indices ?? doc.getPageIndices())) target.addPage(p);
  return true;
}

/** The first page of each case in a batch's PDF: the pages of the outline entries titled CASE_FILE_TITLE, or null. */
function coverPages(doc: PDFDocument, cases: number): number[] | null {
  const refs = doc.getPages().map((p) => p.ref.toString());
  const outlines = doc.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict);
  const starts: number[] = [];
  let item = outlines?.lookupMaybe(PDFName.of('First'), PDFDict);
  for (let guard = 0; item && guard < 100_000; guard++) {
    const title = item.lookupMaybe(PDFName.of('Title'), PDFString, PDFHexString)?.decodeText();
    const dest = item.lookupMaybe(PDFName.of('Dest'), PDFArray)?.get(0);
    if (title === CASE_FILE_TITLE && dest instanceof PDFRef) starts.push(refs.indexOf(dest.toString()));
    item = item.lookupMaybe(PDFName.of('Next'), PDFDict);
  }
  const ordered = starts.every((p, i) => p >= 0 && (i === 0 ? p === 0 : p > (starts[i - 1] as number)));
  return starts.length === cases && ordered ? starts : null;
}

/** The cases' PDFs, in their order, or the refusal of the browser. */
export async function renderCaseFiles(session: PrintSession, cases: readonly LoadedCase[]): Promise<DomainResult<CaseFilePdf[]>> {
  if (cases.length === 0) return { ok: true, value: [] };
  const inline = cases.map((c) => c.notices.map((n) => (n.pdf === null ? noticeParts(n.html) : null)));
  const parts: CaseFilePart[] = cases.map((c, i) => ({ input: c.input, attached: (inline[i] ?? []).filter((p) => p !== null) }));
  const printed = await session.print(renderCaseFilesHtml(parts), { outline: true });
  if (!printed.ok) return printed;
  const batch = await PDFDocument.load(printed.value, { updateMetadata: false });
  const starts = coverPages(batch, cases.length);
  if (starts === null) {
    if (cases.length === 1) return { ok: false, error: { code: 'CASE_FILE_SPLIT', message: '案卷打印后无法确定其页码范围（PDF缺少目录），请检查服务器上的 chromium 版本。' } };
    // one at a time: each print is then the one case's
    const one: CaseFilePdf[] = [];
    for (const c of cases) {
      const r = await renderCaseFiles(session, [c]);
      if (!r.ok) return r;
      one.push(...r.value);
    }
    return { ok: true, value: one };
  }
  const out: CaseFilePdf[] = [];
  for (const [i, c] of cases.entries()) {
    const from = starts[i] as number;
    const to = i + 1 < starts.length ? (starts[i + 1] as number) : batch.getPageCount();
    const r = await assemble(session, c, batch, Array.from({ length: to - from }, (_, k) => from + k), inline[i] ?? []);
    if (!r.ok) return r;
    out.push(r.value);
  }
  return { ok: true, value: out };
}

async function assemble(session: PrintSession, c: LoadedCase, batch: PDFDocument, pages: number[], inline: readonly (object | null)[]): Promise<DomainResult<CaseFilePdf>> {
  const out = await PDFDocument.create();
  out.setTitle(`${CASE_FILE_TITLE} ${c.input.number}`);
  out.setCreator('gongkai');
  const append = async (bytes: Uint8Array, fallback: string): Promise<DomainResult<void>> => {
    if (await appendPdf(out, bytes)) return { ok: true, value: undefined };
    const note = await session.print(unreadablePage(fallback));
    if (!note.ok) return note;
    await appendPdf(out, note.value);
    return { ok: true, value: undefined };
  };
  await appendPdf(out, batch, pages);
  for (const [i, n] of c.notices.entries()) {
    if (inline[i] !== null && inline[i] !== undefined) continue;
    let bytes = n.pdf;
    if (bytes === null) {
      // a stored notice not of the renderer's shape: printed on its own
      const printed = await session.print(n.html);
      if (!printed.ok) return printed;
      bytes = printed.value;
    }
    const r = await append(bytes, `文书${n.number}保存的PDF无法读取，未能并入本案卷；请在平台上查看该文书。`);
    if (!r.ok) return r;
  }
  for (const f of c.pdfFiles) {
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
