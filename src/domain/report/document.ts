// From a file's bytes to a parsed report, whatever it is: plain text (UTF-8 or GB18030), HTML, DOCX,
// PDF (with the caller's PdfReader) or interchange JSON. Pure: the caller reads the file.

import { readReportInput } from './input/index.ts';
import type { InputReaders } from './input/index.ts';
import { readReportJson } from './json.ts';
import { parseReportText } from './parse/index.ts';
import { findPublishedOn } from './parse/published-on.ts';
import type { ParseResult } from './types.ts';

/**
 * code FILE_TOO_COMPLEX: the file is over a limit of domain/zip/limits.ts (a refusal, not damage);
 * PDF_NO_TEXT: a PDF without a text layer (a scan). publishedOn: a labelled publication date in the text.
 */
export type DocumentReading =
  | ({ ok: true; source: 'text' | 'html' | 'docx' | 'pdf' | 'json'; publishedOn?: string | null } & ParseResult)
  | { ok: false; error: string; code?: 'FILE_TOO_COMPLEX' | 'PDF_NO_TEXT' };

export async function parseReportDocument(bytes: Uint8Array, fileName?: string, readers: InputReaders = {}): Promise<DocumentReading> {
  const input = await readReportInput(bytes, fileName, readers);
  if (input.refused) return { ok: false, code: 'FILE_TOO_COMPLEX', error: input.refused.message };
  if (input.kind === 'binary') return { ok: false, error: input.notes[0] ?? '文件不是可识别的文本、HTML或DOCX格式。' };
  if (input.kind === 'json') {
    if (input.json === undefined) return { ok: false, error: `JSON无法解析：${input.notes.join('；')}` };
    const json = readReportJson(input.json);
    if (!json.ok) return { ok: false, error: `JSON不符合年度报告交换格式（annual-report.v1）：${json.errors.join('；')}` };
    return { ok: true, source: 'json', report: json.report, status: {}, diagnostics: [] };
  }
  if (input.kind === 'docx' && input.text.trim() === '') return { ok: false, error: input.notes.join('；') || 'DOCX文件中没有可读取的内容。' };
  if (input.kind === 'pdf' && input.text.trim() === '') {
    return { ok: false, error: input.notes.join('；') || 'PDF文件中没有可读取的内容。', ...(input.pdfNoText ? { code: 'PDF_NO_TEXT' as const } : {}) };
  }
  const result = parseReportText(input.text);
  const notes = input.notes.map((message) => ({ code: 'INPUT_NOTE', severity: 'info' as const, message }));
  return { ok: true, source: input.kind, ...result, diagnostics: [...notes, ...result.diagnostics], publishedOn: findPublishedOn(input.text) };
}
