// `gongkai records import|export|list`: the records behind table 二 (counts: 行政许可, 行政处罚, 行政强制
// 处理决定数量 and 行政事业性收费 金额（万元）) and table 四 (行政复议 and 行政诉讼 cases). Import: CSV
// (UTF-8/GBK) or XLSX, all or nothing, each bad row reported by row and column as `catalogue import`
// does. Exit codes: 0 done, 1 the file has errors (nothing imported), 2 a usage or configuration problem.

import { readFile, stat, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { Command } from 'commander';
import type { ConfigResult } from '../config.ts';
import type { DomainError } from '../domain/applications/types.ts';
import type { RecordKind } from '../domain/records/files.ts';
import type { ReviewCase } from '../services/records/cases.ts';
import type { CalendarIo } from './calendar.ts';
import { databaseRunner, USAGE } from './run.ts';

// The services and the record files' rules are imported by the actions that use them: `gongkai records
// --help` loads none of them.

/** A recorded moment in Beijing time: 2025-01-05 09:00. */
const beijing = (iso: string): string => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');

const KIND_TEXT = 'counts（表二：行政许可、行政处罚、行政强制、行政事业性收费）或 cases（表四：行政复议、行政诉讼案件）';

export function recordsCommand(io: CalendarIo, setExit: (code: number) => void, config: () => ConfigResult): Command {
  const withDatabase = databaseRunner(io, setExit, config);
  const refused = (error: DomainError): number => {
    io.err(`gongkai：${error.message}`);
    return USAGE;
  };
  /** the kind named on the command line, or — refused before the database is opened — null */
  const kindOrRefuse = async (text: string): Promise<RecordKind | null> => {
    const { RECORD_KINDS } = await import('../domain/records/files.ts');
    const kind = (RECORD_KINDS as readonly string[]).includes(text) ? (text as RecordKind) : null;
    if (kind === null) setExit(refused({ code: 'USAGE', message: `数据种类应为 ${KIND_TEXT}，而不是“${text}”。` }));
    return kind;
  };

  const records = new Command('records').description('年度报告的数据：表二的处理决定数量和收费金额、表四的行政复议和行政诉讼案件');

  records
    .command('import')
    .description('从文件（CSV：UTF-8 或 GBK；或 XLSX）导入表二的数字或表四的案件：逐行校验，全部通过才导入')
    .argument('<kind>', KIND_TEXT)
    .argument('<file>', '.csv 或 .xlsx 文件')
    .requiredOption('--agency <code>', '机关代码')
    .action(async (kindText: string, file: string, opts: { agency: string }) => {
      const kind = await kindOrRefuse(kindText);
      if (kind === null) return;
      return withDatabase(async ({ db }) => {
        const [{ RECORD_FILE_LIMITS }, { findAgency }, { importRecords }] = await Promise.all([
          import('../domain/records/files.ts'),
          import('../services/agencies.ts'),
          import('../services/records/import.ts'),
        ]);
        let bytes: Uint8Array;
        try {
          const size = (await stat(file)).size;
          if (size > RECORD_FILE_LIMITS.maxBytes) return refused({ code: 'FILE_TOO_LARGE', message: `文件 ${file} 超过 ${RECORD_FILE_LIMITS.maxBytes / 1024 / 1024} MB 的上限，请分成几个文件分别导入。` });
          bytes = await readFile(file);
        } catch {
          return refused({ code: 'FILE_UNREADABLE', message: `无法读取文件 ${file}，请检查路径。` });
        }
        const a = await findAgency(db, opts.agency);
        if (!a.ok) return refused(a.error);
        const now = io.now();
        const r = await importRecords(db, a.value.id, kind, bytes, basename(file), { userId: null, name: 'import', now, today: now.slice(0, 10), source: 'import' });
        const what = kind === 'counts' ? '数字' : '案件';
        if (!r.ok) {
          io.err(`未导入任何${what}：文件有${r.errors.length}处问题，请改正后重新导入。`);
          for (const e of r.errors) io.err(e.line === 0 ? `  ${e.message}` : `  第${e.line}行「${e.column || '—'}」：${e.message}`);
          return 1;
        }
        const s = r.value;
        const parts = kind === 'counts' ? [`新录入${s.created}项`, `${s.unchanged}项与现有数字相同、未重复录入`] : [`新登记${s.created}件`, `修改${s.updated}件`, `${s.unchanged}件与登记相同`];
        io.out(`已导入${a.value.name}的${s.rows}${kind === 'counts' ? '项数字' : '件案件'}：${parts.join('，')}。`);
        return 0;
      })();
    });

  records
    .command('export')
    .description('导出表二的数字（各年度现行数字）或表四的案件，列与导入相同')
    .argument('<kind>', KIND_TEXT)
    .requiredOption('--agency <code>', '机关代码')
    .requiredOption('--out <path>', '输出文件（.csv 或 .xlsx）')
    .action(async (kindText: string, opts: { agency: string; out: string }) => {
      const kind = await kindOrRefuse(kindText);
      if (kind === null) return;
      return withDatabase(async ({ db }) => {
        const [{ findAgency }, { exportRecords }] = await Promise.all([import('../services/agencies.ts'), import('../services/records/import.ts')]);
        const a = await findAgency(db, opts.agency);
        if (!a.ok) return refused(a.error);
        const r = await exportRecords(db, a.value.id, kind, /\.xlsx$/i.test(opts.out) ? 'xlsx' : 'csv');
        try {
          await writeFile(opts.out, r.bytes);
        } catch {
          return refused({ code: 'FILE_UNWRITABLE', message: `无法写入 ${opts.out}。` });
        }
        io.out(`已导出${r.rows}${kind === 'counts' ? '项数字' : '件案件'}到 ${opts.out}。`);
        return 0;
      })();
    });

  records
    .command('list')
    .description('列出某年度表二的数字（含录入历史）、相关案件和据此计算的表四')
    .requiredOption('--agency <code>', '机关代码')
    .requiredOption('--year <year>', '报告年度')
    .option('--json', '输出 JSON')
    .action((opts: { agency: string; year: string; json?: boolean }) =>
      withDatabase(async ({ db }) => {
        if (!/^[0-9]{4}$/.test(opts.year)) return refused({ code: 'INVALID_YEAR', message: `年度“${opts.year}”无效，请写四位数年份，例如 2024。` });
        const year = Number(opts.year);
        const [{ findAgency }, { caseFacts, listCases }, { countHistory, figureText, yearFigures }, { tableFourSettings }, { decodeCursor }, { computeTableFour }, vocab] = await Promise.all([
          import('../services/agencies.ts'),
          import('../services/records/cases.ts'),
          import('../services/records/counts.ts'),
          import('../services/records/settings.ts'),
          import('../services/keyset.ts'),
          import('../domain/report/table-four.ts'),
          import('../domain/records/vocab.ts'),
        ]);
        const { CASE_TYPE_LABELS, COUNT_KIND_LABELS, COUNT_KINDS, RESULT_GROUP_LABELS, SOURCE_LABELS, groupOfResult, resultLabel } = vocab;
        const a = await findAgency(db, opts.agency);
        if (!a.ok) return refused(a.error);
        const agencyId = a.value.id;
        const [figures, history, settings] = await Promise.all([yearFigures(db, agencyId, year), countHistory(db, agencyId, year), tableFourSettings(db, agencyId)]);
        const cases: ReviewCase[] = [];
        let after: string | null = null;
        do {
          const page = await listCases(db, agencyId, { year }, { limit: 100, after: decodeCursor(after) });
          cases.push(...page.rows);
          after = page.next;
        } while (after !== null);
        const review = computeTableFour(await caseFacts(db, agencyId, year), year, settings);
        if (opts.json) {
          io.out(JSON.stringify({ agency: a.value.code, year, figures, history, cases, review, settings }, null, 1));
          return 0;
        }
        io.out(`${a.value.name} ${year}年度`);
        io.out('表二（第二十条第（五）（六）（八）项）：');
        for (const kind of COUNT_KINDS) {
          const f = figures[kind];
          io.out(`  ${COUNT_KIND_LABELS[kind]}：${f === null ? '未录入（报告中该格为空）' : `${figureText(kind, f.value)}（${beijing(f.enteredAt)} ${f.enteredByName} ${SOURCE_LABELS[f.source]}）`}`);
          for (const h of history.filter((e) => e.kind === kind && e.id !== f?.id)) io.out(`      此前：${figureText(kind, h.value)}（${beijing(h.enteredAt)} ${h.enteredByName} ${SOURCE_LABELS[h.source]}${h.note ? `，${h.note}` : ''}）`);
        }
        io.out(`案件（${year}年内收到或在办的，共${cases.length}件）：`);
        for (const c of cases) {
          const group = c.result === null ? '尚未审结' : RESULT_GROUP_LABELS[groupOfResult(c.result, settings)];
          const detail = c.result === null ? group : resultLabel(c.result, c.type);
          const result = detail === group ? group : `${group}（${detail}）`;
          io.out(`  ${c.caseNumber}\t${CASE_TYPE_LABELS[c.type]}\t收到 ${c.receivedOn}\t${c.concludedOn ? `结案 ${c.concludedOn}` : '未结案'}\t${result}${c.applicationNumber ? `\t申请 ${c.applicationNumber}` : ''}`);
        }
        io.out(`表四（${settings.countYear === 'received' ? '按收到年度统计' : '按结案年度统计，年末未结的计入尚未审结'}；驳回诉讼请求/复议请求计入${settings.rejectionUpheld ? '维持' : '其他'}）：维持、纠正、其他、尚未审结、总计`);
        io.out(`  行政复议：${review.reconsideration.join('、')}`);
        io.out(`  未经复议直接起诉：${review.litigationDirect.join('、')}`);
        io.out(`  复议后起诉：${review.litigationAfterReconsideration.join('、')}`);
        return 0;
      })(),
    );
  return records;
}
