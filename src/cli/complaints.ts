// `gongkai complaints list --agency <code> [--open] [--json]`: the 投诉、举报 (条例第五十一条) the agency
// received as the office above, newest first — 编号, 被投诉机关, 收到日期, 答复期限, 状态 and 调查结果 —
// as lines, or as JSON (dates ISO). Read a page at a time. Exit codes: 0 done, 2 a usage or
// configuration problem.

import { Command } from 'commander';
import type { ConfigResult } from '../config.ts';
import type { DomainError } from '../domain/applications/types.ts';
import type { ComplaintRow } from '../services/complaints/read.ts';
import type { CalendarIo } from './calendar.ts';
import { databaseRunner, USAGE } from './run.ts';

export function complaintsCommand(io: CalendarIo, setExit: (code: number) => void, config: () => ConfigResult): Command {
  const withDatabase = databaseRunner(io, setExit, config);
  const refused = (error: DomainError): number => {
    io.err(`gongkai：${error.message}`);
    return USAGE;
  };
  const complaints = new Command('complaints').description('投诉、举报（条例第五十一条）：列出机关作为上一级机关受理的投诉、举报及其答复期限和结果');
  complaints
    .command('list')
    .description('列出受理的投诉、举报（新收到的在前）：编号、被投诉、举报的机关、收到日期、答复期限、状态和调查结果')
    .requiredOption('--agency <code>', '受理机关（上一级机关）的代码')
    .option('--open', '只列出未答复的')
    .option('--json', '输出 JSON（日期为 YYYY-MM-DD）')
    .action((opts: { agency: string; open?: boolean; json?: boolean }) =>
      withDatabase(async ({ db }) => {
        const [{ findAgency }, { listComplaints }, vocab] = await Promise.all([import('../services/agencies.ts'), import('../services/complaints/read.ts'), import('../domain/complaints/vocab.ts')]);
        const a = await findAgency(db, opts.agency);
        if (!a.ok) return refused(a.error);
        const today = io.now().slice(0, 10);
        const rows: ComplaintRow[] = [];
        let before: number | null = null;
        for (;;) {
          const page = await listComplaints(db, a.value.id, { before, open: opts.open === true });
          rows.push(...page.rows);
          if (page.next === null) break;
          before = page.next;
        }
        const result = (r: string | null) => (r !== null && vocab.isComplaintResult(r) ? r : null);
        const overdue = (r: ComplaintRow) => r.state !== 'answered' && r.dueOn !== null && r.dueOn < today;
        if (opts.json) {
          const out = rows.map((r) => ({
            number: r.number,
            kind: r.kind,
            against: { code: r.againstCode, name: r.againstName },
            receivedOn: r.receivedOn,
            dueOn: r.dueOn,
            overdue: overdue(r),
            state: r.state,
            assignee: r.assignee,
            answeredOn: r.answeredOn,
            result: result(r.result),
            accountability: r.accountability,
          }));
          io.out(JSON.stringify(out, null, 2));
          return 0;
        }
        if (rows.length === 0) {
          io.out(`${a.value.name}没有${opts.open ? '未答复的' : ''}投诉、举报。`);
          return 0;
        }
        for (const r of rows) {
          const res = result(r.result);
          const state = res === null ? `${vocab.COMPLAINT_STATE_LABELS[r.state as 'received'] ?? r.state}${overdue(r) ? '（已超期）' : ''}` : `已答复（${r.answeredOn ?? ''}）${vocab.COMPLAINT_RESULT_LABELS[res]}${r.accountability ? '，有责任追究' : ''}`;
          io.out([r.number, r.againstName, `收到 ${r.receivedOn}`, `期限 ${r.dueOn ?? '—'}`, state].join('\t'));
        }
        return 0;
      })(),
    );
  return complaints;
}
