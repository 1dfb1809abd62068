// Reading a PDF for the report parser (plan-notes 8: one reader): pdfjs-dist 5.x (legacy build, loaded
// when first used, as in services/catalogue/attachment-text.ts) gives each page's text items with their
// positions and, from the operator list, the ruling lines — filled thin rectangles (Chromium) and stroked
// segments (LibreOffice, Word) in page space, the current transformation matrix followed through
// save/restore/transform and form XObjects. domain/report/input/pdf-text.ts turns them into text.
// Runs in the parse pool (services/parse-pool/tasks.ts), whose memory and time limits apply; here the
// pages, the text items and the rules kept are bounded, and every failure is a Chinese refusal.

import type { PdfPageContent, PdfReading, PdfRule, PdfTextItem } from '../../domain/report/input/pdf-content.ts';

export const PDF_READ_LIMITS = {
  /** an annual report has a few dozen pages at most */
  maxPages: 300,
  /** text items over the whole file */
  maxItems: 300_000,
  /** rules kept per page (domain/report/input/pdf-tables.ts reconstructs no table beyond its own cap) */
  maxRulesPerPage: 5000,
} as const;

export const PDF_TOO_COMPLEX = 'FILE_TOO_COMPLEX';
export const PDF_UNREADABLE = 'PDF_UNREADABLE';
export const PDF_ENCRYPTED = 'PDF_ENCRYPTED';
export const PDF_NO_TEXT = 'PDF_NO_TEXT';

type Matrix = [number, number, number, number, number, number];

const multiply = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[2] * n[1],
  m[1] * n[0] + m[3] * n[1],
  m[0] * n[2] + m[2] * n[3],
  m[1] * n[2] + m[3] * n[3],
  m[0] * n[4] + m[2] * n[5] + m[4],
  m[1] * n[4] + m[3] * n[5] + m[5],
];

const apply = (m: Matrix, x: number, y: number): [number, number] => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];

const isMatrix = (v: unknown): v is Matrix => Array.isArray(v) && v.length === 6 && v.every((n) => typeof n === 'number' && Number.isFinite(n));

interface Ops {
  save: number;
  restore: number;
  transform: number;
  constructPath: number;
  fill: number[];
  stroke: number[];
  formBegin: number;
  formEnd: number;
}

/** The straight pieces of a path (pdfjs 5 DrawOPS: 0 moveTo, 1 lineTo, 2 curveTo, 3 quadraticCurveTo, 4 closePath) under m. */
function segments(path: ArrayLike<number>, m: Matrix): { a: [number, number]; b: [number, number] }[] {
  const out: { a: [number, number]; b: [number, number] }[] = [];
  let start: [number, number] | undefined;
  let at: [number, number] | undefined;
  for (let i = 0; i < path.length; ) {
    const op = path[i++];
    if (op === 0) {
      at = start = apply(m, path[i++] ?? 0, path[i++] ?? 0);
    } else if (op === 1) {
      const p = apply(m, path[i++] ?? 0, path[i++] ?? 0);
      if (at) out.push({ a: at, b: p });
      at = p;
    } else if (op === 2) {
      i += 4;
      at = apply(m, path[i++] ?? 0, path[i++] ?? 0);
    } else if (op === 3) {
      i += 2;
      at = apply(m, path[i++] ?? 0, path[i++] ?? 0);
    } else if (op === 4) {
      if (at && start) out.push({ a: at, b: start });
      at = start;
    } else break;
  }
  return out;
}

const box = (points: [number, number][]): PdfRule => {
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  return { x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys) };
};

