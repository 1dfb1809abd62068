// Reminders by e-mail "where configured" (issue #13), on each engine, through the app, against a real SMTP
// server started here (smtp-server, the nodemailer project's): the message received — envelope, sender,
// UTF-8 subject and plain-text body in Chinese, the same words as the dashboard — and the outcome written
// on the reminder with its audit entry; a refused, silent or unreachable server, a refused recipient or a
// wrong password record 'failed' with a Chinese reason (never the password) while the reminder stays;
// no SMTP configured: 'none', nothing attempted; an agency without an address: in the platform only, and
// the board says so before and after.

import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { Hono } from 'hono';
import type { Kysely } from 'kysely';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type Config, type MailConfig } from '../../src/config.ts';
import type { DB } from '../../src/db/schema.ts';
import { buildCalendar } from '../../src/domain/calendar/index.ts';
import { dueSentence } from '../../src/domain/oversight/reminder-letter.ts';
import { addMembership, createUser, startSession, type Role } from '../../src/services/accounts.ts';
import { agencySettings, updateAgency } from '../../src/services/agencies.ts';
import { createApp } from '../../src/web/app.ts';
import type { AppEnv } from '../../src/web/context.ts';
import { closeInProcess, gongkaiInProcess } from '../support/cli-inprocess.ts';
import { engines, useDatabase } from '../support/db.ts';
import { get, NOW, post, type Staff } from '../web/staff-support.ts';
import { makeTree, YEAR } from './support.ts';

const USER = 'gongkai@example.gov.cn';
const PASSWORD = 'pa:ss@word/秘';

interface Received {
  from: string;
  to: string[];
  raw: string;
}

/**
 * A local SMTP server that wants USER/PASSWORD and refuses recipients starting with "bad". `onMessage`
 * runs before the message is acknowledged (the sender waits for it).
 */
