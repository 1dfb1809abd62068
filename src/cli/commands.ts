// The top-level commands of `gongkai`, declared without loading them: what the command list of
// `gongkai --help` shows for each (the term and the description) and how to build it. src/cli.ts
// builds only the command being run and lists the others from here, so `gongkai --help` or
// `gongkai fee piece 12` starts without the few hundred modules of the other commands.
// test/cli-commands.test.ts checks this list against the commands the modules build: a description
// changed in a module must be changed here too.

import type { Command } from 'commander';
import type { ConfigResult } from '../config.ts';
import type { CalendarIo } from './calendar.ts';
import type { PasswordInput } from './terminal.ts';

export interface CommandContext {
  io: CalendarIo;
  setExit: (code: number) => void;
  /** the configuration, read when a command runs (only commands with `configured` get a working one) */
  config: () => ConfigResult;
  /** where `setup` and `user reset-password` read a password (absent: the process's standard input and terminal) */
  input?: PasswordInput;
}

export interface CommandEntry {
  name: string;
  /** as the command list shows it (commander's subcommandTerm): the name, [options], the arguments */
  term: string;
  description: string;
  /** whether the command reads the configuration (data folder, database) */
  configured: boolean;
  /** the command with its options, arguments and subcommands; loads its modules */
  build: (context: CommandContext) => Promise<Command>;
}

const entry = (name: string, description: string, build: CommandEntry['build'], term = name, configured = true): CommandEntry => ({ name, term, description, configured, build });

/** In the order of the command list. */
export const COMMANDS: readonly CommandEntry[] = [
  entry('report', '年度报告：解析、检查勾稽关系、生成文档、在公开专栏发布', async ({ io, setExit, config }) => {
    const [{ reportCommand }, { reportComputeCommands }, { reportDraftCommand }, { reportAggregateCommand }] = await Promise.all([
      import('./report.ts'),
      import('./report-compute.ts'),
      import('./report-draft.ts'),
      import('./report-aggregate.ts'),
    ]);
    const database = reportComputeCommands(io, setExit, config);
    return reportCommand(io, setExit, config).addCommand(database.compute).addCommand(database.cell).addCommand(reportDraftCommand(io, setExit, config)).addCommand(reportAggregateCommand(io, setExit, config));
  }),
  entry('calendar', '工作日日历：节假日与调休、工作日计算、录入国务院办公厅的放假通知', async ({ io, setExit, config }) => (await import('./calendar.ts')).calendarCommand(io, setExit, config)),
  entry('agency', '机关：创建、查看和设置', async ({ io, setExit, config }) => (await import('./applications.ts')).databaseCommands(io, setExit, config).agency),
  entry('applications', '依申请公开：台账导入与导出、查看申请、登记文书送达、导出归档案卷', async ({ io, setExit, config }) => (await import('./applications.ts')).databaseCommands(io, setExit, config).applications),
  entry('amendments', '更正申请（条例第四十一条）：列出机关登记的更正申请及其办理期限和结果', async ({ io, setExit, config }) => (await import('./amendments.ts')).amendmentsCommand(io, setExit, config)),
  entry('complaints', '投诉、举报（条例第五十一条）：列出机关作为上一级机关受理的投诉、举报及其答复期限和结果', async ({ io, setExit, config }) => (await import('./complaints.ts')).complaintsCommand(io, setExit, config)),
  entry('records', '年度报告的数据：表二的处理决定数量和收费金额、表四的行政复议和行政诉讼案件', async ({ io, setExit, config }) => (await import('./records.ts')).recordsCommand(io, setExit, config)),
  entry('catalogue', '主动公开：政府信息目录的导入、导出、检索与定时发布', async ({ io, setExit, config }) => {
    const [{ catalogueCommand }, { publishDueCommand }, { catalogueSearchCommand }] = await Promise.all([import('./catalogue.ts'), import('./catalogue-publish.ts'), import('./catalogue-search.ts')]);
    return catalogueSearchCommand(io, setExit, config, catalogueCommand(io, setExit, config).addCommand(publishDueCommand(io, setExit, config)));
  }),
  entry('fee', '计算信息处理费（国办函〔2020〕109号，超额累进）：按件计收或按量计收，一件申请只用其中一种', async ({ io, setExit }) => (await import('./fee.ts')).feeCommand(io, setExit), 'fee', false),
  entry('db', '数据库：结构迁移', async ({ io, setExit, config }) => (await import('./db.ts')).dbCommand(io, setExit, config)),
  entry(
    'export',
    '把整个数据库导出为一个归档文件（gzip 压缩的 NDJSON，权限 0600），用于备份或迁移到另一种数据库；不含平台密钥和登录会话',
    async ({ io, setExit, config }) => (await import('./db.ts')).exportCommand(io, setExit, config),
    'export [options] <archive>',
  ),
  entry(
    'import',
    '把归档文件导入一个空的数据库（保留编号；目标数据库已有数据时拒绝导入）；导入后生成新的平台密钥，所有人须重新登录',
    async ({ io, setExit, config }) => (await import('./db.ts')).importCommand(io, setExit, config),
    'import [options] <archive>',
  ),
  entry('setup', '初始设置：创建第一个机关和它的管理员（平台管理员）；与首次打开网页时的设置相同，只能进行一次', async ({ io, setExit, config, input }) => (await import('./setup.ts')).setupCommand(io, setExit, config, input), 'setup [options]'),
  entry('user', '用户账号：列出用户，重置密码，解除锁定，停用与启用，设置平台管理员（忘记密码或被锁定时在服务器上恢复访问）', async ({ io, setExit, config, input }) => (await import('./user.ts')).userCommand(io, setExit, config, input)),
  entry('demo', '载入演示机关（示范市自然资源和规划局，代码 demo）及其一年的申请、文书和年报，供体验平台；只能载入一次', async ({ io, setExit, config }) => (await import('./demo.ts')).demoCommand(io, setExit, config)),
];

/**
 * The top-level command that argv runs, or shows the help of (`help <command>`): the first argument
 * that is not an option (the program's own options take no value), or the one after `--`.
 */
export function commandOf(argv: readonly string[]): string | undefined {
  let i = 0;
  while (i < argv.length && argv[i]!.startsWith('-') && argv[i] !== '--') i++;
  if (argv[i] === '--') i++;
  const name = argv[i];
  return name === 'help' ? argv[i + 1] : name;
}
