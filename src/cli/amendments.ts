// `gongkai amendments list --agency <code> [--state open|decided] [--json]`: the agency's 更正 requests
// (条例第四十一条), newest first — 编号, 收到日期, 办理期限, 状态 and 结果 — as lines, or as JSON (dates
// ISO). Read a page at a time. Exit codes: 0 done, 2 a usage or configuration problem.

import { Command, Option } from 'commander';
import type { ConfigResult } from '../config.ts';
import type { DomainError } from '../domain/applications/types.ts';
import type { CalendarIo } from './calendar.ts';
import { databaseRunner, USAGE } from './run.ts';

export function amendmentsCommand(io: CalendarIo, setExit: (code: number) => void, config: () => ConfigResult): Command {
  const withDatabase = databaseRunner(io, setExit, config);
  const refused = (error: DomainError): number => {
    io.err(`gongkai：${error.message}`);
    return USAGE;
  };
  const amendments = new Command('amendments').description('更正申请（条例第四十一条）：列出机关登记的更正申请及其办理期限和结果');
  amendments
    .command('list')
    .description('列出更正申请（新登记的在前）：编号、申请人、收到日期、办理期限、状态和结果')
    .requiredOption('--agency <code>', '机关代码')
    .addOption(new Option('--state <state>', '只列出办理中（open）或已办结（decided）的').choices(['open', 'decided']))
    .option('--json', '输出 JSON（日期为 YYYY-MM-DD）')
    .action((opts: { agency: string; state?: 'open' | 'decided'; json?: boolean }) =>
      withDatabase(async ({ db }) => {
        const [{ findAgency }, { listAmendments }, vocab] = await Promise.all([import('../services/agencies.ts'), import('../services/amendments/read.ts'), import('../domain/amendments/vocab.ts')]);
        const a = await findAgency(db, opts.agency);
        if (!a.ok) return refused(a.error);
        const today = io.now().slice(0, 10);
        const rows = [];
        let before: number | null = null;
        for (;;) {
          const page = await listAmendments(db, a.value.id, { before, state: opts.state ?? null });
          rows.push(...page.rows);
          if (page.next === null) break;
          before = page.next;
        }
        const decision = (d: string | null) => (d !== null && vocab.isDecision(d) ? d : null);
        if (opts.json) {
          const out = rows.map((r) => ({
            number: r.number,
            requesterName: r.requesterName,
            record: r.record,
            receivedOn: r.receivedOn,
            dueOn: r.dueOn,
            overdue: r.state === 'open' && r.dueOn !== null && r.dueOn < today,
            state: r.state,
            decision: decision(r.decision),
            decidedOn: r.decidedOn,
            authority: r.authority,
            noticeNumber: r.noticeNumber,
          }));
          io.out(JSON.stringify(out, null, 2));
          return 0;
        }
        if (rows.length === 0) {
          io.out(`${a.value.name}没有${opts.state === 'open' ? '办理中的' : opts.state === 'decided' ? '已办结的' : ''}更正申请。`);
          return 0;
        }
        for (const r of rows) {
          const d = decision(r.decision);
          const late = r.state === 'open' && r.dueOn !== null && r.dueOn < today ? '（已超期）' : '';
          const state = d === null ? `${vocab.AMENDMENT_STATE_LABELS.open}${late}` : `${vocab.AMENDMENT_DECISION_SHORT[d]}（${r.decidedOn ?? ''}）${r.authority ? ` ${r.authority}` : ''}`;
          io.out([r.number, r.requesterName, `收到 ${r.receivedOn}`, `期限 ${r.dueOn ?? '—'}`, state].join('\t'));
        }
        return 0;
      })(),
    );
  return amendments;
}
