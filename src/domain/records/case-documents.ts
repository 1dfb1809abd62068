// The documents of a 行政复议 or 行政诉讼 case (决定书, 判决书, 裁定书, 调解书, 答辩书 …): the fixed list of
// their kinds, the fields typed with a file (kind, title, the document's date), and what the file may be —
// a PDF, OFD, DOCX, PNG or JPEG recognised by its own bytes (domain/uploads/file-kind.ts, the rule the
// catalogue's attachments follow), within a size per file, a count and a total per case. One rule for the
// staff page and the API. Pure: `today` is an argument.

import { z } from 'zod';
import type { DomainError, DomainResult } from '../applications/types.ts';
import { parseIsoDate } from '../calendar/dates.ts';
import { text } from '../text-rules.ts';
import { sniffFile } from '../uploads/file-kind.ts';
import type { FileKind, FileRule, SniffedFile } from '../uploads/file-kind.ts';

/** The kinds of a case's documents, as the documents call themselves. */
export const CASE_DOCUMENT_KINDS = ['行政复议申请书', '答辩书', '行政复议决定书', '起诉状', '行政判决书', '行政裁定书', '行政调解书', '其他'] as const;
export type CaseDocumentKind = (typeof CASE_DOCUMENT_KINDS)[number];

export type CaseDocumentFileKind = Extract<FileKind, 'pdf' | 'ofd' | 'docx' | 'png' | 'jpeg'>;

const MB = 1024 * 1024;

export const CASE_DOCUMENT_LIMITS = {
  /** one file: a scanned judgment of a few dozen pages fits (the catalogue's attachment size) */
  maxFileBytes: 20 * MB,
  /** all the documents of one case */
  maxCaseBytes: 100 * MB,
  maxFiles: 30,
} as const;

export const CASE_DOCUMENT_TITLE_MAX = 200;

/** For the form's `accept` attribute. */
export const CASE_DOCUMENT_ACCEPT = '.pdf,.ofd,.docx,.png,.jpg,.jpeg';

const FIELD = 'file';

const RULE: FileRule<CaseDocumentFileKind> = {
  kinds: ['pdf', 'ofd', 'docx', 'png', 'jpeg'],
  maxBytes: CASE_DOCUMENT_LIMITS.maxFileBytes,
  code: 'CASE_DOCUMENT',
  noun: '文书文件',
  accepted: 'PDF、OFD、Word（.docx）文件或 PNG、JPG 图片',
  saveAs: '.docx 或 PDF',
  fallbackName: '文书',
  field: FIELD,
};

const fail = (code: string, message: string, field: string): { ok: false; error: DomainError } => ({ ok: false, error: { code, message, field } });

/** Whether a file may be kept as a case's document (refusals: CASE_DOCUMENT_EMPTY, _TOO_LARGE, _OLD_OFFICE, _TYPE, _NAME_MISMATCH). */
export function sniffCaseDocument(bytes: Uint8Array, fileName: string): DomainResult<SniffedFile<CaseDocumentFileKind>> {
  return sniffFile(bytes, fileName, RULE);
}

/** Whether one more file of `size` fits the case's documents (count and total). */
export function fitsCase(existing: readonly { size: number }[], size: number): DomainResult<true> {
  if (existing.length >= CASE_DOCUMENT_LIMITS.maxFiles) return fail('CASE_DOCUMENT_TOO_MANY', `每个案件最多 ${CASE_DOCUMENT_LIMITS.maxFiles} 份文书；请删除重复或不需要的文书后再上传。`, FIELD);
  const total = existing.reduce((s, a) => s + a.size, 0) + size;
  if (total > CASE_DOCUMENT_LIMITS.maxCaseBytes) {
    return fail('CASE_DOCUMENT_CASE_TOO_LARGE', `每个案件的文书合计不能超过 ${CASE_DOCUMENT_LIMITS.maxCaseBytes / MB} MB（加上此文件为 ${(total / MB).toFixed(1)} MB）；请压缩或删除部分文书。`, FIELD);
  }
  return { ok: true, value: true };
}

export const caseDocumentInput = z.object({
  kind: text('文书种类', 40),
  title: text('标题', CASE_DOCUMENT_TITLE_MAX * 2).optional(),
  documentDate: text('文书日期', 40).optional().nullable(),
});
export type CaseDocumentInput = z.input<typeof caseDocumentInput>;

export interface CaseDocumentFields {
  kind: CaseDocumentKind;
  /** '' when not given (the page shows the kind and the file's name) */
  title: string;
  /** the date the document bears; null when not known */
  documentDate: string | null;
}

/** The fields of a document as typed anywhere, checked: a kind of the list, a title, a date not in the future. */
export function checkCaseDocument(input: unknown, today: string): DomainResult<CaseDocumentFields> {
  const parsed = caseDocumentInput.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return fail('INVALID_INPUT', issue?.message ?? '输入无效', issue?.path.join('.') ?? '');
  }
  const kind = parsed.data.kind.normalize('NFKC').trim();
  if (kind === '') return fail('INVALID_KIND', `请选择文书种类：${CASE_DOCUMENT_KINDS.join('、')}之一。`, 'kind');
  if (!(CASE_DOCUMENT_KINDS as readonly string[]).includes(kind)) return fail('INVALID_KIND', `文书种类“${kind}”无效，应为${CASE_DOCUMENT_KINDS.join('、')}之一（其他文书选“其他”）。`, 'kind');
  const title = (parsed.data.title ?? '').trim().replace(/\s+/gu, ' ');
  if (title.length > CASE_DOCUMENT_TITLE_MAX) return fail('INVALID_INPUT', `标题最长${CASE_DOCUMENT_TITLE_MAX}个字，请删减。`, 'title');
  const raw = (parsed.data.documentDate ?? '').normalize('NFKC').trim();
  let documentDate: string | null = null;
  if (raw !== '') {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(raw) || parseIsoDate(raw) === null) return fail('INVALID_DATE', `文书日期“${raw}”不是有效日期，请写成 YYYY-MM-DD，例如 2024-03-05；不知道的留空。`, 'documentDate');
    if (raw > today) return fail('DATE_IN_FUTURE', `文书日期${raw}晚于今天（${today}），请核对。`, 'documentDate');
    if (raw < '2008-01-01') return fail('INVALID_DATE', `文书日期${raw}早于2008年（《政府信息公开条例》施行之年），请核对。`, 'documentDate');
    documentDate = raw;
  }
  return { ok: true, value: { kind: kind as CaseDocumentKind, title, documentDate } };
}
