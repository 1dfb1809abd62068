// `gongkai calendar …`: working days and the holiday arrangements.

import { readFile, writeFile } from 'node:fs/promises';
import { createInterface } from 'node:readline/promises';
import { Command, Option } from 'commander';
import type { ConfigResult } from '../config.ts';
import { chineseDate, parseIsoDate } from '../domain/calendar/dates.ts';
import type { CalendarActor, loadWorkingCalendar } from '../services/calendar-store.ts';
import type { Db } from '../services/database.ts';
import type { Io } from './report-shared.ts';
import { databaseRunner, inDatabase, runner, USAGE } from './run.ts';

/** The calendar's store, loaded by the actions that use it (`gongkai calendar --help` loads none of it). */
const store = () => import('../services/calendar-store.ts');

export interface CalendarIo extends Io {
  /** whether standard input is a terminal (to ask for confirmation) */
  interactive: boolean;
  /** now, as an ISO date-time (iCalendar DTSTAMP) */
  now: () => string;
}


/** After a change of the calendar: every open application's due dates recomputed and stored, and those that moved earlier listed. */
async function reportChanges(io: Pick<Io, 'out'>, db: Db, before: Awaited<ReturnType<typeof loadWorkingCalendar>>, today: string): Promise<void> {
  const [{ loadWorkingCalendar }, { recomputeDueDates }] = await Promise.all([store(), import('../services/due-date-changes.ts')]);
  const after = await loadWorkingCalendar(db);
  if (!before.ok || !after.ok) return;
  const changes = await recomputeDueDates(db, after.value, { today, before: before.value });
  io.out(`已重新计算${changes.open}件办理中申请的期限：${changes.earlierCount}项提前，${changes.later}项推后。`);
  for (const x of changes.earlier) io.out(`  提前：${x.agencyName} ${x.number} ${x.title} ${x.before} → ${x.after}${x.provisional ? '（暂定）' : ''}`);
}

