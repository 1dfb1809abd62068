// The archive of the demo year opens (issue #17's acceptance): `gongkai demo`'s agency, loaded as the
// command loads it, archives its cases of 2025 with `gongkai applications archive`; the ZIP holds one PDF
// for each case whose archive step is dated in 2025 (counted here from the records, not from the
// command), every PDF is drawn by poppler's pdftoppm, its SHA-256 and page count are the manifest's, and
// each manifest row states the record: applicant, date received, date of the reply's delivery. One engine
// (PostgreSQL when there is one): the command's paths on both engines are case-archive.db.test.ts's; the
// demo's cases cost a print each.

import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCalendar } from '../../src/domain/calendar/index.ts';
import { loadDemo } from '../../src/services/demo.ts';
import { archiveToolsHere, openArchive } from '../support/archive-open.ts';
import { closeInProcess, gongkaiInProcess } from '../support/cli-inprocess.ts';
import { engines, useDatabase } from '../support/db.ts';
import { TEST_QUERY_KEY } from '../support/query-key.ts';

const runHere = archiveToolsHere('demo archive test');
const TODAY = '2026-06-15';
const calendar = (() => {
  const c = buildCalendar();
  if (!c.ok) throw new Error(c.error.message);
  return c.value;
})();

const dir = mkdtempSync(join(tmpdir(), 'gongkai-demo-archive-'));
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await closeInProcess();
});

const engine = engines().at(-1)!;

describe.runIf(runHere)(`the demo year's case files (${engine})`, () => {
  const t = useDatabase(engine);

  beforeAll(async () => {
    const r = await loadDemo(t.db, { today: TODAY, now: `${TODAY}T10:00:00.000Z`, calendar, queryKey: TEST_QUERY_KEY });
    if (!r.ok) throw new Error(r.error.message);
  });

  it('opens: a readable PDF for each case archived in 2025, the manifest stating the record and matching the files', async () => {
    // what the records say: the cases whose archive step is dated in 2025, their applicant, date received
    // and the dates their notices were delivered
    const { rows: archived } = await sql<{ number: string; applicantName: string; receivedOn: string }>`
      select a.number, a.applicant_name as "applicantName", a.received_on as "receivedOn"
      from applications a join agencies g on g.id = a.agency_id
      join application_events e on e.application_id = a.id and e.type = 'archive'
      where g.code = 'demo' and a.state = 'archived' and e.occurred_on between '2025-01-01' and '2025-12-31'
      order by a.number`.execute(t.db);
    const { rows: deliveries } = await sql<{ number: string; deliveredOn: string }>`
      select a.number, d.delivered_on as "deliveredOn" from document_deliveries d join applications a on a.id = d.application_id
      join agencies g on g.id = a.agency_id where g.code = 'demo'`.execute(t.db);
    expect(archived.length).toBeGreaterThan(10);

    const out = join(dir, 'demo-2025.zip');
    const r = await gongkaiInProcess(['applications', 'archive', '--agency', 'demo', '--year', '2025', '--out', out], { dataDir: dir, database: () => t.database });
    expect([r.code, r.stderr.replace(/已生成.*\n/g, '')]).toEqual([0, '']);
    expect(r.stdout).toContain(`2025年归档的${archived.length}件申请案卷`);
    expect(readdirSync(dir).filter((f) => f.includes('.partial'))).toEqual([]);

    const opened = await openArchive(readFileSync(out), dir, 'demo');
    expect(opened.entries).toEqual([...archived.map((a) => `${a.number}.pdf`), 'manifest.csv'].sort());
    expect(opened.rows.map((f) => f.slice(0, 3))).toEqual(archived.map((a) => [a.number, a.applicantName, a.receivedOn]));
    for (const f of opened.rows) {
      const [number, name, , result, repliedOn, deliveredOn] = f as [string, string, string, string, string, string];
      expect(result, number).not.toBe('');
      if (deliveredOn !== '') expect(deliveries.some((d) => d.number === number && d.deliveredOn === deliveredOn), `${number} delivered on ${deliveredOn}`).toBe(true);
      if (deliveredOn !== '') expect(deliveredOn >= repliedOn, number).toBe(true);
      const text = opened.texts[number] as string;
      expect(text.match(/政府信息公开申请案卷/g), number).toHaveLength(1);
      expect(text, number).toContain(name.normalize('NFKC').replace(/\s+/g, ''));
      expect(text, number).toContain(number);
    }
    // the demo delivers its replies: most of the year's rows carry a delivery date
    expect(opened.rows.filter((f) => f[5] !== '').length).toBeGreaterThan(archived.length / 2);
  });
});
