// 登记申请: an application received by letter, in person or by fax, registered by the official
// (条例第三十一条: the receipt date decides when the clocks start), with its scan when there is one;
// 获取信息的方式 and 承办人 chosen from their lists, a value typed before the lists existed kept.

import { APPLICANT_TYPE_LABELS, APPLICANT_TYPES, CHANNEL_LABELS } from '../../../domain/applications/types.ts';
import type { Channel } from '../../../domain/applications/types.ts';
import { ErrorSummary } from '../layout.tsx';
import { MAX_UPLOAD_BYTES, UPLOAD_ACCEPT } from '../../../domain/uploads/sniff.ts';
import { withCurrent } from './application-actions.tsx';
import type { Choice } from './application-actions.tsx';
import { Csrf, describedBy, errorFor, Frame, Select, TextArea, TextField } from './forms.tsx';
import type { FieldError } from './forms.tsx';
import { staffBase, staffPage } from './frame.tsx';
import type { StaffFrame } from './frame.tsx';
import { ChooserNote } from './forms.tsx';

/** The channels an official registers (online applications arrive through the public column). */
export const REGISTER_CHANNELS: readonly Channel[] = ['in_person', 'post_signed', 'post_ordinary', 'fax', 'other', 'online'];

export const REGISTER_FIELDS = [
  'number',
  'channel',
  'submittedOn',
  'receivedOn',
  'applicantType',
  'applicantName',
  'idKind',
  'idNumber',
  'contact',
  'address',
  'request',
  'deliveryForm',
  'handler',
] as const;

export type RegisterValues = Partial<Record<(typeof REGISTER_FIELDS)[number], string>>;

export function registerPage(frame: StaffFrame, props: { values: RegisterValues; errors: FieldError[]; csrf: string; choices?: { delivery: readonly Choice[]; handlers: readonly Choice[] } }): string {
  const base = staffBase(frame.agency?.code ?? '');
  const v = props.values;
  const e = (f: string) => errorFor(props.errors, f);
  return staffPage(
    frame,
    '登记申请',
    <>
      <h1>登记政府信息公开申请</h1>
      <p>登记以信函、当面、传真等方式收到的申请，可同时上传申请书扫描件。带“（必填）”的项目必须填写。</p>
      <ErrorSummary errors={props.errors} />
      <form method="post" action={`${base}/applications/new`} enctype="multipart/form-data" novalidate>
        <Csrf token={props.csrf} />
        <fieldset>
          <legend>收到申请</legend>
          <Select
            id="channel"
            name="channel"
            label="提交方式"
            required
            value={v.channel ?? 'in_person'}
            options={REGISTER_CHANNELS.map((c) => [c, CHANNEL_LABELS[c]] as const)}
            error={e('channel')}
          />
          <TextField id="submittedOn" name="submittedOn" type="date" label="提交日期" required value={v.submittedOn} hint="申请人当面提交、寄出或发送申请的日期，格式如 2024-03-05。" error={e('submittedOn')} />
          <TextField
            id="receivedOn"
            name="receivedOn"
            type="date"
            label="收到申请日期"
            value={v.receivedOn}
            hint="邮寄的为签收之日，平信、传真、在线提交的为双方确认之日（条例第三十一条）；当面提交的可不填，即提交日期。"
            error={e('receivedOn')}
          />
          <TextField id="number" name="number" label="编号" value={v.number} maxlength={64} hint="不填则自动生成（年份-序号）。" error={e('number')} />
        </fieldset>
        <fieldset>
          <legend>申请人</legend>
          <Select
            id="applicantType"
            name="applicantType"
            label="申请人类型"
            required
            value={v.applicantType ?? 'natural_person'}
            options={APPLICANT_TYPES.map((t) => [t, APPLICANT_TYPE_LABELS[t]] as const)}
            error={e('applicantType')}
          />
          <TextField id="applicantName" name="applicantName" label="申请人姓名或名称" required value={v.applicantName} maxlength={200} error={e('applicantName')} />
          <Select
            id="idKind"
            name="idKind"
            label="证件类型"
            value={v.idKind ?? ''}
            placeholder="按申请人类型（自然人为居民身份证，其他为统一社会信用代码）"
            options={[
              ['resident_id', '居民身份证'],
              ['uscc', '统一社会信用代码'],
              ['other', '其他证件'],
            ]}
            error={e('idKind')}
          />
          <TextField id="idNumber" name="idNumber" label="证件号码" value={v.idNumber} maxlength={64} error={e('idNumber')} />
          <TextField id="contact" name="contact" label="联系方式" value={v.contact} maxlength={200} hint="电话、电子邮箱等。" error={e('contact')} />
          <TextField id="address" name="address" label="通信地址" value={v.address} maxlength={300} error={e('address')} />
        </fieldset>
        <fieldset>
          <legend>申请内容</legend>
          <TextArea id="request" name="request" label="所需政府信息的名称、文号或者便于查询的其他特征性描述" required value={v.request} maxlength={20000} rows={8} error={e('request')} />
          <Select
            id="deliveryForm"
            name="deliveryForm"
            label="获取信息的方式"
            value={v.deliveryForm ?? ''}
            placeholder="申请人未指定"
            options={withCurrent(props.choices?.delivery ?? [], v.deliveryForm)}
            hint="申请人在申请书中要求的提供形式和获取方式（条例第二十九条第二款第（三）项）。"
            error={e('deliveryForm')}
          />
          <Select
            id="handler"
            name="handler"
            label="承办人"
            value={v.handler ?? ''}
            placeholder="暂不分配"
            options={withCurrent(props.choices?.handlers ?? [], v.handler)}
            hint="本机关可以办理申请的工作人员；也可登记后再分配。"
            error={e('handler')}
          />
        </fieldset>
        <fieldset>
          <legend>申请书扫描件</legend>
          <Frame id="scan" label="申请书扫描件（可选）" hint={`信函、当面或传真收到的纸质申请书的扫描件：PDF 文件或 JPG、PNG 图片，不超过 ${MAX_UPLOAD_BYTES / 1024 / 1024} MB；与申请一并保存，查看会记入审计日志。`} error={e('scan')}>
            <input type="file" id="scan" name="scan" style="min-height:44px;max-width:100%" accept={UPLOAD_ACCEPT} lang="zh-CN" aria-describedby={describedBy({ id: 'scan', hint: 'x', error: e('scan') })} aria-invalid={e('scan') ? 'true' : undefined} />
<ChooserNote />
          </Frame>
        </fieldset>
        <button type="submit">登记</button> <a class="button secondary" href={`${base}/applications`}>取消</a>
      </form>
    </>,
  );
}
