// 投诉、举报 (条例第五十一条) on an agency's column: the form to complain about, or report, the agency's
// government information disclosure work to the office above it — which the page names — and the receipt
// after it is sent (the 编号, who handles it, the due date). Works without JavaScript. Pure.

import { COMPLAINT_KIND_LABELS, COMPLAINT_KINDS } from '../../../domain/complaints/vocab.ts';
import { CsrfField } from '../../csrf.ts';
import { ErrorSummary } from '../layout.tsx';
import { columnBase, columnPage } from './frame.tsx';
import type { ColumnAgency } from './frame.tsx';
import { chineseDay, errorFor, Facts, Radios, TextArea, TextField } from './fields.tsx';
import type { FieldError } from './fields.tsx';

export const COMPLAINT_FORM_FIELDS = ['kind', 'complainantName', 'contact', 'text'] as const;

const TITLE = '政府信息公开工作投诉、举报';

const KIND_OPTIONS: readonly (readonly [string, string])[] = COMPLAINT_KINDS.map((k) => [k, k === 'complaint' ? '投诉（本人的合法权益受到侵犯）' : '举报（反映违法违规情况）'] as const);

export interface ComplaintFormViewModel {
  agency: ColumnAgency;
  /** the office above that receives it, or null: none on the platform (no form) */
  receiver: { name: string; days: number } | null;
  csrf: string;
  values: Record<string, string>;
  errors: readonly FieldError[];
}

export function complaintFormPage(vm: ComplaintFormViewModel): string {
  const base = columnBase(vm.agency.code);
  const v = (name: string) => vm.values[name] ?? '';
  const e = (name: string) => errorFor(vm.errors, name);
  return columnPage(
    vm.agency,
    'complaint',
    TITLE,
    <>
      <ErrorSummary errors={[...vm.errors]} />
      <h1>{TITLE}</h1>
      <p>
        公民、法人或者其他组织认为{vm.agency.name}在政府信息公开工作中侵犯其合法权益的，可以向上一级行政机关或者政府信息公开工作主管部门投诉、举报（《中华人民共和国政府信息公开条例》第五十一条）。
      </p>
      {vm.receiver === null ? (
        <div class="warning">
          <p>平台上没有登记{vm.agency.name}的上一级行政机关，暂不能在线投诉、举报。请向其上一级行政机关或者政府信息公开工作主管部门当面或书面提出。</p>
        </div>
      ) : (
        <>
          <p>
            本页提交的投诉、举报由<strong>{vm.receiver.name}</strong>受理，自收到之日的次日起{vm.receiver.days}个工作日内调查处理并答复。
          </p>
          <p class="hint">
            本页不需要登录，不使用 JavaScript 也能填写和提交。对政府信息公开申请的答复不服的，还可以依法申请行政复议或者提起行政诉讼；申请公开政府信息请使用
            <a href={`${base}/apply`}>依申请公开</a>。
          </p>
          <form method="post" action={`${base}/complaint`} accept-charset="utf-8" novalidate>
            <CsrfField token={vm.csrf} />
            <Radios name="kind" label="类型" required value={v('kind')} options={KIND_OPTIONS} error={e('kind')} />
            <TextField name="complainantName" label="姓名或名称" required value={v('complainantName')} maxlength={200} autocomplete="name" error={e('complainantName')} />
            <TextField name="contact" label="联系方式" required value={v('contact')} maxlength={200} autocomplete="tel" hint="电话号码或电子邮箱，用于告知调查处理结果。" error={e('contact')} />
            <TextArea
              name="text"
              label="投诉、举报的事项和理由"
              required
              value={v('text')}
              maxlength={5000}
              rows={8}
              hint="写明行政机关的哪一项政府信息公开工作、何时、发生了什么，以及您的要求。最多5000字。"
              error={e('text')}
            />
            <div class="actions">
              <button type="submit">提交</button>
            </div>
          </form>
        </>
      )}
    </>,
    { errors: vm.errors.length > 0 },
  );
}

export interface ComplaintReceiptViewModel {
  agency: ColumnAgency;
  number: string;
  kind: string;
  receivedOn: string;
  receiverName: string;
  dueOn: string | null;
}

export function complaintReceiptPage(vm: ComplaintReceiptViewModel): string {
  const kind = COMPLAINT_KIND_LABELS[vm.kind as 'complaint'] ?? '投诉、举报';
  return columnPage(
    vm.agency,
    'complaint',
    `${kind}已提交`,
    <>
      <h1>{kind}已提交</h1>
      <div class="notice" role="status">
        <p>
          您对{vm.agency.name}的{kind}已于{chineseDay(vm.receivedOn)}提交，由<strong>{vm.receiverName}</strong>受理。
          {vm.dueOn ? <>受理机关将在{chineseDay(vm.dueOn)}前调查处理，并通过您留下的联系方式告知结果。</> : <>受理机关将调查处理，并通过您留下的联系方式告知结果。</>}
        </p>
      </div>
      <Facts
        caption="投诉、举报回执"
        items={[
          ['编号', vm.number],
          ['类型', kind],
          ['被投诉、举报的机关', vm.agency.name],
          ['受理机关', vm.receiverName],
          ['收到日期', chineseDay(vm.receivedOn)],
          ['答复期限', vm.dueOn ? chineseDay(vm.dueOn) : '—'],
        ]}
      />
      <p>请记下编号，向受理机关询问办理情况时使用。</p>
      <p>
        <a href={`${columnBase(vm.agency.code)}/`}>返回{vm.agency.name}政府信息公开专栏</a>
      </p>
    </>,
  );
}

export function complaintReceiptGonePage(agency: ColumnAgency): string {
  return columnPage(
    agency,
    'complaint',
    '回执已显示过',
    <>
      <h1>回执已显示过</h1>
      <p>投诉、举报的回执只在提交后的短时间内显示一次。如需了解办理情况，请通过上一级机关的政府信息公开指南中的联系方式询问。</p>
      <p>
        <a href={`${columnBase(agency.code)}/complaint`}>再提交一件投诉、举报</a>
      </p>
    </>,
  );
}
