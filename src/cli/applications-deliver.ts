// `gongkai applications deliver <编号> --agency <code> --on <date> --method <方式>`: records how a notice of
// the application reached the applicant (送达, services/deliveries.ts) — by default the reply in force —
// and prints the applicant's remedy deadlines that now run from it.

import type { Command } from 'commander';
import type { DomainError } from '../domain/applications/types.ts';
import { DELIVERY_METHOD_LABELS, DELIVERY_METHODS, parseDeliveryMethod } from '../domain/documents/delivery.ts';
import { DOCUMENT_KIND_LABELS, DOCUMENT_KINDS } from '../domain/documents/templates.ts';
import type { DocumentKind } from '../domain/documents/templates.ts';
import type { databaseRunner } from './run.ts';

/** A kind of notice from its code (reply) or its Chinese name (答复告知书, 收费通知书 …), or null. */
export function parseDocumentKind(text: string): DocumentKind | null {
  const t = text.trim();
  if ((DOCUMENT_KINDS as readonly string[]).includes(t)) return t as DocumentKind;
  if (t === '答复' || t === '答复告知书') return 'reply';
  return DOCUMENT_KINDS.find((k) => DOCUMENT_KIND_LABELS[k] === t) ?? null;
}

export function addDeliverCommand(
  applications: Command,
  tools: { withDatabase: ReturnType<typeof databaseRunner>; refused: (e: DomainError) => number; now: () => string; today: () => string; out: (text: string) => void },
): void {
  applications
    .command('deliver')
    .description('登记文书的送达（默认：现行的答复告知书）；答复送达之日起计算申请人申请行政复议、提起行政诉讼的期限')
    .argument('<number>', '申请编号')
    .requiredOption('--agency <code>', '机关代码')
    .requiredOption('--on <date>', '送达日期（YYYY-MM-DD）：申请人签收或收到之日')
    .requiredOption('--method <方式>', `送达方式：${DELIVERY_METHODS.map((m) => `${DELIVERY_METHOD_LABELS[m]}（${m}）`).join('、')}`)
    .option('--document <kind>', `文书种类：${DOCUMENT_KINDS.map((k) => `${k}（${DOCUMENT_KIND_LABELS[k]}）`).join('、')}；默认 reply`)
    .option('--tracking <no>', '邮件号码（挂号信或快递单号；邮寄送达必填）')
    .option('--evidence <text>', '送达凭证的说明，如“申请人签收”“邮政签收记录”“已读回执”')
    .action((number: string, opts: { agency: string; on: string; method: string; document?: string; tracking?: string; evidence?: string }) =>
      tools.withDatabase(async ({ db }) => {
        const method = parseDeliveryMethod(opts.method);
        if (method === null) return tools.refused({ code: 'USAGE', message: `送达方式应为当面、邮寄、电子邮件或在线，而不是“${opts.method}”。` });
        const kind = opts.document === undefined ? 'reply' : parseDocumentKind(opts.document);
        if (kind === null) return tools.refused({ code: 'USAGE', message: `文书种类“${opts.document}”无效：应为 ${DOCUMENT_KINDS.join('、')} 或其中文名称。` });
        const [{ findAgency }, { loadWorkingCalendar }, { viewApplication }, { recordDelivery }] = await Promise.all([
          import('../services/agencies.ts'),
          import('../services/calendar-store.ts'),
          import('../services/application-view.ts'),
          import('../services/deliveries.ts'),
        ]);
        const a = await findAgency(db, opts.agency);
        if (!a.ok) return tools.refused(a.error);
        const calendar = await loadWorkingCalendar(db);
        if (!calendar.ok) return tools.refused({ code: 'CALENDAR', message: calendar.error });
        const who = { actor: 'cli', now: tools.now(), today: tools.today(), calendar: calendar.value };
        const before = await viewApplication(db, a.value.id, { number }, { calendar: calendar.value, today: who.today });
        if (!before.ok) return tools.refused(before.error);
        const r = await recordDelivery(
          db,
          a.value.id,
          before.value.application.id,
          { documentKind: kind, method, deliveredOn: opts.on, ...(opts.tracking !== undefined ? { trackingNumber: opts.tracking } : {}), ...(opts.evidence !== undefined ? { evidence: opts.evidence } : {}) },
          who,
        );
        if (!r.ok) return tools.refused(r.error);
        const doc = before.value.documents.find((d) => d.id === r.value.documentId);
        tools.out(`已登记送达：${doc?.number ?? ''} ${DOCUMENT_KIND_LABELS[kind]}，${r.value.deliveredOn} ${DELIVERY_METHOD_LABELS[method]}${r.value.trackingNumber ? `（邮件号码 ${r.value.trackingNumber}）` : ''}`);
        const after = await viewApplication(db, a.value.id, { number }, { calendar: calendar.value, today: who.today });
        if (kind === 'reply' && after.ok && after.value.remedies?.delivered) {
          for (const w of after.value.remedies.windows) if (w.kind !== 'litigation_after_reconsideration') tools.out(`  ${w.clock.title}：${w.clock.due}${w.clock.provisional ? '（暂定）' : ''}  ${w.clock.basis}`);
          if (after.value.remedies.note) tools.out(`  ${after.value.remedies.note}`);
        }
        return 0;
      })(),
    );
}