export function calendarCommand(io: CalendarIo, setExit: (code: number) => void, config: () => ConfigResult): Command {
  const calendar = new Command('calendar').description('工作日日历：节假日与调休、工作日计算、录入国务院办公厅的放假通知');

  // the calendar is in the database (services/calendar-store.ts): every command opens it
  const withConfig = runner(io, setExit, config);
  const withDatabase = databaseRunner(io, setExit, config);
  const cli = (): CalendarActor => ({ userId: null, now: io.now(), via: 'cli' });
  const date = (text: string): number | null => {
    const d = parseIsoDate(text);
    if (d === null) io.err(`gongkai：日期“${text}”无效，请写成 YYYY-MM-DD，例如 2024-10-08。`);
    return d;
  };
  const fail = (message: string): number => {
    io.err(`gongkai：${message}`);
    return USAGE;
  };

  calendar
    .command('add')
    .description('某日之后第 n 个工作日（起算日不计入）')
    .argument('<date>', '起算日期 YYYY-MM-DD')
    .argument('<n>', '工作日数')
    .option('--explain', '逐日说明跳过的周末、节假日和计入的调休上班日')
    .option('--json', '输出 JSON：{"date": …, "provisional": …, "explain": […]}（provisional 为 true 时 provisionalYears 列出按法定节假日推算的年份）')
    .action((from: string, n: string, opts: { explain?: boolean; json?: boolean }) =>
      withDatabase(async ({ db }) => {
        const start = date(from);
        if (start === null) return USAGE;
        if (!/^\d{1,4}$/.test(n)) return fail(`工作日数“${n}”无效，请写一个非负整数。`);
        const [{ loadWorkingCalendar }, { explainAddition }] = await Promise.all([store(), import('../domain/calendar/index.ts')]);
        const cal = await loadWorkingCalendar(db);
        if (!cal.ok) return fail(cal.error);
        const r = explainAddition(cal.value, start, Number(n));
        if (!r.ok) return fail(r.error.message);
        const { date: due, provisional, provisionalYears, earliest, explain } = r.value;
        if (opts.json) io.out(JSON.stringify({ date: due, provisional, ...(provisional ? { provisionalYears, ...(earliest ? { earliest } : {}) } : {}), explain }, null, 1));
        else {
          io.out(provisional ? `${due}（暂定：${provisionalYears.join('、')}年的节假日安排尚未录入，按法定节假日推算${earliest ? `；如有调休最早可能为${earliest}` : ''}）` : due);
          if (opts.explain) for (const step of r.value.explain) io.out(`  ${step.text}`);
        }
        return 0;
      })(),
    );

  calendar
    .command('check')
    .description('某日是否工作日，以及原因')
    .argument('<date>', '日期 YYYY-MM-DD')
    .option('--json', '输出 JSON')
    .action((text: string, opts: { json?: boolean }) =>
      withDatabase(async ({ db }) => {
        const d = date(text);
        if (d === null) return USAGE;
        const { loadWorkingCalendar } = await store();
        const cal = await loadWorkingCalendar(db);
        if (!cal.ok) return fail(cal.error);
        const info = cal.value.day(d);
        if (!info.ok) return fail(info.error.message);
        io.out(opts.json ? JSON.stringify(info.value, null, 1) : `${info.value.text}${info.value.working ? '。' : '，不是工作日。'}`);
        return 0;
      })(),
    );

  calendar
    .command('import-notice')
    .description('录入国务院办公厅关于某年部分节假日安排的通知（粘贴其全文到文件），确认后保存')
    .argument('<file>', '通知全文的文本文件')
    .option('--yes', '不再询问，直接保存')
    .option('--year <year>', '通知标题缺失时指定年份')
    .action((file: string, opts: { yes?: boolean; year?: string }) =>
      withConfig(async (c) => {
        let text: string;
        try {
          text = await readFile(file, 'utf8');
        } catch {
          return fail(`无法读取文件 ${file}，请检查路径。`);
        }
        const year = opts.year === undefined ? undefined : Number(opts.year);
        if (year !== undefined && !Number.isInteger(year)) return fail(`年份“${opts.year}”无效。`);
        const { describeArrangement, parseHolidayNotice } = await import('../domain/calendar/notice.ts');
        const parsed = parseHolidayNotice(text, year === undefined ? {} : { year });
        if (!parsed.ok) return fail(`通知无法识别：\n${parsed.errors.map((e) => `  ${e}`).join('\n')}`);
        io.out(describeArrangement(parsed.arrangement));
        for (const note of parsed.notes) io.out(`  说明：${note}`);
        if (!opts.yes) {
          if (!io.interactive) {
            io.err('未保存。请核对以上日期无误后，加 --yes 重新运行以保存。');
            return 1;
          }
          const rl = createInterface({ input: process.stdin, output: process.stderr });
          const answer = (await rl.question('以上安排是否无误并保存？(y/N) ')).trim().toLowerCase();
          rl.close();
          if (answer !== 'y' && answer !== 'yes' && answer !== '是') {
            io.err('未保存。');
            return 1;
          }
        }
        const today = io.now().slice(0, 10);
        // the database only now: a notice not confirmed never opened it
        return inDatabase(io, c, async ({ db }) => {
          const { loadWorkingCalendar, saveYear } = await store();
          const before = await loadWorkingCalendar(db);
          const saved = await saveYear(db, parsed.arrangement, cli());
          if (!saved.ok) return fail(saved.error);
          io.out(`已保存${parsed.arrangement.year}年的节假日安排${saved.value.replaced ? '（替换原有数据）' : ''}，此后的期限按新的安排计算。`);
          await reportChanges(io, db, before, today);
          return 0;
        });
      })(),
    );

  calendar
    .command('import')
    .description('从 JSON 或 iCalendar（.ics）文件导入节假日安排和本地休息日')
    .argument('<file>', '.json 或 .ics 文件')
    .action((file: string) =>
      withDatabase(async ({ db }) => {
        let text: string;
        try {
          text = await readFile(file, 'utf8');
        } catch {
          return fail(`无法读取文件 ${file}，请检查路径。`);
        }
        const kind = /\.ics$/i.test(file) || /^\s*BEGIN:VCALENDAR/i.test(text) ? 'ics' : 'json';
        const { importCalendarFile, loadWorkingCalendar } = await store();
        const before = await loadWorkingCalendar(db);
        const r = await importCalendarFile(db, text, kind, cli());
        if (!r.ok) return fail(r.error);
        io.out(`已导入${r.value.years.length > 0 ? `${r.value.years.join('、')}年的节假日安排` : ''}${r.value.localRestDays > 0 ? `，${r.value.localRestDays}个本地休息日` : ''}。`);
        await reportChanges(io, db, before, io.now().slice(0, 10));
        return 0;
      })(),
    );

  calendar
    .command('export')
    .description('导出某年的节假日安排（含本地休息日）')
    .requiredOption('--year <year>', '年份')
    .addOption(new Option('--format <format>', '格式').choices(['json', 'ics']).default('json'))
    .option('--out <path>', '写入文件（默认输出到屏幕）')
    .action((opts: { year: string; format: 'json' | 'ics'; out?: string }) =>
      withDatabase(async ({ db }) => {
        const year = Number(opts.year);
        if (!Number.isInteger(year)) return fail(`年份“${opts.year}”无效。`);
        const { exportYear } = await store();
        const r = await exportYear(db, year, opts.format, io.now());
        if (!r.ok) return fail(r.error);
        if (opts.out) {
          try {
            await writeFile(opts.out, r.value);
          } catch {
            return fail(`无法写入 ${opts.out}。`);
          }
          io.err(`已导出到 ${opts.out}`);
        } else io.out(r.value.replace(/\r?\n$/, ''));
        return 0;
      })(),
    );

  calendar
    .command('add-rest-day')
    .description('增加本机关的休息日（在全国安排之外）')
    .argument('<date>', '日期 YYYY-MM-DD')
    .argument('<name>', '名称，例如 “本地节日”')
    .action((text: string, name: string) =>
      withDatabase(async ({ db }) => {
        const d = date(text);
        if (d === null) return USAGE;
        if (name.trim() === '') return fail('请给出休息日的名称。');
        const { addLocalRestDay, loadWorkingCalendar } = await store();
        const before = await loadWorkingCalendar(db);
        const r = await addLocalRestDay(db, { date: text, name: name.trim() }, cli());
        if (!r.ok) return fail(r.error);
        io.out(`已将${chineseDate(d)}设为本地休息日（${name.trim()}）。`);
        await reportChanges(io, db, before, io.now().slice(0, 10));
        return 0;
      })(),
    );

  calendar
    .command('years')
    .description('已录入节假日安排的年份及其来源')
    .action(() =>
      withDatabase(async ({ db }) => {
        const { loadWorkingCalendar } = await store();
        const cal = await loadWorkingCalendar(db);
        if (!cal.ok) return fail(cal.error);
        for (const a of cal.value.arrangements) {
          io.out(a.provisional ? `${a.year}年：暂定（尚未录入通知，按法定节假日推算，录入通知后以通知为准）` : `${a.year}年：${a.sources[0] ?? '来源未注明'}`);
        }
        const next = Math.max(...cal.value.announcedYears) + 1;
        io.out(`${next}年：通知尚未录入（国务院办公厅通常在上一年10—12月发布通知；录入：gongkai calendar import-notice <文件>）。`);
        return 0;
      })(),
    );

  return calendar;
}
