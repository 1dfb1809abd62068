// Publishing the annual report (src/services/report-publish.ts) on each engine: from a published
// report's text, a DOCX and interchange JSON; refusals (arithmetic, blank cells, another year, a year not
// over, a second publication) that write nothing; a correction that keeps the first publication date;
// withdrawal; the audit rows in the same transaction; and the cached public pages showing the change
// at once (the column is touched after the commit).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { DB } from '../../src/db/schema.ts';
import type { AnnualReport } from '../../src/domain/report/model.ts';
import { renderDocx, renderHtml } from '../../src/domain/report/render/index.ts';
import { createAgency } from '../../src/services/agencies.ts';
import { list as auditList } from '../../src/services/audit.ts';
import { publishedReport, publishedReports } from '../../src/services/column.ts';
import { publishReport, withdrawReport } from '../../src/services/report-publish.ts';
import { reportFromFile } from '../../src/services/report-files.ts';
import { engines, useDatabase } from '../support/db.ts';
import { publicApp, Visitor } from '../web/public-support.ts';

const FIXTURES = join(import.meta.dirname, '../fixtures/reports');
const TEXT = readFileSync(join(FIXTURES, 'zhongwei-jiguan-shiwu-2024.txt'));
const JSON_BYTES = readFileSync(join(FIXTURES, 'zhongwei-jiguan-shiwu-2024.expected.json'));

/** In January 2025, Beijing time: the 2024 report is due. */
const NOW = '2025-01-20T10:00:00.000+08:00';
const LATER = '2025-02-10T09:00:00.000+08:00';
const who = { userId: null, now: NOW, ip: '192.0.2.7' };

/** The prose sections 一、五、六 a published report must have (the fixture's JSON holds the tables only). */
const PROSE = { overview: '本机关认真贯彻落实《中华人民共和国政府信息公开条例》。', problems: '主动公开的时效性还不够强。', other: '本机关全年未收取信息处理费。' };

/** The 2024 report of the fixture as a model, with prose (a fresh copy each time). */
const model = (): AnnualReport => ({ ...(JSON.parse(JSON_BYTES.toString('utf8')) as AnnualReport), text: { ...PROSE } });

let seq = 0;
async function agency(db: Kysely<DB>, name = '中卫市机关事务服务中心'): Promise<{ id: number; code: string; name: string }> {
  seq += 1;
  const code = `pub-${seq}-${Math.random().toString(36).slice(2, 8)}`;
  const a = await createAgency(db, { code, name, level: 'department' }, NOW);
  if (!a.ok) throw new Error(a.error.message);
  return { id: a.value.id, code, name };
}

async function rows(db: Kysely<DB>, agencyId: number) {
  return db.selectFrom('publishedReports').selectAll().where('agencyId', '=', agencyId).orderBy('year').execute();
}

