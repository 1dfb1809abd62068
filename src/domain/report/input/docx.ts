// DOCX → plain text: mammoth turns the document into HTML (it resolves w:gridSpan into colspan and
// w:vMerge into rowspan, emitting covered cells once), then htmlToText gives the lines.
// Before mammoth sees the file, every XML part is inflated here under a size cap, so a zip bomb
// (or a lying size field) cannot make the work unbounded. Never throws.

import { inflateRawSync } from 'node:zlib';
import JSZip from 'jszip';
import mammoth from 'mammoth';
import { htmlToTextWithNotes } from './html.ts';

export const MAX_DOCX_BYTES = 100 * 1024 * 1024;
export const MAX_DOCUMENT_XML_BYTES = 50 * 1024 * 1024;
export const MAX_TOTAL_XML_BYTES = 80 * 1024 * 1024;

export interface DocxText {
  text: string;
  notes: string[];
}

const CORRUPT = 'DOCX文件已损坏或不是有效的DOCX（ZIP）文件，无法读取';

export async function docxToText(bytes: Uint8Array): Promise<DocxText> {
  const notes: string[] = [];
  try {
    if (bytes.length > MAX_DOCX_BYTES) {
      notes.push(`DOCX文件超过${MAX_DOCX_BYTES / 1024 / 1024}MB，未读取`);
      return { text: '', notes };
    }
    let zip: JSZip;
    try {
      zip = await JSZip.loadAsync(bytes, { checkCRC32: false });
    } catch {
      notes.push(CORRUPT);
      return { text: '', notes };
    }
    if (!zip.file('word/document.xml')) {
      notes.push('ZIP文件中没有word/document.xml，不是DOCX文件');
      return { text: '', notes };
    }
    const problem = checkSizes(zip);
    if (problem) {
      notes.push(problem);
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

/** Internal shape of a loaded JSZip entry's data (jszip 3.x CompressedObject). */
interface CompressedData {
  compressedSize?: number;
  uncompressedSize?: number;
  compression?: { magic?: string } | null;
  compressedContent?: Uint8Array;
}

/** Inflates every XML part under the caps; returns a Chinese message when a cap is exceeded. */
function checkSizes(zip: JSZip): string | undefined {
  let total = 0;
  for (const [name, file] of Object.entries(zip.files)) {
    if (file.dir || !/\.(?:xml|rels)$/i.test(name)) continue;
    const cap = name === 'word/document.xml' ? MAX_DOCUMENT_XML_BYTES : MAX_TOTAL_XML_BYTES;
    const size = actualSize((file as unknown as { _data?: CompressedData })._data, cap);
    if (size === undefined) return `DOCX文件中的${name}解压后超过${cap / 1024 / 1024}MB，未读取`;
    total += size;
    if (total > MAX_TOTAL_XML_BYTES) return `DOCX文件的XML内容解压后超过${MAX_TOTAL_XML_BYTES / 1024 / 1024}MB，未读取`;
  }
  return undefined;
}

/** Real uncompressed size, found by inflating with an output cap; undefined when over the cap. */
function actualSize(data: CompressedData | undefined, cap: number): number | undefined {
  if (!data) return 0;
  const declared = data.uncompressedSize ?? 0;
  if (declared > cap) return undefined;
  const content = data.compressedContent;
  const magic = data.compression?.magic;
  if (!(content instanceof Uint8Array)) return declared;
  if (magic === '\x00\x00') return content.length <= cap ? content.length : undefined;
  if (magic !== '\x08\x00') return declared;
  try {
    return inflateRawSync(content, { maxOutputLength: cap }).length;
  } catch (e) {
    if (e instanceof RangeError || (e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') return undefined;
    return declared; // damaged stream: mammoth will report it
  }
}
