// E-mail configuration (GONGKAI_SMTP_URL, GONGKAI_MAIL_FROM; issue #13's reminders): unset means no e-mail;
// what is wrong stops the start in Chinese without ever repeating the URL (it may hold a password); the
// loaded configuration shows no password to JSON or console.log; nodemailer's failures in one Chinese
// sentence each, the server's user name and password masked even when the server repeats them.

import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { loadConfig, type MailConfig } from '../../src/config.ts';
import { mailError } from '../../src/services/mail.ts';

const SECRET = 's3cr%40t-pass';
const FROM = '示范市政务公开办 <gongkai@example.gov.cn>';

describe('GONGKAI_SMTP_URL and GONGKAI_MAIL_FROM', () => {
  it('unset or empty: no e-mail, the platform as before', () => {
    for (const env of [{}, { GONGKAI_SMTP_URL: '', GONGKAI_MAIL_FROM: ' ' }]) {
      const r = loadConfig(env);
      expect(r.ok && r.config.mail).toBeUndefined();
    }
  });

  it('both set: the server, port, TLS, the sender and the credentials decoded; none of the password in JSON or inspect', () => {
    const r = loadConfig({ GONGKAI_SMTP_URL: `smtps://user%40example.gov.cn:${SECRET}@mail.example.gov.cn`, GONGKAI_MAIL_FROM: FROM });
    if (!r.ok) throw new Error(r.errors.join());
    const mail = r.config.mail as MailConfig;
    expect(mail).toMatchObject({ server: 'smtps://mail.example.gov.cn', host: 'mail.example.gov.cn', port: 465, secure: true, from: { name: '示范市政务公开办', address: 'gongkai@example.gov.cn' } });
    expect(mail.credentials()).toEqual({ user: 'user@example.gov.cn', pass: 's3cr@t-pass' });
    for (const shown of [JSON.stringify(r.config), inspect(r.config, { depth: 10 })]) {
      expect(shown).not.toContain('s3cr');
      expect(shown).not.toContain('user@example.gov.cn');
    }
    const plain = loadConfig({ GONGKAI_SMTP_URL: 'smtp://mail.example.gov.cn:25', GONGKAI_MAIL_FROM: 'gongkai@example.gov.cn' });
    expect(plain.ok && plain.config.mail).toMatchObject({ port: 25, secure: false, from: { name: '', address: 'gongkai@example.gov.cn' } });
    expect(plain.ok && plain.config.mail?.credentials()).toBeNull();
  });

  it('what is wrong stops the start in Chinese, and the URL is never repeated', () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{ GONGKAI_SMTP_URL: `http://u:${SECRET}@mail.example.gov.cn`, GONGKAI_MAIL_FROM: FROM }, /应以 smtps:\/\/.*开头/],
      [{ GONGKAI_SMTP_URL: `mail.example.gov.cn ${SECRET}`, GONGKAI_MAIL_FROM: FROM }, /不是有效的地址/],
      [{ GONGKAI_SMTP_URL: `smtps://u:${SECRET}@mail.example.gov.cn:465/x?tls=1`, GONGKAI_MAIL_FROM: FROM }, /不能有路径或参数/],
      [{ GONGKAI_SMTP_URL: `smtps://:${SECRET}@mail.example.gov.cn`, GONGKAI_MAIL_FROM: FROM }, /有密码而没有用户名/],
      [{ GONGKAI_SMTP_URL: `smtps://u:${SECRET}@mail.example.gov.cn` }, /GONGKAI_MAIL_FROM 未设置/],
      [{ GONGKAI_MAIL_FROM: FROM }, /GONGKAI_SMTP_URL 未设置/],
      [{ GONGKAI_SMTP_URL: `smtps://u:${SECRET}@mail.example.gov.cn`, GONGKAI_MAIL_FROM: '政务公开办 <not an address>' }, /GONGKAI_MAIL_FROM 无效：“政务公开办 <not an address>”不是有效的发件人/],
    ];
    for (const [env, message] of cases) {
      const r = loadConfig(env);
      expect(r.ok, JSON.stringify(env)).toBe(false);
      if (r.ok) continue;
      expect(r.errors.join('\n')).toMatch(message);
      expect(r.errors.join('\n')).toMatch(/^环境变量 GONGKAI_(SMTP_URL|MAIL_FROM) (无效|未设置)：/);
      expect(r.errors.join('\n')).not.toContain('s3cr');
    }
  });
});

describe('mailError', () => {
  const config = { host: 'mail.example.gov.cn', port: 465, from: { name: '', address: 'gongkai@example.gov.cn' }, credentials: () => ({ user: 'user@example.gov.cn', pass: 'topsecret' }) };
  it.each([
    [{ code: 'EDNS', message: 'getaddrinfo ENOTFOUND mail.example.gov.cn' }, '找不到邮件服务器 mail.example.gov.cn（域名无法解析）。', true],
    [{ code: 'ESOCKET', message: 'connect ECONNREFUSED 10.0.0.1:465' }, '邮件服务器 mail.example.gov.cn:465 拒绝连接（服务未运行或端口不对）。', true],
    [{ code: 'ETIMEDOUT', message: 'Greeting never received' }, '连接邮件服务器 mail.example.gov.cn:465 超时。', true],
    [{ code: 'ESOCKET', message: 'SSL routines:ssl3_get_record:wrong version number' }, '与邮件服务器 mail.example.gov.cn:465 建立加密连接失败（smtps:// 用于加密端口如465，smtp:// 用于587或25）。', true],
    [{ code: 'EAUTH', response: '535 user@example.gov.cn topsecret rejected' }, '邮件服务器 mail.example.gov.cn:465 拒绝登录：用户名或密码不对，或该账号不能发信。', true],
    [{ code: 'EENVELOPE', command: 'MAIL FROM', response: '553 sender topsecret not allowed' }, '邮件服务器不接受发件人 gongkai@example.gov.cn（服务器答复：553 sender *** not allowed）。', true],
    [{ code: 'EENVELOPE', command: 'RCPT TO', response: '550 No such user' }, '邮件服务器不接受收件地址 a@example.gov.cn（服务器答复：550 No such user）。', false],
    [{ code: 'EMESSAGE', response: '552 Message too big' }, '邮件服务器拒收这封邮件（服务器答复：552 Message too big）。', false],
    [new Error('something else'), '邮件发送失败（未知错误）。', false],
  ])('%o', (error, message, serverDown) => {
    expect(mailError(error, config, 'a@example.gov.cn')).toEqual({ error: message, serverDown });
  });
});