/** The rules drawn on a page: each filled path's box (thin ones are lines), each stroked segment that is straight along an axis. */
function rulesOf(fnArray: ArrayLike<number>, argsArray: readonly unknown[], ops: Ops): PdfRule[] {
  const rules: PdfRule[] = [];
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  const stack: Matrix[] = [];
  for (let i = 0; i < fnArray.length && rules.length < PDF_READ_LIMITS.maxRulesPerPage; i++) {
    const fn = fnArray[i];
    const args = argsArray[i] as unknown[] | null;
    if (fn === ops.save) stack.push(ctm);
    else if (fn === ops.restore) ctm = stack.pop() ?? ctm;
    else if (fn === ops.transform && isMatrix(args)) ctm = multiply(ctm, args);
    else if (fn === ops.formBegin) {
      stack.push(ctm);
      if (args && isMatrix(args[0])) ctm = multiply(ctm, args[0]);
    } else if (fn === ops.formEnd) ctm = stack.pop() ?? ctm;
    else if (fn === ops.constructPath && args) {
      const paint = args[0] as number;
      const data = args[1] as unknown[] | undefined;
      const path = data?.[0] as ArrayLike<number> | null | undefined;
      if (!path || typeof path.length !== 'number') continue;
      const pieces = segments(path, ctm);
      if (pieces.length === 0) continue;
      if (ops.fill.includes(paint)) rules.push(box(pieces.flatMap((s) => [s.a, s.b])));
      else if (ops.stroke.includes(paint)) {
        for (const s of pieces) if (Math.abs(s.a[0] - s.b[0]) < 0.5 || Math.abs(s.a[1] - s.b[1]) < 0.5) rules.push(box([s.a, s.b]));
      }
    }
  }
  return rules;
}

const fail = (code: string, message: string): PdfReading => ({ ok: false, error: { code, message } });

/** A PDF's pages for domain/report/input/pdf-text.ts. Never throws. */
export async function readPdfPages(bytes: Uint8Array): Promise<PdfReading> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const O = pdfjs.OPS;
  const ops: Ops = {
    save: O.save,
    restore: O.restore,
    transform: O.transform,
    constructPath: O.constructPath,
    fill: [O.fill, O.eoFill, O.fillStroke, O.eoFillStroke, O.closeFillStroke, O.closeEOFillStroke],
    stroke: [O.stroke, O.closeStroke],
    formBegin: O.paintFormXObjectBegin,
    formEnd: O.paintFormXObjectEnd,
  };
  // pdfjs takes ownership of the buffer it is given: a copy keeps the caller's bytes intact
  const task = pdfjs.getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0 });
  try {
    const doc = await task.promise;
    if (doc.numPages > PDF_READ_LIMITS.maxPages) {
      return fail(PDF_TOO_COMPLEX, `PDF文件有${doc.numPages}页，超过${PDF_READ_LIMITS.maxPages}页的上限，没有读取。年度报告不会这么长，请检查是否选错了文件。`);
    }
    const pages: PdfPageContent[] = [];
    let count = 0;
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const [, , width, height] = page.view;
      const content = await page.getTextContent();
      const items: PdfTextItem[] = [];
      for (const item of content.items) {
        if (!('str' in item) || item.str === '') continue;
        const [a, b, c, d, x, y] = item.transform as number[];
        // upright text only: a rotated stamp or margin note is not part of the tables
        if (Math.abs(b ?? 0) > 0.01 || Math.abs(c ?? 0) > 0.01 || (a ?? 0) <= 0) continue;
        items.push({ text: item.str, x: x ?? 0, y: y ?? 0, width: item.width, height: item.height || Math.abs(d ?? 0) });
      }
      count += items.length;
      if (count > PDF_READ_LIMITS.maxItems) {
        return fail(PDF_TOO_COMPLEX, `PDF文件中的文字片段超过${PDF_READ_LIMITS.maxItems}个的上限，没有读取。请检查是否选错了文件。`);
      }
      const list = await page.getOperatorList();
      pages.push({ width: width ?? 0, height: height ?? 0, items, rules: rulesOf(list.fnArray, list.argsArray, ops) });
      page.cleanup();
    }
    if (count === 0) {
      return fail(PDF_NO_TEXT, 'PDF文件中没有可以提取的文字（可能是扫描件或图片）。请提供由文字处理软件导出的PDF，或改用文本、网页、Word（.docx）格式的报告。');
    }
    return { ok: true, pages };
  } catch (e) {
    const name = (e as { name?: string }).name;
    if (name === 'PasswordException') return fail(PDF_ENCRYPTED, 'PDF文件设有打开密码，无法读取。请取消密码后重新提供。');
    return fail(PDF_UNREADABLE, '无法读取该PDF文件（文件可能已损坏或格式不规范）。请用原软件重新导出PDF，或改用文本、网页、Word（.docx）格式的报告。');
  } finally {
    await task.destroy();
  }
}
