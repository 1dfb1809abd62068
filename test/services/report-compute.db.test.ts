// The annual report computed from the records (src/services/report-compute.ts) on each engine: the
// format of its year — the 2019 trial format (国办公开办函〔2019〕60号) for 2019 and 2020, whose table
// 三 has one （六）其他处理 row holding what the 2021 format splits into 1–3 — rendered and checked in
// that format; the drill-down of its single （六） row lists the same applications.

import type { Kysely } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../src/db/schema.ts';
import { checkAll } from '../../src/domain/report/checks.ts';
import { renderHtml, renderMarkdown } from '../../src/domain/report/render/index.ts';
import { createAgency } from '../../src/services/agencies.ts';
import { importLedger } from '../../src/services/ledger.ts';
import { computeAnnualReport } from '../../src/services/report-compute.ts';
import { cellApplications } from '../../src/services/table-three.ts';
import { engines, useDatabase } from '../support/db.ts';

const who = { actor: 'tester', now: '2022-03-01T09:00:00.000Z', today: '2022-03-01' };
const HEADER = '编号,申请人类型,申请人,证件号码,渠道,收到日期,申请内容,补正告知日期,补正收到日期,延期告知日期,答复日期,办理结果';

/** For each year: one granted, one lapsed correction, one lapsed fee (（六）2), one 其他, and one still open at year end. */
const ledger = (year: number) =>
  [
    `${year}-1,自然人,李四,,当面,${year}-03-02,某文件,,,,${year}-03-20,予以公开`,
    `${year}-2,自然人,王五,,当面,${year}-04-01,某文件,${year}-04-03,,,${year}-05-06,申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请`,
    `${year}-3,商业企业,某公司,,在线,${year}-05-06,某文件,,,,${year}-06-15,申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请`,
    `${year}-4,其他,某协会,,平信,${year}-06-01,某文件,,,,${year}-06-20,其他`,
    `${year}-5,自然人,赵六,,当面,${year}-12-28,某文件,,,,,`,
  ].join('\n');

describe.each(engines())('computed annual reports on %s', (engine) => {
  const t = useDatabase(engine);
  let agencyId = 0;
  const code = 'compute';

  beforeAll(async () => {
    const a = await createAgency(t.db as Kysely<DB>, { code, name: '某县某局', level: 'department' }, who.now);
    if (!a.ok) throw new Error(a.error.message);
    agencyId = a.value.id;
    const csv = [HEADER, ledger(2020), ledger(2021)].join('\n');
    const r = await importLedger(t.db, agencyId, new TextEncoder().encode(csv), 'ledger.csv', who);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
  });

  it.each([2019, 2020])('gives the 2019 trial format for %i, （六） folded into one row', async (year) => {
    const r = await computeAnnualReport(t.db, code, year);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const report = r.value;
    expect(report.format).toBe('2019');
    expect(report.trial2019).toBeDefined();
    const { otherHandling } = report.applications.rows;
    expect(otherHandling.noCorrection).toBeNull();
    expect(otherHandling.unpaidFee).toBeNull();
    if (year === 2020) {
      expect(otherHandling.other).toEqual([1, 1, 0, 0, 0, 1, 3]);
      expect(report.applications.rows.totalHandled[6]).toBe(4);
      expect(report.applications.rows.carriedForward[6]).toBe(1);
    }
    // checked in its format: the arithmetic holds; only the cells the platform does not hold are blank
    const findings = checkAll(report);
    expect(findings.filter((f) => f.rule !== 'BLANK')).toEqual([]);
    const blank = findings.flatMap((f) => f.cells.map((c) => c.path));
    expect(blank.some((p) => p.startsWith('applications.'))).toBe(false);
    // the trial table 二: 第二十条第（一）项's 本年新制作数量 and 对外公开总数量 come from the register (0 here), the rest is blank
    const messages = findings.map((f) => f.message).join();
    expect(messages).toContain('上一年项目数量');
    expect(messages).not.toContain('本年新制作数量');
    expect(report.activeDisclosure.normativeDocuments).toEqual({ issued: 0, repealed: null, inForce: 0 });
    // rendered in its format
    const html = renderHtml(report);
    expect(html).toContain('（六）其他处理');
    expect(html).toContain('本年新制作数量');
    expect(html).not.toContain('逾期不补正');
    expect(html).not.toContain('本年制发件数');
    expect(renderMarkdown(report)).not.toContain('逾期未按收费通知');
  });

  it('gives the 2021 format from 2021 on, with the three （六） rows', async () => {
    const r = await computeAnnualReport(t.db, code, 2021);
    expect(r.ok && r.value.format).toBe('2021');
    if (!r.ok) return;
    expect(r.value.trial2019).toBeUndefined();
    const { otherHandling, carriedOver } = r.value.applications.rows;
    expect(otherHandling).toEqual({ noCorrection: [1, 0, 0, 0, 0, 0, 1], unpaidFee: [0, 1, 0, 0, 0, 0, 1], other: [0, 0, 0, 0, 0, 1, 1] });
    expect(carriedOver[6]).toBe(1); // 2020's open application, across the change of format
  });

  it('drills the single （六） row of 2020 down to the applications of 1–3', async () => {
    const list = await cellApplications(t.db, agencyId, 2020, 'other', 6);
    expect(list?.applications.map((a) => a.number).sort()).toEqual(['2020-2', '2020-3', '2020-4']);
    const natural = await cellApplications(t.db, agencyId, 2020, 'other', 0);
    expect(natural?.applications.map((a) => a.number)).toEqual(['2020-2']);
    const later = await cellApplications(t.db, agencyId, 2021, 'other', 6);
    expect(later?.applications.map((a) => a.number)).toEqual(['2021-4']);
  });
});
