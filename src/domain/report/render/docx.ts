// The report as a Word document (docx v9): A4, GB/T 9704 type, the tables with real merged cells.
//
// Fonts. OOXML gives a run one font per script (ascii, hAnsi, eastAsia, cs) and no fallback list, so:
// - eastAsia is the official face: 方正小标宋简体 (title), 黑体 (headings), 仿宋_GB2312 (body and tables);
// - ascii/hAnsi/cs are "Times New Roman", as GB/T 9704 practice sets digits and Latin letters;
// - the fallback is declared in word/fontTable.xml, which this module writes itself: each Chinese face has an
//   <w:altName> (仿宋_GB2312 → 仿宋 (FangSong), 方正小标宋简体 → 宋体 (SimSun), 黑体 → SimHei) and the GB2312
//   charset, which Word uses to substitute a face installed on the machine.
// Sizes: 二号 = 22pt (title), 三号 = 16pt (body, headings), 五号 = 10.5pt (tables, so 四's 15 columns fit).
// docProps/core.xml is written here too, without the creation time docx would take from the clock.

import {
  AlignmentType,
  BorderStyle,
  LineRuleType,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from 'docx';
import { DOCX_FONTS, LINE, PAGE, SIZE } from '../../office/gbt9704.ts';
import { packA4Docx } from '../../office/gbt9704-docx.ts';
import type { AnnualReport } from '../model.ts';
import { SECTION_TITLES } from '../layout.ts';
import { preamble, reportTitle, sectionParagraphs } from './common.ts';
import { buildGrids, type GridCell, type GridRow, type GridTable } from './grid.ts';

export { DOCX_FONTS };

const TEXT_WIDTH = PAGE.width - PAGE.left - PAGE.right;
const INDENT = SIZE.body * 20; // two characters of 16pt, in twips

const exact = { line: LINE, lineRule: LineRuleType.EXACT } as const;

const bodyParagraph = (text: string) =>
  new Paragraph({ indent: { firstLine: INDENT }, alignment: AlignmentType.JUSTIFIED, spacing: exact, children: [new TextRun({ text, font: DOCX_FONTS.body, size: SIZE.body })] });

const headingParagraph = (text: string) =>
  new Paragraph({ indent: { firstLine: INDENT }, spacing: exact, outlineLevel: 1, keepNext: true, children: [new TextRun({ text, font: DOCX_FONTS.heading, size: SIZE.body })] });

const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' } as const;

function cellOf(cell: GridCell): TableCell {
  return new TableCell({
    columnSpan: cell.colSpan > 1 ? cell.colSpan : undefined,
    rowSpan: cell.rowSpan > 1 ? cell.rowSpan : undefined,
    verticalAlign: VerticalAlignTable.CENTER,
    children: [
      new Paragraph({
        alignment: cell.scope === 'row' ? AlignmentType.LEFT : AlignmentType.CENTER,
        spacing: { line: 240, lineRule: LineRuleType.AUTO },
        children: cell.text === '' ? [] : [new TextRun({ text: cell.text, font: DOCX_FONTS.body, size: SIZE.table })],
      }),
    ],
  });
}

export function tableDocx(table: GridTable): Table {
  const total = table.widths.reduce((a, b) => a + b, 0);
  const columnWidths = table.widths.map((w) => Math.floor((TEXT_WIDTH * w) / total));
  const row = (r: GridRow, head: boolean) => new TableRow({ children: r.cells.map(cellOf), cantSplit: true, ...(head ? { tableHeader: true } : {}) });
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths,
    layout: TableLayoutType.FIXED,
    alignment: AlignmentType.CENTER,
    margins: { top: 20, bottom: 20, left: 57, right: 57 },
    borders: { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border },
    rows: [...table.head.map((r) => row(r, true)), ...table.bodies.flat().map((r) => row(r, false))],
  });
}


export async function renderDocx(report: AnnualReport): Promise<Uint8Array> {
  const title = reportTitle(report);
  const tables = new Map(buildGrids(report).map((t) => [t.section, t]));
  const children: (Paragraph | Table)[] = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { ...exact, after: LINE },
      outlineLevel: 0,
      children: [new TextRun({ text: title, font: DOCX_FONTS.title, size: SIZE.title })],
    }),
    bodyParagraph(preamble(report)),
  ];
  for (const heading of SECTION_TITLES) {
    children.push(headingParagraph(heading));
    const table = tables.get(heading);
    if (table) children.push(tableDocx(table), new Paragraph({ spacing: exact, children: [] }));
    else children.push(...sectionParagraphs(report, heading).map(bodyParagraph));
  }
  return packA4Docx(title, children);
}