async function smtpServer(): Promise<{ port: number; received: Received[]; hooks: { onMessage?: (r: Received) => Promise<void> }; close: () => Promise<void> }> {
  const received: Received[] = [];
  const hooks: { onMessage?: (r: Received) => Promise<void> } = {};
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === USER && auth.password === PASSWORD) callback(null, { user: auth.username });
      else callback(new Error('Invalid username or password'));
    },
    onRcptTo(address, _session, callback) {
      if (address.address.startsWith('bad')) callback(Object.assign(new Error('No such mailbox'), { responseCode: 550 }));
      else callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const from = session.envelope.mailFrom;
        const r = { from: from ? from.address : '', to: session.envelope.rcptTo.map((x) => x.address), raw: Buffer.concat(chunks).toString('utf8') };
        received.push(r);
        (hooks.onMessage ? hooks.onMessage(r) : Promise.resolve()).then(
          () => callback(),
          (e: Error) => callback(e),
        );
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  return { port, received, hooks, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** A TCP server that accepts and never says a word (a hung mail server). */
async function silentServer(): Promise<{ port: number; close: () => Promise<void> }> {
  const sockets = new Set<import('node:net').Socket>();
  const server: Server = createServer((s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A port nothing listens on (bound, then let go). */
async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', () => resolve()));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

/** The configuration as the server would load it from the environment. */
function mailConfig(port: number, password = PASSWORD, timeoutMs?: number): MailConfig {
  const loaded = loadConfig({ GONGKAI_SMTP_URL: `smtp://${encodeURIComponent(USER)}:${encodeURIComponent(password)}@127.0.0.1:${port}`, GONGKAI_MAIL_FROM: '示范市政务公开办 <gongkai@example.gov.cn>' });
  if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
  const mail = loaded.config.mail as MailConfig;
  return timeoutMs === undefined ? mail : { ...mail, timeoutMs };
}

const calendar = (() => {
  const c = buildCalendar();
  if (!c.ok) throw new Error(c.error.message);
  return c.value;
})();

function appWith(db: Kysely<DB>, mail?: MailConfig): Hono<AppEnv> {
  const config: Config = { dataDir: './data', databaseUrl: undefined, port: 3000, secureCookies: false, ...(mail ? { mail } : {}) };
  return createApp({ config, db, calendar: async () => calendar, now: () => NOW, secureCookies: false });
}

/** RFC 2047 encoded words (=?UTF-8?B?…?=) of a header, unfolded and decoded. */
function decodeHeader(value: string): string {
  return value.replace(/\r?\n[ \t]/g, ' ').replace(/=\?UTF-8\?B\?([^?]*)\?=(?:\s+(?==\?UTF-8\?B\?))?/gi, (_m, b64: string) => Buffer.from(b64, 'base64').toString('utf8'));
}

/** A plain-text, base64 message: its headers (decoded) and its body. */
function readMessage(raw: string): { headers: Map<string, string>; body: string } {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]/g, ' ');
  const headers = new Map<string, string>();
  for (const line of head.split('\r\n')) {
    const i = line.indexOf(':');
    headers.set(line.slice(0, i).toLowerCase(), decodeHeader(line.slice(i + 1).trim()));
  }
  const encoded = raw.slice(split + 4);
  const body = headers.get('content-transfer-encoding') === 'base64' ? Buffer.from(encoded.replace(/\s+/g, ''), 'base64').toString('utf8') : encoded;
  return { headers, body };
}

let n = 0;
async function person(db: Kysely<DB>, memberships: [number, Role][]): Promise<Staff> {
  n += 1;
  const user = await createUser(db, { username: `mail${n}`, displayName: `公开办${n}`, password: 'correct horse battery' }, NOW);
  if (!user.ok) throw new Error(user.error.message);
  for (const [agencyId, role] of memberships) await addMembership(db, user.value.id, agencyId, role);
  const s = await startSession(db, user.value.id, NOW);
  return { id: user.value.id, cookie: `gk_session=${s.sessionToken}`, csrf: s.csrfToken };
}

afterAll(async () => {
  await closeInProcess();
});

const TEXT = '请于本周内发布2023年度报告。\n已发布的，请告知发布网址。';

describe.each(engines())('reminders by e-mail on %s', (engine) => {
  const t = useDatabase(engine);
  let smtp: Awaited<ReturnType<typeof smtpServer>>;
  let tag = 0;

  beforeAll(async () => {
    smtp = await smtpServer();
  });
  afterAll(async () => {
    await smtp?.close();
  });

  /** A fresh tree (codes of its own), its office, and the reminders' page. */
  async function world() {
    tag += 1;
    const tree = await makeTree(t.db, `m${engine}${tag}`, NOW);
    const office = await person(t.db, [[tree.ids.city, 'oversight']]);
    return { ...tree, office, base: `/staff/${tree.code('city')}/oversight/${YEAR}` };
  }

  const remindersOf = (db: Kysely<DB>, agencyId: number) => db.selectFrom('oversightReminders').selectAll().where('agencyId', '=', agencyId).orderBy('id').execute();

  it('configured, with an address: e-mailed after the commit, received in Chinese, the outcome recorded and audited', async () => {
    const w = await world();
    const mail = mailConfig(smtp.port);
    const app = appWith(t.db, mail);
    const clerk = await person(t.db, [[w.ids.tjj, 'handler']]);
    expect((await updateAgency(t.db, w.code('tjj'), { contactEmail: ' tjj-office@example.gov.cn ' })).ok).toBe(true);

    const board = await (await get(app, w.office, `${w.base}/board`)).text();
    expect(board).toContain('同时发邮件至 tjj-office@example.gov.cn');
    expect(board).toContain('发件人：示范市政务公开办 &lt;gongkai@example.gov.cn&gt;');

    const before = smtp.received.length;
    // while the server holds the message, the reminder is already committed — read from outside the action
    // (on PGlite, one connection: were the e-mail sent inside the transaction, this read would wait for it)
    const seen: unknown[] = [];
    smtp.hooks.onMessage = async () => {
      seen.push(...(await t.db.selectFrom('oversightReminders').select(['text', 'emailStatus']).where('agencyId', '=', w.ids.tjj).execute()));
    };
    const r = await post(app, w.office, `${w.base}/reminders`, { agency: w.code('tjj'), text: TEXT }).finally(() => {
      delete smtp.hooks.onMessage;
    });
    expect(r.status).toBe(303);
    expect(seen).toEqual([{ text: TEXT, emailStatus: 'pending' }]);
    expect(r.headers.get('location')).toContain('sent=1&mailed=1&failed=0&noaddr=0');
    expect(await (await get(app, w.office, r.headers.get('location') ?? '')).text()).toContain('已发出邮件1封');

    expect(smtp.received.length).toBe(before + 1);
    const got = smtp.received[before] as Received;
    expect(got.to).toEqual(['tjj-office@example.gov.cn']);
    expect(got.from).toBe('gongkai@example.gov.cn');
    const message = readMessage(got.raw);
    expect(message.headers.get('subject')).toBe('示范市人民政府催报2023年度政府信息公开工作年度报告');
    expect(message.headers.get('from')).toBe('示范市政务公开办 <gongkai@example.gov.cn>');
    expect(message.headers.get('to')).toBe('tjj-office@example.gov.cn');
    expect(message.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    const due = dueSentence(YEAR, '2024-01-31', 'department', '2024-11-20') ?? '';
    expect(due).toBe('按照《中华人民共和国政府信息公开条例》第四十九条，贵单位2023年度政府信息公开工作年度报告应于2024年1月31日前公布，该期限已过。');
    expect(message.body).toBe(`示范区统计局：\n\n${TEXT}\n\n${due}\n\n示范市人民政府\n2024年11月20日\n\n（本邮件由政府信息公开平台发出，与平台内的催报记录内容相同。）\n`);

    const [row] = await remindersOf(t.db, w.ids.tjj);
    expect(row).toMatchObject({ text: TEXT, dueOn: '2024-01-31', emailStatus: 'sent', emailedTo: 'tjj-office@example.gov.cn', emailError: null });
    expect(new Date(row?.emailedAt ?? '').toISOString()).toBe(new Date(NOW).toISOString());
    const audits = await t.db.selectFrom('auditLog').select(['action', 'target', 'detail']).where('agencyId', '=', w.ids.city).orderBy('id').execute();
    expect(audits.map((a) => a.action)).toEqual(['oversight.remind', 'oversight.remind.email']);
    expect(audits[0]?.detail).toMatchObject({ email: 'pending', emailTo: 'tjj-office@example.gov.cn' });
    expect(audits[1]).toMatchObject({ target: `agency:${w.code('tjj')}`, detail: { reminder: row?.id, to: 'tjj-office@example.gov.cn', status: 'sent' } });

    // the same words in the platform: the agency's dashboard shows the text and the due date
    const dashboard = await (await get(app, clerk, `/staff/${w.code('tjj')}`)).text();
    expect(dashboard).toContain('示范市人民政府催报2023年度报告');
    expect(dashboard).toContain(`<p>${due}</p>`);
    expect(await (await get(app, w.office, `${w.base}/board`)).text()).toContain('已于2024-11-20催报，邮件已发至 tjj-office@example.gov.cn');
  });

  it('to all: a government and a township get their own due dates; agencies without an address stay in the platform, and the board says so', async () => {
    const w = await world();
    const app = appWith(t.db, mailConfig(smtp.port));
    for (const k of ['county', 'dyz']) expect((await updateAgency(t.db, w.code(k), { contactEmail: `${k}@example.gov.cn` })).ok).toBe(true);
    const board = await (await get(app, w.office, `${w.base}/board`)).text();
    // 7 agencies not published: 2 with an address, 5 named as in the platform only
    expect(board).toContain('未发布的7个机关中，2个有联系邮箱，同时收到邮件；5个没有联系邮箱，只在平台内催报：');
    expect(board).toContain('没有联系邮箱，只在平台内催报</p>');

    const before = smtp.received.length;
    const r = await post(app, w.office, `${w.base}/reminders`, { agency: '*', text: TEXT });
    expect(r.headers.get('location')).toContain('sent=7&mailed=2&failed=0&noaddr=5');
    const got = smtp.received.slice(before);
    expect(got.flatMap((g) => g.to).sort()).toEqual(['county@example.gov.cn', 'dyz@example.gov.cn']);
    const bodyTo = (to: string) => readMessage(got.find((g) => g.to[0] === to)?.raw ?? '').body;
    expect(bodyTo('county@example.gov.cn')).toContain('示范县人民政府：');
    expect(bodyTo('county@example.gov.cn')).toContain('应于2024年3月31日前公布');
    expect(bodyTo('dyz@example.gov.cn')).toContain('应于2024年1月31日前公布（乡镇、街道的期限按本地规定，参照《中华人民共和国政府信息公开条例》第四十九条）');

    const rows = await t.db.selectFrom('oversightReminders').select(['agencyId', 'emailStatus', 'emailedTo']).where('overseerId', '=', w.ids.city).execute();
    expect(rows).toHaveLength(7);
    expect(rows.filter((x) => x.emailStatus === 'sent').map((x) => x.emailedTo).sort()).toEqual(['county@example.gov.cn', 'dyz@example.gov.cn']);
    expect(rows.filter((x) => x.emailStatus === 'no_address' && x.emailedTo === null)).toHaveLength(5);
    const after = await (await get(app, w.office, `${w.base}/board`)).text();
    expect(after).toContain('该机关当时没有联系邮箱，未发邮件');
    expect(after.match(/邮件已发至 /g)).toHaveLength(2);
  });

  it('a refused, silent or unreachable server, a refused recipient, a wrong password: failed in Chinese, the reminder kept', async () => {
    const w = await world();
    for (const k of ['tjj', 'sjj', 'dfz']) expect((await updateAgency(t.db, w.code(k), { contactEmail: `${k}@example.gov.cn` })).ok).toBe(true);
    expect((await updateAgency(t.db, w.code('tyjr'), { contactEmail: 'bad-tyjr@example.gov.cn' })).ok).toBe(true);
    const before = smtp.received.length;

    // nothing listens: every e-mail of the batch fails, the first tried once and the rest not at all
    const port = await closedPort();
    const refused = await post(appWith(t.db, mailConfig(port)), w.office, `${w.base}/reminders`, { agency: '*', text: TEXT });
    expect(refused.headers.get('location')).toContain('sent=7&mailed=0&failed=4&noaddr=3');
    const failed = await t.db.selectFrom('oversightReminders').select(['emailStatus', 'emailError', 'text']).where('overseerId', '=', w.ids.city).where('emailStatus', '=', 'failed').execute();
    expect(failed).toHaveLength(4);
    expect(failed.every((f) => f.text === TEXT && (f.emailError ?? '').includes(`邮件服务器 127.0.0.1:${port} 拒绝连接`))).toBe(true);
    expect(failed.filter((f) => f.emailError?.startsWith('未发送：'))).toHaveLength(3);
    const board = await (await get(appWith(t.db, mailConfig(port)), w.office, `${w.base}/board`)).text();
    expect(board).toContain(`<p class="field-error">邮件未发出：邮件服务器 127.0.0.1:${port} 拒绝连接（服务未运行或端口不对）。</p>`);

    // a recipient the server refuses: that one fails, the others of the batch are still sent
    const app = appWith(t.db, mailConfig(smtp.port));
    const one = await post(app, w.office, `${w.base}/reminders`, { agency: '*', text: TEXT });
    expect(one.headers.get('location')).toContain('mailed=3&failed=1');
    const [, bad] = await remindersOf(t.db, w.ids.tyjr);
    expect(bad).toMatchObject({ emailStatus: 'failed', emailedTo: 'bad-tyjr@example.gov.cn' });
    expect(bad?.emailError).toBe('邮件服务器不接受收件地址 bad-tyjr@example.gov.cn（服务器答复：550 No such mailbox）。');
    expect(smtp.received.length).toBe(before + 3);

    // a wrong password: failed, and the password is nowhere
    const wrong = 'wrong-secret-密码';
    expect((await post(appWith(t.db, mailConfig(smtp.port, wrong)), w.office, `${w.base}/reminders`, { agency: w.code('tjj'), text: TEXT })).status).toBe(303);
    const last = (await remindersOf(t.db, w.ids.tjj)).at(-1);
    expect(last).toMatchObject({ emailStatus: 'failed', text: TEXT });
    expect(last?.emailError).toBe(`邮件服务器 127.0.0.1:${smtp.port} 拒绝登录：用户名或密码不对，或该账号不能发信。`);

    // a server that accepts the connection and never answers: failed after the deadline
    const silent = await silentServer();
    try {
      expect((await post(appWith(t.db, mailConfig(silent.port, PASSWORD, 300)), w.office, `${w.base}/reminders`, { agency: w.code('sjj'), text: TEXT })).status).toBe(303);
    } finally {
      await silent.close();
    }
    const hung = (await remindersOf(t.db, w.ids.sjj)).at(-1);
    expect(hung).toMatchObject({ emailStatus: 'failed', text: TEXT });
    expect(hung?.emailError).toMatch(/超时|没有完成发送/);

    const everything = JSON.stringify([await t.db.selectFrom('oversightReminders').selectAll().execute(), await t.db.selectFrom('auditLog').selectAll().execute()]);
    expect(everything).not.toContain(wrong);
    expect(everything).not.toContain(PASSWORD);
    expect(smtp.received.length).toBe(before + 3);
  });

  it('no SMTP configured: in the platform only, status none, nothing attempted; the board says e-mail is not configured', async () => {
    const w = await world();
    const app = appWith(t.db);
    expect((await updateAgency(t.db, w.code('tjj'), { contactEmail: 'tjj@example.gov.cn' })).ok).toBe(true);
    const board = await (await get(app, w.office, `${w.base}/board`)).text();
    expect(board).toContain('本平台未配置邮件服务器，不发送邮件。');
    expect(board).not.toContain('同时发邮件至');
    const before = smtp.received.length;
    const r = await post(app, w.office, `${w.base}/reminders`, { agency: w.code('tjj'), text: TEXT });
    expect(r.headers.get('location')).toMatch(/\?sent=1$/);
    expect(await remindersOf(t.db, w.ids.tjj)).toMatchObject([{ text: TEXT, emailStatus: 'none', emailedTo: null, emailError: null, emailedAt: null, dueOn: '2024-01-31' }]);
    expect(smtp.received.length).toBe(before);
    expect(await t.db.selectFrom('auditLog').select('action').where('action', '=', 'oversight.remind.email').where('agencyId', '=', w.ids.city).execute()).toEqual([]);
  });

  it('the contact address is checked where it is set', async () => {
    const w = await world();
    for (const bad of ['gongkai', '公开办 <a@example.gov.cn>', 'a@b c.cn', 'a\r\nBcc: x@example.com']) {
      const r = await updateAgency(t.db, w.code('tjj'), { contactEmail: bad });
      expect(r.ok, bad).toBe(false);
      if (!r.ok) expect(r.error).toMatchObject({ field: 'contactEmail', message: expect.stringContaining('联系邮箱应为一个电子邮件地址') });
    }
    expect((await updateAgency(t.db, w.code('tjj'), { contactEmail: 'a@example.gov.cn' })).ok).toBe(true);
    expect((await updateAgency(t.db, w.code('tjj'), { contactEmail: '' })).ok).toBe(true);
    const s = await agencySettings(t.db, w.code('tjj'));
    expect(s.ok && s.value.contactEmail).toBeNull();
  });

  it('gongkai agency update --contact-email sets, shows and clears the address; an invalid one is refused in Chinese', async () => {
    const w = await world();
    const run = (...args: string[]) => gongkaiInProcess(['agency', 'update', w.code('tjj'), ...args], { database: () => t.database });
    const set = await run('--contact-email', 'tjj@example.gov.cn');
    expect(set.code).toBe(0);
    expect(set.stdout).toContain('联系邮箱：tjj@example.gov.cn');
    expect((await run()).stdout).toContain('联系邮箱：tjj@example.gov.cn');
    const bad = await run('--contact-email', 'tjj at example');
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('联系邮箱应为一个电子邮件地址');
    expect((await run('--contact-email', '')).stdout).toContain('联系邮箱：（未设置，催报只在平台内）');
    const s = await agencySettings(t.db, w.code('tjj'));
    expect(s.ok && s.value.contactEmail).toBeNull();
  });
});
