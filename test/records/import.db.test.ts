// Importing the records behind tables 二 and 四 (src/services/records/import.ts) on each engine: a good
// counts file and a good cases file (a lawsuit before its reconsideration in the file, an application by
// its 编号) are imported; a file with errors writes nothing and lists every error by row and column;
// exported files import back unchanged.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTableFile } from '../../src/domain/tabular/table-file.ts';
import { CASE_COLUMNS } from '../../src/domain/records/files.ts';
import { createAgency } from '../../src/services/agencies.ts';
import { importLedger } from '../../src/services/ledger.ts';
import { closeParsePool } from '../../src/services/parse-pool/index.ts';
import { allCases } from '../../src/services/records/cases.ts';
import { yearFigures } from '../../src/services/records/counts.ts';
import type { RecordsActor } from '../../src/services/records/counts.ts';
import { exportRecords, importRecords } from '../../src/services/records/import.ts';
import { engines, useDatabase } from '../support/db.ts';
import { snapshot } from '../support/snapshot.ts';

const actor: RecordsActor = { userId: null, name: 'import', now: '2025-02-01T02:00:00.000Z', today: '2025-02-01', source: 'import' };
const csv = (lines: string[]) => new TextEncoder().encode(`\uFEFF${lines.join('\r\n')}\r\n`);

afterAll(async () => {
  await closeParsePool();
});

