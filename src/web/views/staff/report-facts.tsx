// 年报素材: the facts behind the annual report's prose for a year, kind by kind (报告用语, 公开平台, 公众参与
// 活动 with the suggestions collected at each, 监督保障, 培训, 人大代表建议和政协提案, 存在的问题, 改进措施,
// 其他内容): each listed with who entered and changed it, with its 修改 and 删除; an add form per kind
// (inside <details>, no JavaScript needed); importing last year's problems; and a fact's edit page. The
// forms are drawn from the kinds' one description (domain/report/facts/kinds.ts). Pure.

import type { Child } from 'hono/jsx';
import { KIND_SPECS, type FactKind, type FieldSpec } from '../../../domain/report/facts/kinds.ts';
import type { StoredFact } from '../../../services/report-facts.ts';
import { Csrf, errorFor, Frame, FormOutcome, Select, TextArea, TextField, describedBy } from './forms.tsx';
import type { FieldError } from './forms.tsx';
import { PRE, staffBase, staffPage } from './frame.tsx';
import type { StaffFrame } from './frame.tsx';

export const factsBase = (code: string, year: number): string => `${staffBase(code)}/report-facts/${year}`;

/** The order the kinds are shown in (the order of the report: 一's parts, then 五, then 六). */
export const KIND_ORDER: readonly FactKind[] = ['profile', 'platform', 'event', 'supervision', 'training', 'problem', 'measure', 'proposal', 'note'];

/** Inputs of one field; ids are prefixed (`prefix-name`) so several forms on a page never collide. */
export function FactField(props: { spec: FieldSpec; prefix: string; value: string; error: string | undefined }) {
  const { spec } = props;
  const id = `${props.prefix}-${spec.name}`;
  const common = { id, name: spec.name, label: spec.label, error: props.error, ...(spec.hint ? { hint: spec.hint } : {}), ...(spec.required ? { required: true } : {}) };
  switch (spec.type) {
    case 'textarea':
      return <TextArea {...common} value={props.value} maxlength={spec.max} rows={3} />;
    case 'date':
      return <TextField {...common} type="date" value={props.value} />;
    case 'count':
      return <TextField {...common} type="number" min={0} value={props.value} />;
    case 'choice':
      return <Select {...common} value={props.value} options={spec.options ?? []} {...(spec.required ? { placeholder: '请选择' } : {})} />;
    case 'flag':
      return (
        <Frame id={id} label={spec.label} error={props.error} {...(spec.hint ? { hint: spec.hint } : {})}>
          <input type="checkbox" id={id} name={spec.name} value="1" checked={props.value === '1'} aria-describedby={describedBy({ id, hint: spec.hint, error: props.error })} />
        </Frame>
      );
    default:
      return <TextField {...common} value={props.value} maxlength={spec.max} />;
  }
}

/** The fields of a kind as a form's body (the submit button and CSRF are the caller's). */
export function FactFields(props: { kind: FactKind; prefix: string; values: Record<string, string>; errors: readonly FieldError[] }) {
  return (
    <>
      {KIND_SPECS[props.kind].fields.map((f) => (
        <FactField spec={f} prefix={props.prefix} value={props.values[f.name] ?? ''} error={errorFor(props.errors, `${props.prefix}-${f.name}`)} />
      ))}
    </>
  );
}

/** A stored field as the list shows it. */
function shown(spec: FieldSpec, value: string | number | boolean | undefined): string {
  if (spec.type === 'flag') return value ? '是' : '否';
  if (value === undefined || value === '') return '—';
  if (spec.type === 'choice') return spec.options?.find(([v]) => v === value)?.[1] ?? String(value);
  return String(value);
}

const when = (iso: string): string => iso.slice(0, 16).replace('T', ' ');

export interface FactsPageProps {
  year: number;
  maxYear: number;
  facts: StoredFact[];
  mayHandle: boolean;
  csrf: string;
  done?: string;
  errors: FieldError[];
  /** the add form that was refused, with what was sent */
  failed?: { kind: FactKind; parentId: number | null; values: Record<string, string> };
  /** last year's published report: the problems it named (null: none published) */
  previous: { year: number; problems: string[] } | null;
}

