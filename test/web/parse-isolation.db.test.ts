// Issue #10, hole 1, on the real server (startTestServer: a socket, embedded PGlite): a publisher uploads
// the 45 MB DOCX bomb and the word/main.bin bomb to 已发布的年度报告. Before the parse pool each froze
// the server for minutes and ended it (heap limit); now each is refused with 422 and a Chinese message
// naming the part and the limit, while the server keeps answering: a request sent after the bombs (the
// public column's home page) is answered before the last of them — the bombs wait for a parse worker,
// the page does not. Afterwards the server still serves pages.
// PGlite only: the real server opens its own database in a temp folder.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMembership, createUser, startSession } from '../../src/services/accounts.ts';
import { createAgency } from '../../src/services/agencies.ts';
import { startTestServer } from '../support/web-server.ts';
import type { TestServer } from '../support/web-server.ts';
import { docxBomb, mainBinBomb } from '../support/zip-bombs.ts';

const AGENCY = { code: 'jgswj', name: '某市机关事务管理局' };

let server: TestServer;
const publisher = { cookie: '', csrf: '' };

beforeAll(async () => {
  server = await startTestServer({
    seed: async ({ db, now }) => {
      const agency = await createAgency(db, { ...AGENCY, level: 'department' }, now);
      if (!agency.ok) throw new Error(agency.error.message);
      const user = await createUser(db, { username: 'zhang.admin', displayName: '张管理', password: 'correct horse battery' }, now);
      if (!user.ok) throw new Error(user.error.message);
      const m = await addMembership(db, user.value.id, agency.value.id, 'admin');
      if (!m.ok) throw new Error(m.error.message);
      const session = await startSession(db, user.value.id, now);
      publisher.cookie = `gk_session=${session.sessionToken}`;
      publisher.csrf = session.csrfToken;
    },
  });
}, 120_000);

afterAll(async () => {
  await server?.close();
});

/** The upload form of 已发布的年度报告 as a browser sends it. */
function upload(bytes: Uint8Array, name: string): Promise<Response> {
  const form = new FormData();
  form.set('_csrf', publisher.csrf);
  form.set('year', '2024');
  form.set('file', new File([bytes], name, { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' }));
  return fetch(`${server.url}/staff/${AGENCY.code}/published`, { method: 'POST', headers: { cookie: publisher.cookie }, body: form });
}

describe('uploading a ZIP bomb to 已发布的年度报告 (real server)', () => {
  it('refuses each bomb with 422 and a Chinese message while answering other requests', async () => {
    const events: string[] = [];
    const bombs = [
      { bytes: docxBomb(), name: '年度报告.docx', part: 'word/document.xml' },
      { bytes: mainBinBomb(), name: '年度报告（main.bin）.docx', part: 'word/main.bin' },
      { bytes: docxBomb(), name: '年度报告2.docx', part: 'word/document.xml' },
      { bytes: mainBinBomb(), name: '年度报告3.docx', part: 'word/main.bin' },
    ];
    const refused = bombs.map(async (bomb) => {
      const res = await upload(bomb.bytes, bomb.name);
      const html = await res.text();
      events.push('bomb');
      return { bomb, status: res.status, html };
    });
    // sent after every bomb: answered before the last of them
    const home = fetch(`${server.url}/${AGENCY.code}`).then(async (res) => {
      const html = await res.text();
      events.push('home');
      return { status: res.status, html };
    });

    const page = await home;
    expect(page.status).toBe(200);
    expect(page.html).toContain(AGENCY.name);
    for (const r of await Promise.all(refused)) {
      expect(r.status, r.bomb.name).toBe(422);
      expect(r.html).toContain('过于复杂');
      expect(r.html).toContain(r.bomb.part);
      expect(r.html).toContain('16 MB');
      expect(r.html).not.toMatch(/Error|at .*\.ts/);
    }
    expect(events).toHaveLength(bombs.length + 1);
    expect(events.indexOf('home')).toBeLessThan(events.lastIndexOf('bomb'));
  });

  it('still serves pages afterwards', async () => {
    expect((await fetch(`${server.url}/${AGENCY.code}`)).status).toBe(200);
    const staff = await fetch(`${server.url}/staff/${AGENCY.code}/published`, { headers: { cookie: publisher.cookie } });
    expect(staff.status).toBe(200);
    expect(await staff.text()).toContain('<h1>已发布的年度报告</h1>');
  });
});
