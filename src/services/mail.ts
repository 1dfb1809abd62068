// E-mail out (issue #13's reminders, "e-mail where configured"): plain-text UTF-8 messages through the SMTP
// server of the configuration (GONGKAI_SMTP_URL, GONGKAI_MAIL_FROM), with nodemailer — loaded only when
// something is sent. Each message has a deadline (connection included); every failure comes back as one
// Chinese sentence, never a stack, and never with the server's user name or password in it. Callers send
// after their transaction has committed: an e-mail is never inside one.

import type { MailConfig } from '../config.ts';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

/**
 * ok, or why not. `serverDown`: the server itself could not be used (not found, refused, timed out, TLS,
 * login): the other messages of the same batch would fail the same way.
 */
export type MailOutcome = { ok: true } | { ok: false; error: string; serverDown: boolean };

export interface Mailer {
  send(message: MailMessage): Promise<MailOutcome>;
  /** ends the connections (always call it) */
  close(): void;
}

/** The longest error text kept (the reminders' email_error allows 500). */
const ERROR_MAX = 300;

interface SmtpError {
  code?: string;
  command?: string;
  response?: string;
  responseCode?: number;
  message?: string;
}

/** The server's own words, cut short and without anything secret or unprintable. */
function serverSaid(e: SmtpError, secrets: string[]): string {
  let said = (e.response ?? e.message ?? '').replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  for (const s of secrets) if (s.length >= 3) said = said.split(s).join('***');
  return said.length > 160 ? `${said.slice(0, 160)}…` : said;
}

/** A failure of nodemailer in one Chinese sentence (exported for the tests of each case). */
export function mailError(error: unknown, config: Pick<MailConfig, 'host' | 'port' | 'from' | 'credentials'>, to: string): { error: string; serverDown: boolean } {
  const e = (error ?? {}) as SmtpError;
  const creds = config.credentials();
  const said = serverSaid(e, creds ? [creds.user, creds.pass] : []);
  const where = `${config.host}:${config.port}`;
  const message = e.message ?? '';
  const reply = said ? `（服务器答复：${said}）` : '';
  let out: { error: string; serverDown: boolean };
  if (e.code === 'EDNS') out = { error: `找不到邮件服务器 ${config.host}（域名无法解析）。`, serverDown: true };
  else if (/ECONNREFUSED/.test(message)) out = { error: `邮件服务器 ${where} 拒绝连接（服务未运行或端口不对）。`, serverDown: true };
  else if (e.code === 'ETIMEDOUT' || /ETIMEDOUT|timeout/i.test(message)) out = { error: `连接邮件服务器 ${where} 超时。`, serverDown: true };
  else if (e.code === 'ETLS' || /SSL|TLS|certificate/i.test(message)) out = { error: `与邮件服务器 ${where} 建立加密连接失败（smtps:// 用于加密端口如465，smtp:// 用于587或25）。`, serverDown: true };
  else if (e.code === 'EAUTH') out = { error: `邮件服务器 ${where} 拒绝登录：用户名或密码不对，或该账号不能发信。`, serverDown: true };
  else if (e.code === 'EENVELOPE' && e.command === 'MAIL FROM') out = { error: `邮件服务器不接受发件人 ${config.from.address}${reply}。`, serverDown: true };
  else if (e.code === 'EENVELOPE') out = { error: `邮件服务器不接受收件地址 ${to}${reply}。`, serverDown: false };
  else if (e.code === 'EMESSAGE' || typeof e.responseCode === 'number') out = { error: `邮件服务器拒收这封邮件${reply}。`, serverDown: false };
  else if (e.code === 'ESOCKET' || e.code === 'ECONNECTION' || e.code === 'EPROTOCOL') out = { error: `与邮件服务器 ${where} 的连接出错${reply}。`, serverDown: true };
  else out = { error: `邮件发送失败（${e.code ?? '未知错误'}）。`, serverDown: false };
  return { error: out.error.slice(0, ERROR_MAX), serverDown: out.serverDown };
}

/** A sender over the configured server: a small pool of connections, reused for a batch. */
export async function openMailer(config: MailConfig): Promise<Mailer> {
  const nodemailer = (await import('nodemailer')).default;
  const creds = config.credentials();
  const step = Math.min(config.timeoutMs, 15_000);
  const transport = nodemailer.createTransport({
    pool: true,
    maxConnections: 2,
    host: config.host,
    port: config.port,
    secure: config.secure,
    ...(creds ? { auth: { user: creds.user, pass: creds.pass } } : {}),
    connectionTimeout: step,
    greetingTimeout: step,
    socketTimeout: config.timeoutMs,
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  const from = { name: config.from.name, address: config.from.address };
  return {
    async send(message) {
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), config.timeoutMs);
      });
      try {
        const sent = transport.sendMail({ from, to: message.to, subject: message.subject, text: message.text, textEncoding: 'base64' }).then(
          () => null,
          (e: unknown) => e ?? new Error('unknown'),
        );
        const result = await Promise.race([sent, deadline]);
        if (result === null) return { ok: true };
        if (result === 'timeout') return { ok: false, error: `邮件服务器在${Math.round(config.timeoutMs / 1000)}秒内没有完成发送（可能未发出）。`, serverDown: true };
        return { ok: false, ...mailError(result, config, message.to) };
      } finally {
        clearTimeout(timer);
      }
    },
    close() {
      transport.close();
    },
  };
}