function YearNav(props: { code: string; year: number; maxYear: number; page: 'facts' | 'draft' }) {
  const base = `${staffBase(props.code)}/report-facts`;
  const suffix = props.page === 'draft' ? '/draft' : '';
  return (
    <nav aria-label="选择年度">
      <a href={`${base}/${props.year - 1}${suffix}`}>上一年度（{props.year - 1}年）</a>
      {props.year < props.maxYear ? (
        <>
          {' '}
          <a href={`${base}/${props.year + 1}${suffix}`}>下一年度（{props.year + 1}年）</a>
        </>
      ) : null}
      {' · '}
      {props.page === 'facts' ? <a href={`${base}/${props.year}/draft`}>查看草稿和每句话的来源</a> : <a href={`${base}/${props.year}`}>返回年报素材</a>}
      {' · '}
      <a href={`${staffBase(props.code)}/report/${props.year}`}>年度报告（表格）</a>
    </nav>
  );
}

export { YearNav as FactsYearNav };

function FactRow(props: { code: string; year: number; fact: StoredFact; kind: FactKind; mayHandle: boolean; csrf: string }) {
  const spec = KIND_SPECS[props.kind];
  const base = factsBase(props.code, props.year);
  return (
    <tr id={`fact-${props.fact.id}`}>
      {spec.fields.map((f) => (
        <td style={PRE}>{shown(f, props.fact.data[f.name])}</td>
      ))}
      <td>
        {props.fact.updatedBy ?? props.fact.createdBy ?? '—'}
        <br />
        {when(props.fact.updatedAt)}
      </td>
      {props.mayHandle ? (
        <td>
          <a href={`${base}/facts/${props.fact.id}/edit`}>修改</a>
          <form method="post" action={`${base}/facts/${props.fact.id}/delete`} style="display:inline">
            <Csrf token={props.csrf} />{' '}
            <button type="submit" class="secondary">
              删除
            </button>
          </form>
        </td>
      ) : null}
    </tr>
  );
}

