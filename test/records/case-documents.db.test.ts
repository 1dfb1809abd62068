// A 复议/诉讼 case's documents on each engine, through the staff page and the API: a document uploaded
// (multipart, CSRF) is listed on the case's page and downloads byte for byte with its type, its Chinese
// name and no-store; a file of the wrong type, over the size or without its kind is refused and leaves
// the database unchanged; a read-only member and another agency's staff cannot upload, and another
// agency's staff cannot see or download; a removal asks for confirmation, then is audited; a case with
// documents is not removed.

import type { Hono } from 'hono';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { addMembership, createApiToken, createUser } from '../../src/services/accounts.ts';
import type { AppEnv } from '../../src/web/context.ts';
import { docxOf, minimalPdf } from '../catalogue/files.ts';
import { engines, useDatabase } from '../support/db.ts';
import { snapshot } from '../support/snapshot.ts';
import { appFor, get, NOW, post, world } from '../web/staff-support.ts';
import type { Staff, World } from '../web/staff-support.ts';

const MB = 1024 * 1024;

/** A minimal OFD package: a ZIP whose entry file is OFD.xml. */
async function ofdOf(): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file('OFD.xml', '<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016" Version="1.0"><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>');
  zip.file('Doc_0/Document.xml', '<ofd:Document xmlns:ofd="http://www.ofdspec.org/2016"/>');
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

function upload(app: Hono<AppEnv>, as: Staff, path: string, fields: Record<string, string>, file: { bytes: Uint8Array; name: string; type?: string } | null, csrf: string | null = as.csrf): Promise<Response> {
  const form = new FormData();
  if (csrf !== null) form.set('_csrf', csrf);
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  if (file) form.set('file', new File([file.bytes as Uint8Array<ArrayBuffer>], file.name, { type: file.type ?? 'application/octet-stream' }));
  return Promise.resolve(app.request(path, { method: 'POST', headers: { cookie: as.cookie }, body: form }));
}

const bytesOf = async (r: Response): Promise<Uint8Array> => new Uint8Array(await r.arrayBuffer());

