// A prepared notice (render.ts) as a Word document: fonts and sizes as src/domain/report/render/docx.ts,
// the page and its numbers from office/gbt9704-docx.ts. Loaded by render.ts on the first DOCX (the docx
// library is not needed for the HTML, the text or the PDF).

import { AlignmentType, LineRuleType, Paragraph, TextRun } from 'docx';
import { DOCX_FONTS, LINE, SIZE } from '../office/gbt9704.ts';
import { packA4Docx } from '../office/gbt9704-docx.ts';
import { DATE_RIGHT_SPACE, SEAL_LINES, signatureRightSpace } from './render.ts';
import type { PreparedDocument } from './render.ts';

const CHAR = SIZE.body * 10; // one 16pt character, in twips
const exact = { line: LINE, lineRule: LineRuleType.EXACT } as const;

const run = (text: string, title = false) => new TextRun({ text, font: title ? DOCX_FONTS.title : DOCX_FONTS.body, size: title ? SIZE.title : SIZE.body });

/** A prepared notice as a Word document (A4, GB/T 9704 fonts). */
export async function documentDocx(doc: PreparedDocument): Promise<Uint8Array> {
  const blank = () => new Paragraph({ spacing: exact, children: [] });
  const body = [...doc.paragraphs, ...(doc.contact === null ? [] : [doc.contact])];
  const twips = (chars: number) => Math.round(chars * CHAR);
  const children = [
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: exact, outlineLevel: 0, children: [run(doc.title, true)] }),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: exact, children: [run(doc.number)] }),
    blank(),
    new Paragraph({ spacing: exact, children: [run(`${doc.addressee}：`)] }),
    // the last paragraph keeps with the seal block: the name and date never start a page alone (§7.3.5.4)
    ...body.map((t, i) => new Paragraph({ indent: { firstLine: 2 * CHAR }, alignment: AlignmentType.JUSTIFIED, spacing: exact, ...(i === body.length - 1 ? { keepNext: true } : {}), children: [run(t)] })),
    // the seal's room above the name; the name centred over the date, the date four characters from the right
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      indent: { right: twips(signatureRightSpace(doc.signature, doc.date)) },
      spacing: { ...exact, before: SEAL_LINES * LINE },
      keepNext: true,
      children: [run(doc.signature)],
    }),
    new Paragraph({ alignment: AlignmentType.RIGHT, indent: { right: twips(DATE_RIGHT_SPACE) }, spacing: exact, children: [run(doc.date)] }),
  ];
  return packA4Docx(doc.title, children);
}
