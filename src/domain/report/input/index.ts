// Any input file's bytes → the plain text the report parser reads.
// decode → sniff → HTML/DOCX/PDF to text → Traditional to Simplified. Never throws, for any bytes.
// A PDF is read by the PdfReader the caller gives (the parse worker owns pdfjs-dist); its pages become
// text in pdf-text.ts.

import type { DomainError } from '../../applications/types.ts';
import { toSimplified } from './chinese.ts';
import { decodeBytes } from './decode.ts';
import { htmlToTextWithNotes } from './html.ts';
import type { PdfReader } from './pdf-content.ts';
import { pdfPagesToText } from './pdf-text.ts';
import { binaryFormatName, extensionOf, isZip, sniffKind, type InputKind } from './sniff.ts';

export { decodeBytes, type DecodedText, type TextEncodingName } from './decode.ts';
export { sniffKind, type InputKind } from './sniff.ts';
export { htmlToText, htmlToTextWithNotes } from './html.ts';
export { toSimplified, isTraditional } from './chinese.ts';
export type { PdfReader, PdfReading, PdfPageContent } from './pdf-content.ts';

/** Readers of formats whose library is not the domain's to load. */
export interface InputReaders {
  pdf?: PdfReader;
}

export interface ReportInput {
  kind: InputKind;
  text: string;
  json?: unknown;
  encoding?: string;
  notes: string[];
  /** the file is over a limit of domain/zip/limits.ts (FILE_TOO_COMPLEX): not read */
  refused?: DomainError;
  /** a PDF without a text layer (the reader's PDF_NO_TEXT: a scan) */
  pdfNoText?: boolean;
}

export const NOT_RECOGNISED = '文件不是可识别的文本、HTML、DOCX或PDF格式';
const PDF_NOT_HERE = 'PDF文件须由解析服务读取，这里不能读取';
const CONVERTED = '检测到繁体中文，已转换为简体中文';

export async function readReportInput(bytes: Uint8Array, fileName?: string, readers: InputReaders = {}): Promise<ReportInput> {
  try {
    return await read(bytes instanceof Uint8Array ? bytes : new Uint8Array(0), fileName, readers);
  } catch {
    return { kind: 'binary', text: '', notes: ['读取文件时发生内部错误'] };
  }
}

async function read(bytes: Uint8Array, fileName: string | undefined, readers: InputReaders): Promise<ReportInput> {
  const kind = sniffKind(bytes, fileName);

  if (kind === 'binary') {
    const notes = [NOT_RECOGNISED];
    const format = binaryFormatName(bytes);
    const ext = extensionOf(fileName);
    if (format === 'OLE') notes.push('文件为旧版Office（.doc/.wps/.xls）格式，请另存为DOCX');
    else if (isZip(bytes)) notes.push(ext === 'xlsx' ? '文件为Excel（XLSX）格式，不是DOCX' : 'ZIP文件中没有word/document.xml，不是DOCX文件');
    else if (format) notes.push(`文件为${format}格式`);
    return { kind, text: '', notes };
  }

  if (kind === 'pdf') {
    if (!readers.pdf) return { kind, text: '', notes: [PDF_NOT_HERE] };
    const pdf = await readers.pdf(bytes);
    if (!pdf.ok) {
      const refused = pdf.error.code === 'FILE_TOO_COMPLEX' ? { code: pdf.error.code, message: pdf.error.message, field: 'file' } : undefined;
      return { kind, text: '', notes: [pdf.error.message], ...(refused ? { refused } : {}), ...(pdf.error.code === 'PDF_NO_TEXT' ? { pdfNoText: true } : {}) };
    }
    return simplify({ kind, text: pdfPagesToText(pdf.pages), notes: [] });
  }

  if (kind === 'docx') {
    const docx = await (await import('./docx.ts')).docxToText(bytes);
    if (docx.refused) return { kind, text: '', notes: docx.notes, refused: docx.refused };
    return simplify({ kind, text: docx.text, notes: docx.notes });
  }

  const decoded = decodeBytes(bytes);
  const notes = [...decoded.notes];

  if (kind === 'json') {
    try {
      const json: unknown = JSON.parse(decoded.text);
      return { kind, text: decoded.text, json, encoding: decoded.encoding, notes };
    } catch (e) {
      notes.push(`JSON解析失败：${e instanceof Error ? e.message : String(e)}`);
      return { kind, text: decoded.text, encoding: decoded.encoding, notes };
    }
  }

  if (kind === 'html') {
    const html = htmlToTextWithNotes(decoded.text);
    notes.push(...html.notes);
    return simplify({ kind, text: html.text, encoding: decoded.encoding, notes });
  }

  return simplify({ kind, text: decoded.text, encoding: decoded.encoding, notes });
}

function simplify(input: ReportInput): ReportInput {
  const s = toSimplified(input.text);
  if (!s.converted) return input;
  return { ...input, text: s.text, notes: [...input.notes, CONVERTED] };
}
