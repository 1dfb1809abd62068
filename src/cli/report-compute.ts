// `gongkai report compute` and `gongkai report cell`: the annual report computed from the platform's
// records, and the applications behind one cell of table 三. The services are loaded by the actions
// that call them (`gongkai report --help` loads none of them).

import { Command } from 'commander';
import type { ConfigResult } from '../config.ts';
import type { DomainError } from '../domain/applications/types.ts';
import { APPLICANT_COLUMN_LABELS, APPLICATION_ROWS } from '../domain/report/layout.ts';
import type { CellPage } from '../services/table-three.ts';
import type { CalendarIo } from './calendar.ts';
import { databaseRunner, USAGE } from './run.ts';

export function reportComputeCommands(io: CalendarIo, setExit: (code: number) => void, config: () => ConfigResult): { compute: Command; cell: Command } {
  const withDatabase = databaseRunner(io, setExit, config);
  const refused = (error: DomainError): number => {
    io.err(`gongkai：${error.message}`);
    return USAGE;
  };

  const cell = new Command('cell')
    .description('列出表三某一单元格背后的申请')
    .requiredOption('--agency <code>', '机关代码')
    .requiredOption('--year <year>', '报告年度')
    .requiredOption('--row <row>', `行：${APPLICATION_ROWS.map((r) => r.key).join('、')}`)
    .requiredOption('--column <column>', `列：${APPLICANT_COLUMN_LABELS.join('、')}（或 0–6）`)
    .option('--json', '输出 JSON')
    .action((opts: { agency: string; year: string; row: string; column: string; json?: boolean }) =>
      withDatabase(async ({ db }) => {
        const [{ findAgency }, { cellApplications }, { PAGE_SIZE_MAX }] = await Promise.all([import('../services/agencies.ts'), import('../services/table-three.ts'), import('../services/keyset.ts')]);
        const a = await findAgency(db, opts.agency);
        if (!a.ok) return refused(a.error);
        const column = /^\d$/.test(opts.column) ? Number(opts.column) : APPLICANT_COLUMN_LABELS.indexOf(opts.column as (typeof APPLICANT_COLUMN_LABELS)[number]);
        // a page at a time (memory bounded however large the cell), written as read
        let page = await cellApplications(db, a.value.id, Number(opts.year), opts.row, column, { limit: PAGE_SIZE_MAX });
        if (page === null) return refused({ code: 'INVALID_CELL', message: `没有这个单元格：行“${opts.row}”、列“${opts.column}”。` });
        let first = true;
        if (opts.json) io.out(page.total === 0 ? '[]' : '[');
        for (;;) {
          for (const x of page.applications) {
            if (opts.json) io.out(`${first ? '' : ','}${JSON.stringify(x)}`);
            else io.out(`${x.number}\t${x.applicantName}\t收到 ${x.receivedOn}\t${x.closedOn ? `办结 ${x.closedOn}` : '未办结'}`);
            first = false;
          }
          if (page.next === null) break;
          const next: CellPage | null = await cellApplications(db, a.value.id, Number(opts.year), opts.row, column, { limit: PAGE_SIZE_MAX, after: page.next });
          if (next === null) break;
          page = next;
        }
        if (opts.json) {
          if (page.total > 0) io.out(']');
        } else io.out(`共${page.total}件。`);
        return 0;
      })(),
    );

  const compute = new Command('compute')
    .description('由平台的记录计算年度报告（表二、表三、表四；没有记录的单元格为 null）')
    .requiredOption('--agency <code>', '机关代码')
    .requiredOption('--year <year>', '报告年度')
    .option('--as-of <date>', '按某日的记录重新计算（YYYY-MM-DD）')
    .option('--json', '输出交换格式 JSON')
    .action((opts: { agency: string; year: string; asOf?: string; json?: boolean }) =>
      withDatabase(async ({ db }) => {
        if (opts.asOf !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(opts.asOf)) return refused({ code: 'INVALID_DATE', message: `日期“${opts.asOf}”无效，请写成 YYYY-MM-DD。` });
        const [{ computeAnnualReport }, { renderMarkdown }] = await Promise.all([import('../services/report-compute.ts'), import('../domain/report/render/markdown.ts')]);
        const r = await computeAnnualReport(db, opts.agency, Number(opts.year), opts.asOf ? { asOf: opts.asOf } : {});
        if (!r.ok) return refused(r.error);
        io.out(opts.json ? JSON.stringify(r.value, null, 1) : renderMarkdown(r.value));
        return 0;
      })(),
    );

  return { compute, cell };
}
