// The office's collection of its subtree's reports (issue #13) on each engine: the agency tree (a cycle
// and an unknown parent refused, nothing written; an audited change), the subtree; a ZIP of the fixture
// reports uploaded — certain matches filed, uncertain ones and another year's report waiting in review,
// a scanned PDF kept with its Chinese error —; the review step; the same file again not kept twice;
// a report published on the platform collected live (its latest version); figures entered by hand and
// an exclusion, audited; collectedReports listing every agency of the subtree, missing ones as none.

import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeParsePool } from '../../src/services/parse-pool/index.ts';
import { descendantsByLevel, setParent, subtree } from '../../src/services/agency-tree.ts';
import { assignFile, discardFile, filesOf } from '../../src/services/oversight/review.ts';
import { uploadReports } from '../../src/services/oversight/upload.ts';
import { collectedReports, collectedReport } from '../../src/services/oversight/collected.ts';
import { enterReport, excludeAgency, includeAgency, setPublishedOn } from '../../src/services/oversight/entry.ts';
import { reportFromHandEntry } from '../../src/domain/oversight/hand-entry.ts';
import { engines, useDatabase } from '../support/db.ts';
import { snapshot } from '../support/snapshot.ts';
import { parseFixture } from './fixtures.ts';
import { fixtureFile, fixtureZip, makeTree, scannedPdf, YEAR, type Ids } from './support.ts';

const NOW = '2024-11-20T02:00:00.000Z';
const actor = { userId: null, ip: '127.0.0.1', now: NOW };

afterAll(async () => {
  await closeParsePool();
});

