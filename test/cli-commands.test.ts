// The lazy command list (src/cli/commands.ts): it agrees with the commands the modules build, a run
// lists the same help whichever command it loaded, and `gongkai --help` / `gongkai fee piece 12` load
// only the modules they need (traced in a real process of the compiled bin).

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Command } from 'commander';
import { afterAll, describe, expect, it } from 'vitest';
import { buildProgram } from '../src/cli.ts';
import { COMMANDS, commandOf } from '../src/cli/commands.ts';
import type { ConfigResult } from '../src/config.ts';
import { BIN, ROOT } from './support/cli.ts';

const io = () => {
  const out: string[] = [];
  return { out, io: { out: (s: string) => out.push(s), err: () => undefined, tty: false, interactive: false, now: () => '2025-02-01T02:00:00.000Z' } };
};
const noConfig = (): ConfigResult => ({ ok: false, errors: ['test'] });
const rootHelp = async (argv?: string[]) => {
  const { out, io: i } = io();
  const program = await buildProgram(i, () => undefined, noConfig, argv);
  program.outputHelp();
  return { text: out.join('\n'), program };
};

describe('the command list', () => {
  it('agrees with the commands the modules build: names, order, terms, descriptions', async () => {
    const { program } = await rootHelp();
    const help = program.createHelp();
    const built = program.commands.map((c: Command) => ({ name: c.name(), term: help.subcommandTerm(c), description: c.description() }));
    expect(COMMANDS.map(({ name, term, description }) => ({ name, term, description }))).toEqual(built);
  });

  it('shows the same help whichever command a run loaded', async () => {
    const all = (await rootHelp()).text;
    expect(all).toContain('export [options] <archive>');
    for (const argv of [[], ['fee', 'piece', '12'], ['report', 'parse'], ['help', 'export'], ['nope']]) expect((await rootHelp(argv)).text).toBe(all);
  });

  it('builds only the command argv names', async () => {
    const { program } = await rootHelp(['fee', 'piece', '12']);
    const sub = (name: string) => program.commands.find((c) => c.name() === name)!.commands.map((c) => c.name());
    expect(sub('fee')).toContain('piece');
    expect(sub('report')).toEqual([]);
    expect(sub('user')).toEqual([]);
    // a command only listed never runs as if it were there
    await expect(program.parseAsync(['user', 'list'], { from: 'user' })).rejects.toThrow('命令 user 未载入');
  });

  it('lists applications archive with its options in Chinese', async () => {
    const { program } = await rootHelp(['applications', 'archive', '--help']);
    const archive = program.commands.find((c) => c.name() === 'applications')!.commands.find((c) => c.name() === 'archive');
    expect(archive?.description()).toContain('归档的申请案卷');
    const help = archive!.helpInformation();
    for (const option of ['--agency <code>', '--year <y>', '--out <file.zip>', '--force']) expect(help).toContain(option);
    expect(help).toContain('按“归档”步骤的日期');
  });

  it('finds the command of argv', () => {
    expect(commandOf([])).toBeUndefined();
    expect(commandOf(['--help'])).toBeUndefined();
    expect(commandOf(['fee', 'piece', '12'])).toBe('fee');
    expect(commandOf(['-V', 'report'])).toBe('report');
    expect(commandOf(['help', 'user'])).toBe('user');
    expect(commandOf(['help'])).toBeUndefined();
    expect(commandOf(['--', 'db', 'migrate'])).toBe('db');
  });
});

describe('gongkai loads only what it runs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-loads-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  // a module hook (in Node's loader thread) that writes every module loaded to a file
  const hook = (file: string) =>
    `data:text/javascript,${encodeURIComponent(`import { appendFileSync } from 'node:fs';
