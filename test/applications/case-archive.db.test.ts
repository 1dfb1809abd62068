// `gongkai applications archive` (归档, 条例第四十五条; services/casefile): a small year seeded here — an
// online application with its PNG identity proof, delivered by post; a paper one with its PDF scan, a fee
// paid and its reply's PDF kept; a withdrawn one; a replied one not archived (named as left out); one
// archived the next year (not in this year's ZIP). The ZIP opens: every PDF is readable (pdftoppm draws
// its first page), the manifest's SHA-256 and page counts match the PDFs (the platform's reader counts
// them), the cover carries the record. An existing --out is refused without --force, a bad year with a
// Chinese message and exit 2, and no temporary file is left behind. Needs Chromium (skipped locally
// without it; CI has it) and poppler-utils' pdftoppm.

import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCalendar } from '../../src/domain/calendar/index.ts';
import { quote } from '../../src/domain/fees/fees.ts';
import { createAgency } from '../../src/services/agencies.ts';
import { recordEvent } from '../../src/services/applications.ts';
import { registerWithScan } from '../../src/services/application-scans.ts';
import { recordDelivery } from '../../src/services/deliveries.ts';
import { issueDocument } from '../../src/services/documents.ts';
import { submitOnline } from '../../src/services/public-applications.ts';
import { archiveToolsHere, openArchive } from '../support/archive-open.ts';
import { closeInProcess, gongkaiInProcess } from '../support/cli-inprocess.ts';
import { engines, useDatabase } from '../support/db.ts';
import { TEST_QUERY_KEY as KEY } from '../support/query-key.ts';

const runHere = archiveToolsHere('case archive tests');
const calendar = (() => {
  const c = buildCalendar();
  if (!c.ok) throw new Error(c.error.message);
  return c.value;
})();
const TODAY = '2025-03-03';
const who = { actor: 'tester', now: `${TODAY}T02:00:00.000Z`, today: TODAY, calendar };
const REPLY_VALUES = { reason: '经审查', deliveryMethod: '邮寄', deliveryPlace: '申请人地址', deliveryTime: '与本告知书一并送达', reviewBody: '示范市人民政府' };
// a 2×2 PNG (red), as a phone photo of an ID card would be kept
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==', 'base64');

async function onePagePdf(text: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595, 842]);
  page.drawText(text, { x: 72, y: 760, size: 14, font: await doc.embedFont(StandardFonts.Helvetica) });
  return doc.save();
}

const dir = mkdtempSync(join(tmpdir(), 'gongkai-case-archive-'));
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await closeInProcess();
});