describe.each(engines())('the oversight collection on %s', (engine) => {
  const t = useDatabase(engine);
  let ids: Ids;
  let code: (k: string) => string;

  const audits = async (action: string) => (await t.db.selectFrom('auditLog').select(['action', 'detail', 'agencyId']).where('action', '=', action).execute());

  beforeAll(async () => {
    ({ ids, code } = await makeTree(t.db, engine, NOW));
  });

  describe('the agency tree', () => {
    it('lists the subtree with its depth, and by level', async () => {
      const below = await subtree(t.db, ids.city);
      expect(below.map((a) => a.id).sort()).toEqual([ids.dfz, ids.tyjr, ids.tjj, ids.dyz, ids.sjj, ids.county, ids.cjj].sort());
      expect(below.find((a) => a.id === ids.cjj)?.depth).toBe(2);
      expect(below.some((a) => a.id === ids.odept || a.id === ids.city)).toBe(false);
      const levels = await descendantsByLevel(t.db, ids.city);
      expect(levels.map((g) => g.label)).toEqual(['人民政府', '部门', '乡镇']);
      expect(levels[0]?.agencies.map((a) => a.id)).toEqual([ids.county]);
    });

    it('refuses a cycle, the agency itself and an unknown parent, writing nothing', async () => {
      const before = await snapshot(t.db);
      const cycle = await setParent(t.db, code('city'), code('cjj'), actor);
      expect(cycle.ok).toBe(false);
      if (!cycle.ok) {
        expect(cycle.error.code).toBe('TREE_CYCLE');
        expect(cycle.error.message).toContain('示范县财政局是示范市人民政府的下级机关');
      }
      const self = await setParent(t.db, code('county'), code('county'), actor);
      expect(!self.ok && self.error.code).toBe('TREE_CYCLE');
      const unknown = await setParent(t.db, code('county'), 'no-such-agency', actor);
      expect(!unknown.ok && unknown.error.message).toContain('上级机关“no-such-agency”不存在');
      expect(await snapshot(t.db)).toBe(before);
    });

    it('moves an agency, audited, and back', async () => {
      const moved = await setParent(t.db, code('cjj'), code('other'), actor);
      expect(moved.ok && moved.value.from?.code).toBe(code('county'));
      expect((await subtree(t.db, ids.city)).some((a) => a.id === ids.cjj)).toBe(false);
      expect((await subtree(t.db, ids.other)).some((a) => a.id === ids.cjj)).toBe(true);
      const back = await setParent(t.db, code('cjj'), code('county'), actor);
      expect(back.ok).toBe(true);
      const entries = await audits('agency.parent');
      expect(entries.map((e) => e.detail)).toEqual([
        { from: code('county'), to: code('other') },
        { from: code('other'), to: code('county') },
      ]);
    });
  });

  describe('a ZIP of reports', () => {
    let filed: Awaited<ReturnType<typeof uploadReports>>;

    beforeAll(async () => {
      filed = await uploadReports(t.db, ids.city, YEAR, [{ name: '2023年度各单位年报.zip', bytes: await fixtureZip() }], actor);
    });

    it('files certain matches and keeps the rest for review, each read in the pool', async () => {
      expect(filed.ok).toBe(true);
      if (!filed.ok) return;
      const by = new Map(filed.value.files.map((f) => [f.fileName, f]));
      // the title is the agency's name; the title is its short form (大营镇); the file name is its name
      expect(by.get('excerpt-002.txt')).toMatchObject({ outcome: 'filed', agency: { id: ids.dfz }, score: 100 });
      expect(by.get('大营镇2023年度报告.txt')).toMatchObject({ outcome: 'filed', agency: { id: ids.dyz } });
      expect(by.get('长春市退役军人事务局2023年政府信息公开工作年度报告.txt')).toMatchObject({ outcome: 'filed', agency: { id: ids.tyjr } });
      // 区统计局: suggested, not certain
      const uncertain = by.get('统计.txt');
      expect(uncertain).toMatchObject({ outcome: 'review', agency: { id: ids.tjj } });
      expect(uncertain?.score).toBeLessThan(100);
      expect(uncertain?.note).toContain('相似度');
      // another agency's 2024 report: no certain match here, and its year is not 2023
      expect(by.get('zhongwei.txt')?.outcome).toBe('review');
      // the scanned PDF: matched by its file name, kept with its Chinese error
      const scan = by.get('示范市审计局2023年政府信息公开工作年度报告（扫描件）.pdf');
      expect(scan).toMatchObject({ outcome: 'filed', agency: { id: ids.sjj } });
      expect(scan?.error).toContain('扫描件');
      // the resource fork is ignored; the ZIP inside is listed as not opened
      expect(filed.value.files).toHaveLength(6);
      expect(filed.value.skipped.map((s) => s.name)).toEqual(['2023年度各单位年报.zip／inner.zip']);
      const upload = await audits('oversight.upload');
      expect(upload).toHaveLength(1);
      expect(upload[0]?.agencyId).toBe(ids.city);
    });

    it('keeps the bytes, name and hash, and the date found in the text', async () => {
      const row = await t.db.selectFrom('oversightFiles').selectAll().where('agencyId', '=', ids.dyz).executeTakeFirstOrThrow();
      expect(Buffer.from(row.content).equals(Buffer.from(fixtureFile('excerpt-040')))).toBe(true);
      expect(row).toMatchObject({ reader: 'text', foundName: '大营镇', foundOn: '2024-01-20', matchHow: 'alias', state: 'filed' });
      expect(row.sha256).toMatch(/^[0-9a-f]{64}$/);
      const scan = await t.db.selectFrom('oversightFiles').select(['errorCode', 'report']).where('agencyId', '=', ids.sjj).executeTakeFirstOrThrow();
      expect(scan).toEqual({ errorCode: 'PDF_NO_TEXT', report: null });
    });

    it('does not keep the same file twice (SHA-256), loose or zipped', async () => {
      const before = await t.db.selectFrom('oversightFiles').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      const again = await uploadReports(t.db, ids.city, YEAR, [{ name: 'copy.txt', bytes: fixtureFile('excerpt-002') }, { name: 'copy-again.txt', bytes: fixtureFile('excerpt-002') }], actor);
      expect(again.ok && again.value.files.map((f) => f.outcome)).toEqual(['duplicate', 'duplicate']);
      expect(again.ok && again.value.files[0]?.note).toContain('湛江市人民政府地方志办公室');
      const after = await t.db.selectFrom('oversightFiles').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      expect(Number(after.n)).toBe(Number(before.n));
    });

    it('refuses an upload over the limits or of no file, writing nothing', async () => {
      const before = await snapshot(t.db);
      const none = await uploadReports(t.db, ids.city, YEAR, [], actor);
      expect(!none.ok && none.error.code).toBe('NO_FILES');
      const big = await uploadReports(t.db, ids.city, YEAR, [{ name: 'big.txt', bytes: new Uint8Array(101 * 1024 * 1024) }], actor);
      expect(!big.ok && big.error.message).toContain('超过100 MB的上限');
      const bomb = await uploadReports(t.db, ids.city, YEAR, [{ name: 'bad.zip', bytes: new Uint8Array([1, 2, 3]) }], actor);
      expect(!bomb.ok && bomb.error.message).toContain('压缩包“bad.zip”');
      const future = await uploadReports(t.db, ids.city, 2030, [{ name: 'x.txt', bytes: fixtureFile('excerpt-002') }], actor);
      expect(!future.ok && future.error.code).toBe('INVALID_YEAR');
      expect(await snapshot(t.db)).toBe(before);
    });

    it('the review step: a waiting file filed for an agency of the subtree, another discarded; audited', async () => {
      const waiting = await filesOf(t.db, ids.city, YEAR, 'review');
      expect(waiting.map((f) => f.fileName)).toEqual(['统计.txt', 'zhongwei.txt']);
      const stats = waiting[0]!;
      expect(stats.suggested?.id).toBe(ids.tjj);
      // an agency outside the subtree is refused
      const outside = await assignFile(t.db, ids.city, stats.id, ids.odept, actor);
      expect(!outside.ok && outside.error.code).toBe('AGENCY_NOT_FOUND');
      // another office cannot act on this office's file
      const foreign = await assignFile(t.db, ids.other, stats.id, ids.odept, actor);
      expect(!foreign.ok && foreign.error.code).toBe('FILE_NOT_FOUND');
      expect((await assignFile(t.db, ids.city, stats.id, ids.tjj, actor)).ok).toBe(true);
      expect((await discardFile(t.db, ids.city, waiting[1]!.id, actor)).ok).toBe(true);
      expect(await filesOf(t.db, ids.city, YEAR, 'review')).toEqual([]);
      expect((await discardFile(t.db, ids.city, stats.id, actor)).ok).toBe(false); // filed: not waiting
      expect((await audits('oversight.file')).map((a) => (a.detail as { agency: string }).agency)).toEqual([code('tjj')]);
      expect(await audits('oversight.discard')).toHaveLength(1);
      // uploading the discarded file again brings it back to review, without a second copy
      const again = await uploadReports(t.db, ids.city, YEAR, [{ name: 'zw.txt', bytes: fixtureFile('zhongwei-jiguan-shiwu-2024') }], actor);
      expect(again.ok && again.value.files[0]?.note).toContain('已恢复到待确认');
      expect((await filesOf(t.db, ids.city, YEAR, 'review')).map((f) => f.fileName)).toEqual(['zhongwei.txt']);
    });
  });

  describe('what the office holds, and the platform', () => {
    it('collects a report published on the platform live, in its latest version', async () => {
      const { report } = await parseFixture('excerpt-002');
      const v1 = { ...report, agency: '示范县人民政府' };
      const inserted = await t.db
        .insertInto('publishedReports')
        .values({ agencyId: ids.county, year: YEAR, report: JSON.stringify(v1), publishedAt: '2024-03-20T02:00:00Z', publishedBy: null })
        .returning('id')
        .executeTakeFirstOrThrow();
      await t.db.insertInto('publishedReportVersions').values({ reportId: inserted.id, version: 1, report: JSON.stringify(v1), publishedAt: '2024-03-20T02:00:00Z', publishedBy: null }).execute();
      const entry = await collectedReport(t.db, ids.city, ids.county, YEAR);
      expect(entry).toMatchObject({ source: 'platform', publishedOn: '2024-03-20', publishedOnHow: 'platform', platform: { version: 1 } });
      expect(entry?.assessment.dueOn).toBe('2024-03-31'); // a government: 3月31日
      // a correction: the current version is read, nothing copied
      const v2 = { ...v1, activeDisclosure: { ...v1.activeDisclosure, licensing: 7 } };
      await t.db.updateTable('publishedReports').set({ report: JSON.stringify(v2) }).where('id', '=', inserted.id).execute();
      await t.db.insertInto('publishedReportVersions').values({ reportId: inserted.id, version: 2, report: JSON.stringify(v2), changeNote: '更正许可数', publishedAt: '2024-04-01T02:00:00Z', publishedBy: null }).execute();
      const corrected = await collectedReport(t.db, ids.city, ids.county, YEAR);
      expect(corrected?.platform?.version).toBe(2);
      expect(corrected?.report?.activeDisclosure.licensing).toBe(7);
      // a county department's report is not on the platform and not uploaded: none
      expect((await collectedReport(t.db, ids.city, ids.cjj, YEAR))?.source).toBeNull();
    });

    it('figures entered by hand for the scanned report, marked as entered, audited; a wrong figure refused', async () => {
      const bad = reportFromHandEntry(YEAR, '示范市审计局', { 'applications.rows.newReceived[6]': '三' });
      expect(bad.problems[0]?.message).toContain('应为不小于0的整数');
      const { report } = reportFromHandEntry(YEAR, '示范市审计局', { 'applications.rows.newReceived[0]': '2', 'applications.rows.newReceived[6]': '２', 'text.overview': '总体情况' });
      const r = await enterReport(t.db, ids.city, ids.sjj, YEAR, { report, publishedOn: '2024-02-05' }, { ...actor, userId: null });
      expect(r.ok).toBe(true);
      const entry = await collectedReport(t.db, ids.city, ids.sjj, YEAR, { asOf: '2024-11-20' });
      expect(entry).toMatchObject({ source: 'manual', publishedOn: '2024-02-05', publishedOnHow: 'entered', unreadable: null });
      expect(entry?.file?.fileName).toContain('扫描件'); // entered from the scan, which is kept
      expect(entry?.report?.applications.rows.newReceived[6]).toBe(2);
      expect(entry?.assessment.findings.some((f) => f.code === 'LATE')).toBe(true); // 2-5 is after 1-31
      const audit = await audits('oversight.enter');
      expect(audit[0]?.detail).toMatchObject({ agency: code('sjj'), replaced: 'upload', publishedOn: '2024-02-05' });
      // an agency outside the subtree is refused, nothing written
      const before = await snapshot(t.db);
      expect((await enterReport(t.db, ids.city, ids.odept, YEAR, { report }, actor)).ok).toBe(false);
      expect((await setPublishedOn(t.db, ids.city, ids.sjj, YEAR, '2099-01-01', actor)).ok).toBe(false);
      expect(await snapshot(t.db)).toBe(before);
    });

    it('an exclusion with its reason, audited, and lifted', async () => {
      const before = await snapshot(t.db);
      const empty = await excludeAgency(t.db, ids.city, ids.cjj, YEAR, ' ', actor);
      expect(!empty.ok && empty.error.message).toContain('请写明不纳入汇总的理由');
      expect(await snapshot(t.db)).toBe(before);
      expect((await excludeAgency(t.db, ids.city, ids.cjj, YEAR, '该局2023年撤并，未单独发布报告', actor)).ok).toBe(true);
      const entry = await collectedReport(t.db, ids.city, ids.cjj, YEAR);
      expect(entry?.exclusion?.reason).toBe('该局2023年撤并，未单独发布报告');
      expect((await audits('oversight.exclude'))[0]?.detail).toMatchObject({ reason: '该局2023年撤并，未单独发布报告' });
      expect((await includeAgency(t.db, ids.city, ids.cjj, YEAR, actor)).ok).toBe(true);
      expect((await collectedReport(t.db, ids.city, ids.cjj, YEAR))?.exclusion).toBeNull();
      expect(await audits('oversight.include')).toHaveLength(1);
      expect((await excludeAgency(t.db, ids.city, ids.cjj, YEAR, '该局2023年撤并，未单独发布报告', actor)).ok).toBe(true);
    });

    it('collectedReports: every agency of the subtree, with its source and assessment; missing ones as none', async () => {
      const all = await collectedReports(t.db, ids.city, YEAR, { asOf: '2024-11-20' });
      const by = new Map(all.map((e) => [e.agency.id, e]));
      expect(all.map((e) => e.agency.id).sort()).toEqual([ids.dfz, ids.tyjr, ids.tjj, ids.dyz, ids.sjj, ids.county, ids.cjj].sort());
      expect(by.get(ids.dfz)?.source).toBe('upload');
      expect(by.get(ids.dyz)).toMatchObject({ source: 'upload', publishedOn: '2024-01-20', publishedOnHow: 'text' });
      expect(by.get(ids.county)?.source).toBe('platform');
      expect(by.get(ids.sjj)?.source).toBe('manual');
      const missing = by.get(ids.cjj);
      expect(missing?.source).toBeNull();
      expect(missing?.assessment.result.status).toBe('未发布');
      expect(missing?.assessment.findings[0]?.code).toBe('NOT_PUBLISHED');
      expect(missing?.exclusion?.reason).toContain('撤并');
      // every entry carries findings and a score
      for (const e of all) expect(typeof e.assessment.result.score).toBe('number');
      // an upload without a date found in its text: DATE_UNKNOWN until the office enters it
      expect(by.get(ids.dfz)?.assessment.findings.some((f) => f.code === 'DATE_UNKNOWN')).toBe(true);
      expect((await setPublishedOn(t.db, ids.city, ids.dfz, YEAR, '2024-01-15', actor)).ok).toBe(true);
      const dated = await collectedReport(t.db, ids.city, ids.dfz, YEAR);
      expect(dated).toMatchObject({ publishedOn: '2024-01-15', publishedOnHow: 'entered' });
      expect(dated?.assessment.findings.some((f) => f.code === 'DATE_UNKNOWN')).toBe(false);
      // another office sees only its own subtree
      expect((await collectedReports(t.db, ids.other, YEAR)).map((e) => e.agency.id)).toEqual([ids.odept]);
    });

    it('a scanned PDF loose (not zipped) is kept with its error and waits when no name matches', async () => {
      const r = await uploadReports(t.db, ids.city, YEAR, [{ name: 'scan-0001.pdf', bytes: Uint8Array.from([...scannedPdf(), 0x0a]) }], actor);
      expect(r.ok && r.value.files[0]).toMatchObject({ outcome: 'review', agency: null });
      expect(r.ok && r.value.files[0]?.error).toContain('扫描件');
      const n = await sql<{ n: number }>`select count(*)::int as n from oversight_files where file_name = 'scan-0001.pdf' and error_code = 'PDF_NO_TEXT'`.execute(t.db);
      expect(n.rows[0]?.n).toBe(1);
    });
  });
});