export async function load(url, context, next) { appendFileSync(${JSON.stringify(file)}, url + '\\n'); return next(url, context); }`)}`;
  const traced = (name: string, args: string[]): string => {
    const file = join(dir, name);
    const register = `data:text/javascript,${encodeURIComponent(`import { register } from 'node:module'; register(${JSON.stringify(hook(file))});`)}`;
    const r = spawnSync(process.execPath, ['--import', register, ...args], { cwd: ROOT, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    return file;
  };
  const loads = (name: string, args: string[]) => {
    const file = traced(name, [BIN, ...args]);
    const dist = pathToFileURL(join(ROOT, 'dist')).href;
    // a file of the bundle (scripts/build.mjs bundleEntries) stands for the sources it holds
    const bundled = JSON.parse(readFileSync(join(ROOT, 'dist', 'bundle', 'inputs.json'), 'utf8')) as Record<string, string[]>;
    const loaded = readFileSync(file, 'utf8')
      .split('\n')
      .filter((u) => u.startsWith(`${dist}/`))
      .map((u) => u.slice(dist.length + 1));
    expect(loaded.filter((f) => !f.startsWith('bundle/'))).toEqual([]); // the launcher runs the bundle
    return [...new Set(loaded.flatMap((f) => bundled[f.slice('bundle/'.length)] ?? [`unknown ${f}`]))].map((f) => f.replace(/^src\//, '').replace(/\.tsx?$/, '.js')).sort();
  };

  it('--help: the program and the command list', () => {
    expect(loads('help', ['--help'])).toEqual(['cli.js', 'cli/commands.js', 'services/parse-pool/shared.js', 'services/pdf/warm-browser.js']);
  });

  it('the server: loading it loads no parser, document writer, validator, worker pool or database driver (each comes with its first use)', () => {
    const server = pathToFileURL(join(ROOT, 'dist', 'bundle', 'server.js')).href;
    const file = traced('server', ['--input-type=module', '-e', `await import(${JSON.stringify(server)});`]);
    const packages = new Set(
      readFileSync(file, 'utf8')
        .split('\n')
        .flatMap((u) => /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(u)?.[1] ?? []),
    );
    for (const heavy of ['docx', 'exceljs', 'ajv', 'jszip', 'mammoth', 'sanitize-html', 'piscina', '@zxcvbn-ts/core', 'pg', '@electric-sql/pglite', 'echarts', 'nodemailer']) expect(packages, heavy).not.toContain(heavy);
    expect(packages).toContain('@node-rs/argon2'); // the trace sees packages: what the server does load
  });

  it('report --help: the subcommands without the services their actions call (no database, no parser, no renderer, no configuration)', () => {
    const loaded = loads('report-help', ['report', '--help']);
    expect(loaded).toContain('cli/report.js');
    for (const heavy of [
      'services/report-publish.js',
      'services/report-aggregate.js',
      'services/report-draft.js',
      'services/report-check.js',
      'services/report-files.js',
      'services/report-compute.js',
      'services/table-three.js',
      'services/database.js',
      'db/connect.js',
      'domain/report/render/index.js',
      'config.js',
      'cli/applications.js',
    ])
      expect(loaded, heavy).not.toContain(heavy);
  });

  it('the --help of every other command family: no service but the leaf modules of its constants, no database, no configuration', () => {
    const leaves = ['services/parse-pool/shared.js', 'services/pdf/warm-browser.js', 'services/agency-site-fields.js', 'services/column-pages.js', 'services/archive/defaults.js'];
    for (const name of ['calendar', 'agency', 'applications', 'records', 'catalogue', 'user', 'db', 'export', 'import', 'setup', 'demo']) {
      const loaded = loads(`${name}-help`, [name, '--help']);
      expect(loaded, name).toContain('cli/commands.js');
      expect(
        loaded.filter((f) => (f.startsWith('services/') && !leaves.includes(f)) || f.startsWith('db/') || f === 'config.js'),
        name,
      ).toEqual([]);
    }
  });

  it('fee piece 12: and the fee command with its domain module', () => {
    expect(loads('fee', ['fee', 'piece', '12'])).toEqual(['cli.js', 'cli/commands.js', 'cli/fee.js', 'domain/fees/fees.js', 'services/parse-pool/shared.js', 'services/pdf/warm-browser.js']);
  });
});