describe.each(engines())('a case’s documents on %s', (engine) => {
  const t = useDatabase(engine);
  let app: Hono<AppEnv>;
  let w: World;
  let base = '';
  let caseId = 0;
  let caseHref = '';
  const pdf = minimalPdf('judgment');

  /** The documents, the audit log and the cases: what a refusal must leave as it was. */
  const state = async () => {
    const all = JSON.parse(await snapshot(t.db)) as Record<string, unknown>;
    return JSON.stringify({ documents: all['review_case_documents'], audit: all['audit_log'], cases: all['review_cases'], versions: all['review_case_versions'] });
  };

  beforeAll(async () => {
    app = appFor(t.db);
    w = await world(t.db, 'doc');
    base = `/staff/${w.a.code}/records`;
    const created = await post(app, w.handler, `${base}/cases/new`, { caseNumber: '（2024）宁0502行初12号', type: 'litigation_direct', body: '示范市某区人民法院', receivedOn: '2024-05-10', concludedOn: '2024-09-01', result: 'upheld' });
    expect(created.status).toBe(303);
    caseId = Number(/cases\/(\d+)/.exec(created.headers.get('location') ?? '')?.[1]);
    caseHref = `${base}/cases/${caseId}`;
  });

  it('uploads a document from the case page; lists it; downloads the same bytes with its type and Chinese name, never stored', async () => {
    const page = await (await get(app, w.handler, caseHref)).text();
    expect(page).toContain('案件文书');
    expect(page).toContain('还没有上传本案的文书');
    expect(page).toContain('enctype="multipart/form-data"');
    const r = await upload(app, w.handler, `${caseHref}/documents`, { kind: '行政判决书', title: '（2024）宁0502行初12号行政判决书', documentDate: '2024-09-01' }, { bytes: pdf, name: '判决书（2024）12号.pdf', type: 'application/pdf' });
    expect(r.status).toBe(303);
    expect(r.headers.get('location')).toMatch(new RegExp(`/records/cases/${caseId}\\?done=document-added#document-\\d+$`));
    const docId = Number(/#document-(\d+)/.exec(r.headers.get('location') ?? '')?.[1]);
    const shown = await (await get(app, w.supervisor, `${caseHref}?done=document-added`)).text();
    expect(shown).toContain('已上传文书。');
    expect(shown).toContain('（2024）宁0502行初12号行政判决书');
    expect(shown).toContain('判决书（2024）12号.pdf');
    expect(shown).toContain('2024-09-01');
    expect(shown).toContain('handler显示名');
    // a read-only member reads and downloads, but is offered no upload or removal
    expect(shown).not.toContain('上传文书</button>');
    const download = await get(app, w.supervisor, `${caseHref}/documents/${docId}`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(download.headers.get('content-disposition')).toBe(`attachment; filename="____2024_12_.pdf"; filename*=UTF-8''${encodeURIComponent('判决书（2024）12号.pdf')}`);
    expect(download.headers.get('cache-control')).toContain('no-store');
    expect(download.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await bytesOf(download)).toEqual(pdf);
    // one audit entry, in the upload's transaction
    const audit = await t.db.selectFrom('auditLog').select(['action', 'target', 'detail', 'userId']).where('action', '=', 'records.case.document.add').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ target: `review_case:${caseId}`, userId: w.handler.id });
    expect(audit[0]?.detail).toMatchObject({ documentId: docId, kind: '行政判决书', fileName: '判决书（2024）12号.pdf', size: pdf.length, caseNumber: '（2024）宁0502行初12号' });
  });

  it('takes OFD and DOCX; refuses a file whose bytes are not its type, an old .doc, one over 20 MB, and no kind — writing nothing', async () => {
    const ofd = await upload(app, w.handler, `${caseHref}/documents`, { kind: '行政裁定书', title: '', documentDate: '' }, { bytes: await ofdOf(), name: '裁定书.ofd' });
    expect(ofd.status).toBe(303);
    const docx = await upload(app, w.handler, `${caseHref}/documents`, { kind: '答辩书', title: '', documentDate: '2024-06-01' }, { bytes: await docxOf(['答辩意见']), name: '答辩书.docx' });
    expect(docx.status).toBe(303);
    const rows = await t.db.selectFrom('reviewCaseDocuments').select(['kind', 'mediaType', 'documentDate']).where('caseId', '=', caseId).orderBy('id').execute();
    expect(rows.map((r) => [r.kind, r.mediaType])).toEqual([
      ['行政判决书', 'application/pdf'],
      ['行政裁定书', 'application/ofd'],
      ['答辩书', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ]);
    const before = await state();
    const text = await upload(app, w.handler, `${caseHref}/documents`, { kind: '行政判决书', title: '伪装的文件', documentDate: '' }, { bytes: new TextEncoder().encode('not a pdf at all'), name: 'fake.pdf', type: 'application/pdf' });
    expect(text.status).toBe(422);
    const textHtml = await text.text();
    expect(textHtml).toContain('文书文件只接受 PDF、OFD、Word（.docx）文件或 PNG、JPG 图片');
    expect(textHtml).toContain('value="伪装的文件"');
    const ole = await upload(app, w.handler, `${caseHref}/documents`, { kind: '其他', title: '', documentDate: '' }, { bytes: new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), name: '旧文书.doc' });
    expect(ole.status).toBe(422);
    expect(await ole.text()).toContain('另存为 .docx 或 PDF');
    const big = new Uint8Array(20 * MB + 1);
    big.set(pdf.subarray(0, 8));
    const large = await upload(app, w.handler, `${caseHref}/documents`, { kind: '行政判决书', title: '', documentDate: '' }, { bytes: big, name: 'big.pdf' });
    expect(large.status).toBe(413);
    expect(await large.text()).toContain('文书文件不能超过 20 MB');
    const noKind = await upload(app, w.handler, `${caseHref}/documents`, { kind: '', title: '', documentDate: '' }, { bytes: pdf, name: 'a.pdf' });
    expect(noKind.status).toBe(422);
    expect(await noKind.text()).toContain('请选择文书种类');
    const future = await upload(app, w.handler, `${caseHref}/documents`, { kind: '行政判决书', title: '', documentDate: '2099-01-01' }, { bytes: pdf, name: 'a.pdf' });
    expect(future.status).toBe(422);
    const none = await upload(app, w.handler, `${caseHref}/documents`, { kind: '行政判决书', title: '', documentDate: '' }, null);
    expect(none.status).toBe(422);
    expect(await none.text()).toContain('没有选择文件');
    // over the request limit: refused before the body is read
    const huge = await upload(app, w.handler, `${caseHref}/documents`, { kind: '行政判决书' }, { bytes: new Uint8Array(21 * MB), name: 'huge.pdf' });
    expect(huge.status).toBe(413);
    // without the form's CSRF token
    expect((await upload(app, w.handler, `${caseHref}/documents`, { kind: '行政判决书' }, { bytes: pdf, name: 'a.pdf' }, null)).status).toBe(403);
    expect(await state()).toEqual(before);
  });

  it('only the agency’s handlers upload and remove; another agency’s staff see nothing', async () => {
    const doc = await t.db.selectFrom('reviewCaseDocuments').select('id').where('caseId', '=', caseId).orderBy('id').executeTakeFirstOrThrow();
    const before = await state();
    expect((await upload(app, w.supervisor, `${caseHref}/documents`, { kind: '行政判决书' }, { bytes: pdf, name: 'a.pdf' })).status).toBe(403);
    expect((await post(app, w.supervisor, `${caseHref}/documents/${doc.id}/delete`, { confirm: '1' })).status).toBe(403);
    // another agency's handler: not found under agency A, nor under its own agency's path
    expect((await get(app, w.handlerB, caseHref)).status).toBe(404);
    expect((await get(app, w.handlerB, `${caseHref}/documents/${doc.id}`)).status).toBe(404);
    expect((await upload(app, w.handlerB, `${caseHref}/documents`, { kind: '行政判决书' }, { bytes: pdf, name: 'a.pdf' })).status).toBe(404);
    expect((await post(app, w.handlerB, `${caseHref}/documents/${doc.id}/delete`, { confirm: '1' })).status).toBe(404);
    const own = `/staff/${w.b.code}/records/cases/${caseId}`;
    expect((await get(app, w.handlerB, `${own}/documents/${doc.id}`)).status).toBe(404);
    expect((await upload(app, w.handlerB, `${own}/documents`, { kind: '行政判决书' }, { bytes: pdf, name: 'a.pdf' })).status).toBe(404);
    expect((await post(app, w.handlerB, `${own}/documents/${doc.id}/delete`, { confirm: '1' })).status).toBe(404);
    expect(await state()).toEqual(before);
  });

  it('removes a document after a confirmation, audited; a case with documents is not removed', async () => {
    const before = await state();
    const refused = await post(app, w.handler, `${caseHref}/delete`, { reason: '重复登记' });
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain('本案有3份文书，不能删除');
    expect(await state()).toEqual(before);
    const docs = await t.db.selectFrom('reviewCaseDocuments').select(['id', 'fileName', 'sha256']).where('caseId', '=', caseId).orderBy('id').execute();
    const first = docs[0] as { id: number; fileName: string; sha256: string };
    // the first post asks, and changes nothing
    const ask = await post(app, w.handler, `${caseHref}/documents/${first.id}/delete`, {});
    expect(ask.status).toBe(200);
    const askHtml = await ask.text();
    expect(askHtml).toContain('删除后不能恢复');
    expect(askHtml).toContain('name="confirm" value="1"');
    expect(await state()).toEqual(before);
    for (const d of docs) {
      const done = await post(app, w.handler, `${caseHref}/documents/${d.id}/delete`, { confirm: '1' });
      expect(done.status).toBe(303);
      expect(done.headers.get('location')).toContain('done=document-deleted');
    }
    expect(await t.db.selectFrom('reviewCaseDocuments').select('id').where('caseId', '=', caseId).execute()).toEqual([]);
    const audit = await t.db.selectFrom('auditLog').select(['target', 'detail', 'userId']).where('action', '=', 'records.case.document.delete').orderBy('id').execute();
    expect(audit).toHaveLength(3);
    expect(audit[0]).toMatchObject({ target: `review_case:${caseId}`, userId: w.handler.id, detail: { documentId: first.id, fileName: first.fileName, sha256: first.sha256, kind: '行政判决书' } });
    // gone: its download and a second removal are not found
    expect((await get(app, w.handler, `${caseHref}/documents/${first.id}`)).status).toBe(404);
    expect((await post(app, w.handler, `${caseHref}/documents/${first.id}/delete`, { confirm: '1' })).status).toBe(404);
  });

  it('the API lists, uploads, downloads and removes them; another agency’s token finds nothing', async () => {
    const tokens: Record<string, string> = {};
    for (const [role, agencyId] of [['handler', w.a.id], ['supervisor', w.a.id], ['other', w.b.id]] as const) {
      const user = await createUser(t.db, { username: `doc-api-${role}`, displayName: `${role}接口`, password: 'correct horse battery' }, NOW);
      if (!user.ok) throw new Error(user.error.message);
      await addMembership(t.db, user.value.id, agencyId, role === 'supervisor' ? 'supervisor' : 'handler');
      const token = await createApiToken(t.db, user.value.id, 'test', NOW);
      if (!token.ok) throw new Error(token.error.message);
      tokens[role] = token.value.token;
    }
    const call = (who: string, method: string, path: string, body?: FormData) => app.request(`/api/v1${path}`, { method, headers: { authorization: `Bearer ${tokens[who]}` }, ...(body ? { body } : {}) });
    const form = (fields: Record<string, string>, bytes: Uint8Array, name: string) => {
      const f = new FormData();
      for (const [k, v] of Object.entries(fields)) f.set(k, v);
      f.set('file', new File([bytes as Uint8Array<ArrayBuffer>], name));
      return f;
    };
    const path = `/records/cases/${caseId}/documents`;
    const created = await call('handler', 'POST', path, form({ kind: '行政判决书', documentDate: '2024-09-01' }, pdf, '判决书.pdf'));
    expect(created.status).toBe(201);
    const { document } = (await created.json()) as { document: { id: number; kind: string; mediaType: string; uploadedByName: string } };
    expect(document).toMatchObject({ kind: '行政判决书', mediaType: 'application/pdf', uploadedByName: 'handler接口' });
    const listed = (await (await call('supervisor', 'GET', path)).json()) as { documents: { id: number }[] };
    expect(listed.documents.map((d) => d.id)).toEqual([document.id]);
    const one = (await (await call('supervisor', 'GET', `/records/cases/${caseId}`)).json()) as { documents: { id: number }[] };
    expect(one.documents.map((d) => d.id)).toEqual([document.id]);
    const download = await call('supervisor', 'GET', `${path}/${document.id}`);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(download.headers.get('cache-control')).toContain('no-store');
    expect(await bytesOf(download)).toEqual(pdf);
    const before = await snapshot(t.db).then((s) => JSON.stringify({ d: (JSON.parse(s) as Record<string, unknown>)['review_case_documents'], a: (JSON.parse(s) as Record<string, unknown>)['audit_log'] }));
    const wrong = await call('handler', 'POST', path, form({ kind: '行政判决书' }, new TextEncoder().encode('hello'), 'x.pdf'));
    expect(wrong.status).toBe(422);
    expect(((await wrong.json()) as { error: { code: string } }).error.code).toBe('CASE_DOCUMENT_TYPE');
    const badKind = await call('handler', 'POST', path, form({ kind: '判决' }, pdf, 'x.pdf'));
    expect(((await badKind.json()) as { error: { code: string; field: string } }).error).toMatchObject({ code: 'INVALID_KIND', field: 'kind' });
    expect((await call('supervisor', 'POST', path, form({ kind: '行政判决书' }, pdf, 'x.pdf'))).status).toBe(403);
    expect((await call('other', 'GET', path)).status).toBe(404);
    expect((await call('other', 'GET', `${path}/${document.id}`)).status).toBe(404);
    expect((await call('other', 'POST', path, form({ kind: '行政判决书' }, pdf, 'x.pdf'))).status).toBe(404);
    expect((await call('other', 'DELETE', `${path}/${document.id}`)).status).toBe(404);
    expect((await call('handler', 'DELETE', `/records/cases/${caseId}`)).status).toBe(422); // no reason
    const after = await snapshot(t.db).then((s) => JSON.stringify({ d: (JSON.parse(s) as Record<string, unknown>)['review_case_documents'], a: (JSON.parse(s) as Record<string, unknown>)['audit_log'] }));
    expect(after).toEqual(before);
    const hasDocs = await call('handler', 'DELETE', `/records/cases/${caseId}?reason=${encodeURIComponent('重复登记')}`);
    expect(hasDocs.status).toBe(409);
    expect(((await hasDocs.json()) as { error: { code: string } }).error.code).toBe('CASE_HAS_DOCUMENTS');
    const removed = await call('handler', 'DELETE', `${path}/${document.id}`);
    expect(removed.status).toBe(200);
    expect(((await removed.json()) as { deleted: { id: number } }).deleted.id).toBe(document.id);
    expect(await t.db.selectFrom('auditLog').select('action').where('action', '=', 'records.case.document.delete').where('userId', 'is not', null).execute()).toHaveLength(4);
    expect((await call('handler', 'DELETE', `/records/cases/${caseId}?reason=${encodeURIComponent('重复登记')}`)).status).toBe(200);
  });
});
