// `gongkai agency …`, `gongkai applications import|export`, `gongkai report compute`: commands over
// the database. Each opens the database (migrating it), calls one service, prints, closes.

import { createWriteStream } from 'node:fs';
import { readFile, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { Command, Option } from 'commander';
import type { ConfigResult } from '../config.ts';
import { AGENCY_LEVEL_LABELS } from '../domain/applications/types.ts';
import type { DomainError } from '../domain/applications/types.ts';
import type { AgencySettings } from '../services/agencies.ts';
import { COLUMN_PAGE_TITLES, COLUMN_PAGES } from '../services/column-pages.ts';
import type { ColumnPage } from '../services/column-pages.ts';
import { LEDGER_LIMITS } from '../domain/ledger/types.ts';
import { APPLICANT_TYPE_LABELS, CHANNEL_LABELS, STATE_LABELS } from '../domain/applications/types.ts';
import type { ApplicantType, Channel, HandlingState } from '../domain/applications/types.ts';
import type { EventType } from '../domain/applications/types.ts';
import { DELIVERY_METHOD_LABELS } from '../domain/documents/delivery.ts';
import type { RemedyWindows } from '../domain/records/remedies.ts';
import type { CalendarIo } from './calendar.ts';
import { databaseRunner } from './run.ts';
import { addSiteCommand } from './agency-site.ts';
import { addArchiveCommand } from './applications-archive.ts';
import { addDeliverCommand } from './applications-deliver.ts';

// The services are imported by the actions that call them: `gongkai agency --help` and
// `gongkai applications --help` load none of them.

const USAGE = 2;

export function databaseCommands(io: CalendarIo, setExit: (code: number) => void, config: () => ConfigResult) {
  const withDatabase = databaseRunner(io, setExit, config);
  const refused = (error: DomainError): number => {
    io.err(`gongkai：${error.message}`);
    return USAGE;
  };
  const now = () => io.now();
  const today = () => io.now().slice(0, 10);

  const agency = new Command('agency').description('机关：创建、查看和设置');
  agency
    .command('create')
    .description('创建机关')
    .requiredOption('--code <code>', '机关代码（字母、数字、下划线、连字符），如 zwjgsw')
    .requiredOption('--name <name>', '机关名称，如 中卫市机关事务服务中心')
    .option('--parent <code>', '上级机关代码')
    .addOption(new Option('--level <level>', `级别：${Object.entries(AGENCY_LEVEL_LABELS).map(([k, v]) => `${k}（${v}）`).join('、')}`).default('department'))
    .option('--document-prefix <prefix>', '文号前缀（机关代字），如 中卫机关事务公开；不给出则按机关名称建议并打印出来')
    .option('--reconsideration-body <name>', '答复中告知的行政复议机关，如 示范市人民政府')
    .option('--court <name>', '答复中告知的人民法院，如 示范市示范区人民法院')
    .action((opts: { code: string; name: string; parent?: string; level: string; documentPrefix?: string; reconsiderationBody?: string; court?: string }) =>
      withDatabase(async ({ db }) => {
        const { agencySettings, createAgency, defaultDocumentPrefix } = await import('../services/agencies.ts');
        const r = await createAgency(
          db,
          {
            code: opts.code,
            name: opts.name,
            level: opts.level,
            documentPrefix: opts.documentPrefix ?? defaultDocumentPrefix(opts.name),
            ...(opts.parent ? { parentCode: opts.parent } : {}),
            ...(opts.reconsiderationBody ? { reconsiderationBody: opts.reconsiderationBody } : {}),
            ...(opts.court ? { court: opts.court } : {}),
          },
          now(),
        );
        if (!r.ok) return refused(r.error);
        io.out(`已创建机关：${r.value.name}（${r.value.code}，${AGENCY_LEVEL_LABELS[r.value.level]}）`);
        const s = await agencySettings(db, r.value.code);
        if (s.ok) io.out(`文号前缀（机关代字）：${s.value.documentPrefix}${opts.documentPrefix === undefined ? '（按机关名称建议；如需修改：gongkai agency update --document-prefix）' : ''}`);
        return 0;
      })(),
    );
  agency
    .command('list')
    .description('列出机关')
    .action(() =>
      withDatabase(async ({ db }) => {
        const { listAgencies } = await import('../services/agencies.ts');
        for (const a of await listAgencies(db)) io.out(`${a.code}\t${a.name}\t${AGENCY_LEVEL_LABELS[a.level]}${a.parentCode ? `\t上级：${a.parentCode}` : ''}`);
        return 0;
      })(),
    );

  /** what a running server shows of a change made by another process */
  const servedNote = '（正在运行的服务最迟 1 分钟后显示。）';
  agency
    .command('update')
    .description('修改机关名称、文号前缀（机关代字）、答复中告知的行政复议机关和人民法院，两项条例理解的设置、年报表四的两项统计口径、年报数据范围、联系邮箱，以及更正、不予公开信息审查、投诉举报和归档的期限')
    .argument('<code>', '机关代码')
    .option('--name <name>', '新的机关名称')
    .option('--document-prefix <prefix>', '文号前缀（机关代字），如 中卫机关事务公开；空字符串表示按机关名称生成')
    .option('--reconsideration-body <name>', '答复中告知的行政复议机关，如 示范市人民政府；空字符串表示清除')
    .option('--court <name>', '答复中告知的人民法院，如 示范市示范区人民法院；空字符串表示清除')
    .addOption(new Option('--extension-within-period <on|off>', '延期须在答复期限内决定（条例第三十三条第二款的理解，默认 on）').choices(['on', 'off']))
    .addOption(new Option('--fee-window-from-receipt <on|off>', '缴费期限自申请人收到收费通知起算（第三十一条用于收费通知的理解，默认 on）').choices(['on', 'off']))
    .addOption(new Option('--review-count-year <received|concluded>', '年报表四：案件按收到年度统计（received，默认），或按结案年度统计、年末未结的每年计入尚未审结（concluded）').choices(['received', 'concluded']))
    .addOption(new Option('--review-rejection-upheld <on|off>', '年报表四：驳回诉讼请求、驳回行政复议请求计入“结果维持”（默认 on；off 计入“其他结果”）').choices(['on', 'off']))
    .addOption(new Option('--report-scope <own|subtree|level>', '年报表二至表四的数据范围：own 只统计本机关，subtree 加上所属下级机关年度报告的汇总，level 按机关类别（默认：人民政府 subtree，其他 own）').choices(['own', 'subtree', 'level']))
    .option('--amendment-working-days <n>', '更正申请（条例第四十一条）的办理期限，工作日数1至60（条例未规定，默认20，参照第三十三条）')
    .option('--withheld-review-months <n>', '不予公开信息的评估审查周期（条例第十八条），月数1至60（条例未规定，默认12）')
    .option('--complaint-days <n>', '受理下级机关投诉、举报（条例第五十一条）的答复期限，工作日数1至60（条例未规定，默认20）')
    .option('--archive-retention-years <n>', '归档案卷的保管期限，年数1至100（各地档案管理规定不一，默认10年；永久保管填100）')
    .option('--contact-email <address>', '政务公开工作联系邮箱：上级政务公开办催报时（平台配置了邮件服务器）同时发邮件到此地址；空字符串表示清除')
    .action((code: string, opts: { name?: string; documentPrefix?: string; reconsiderationBody?: string; court?: string; extensionWithinPeriod?: string; feeWindowFromReceipt?: string; reviewCountYear?: string; reviewRejectionUpheld?: string; reportScope?: string; contactEmail?: string; amendmentWorkingDays?: string; withheldReviewMonths?: string; complaintDays?: string; archiveRetentionYears?: string }) =>
      withDatabase(async ({ db }) => {
        const { agencySettings, updateAgency } = await import('../services/agencies.ts');
        const describe = (s: AgencySettings) =>
          [
            `${s.agency.code}\t${s.agency.name}`,
            `文号前缀：${s.documentPrefix}${s.documentPrefixSet ? '' : '（按名称生成）'}`,
            `行政复议机关：${s.reconsiderationBody ?? '（未设置，答复时填写）'}`,
            `人民法院：${s.court ?? '（未设置，答复中写“人民法院”）'}`,
            `延期须在答复期限内决定：${s.extensionWithinPeriod ? 'on' : 'off'}`,
            `缴费期限自收到收费通知起算：${s.feeWindowFromReceipt ? 'on' : 'off'}`,
            `表四统计年度：${s.reviewCountYear}（${s.reviewCountYear === 'received' ? '按收到年度' : '按结案年度，年末未结的计入尚未审结'}）`,
            `表四驳回请求计入维持：${s.reviewRejectionUpheld ? 'on' : 'off'}`,
            `年报数据范围：${s.reportScope}（${s.reportScope === 'subtree' ? '本机关及所属下级机关' : '只统计本机关'}${s.reportScopeSet ? '' : '，按机关类别'}）`,
            `联系邮箱：${s.contactEmail ?? '（未设置，催报只在平台内）'}`,
            `更正办理期限：${s.amendmentWorkingDays}个工作日`,
            `不予公开信息评估审查周期：${s.withheldReviewMonths}个月`,
            `投诉、举报答复期限：${s.complaintDays}个工作日`,
            `归档案卷保管期限：${s.archiveRetentionYears}年`,
          ].join('\n');
        // a number as typed; anything else is NaN, refused by updateAgency with the setting's message
        const count = (typed: string) => (/^\d{1,3}$/.test(typed) ? Number(typed) : Number.NaN);
        const changes = {
          ...(opts.name !== undefined ? { name: opts.name } : {}),
          ...(opts.documentPrefix !== undefined ? { documentPrefix: opts.documentPrefix } : {}),
          ...(opts.reconsiderationBody !== undefined ? { reconsiderationBody: opts.reconsiderationBody } : {}),
          ...(opts.court !== undefined ? { court: opts.court } : {}),
          ...(opts.extensionWithinPeriod !== undefined ? { extensionWithinPeriod: opts.extensionWithinPeriod === 'on' } : {}),
          ...(opts.feeWindowFromReceipt !== undefined ? { feeWindowFromReceipt: opts.feeWindowFromReceipt === 'on' } : {}),
          ...(opts.reviewCountYear !== undefined ? { reviewCountYear: opts.reviewCountYear as 'received' | 'concluded' } : {}),
          ...(opts.reviewRejectionUpheld !== undefined ? { reviewRejectionUpheld: opts.reviewRejectionUpheld === 'on' } : {}),
          ...(opts.reportScope !== undefined ? { reportScope: opts.reportScope === 'level' ? null : (opts.reportScope as 'own' | 'subtree') } : {}),
          ...(opts.contactEmail !== undefined ? { contactEmail: opts.contactEmail } : {}),
          ...(opts.amendmentWorkingDays !== undefined ? { amendmentWorkingDays: count(opts.amendmentWorkingDays) } : {}),
          ...(opts.withheldReviewMonths !== undefined ? { withheldReviewMonths: count(opts.withheldReviewMonths) } : {}),
          ...(opts.complaintDays !== undefined ? { complaintDays: count(opts.complaintDays) } : {}),
          ...(opts.archiveRetentionYears !== undefined ? { archiveRetentionYears: count(opts.archiveRetentionYears) } : {}),
        };
        if (Object.keys(changes).length === 0) {
          const s = await agencySettings(db, code);
          if (!s.ok) return refused(s.error);
          io.out(describe(s.value));
          return 0;
        }
        const r = await updateAgency(db, code, changes);
        if (!r.ok) return refused(r.error);
        if (opts.amendmentWorkingDays !== undefined) {
          // the open 更正 requests' stored due dates follow the new period
          const [{ loadWorkingCalendar }, { recomputeAmendmentDueDates }] = await Promise.all([import('../services/calendar-store.ts'), import('../services/amendments/due.ts')]);
          const calendar = await loadWorkingCalendar(db);
          if (calendar.ok) await recomputeAmendmentDueDates(db, calendar.value, r.value.agency.id);
        }
        if (opts.complaintDays !== undefined) {
          // and the complaints received and not yet answered
          const [{ loadWorkingCalendar }, { recomputeComplaintDueDates }] = await Promise.all([import('../services/calendar-store.ts'), import('../services/complaints/read.ts')]);
          const calendar = await loadWorkingCalendar(db);
          if (calendar.ok) await recomputeComplaintDueDates(db, calendar.value, r.value.agency.id);
        }
        io.out(`已修改机关：\n${describe(r.value)}${servedNote}`);
        return 0;
      })(),
    );
  agency
    .command('page')
    .description(`查看或设置政府信息公开栏目的页面（${COLUMN_PAGES.map((p) => `${p}：${COLUMN_PAGE_TITLES[p]}`).join('，')}）`)
    .argument('<code>', '机关代码')
    .argument('<page>', COLUMN_PAGES.join(' 或 '))
    .option('--file <file>', '用该文件（UTF-8 文本：“## ”一级标题，“### ”二级标题，“- ”列表项）替换页面；空文件恢复默认文本。不给出则打印现在的文本')
    .action((code: string, page: string, opts: { file?: string }) =>
      withDatabase(async ({ db }) => {
        if (!COLUMN_PAGES.includes(page as ColumnPage)) return refused({ code: 'USAGE', message: `页面应为 ${COLUMN_PAGES.join(' 或 ')}，而不是“${page}”。` });
        const { getPage, setPage } = await import('../services/column.ts');
        if (opts.file === undefined) {
          const current = await getPage(db, code, page as ColumnPage);
          if (!current.ok) return refused(current.error);
          io.out(current.value.body);
          return 0;
        }
        let bytes: Buffer;
        try {
          bytes = await readFile(opts.file);
        } catch (e) {
          const code = (e as NodeJS.ErrnoException).code;
          return refused({ code: 'FILE', message: code === 'ENOENT' ? `找不到文件 ${opts.file}。` : `无法读取文件 ${opts.file}（${code ?? String(e)}）。` });
        }
        let text: string;
        try {
          text = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
        } catch {
          return refused({ code: 'FILE', message: `文件 ${opts.file} 不是 UTF-8 编码的文本，请另存为 UTF-8 后重试。` });
        }
        const r = await setPage(db, code, page as ColumnPage, text, { userId: null, now: now() });
        if (!r.ok) return refused(r.error);
        io.out(`${r.value.isDefault ? `已恢复默认的${r.value.title}` : `已更新${r.value.title}（${r.value.body.length} 个字符）`}${r.value.placeholders > 0 ? `，还有 ${r.value.placeholders} 处“【待填写】”` : ''}。${servedNote}`);
        return 0;
      })(),
    );

  addSiteCommand(agency, { withDatabase, refused, now, out: (text) => io.out(text), servedNote });

  const applications = new Command('applications').description('依申请公开：台账导入与导出、查看申请、登记文书送达、导出归档案卷');
  applications
    .command('import')
    .description('从台账（CSV：UTF-8 或 GBK；或 XLSX）导入申请：逐行校验，全部通过才导入')
    .argument('<file>', '.csv 或 .xlsx 文件')
    .requiredOption('--agency <code>', '机关代码')
    .action((file: string, opts: { agency: string }) =>
      withDatabase(async ({ db }) => {
        const [{ findAgency }, { loadWorkingCalendar }, { importLedgerOwned }, { ledgerTooLarge }] = await Promise.all([
          import('../services/agencies.ts'),
          import('../services/calendar-store.ts'),
          import('../services/ledger.ts'),
          import('../domain/ledger/ledger.ts'),
        ]);
        let bytes: Uint8Array | null;
        try {
          // a file over the limit is refused without being read (the limit's message names its size)
          bytes = (await stat(file)).size > LEDGER_LIMITS.maxBytes ? null : await readFile(file);
        } catch {
          return refused({ code: 'FILE_UNREADABLE', message: `无法读取文件 ${file}，请检查路径。` });
        }
        const size = bytes === null ? (await stat(file)).size : bytes.byteLength;
        const a = await findAgency(db, opts.agency);
        if (!a.ok) return refused(a.error);
        const bar = io.tty ? new (await import('cli-progress')).SingleBar({ format: '导入中 [{bar}] {value}/{total}', hideCursor: true, stream: process.stderr }) : null;
        const calendar = await loadWorkingCalendar(db);
        if (!calendar.ok) return refused({ code: 'CALENDAR', message: calendar.error });
        const who = { actor: 'import', now: now(), today: today(), calendar: calendar.value };
        let started = false;
        // the file is read as it is imported: the total grows until the last row is read
        const progress = (done: number, read: number) => {
          if (!started) bar?.start(read, 0);
          started = true;
          bar?.setTotal(read);
          bar?.update(done);
        };
        const r = bytes === null ? { ok: false as const, errors: [ledgerTooLarge(size)], omitted: 0 } : await importLedgerOwned(db, a.value.id, bytes, basename(file), who, progress);
        if (started) bar?.stop();
        if (!r.ok) {
          io.err(`未导入任何申请：台账有${r.errors.length + (r.omitted ?? 0)}处问题，请改正后重新导入。`);
          for (const e of r.errors) io.err(`  第${e.line}行「${e.column}」：${e.message}`);
          if (r.omitted) io.err(`  ……另有${r.omitted}处问题未列出（只列出前${r.errors.length}处）。`);
          return 1;
        }
        io.out(`已导入${r.value.imported}件申请到${a.value.name}。`);
        for (const w of r.value.warnings) io.err(`  注意：第${w.line}行「${w.column}」：${w.message}`);
        if (r.value.warningsOmitted) io.err(`  ……另有${r.value.warningsOmitted}处需要注意的地方未列出（只列出前${r.value.warnings.length}处）。`);
        return 0;
      })(),
    );
  applications
    .command('export')
    .description('导出台账（与导入相同的列）')
    .requiredOption('--agency <code>', '机关代码')
    .requiredOption('--out <path>', '输出文件（.csv 或 .xlsx）')
    .action((opts: { agency: string; out: string }) =>
      withDatabase(async ({ db }) => {
        const [{ findAgency }, { writeLedgerTo }] = await Promise.all([import('../services/agencies.ts'), import('../services/ledger.ts')]);
        const a = await findAgency(db, opts.agency);
        if (!a.ok) return refused(a.error);
        const format = /\.xlsx$/i.test(opts.out) ? 'xlsx' : 'csv';
        // written row by row to a file beside the output, renamed when complete: a failure leaves no half ledger
        const part = join(dirname(opts.out), `.${basename(opts.out)}.${process.pid}.part`);
        let rows: number;
        try {
          rows = await writeLedgerTo(db, a.value.id, format, createWriteStream(part));
          await rename(part, opts.out);
        } catch (e) {
          await rm(part, { force: true });
          // the file's failures are told as such; the database's go to inDatabase (cli/run.ts)
          if ((e as { syscall?: string }).syscall === undefined && !/stream was closed/.test(String(e))) throw e;
          return refused({ code: 'FILE_UNWRITABLE', message: `无法写入 ${opts.out}。` });
        }
        const r = { rows };
        io.out(`已导出${r.rows}件申请到 ${opts.out}。`);
        return 0;
      })(),
    );

  applications
    .command('show')
    .description('查看一件申请：办理经过、法定期限（今日）、已出具的文书')
    .argument('<number>', '申请编号')
    .requiredOption('--agency <code>', '机关代码')
    .option('--json', '输出 JSON')
    .action((number: string, opts: { agency: string; json?: boolean }) =>
      withDatabase(async ({ db }) => {
        const [{ findAgency }, { loadWorkingCalendar }, { viewApplication }, { EVENT_LABELS }, { CASE_TYPE_LABELS, resultLabel }] = await Promise.all([
          import('../services/agencies.ts'),
          import('../services/calendar-store.ts'),
          import('../services/application-view.ts'),
          import('../domain/applications/transitions.ts'),
          import('../domain/records/vocab.ts'),
        ]);
        const a = await findAgency(db, opts.agency);
        if (!a.ok) return refused(a.error);
        const calendar = await loadWorkingCalendar(db);
        if (!calendar.ok) return refused({ code: 'CALENDAR', message: calendar.error });
        const v = await viewApplication(db, a.value.id, { number }, { calendar: calendar.value, today: today() });
        if (!v.ok) return refused(v.error);
        if (opts.json) {
          io.out(JSON.stringify({ ...v.value, remedyDeadlines: remedyDeadlines(v.value.remedies) }, null, 1));
          return 0;
        }
        const app = v.value.application;
        io.out(`申请 ${app.number}（${STATE_LABELS[app.state as HandlingState]}）`);
        io.out(`  申请人：${app.applicantName}（${APPLICANT_TYPE_LABELS[app.applicantType as ApplicantType]}）  渠道：${CHANNEL_LABELS[app.channel as Channel]}  收到：${app.receivedOn ?? '待确认'}`);
        io.out(`  内容：${app.request}`);
        io.out('办理经过：');
        for (const e of v.value.events) io.out(`  ${e.occurredOn}  ${EVENT_LABELS[e.type as EventType] ?? e.type}（${e.actor}）`);
        io.out(`法定期限（截至${today()}）：`);
        if (v.value.clocks === null) io.out(`  ${v.value.clockError}`);
        const STATES = { running: '进行中', due_soon: '即将到期', overdue: '已逾期', paused: '暂停', stopped: '已停止' } as const;
        for (const k of v.value.clocks ?? []) {
          if (k.id === 'receipt') continue;
          const left = k.workingDaysLeft === null ? '' : k.workingDaysLeft >= 0 ? `，剩余${k.workingDaysLeft}个工作日` : `，已逾期${-k.workingDaysLeft}个工作日`;
          io.out(`  ${k.title}：${k.due ?? '—'}${k.provisional ? '（暂定：该年度节假日安排尚未录入，按法定节假日推算）' : ''}（${STATES[k.state]}${k.met === undefined ? '' : k.met ? '，按期' : '，未按期'}${left}）  ${k.basis}`);
        }
        if (v.value.cases.length > 0) {
          io.out('行政复议、行政诉讼案件：');
          for (const c of v.value.cases) io.out(`  ${c.caseNumber}  ${CASE_TYPE_LABELS[c.type]}  收到 ${c.receivedOn}  ${c.concludedOn ? `结案 ${c.concludedOn}（${c.result ? resultLabel(c.result, c.type) : ''}）` : '尚未审结'}`);
        }
        if (v.value.remedies !== null || v.value.remedyError !== null) {
          io.out('申请人的救济期限：');
          if (v.value.remedyError !== null) io.out(`  ${v.value.remedyError}`);
          for (const w of v.value.remedies?.windows ?? []) io.out(`  ${w.clock.title}：${w.clock.due}${w.clock.provisional ? '（暂定）' : ''}，自${w.fromLabel} ${w.from} 起算  ${w.clock.basis}${w.usedBy ? `（已登记案件 ${w.usedBy.caseNumber}）` : w.clock.state === 'overdue' ? '（已届满）' : ''}`);
          if (v.value.remedies?.note) io.out(`  ${v.value.remedies.note}`);
        }
        if (v.value.documents.length > 0) {
          io.out('文书：');
          for (const d of v.value.documents) {
            const sent = d.delivery ? `  送达 ${d.delivery.deliveredOn}（${DELIVERY_METHOD_LABELS[d.delivery.method]}${d.delivery.trackingNumber ? ` ${d.delivery.trackingNumber}` : ''}）` : '  未登记送达';
            io.out(`  ${d.number}  ${d.title}  ${d.issuedOn}${sent}${d.supersededBy !== null ? '  （已更正，被新的答复告知书取代）' : ''}`);
          }
        }
        return 0;
      })(),
    );

  addDeliverCommand(applications, { withDatabase, refused, now, today, out: (text) => io.out(text) });
  addArchiveCommand(applications, { withDatabase, refused, out: (text) => io.out(text), err: (text) => io.err(text) });

  return { agency, applications };
}

/** The remedy deadlines of `show --json` as ISO dates: from the reply's delivery (or, not delivered, its date). */
function remedyDeadlines(r: RemedyWindows | null): { from: string; delivered: boolean; reconsideration: string | null; litigation: string | null; reconsiderationFirst: boolean } | null {
  const first = r?.windows[0];
  if (!r || !first) return null;
  const due = (kind: string) => r.windows.find((w) => w.kind === kind)?.clock.due ?? null;
  return { from: first.from, delivered: r.delivered, reconsideration: due('reconsideration'), litigation: due('litigation_direct'), reconsiderationFirst: r.note !== null };
}
