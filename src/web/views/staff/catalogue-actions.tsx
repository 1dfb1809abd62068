// The forms of the workflow on a catalogue item's staff page — only those the state and the user's rights
// allow (services/catalogue/item-view.ts `actions`): 公开属性认定, 保密审查, 提交审核, the stage's
// decision (同意 / 退回 with comments), 发布 (now or 定时), 取消定时, 更正 (a page of its own), 撤回.
// Every form posts with the CSRF token and works without JavaScript. Pure.

import { DISCLOSURES, SECRECY_CONCLUSIONS, WITHHOLDING_ARTICLES } from '../../../domain/catalogue/vocab.ts';
import type { ItemView } from '../../../services/catalogue/item-view.ts';
import { Csrf, errorFor, Frame, Select, TextArea } from './forms.tsx';
import type { FieldError } from './forms.tsx';

export interface FailedAction {
  action: string;
  values: Record<string, string>;
  errors: FieldError[];
}

function Radios(props: { id: string; name: string; label: string; options: readonly string[]; value: string; error?: string | undefined; hint?: string }) {
  return (
    <fieldset class="field" aria-describedby={props.error ? `${props.id}-error` : undefined}>
      <legend>{props.label}</legend>
      {props.hint ? <p class="hint">{props.hint}</p> : null}
      {props.error ? (
        <p class="field-error" id={`${props.id}-error`}>
          {props.error}
        </p>
      ) : null}
      {props.options.map((o, i) => (
        <label style="display:block">
          <input type="radio" id={i === 0 ? props.id : undefined} name={props.name} value={o} checked={props.value === o} /> {o}
        </label>
      ))}
    </fieldset>
  );
}

