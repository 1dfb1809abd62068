// What publishing the annual report checks (src/services/report-publish.ts) on each engine: every
// check `report check` runs, the sections 一、五、六, X1/X2 against the agency's previous published
// report; a disagreement with last year asks for a written explanation (说明) that is stored, audited
// and shown on the public page; warnings must be acknowledged. Every refusal is a typed error with a
// stable code and a Chinese message, and leaves the database exactly as it was.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { DB } from '../../src/db/schema.ts';
import type { AnnualReport } from '../../src/domain/report/model.ts';
import { createAgency } from '../../src/services/agencies.ts';
import { list as auditList } from '../../src/services/audit.ts';
import { publishedReport } from '../../src/services/column.ts';
import { publishReport } from '../../src/services/report-publish.ts';
import type { PublishInput } from '../../src/services/report-publish.ts';
import { engines, useDatabase } from '../support/db.ts';
import { publicApp, Visitor } from '../web/public-support.ts';

const JSON_BYTES = readFileSync(join(import.meta.dirname, '../fixtures/reports/zhongwei-jiguan-shiwu-2024.expected.json'));

const NOW = '2025-01-20T10:00:00.000+08:00';
const who = { userId: null, now: NOW, ip: '192.0.2.7' };

const PROSE = {
  overview: '本机关认真贯彻落实《中华人民共和国政府信息公开条例》，不断提升政务公开质效。',
  problems: '个别事项主动公开的时效性还不够强。下一步将加强统筹协调。',
  other: '本机关全年未收取信息处理费。',
};

/** The fixture's 2024 report with the three prose sections (a fresh copy). */
function model(year = 2024): AnnualReport {
  const { inconsistencies: _i, ...r } = JSON.parse(JSON_BYTES.toString('utf8')) as AnnualReport & { inconsistencies?: unknown };
  return { ...r, year, agency: null, text: { ...PROSE } };
}

/** Last year's report, carrying 2 applications of 自然人 forward into 2024 (which reports 0 carried over). */
function lastYear(): AnnualReport {
  const r = model(2023);
  const rows = r.applications.rows;
  rows.newReceived = [3, 0, 0, 0, 0, 0, 3];
  rows.granted = [1, 0, 0, 0, 0, 0, 1];
  rows.totalHandled = [1, 0, 0, 0, 0, 0, 1];
  rows.carriedForward = [2, 0, 0, 0, 0, 0, 2];
  return r;
}

let seq = 0;
async function agency(db: Kysely<DB>): Promise<{ id: number; code: string }> {
  seq += 1;
  const code = `chk-${seq}-${Math.random().toString(36).slice(2, 8)}`;
  const a = await createAgency(db, { code, name: '某市某局', level: 'department' }, NOW);
  if (!a.ok) throw new Error(a.error.message);
  return { id: a.value.id, code };
}

/** The tables a publication writes, to compare before and after a refusal. */
async function snapshot(db: Kysely<DB>): Promise<string> {
  const parts: unknown[] = [];
  for (const t of ['published_reports', 'audit_log']) parts.push((await sql.raw(`select * from ${t} order by id`).execute(db)).rows);
  return JSON.stringify(parts);
}