describe.each(engines())('publishing the annual report on %s', (engine) => {
  const t = useDatabase(engine);

  it('publishes the text of a published report, with an audit row in the same transaction', async () => {
    const a = await agency(t.db);
    const read = await reportFromFile(TEXT, 'zhongwei-jiguan-shiwu-2024.txt');
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.value.source).toBe('text');
    expect(read.value.report.year).toBe(2024);
    const r = await publishReport(t.db, a.code, { year: 2024, report: read.value.report, source: 'zhongwei.txt' }, who);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toMatchObject({ year: 2024, replaced: false, title: `${a.name}2024年政府信息公开工作年度报告`, warnings: [], notes: [] });
    expect(r.value.publishedAt).toBe(new Date(NOW).toISOString());
    const stored = await rows(t.db, a.id);
    expect(stored).toHaveLength(1);
    expect(stored[0]?.publishedBy).toBeNull();
    // what the public column shows: read back through the schema check
    const shown = await publishedReport(t.db, a.code, 2024);
    expect(shown.ok).toBe(true);
    if (shown.ok) expect(shown.value.report.applications.rows.newReceived).toEqual([0, 0, 0, 0, 0, 0, 0]);
    const [entry, ...more] = await auditList(t.db, a.id);
    expect(more).toEqual([]);
    expect(entry).toMatchObject({ action: 'report.publish', target: 'report:2024', agencyId: a.id, userId: null, ip: '192.0.2.7' });
    expect(entry?.detail).toMatchObject({ year: 2024, format: '2021', warnings: 0, source: 'zhongwei.txt' });
  });

  it('publishes a DOCX and a web page of the report', async () => {
    const parsed = await reportFromFile(TEXT, 'a.txt');
    if (!parsed.ok) throw new Error(parsed.error.message);
    const docx = await reportFromFile(await renderDocx(parsed.value.report), '2024年报.docx');
    expect(docx.ok && docx.value.source).toBe('docx');
    if (!docx.ok) return;
    const a = await agency(t.db);
    const r = await publishReport(t.db, a.code, { year: 2024, report: docx.value.report }, who);
    expect(r.ok).toBe(true);
    expect(await rows(t.db, a.id)).toHaveLength(1);

    const html = await reportFromFile(new TextEncoder().encode(renderHtml(parsed.value.report)), '2024.html');
    expect(html.ok && html.value.source).toBe('html');
    if (!html.ok) return;
    const b = await agency(t.db);
    expect((await publishReport(t.db, b.code, { year: 2024, report: html.value.report }, who)).ok).toBe(true);
  });

  it('publishes interchange JSON, filling in a blank agency name', async () => {
    const read = await reportFromFile(JSON_BYTES, 'report.json');
    expect(read.ok && read.value.source).toBe('json');
    const a = await agency(t.db, '某市某局');
    const report = { ...model(), agency: null };
    const r = await publishReport(t.db, a.code, { year: 2024, report }, who);
    expect(r.ok).toBe(true);
    const [row] = await rows(t.db, a.id);
    expect((row?.report as unknown as AnnualReport).agency).toBe('某市某局');
    // a report naming another agency is published, with a note
    const b = await agency(t.db, '另一个局');
    const named = await publishReport(t.db, b.code, { year: 2024, report: model() }, who);
    expect(named.ok && named.value.notes.join()).toContain('中卫市机关事务服务中心');
  });

  it('refuses an arithmetic error, naming the rule and the cell, and writes nothing', async () => {
    const a = await agency(t.db);
    const report = model();
    report.applications.rows.newReceived[0] = 5; // 自然人 5, 总计 still 0: R1 and R3
    const r = await publishReport(t.db, a.code, { year: 2024, report }, who);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('REPORT_CHECK_FAILED');
    expect(r.error.message).toMatch(/^年度报告有\d+个错误，未发布：/);
    expect(r.error.message).toMatch(/R[13]：表三「/);
    expect(r.error.message).toContain('自然人');
    expect(await rows(t.db, a.id)).toEqual([]);
    expect(await auditList(t.db, a.id)).toEqual([]);
  });

  it('refuses blank cells, invalid JSON, another year and a year not over', async () => {
    const a = await agency(t.db);
    const blank = model();
    blank.review.reconsideration = [null, null, null, null, null];
    const b = await publishReport(t.db, a.code, { year: 2024, report: blank }, who);
    expect(!b.ok && b.error.message).toMatch(/BLANK：表四/);

    const invalid = await publishReport(t.db, a.code, { year: 2024, report: { nonsense: true } as unknown as AnnualReport }, who);
    expect(!invalid.ok && invalid.error.code).toBe('REPORT_INVALID');

    const other = await publishReport(t.db, a.code, { year: 2023, report: model() }, who);
    expect(!other.ok && other.error).toMatchObject({ code: 'REPORT_YEAR_MISMATCH', field: 'year' });
    expect(!other.ok && other.error.message).toContain('2024年');

    const early = await publishReport(t.db, a.code, { year: 2024, report: model() }, { userId: null, now: '2024-12-31T10:00:00.000+08:00' });
    expect(!early.ok && early.error.code).toBe('REPORT_YEAR_NOT_OVER');
    // 2025-01-01 00:30 in Beijing is still 2024 in UTC: the year is over
    const newYear = await agency(t.db);
    expect((await publishReport(t.db, newYear.code, { year: 2024, report: model() }, { userId: null, now: '2024-12-31T16:30:00.000Z' })).ok).toBe(true);

    const nowhere = await publishReport(t.db, 'no-such-agency', { year: 2024, report: model() }, who);
    expect(!nowhere.ok && nowhere.error.code).toBe('AGENCY_NOT_FOUND');
    expect(await rows(t.db, a.id)).toEqual([]);
    expect(await auditList(t.db, a.id)).toEqual([]);
  });

  it('returns the acknowledged warnings', async () => {
    const a = await agency(t.db);
    const report = { ...model(), text: { ...PROSE, overview: '本年度,共受理政府信息公开申请2件,都在法定期限内予以答复。' } };
    const r = await publishReport(t.db, a.code, { year: 2024, report, acknowledgeWarnings: true }, who);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.warnings.map((f) => [f.rule, f.severity])).toEqual([['P1', 'warning']]);
    const [entry] = await auditList(t.db, a.id);
    expect(entry?.detail).toMatchObject({ warnings: 1 });
  });

  it('refuses a second publication of the year; a correction replaces it and keeps the first date', async () => {
    const a = await agency(t.db);
    const user = await t.db
      .insertInto('users')
      .values({ username: `publisher${seq}`, displayName: '发布人', passwordHash: 'x', createdAt: NOW })
      .returning('id')
      .executeTakeFirstOrThrow();
    const first = await publishReport(t.db, a.code, { year: 2024, report: model() }, { userId: user.id, now: NOW });
    expect(first.ok).toBe(true);
    const again = await publishReport(t.db, a.code, { year: 2024, report: model() }, { userId: null, now: LATER });
    expect(again.ok).toBe(false);
    if (!again.ok) {
      expect(again.error.code).toBe('REPORT_ALREADY_PUBLISHED');
      expect(again.error.message).toContain('更正');
      expect(again.error.message).not.toContain('--'); // each channel says how (the command: --replace)
    }
    const corrected = { ...model(), text: { ...PROSE, overview: '更正后的总体情况。' } };
    // a correction needs its 更正说明; refused without one, nothing written
    const unnoted = await publishReport(t.db, a.code, { year: 2024, report: corrected, replace: true, changeNote: '  ' }, { userId: null, now: LATER });
    expect(!unnoted.ok && unnoted.error.code).toBe('REPORT_CHANGE_NOTE_MISSING');
    expect(!unnoted.ok && unnoted.error.message).toContain('更正说明');
    expect(!unnoted.ok && unnoted.error.message).not.toContain('--');
    expect(((await rows(t.db, a.id))[0]?.report as unknown as AnnualReport).text?.overview).not.toBe('更正后的总体情况。');
    const replaced = await publishReport(t.db, a.code, { year: 2024, report: corrected, replace: true, changeNote: '更正了总体情况的表述。' }, { userId: null, now: LATER });
    expect(replaced.ok).toBe(true);
    if (!replaced.ok) return;
    expect(replaced.value.replaced).toBe(true);
    expect(replaced.value.version).toBe(2);
    expect(replaced.value.publishedAt).toBe(new Date(NOW).toISOString());
    const stored = await rows(t.db, a.id);
    expect(stored).toHaveLength(1);
    expect(stored[0]?.publishedAt).toBe(new Date(NOW).toISOString());
    expect(stored[0]?.publishedBy).toBe(user.id);
    expect((stored[0]?.report as unknown as AnnualReport).text?.overview).toBe('更正后的总体情况。');
    const entries = await auditList(t.db, a.id);
    expect(entries.map((e) => e.action)).toEqual(['report.replace', 'report.publish']);
    expect(entries[0]?.detail).toMatchObject({ year: 2024, version: 2, changeNote: '更正了总体情况的表述。', replacedAt: LATER, publishedAt: new Date(NOW).toISOString(), publishedBy: user.id });
    // both publications kept as versions: the first as published, the correction with its note and date
    const versions = await t.db.selectFrom('publishedReportVersions').selectAll().where('reportId', '=', Number(stored[0]?.id)).orderBy('version').execute();
    expect(versions.map((v) => [v.version, v.changeNote, v.publishedAt])).toEqual([
      [1, null, new Date(NOW).toISOString()],
      [2, '更正了总体情况的表述。', new Date(LATER).toISOString()],
    ]);
    expect((versions[0]?.report as unknown as AnnualReport).text?.overview).not.toBe('更正后的总体情况。');
    expect((versions[1]?.report as unknown as AnnualReport).text?.overview).toBe('更正后的总体情况。');
    // replace on a year not yet published simply publishes
    const b = await agency(t.db);
    const fresh = await publishReport(t.db, b.code, { year: 2024, report: model(), replace: true }, who);
    expect(fresh.ok && fresh.value.replaced).toBe(false);
  });

  it('withdraws a published report, once', async () => {
    const a = await agency(t.db);
    expect((await publishReport(t.db, a.code, { year: 2024, report: model() }, who)).ok).toBe(true);
    const w = await withdrawReport(t.db, a.code, 2024, { userId: null, now: LATER });
    expect(w.ok).toBe(true);
    if (w.ok) expect(w.value.publishedAt).toBe(new Date(NOW).toISOString());
    expect(await rows(t.db, a.id)).toEqual([]);
    const [entry] = await auditList(t.db, a.id);
    expect(entry).toMatchObject({ action: 'report.withdraw', target: 'report:2024' });
    expect(entry?.detail).toMatchObject({ year: 2024, publishedAt: new Date(NOW).toISOString() });
    const again = await withdrawReport(t.db, a.code, 2024, { userId: null, now: LATER });
    expect(!again.ok && again.error.code).toBe('NOT_FOUND');
    expect(!again.ok && again.error.message).toContain('2024年度');
    expect(await auditList(t.db, a.id)).toHaveLength(2);
    // and it can be published again
    expect((await publishReport(t.db, a.code, { year: 2024, report: model() }, { userId: null, now: LATER })).ok).toBe(true);
  });

  it('refuses files that are not a report, in Chinese', async () => {
    const binary = await reportFromFile(new Uint8Array([0, 1, 2, 3, 255, 254, 0, 0, 9]), 'photo.bin');
    expect(!binary.ok && binary.error.code).toBe('REPORT_UNREADABLE');
    expect(!binary.ok && binary.error.message).toMatch(/无法读取文件“photo\.bin”/);
    const prose = await reportFromFile(new TextEncoder().encode('关于做好政务公开工作的通知\n各单位：请认真做好相关工作。'), 'notice.txt');
    expect(!prose.ok && prose.error.message).toContain('没有找到年度报告的表格');
    const empty = await reportFromFile(new Uint8Array(), 'empty.txt');
    expect(!empty.ok && empty.error.message).toContain('空的');
    const json = await reportFromFile(new TextEncoder().encode('{"year": "二〇二四"}'), 'bad.json');
    expect(!json.ok && json.error.message).toContain('交换格式');
  });

  it('shows the change on the cached public pages at once', async () => {
    const a = await agency(t.db);
    const visitor = new Visitor(publicApp(t.db, () => NOW));
    const title = (year: number) => `${a.name}${year}年政府信息公开工作年度报告`;
    const before = await (await visitor.get(`/${a.code}/reports`)).text();
    expect(before).not.toContain(title(2024));
    // a row written behind the cache's back is not seen: the page is served from the cache
    await t.db.insertInto('publishedReports').values({ agencyId: a.id, year: 2022, report: JSON.stringify({ ...model(), year: 2022 }), publishedAt: NOW }).execute();
    expect(await (await visitor.get(`/${a.code}/reports`)).text()).not.toContain(title(2022));
    // publishing touches the column after its commit
    expect((await publishReport(t.db, a.code, { year: 2024, report: model() }, who)).ok).toBe(true);
    const after = await (await visitor.get(`/${a.code}/reports`)).text();
    expect(after).toContain(title(2024));
    expect(after).toContain(title(2022));
    const page = await visitor.get(`/${a.code}/reports/2024`);
    expect(page.status).toBe(200);
    // and withdrawing
    expect((await withdrawReport(t.db, a.code, 2024, who)).ok).toBe(true);
    const withdrawn = await (await visitor.get(`/${a.code}/reports`)).text();
    expect(withdrawn).not.toContain(title(2024));
    expect((await visitor.get(`/${a.code}/reports/2024`)).status).toBe(404);
    const list = await publishedReports(t.db, a.code);
    expect(list.ok && list.value.reports.map((r) => r.year)).toEqual([2022]);
  });
});
