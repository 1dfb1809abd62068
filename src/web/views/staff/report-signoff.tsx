// The annual report's sign-off in the staff workspace: the status line on the draft page, the page that
// checks the draft and submits it (提交审核), and the page of a submitted report — the snapshot as the
// reviewers see it, its checks, the chain and where the round waits, the decision form of the waiting
// stage, 撤回, 发布 (with its warnings to acknowledge), 更正, and the history of decisions. Pure.

import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import { SIGNOFF_STATE_LABELS } from '../../../domain/report/signoff.ts';
import type { SignoffState } from '../../../domain/report/signoff.ts';
import type { Finding } from '../../../domain/report/types.ts';
import type { ChainStage } from '../../../domain/review/chain.ts';
import { STAGE_AGENCY_LABELS } from '../../../domain/review/chain.ts';
import type { SignoffView } from '../../../services/report-signoff-read.ts';
import { DECISION_LABELS } from '../../../services/review/rounds.ts';
import { beijingTime } from './application-parts.tsx';
import { Csrf, errorFor, FormOutcome, TextArea } from './forms.tsx';
import type { FieldError } from './forms.tsx';
import { Facts, PRE, ROLE_LABELS, staffBase, staffPage } from './frame.tsx';
import type { StaffFrame } from './frame.tsx';
import { factsBase } from './report-facts.tsx';

export const signoffHref = (code: string, id: number): string => `${staffBase(code)}/report-signoff/${id}`;

const chainText = (stages: readonly ChainStage[]): string =>
  stages.map((s) => `${s.name}（${s.agency === 'parent' ? `${STAGE_AGENCY_LABELS.parent}的` : ''}${s.roles.map((r) => ROLE_LABELS[r] ?? r).join('或')}）`).join(' → ');

/** The draft page's line: where the year's report stands, and the way on. */
export function SignoffStatus(props: { code: string; year: number; state: SignoffState | null; signoffId: number | null; waitingAt: string | null; mayHandle: boolean }) {
  const label = SIGNOFF_STATE_LABELS[props.state ?? 'none'];
  const open = props.state === null || props.state === 'drafting';
  return (
    <section aria-labelledby="signoff-status" class="notice">
      <h2 id="signoff-status">审核与发布</h2>
      <p>
        状态：<strong>{label}</strong>
        {props.waitingAt ? `（在“${props.waitingAt}”环节等待审核）` : ''}
        {props.signoffId !== null ? (
          <>
            {' '}
            · <a href={signoffHref(props.code, props.signoffId)}>查看送审版本和审核记录</a>
          </>
        ) : null}
      </p>
      {open && props.mayHandle ? (
        <p>
          草稿完成后，<a href={`${factsBase(props.code, props.year)}/submit`}>{props.state === 'drafting' && props.signoffId !== null ? '检查并重新提交审核' : '检查并提交审核'}</a>：提交时的草稿将被固定，审核和发布的都是这一版本。
        </p>
      ) : null}
    </section>
  );
}

function FindingList(props: { findings: readonly Finding[] }) {
  return (
    <ul>
      {props.findings.map((f) => (
        <li>
          （{f.rule}）{f.message}
        </li>
      ))}
    </ul>
  );
}

/** The checks of publication on a report: errors, disagreements with a neighbouring year, warnings. */
function Checks(props: { errors: readonly Finding[]; crossYear: readonly Finding[]; warnings: readonly Finding[]; heading: string }) {
  const none = props.errors.length + props.crossYear.length + props.warnings.length === 0;
  return (
    <section aria-labelledby="checks">
      <h2 id="checks">{props.heading}</h2>
      {none ? <p>没有发现错误或警告：表格的数字相互衔接，正文与表格一致，必备的部分齐全。</p> : null}
      {props.errors.length > 0 ? (
        <>
          <h3>错误（{props.errors.length}个）：改正后才能提交</h3>
          <FindingList findings={props.errors} />
        </>
      ) : null}
      {props.crossYear.length > 0 ? (
        <>
          <h3>与已发布的相邻年度报告不衔接（{props.crossYear.length}处）：须写明说明</h3>
          <FindingList findings={props.crossYear} />
        </>
      ) : null}
      {props.warnings.length > 0 ? (
        <>
          <h3>警告（{props.warnings.length}个）：请逐项核实</h3>
          <FindingList findings={props.warnings} />
        </>
      ) : null}
    </section>
  );
}

