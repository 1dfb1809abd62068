// Composition root of the `gongkai` command.

import { Command, CommanderError, Help } from 'commander';
import type { CalendarIo } from './cli/calendar.ts';
import { COMMANDS, commandOf } from './cli/commands.ts';
import type { CommandEntry } from './cli/commands.ts';
import type { PasswordInput } from './cli/terminal.ts';
import { closeParsePool } from './services/parse-pool/shared.ts';
import { closePdfBrowser } from './services/pdf/warm-browser.ts';
import type { ConfigResult } from './config.ts';

const TITLES: Record<string, string> = { 'Usage:': '用法：', 'Options:': '选项：', 'Commands:': '命令：', 'Arguments:': '参数：', 'Global Options:': '全局选项：' };

/** The commands not loaded in this run: listed by `gongkai --help` with the term of commands.ts. */
const LISTED_ONLY = new WeakMap<Command, string>();

class ChineseHelp extends Help {
  override styleTitle(title: string): string {
    return TITLES[title] ?? title;
  }

  override subcommandTerm(cmd: Command): string {
    return LISTED_ONLY.get(cmd) ?? super.subcommandTerm(cmd);
  }
}

/** A command of the list that this run does not load (commandOf found another): never run. */
function listedOnly(entry: CommandEntry): Command {
  const cmd = new Command(entry.name)
    .description(entry.description)
    .allowUnknownOption()
    .allowExcessArguments()
    .action(() => {
      throw new Error(`命令 ${entry.name} 未载入`);
    });
  LISTED_ONLY.set(cmd, entry.term);
  return cmd;
}

/**
 * The configuration as the process has it: config.ts (with zod) is loaded before an action of the
 * program runs (a preAction hook, which commander calls for the actions of every subcommand), so that
 * a command's --help does not load it. The commands read the configuration only in their actions.
 */
function processConfig(program: Command): () => ConfigResult {
  let load: (() => ConfigResult) | undefined;
  program.hook('preAction', async () => {
    load ??= (await import('./config.ts')).loadConfig;
  });
  return () => {
    if (load === undefined) throw new Error('配置未读取');
    return load();
  };
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

/**
 * The program. Of the top-level commands, only the one argv runs (commandOf) is built, with the
 * modules it needs; the others are listed by name and description only. Without argv, all are built.
 */
export async function buildProgram(io: CalendarIo, setExit: (code: number) => void, config?: () => ConfigResult, argv?: readonly string[], input?: PasswordInput): Promise<Command> {
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
  const wanted = argv === undefined ? undefined : commandOf(argv);
  let fromProcess: (() => ConfigResult) | undefined;
  for (const entry of COMMANDS) {
    if (argv !== undefined && entry.name !== wanted) {
      program.addCommand(listedOnly(entry));
      continue;
    }
    const settings = config ?? (entry.configured ? (fromProcess ??= processConfig(program)) : () => ({ ok: false as const, errors: ['配置未读取'] }));
    program.addCommand(await entry.build({ io, setExit, config: settings, ...(input === undefined ? {} : { input }) }));
  }
  configure(program);
  return program;
}

/** What a run in this process may be given instead of the process's own (tests): the configuration, where passwords are read. */
export interface RunOptions {
  config?: () => ConfigResult;
  input?: PasswordInput;
}

/**
 * Run the command line in this process; returns the exit code. Never throws. The parse pool's workers
 * stay for the next run (main ends them).
 */
export async function runCommandLine(argv: string[], io: CalendarIo, options: RunOptions = {}): Promise<number> {
  let code = 0;
  try {
    const program = await buildProgram(
      io,
      (c) => {
        code = c;
      },
      options.config,
      argv,
      options.input,
    );
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
  }
}

/** Run the command line; returns the exit code. Never throws. */
export async function main(argv: string[], io: CalendarIo = defaultIo()): Promise<number> {
  try {
    return await runCommandLine(argv, io);
  } finally {
    // the parse workers of report parse/check/publish and applications import, the browser of a PDF:
    // ended so the process exits
    await Promise.all([closeParsePool(), closePdfBrowser()]);
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
