// `gongkai report aggregate <dir-or-agency> [--year <y>] [--json]` (issue #13, 汇总): tables 二, 三 and 四
// summed over every report file under a folder, or over the published reports of every agency below one
// (needs the database and --year). A cell is summed only when every report has it: otherwise it is null
// (shown as —), and the reports lacking it are listed. Reports of the 2019 trial format and of the 2021
// format are summed separately (domain/report/aggregate.ts). Exit 0 when every file was read, 2 when some
// could not be (as `report check`), listing them.

import { stat } from 'node:fs/promises';
import type { SingleBar } from 'cli-progress';
import { Command } from 'commander';
import type { ConfigResult } from '../config.ts';
import type { AggregateProgress } from '../services/report-aggregate.ts';
import type { AggregateOutput } from './report-aggregate-text.ts';
import { EXIT } from './report-shared.ts';
import type { Io } from './report-shared.ts';
import { databaseRunner } from './run.ts';

/** An agency's code (services/agencies.ts agencyCodeSchema): what is not a code is taken for a path. */
const AGENCY_CODE = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

export function reportAggregateCommand(io: Io, setExit: (code: number) => void, config: () => ConfigResult): Command {
  const withDatabase = databaseRunner(io, setExit, config);
  return new Command('aggregate')
    .description('汇总年度报告：把目录下全部报告文件，或某机关全部下级机关已发布的报告，表二、三、四逐格相加；任何一份报告缺少的单元格合计为空（不按0计），并列出缺项的报告')
    .argument('<dir-or-agency>', '报告文件所在目录（递归查找 .txt、.html、.htm、.docx、.pdf），或上级机关代码（汇总其全部下级机关已发布的报告，须加 --year）')
    .option('--year <year>', '只汇总该统计年度的报告（按报告中写明的年度）；按机关汇总时必须给出')
    .option('--json', '输出 JSON：每种格式一份合计（交换格式 annual-report.v1），并列出各份报告及其缺项')
    .addHelpText(
      'after',
      '\n先按目录或文件查找参数，不存在时按机关代码处理。2019年试行格式与2021年格式的表格不同，不能逐格相加，分别汇总。\n退出码：0 全部文件已读取；2 有文件无法读取（已列出）、参数有误或机关不存在。',
    )
    .action(async (target: string, o: { year?: string; json?: boolean }) => {
      const refuse = (message: string): void => {
        io.err(`gongkai：${message}`);
        setExit(EXIT.unreadable);
      };
      if (o.year !== undefined && !/^[0-9]{4}$/.test(o.year.trim())) return refuse(`年度“${o.year}”无效，请写四位数年份，例如 --year 2024。`);
      const year = o.year === undefined ? undefined : Number(o.year.trim());
      const isPath = await stat(target).then(
        () => true,
        () => false,
      );
      // the service and the text are loaded when the command runs (not for its --help)
      const [{ aggregateAgencyReports, aggregateReportFiles }, text] = await Promise.all([import('../services/report-aggregate.ts'), import('./report-aggregate-text.ts')]);
      const print = (run: AggregateOutput, json: boolean): void => printed(io, text, run, json);
      const bar = await progressBar(io);
      if (isPath) {
        const run = await aggregateReportFiles([target], { ...(year !== undefined ? { year } : {}), progress: bar.progress });
        bar.stop();
        if (run.files === 0) return refuse(`目录“${target}”中没有年度报告文件（.txt、.html、.htm、.docx、.pdf）。`);
        print({ mode: 'files', year: year ?? null, ...run }, o.json === true);
        setExit(run.unreadable.length > 0 ? EXIT.unreadable : EXIT.ok);
        return;
      }
      if (!AGENCY_CODE.test(target)) return refuse(`找不到目录或文件“${target}”，请检查路径。`);
      if (year === undefined) return refuse(`按机关汇总须指明统计年度，例如 gongkai report aggregate ${target} --year 2024。（如果“${target}”是目录，它不存在，请检查路径。）`);
      await withDatabase(async ({ db }) => {
        const r = await aggregateAgencyReports(db, target, year, bar.progress);
        bar.stop();
        if (!r.ok) {
          const notFound = r.error.code === 'AGENCY_NOT_FOUND';
          io.err(`gongkai：${notFound ? `没有找到目录或文件“${target}”，也没有代码为“${target}”的机关。请检查路径或机关代码（gongkai agency list 列出全部机关）。` : r.error.message}`);
          return EXIT.unreadable;
        }
        print({ mode: 'agency', ...r.value }, o.json === true);
        return r.value.unreadable.length > 0 ? EXIT.unreadable : EXIT.ok;
      })();
    });
}

function printed(io: Io, text: typeof import('./report-aggregate-text.ts'), run: AggregateOutput, json: boolean): void {
  const { aggregateJson, describeAggregate } = text;
  if (json) {
    io.out(JSON.stringify(aggregateJson(run), null, 1));
    for (const u of run.unreadable) io.err(`${u.source}：无法读取——${u.error}`);
  } else io.out(describeAggregate(run));
}

/** A progress bar on standard error when it is a terminal (nothing otherwise). */
async function progressBar(io: Io): Promise<{ progress: AggregateProgress; stop: () => void }> {
  if (!io.tty) return { progress: {}, stop: () => undefined };
  const { SingleBar: Bar } = await import('cli-progress');
  let bar: SingleBar | null = null;
  return {
    progress: {
      start: (total) => {
        if (total < 2) return;
        bar = new Bar({ format: '汇总中 [{bar}] {value}/{total} {item}', hideCursor: true, stream: process.stderr });
        bar.start(total, 0, { item: '' });
      },
      step: (done, label) => bar?.update(done, { item: label.length > 40 ? `…${label.slice(-39)}` : label }),
    },
    stop: () => {
      bar?.stop();
      bar = null;
    },
  };
}
