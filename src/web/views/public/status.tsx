// 申请办理进度: the query form (receipt code + query password) and the status page it opens — the progress
// view (progress.tsx), the state, the 补正 and 撤回 the applicant can do here (status-actions.tsx), the
// deadlines and the timeline in plain words, and the documents issued to the applicant (Word, and PDF where
// it is kept or can be printed). Prints as a clean record (citizen-assets.ts). Pure.

import type { PublicStatus } from '../../../services/public-status.ts';
import { CsrfField } from '../../csrf.ts';
import { ErrorSummary } from '../layout.tsx';
import { columnBase, columnPage } from './frame.tsx';
import type { ColumnAgency } from './frame.tsx';
import { chineseDay, DateText, Facts, TextField } from './fields.tsx';
import type { FieldError } from './fields.tsx';
import { CitizenStyles, PrintHeading, PrintTools, ProgressView } from './progress.tsx';
import { CorrectionSection, SentCorrections, WithdrawLink } from './status-actions.tsx';
import { RemedySection } from './status-remedies.tsx';
import type { CorrectionFormModel, UploadRule } from './status-actions.tsx';

export interface StatusFormViewModel {
  agency: ColumnAgency;
  csrf: string;
  code: string;
  /** the one generic refusal (never which of the two was wrong) */
  error: string | null;
}

export function statusFormPage(vm: StatusFormViewModel): string {
  const base = columnBase(vm.agency.code);
  return columnPage(
    vm.agency,
    'apply',
    '查询申请办理进度',
    <>
      <ErrorSummary errors={vm.error ? [{ field: 'code', message: vm.error }] : []} />
      <h1>查询申请办理进度</h1>
      <p>请输入在线提交申请后获得的回执码和查询密码。</p>
      <form method="post" action={`${base}/status`} accept-charset="utf-8" novalidate>
        <CsrfField token={vm.csrf} />
        <TextField
          name="code"
          label="回执码"
          required
          value={vm.code}
          maxlength={20}
          autocomplete="off"
          autocapitalize="characters"
          spellcheck={false}
          hint="12位字母和数字，例如 ABCD-EFGH-JKMN；不区分大小写，可以不输入连字符。"
        />
        <TextField name="password" label="查询密码" type="password" required maxlength={20} autocomplete="off" hint="10位字母和数字，不区分大小写。" />
        <div class="actions">
          <button type="submit">查询</button>
        </div>
      </form>
      <p>
        还没有提交申请？<a href={`${base}/apply`}>在线申请政府信息公开</a>。遗失回执码或查询密码的，请通过<a href={`${base}/guide`}>政府信息公开指南</a>中的联系方式联系本机关。
      </p>
    </>,
    { errors: vm.error !== null },
  );
}

export interface StatusViewModel {
  /** the agency with its site profile (the frame's header and footer) */
  agency: ColumnAgency;
  status: PublicStatus;
  csrf: string;
  today: string;
  /** after an action (post-redirect-get): what was done */
  done?: 'correction' | 'withdrawn' | null;
  /** a PDF of a notice can be printed here (a browser is installed); kept ones are offered anyway */
  pdf?: boolean;
  /** the 补正 form re-shown after a refusal */
  correctionForm?: CorrectionFormModel;
  /** the upload rule of the 补正 form */
  upload: UploadRule;
  /** a refusal of the whole action (the period ended meanwhile …) */
  actionError?: string | null;
}

function daysLeft(n: number | null, state: string): string {
  if (n === null) return '—';
  if (state === 'stopped') return '—';
  if (n < 0) return `已超过${-n}个工作日`;
  if (n === 0) return '今天到期';
  return `${n}个工作日`;
}

function DoneNotice(props: { done: StatusViewModel['done']; status: PublicStatus }) {
  if (props.done === 'correction') {
    const last = props.status.corrections.at(-1);
    return (
      <div class="notice" role="status">
        <p>
          已收到您的补正{last ? <>（收到日期：{chineseDay(last.receivedOn)}）</> : null}。答复期限自收到补正之日起重新计算，新的答复期限见下方。
        </p>
      </div>
    );
  }
  if (props.done === 'withdrawn') {
    return (
      <div class="notice" role="status">
        <p>您已撤回申请，本机关不再办理这份申请。</p>
      </div>
    );
  }
  return null;
}

