// `gongkai setup`: the first start from the command line — the first agency and its administrator
// (a platform administrator), as the browser's /setup does. The password never goes on the command
// line: it is typed (twice, not echoed) on a terminal, or read from standard input (--password-stdin,
// or whenever standard input is not a terminal), first line.

import { Command, Option } from 'commander';
import type { ConfigResult } from '../config.ts';
import { AGENCY_LEVEL_LABELS } from '../domain/applications/types.ts';
import type { CalendarIo } from './calendar.ts';
import { processInput } from './terminal.ts';
import type { PasswordInput } from './terminal.ts';
import { inDatabase, runner, USAGE } from './run.ts';



interface SetupOptions {
  agencyCode: string;
  agencyName: string;
  level: string;
  documentPrefix?: string;
  admin: string;
  adminName: string;
  passwordStdin?: boolean;
}

export function setupCommand(io: CalendarIo, setExit: (code: number) => void, config: () => ConfigResult, input: PasswordInput = processInput): Command {
  return new Command('setup')
    .description('初始设置：创建第一个机关和它的管理员（平台管理员）；与首次打开网页时的设置相同，只能进行一次')
    .requiredOption('--agency-code <code>', '机关代码（字母、数字、下划线、连字符），如 zwjgsw')
    .requiredOption('--agency-name <name>', '机关名称，如 某某市人民政府办公室')
    .addOption(new Option('--level <level>', `级别：${Object.entries(AGENCY_LEVEL_LABELS).map(([k, v]) => `${k}（${v}）`).join('、')}`).default('department'))
    .option('--document-prefix <prefix>', '文号前缀（机关代字），如 中卫机关事务公开；不给出则按机关名称建议并打印出来')
    .requiredOption('--admin <username>', '管理员的用户名（登录用）')
    .requiredOption('--admin-name <name>', '管理员的姓名')
    .option('--password-stdin', '从标准输入读取管理员密码（第一行）；标准输入不是终端时也这样读取')
    .action((opts: SetupOptions) =>
      runner(io, setExit, config)(async (c) => {
        let password: string;
        try {
          if (opts.passwordStdin || !io.interactive) {
            password = (await input.readStdin()).split(/\r?\n/)[0] ?? '';
            if (password === '') {
              io.err('gongkai：没有从标准输入读到密码。用法示例：printf "%s\\n" "$PASSWORD" | gongkai setup … --password-stdin');
              return USAGE;
            }
          } else {
            password = await input.promptHidden('请设置管理员密码（至少10个字符，输入时不显示）：');
            const again = await input.promptHidden('请再次输入密码：');
            if (password !== again) {
              io.err('gongkai：两次输入的密码不一致，未做任何设置。');
              return USAGE;
            }
          }
        } catch (e) {
          io.err(`gongkai：${e instanceof Error ? e.message : String(e)}`);
          return USAGE;
        }
        return inDatabase(io, c, async ({ db }) => {
          // the services are loaded when the command runs (not for its --help)
          const [{ setupPlatform }, { agencySettings }] = await Promise.all([import('../services/setup.ts'), import('../services/agencies.ts')]);
          const r = await setupPlatform(
            db,
            {
              agency: { code: opts.agencyCode, name: opts.agencyName, level: opts.level, ...(opts.documentPrefix !== undefined ? { documentPrefix: opts.documentPrefix } : {}) },
              admin: { username: opts.admin, displayName: opts.adminName, password },
            },
            io.now(),
          );
          if (!r.ok) {
            io.err(`gongkai：${r.error.message}`);
            return USAGE;
          }
          const { agency, user } = r.value;
          io.out(`已完成初始设置：机关 ${agency.name}（${agency.code}，${AGENCY_LEVEL_LABELS[agency.level]}），管理员 ${user.displayName}（用户名 ${user.username}，平台管理员）。`);
          const settings = await agencySettings(db, agency.code);
          if (settings.ok) {
            io.out(`文号前缀（机关代字）：${settings.value.documentPrefix}${opts.documentPrefix === undefined ? '（按机关名称建议；如需修改：gongkai agency update --document-prefix）' : ''}`);
          }
          io.out('启动服务（npm start）后在 /staff/login 用该账号登录。');
          return 0;
        });
      })(),
    );
}
