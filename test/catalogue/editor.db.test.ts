// The staff side of the catalogue on each engine: attachments (type by bytes, limits, text read for
// search in the parse pool), the catalogue settings, and import/export (all or nothing, round trip).

import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAgency } from '../../src/services/agencies.ts';
import { attachFile, deleteAttachment, listAttachments, readAttachment } from '../../src/services/catalogue/attachments.ts';
import { exportCatalogue, importCatalogue } from '../../src/services/catalogue/import.ts';
import { createItem, type CatalogueActor } from '../../src/services/catalogue/items.ts';
import { listCatalogue } from '../../src/services/catalogue/list.ts';
import { catalogueSettings, saveCatalogueSettings } from '../../src/services/catalogue/settings.ts';
import { closeParsePool } from '../../src/services/parse-pool/index.ts';
import { engines, useDatabase } from '../support/db.ts';
import { snapshot } from '../support/snapshot.ts';
import { docxBomb } from '../support/zip-bombs.ts';
import { docxOf, minimalPdf, PNG_BYTES, xlsxOf } from './files.ts';

const who: CatalogueActor = { userId: null, name: 'tester', now: '2024-05-06T02:00:00.000Z', today: '2024-05-06' };

afterAll(async () => {
  await closeParsePool();
});

async function hits(db: Parameters<typeof snapshot>[0], word: string): Promise<number[]> {
  const r = await sql<{ id: number }>`select id from catalogue_items where search_vector @@ to_tsquery('simple', ${word}) order by id`.execute(db);
  return r.rows.map((x) => Number(x.id));
}

const csv = (rows: string[][]): Uint8Array => new TextEncoder().encode(rows.map((r) => r.map((v) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)).join(',')).join('\n'));