export function ActionForms(props: { view: ItemView; action: (path: string) => string; csrf: string; failed?: FailedAction | undefined; editHref: string; correctHref: string }) {
  const { view } = props;
  const item = view.item;
  const has = (a: string) => view.actions.includes(a as never);
  const failed = (action: string) => (props.failed?.action === action ? props.failed : undefined);
  const val = (action: string, field: string, fallback = '') => failed(action)?.values[field] ?? fallback;
  const err = (action: string, field: string) => errorFor(failed(action)?.errors ?? [], field);
  const stage = view.round ? view.round.stages[view.round.stage - 1] : undefined;
  return (
    <>
      {has('edit') ? (
        <p>
          <a href={props.editHref}>修改草稿</a>
        </p>
      ) : null}
      {has('disclosure') ? (
        <form method="post" action={props.action('disclosure')}>
          <h3>公开属性认定</h3>
          <Csrf token={props.csrf} />
          <Radios id="disclosure" name="disclosure" label="公开属性" options={DISCLOSURES} value={val('disclosure', 'disclosure', item.disclosure ?? '')} error={err('disclosure', 'disclosure')} />
          <TextArea id="disclosure-reason" name="reason" label="理由" hint="依申请公开、不予公开须写明理由" rows={3} maxlength={1000} value={val('disclosure', 'reason', item.disclosureReason ?? '')} error={err('disclosure', 'reason')} />
          <Select
            id="disclosure-article"
            name="article"
            label="不予公开的依据"
            hint="只有不予公开须选择条款（条例第十四、十五、十六条）；依申请公开不引用条款"
            placeholder="（不适用）"
            options={WITHHOLDING_ARTICLES.map((a) => [a.code, a.label] as const)}
            value={val('disclosure', 'article', item.disclosureArticle ?? '')}
            error={err('disclosure', 'article')}
          />
          <button type="submit">保存公开属性</button>
        </form>
      ) : null}
      {has('secrecy') ? (
        <form method="post" action={props.action('secrecy')}>
          <h3>保密审查（第{item.version}版）</h3>
          <Csrf token={props.csrf} />
          <input type="hidden" name="version" value={String(item.version)} />
          <Radios id="secrecy-conclusion" name="conclusion" label="审查结论" options={SECRECY_CONCLUSIONS} value={val('secrecy', 'conclusion')} error={err('secrecy', 'conclusion')} hint="只有“不涉密”的信息可以主动公开；修改后须对新版本重新审查" />
          <TextArea id="secrecy-note" name="note" label="审查意见" hint="结论为涉密或需报请审查时必填" rows={3} maxlength={2000} value={val('secrecy', 'note')} error={err('secrecy', 'note')} />
          <button type="submit">记录保密审查</button>
        </form>
      ) : null}
      {has('submit') ? (
        <form method="post" action={props.action('submit')}>
          <h3>提交审核</h3>
          <Csrf token={props.csrf} />
          {err('submit', 'submit') ? <p class="field-error">{err('submit', 'submit')}</p> : null}
          <p class="hint">审核流程：{view.chain.stages.map((s) => s.name).join(' → ')}。</p>
          <button type="submit">提交审核</button>
        </form>
      ) : null}
      {has('decide') && view.round && stage ? (
        <form method="post" action={props.action('review')}>
          <h3>
            {stage.name}（第{view.round.stage}/{view.round.stages.length}环节）
          </h3>
          <Csrf token={props.csrf} />
          <input type="hidden" name="stage" value={String(view.round.stage)} />
          <TextArea id="review-comment" name="comment" label="审核意见" hint="退回时必填，写明需要修改之处" rows={4} maxlength={2000} value={val('review', 'comment')} error={err('review', 'comment') ?? err('review', 'decision')} />
          <button type="submit" name="decision" value="approve">
            同意
          </button>{' '}
          <button type="submit" name="decision" value="return" class="secondary">
            退回
          </button>
        </form>
      ) : null}
      {view.decideBlocked && view.round ? <p class="hint">{view.decideBlocked}</p> : null}
      {has('publish') ? (
        <form method="post" action={props.action('publish')}>
          <h3>{item.state === 'scheduled' ? '立即发布' : '发布'}</h3>
          <Csrf token={props.csrf} />
          {err('publish', 'publish') ? <p class="field-error">{err('publish', 'publish')}</p> : null}
          <button type="submit">立即发布到公开专栏</button>
        </form>
      ) : null}
      {has('schedule') ? (
        <form method="post" action={props.action('publish')}>
          <h3>定时发布</h3>
          <Csrf token={props.csrf} />
          <Frame id="publish-at" label="发布时间（北京时间）" hint="例如 2024-11-21 09:00" error={err('schedule', 'publishAt')}>
            <input type="datetime-local" id="publish-at" name="publishAt" value={val('schedule', 'publishAt')} required aria-invalid={err('schedule', 'publishAt') ? 'true' : undefined} />
          </Frame>
          <button type="submit">定时发布</button>
        </form>
      ) : null}
      {has('unschedule') ? (
        <form method="post" action={props.action('unschedule')}>
          <h3>取消定时发布</h3>
          <Csrf token={props.csrf} />
          <p class="hint">定于 {item.publishAt ?? ''} 发布。取消后信息回到“已签发”状态。</p>
          <button type="submit" class="secondary">
            取消定时发布
          </button>
        </form>
      ) : null}
      {has('correct') ? (
        <p>
          <a href={props.correctHref}>更正已发布的信息</a>（生成新版本，公开页面显示“已更正”及更正说明）
        </p>
      ) : null}
      {has('withdraw') ? (
        <form method="post" action={props.action('withdraw')}>
          <h3>撤回</h3>
          <Csrf token={props.csrf} />
          <TextArea id="withdraw-reason" name="reason" label="撤回理由" hint="公开页面将显示“已撤回”" rows={3} maxlength={1000} required value={val('withdraw', 'reason')} error={err('withdraw', 'reason')} />
          <button type="submit" class="secondary">
            撤回这条信息
          </button>
        </form>
      ) : null}
      {view.actions.length === 0 && !view.decideBlocked ? <p>当前没有您可以进行的操作。</p> : null}
    </>
  );
}