export interface SubmitPageProps {
  year: number;
  errors: Finding[];
  crossYear: Finding[];
  warnings: Finding[];
  /** the draft's gaps (what it could not state) */
  gaps: string[];
  /** the year's report is published: this submission is its correction */
  correction: boolean;
  stages: ChainStage[];
  values: { explanation: string; changeNote: string };
  fieldErrors: FieldError[];
  csrf: string;
}

export function submitPage(frame: StaffFrame, p: SubmitPageProps): string {
  const code = frame.agency?.code ?? '';
  const base = factsBase(code, p.year);
  return staffPage(
    frame,
    `提交${p.year}年度报告审核`,
    <>
      <p>
        <a href={`${base}/draft`}>返回草稿</a>
      </p>
      <h1>
        提交{p.year}年度报告审核{p.correction ? '（更正已发布的报告）' : ''}
      </h1>
      <p>
        提交时，草稿（表格和正文）将被固定为送审版本，按审核流程依次审核：{chainText(p.stages)}。此后录入的记录或修改不改变送审版本；如需纳入，请撤回后重新提交。签发后即可发布。
      </p>
      <FormOutcome errors={p.fieldErrors} />
      <Checks errors={p.errors} crossYear={p.crossYear} warnings={p.warnings} heading="发布前的检查（与发布时相同）" />
      {p.gaps.length > 0 ? (
        <section aria-labelledby="gaps">
          <h2 id="gaps">草稿中尚需补充的内容（{p.gaps.length}处）</h2>
          <ul>
            {p.gaps.map((g) => (
              <li>{g}</li>
            ))}
          </ul>
        </section>
      ) : null}
      {p.errors.length > 0 ? (
        <p>
          请先改正以上错误（在<a href={base}>年报素材</a>、<a href={`${staffBase(code)}/records/${p.year}`}>年报数据</a>或<a href={`${base}/draft`}>草稿</a>中），再提交审核。
        </p>
      ) : (
        <form method="post" action={`${base}/submit`}>
          <Csrf token={p.csrf} />
          {p.crossYear.length > 0 ? (
            <TextArea
              id="explanation"
              name="explanation"
              label="与相邻年度报告不衔接的说明"
              hint="写明数字不一致的原因；说明随报告一并审核，并在公开专栏与报告一起公布"
              rows={4}
              maxlength={2000}
              value={p.values.explanation}
              error={errorFor(p.fieldErrors, 'explanation')}
              required
            />
          ) : null}
          {p.correction ? (
            <TextArea
              id="changeNote"
              name="changeNote"
              label="更正说明"
              hint="更正了什么、为什么更正；将与更正日期一并在公开专栏的报告页上公布"
              rows={3}
              maxlength={500}
              value={p.values.changeNote}
              error={errorFor(p.fieldErrors, 'changeNote')}
              required
            />
          ) : null}
          <button type="submit">提交审核</button>
        </form>
      )}
    </>,
  );
}

export interface SignoffPageProps {
  view: SignoffView;
  /** the snapshot as HTML (renderHtml, not standalone) */
  articleHtml: string;
  /** whether the draft changed since the snapshot (null: not known) */
  changed: boolean | null;
  /** what this person may do here */
  may: { decide: boolean; decideBlocked: string | null; recall: boolean; publish: boolean; correct: boolean };
  agencyNames: Record<number, string>;
  csrf: string;
  done?: string | undefined;
  failed?: { action: string; errors: FieldError[]; values: Record<string, string> } | undefined;
  /** where the public column shows the published report */
  publicHref: string;
}

