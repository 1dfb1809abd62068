// Parsing a published annual report (plain text as copied from a web page or extracted from a PDF;
// HTML and DOCX arrive here as text through ../input). Returns the model with null for every cell
// it could not read, why each is null, and diagnostics. It never guesses a number and never throws.

import { applicationRows, ACTIVE_DISCLOSURE_2019, ACTIVE_DISCLOSURE_2021, REVIEW_GROUPS, pathToString, setAt } from '../layout.ts';
import type { Path } from '../layout.ts';
import { emptyReport, emptyTrial2019, formatOfYear } from '../model.ts';
import type { AnnualReport, ReportFormat } from '../model.ts';
import type { CellStatus, Diagnostic, ParseResult } from '../types.ts';
import { toCells } from './cells.ts';
import { findAgency, findSections, findYear, prose } from './meta.ts';
import { readTables } from './tables.ts';

/** Texts longer than this are cut before parsing: no report is that long, and the work stays bounded. */
export const MAX_TEXT_LENGTH = 2_000_000;

const TABLE_NAMES = { 二: '表二（主动公开政府信息情况）', 三: '表三（收到和处理政府信息公开申请情况）', 四: '表四（政府信息公开行政复议、行政诉讼情况）' } as const;

export function parseReportText(input: string): ParseResult {
  try {
    return parse(input);
  } catch {
    // A safety net, not a path: the robustness tests assert it is never taken.
    const report = emptyReport();
    const status: Record<string, CellStatus> = {};
    for (const { key } of expectedCells('2021', '2021')) status[key] = 'missing';
    const message = '解析时发生内部错误，未能读取该报告；请将文件提供给系统维护人员。';
    return { report, status, diagnostics: [{ code: 'PARSER_FAILURE', severity: 'error', message }] };
  }
}

function parse(input: string): ParseResult {
  const diagnostics: Diagnostic[] = [];
  let text = typeof input === 'string' ? input : '';
  if (text.length > MAX_TEXT_LENGTH) {
    text = text.slice(0, MAX_TEXT_LENGTH);
    diagnostics.push({ code: 'TEXT_TOO_LONG', severity: 'warning', message: `文本超过${MAX_TEXT_LENGTH}个字符，只读取了前面部分。` });
  }
  const lines = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').split('\n');
  const { heading } = findSections(lines);

  const overview = prose(lines, heading[1], heading[2] ?? heading[3] ?? heading[4] ?? heading[5]);
  const problems = prose(lines, heading[5], heading[6]);
  const other = prose(lines, heading[6], undefined);
  const year = findYear(text.slice(0, 8_000), overview);
  const firstHeading = Math.min(...Object.values(heading), lines.length);
  const agency = findAgency(lines, Math.min(firstHeading + 2, 40));

  // The tables stand between 二 and 五; without headings, anywhere.
  const start = heading[2] ?? heading[3] ?? heading[4] ?? -1;
  const end = heading[5] ?? heading[6] ?? lines.length;
  const region = lines.slice(start + 1, end > start ? end : lines.length);
  const stream = toCells(region);
  const byYear = year !== null ? formatOfYear(year) : '2021';
  const reading = readTables(stream.cells, byYear);

  const activeFormat = reading.activeFormat ?? reading.applicationsFormat ?? byYear;
  const applicationsFormat = reading.applicationsFormat ?? reading.activeFormat ?? byYear;
  const format: ReportFormat = activeFormat === applicationsFormat ? activeFormat : 'mixed';
  if (reading.activeFormat === null && reading.applicationsFormat === null) {
    diagnostics.push({
      code: 'FORMAT_ASSUMED',
      severity: 'info',
      message: `文本中没有能区分格式的表格标签，按${year ?? '未知'}年度报告${byYear === '2019' ? '适用2019年试行格式' : '适用国办公开办函〔2021〕30号格式'}处理。`,
    });
  }

  const report: AnnualReport = emptyReport(applicationsFormat);
  report.format = format;
  report.year = year;
  report.agency = agency;
  if (activeFormat === '2019') report.trial2019 = emptyTrial2019();
  report.text = { overview, problems, other };

  const status: Record<string, CellStatus> = {};
  for (const [key, cell] of reading.values) {
    setAt(report, cell.at, cell.value);
    if (cell.status) status[key] = cell.status;
  }
  diagnostics.push(...reading.diagnostics);

  // Every cell of the format that holds nothing and was not seen blank was never reached.
  const expected = expectedCells(activeFormat, applicationsFormat);
  const missingByTable = { 二: 0, 三: 0, 四: 0 };
  for (const { key, table } of expected) {
    if (reading.values.has(key)) continue;
    status[key] = 'missing';
    missingByTable[table]++;
  }
  for (const table of ['二', '三', '四'] as const) {
    if (!reading.tablesSeen.has(table)) {
      diagnostics.push({
        code: 'TABLE_NOT_FOUND',
        severity: 'warning',
        message: `未找到${TABLE_NAMES[table]}：文本中没有该表的标签（可能是图片、被省略或文本被截断），其单元格均记为缺失，没有补0。`,
      });
    } else if (missingByTable[table] > 0) {
      diagnostics.push({
        code: 'CELLS_MISSING',
        severity: 'warning',
        message: `${TABLE_NAMES[table]}有${missingByTable[table]}个单元格在文本中找不到，记为缺失。`,
      });
    }
  }
  if (reading.endedIn && heading[5] === undefined && heading[6] === undefined) {
    diagnostics.push({
      code: 'TEXT_TRUNCATED',
      severity: 'warning',
      message: `文本在表${reading.endedIn.table}「${reading.endedIn.label}」行处中断，其后的内容缺失。`,
    });
  }
  if (year === null) diagnostics.push({ code: 'YEAR_NOT_FOUND', severity: 'warning', message: '没有找到报告的统计年度（如“统计期限自2023年1月1日起至2023年12月31日止”或标题中的年份）。' });
  if (agency === null) diagnostics.push({ code: 'AGENCY_NOT_FOUND', severity: 'info', message: '没有从标题或正文中找到报告机关的名称。' });
  return { report, status, diagnostics };
}

const expectedCache = new Map<string, { at: Path; key: string; table: '二' | '三' | '四' }[]>();

/** The cells of a format's tables (built once per format pair). */
function expectedCells(active: '2021' | '2019', applications: '2021' | '2019'): { at: Path; key: string; table: '二' | '三' | '四' }[] {
  const cacheKey = `${active}/${applications}`;
  const cached = expectedCache.get(cacheKey);
  if (cached) return cached;
  const out: { at: Path; table: '二' | '三' | '四' }[] = [];
  for (const sub of active === '2019' ? ACTIVE_DISCLOSURE_2019 : ACTIVE_DISCLOSURE_2021) {
    for (const row of sub.rows) for (const at of row.cells) out.push({ at, table: '二' });
  }
  for (const row of applicationRows(applications)) for (let i = 0; i < 7; i++) out.push({ at: [...row.path, i], table: '三' });
  for (const g of REVIEW_GROUPS) for (let i = 0; i < 5; i++) out.push({ at: [...g.path, i], table: '四' });
  const withKeys = out.map((c) => ({ ...c, key: pathToString(c.at) }));
  expectedCache.set(cacheKey, withKeys);
  return withKeys;
}