export function statusPage(vm: StatusViewModel): string {
  const s = vm.status;
  const agency = vm.agency;
  const base = columnBase(agency.code);
  const formErrors: readonly FieldError[] = vm.correctionForm?.errors ?? [];
  const summary = [...formErrors, ...(vm.actionError ? [{ field: 'progress-title', message: vm.actionError }] : [])];
  return columnPage(
    agency,
    'apply',
    '申请办理进度',
    <>
      <CitizenStyles />
      <PrintHeading agencyName={agency.name} what="申请办理进度" />
      <ErrorSummary errors={summary} />
      <h1>申请办理进度</h1>
      <DoneNotice done={vm.done} status={s} />
      <ProgressView progress={s.progress} />
      <div class="notice" role="status">
        <p>
          当前状态：<strong>{s.stateLabel}</strong>。{s.stateText}
        </p>
      </div>
      <CorrectionSection base={base} csrf={vm.csrf} window={s.correction} form={vm.correctionForm} upload={vm.upload} />
      <Facts
        caption="申请信息"
        items={[
          ['申请编号', s.number],
          ['回执码', s.receiptCode || '—'],
          ['受理机关', agency.name],
          ['申请人', `${s.applicantName}（${s.applicantTypeLabel}）`],
          ['所需政府信息', s.request],
          ['获取信息的方式', s.deliveryForm || '—'],
          ['提交日期', <DateText date={s.submittedOn} />],
          ['收到申请日期', <DateText date={s.receivedOn} />],
        ]}
      />
      <h2>期限</h2>
      {s.deadlineError ? <p>{s.deadlineError}</p> : null}
      {s.deadlines.length === 0 && !s.deadlineError ? <p>暂无需要计算的期限。</p> : null}
      {s.deadlines.map((d) => (
        <div>
          <Facts
            caption={`${d.title}（${d.basis}）`}
            items={[
              [
                '到期日',
                d.due ? (
                  d.provisional ? (
                    <>
                      <DateText date={d.due} />（暂定：该年度节假日安排尚未公布，按法定节假日推算，公布后以重新计算的日期为准）
                    </>
                  ) : (
                    <DateText date={d.due} />
                  )
                ) : d.id === 'reply' && s.state === 'awaiting_correction' ? (
                  '待定：自本机关收到补正后的申请之日起20个工作日'
                ) : (
                  '待定'
                ),
              ],
              ['剩余时间', daysLeft(d.workingDaysLeft, d.state)],
              ['状态', d.stateLabel],
            ]}
          />
          {d.explain.length > 0 ? (
            <ul>
              {d.explain.map((line) => (
                <li>{line}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ))}
      <RemedySection remedies={s.remedies} />
      <h2>办理过程</h2>
      <ol class="timeline">
        {s.timeline.map((t) => (
          <li>
            <DateText date={t.date} />：{t.text}
          </li>
        ))}
      </ol>
      <SentCorrections corrections={s.corrections} />
      <h2>答复文书</h2>
      {s.documents.length === 0 ? (
        <p>本机关尚未向您出具文书。</p>
      ) : (
        <div class="table-wrap" role="region" aria-label="本机关向您出具的文书（可横向滚动）" tabindex={0}>
          <table>
            <caption>本机关向您出具的文书</caption>
            <thead>
              <tr>
                <th scope="col">文书</th>
                <th scope="col">文号</th>
                <th scope="col">日期</th>
                <th scope="col" class="no-print">
                  查看和下载
                </th>
              </tr>
            </thead>
            <tbody>
              {s.documents.map((d) => (
                <tr>
                  <th scope="row">
                    {d.title}
                    {d.superseded ? <>（已被更正，以更正后的答复为准）</> : null}
                  </th>
                  <td>{d.number}</td>
                  <td>
                    <DateText date={d.issuedOn} />
                  </td>
                  <td class="no-print">
                    <a href={`${base}/status/documents/${d.id}`}>
                      在线查看<span class="visually-hidden">{d.title}</span>
                    </a>{' '}
                    <a href={`${base}/status/documents/${d.id}.docx`}>
                      下载 Word<span class="visually-hidden">{d.title}</span>
                    </a>
                    {d.hasPdf || vm.pdf ? (
                      <>
                        {' '}
                        <a href={`${base}/status/documents/${d.id}.pdf`}>
                          下载 PDF<span class="visually-hidden">{d.title}</span>
                        </a>
                      </>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <WithdrawLink base={base} mayWithdraw={s.mayWithdraw} />
      <p class="hint">查询日期：{chineseDay(vm.today)}。期限按法定工作日计算，节假日顺延。</p>
      <PrintTools />
      <div class="actions no-print">
        {vm.pdf ? <a href={`${base}/status/receipt.pdf`}>下载申请回执（PDF，不含查询密码）</a> : null}
        <form method="post" action={`${base}/status/end`}>
          <CsrfField token={vm.csrf} />
          <button type="submit" class="secondary">
            结束查询
          </button>
        </form>
        <a href={`${base}/`}>返回专栏首页</a>
      </div>
    </>,
    { errors: summary.length > 0 },
  );
}
