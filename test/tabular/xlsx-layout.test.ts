// The shared XLSX layout (src/domain/tabular/xlsx-layout.ts): widths that fit single-column text up to a
// maximum, wrapped text and row heights for it (merged ranges included), the print setup, and the page
// header's "&" escaped.

import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { cellText, layoutSheet, rowHeightFor, textUnits, wrappedLines } from '../../src/domain/tabular/xlsx-layout.ts';

async function roundTrip(wb: ExcelJS.Workbook): Promise<ExcelJS.Worksheet> {
  const back = new ExcelJS.Workbook();
  await back.xlsx.load((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  return back.worksheets[0] as ExcelJS.Worksheet;
}

describe('measuring', () => {
  it('a CJK character is about twice a Latin one; line breaks and the column width decide the lines', () => {
    expect(textUnits('政府信息', 11) / textUnits('abcd', 11)).toBeGreaterThan(1.6);
    expect(textUnits('政府信息', 11) / textUnits('abcd', 11)).toBeLessThan(2.2);
    expect(textUnits('政', 11)).toBeGreaterThan(2);
    expect(textUnits('政', 10.5)).toBeLessThan(textUnits('政', 11));
    expect(wrappedLines('政府信息公开', 40)).toBe(1);
    expect(wrappedLines('政府信息公开'.repeat(10), 40)).toBe(4);
    expect(wrappedLines('第一行\n第二行\n\n第四行', 40)).toBe(4);
    expect(rowHeightFor(1, 11)).toBeGreaterThan(11);
    expect(rowHeightFor(3, 11)).toBeGreaterThan(3 * 11);
    expect(rowHeightFor(1000, 11)).toBe(409);
    expect(cellText({ richText: [{ text: '甲' }, { text: '乙' }] })).toBe('甲乙');
    expect(cellText(12)).toBe('12');
    expect(cellText(null)).toBe('');
  });
});

describe('layoutSheet', () => {
  it('fits widths to the text up to the maximum, wraps the rest in taller rows, and sets up printing', async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('导出');
    sheet.addRow(['编号', '申请人', '申请内容', '份数']);
    sheet.addRow(['GK-2024-0001', '示范市某某房地产开发有限公司', '某路段改造工程的立项批复、可行性研究报告、环境影响评价文件及其批复、招标投标文件', 3]);
    sheet.addRow(['GK-2024-0002', '张三', '第一项\n第二项\n第三项', 1]);
    layoutSheet(sheet, { title: '台账 A&B', widths: [10, 10, 20, 6], maxWidth: 40, repeatRows: [1, 1] });
    const back = await roundTrip(wb);

    // 编号 fits (12 Latin characters), 申请人 fits its 14 characters, 份数 keeps the minimum width
    expect(back.getColumn(1).width).toBeGreaterThanOrEqual(12);
    expect(back.getColumn(2).width).toBeGreaterThanOrEqual(28);
    expect(back.getColumn(2).width).toBeLessThanOrEqual(40);
    expect(back.getColumn(3).width).toBe(40);
    expect(back.getColumn(4).width).toBe(8);
    // the long request wraps onto 2+ lines, its row tall enough; so does the one with line breaks (3 lines)
    expect(back.getCell('C2').alignment?.wrapText).toBe(true);
    expect(back.getCell('C2').alignment?.vertical).toBe('top');
    expect(back.getRow(2).height).toBeGreaterThanOrEqual(2 * 11 * 1.25);
    expect(back.getRow(3).height).toBeGreaterThanOrEqual(3 * 11 * 1.25);
    // one line of 11pt: Excel's default height, none stored
    expect(back.getRow(1).height ?? 15).toBe(15);
    // numbers are not wrapped text
    expect(back.getCell('D2').alignment?.wrapText).toBeFalsy();

    expect(back.pageSetup).toMatchObject({ paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1', orientation: 'portrait' });
    expect(back.headerFooter.oddHeader).toBe('&C台账 A&&B');
    expect(back.headerFooter.oddFooter).toBe('&C第 &P 页 共 &N 页');
  });

  it('a range over several columns or rows is fitted by growing its rows, not by widening a column', async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('表');
    sheet.getCell('A1').value = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';
    sheet.mergeCells('A1:B1');
    sheet.getCell('C1').value = '三、本年度办理结果（一个占据很多行的行组标签）';
    sheet.mergeCells('C1:C6');
    sheet.getCell('D1').value = 1;
    layoutSheet(sheet, { title: '表', widths: [10, 10, 10, 10], maxWidth: 40 });
    const back = await roundTrip(wb);
    expect([1, 2, 3, 4].map((c) => back.getColumn(c).width)).toEqual([10, 10, 10, 10]);
    // A1:B1 (20 units) holds about 9 characters a line: 4 lines
    expect(back.getRow(1).height).toBeGreaterThanOrEqual(4 * 11 * 1.25);
    // C1:C6 over six rows: the rows together are tall enough for its lines
    const lines = wrappedLines('三、本年度办理结果（一个占据很多行的行组标签）', 10);
    let total = 0;
    for (let r = 1; r <= 6; r++) total += back.getRow(r).height ?? 15;
    expect(total).toBeGreaterThanOrEqual(lines * 11 * 1.25);
    expect(back.getCell('C1').alignment?.wrapText).toBe(true);
  });

  it('wide sheets print landscape; the caller may choose', () => {
    const wb = new ExcelJS.Workbook();
    const wide = wb.addWorksheet('宽');
    wide.addRow(Array.from({ length: 12 }, (_, i) => `第${i + 1}列的标题`));
    layoutSheet(wide, { title: '宽' });
    expect(wide.pageSetup.orientation).toBe('landscape');
    const chosen = wb.addWorksheet('窄');
    chosen.addRow(Array.from({ length: 12 }, (_, i) => `第${i + 1}列的标题`));
    layoutSheet(chosen, { title: '窄', orientation: 'portrait' });
    expect(chosen.pageSetup.orientation).toBe('portrait');
  });
});