describe.each(engines())('what publishing checks on %s', (engine) => {
  const t = useDatabase(engine);

  const publish = (code: string, input: Partial<PublishInput> & { report: AnnualReport }) =>
    publishReport(t.db, code, { year: input.report.year ?? 2024, ...input }, who);

  it('refuses a report whose section 一, 五 or 六 is empty or missing', async () => {
    const a = await agency(t.db);
    for (const [key, title] of [
      ['overview', '一、总体情况'],
      ['problems', '五、存在的主要问题及改进情况'],
      ['other', '六、其他需要报告的事项'],
    ] as const) {
      const report = model();
      report.text = { ...PROSE, [key]: ' ' };
      const r = await publish(a.code, { report, acknowledgeWarnings: true });
      expect(r.ok, key).toBe(false);
      if (r.ok) return;
      expect(r.error.code).toBe('REPORT_CHECK_FAILED');
      expect(r.error.message).toContain(`SECTION：年度报告的“${title}”`);
    }
    const { text: _t, ...bare } = model();
    const none = await publish(a.code, { report: bare as AnnualReport, acknowledgeWarnings: true });
    expect(!none.ok && none.error.message).toMatch(/^年度报告有3个错误，未发布/);
    expect(await auditList(t.db, a.id)).toEqual([]);
  });

  it('refuses a disagreement with last year’s published report without an explanation (X1)', async () => {
    const a = await agency(t.db);
    expect((await publish(a.code, { report: lastYear() })).ok).toBe(true);
    const r = await publish(a.code, { report: model() });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('REPORT_CROSS_YEAR_UNEXPLAINED');
    expect(r.error.field).toBe('explanation');
    expect(r.error.message).toContain('2023年度报告“四、结转下年度继续办理”为2');
    expect(r.error.message).toContain('说明');
    expect(r.error.crossYear?.map((f) => f.rule)).toEqual(['X1', 'X1']);
    // a blank explanation is none
    const blank = await publish(a.code, { report: model(), explanation: '  \n ' });
    expect(!blank.ok && blank.error.code).toBe('REPORT_CROSS_YEAR_UNEXPLAINED');
  });

  it('publishes it with an explanation: stored, audited, shown on the public page', async () => {
    const a = await agency(t.db);
    expect((await publish(a.code, { report: lastYear() })).ok).toBe(true);
    const explanation = '2023年度报告误将2件已于12月办结的申请计入结转，本年度按实际办理情况填报。';
    const r = await publish(a.code, { report: model(), explanation: `  ${explanation}\n` });
    expect(r.ok, r.ok ? '' : r.error.message).toBe(true);
    if (!r.ok) return;
    expect(r.value.crossYear?.explanation).toBe(explanation);
    expect(r.value.crossYear?.findings.map((f) => f.rule)).toEqual(['X1', 'X1']);
    const row = await t.db.selectFrom('publishedReports').select(['crossYearExplanation', 'crossYearFindings']).where('agencyId', '=', a.id).where('year', '=', 2024).executeTakeFirstOrThrow();
    expect(row.crossYearExplanation).toBe(explanation);
    expect(row.crossYearFindings).toEqual([expect.stringContaining('2023年度报告'), expect.stringContaining('2023年度报告')]);
    const [entry] = await auditList(t.db, a.id);
    expect(entry).toMatchObject({ action: 'report.publish', target: 'report:2024' });
    expect(entry?.detail).toMatchObject({ crossYear: { explanation, findings: row.crossYearFindings } });

    const shown = await publishedReport(t.db, a.code, 2024);
    expect(shown.ok && shown.value.crossYear?.explanation).toBe(explanation);
    const page = await (await new Visitor(publicApp(t.db, () => NOW)).get(`/${a.code}/reports/2024`)).text();
    expect(page).toContain('与相邻年度报告衔接情况的说明');
    expect(page).toContain(explanation);
    expect(page).toContain('2023年度报告“四、结转下年度继续办理”为2');
    // a report that agrees with last year carries no explanation
    const b = await agency(t.db);
    const plain = await publish(b.code, { report: model(), explanation: '无需说明' });
    expect(plain.ok && plain.value.crossYear).toBeNull();
    expect(plain.ok && plain.value.notes.join()).toContain('说明未保存');
    const plainPage = await (await new Visitor(publicApp(t.db, () => NOW)).get(`/${b.code}/reports/2024`)).text();
    expect(plainPage).not.toContain('与相邻年度报告衔接情况的说明');
  });

  it('a correction of last year is checked against this year, and a correction that agrees drops the explanation', async () => {
    const a = await agency(t.db);
    expect((await publish(a.code, { report: model(2023) })).ok).toBe(true);
    expect((await publish(a.code, { report: model(2024) })).ok).toBe(true);
    const refused = await publish(a.code, { report: lastYear(), replace: true, changeNote: '更正结转数。' });
    expect(!refused.ok && refused.error.code).toBe('REPORT_CROSS_YEAR_UNEXPLAINED');
    expect(!refused.ok && refused.error.message).toContain('2024年度报告“二、上年结转政府信息公开申请数量”为0');
    const corrected = await publish(a.code, { report: lastYear(), replace: true, changeNote: '更正结转数。', explanation: '更正：2023年末实际结转2件。' });
    expect(corrected.ok && corrected.value.crossYear?.explanation).toBe('更正：2023年末实际结转2件。');
    const back = await publish(a.code, { report: model(2023), replace: true, changeNote: '恢复原结转数。' });
    expect(back.ok && back.value.crossYear).toBeNull();
    const row = await t.db.selectFrom('publishedReports').select(['crossYearExplanation', 'crossYearFindings']).where('agencyId', '=', a.id).where('year', '=', 2023).executeTakeFirstOrThrow();
    expect(row).toEqual({ crossYearExplanation: null, crossYearFindings: null });
  });

  it('refuses warnings until they are acknowledged, listing them', async () => {
    const a = await agency(t.db);
    const report = { ...model(), text: { ...PROSE, overview: '本年度,共受理政府信息公开申请2件,都在法定期限内予以答复。' } };
    const r = await publish(a.code, { report });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('REPORT_WARNINGS_NOT_ACKNOWLEDGED');
    expect(r.error.field).toBe('acknowledgeWarnings');
    expect(r.error.message).toMatch(/^年度报告有1个警告，未发布：（1）P1：/);
    expect(r.error.message).toContain('确认');
    expect(r.error.message).not.toMatch(/--|acknowledgeWarnings/); // how to acknowledge is each channel's own words
    expect(r.error.warnings?.map((f) => f.rule)).toEqual(['P1']);
    const acknowledged = await publish(a.code, { report, acknowledgeWarnings: true });
    expect(acknowledged.ok).toBe(true);
    if (!acknowledged.ok) return;
    expect(acknowledged.value.warnings.map((f) => f.rule)).toEqual(['P1']);
    const [entry] = await auditList(t.db, a.id);
    expect(entry?.detail).toMatchObject({ warnings: 1, warningsAcknowledged: true });
  });

  it('X2 against last year is a warning to acknowledge', async () => {
    const a = await agency(t.db);
    const previous = model(2023);
    previous.activeDisclosure.normativeDocuments.inForce = 40;
    expect((await publish(a.code, { report: previous })).ok).toBe(true);
    const r = await publish(a.code, { report: model() });
    expect(!r.ok && r.error.code).toBe('REPORT_WARNINGS_NOT_ACKNOWLEDGED');
    expect(!r.ok && r.error.warnings?.map((f) => f.rule)).toEqual(['X2']);
    expect((await publish(a.code, { report: model(), acknowledgeWarnings: true })).ok).toBe(true);
  });

  it('names both what needs an explanation and the warnings when both are missing', async () => {
    const a = await agency(t.db);
    expect((await publish(a.code, { report: lastYear() })).ok).toBe(true);
    const report = { ...model(), text: { ...PROSE, overview: '本年度,共受理政府信息公开申请2件。' } };
    const r = await publish(a.code, { report });
    expect(!r.ok && r.error.code).toBe('REPORT_CROSS_YEAR_UNEXPLAINED');
    if (r.ok) return;
    expect(r.error.warnings?.map((f) => f.rule)).toEqual(['P1']);
    expect(r.error.message).toContain('另有1个警告');
    const explained = await publish(a.code, { report, explanation: '说明。' });
    expect(!explained.ok && explained.error.code).toBe('REPORT_WARNINGS_NOT_ACKNOWLEDGED');
    expect((await publish(a.code, { report, explanation: '说明。', acknowledgeWarnings: true })).ok).toBe(true);
  });

  it('the deadline it cites is 条例第四十九条', async () => {
    const a = await agency(t.db);
    const early = await publishReport(t.db, a.code, { year: 2024, report: model() }, { userId: null, now: '2024-12-31T10:00:00.000+08:00' });
    expect(!early.ok && early.error.code).toBe('REPORT_YEAR_NOT_OVER');
    expect(!early.ok && early.error.message).toContain('条例第四十九条');
    expect(!early.ok && early.error.message).not.toContain('第五十条');
  });

  it('every refusal leaves the published reports and the audit log exactly as they were', async () => {
    const a = await agency(t.db);
    expect((await publish(a.code, { report: lastYear() })).ok).toBe(true);
    const blank = model();
    blank.review.litigationDirect = [null, null, null, null, null];
    const noSection = { ...model(), text: { ...PROSE, other: null } };
    const warned = { ...model(), text: { ...PROSE, overview: '本年度,共受理政府信息公开申请2件。' } };
    const long = 'x'.repeat(2001);
    const cases: [string, Partial<PublishInput> & { report: AnnualReport }][] = [
      ['REPORT_CHECK_FAILED', { report: blank, explanation: '说明', acknowledgeWarnings: true }],
      ['REPORT_CHECK_FAILED', { report: noSection, explanation: '说明', acknowledgeWarnings: true }],
      ['REPORT_CROSS_YEAR_UNEXPLAINED', { report: model() }],
      ['REPORT_WARNINGS_NOT_ACKNOWLEDGED', { report: warned, explanation: '说明' }],
      ['INVALID_INPUT', { report: model(), explanation: long, acknowledgeWarnings: true }],
      ['REPORT_ALREADY_PUBLISHED', { report: lastYear() }],
      ['REPORT_YEAR_MISMATCH', { report: model(), year: 2022 }],
      ['REPORT_INVALID', { report: { nonsense: 1 } as unknown as AnnualReport, year: 2024 }],
    ];
    for (const [code, input] of cases) {
      const before = await snapshot(t.db);
      const r = await publish(a.code, input);
      expect(r.ok, code).toBe(false);
      if (r.ok) continue;
      expect(r.error.code).toBe(code);
      expect(r.error.message).toMatch(/[\u4e00-\u9fa5]/);
      expect(await snapshot(t.db)).toBe(before);
    }
  });
});
