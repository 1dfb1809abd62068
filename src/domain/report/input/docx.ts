// DOCX → plain text: mammoth turns the document into HTML (it resolves w:gridSpan into colspan and
// w:vMerge into rowspan, emitting covered cells once), then htmlToText gives the lines.
// Before mammoth sees the file, every part of the ZIP is inflated under the limits of
// domain/zip/limits.ts (whatever its name, whatever size it declares), so a zip bomb cannot make the
// work unbounded: a file over a limit is refused (refused.code FILE_TOO_COMPLEX). Never throws.

import type JSZip from 'jszip';
import { loadPackage } from '../../packages.ts';
import mammoth from 'mammoth';
import type { DomainError } from '../../applications/types.ts';
import { checkZipLimits } from '../../zip/limits.ts';
import { htmlToTextWithNotes } from './html.ts';

export const MAX_DOCX_BYTES = 100 * 1024 * 1024;

export interface DocxText {
  text: string;
  notes: string[];
  /** the file is over a limit of domain/zip/limits.ts (FILE_TOO_COMPLEX): not read at all */
  refused?: DomainError;
}

const CORRUPT = 'DOCX文件已损坏或不是有效的DOCX（ZIP）文件，无法读取';

export async function docxToText(bytes: Uint8Array): Promise<DocxText> {
  const notes: string[] = [];
  try {
    if (bytes.length > MAX_DOCX_BYTES) {
      notes.push(`DOCX文件超过${MAX_DOCX_BYTES / 1024 / 1024}MB，未读取`);
      return { text: '', notes };
    }
    const limits = await checkZipLimits(bytes, 'docx');
    if (!limits.ok) {
      if (limits.error.code !== 'FILE_TOO_COMPLEX') {
        notes.push(CORRUPT);
        return { text: '', notes };
      }
      notes.push(limits.error.message);
      return { text: '', notes, refused: limits.error };
    }
    let zip: JSZip;
    try {
      zip = await loadPackage<typeof JSZip>('jszip').loadAsync(bytes, { checkCRC32: false });
    } catch {
      notes.push(CORRUPT);
      return { text: '', notes };
    }
    if (!zip.file('word/document.xml')) {
      notes.push('ZIP文件中没有word/document.xml，不是DOCX文件');
      return { text: '', notes };
    }

    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const result = await mammoth.convertToHtml(
      { buffer },
      {
        // images are not read at all (no base64 data URIs)
        convertImage: mammoth.images.imgElement(async () => ({ src: '' })),
        externalFileAccess: false,
        ignoreEmptyParagraphs: true,
      },
    );
    if (result.messages.some((m) => /cell merging may be incorrect/i.test(m.message))) {
      notes.push('DOCX表格结构不规则，合并单元格可能识别不准确');
    }
    const html = htmlToTextWithNotes(result.value);
    notes.push(...html.notes);
    if (html.text === '') notes.push('DOCX文件中没有文字内容');
    return { text: html.text, notes };
  } catch {
    notes.push(CORRUPT);
    return { text: '', notes };
  }
}
