// The GB/T 9704 page of a Word document (gbt9704.ts holds the measures): the section, the page numbers
// and the packing. Imported only where a DOCX is made (it loads the docx library).

import { AlignmentType, Document, Footer, LineRuleType, Packer, PageNumber, Paragraph, TextRun } from 'docx';
import type { FileChild } from 'docx';
import { corePropertiesXml, DOCX_FONTS, fontTableXml, mm, PAGE, SIZE } from './gbt9704.ts';

// Page numbers. GB/T 9704-2012 §7.5 — the standard of the 公文 these notices and the report are laid out
// after — prints "— 1 —": 4号 half-width 宋体 digits between two 一字线 (em dashes), below the type area with
// the dashes' top 7 mm under its lower edge; odd pages on the right and even pages on the left, one
// character in from the edge. Not "第 X 页 共 Y 页": that is a form's or a spreadsheet's style (the XLSX
// exports print it), not a 公文's. Word fills in the PAGE field as it lays out the pages.
const PAGE_NUMBER_FONT = { ascii: '宋体', hAnsi: '宋体', cs: '宋体', eastAsia: '宋体' } as const;
const PAGE_NUMBER_LINE = SIZE.pageNumber * 10; // the line exactly 14pt high, in twips
const ONE_CHAR = SIZE.pageNumber * 10; // one 14pt character, in twips

function pageNumberFooter(side: 'odd' | 'even'): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment: side === 'odd' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: side === 'odd' ? { right: ONE_CHAR } : { left: ONE_CHAR },
        spacing: { line: PAGE_NUMBER_LINE, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
        children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: PAGE_NUMBER_FONT, size: SIZE.pageNumber })],
      }),
    ],
  });
}

/** The footer's distance from the bottom edge: the page number's line starts 7 mm under the type area. */
export const FOOTER_DISTANCE = PAGE.bottom - mm(7) - PAGE_NUMBER_LINE;

/**
 * A Word document on an A4 GB/T 9704 page, body in 仿宋_GB2312 三号, page numbers "— n —" in the footer
 * (odd pages right, even pages left), with the font table and clock-free properties.
 */
export async function packA4Docx(title: string, children: FileChild[]): Promise<Uint8Array> {
  const doc = new Document({
    title,
    evenAndOddHeaderAndFooters: true,
    styles: { default: { document: { run: { font: DOCX_FONTS.body, size: SIZE.body } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.left, right: PAGE.right, footer: FOOTER_DISTANCE },
          },
        },
        footers: { default: pageNumberFooter('odd'), even: pageNumberFooter('even') },
        children,
      },
    ],
  });
  const buffer = await Packer.toBuffer(doc, false, [
    { path: 'word/fontTable.xml', data: fontTableXml() },
    { path: 'docProps/core.xml', data: corePropertiesXml(title) },
  ]);
  return new Uint8Array(buffer);
}