function FactTable(props: { code: string; year: number; kind: FactKind; facts: StoredFact[]; mayHandle: boolean; csrf: string; caption: string }) {
  const spec = KIND_SPECS[props.kind];
  if (props.facts.length === 0) return <p>尚未登记。</p>;
  return (
    <div class="table-wrap" role="region" aria-label={`${props.caption}（可横向滚动）`} tabindex={0}>
      <table>
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            {spec.fields.map((f) => (
              <th scope="col">{f.label}</th>
            ))}
            <th scope="col">登记人、时间</th>
            {props.mayHandle ? <th scope="col">操作</th> : null}
          </tr>
        </thead>
        <tbody>
          {props.facts.map((f) => (
            <FactRow code={props.code} year={props.year} fact={f} kind={props.kind} mayHandle={props.mayHandle} csrf={props.csrf} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function AddForm(props: { code: string; year: number; kind: FactKind; parentId: number | null; label: string; props: FactsPageProps }) {
  const p = props.props;
  const mine = p.failed !== undefined && p.failed.kind === props.kind && p.failed.parentId === props.parentId;
  const prefix = props.parentId === null ? `add-${props.kind}` : `add-${props.kind}-${props.parentId}`;
  return (
    <details open={mine}>
      <summary>{props.label}</summary>
      <form method="post" action={`${factsBase(props.code, props.year)}/facts/${props.kind}`}>
        <Csrf token={p.csrf} />
        {props.parentId === null ? null : <input type="hidden" name="parentId" value={String(props.parentId)} />}
        <FactFields kind={props.kind} prefix={prefix} values={mine ? (p.failed?.values ?? {}) : {}} errors={mine ? p.errors : []} />
        <button type="submit">保存</button>
      </form>
    </details>
  );
}

function KindSection(props: { code: string; kind: FactKind; p: FactsPageProps; children?: Child }) {
  const { p, kind } = props;
  const spec = KIND_SPECS[kind];
  const facts = p.facts.filter((f) => f.kind === kind);
  return (
    <section aria-labelledby={`kind-${kind}`} id={kind}>
      <h2 id={`kind-${kind}`}>{spec.label}</h2>
      <p class="hint">{spec.purpose}。</p>
      {props.children}
      {kind === 'event' ? (
        facts.length === 0 ? (
          <p>尚未登记。</p>
        ) : (
          facts.map((e) => <EventBlock code={props.code} event={e} p={p} />)
        )
      ) : (
        <FactTable code={props.code} year={p.year} kind={kind} facts={facts} mayHandle={p.mayHandle} csrf={p.csrf} caption={`${p.year}年度 ${spec.label}`} />
      )}
      {p.mayHandle && !(spec.single && facts.length > 0) ? <AddForm code={props.code} year={p.year} kind={kind} parentId={null} label={`登记${spec.label}`} props={p} /> : null}
    </section>
  );
}

function EventBlock(props: { code: string; event: StoredFact; p: FactsPageProps }) {
  const { event, p } = props;
  const suggestions = p.facts.filter((f) => f.kind === 'suggestion' && f.parentId === event.id);
  const title = `${String(event.data['name'] ?? '')}（${String(event.data['date'] ?? '')}）`;
  return (
    <article aria-label={title}>
      <FactTable code={props.code} year={p.year} kind="event" facts={[event]} mayHandle={p.mayHandle} csrf={p.csrf} caption={title} />
      <FactTable code={props.code} year={p.year} kind="suggestion" facts={suggestions} mayHandle={p.mayHandle} csrf={p.csrf} caption={`${title}收集的意见建议（${suggestions.length}条）`} />
      {p.mayHandle ? <AddForm code={props.code} year={p.year} kind="suggestion" parentId={event.id} label={`登记在${title}收集的意见建议`} props={p} /> : null}
    </article>
  );
}

export function factsPage(frame: StaffFrame, p: FactsPageProps): string {
  const code = frame.agency?.code ?? '';
  const carried = p.facts.some((f) => f.kind === 'problem' && f.data['origin'] === 'previous');
  return staffPage(
    frame,
    `${p.year}年度 年报素材`,
    <>
      <h1>{p.year}年度 年报素材</h1>
      <YearNav code={code} year={p.year} maxYear={p.maxYear} page="facts" />
      <p>
        年度报告的表格由平台记录计算；“一、总体情况”“五、存在的主要问题及改进情况”“六、其他需要报告的事项”的草稿，由平台已有的记录（主动公开目录、规范性文件清理、审核流程、依申请公开及信息处理费）和这里登记的素材撰写。每条素材的登记和修改都记入审计日志。
      </p>
      <FormOutcome done={p.done} errors={p.errors} />
      {KIND_ORDER.map((kind) =>
        kind === 'problem' ? (
          <KindSection code={code} kind={kind} p={p}>
            {p.previous === null ? (
              <p>本机关没有在平台上发布{p.year - 1}年度的年度报告：上年度报告提出的问题请逐条登记（来源选“上年度报告提出的问题”）。</p>
            ) : p.mayHandle && !carried && p.previous.problems.length > 0 ? (
              <form method="post" action={`${factsBase(code, p.year)}/carry`}>
                <Csrf token={p.csrf} />
                <p>
                  {p.year - 1}年度已发布的年度报告提出了{p.previous.problems.length}个问题。导入后逐条填写本年度的整改情况和整改状态。
                </p>
                <button type="submit" class="secondary">
                  从上年度报告导入问题
                </button>
              </form>
            ) : null}
          </KindSection>
        ) : (
          <KindSection code={code} kind={kind} p={p} />
        ),
      )}
    </>,
  );
}

export interface FactEditPageProps {
  year: number;
  fact: StoredFact;
  values: Record<string, string>;
  version: number;
  errors: FieldError[];
  csrf: string;
}

export function factEditPage(frame: StaffFrame, p: FactEditPageProps): string {
  const code = frame.agency?.code ?? '';
  const spec = KIND_SPECS[p.fact.kind];
  const base = factsBase(code, p.year);
  return staffPage(
    frame,
    `修改${spec.label}`,
    <>
      <p>
        <a href={`${base}#fact-${p.fact.id}`}>返回{p.year}年度年报素材</a>
      </p>
      <h1>修改{spec.label}</h1>
      <p class="hint">
        {spec.purpose}。登记：{p.fact.createdBy ?? '—'}，{when(p.fact.createdAt)}；最近修改：{p.fact.updatedBy ?? '—'}，{when(p.fact.updatedAt)}。
      </p>
      <FormOutcome errors={p.errors} />
      <form method="post" action={`${base}/facts/${p.fact.id}/edit`}>
        <Csrf token={p.csrf} />
        <input type="hidden" name="version" value={String(p.version)} />
        <FactFields kind={p.fact.kind} prefix="edit" values={p.values} errors={p.errors} />
        <button type="submit">保存修改</button> <a href={`${base}#fact-${p.fact.id}`}>取消</a>
      </form>
    </>,
  );
}
