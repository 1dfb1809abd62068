// The audit log in words (src/web/views/staff/audit-words.ts): every action the code writes — found here
// in the source, so that a new one without its wording fails this test — has a Chinese sentence; an
// unknown one reads as a line, never as JSON; the object links to its page; loopback reads 本机.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../src/services/audit.ts';
import { AUDIT_WORDS, auditLine, ipWords } from '../../src/web/views/staff/audit-words.ts';

const ROOT = join(import.meta.dirname, '../../src');
const ACTION = /^[a-z][a-z_]*(\.[a-z_]+)*$/;

function* sources(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* sources(path);
    else if (/\.tsx?$/.test(name)) yield path;
  }
}

/**
 * The action strings written to the audit log: in the files that write it (they import services/audit.ts
 * or call one of its wrappers), the literals of every `action:` property (both branches of a ternary, not
 * the compared value) and the action argument of the wrappers audit(…), auditAction(…), auditChange(…).
 */
function writtenActions(): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of sources(ROOT)) {
    if (file.includes(join('web', 'views'))) continue;
    const text = readFileSync(file, 'utf8');
    if (!/audit\.ts'|auditAction\(|auditChange\(/.test(text)) continue;
    const add = (action: string) => {
      if (ACTION.test(action) && !found.has(action)) found.set(action, file.slice(ROOT.length + 1));
    };
    for (const m of text.matchAll(/\baction:\s*([^,\n}]+)/g)) {
      const expr = (m[1] ?? '').replace(/[!=]==\s*'[^']*'/g, '');
      for (const lit of expr.matchAll(/'([^']*)'/g)) add(lit[1] ?? '');
    }
    for (const m of text.matchAll(/\b(?:audit|auditAction|auditChange)\(([^'`)]*?)'([^']*)'/g)) add(m[2] ?? '');
  }
  return found;
}

const entry = (over: Partial<AuditEntry>): AuditEntry => ({
  id: 1,
  at: '2024-11-20T02:35:00.000Z',
  userId: 7,
  username: 'zhangsan',
  displayName: '张三',
  agencyId: 1,
  action: 'login',
  target: null,
  detail: {},
  ip: null,
  ...over,
});

describe('the audit log in words', () => {
  it('has a sentence for every action the code writes', () => {
    const written = writtenActions();
    // the scan finds them (a scan that finds nothing would pass everything)
    expect(written.size).toBeGreaterThanOrEqual(80);
    for (const known of ['application.register', 'application.event', 'document.issue', 'login', 'user.disable', 'catalogue.review.return', 'records.case.update', 'applications.export', 'application_scan.view']) {
      expect(written.has(known), known).toBe(true);
    }
    const missing = [...written].filter(([action]) => !(action in AUDIT_WORDS)).map(([action, file]) => `${action} (${file})`);
    expect(missing).toEqual([]);
    // each sentence is Chinese words, with or without its detail, never JSON
    for (const [action, words] of Object.entries(AUDIT_WORDS)) {
      for (const detail of [{}, { year: 2024, number: 'GK-2024-0001', type: 'reply', state: 'replied', role: 'handler', kind: 'reply', fileName: 'a.pdf' }]) {
        const text = words(detail);
        expect(text, action).toMatch(/[\u4e00-\u9fff]/);
        expect(text, action).not.toMatch(/[{}"]|undefined|null|NaN/);
      }
    }
  });

  it('says who by name, what in a sentence, which application as a link, when in Beijing time', () => {
    const line = auditLine(
      entry({ action: 'application.event', target: 'application:121', detail: { number: 'GK-2026-0012', type: 'reply', occurredOn: '2024-11-20', state: 'replied', via: 'web' }, ip: '::1' }),
      '/staff/demo',
    );
    expect(line).toEqual({
      who: '张三',
      what: '记录办理步骤：作出答复（已答复），日期2024-11-20',
      object: { text: '申请 GK-2026-0012', href: '/staff/demo/applications/121' },
      ip: '本机',
    });
    expect(auditLine(entry({ action: 'application.register', target: 'application:5', detail: { number: 'GK-2026-0012' } }), '/staff/demo').what).toBe('登记申请 GK-2026-0012');
    expect(auditLine(entry({ action: 'document.issue', target: 'document:9', detail: { kind: 'reply', number: '甲公开〔2024〕1号', applicationId: 5 } }), '/staff/demo').object).toEqual({
      text: '政府信息公开申请答复告知书 甲公开〔2024〕1号',
      href: '/staff/demo/documents/9',
    });
    expect(auditLine(entry({ action: 'catalogue.publish', target: 'catalogue:3', detail: { indexNumber: '000-2024-0001' } }), '/staff/demo').object?.href).toBe('/staff/demo/catalogue/3');
    expect(auditLine(entry({ action: 'records.case.create', target: 'review_case:4', detail: { caseNumber: '复字〔2024〕1号' } }), '/staff/demo').object?.href).toBe('/staff/demo/records/cases/4');
    // the platform's log links nowhere
    expect(auditLine(entry({ action: 'application.register', target: 'application:5', detail: {} }), null).object).toEqual({ text: '申请 5', href: null });
    // by the API, through the command line, nobody signed in
    expect(auditLine(entry({ action: 'application.register', detail: { via: 'api', number: 'X' } }), null).what).toBe('登记申请 X（通过接口）');
    expect(auditLine(entry({ action: 'user.disable', userId: null, username: null, displayName: null, detail: { via: 'cli' } }), null).who).toBe('命令行');
    expect(auditLine(entry({ action: 'login_failed', userId: null, username: null, displayName: null, detail: { reason: 'unknown_user' } }), null)).toMatchObject({ who: '未登录的访问者', what: '登录失败（用户名不存在）' });
    // no display name: the user name
    expect(auditLine(entry({ displayName: '' }), null).who).toBe('zhangsan');
  });

  it('an action it does not know reads as a line, not as JSON', () => {
    const line = auditLine(entry({ action: 'future.thing', target: 'gadget:3', detail: { secret: { nested: true } } }), '/staff/demo');
    expect(line.what).toBe('其他操作（future.thing）');
    expect(JSON.stringify(line)).not.toContain('nested');
  });

  it('loopback is 本机; other addresses stay as recorded', () => {
    expect(ipWords('127.0.0.1')).toBe('本机');
    expect(ipWords('::1')).toBe('本机');
    expect(ipWords('::ffff:127.0.0.1')).toBe('本机');
    expect(ipWords('203.0.113.9')).toBe('203.0.113.9');
    expect(ipWords(null)).toBeNull();
  });
});