describe.each(engines())('records import on %s', (engine) => {
  const t = useDatabase(engine);
  let agencyId = 0;

  beforeAll(async () => {
    const a = await createAgency(t.db, { code: 'rec-import', name: '示范市某局', level: 'department' }, actor.now);
    if (!a.ok) throw new Error(a.error.message);
    agencyId = a.value.id;
    const ledger = ['编号,申请人类型,申请人,证件号码,渠道,收到日期,申请内容,补正告知日期,补正收到日期,延期告知日期,答复日期,办理结果', '2024-7,自然人,李四,,当面,2024-03-01,某文件,,,,2024-03-20,属于国家秘密'];
    const r = await importLedger(t.db, agencyId, csv(ledger), 'ledger.csv', { actor: 'tester', now: actor.now, today: actor.today });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
  });

  it('imports a good counts file, and nothing from a file with errors', async () => {
    const before = await snapshot(t.db);
    const bad = await importRecords(
      t.db,
      agencyId,
      'counts',
      csv(['年度,类别,数量,金额（万元）,说明', '2024,行政许可,12,,', '24,行政处罚,3,,', '2024,罚没,3,,', '2024,行政事业性收费,5,,', '2024,行政强制,1.5,,', '2024,行政许可,13,,', '2023,行政强制,,0.2,']),
      'counts.csv',
      actor,
    );
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.errors.map((e) => [e.line, e.column])).toEqual([
      [3, '年度'],
      [4, '类别'],
      [5, '数量'],
      [6, '数量'],
      [7, '类别'],
      [8, '金额（万元）'],
    ]);
    expect(bad.errors[5]?.message).toContain('“金额（万元）”列只用于行政事业性收费');
    expect(await snapshot(t.db)).toEqual(before);

    const good = await importRecords(t.db, agencyId, 'counts', csv(['年度,类别,数量,金额（万元）,说明', '2024,行政许可,12,,', '2024,行政处罚,"1,203",,', '2024,行政事业性收费,,0.35,财政系统', '2023,行政强制,0,,']), 'counts.csv', actor);
    expect(good).toEqual({ ok: true, value: { kind: 'counts', rows: 4, created: 4, updated: 0, unchanged: 0 } });
    const figures = await yearFigures(t.db, agencyId, 2024);
    expect([figures.licensing?.value, figures.punishment?.value, figures.enforcement, figures.fees?.value, figures.fees?.source, figures.fees?.note]).toEqual(['12', '1203', null, '0.35', 'import', '财政系统']);
  });

  it('imports a good cases file (XLSX), and nothing from a file with errors', async () => {
    const before = await snapshot(t.db);
    const rows = (lines: string[][]) => writeTableFile(CASE_COLUMNS, lines, 'xlsx', { widths: CASE_COLUMNS.map(() => 12), sheetName: '案件' });
    const bad = await importRecords(
      t.db,
      agencyId,
      'cases',
      await rows([
        ['（2024）宁0502行初3号', '复议后起诉', '', '2024-06-01', '', '尚未审结', '', '某区人民法院', '某复〔2024〕1号', ''],
        ['某复〔2024〕1号', '行政复议', '2024-99', '2024-04-01', '2024-05-20', '维持', '', '某市人民政府', '', ''],
        ['某复〔2024〕2号', '行政复议', '', '2024-04-01', '2024-03-20', '纠正', '撤销', '', '', ''],
        ['某复〔2024〕3号', '行政诉讼', '', '2024-04-01', '', '尚未审结', '', '', '', ''],
        ['某复〔2024〕4号', '行政复议', '', '2024-04-01', '2024-05-01', '维持', '撤销', '', '', ''],
        ['某复〔2024〕5号', '行政复议', '', '2024-04-01', '2024-05-01', '尚未审结', '', '', '', ''],
        ['某复〔2024〕6号', '行政复议', '', '2026-04-01', '', '尚未审结', '', '', '', ''],
        ['某复〔2024〕2号', '行政复议', '', '2024-04-01', '', '尚未审结', '', '', '', ''],
      ]),
      'cases.xlsx',
      actor,
    );
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.errors.map((e) => [e.line, e.column])).toEqual([
      [4, '结案日期'],
      [5, '类型'],
      [6, '结果说明'],
      [7, '结案日期'],
      [8, '收到日期'],
      [9, '案号'],
    ]);
    expect(await snapshot(t.db)).toEqual(before);
    // the rows right on their own, wrong against the records: the application 2024-99 does not exist
    const unknown = await importRecords(t.db, agencyId, 'cases', await rows([['某复〔2024〕1号', '行政复议', '2024-99', '2024-04-01', '2024-05-20', '维持', '', '', '', '']]), 'cases.xlsx', actor);
    expect(!unknown.ok && unknown.errors.map((e) => [e.line, e.column])).toEqual([[2, '关联申请编号']]);
    expect(await snapshot(t.db)).toEqual(before);

    const good = await importRecords(
      t.db,
      agencyId,
      'cases',
      await rows([
        ['（2024）宁0502行初3号', '复议后起诉', '2024-7', '2024-06-01', '', '尚未审结', '', '某区人民法院', '某复〔2024〕1号', ''],
        ['某复〔2024〕1号', '行政复议', '2024-7', '2024-04-01', '2024-05-20', '维持', '驳回行政复议请求', '某市人民政府', '', '第一行\n第二行'],
      ]),
      'cases.xlsx',
      actor,
    );
    expect(good).toEqual({ ok: true, value: { kind: 'cases', rows: 2, created: 2, updated: 0, unchanged: 0 } });
    const cases = await allCases(t.db, agencyId);
    expect(cases.map((c) => [c.caseNumber, c.type, c.applicationNumber, c.reconsiderationCaseNumber, c.result, c.notes])).toEqual([
      ['某复〔2024〕1号', 'reconsideration', '2024-7', null, 'rejected', '第一行\n第二行'],
      ['（2024）宁0502行初3号', 'litigation_after_reconsideration', '2024-7', '某复〔2024〕1号', null, ''],
    ]);
  });

  it('imports its own export back unchanged (CSV and XLSX)', async () => {
    for (const format of ['csv', 'xlsx'] as const) {
      for (const kind of ['counts', 'cases'] as const) {
        const out = await exportRecords(t.db, agencyId, kind, format);
        const before = await snapshot(t.db);
        const again = await importRecords(t.db, agencyId, kind, out.bytes, `${kind}.${format}`, actor);
        expect(again).toEqual({ ok: true, value: { kind, rows: out.rows, created: 0, updated: 0, unchanged: out.rows } });
        expect(await snapshot(t.db)).toEqual(before);
      }
    }
    const text = new TextDecoder().decode((await exportRecords(t.db, agencyId, 'cases', 'csv')).bytes);
    expect(text).toContain('某复〔2024〕1号,行政复议,2024-7,2024-04-01,2024-05-20,维持,驳回行政复议请求,某市人民政府,,"第一行\n第二行"');
  });
});