describe.each(engines())('catalogue editor services on %s', (engine) => {
  const t = useDatabase(engine);
  let agencyId = 0;
  let emptyId = 0;

  beforeAll(async () => {
    const a = await createAgency(t.db, { code: 'zrzy', name: '示范市自然资源和规划局', level: 'department' }, who.now);
    const b = await createAgency(t.db, { code: 'empty', name: '示范市空白局', level: 'department' }, who.now);
    if (!a.ok || !b.ok) throw new Error('agency');
    agencyId = a.value.id;
    emptyId = b.value.id;
  });

  it('attaches PDF, DOCX, XLSX and images by their bytes, and makes their text searchable', async () => {
    const item = await createItem(t.db, agencyId, { title: '附件测试', category: 'a20-2', docType: '其他文件' }, who);
    if (!item.ok) throw new Error(item.error.message);
    const id = item.value.id;
    const pdf = await attachFile(t.db, agencyId, id, { bytes: minimalPdf('budget zebrafinch report'), fileName: '预算说明.pdf' }, who);
    expect(pdf.ok ? pdf.value.mediaType : pdf.error.message).toBe('application/pdf');
    const docx = await attachFile(t.db, agencyId, id, { bytes: await docxOf(['危房改造 kestrelword 实施细则']), fileName: '细则.docx' }, who);
    expect(docx.ok ? docx.value.textLength : docx.error.message).toBeGreaterThan(5);
    const xlsx = await attachFile(t.db, agencyId, id, { bytes: await xlsxOf([['项目', '金额'], ['ospreyword', '100']]), fileName: '明细.xlsx' }, who);
    expect(xlsx.ok).toBe(true);
    const png = await attachFile(t.db, agencyId, id, { bytes: PNG_BYTES, fileName: '图.png' }, who);
    expect(png.ok && png.value.textLength).toBe(0);
    expect(await hits(t.db, 'zebrafinch')).toEqual([id]);
    expect(await hits(t.db, 'kestrelword')).toEqual([id]);
    expect(await hits(t.db, 'ospreyword')).toEqual([id]);
    expect((await listAttachments(t.db, agencyId, id)).map((a) => a.fileName)).toEqual(['预算说明.pdf', '细则.docx', '明细.xlsx', '图.png']);
    const read = await readAttachment(t.db, agencyId, id, pdf.ok ? pdf.value.id : 0);
    expect(read.ok && new TextDecoder().decode(read.value.bytes.slice(0, 5))).toBe('%PDF-');
    // deleting takes the words out of the index
    const gone = await deleteAttachment(t.db, agencyId, id, docx.ok ? docx.value.id : 0, who);
    expect(gone.ok).toBe(true);
    expect(await hits(t.db, 'kestrelword')).toEqual([]);
  });

  it('refuses a file by its bytes, its limits or a broken body, and saves nothing', async () => {
    const item = await createItem(t.db, agencyId, { title: '拒收测试', category: 'a20-2', docType: '其他文件' }, who);
    if (!item.ok) throw new Error(item.error.message);
    const id = item.value.id;
    const before = await snapshot(t.db);
    const cases: [Uint8Array, string, string][] = [
      [new TextEncoder().encode('<html>not a pdf</html>'), '伪装.pdf', 'ATTACHMENT_TYPE'],
      [minimalPdf('x'), '改名.docx', 'ATTACHMENT_NAME_MISMATCH'],
      [Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 1, 2, 3]), '旧.doc', 'ATTACHMENT_OLD_OFFICE'],
      [new Uint8Array(0), '空.pdf', 'ATTACHMENT_EMPTY'],
      [new Uint8Array(21 * 1024 * 1024).fill(0x25), '大.pdf', 'ATTACHMENT_TOO_LARGE'],
      [new TextEncoder().encode('%PDF-1.4 garbage that is not a document'), '坏.pdf', 'ATTACHMENT_UNREADABLE'],
      [docxBomb(45), '炸弹.docx', 'FILE_TOO_COMPLEX'],
    ];
    for (const [bytes, name, code] of cases) {
      const r = await attachFile(t.db, agencyId, id, { bytes, fileName: name }, who);
      expect(r.ok ? 'saved' : `${r.error.code}`, name).toBe(code);
      if (!r.ok) expect(r.error.message).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(await snapshot(t.db)).toEqual(before);
  });

  it('keeps the catalogue settings: credit code checked, format with a preview, own categories', async () => {
    const bad = await saveCatalogueSettings(t.db, agencyId, { creditCode: '11640500MB1234567A', indexFormat: '', topics: '', categories: '' }, who);
    expect(bad.ok ? '' : bad.error.field).toBe('creditCode');
    const noSeq = await saveCatalogueSettings(t.db, agencyId, { creditCode: '', indexFormat: '{org}-{year}', topics: '', categories: '' }, who);
    expect(noSeq.ok ? '' : noSeq.error.field).toBe('indexFormat');
    const ok = await saveCatalogueSettings(t.db, agencyId, { creditCode: '91350100M000100Y43', indexFormat: '{org}-{cat}-{year}-{seq:4}', topics: '', categories: 'gzdt 工作动态\ntzgg 通知公告' }, who);
    expect(ok.ok ? '' : ok.error.message).toBe('');
    const view = await catalogueSettings(t.db, agencyId, 2024);
    expect(view?.categories.map((c) => c.name)).toEqual(['工作动态', '通知公告']);
    expect(view?.preview).toMatch(/^91350100M000100Y43-01-2024-\d{4}$/);
    const item = await createItem(t.db, agencyId, { title: '动态', category: '工作动态', docType: '工作动态' }, who);
    expect(item.ok && item.value.category).toBe('own:gzdt');
    const before = await snapshot(t.db);
    const remove = await saveCatalogueSettings(t.db, agencyId, { creditCode: '91350100M000100Y43', indexFormat: '', topics: '', categories: 'tzgg 通知公告' }, who);
    expect(remove.ok ? '' : remove.error.code).toBe('CATEGORY_IN_USE');
    expect(await snapshot(t.db)).toEqual(before);
  });

  it('imports all or nothing, reporting each bad row, and round-trips through export', async () => {
    const header = ['标题', '索引号', '文号', '发布机构', '成文日期', '发布日期', '主题分类', '信息类别', '文件类型', '有效性', '废止日期', '正文'];
    const good = [
      header,
      ['关于印发土地管理办法的通知', 'OLD/2019-001', '示范自然资规〔2019〕1号', '', '2019-03-01', '2019-03-05', '国土资源、能源', '第二十条第（一）项', '行政规范性文件', '废止', '2023-01-01', '<p>第一条 为了<b>规范</b>管理。</p><script>alert(1)</script><img src=x onerror=alert(1)>'],
      ['2020年第一季度工作动态', '', '', '', '', '2020年4月1日', '', '工作动态', '工作动态', '', '', '## 一、概况\n- 完成巡查 heronword'],
    ];
    const before = await snapshot(t.db);
    const broken = [...good, ['', 'OLD/2019-001', '', '', '2030-01-01', '', '', '未知类别', '', '', '', '']];
    const refused = await importCatalogue(t.db, agencyId, csv(broken), 'old.csv', who);
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.errors.every((e) => e.line === 4)).toBe(true);
      expect(refused.errors.map((e) => e.column)).toEqual(expect.arrayContaining(['索引号', '发布日期']));
    }
    expect(await snapshot(t.db)).toEqual(before);

    const done = await importCatalogue(t.db, agencyId, csv(good), 'old.csv', who);
    expect(done.ok ? done.value.imported : done.errors).toBe(2);
    const page = await listCatalogue(t.db, agencyId, { state: 'published' }, { limit: 10 });
    const imported = page.rows.find((r) => r.indexNumber === 'OLD/2019-001');
    expect(imported?.disclosure).toBe('主动公开');
    const html = await t.db.selectFrom('catalogueItems').select(['bodyHtml', 'repealedOn', 'origin']).where('indexNumber', '=', 'OLD/2019-001').executeTakeFirstOrThrow();
    expect(html.bodyHtml).toBe('<p>第一条 为了<b>规范</b>管理。</p>');
    expect(html.repealedOn).toBe('2023-01-01');
    expect(html.origin).toBe('imported');
    expect((await hits(t.db, 'heronword')).length).toBe(1);

    for (const format of ['csv', 'xlsx'] as const) {
      const exported = await exportCatalogue(t.db, agencyId, format);
      expect(exported.rows).toBe(2);
      await t.db.deleteFrom('catalogueVocab').where('agencyId', '=', emptyId).execute();
      await saveCatalogueSettings(t.db, emptyId, { creditCode: '', indexFormat: '', topics: '', categories: 'gzdt 工作动态\ntzgg 通知公告' }, who);
      const again = await importCatalogue(t.db, emptyId, exported.bytes, `out.${format}`, who);
      expect(again.ok ? again.value.imported : again.errors).toBe(2);
      const fields = ['indexNumber', 'title', 'docNumber', 'publisher', 'writtenOn', 'publishedOn', 'topic', 'category', 'docType', 'validity', 'repealedOn', 'body', 'bodyHtml', 'state', 'disclosure'] as const;
      const of = async (id: number) => t.db.selectFrom('catalogueItems').select([...fields]).where('agencyId', '=', id).where('state', '=', 'published').orderBy('indexNumber').execute();
      const a = await of(agencyId);
      const b = await of(emptyId);
      expect(b.map((r) => ({ ...r, indexNumber: r.indexNumber.startsWith('OLD') ? r.indexNumber : '' }))).toEqual(a.map((r) => ({ ...r, indexNumber: r.indexNumber.startsWith('OLD') ? r.indexNumber : '' })));
      // empty the second agency for the next format
      const ids = (await t.db.selectFrom('catalogueItems').select('id').where('agencyId', '=', emptyId).execute()).map((r) => r.id);
      await t.db.deleteFrom('catalogueItemVersions').where('itemId', 'in', ids).execute();
      await t.db.deleteFrom('catalogueItems').where('id', 'in', ids).execute();
    }
  });

  it('adds an old site’s categories as the agency’s own when asked, else names the row', async () => {
    const file = csv([
      ['标题', '发布日期', '信息类别', '文件类型'],
      ['旧栏目的公告', '2022-02-02', '通知公告旧栏目', '通知公告'],
      ['又一条', '2022-02-03', '通知公告旧栏目', '通知公告'],
    ]);
    const refused = await importCatalogue(t.db, emptyId, file, 'old.csv', who);
    expect(refused.ok ? [] : refused.errors.map((e) => `${e.line}${e.column}`)).toEqual(['2信息类别', '3信息类别']);
    const done = await importCatalogue(t.db, emptyId, file, 'old.csv', who, undefined, { addCategories: true });
    expect(done.ok ? done.value.addedCategories : done.errors).toEqual([{ code: 'imp1', name: '通知公告旧栏目' }]);
    const rows = await t.db.selectFrom('catalogueItems').select('category').where('agencyId', '=', emptyId).where('title', 'in', ['旧栏目的公告', '又一条']).execute();
    expect(rows.map((r) => r.category)).toEqual(['own:imp1', 'own:imp1']);
  });

  it('lists with keyset pages and filters', async () => {
    for (let i = 0; i < 5; i++) await createItem(t.db, agencyId, { title: `翻页${i}`, category: 'a20-3', docType: '规划计划' }, who);
    const first = await listCatalogue(t.db, agencyId, { docType: '规划计划' }, { limit: 2 });
    expect(first.rows.map((r) => r.title)).toEqual(['翻页4', '翻页3']);
    expect(first.prev).toBeNull();
    const { decodeCursor } = await import('../../src/services/keyset.ts');
    const second = await listCatalogue(t.db, agencyId, { docType: '规划计划' }, { limit: 2, after: decodeCursor(first.next) });
    expect(second.rows.map((r) => r.title)).toEqual(['翻页2', '翻页1']);
    const back = await listCatalogue(t.db, agencyId, { docType: '规划计划' }, { limit: 2, before: decodeCursor(second.prev) });
    expect(back.rows.map((r) => r.title)).toEqual(['翻页4', '翻页3']);
    const none = await listCatalogue(t.db, agencyId, { docType: '规划计划', year: 1999 }, { limit: 2 });
    expect(none.rows).toEqual([]);
  });
});
