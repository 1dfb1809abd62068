// Composition root of the `gongkai` command.

import { Command, CommanderError, Help } from 'commander';
import { databaseCommands } from './cli/applications.ts';
import { calendarCommand } from './cli/calendar.ts';
import { publishDueCommand } from './cli/catalogue-publish.ts';
import { catalogueCommand } from './cli/catalogue.ts';
import { catalogueSearchCommand } from './cli/catalogue-search.ts';
import { dbCommand, exportCommand, importCommand } from './cli/db.ts';
import { demoCommand } from './cli/demo.ts';
import { setupCommand } from './cli/setup.ts';
import type { CalendarIo } from './cli/calendar.ts';
import { feeCommand } from './cli/fee.ts';
import { reportCommand } from './cli/report.ts';
import { reportDraftCommand } from './cli/report-draft.ts';
import { reportAggregateCommand } from './cli/report-aggregate.ts';
import { recordsCommand } from './cli/records.ts';
import { userCommand } from './cli/user.ts';
import { loadConfig } from './config.ts';
import { closeParsePool } from './services/parse-pool/index.ts';
import type { ConfigResult } from './config.ts';

const TITLES: Record<string, string> = { 'Usage:': '用法：', 'Options:': '选项：', 'Commands:': '命令：', 'Arguments:': '参数：', 'Global Options:': '全局选项：' };

class ChineseHelp extends Help {
  override styleTitle(title: string): string {
    return TITLES[title] ?? title;
  }
}

/** Commander's own errors, in Chinese. */
function commanderMessage(e: CommanderError): string {
  const arg = /'([^']+)'/.exec(e.message)?.[1] ?? '';
  switch (e.code) {
    case 'commander.unknownCommand':
      return `未知命令 ${arg}。运行 gongkai --help 查看可用命令。`;
    case 'commander.unknownOption':
      return `未知选项 ${arg}。运行带 --help 的命令查看可用选项。`;
    case 'commander.missingArgument':
      return `缺少参数 ${arg}。`;
    case 'commander.optionMissingArgument':
    case 'commander.missingMandatoryOptionValue':
      return `缺少必需的选项 ${arg}。`;
    case 'commander.invalidArgument':
      return `选项取值无效：${e.message.replace(/^error: /, '')}`;
    case 'commander.excessArguments':
      return '参数过多。';
    default:
      return e.message.replace(/^error: /, '');
  }
}

export function buildProgram(io: CalendarIo, setExit: (code: number) => void, config: () => ConfigResult = () => loadConfig()): Command {
  const program = new Command('gongkai')
    .description('gongkai（公开）：政府信息公开工作平台——年度报告的解析、检查与生成')
    .version('0.1.0', '-V, --version', '显示版本号')
    .helpOption('-h, --help', '显示帮助')
    .helpCommand('help [command]', '显示某个命令的帮助')
    .configureHelp({})
    .showSuggestionAfterError(false);
  const configure = (cmd: Command): void => {
    cmd.exitOverride();
    cmd.createHelp = () => Object.assign(new ChineseHelp(), cmd.configureHelp());
    cmd.configureOutput({ writeOut: (s) => io.out(s.replace(/\n$/, '')), writeErr: () => undefined, outputError: () => undefined });
    cmd.helpOption('-h, --help', '显示帮助');
    if (cmd.commands.length > 0) cmd.helpCommand('help [command]', '显示某个命令的帮助');
    for (const sub of cmd.commands) configure(sub);
  };
  const database = databaseCommands(io, setExit, config);
  program.addCommand(reportCommand(io, setExit, config).addCommand(database.compute).addCommand(database.cell));
  program.commands.find((c) => c.name() === 'report')?.addCommand(reportDraftCommand(io, setExit, config));
  program.commands.find((c) => c.name() === 'report')?.addCommand(reportAggregateCommand(io, setExit, config));
  program.addCommand(calendarCommand(io, setExit, config));
  program.addCommand(database.agency);
  program.addCommand(database.applications);
  program.addCommand(recordsCommand(io, setExit, config));
  program.addCommand(catalogueSearchCommand(io, setExit, config, catalogueCommand(io, setExit, config).addCommand(publishDueCommand(io, setExit, config))));
  program.addCommand(feeCommand(io, setExit));
  program.addCommand(dbCommand(io, setExit, config));
  program.addCommand(exportCommand(io, setExit, config));
  program.addCommand(importCommand(io, setExit, config));
  program.addCommand(setupCommand(io, setExit, config));
  program.addCommand(userCommand(io, setExit, config));
  program.addCommand(demoCommand(io, setExit, config));
  configure(program);
  return program;
}

/** Run the command line; returns the exit code. Never throws. */
export async function main(argv: string[], io: CalendarIo = defaultIo()): Promise<number> {
  let code = 0;
  const program = buildProgram(io, (c) => {
    code = c;
  });
  try {
    if (argv.length === 0) {
      program.outputHelp();
      return 0;
    }
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0;
      io.err(`gongkai：${commanderMessage(e)}`);
      return 2;
    }
    io.err(`gongkai：发生内部错误，操作未完成（${e instanceof Error ? e.message : String(e)}）。`);
    return 70;
  } finally {
    // the parse workers of report parse/check/publish and applications import: ended so the process exits
    await closeParsePool();
  }
}

function defaultIo(): CalendarIo {
  return {
    out: (s) => process.stdout.write(`${s}\n`),
    err: (s) => process.stderr.write(`${s}\n`),
    tty: Boolean(process.stderr.isTTY),
    interactive: Boolean(process.stdin.isTTY),
    now: () => new Date().toISOString(),
  };
}
