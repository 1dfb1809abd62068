// ZIP bombs built in the test, never stored: a small file whose parts inflate to tens or hundreds of
// megabytes. The ZIP is written by hand (local headers, central directory, end record) so a test
// controls what a hostile file controls: each entry's name, its declared sizes (which may lie) and its
// compressed bytes. The big parts are one deflate stream made of the same 1 MB chunk repeated —
// compressed once with a full flush (byte-aligned, no back-reference before it) and concatenated —
// so building a 200 MB part costs a few milliseconds and no memory.
//
//   docxBomb()         word/document.xml inflates to 45 MB (~100–150 KB on disk): froze the server for 127 s
//   mainBinBomb()      the main document is word/main.bin, named by _rels/.rels (a tiny word/document.xml beside it)
//   xlsxBomb()         xl/worksheets/sheet1.xml inflates to 200 MB while the directory declares 1 KB

import { constants, crc32, deflateRawSync } from 'node:zlib';

export const MB = 1024 * 1024;

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated */
  method: 0 | 8;
  /** the bytes written after the local header */
  data: Uint8Array;
  /** what the headers declare (a bomb may lie) */
  declaredSize: number;
  crc: number;
}

/** A deflated entry with its true size and CRC. */
export function part(name: string, content: string | Uint8Array): ZipEntry {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  return { name, method: 8, data: deflateRawSync(bytes), declaredSize: bytes.length, crc: crc32(bytes) };
}

/**
 * A raw deflate stream that inflates to `head`, then `unit` repeated to about `bytes` bytes, then
 * `tail`. The repeated part is one 1 MB chunk compressed once and written `bytes / 1 MB` times.
 */
export function repeatedDeflate(head: string, unit: string, bytes: number, tail: string): { data: Uint8Array; size: number } {
  const flush = { finishFlush: constants.Z_FULL_FLUSH, level: 9 };
  const chunkText = Buffer.from(unit.repeat(Math.max(1, Math.floor(MB / Buffer.byteLength(unit)))), 'utf8');
  const chunk = deflateRawSync(chunkText, flush);
  const count = Math.max(1, Math.round(bytes / chunkText.length));
  const parts: Buffer[] = [deflateRawSync(Buffer.from(head, 'utf8'), flush)];
  for (let i = 0; i < count; i++) parts.push(chunk);
  parts.push(deflateRawSync(Buffer.from(tail, 'utf8'))); // the final block
  return { data: Buffer.concat(parts), size: Buffer.byteLength(head) + count * chunkText.length + Buffer.byteLength(tail) };
}

/** The ZIP file of the entries, in order (no data descriptors, no ZIP64). */
export function zipOf(entries: readonly ZipEntry[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(e.method, 8);
    local.writeUInt32LE(e.crc >>> 0, 14);
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(e.declaredSize, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(e.method, 10);
    central.writeUInt32LE(e.crc >>> 0, 16);
    central.writeUInt32LE(e.data.length, 20);
    central.writeUInt32LE(e.declaredSize, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, Buffer.from(e.data.buffer, e.data.byteOffset, e.data.byteLength));
    centrals.push(central, name);
    offset += 30 + name.length + e.data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const DOCUMENT_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml';
const OFFICE_DOCUMENT = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument';
const DOCUMENT_HEAD = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="${W}"><w:body>`;
const DOCUMENT_TAIL = '</w:body></w:document>';
const PARAGRAPH = '<w:p><w:r><w:t>一、总体情况。本机关认真贯彻落实条例。</w:t></w:r></w:p>';

const contentTypes = (main: string): string =>
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
  `<Override PartName="/${main}" ContentType="${DOCUMENT_TYPE}"/></Types>`;

const rootRels = (main: string): string =>
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  `<Relationship Id="rId1" Type="${OFFICE_DOCUMENT}" Target="${main}"/></Relationships>`;

/** A main document part that inflates to about `bytes` bytes of paragraphs; its true size declared unless `declaredSize` is given. */
export function bigDocumentPart(name: string, bytes: number, declaredSize?: number): ZipEntry {
  const { data, size } = repeatedDeflate(DOCUMENT_HEAD, PARAGRAPH, bytes, DOCUMENT_TAIL);
  return { name, method: 8, data, declaredSize: declaredSize ?? size, crc: 0 };
}

/** A small DOCX document.xml with the given paragraphs. */
export function documentXml(paragraphs: readonly string[]): string {
  return `${DOCUMENT_HEAD}${paragraphs.map((p) => `<w:p><w:r><w:t>${p}</w:t></w:r></w:p>`).join('')}${DOCUMENT_TAIL}`;
}

/** The DOCX of the issue: word/document.xml inflates to 45 MB. */
export function docxBomb(megabytes = 45): Uint8Array {
  return zipOf([part('[Content_Types].xml', contentTypes('word/document.xml')), part('_rels/.rels', rootRels('word/document.xml')), bigDocumentPart('word/document.xml', megabytes * MB)]);
}

/**
 * The main document stored as word/main.bin, named by _rels/.rels: caps that count only parts named
 * .xml/.rels never see it. A one-paragraph word/document.xml beside it satisfies "is this a DOCX".
 */
export function mainBinBomb(megabytes = 45): Uint8Array {
  return zipOf([
    part('[Content_Types].xml', contentTypes('word/main.bin')),
    part('_rels/.rels', rootRels('word/main.bin')),
    part('word/document.xml', documentXml(['本文件的正文在 word/main.bin 中。'])),
    bigDocumentPart('word/main.bin', megabytes * MB),
  ]);
}

/** A DOCX with `count` small parts besides its main document. */
export function manyPartsDocx(count: number): Uint8Array {
  const extra = Array.from({ length: count }, (_, i) => part(`word/media/p${i}.xml`, '<x/>'));
  return zipOf([part('[Content_Types].xml', contentTypes('word/document.xml')), part('_rels/.rels', rootRels('word/document.xml')), part('word/document.xml', documentXml(['正文'])), ...extra]);
}

const SHEET_HEAD =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
const SHEET_ROW = '<row><c t="inlineStr"><is><t>申请人</t></is></c><c t="inlineStr"><is><t>2024-01-02</t></is></c></row>';

/** An XLSX whose first worksheet inflates to `megabytes` MB while the directory declares 1 KB. */
export function xlsxBomb(megabytes = 200): Uint8Array {
  const sheet = repeatedDeflate(SHEET_HEAD, SHEET_ROW, megabytes * MB, '</sheetData></worksheet>');
  const types =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>';
  const rels = (type: string, target: string) =>
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/${type}" Target="${target}"/></Relationships>`;
  const workbook =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="台账" sheetId="1" r:id="rId1"/></sheets></workbook>';
  return zipOf([
    part('[Content_Types].xml', types),
    part('_rels/.rels', rels('officeDocument', 'xl/workbook.xml')),
    part('xl/workbook.xml', workbook),
    part('xl/_rels/workbook.xml.rels', rels('worksheet', 'worksheets/sheet1.xml')),
    { name: 'xl/worksheets/sheet1.xml', method: 8, data: sheet.data, declaredSize: 1024, crc: 0 },
  ]);
}
