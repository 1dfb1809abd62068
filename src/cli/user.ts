// `gongkai user …`: staff accounts from the server's command line — the way back in when the only
// administrator has forgotten their password or locked themselves out, and the one place where platform
// administrators are granted and revoked. Whoever runs the command acts as a platform administrator
// (accounts.ts COMMAND_LINE; the audit log marks the entries "via cli"). A running server sees every
// change at once: sessions and accounts are read from the database on each request.
//
//   gongkai user list
//   gongkai user reset-password <username> [--generate | --password-stdin] [--revoke-tokens]
//   gongkai user unlock <username>
//   gongkai user disable|enable <username>
//   gongkai user grant-platform-admin|revoke-platform-admin <username>
//
// The new password never goes on the command line: typed twice without echo on a terminal, read from
// standard input (--password-stdin, or whenever standard input is not a terminal; its first line), or
// generated (--generate) and printed once. A refusal prints the service's Chinese message and exits 2.

import { Command } from 'commander';
import type { ConfigResult } from '../config.ts';
import type { DomainError } from '../domain/applications/types.ts';
import type { AccountView, Role } from '../services/accounts.ts';
import type { Database } from '../services/database.ts';
import type { CalendarIo } from './calendar.ts';
import { textTable } from './output.ts';
import { processInput } from './terminal.ts';
import type { PasswordInput } from './terminal.ts';
import { databaseRunner } from './run.ts';

/** The accounts service, loaded by the actions that call it (`gongkai user --help` loads none of it). */
const accounts = () => import('../services/accounts.ts');

const USAGE = 2;


const named = (a: { displayName: string; username: string }): string => `${a.displayName}（${a.username}）`;

/** 正常 / 已停用, 登录受限至 … (the back-off, Beijing time), 平台管理员. */
function status(a: AccountView): string {
  const parts = [a.disabled ? '已停用' : '正常'];
  if (a.lockedUntil) parts.push(`登录受限至${new Date(Date.parse(a.lockedUntil) + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ')}（北京时间，仅限未登录过的网络）`);
  if (a.platformAdmin) parts.push('平台管理员');
  return parts.join('，');
}

function rolesText(a: AccountView, ROLE_LABELS: Record<Role, string>): string {
  const byAgency = new Map<string, string[]>();
  for (const m of a.memberships) byAgency.set(m.agencyCode, [...(byAgency.get(m.agencyCode) ?? []), ROLE_LABELS[m.role as Role] ?? m.role]);
  return byAgency.size === 0 ? '—' : [...byAgency].map(([code, roles]) => `${code}：${roles.join('、')}`).join('；');
}