function History(props: { view: SignoffView }) {
  const { history } = props.view;
  if (history.length === 0) return <p>尚无审核记录。</p>;
  return (
    <div class="table-wrap" role="region" aria-label="审核记录（可横向滚动）" tabindex={0}>
      <table>
        <caption>审核记录（按时间先后）</caption>
        <thead>
          <tr>
            <th scope="col">时间</th>
            <th scope="col">送审版本</th>
            <th scope="col">环节</th>
            <th scope="col">决定</th>
            <th scope="col">人员</th>
            <th scope="col">意见</th>
          </tr>
        </thead>
        <tbody>
          {history.map((h) => (
            <tr>
              <td>{beijingTime(h.decidedAt)}</td>
              <td>第{h.version}稿</td>
              <td>{h.stageName}</td>
              <td>{DECISION_LABELS[h.decision] ?? h.decision}</td>
              <td>{h.actorName}</td>
              <td style={PRE}>{h.comment || '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Actions(props: SignoffPageProps & { here: string }) {
  const { view, may, here } = props;
  const round = view.round;
  const stage = round ? round.stages[round.stage - 1] : undefined;
  const failed = (action: string) => (props.failed?.action === action ? props.failed : undefined);
  const err = (action: string, field: string) => errorFor(failed(action)?.errors ?? [], field);
  const val = (action: string, field: string) => failed(action)?.values[field] ?? '';
  const warnings = view.review?.warnings ?? [];
  const forms: Child[] = [];
  if (may.decide && round && stage) {
    forms.push(
      <form method="post" action={`${here}/review`}>
        <h3>
          {stage.name}（第{round.stage}/{round.stages.length}环节）
        </h3>
        <Csrf token={props.csrf} />
        <input type="hidden" name="stage" value={String(round.stage)} />
        <TextArea id="review-comment" name="comment" label="审核意见" hint="退回时必填，写明需要修改之处" rows={4} maxlength={2000} value={val('review', 'comment')} error={err('review', 'comment') ?? err('review', 'decision')} />
        <button type="submit" name="decision" value="approve">
          {round.stage === round.stages.length ? `同意（${stage.name}）` : '同意'}
        </button>{' '}
        <button type="submit" name="decision" value="return" class="secondary">
          退回
        </button>
      </form>,
    );
  }
  if (may.decideBlocked && round) forms.push(<p class="hint">{may.decideBlocked}</p>);
  if (may.publish) {
    forms.push(
      <form method="post" action={`${here}/publish`}>
        <h3>{view.published ? '发布更正后的报告' : '发布到公开专栏'}</h3>
        <Csrf token={props.csrf} />
        {err('publish', 'publish') ? <p class="field-error">{err('publish', 'publish')}</p> : null}
        <p class="hint">发布的是已签发的送审版本（第{view.row.version}稿），同时生成PDF一并保存。</p>
        {warnings.length > 0 ? (
          <p>
            <label>
              <input type="checkbox" name="acknowledgeWarnings" value="1" aria-describedby="publish-warnings" /> 我已逐项核实上面的{warnings.length}个警告，确认发布
            </label>
            {err('publish', 'acknowledgeWarnings') ? (
              <span class="field-error" id="publish-warnings">
                {err('publish', 'acknowledgeWarnings')}
              </span>
            ) : (
              <span class="hint" id="publish-warnings">
                有警告的报告须确认后才能发布
              </span>
            )}
          </p>
        ) : null}
        <button type="submit">{view.published ? '发布更正' : '发布'}</button>
      </form>,
    );
  }
  if (may.recall) {
    const signed = view.row.state === 'approved';
    forms.push(
      <form method="post" action={`${here}/recall`}>
        <h3>{signed ? '撤回签发' : '撤回送审'}</h3>
        <Csrf token={props.csrf} />
        <TextArea
          id="recall-reason"
          name="reason"
          label={signed ? '撤回原因（必填）' : '撤回原因'}
          hint={signed ? '已签发的报告撤回后须重新提交审核' : '撤回后可修改草稿，再重新提交'}
          rows={2}
          maxlength={500}
          value={val('recall', 'reason')}
          error={err('recall', 'reason') ?? err('recall', 'recall')}
        />
        <button type="submit" class="secondary">
          {signed ? '撤回签发' : '撤回送审'}
        </button>
      </form>,
    );
  }
  if (may.correct) {
    forms.push(
      <form method="post" action={`${here}/correct`}>
        <h3>更正已发布的报告</h3>
        <Csrf token={props.csrf} />
        {err('correct', 'correct') ? <p class="field-error">{err('correct', 'correct')}</p> : null}
        <p class="hint">更正时重新打开草稿：修改记录或句子后，写明更正说明并重新提交审核，签发后发布为新版本；公开专栏保留首次发布日期，并公布更正日期和说明。</p>
        <button type="submit" class="secondary">
          开始更正
        </button>
      </form>,
    );
  }
  return forms.length > 0 ? <>{forms}</> : <p>当前没有需要您办理的操作。</p>;
}

export function signoffPage(frame: StaffFrame, p: SignoffPageProps): string {
  const { view } = p;
  const { row, round } = view;
  const here = `${staffBase(frame.agency?.code ?? '')}/report-signoff/${row.id}`;
  const title = `${view.agency.name}${row.year}年政府信息公开工作年度报告`;
  const waiting = round ? round.stages[round.stage - 1] : undefined;
  return staffPage(
    frame,
    `${row.year}年度报告的审核与发布`,
    <>
      <p>
        {view.own ? <a href={`${factsBase(view.agency.code, row.year)}/draft`}>返回草稿</a> : <>来自{view.agency.name}，送本机关审核</>}
      </p>
      <h1>{title}</h1>
      <FormOutcome done={p.done} errors={p.failed?.action === 'page' ? p.failed.errors : undefined} />
      <Facts
        caption="审核与发布"
        items={[
          ['状态', <strong>{SIGNOFF_STATE_LABELS[row.state]}</strong>],
          ['送审版本', row.version > 0 ? `第${row.version}稿（${row.submittedAt ? beijingTime(row.submittedAt) : ''}提交）` : '尚未提交'],
          ['审核流程', round ? chainText(round.stages) : chainText(view.chain.stages)],
          ...(round && waiting
            ? [['等待', `“${waiting.name}”环节，由${p.agencyNames[round.stageAgencyId] ?? ''}${waiting.roles.map((r) => ROLE_LABELS[r] ?? r).join('或')}审核，自${beijingTime(round.waitingSince)}起`] as [string, Child]]
            : []),
          ...(row.approvedAt && (row.state === 'approved' || row.state === 'published') ? [['签发时间', beijingTime(row.approvedAt)] as [string, Child]] : []),
          ...(view.published
            ? [['公开专栏', <>首次发布于{beijingTime(view.published.publishedAt)}，现为第{view.published.version}版 · <a href={p.publicHref}>查看</a></>] as [string, Child]]
            : []),
          ...(row.changeNote ? [['更正说明', row.changeNote] as [string, Child]] : []),
          ...(row.explanation ? [['与相邻年度不衔接的说明', row.explanation] as [string, Child]] : []),
        ]}
      />
      {p.changed && (row.state === 'in_review' || row.state === 'approved') ? (
        <div class="notice" role="note">
          <p>提交之后，年报素材、年报数据或草稿已有变化，与送审版本不同。审核和发布的仍是送审版本；如需纳入变化，请撤回后重新提交。</p>
        </div>
      ) : null}
      <h2 id="actions">办理</h2>
      <Actions {...p} here={here} />
      {view.review ? <Checks errors={view.review.errors} crossYear={view.review.crossYear} warnings={view.review.warnings} heading="送审版本的检查" /> : null}
      <h2 id="history">审核记录</h2>
      <History view={view} />
      <h2 id="snapshot">送审版本全文</h2>
      <div class="item-body">{row.snapshot ? raw(p.articleHtml) : <p>尚未提交审核。</p>}</div>
    </>,
  );
}
