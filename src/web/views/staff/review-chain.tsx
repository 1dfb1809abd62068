// 审核流程设置 (/staff/:agency/catalogue/chain and /staff/:agency/report-chain, the administrator's): the
// stages of the review chain of a subject (catalogue items, the annual report) — name, the roles that act, whether the agency's own people or the parent agency's
// (e.g. the government's 政务公开服务中心) — and whether one person may approve two stages. Up to
// MAX_STAGES rows; a row left empty is dropped. Without JavaScript: one checkbox per role and row. Pure.

import { MAX_STAGES } from '../../../domain/review/chain.ts';
import type { ChainStage } from '../../../domain/review/chain.ts';
import { Csrf, FormOutcome } from './forms.tsx';
import type { FieldError } from './forms.tsx';
import { ROLE_LABELS, staffBase, staffPage } from './frame.tsx';
import type { StaffFrame } from './frame.tsx';

export interface ChainPageProps {
  /** what the chain reviews (主动公开信息, 年度报告) and where its form posts */
  subjectLabel: string;
  path: string;
  stages: ChainStage[];
  allowSamePerson: boolean;
  isDefault: boolean;
  roles: readonly string[];
  parent: { name: string } | null;
  csrf: string;
  done?: string | undefined;
  errors: FieldError[];
}

export function chainPage(frame: StaffFrame, props: ChainPageProps): string {
  const base = staffBase(frame.agency?.code ?? '');
  const rows = Array.from({ length: MAX_STAGES }, (_, i) => props.stages[i] ?? null);
  return staffPage(
    frame,
    '审核流程设置',
    <>
      <p>
        <a href={`${base}/inbox`}>待我审核</a>
      </p>
      <h1>{props.subjectLabel}的审核流程</h1>
      <p>
        信息提交审核后依次经过以下环节，每个环节由所选角色中的一人同意后进入下一环节；任一环节可以退回（须写明意见）。
        {props.isDefault ? '本机关尚未设置，现为默认流程：科室负责人初审、办公室（综合科）复审、分管领导签发。' : ''}
        流程修改后只对此后提交审核的{props.subjectLabel}生效。
      </p>
      <FormOutcome done={props.done} errors={props.errors} />
      <form method="post" action={`${base}/${props.path}`}>
        <Csrf token={props.csrf} />
        {rows.map((s, i) => {
          const n = i + 1;
          return (
            <fieldset class="field">
              <legend>第{n}个环节{n > props.stages.length ? '（留空则不设）' : ''}</legend>
              <label for={`stage${n}-name`}>环节名称</label>
              <input type="text" id={`stage${n}-name`} name={`stage${n}_name`} value={s?.name ?? ''} maxlength={20} />
              <p class="hint">可以审核的角色</p>
              {props.roles.map((r) => (
                <label style="display:inline-block;margin-right:1rem">
                  <input type="checkbox" name={`stage${n}_role_${r}`} value="1" checked={s?.roles.includes(r) ?? false} /> {ROLE_LABELS[r] ?? r}
                </label>
              ))}
              {props.parent ? (
                <>
                  <label for={`stage${n}-agency`}>由谁审核</label>
                  <select id={`stage${n}-agency`} name={`stage${n}_agency`}>
                    <option value="self" selected={s?.agency !== 'parent'}>
                      本机关的人员
                    </option>
                    <option value="parent" selected={s?.agency === 'parent'}>
                      上级机关（{props.parent.name}）的人员
                    </option>
                  </select>
                </>
              ) : (
                <input type="hidden" name={`stage${n}_agency`} value="self" />
              )}
            </fieldset>
          );
        })}
        <div class="field">
          <label>
            <input type="checkbox" name="allowSamePerson" value="1" checked={props.allowSamePerson} /> 允许同一人审核同一版本的多个环节（人员较少的机关）
          </label>
        </div>
        <button type="submit">保存审核流程</button>
      </form>
    </>,
  );
}