export function userCommand(io: CalendarIo, setExit: (code: number) => void, config: () => ConfigResult, input: PasswordInput = processInput): Command {
  const withDatabase = databaseRunner(io, setExit, config);
  const refused = (error: Pick<DomainError, 'message'>): number => {
    io.err(`gongkai：${error.message}`);
    return USAGE;
  };
  /** The account of a username, or a refusal printed. */
  const accountOf = async (db: Database['db'], username: string): Promise<AccountView | null> => {
    const { findAccount } = await accounts();
    const account = await findAccount(db, username, io.now());
    if (!account) refused({ message: `没有用户名为“${username}”的用户。运行 gongkai user list 查看所有用户。` });
    return account;
  };

  const user = new Command('user').description('用户账号：列出用户，重置密码，解除锁定，停用与启用，设置平台管理员（忘记密码或被锁定时在服务器上恢复访问）');

  user
    .command('list')
    .description('列出所有用户：用户名、姓名、机关与角色、状态（已停用、登录受限、平台管理员）')
    .action(() =>
      withDatabase(async ({ db }) => {
        const { listUsers, ROLE_LABELS } = await accounts();
        const users = await listUsers(db, io.now());
        if (users.length === 0) {
          io.out('还没有用户。运行 gongkai setup 完成初始设置。');
          return 0;
        }
        io.out(
          textTable(
            ['用户名', '姓名', '机关：角色', '状态'],
            users.map((u) => [u.username, u.displayName, rolesText(u, ROLE_LABELS), status(u)]),
          ),
        );
        return 0;
      })(),
    );

  user
    .command('reset-password')
    .description('重置用户的密码：解除锁定，结束其全部登录会话；新密码在终端上输入两次（不显示），或从标准输入读取，或由系统生成')
    .argument('<username>', '用户名')
    .option('--generate', '由系统生成新密码并打印（只显示这一次）')
    .option('--password-stdin', '从标准输入读取新密码（第一行）；标准输入不是终端时也这样读取')
    .option('--revoke-tokens', '同时撤销该用户的全部接口令牌（怀疑账号被他人使用时）')
    .action((username: string, opts: { generate?: boolean; passwordStdin?: boolean; revokeTokens?: boolean }) =>
      withDatabase(async ({ db }) => {
        if (opts.generate && opts.passwordStdin) return refused({ message: '--generate 与 --password-stdin 只能选一个。' });
        const { COMMAND_LINE, MIN_PASSWORD_LENGTH, resetPassword } = await accounts();
        const account = await accountOf(db, username);
        if (!account) return USAGE;
        let password = '';
        if (!opts.generate) {
          try {
            if (opts.passwordStdin || !io.interactive) {
              password = (await input.readStdin()).split(/\r?\n/)[0] ?? '';
              if (password === '')
                return refused({
                  message: `没有从标准输入读到新密码，未做任何修改。用法示例：printf "%s\\n" "$PASSWORD" | gongkai user reset-password ${account.username} --password-stdin；或加 --generate 由系统生成。`,
                });
            } else {
              password = await input.promptHidden(`请输入 ${named(account)}的新密码（至少${MIN_PASSWORD_LENGTH}个字符，不能包含用户名，不能是常见或容易猜中的密码；输入时不显示）：`);
              if (password === '') return refused({ message: '没有输入新密码，未做任何修改。如需由系统生成，请加 --generate。' });
              const again = await input.promptHidden('请再次输入新密码：');
              if (password !== again) return refused({ message: '两次输入的密码不一致，未做任何修改。' });
            }
          } catch (e) {
            return refused({ message: e instanceof Error ? e.message : String(e) });
          }
        }
        const r = await resetPassword(db, { userId: account.userId, password, revokeTokens: opts.revokeTokens === true }, io.now(), COMMAND_LINE);
        if (!r.ok) return refused(r.error);
        io.out(`已重置 ${named(account)}的密码并解除锁定；已结束其 ${r.value.sessionsEnded} 个登录会话。`);
        io.out(r.value.tokensRevoked > 0 ? `已撤销其 ${r.value.tokensRevoked} 个接口令牌。` : '其接口令牌未作改动（如需一并作废，加 --revoke-tokens 再重置一次）。');
        if (account.disabled) io.out(`注意：该账号已停用，需要时用 gongkai user enable ${account.username} 启用。`);
        if (r.value.generatedPassword !== null) {
          io.out(`新密码（只显示这一次）：${r.value.generatedPassword}`);
          io.out('请当面或通过可靠渠道告知本人，并提醒其登录后立即在“我的账号”中修改密码。');
        }
        return 0;
      })(),
    );

  user
    .command('unlock')
    .description('解除因密码多次输错而对未登录过的网络施加的登录限制，并将输错次数清零')
    .argument('<username>', '用户名')
    .action((username: string) =>
      withDatabase(async ({ db }) => {
        const account = await accountOf(db, username);
        if (!account) return USAGE;
        const { COMMAND_LINE, unlock } = await accounts();
        const r = await unlock(db, account.userId, io.now(), COMMAND_LINE);
        if (!r.ok) return refused(r.error);
        io.out(r.value.wasLocked ? `已解除 ${named(account)}的锁定。` : `${named(account)}的账号没有被锁定；已将密码输错次数清零。`);
        return 0;
      })(),
    );

  for (const [name, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const) {
    user
      .command(name)
      .description(disabled ? '停用账号：立即结束其全部登录会话，不能再登录，接口令牌也不能再使用（可再启用）' : '启用已停用的账号')
      .argument('<username>', '用户名')
      .action((username: string) =>
        withDatabase(async ({ db }) => {
          const account = await accountOf(db, username);
          if (!account) return USAGE;
          const { COMMAND_LINE, setDisabled } = await accounts();
          const r = await setDisabled(db, account.userId, disabled, io.now(), COMMAND_LINE);
          if (!r.ok) return refused(r.error);
          if (!r.value.changed) io.out(`${named(account)}的账号本来就已${disabled ? '停用' : '启用'}，未做修改。`);
          else io.out(disabled ? `已停用 ${named(account)}的账号，并结束其 ${r.value.sessionsEnded} 个登录会话。` : `已启用 ${named(account)}的账号。`);
          return 0;
        })(),
      );
  }

  for (const [name, grant] of [
    ['grant-platform-admin', true],
    ['revoke-platform-admin', false],
  ] as const) {
    user
      .command(name)
      .description(grant ? '设为平台管理员（可进入所有机关、创建机关、管理所有用户的账号）' : '取消平台管理员身份（不能取消最后一位在用的平台管理员）')
      .argument('<username>', '用户名')
      .action((username: string) =>
        withDatabase(async ({ db }) => {
          const account = await accountOf(db, username);
          if (!account) return USAGE;
          const { COMMAND_LINE, setPlatformAdmin } = await accounts();
          const r = await setPlatformAdmin(db, account.userId, grant, io.now(), COMMAND_LINE);
          if (!r.ok) return refused(r.error);
          if (!r.value.changed) io.out(`${named(account)}${grant ? '已经是' : '本来就不是'}平台管理员，未做修改。`);
          else io.out(grant ? `已将 ${named(account)}设为平台管理员。` : `已取消 ${named(account)}的平台管理员身份。`);
          return 0;
        })(),
      );
  }

  return user;
}
