// What the applicant can do on the status page besides reading it (issue #14): 补正 online while the
// period of the 补正告知书 runs (or why it cannot be sent any more), the 补正 already sent, and 撤回 — a
// link to a page that says what a withdrawal means before the applicant confirms it. Forms post with the
// CSRF token and work without JavaScript. Pure.

import type { CorrectionWindow } from '../../../domain/applications/correction-window.ts';
import type { PublicCorrectionEntry, PublicStatus } from '../../../services/public-status.ts';
import { CsrfField } from '../../csrf.ts';
import { ErrorSummary } from '../layout.tsx';
import { columnBase, columnPage } from './frame.tsx';
import type { ColumnAgency } from './frame.tsx';
import { chineseDay, DateText, errorFor, FileField, TextArea } from './fields.tsx';
import type { FieldError } from './fields.tsx';
import { CitizenStyles, PrintHeading } from './progress.tsx';

export interface CorrectionFormModel {
  text: string;
  errors: readonly FieldError[];
}

export interface UploadRule {
  accept: string;
  maxMegabytes: number;
}

/** The 补正 box: the form while the period runs, the reason when it has ended; nothing otherwise. */
export function CorrectionSection(props: { base: string; csrf: string; window: CorrectionWindow; form: CorrectionFormModel | undefined; upload: UploadRule }) {
  const w = props.window;
  if (!w.open && w.reason === 'not_awaiting') return null;
  if (!w.open) {
    return (
      <section class="correction-box" aria-labelledby="correction-title">
        <h2 id="correction-title">在线补正</h2>
        <p>
          补正期限已于{w.due ? <strong>{chineseDay(w.due)}</strong> : null}届满，本页不再提供在线补正。申请人无正当理由逾期不补正的，视为放弃申请，本机关不再处理该申请（条例第三十条）。
        </p>
        <p>
          如有正当理由未能按期补正，请尽快通过<a href={`${props.base}/guide`}>政府信息公开指南</a>中的联系方式联系本机关。
        </p>
      </section>
    );
  }
  const errors = props.form?.errors ?? [];
  return (
    <section class="correction-box no-print" aria-labelledby="correction-title">
      <h2 id="correction-title">在线补正</h2>
      <p>
        请按补正告知书的要求，填写补正后的申请内容（所需政府信息的名称、文号或者便于查询的其他特征性描述），或上传补正材料，两者至少一项。
        {w.due ? (
          <>
            请在<strong>{chineseDay(w.due)}</strong>
            {w.provisional ? '（暂定）' : ''}前提交。
          </>
        ) : null}
      </p>
      <p>提交成功即视为本机关收到补正后的申请，收到日期为提交当日；答复期限自该日起重新计算（条例第三十条）。补正只能提交一次，请把需要补正的内容一并提交。</p>
      <form method="post" action={`${props.base}/status/correction`} enctype="multipart/form-data" accept-charset="utf-8" novalidate>
        <CsrfField token={props.csrf} />
        <TextArea
          name="text"
          label="补正后的申请内容"
          value={props.form?.text ?? ''}
          maxlength={5000}
          rows={8}
          hint="可以重新描述所需的政府信息，或对原申请作出说明，不超过5000字。"
          error={errorFor(errors, 'text')}
        />
        <FileField
          name="file"
          label="补正材料"
          accept={props.upload.accept}
          hint={`JPG、PNG 图片或 PDF 文件，不超过 ${props.upload.maxMegabytes} MB。${errors.length > 0 && !errorFor(errors, 'file') ? '出于安全原因，浏览器不会保留已选择的文件，如需上传请重新选择。' : ''}`}
          error={errorFor(errors, 'file')}
        />
        <div class="actions">
          <button type="submit">提交补正</button>
        </div>
      </form>
    </section>
  );
}

/** The 补正 sent online so far, as the applicant sent them. */
export function SentCorrections(props: { corrections: readonly PublicCorrectionEntry[] }) {
  if (props.corrections.length === 0) return null;
  return (
    <>
      <h2>您在线提交的补正</h2>
      {props.corrections.map((c) => (
        <div>
          <p>
            收到日期：<DateText date={c.receivedOn} />
            {c.fileName ? `；补正材料：${c.fileName}` : ''}
          </p>
          {c.text ? <p class="sent-correction">{c.text}</p> : null}
        </div>
      ))}
    </>
  );
}

/** The way to 撤回 (only while the transition table allows it). */
export function WithdrawLink(props: { base: string; mayWithdraw: boolean }) {
  if (!props.mayWithdraw) return null;
  return (
    <section class="no-print" aria-labelledby="withdraw-title">
      <h2 id="withdraw-title">撤回申请</h2>
      <p>
        不再需要这些信息的，可以撤回申请。<a href={`${props.base}/status/withdraw`}>撤回申请（下一页说明撤回的后果并请您确认）</a>
      </p>
    </section>
  );
}

export interface WithdrawViewModel {
  /** the agency with its site profile (the frame's header and footer) */
  agency: ColumnAgency;
  status: PublicStatus;
  csrf: string;
  today: string;
  reason: string;
  error: string | null;
}

/** The confirmation of a withdrawal: what it means, an optional reason, confirm or go back. */
export function withdrawPage(vm: WithdrawViewModel): string {
  const s = vm.status;
  const base = columnBase(vm.agency.code);
  return columnPage(
    vm.agency,
    'apply',
    '撤回申请',
    <>
      <CitizenStyles />
      <PrintHeading agencyName={s.agency.name} what="撤回申请" />
      <ErrorSummary errors={vm.error ? [{ field: 'reason', message: vm.error }] : []} />
      <h1>撤回申请</h1>
      <p>
        您将撤回申请编号为 <strong>{s.number}</strong> 的政府信息公开申请（当前状态：{s.stateLabel}）。撤回之前，请了解：
      </p>
      <ul class="consequences">
        <li>撤回后，本机关不再办理这份申请，也不会再就这份申请作出答复；申请按“已办结”处理，撤回日期为您确认撤回的当日（{chineseDay(vm.today)}）。</li>
        <li>撤回不能取消。以后仍需要这些政府信息的，可以重新提交申请，答复期限自本机关收到新申请之日起重新计算。</li>
        <li>已经出具的告知书等文书仍可凭回执码和查询密码在“查询申请办理进度”页面查看和下载。</li>
      </ul>
      <form method="post" action={`${base}/status/withdraw`} accept-charset="utf-8" novalidate>
        <CsrfField token={vm.csrf} />
        <TextArea name="reason" label="撤回理由" value={vm.reason} maxlength={500} rows={4} hint="可以不填，不超过500字。" error={vm.error ?? undefined} />
        <div class="actions">
          <button type="submit" class="danger">
            确认撤回申请
          </button>
          <a href={`${base}/status/result`}>不撤回，返回办理进度</a>
        </div>
      </form>
    </>,
    { errors: vm.error !== null },
  );
}