describe.runIf(runHere).each(engines())('the case files of a year on %s', (engine) => {
  const t = useDatabase(engine);
  const agency = { id: 0, code: `ca${engine === 'pglite' ? 'l' : 'p'}`, name: '示范市某局' };
  const numbers: Record<string, string> = {};
  const run = (args: string[]) => gongkaiInProcess(['applications', 'archive', '--agency', agency.code, ...args], { dataDir: dir, database: () => t.database });

  const reply = async (id: number, on: string) => {
    const d = await issueDocument(t.db, agency.id, id, { kind: 'reply', issuedOn: on, values: REPLY_VALUES, step: { type: 'reply', occurredOn: on, outcome: 'OPEN_PROVIDE' } }, who);
    if (!d.ok) throw new Error(d.error.message);
    return d.value.id;
  };
  const step = async (id: number, type: 'archive' | 'withdraw', on: string) => {
    const r = await recordEvent(t.db, agency.id, id, { type, occurredOn: on, ...(type === 'withdraw' ? { note: '申请人撤回' } : {}) }, who);
    if (!r.ok) throw new Error(r.error.message);
  };
  const paper = async (name: string, on: string) => {
    const r = await registerWithScan(t.db, agency.id, { applicantType: 'natural_person', applicantName: name, channel: 'in_person', submittedOn: on, request: '某项目的批复文件' }, { bytes: await onePagePdf('scanned application'), type: 'application/pdf', name: '申请书.pdf' }, who);
    if (!r.ok) throw new Error(r.error.message);
    numbers[name] = r.value.number;
    return r.value.id;
  };

  beforeAll(async () => {
    const a = await createAgency(t.db, { code: agency.code, name: agency.name, level: 'department' }, who.now);
    if (!a.ok) throw new Error(a.error.message);
    agency.id = a.value.id;
    // online, its PNG proof; delivered by post; archived
    const s = await submitOnline(t.db, agency.code, { applicantType: 'natural_person', applicantName: '王五', idKind: 'resident_id', idNumber: '11010519491231002X', phone: '13800138000', email: '', address: '', request: '某路段拓宽工程的立项批复', deliveryForm: 'on_site', identityProof: { bytes: PNG, type: 'image/png', name: '身份证.png' } }, '2024-11-20T10:00:00.000+08:00', KEY);
    if (!s.ok) throw new Error(s.error.message);
    const online = s.value.applicationId;
    numbers['王五'] = (await t.db.selectFrom('applications').select('number').where('id', '=', online).executeTakeFirstOrThrow()).number;
    await reply(online, '2024-11-25');
    const delivered = await recordDelivery(t.db, agency.id, online, { method: 'post', trackingNumber: 'XA123456789CN', deliveredOn: '2024-11-27', evidence: '邮政签收记录' }, who);
    if (!delivered.ok) throw new Error(delivered.error.message);
    await step(online, 'archive', '2024-12-02');
    // paper, its PDF scan; a fee notice paid; the reply's PDF kept; archived
    const feeCase = await paper('赵六', '2024-09-02');
    const q = quote('page', 40);
    if (!q.ok) throw new Error(q.error.message);
    const fee = await issueDocument(t.db, agency.id, feeCase, { kind: 'fee_notice', issuedOn: '2024-09-09', values: { paymentMethod: '银行转账' }, fee: q.value, step: { type: 'send_fee_notice', occurredOn: '2024-09-09', delivery: 'in_person' } }, who);
    if (!fee.ok) throw new Error(fee.error.message);
    const paid = await recordEvent(t.db, agency.id, feeCase, { type: 'record_payment', occurredOn: '2024-09-12' }, who);
    if (!paid.ok) throw new Error(paid.error.message);
    const kept = await reply(feeCase, '2024-09-20');
    await t.db.updateTable('documents').set({ pdf: await onePagePdf('kept reply notice') }).where('id', '=', kept).execute();
    await step(feeCase, 'archive', '2024-10-08');
    // withdrawn, archived
    const withdrawn = await paper('孙七', '2024-06-03');
    await step(withdrawn, 'withdraw', '2024-06-05');
    await step(withdrawn, 'archive', '2024-06-20');
    // replied, not archived: left out
    await reply(await paper('周八', '2024-10-08'), '2024-10-15');
    // archived next year: not in 2024's ZIP
    const later = await paper('吴九', '2024-12-02');
    await reply(later, '2024-12-10');
    await step(later, 'archive', '2025-01-06');
  });

  it('writes one readable PDF per archived case of the year and a manifest that matches them', async () => {
    const out = join(dir, `${engine}-2024.zip`);
    const r = await run(['--year', '2024', '--out', out]);
    expect([r.code, r.stderr.replace(/已生成.*\n/g, '')]).toEqual([0, '']);
    expect(r.stdout).toContain('2024年归档的3件申请案卷');
    expect(r.stdout).toContain(`未包括：2024年已办结但尚未归档的申请 ${numbers['周八']}共1件`);
    expect(r.stdout).toContain('“归档”步骤');
    expect(readdirSync(dir).filter((f) => f.includes('.partial'))).toEqual([]);

    const opened = await openArchive(readFileSync(out), dir, engine);
    const expected = [numbers['孙七'], numbers['赵六'], numbers['王五']].map((n) => `${n}.pdf`).sort();
    expect(opened.entries).toEqual([...expected, 'manifest.csv'].sort());
    expect(opened.rows).toHaveLength(3);
    const texts: Record<string, string> = {};
    for (const f of opened.rows) texts[f[1] as string] = opened.texts[f[0] as string] as string;
    const row = (name: string) => opened.rows.find((f) => f[1] === name)?.slice(0, 6);
    expect(row('王五')).toEqual([numbers['王五'], '王五', '2024-11-20', '予以公开（提供该政府信息）', '2024-11-25', '2024-11-27']);
    expect(row('孙七')?.slice(4, 6)).toEqual(['', '']);
    // the cover and the record, as printed
    expect(texts['王五']).toContain('政府信息公开申请案卷');
    expect(texts['王五']).toContain('邮政签收记录');
    expect(texts['王五']).toContain('邮寄(邮件号码XA123456789CN)');
    expect(texts['王五']).toContain('身份证明:身份证.png');
    expect(texts['王五']).toContain('保管期限至2034年');
    expect(texts['赵六']).toMatch(/收费通知书|元/);
    expect(texts['赵六']).toContain('缴费登记于2024年9月12日');
    expect(texts['赵六']).toContain('keptreplynotice'); // the kept PDF, not printed again
    expect(texts['赵六']).toContain('scannedapplication'); // the PDF scan appended
    expect(texts['孙七']).toContain('撤回');
    // printed together, split per case: each PDF holds its own case only
    for (const [name, text] of Object.entries(texts)) {
      for (const other of ['王五', '赵六', '孙七'].filter((n) => n !== name)) expect(text, `${name} holds ${other}`).not.toContain(`申请人${other}`);
      expect(text.match(/政府信息公开申请案卷/g), name).toHaveLength(1);
    }
  });

  it('refuses an existing file without --force, a bad year or file name with exit 2; --force replaces it', async () => {
    const out = join(dir, `${engine}-exists.zip`);
    writeFileSync(out, 'earlier');
    const refused = await run(['--year', '2024', '--out', out]);
    expect([refused.code, refused.stderr]).toEqual([2, `gongkai：文件 ${out} 已存在。加 --force 覆盖，或换一个文件名。\n`]);
    expect(readFileSync(out, 'utf8')).toBe('earlier');
    const badYear = await run(['--year', '24', '--out', join(dir, 'x.zip')]);
    expect([badYear.code, badYear.stderr]).toEqual([2, 'gongkai：年度应为四位数字的年份，如 2024，而不是“24”。\n']);
    const badName = await run(['--year', '2024', '--out', join(dir, 'x.tar')]);
    expect(badName.code).toBe(2);
    expect(badName.stderr).toContain('输出文件应以 .zip 结尾');
    expect(existsSync(join(dir, 'x.zip'))).toBe(false);
    const forced = await run(['--year', '2025', '--out', out, '--force']);
    expect(forced.code).toBe(0);
    const zip = await JSZip.loadAsync(readFileSync(out));
    expect(Object.keys(zip.files).sort()).toEqual([`${numbers['吴九']}.pdf`, 'manifest.csv']);
    expect(readdirSync(dir).filter((f) => f.includes('.partial'))).toEqual([]);
  });
});
