// 依申请公开: the online application form (条例第二十九条) and the receipt shown once after it is sent
// (第三十一条第（三）项). Works without JavaScript; /assets/draft.js only keeps a draft of the text fields
// in this browser (never the identity number). Pure.

import { CsrfField } from '../../csrf.ts';
import { ErrorSummary } from '../layout.tsx';
import { columnBase, columnPage } from './frame.tsx';
import type { ColumnAgency } from './frame.tsx';
import { chineseDay, errorFor, Facts, FileField, Radios, TextArea, TextField } from './fields.tsx';
import type { FieldError } from './fields.tsx';
import { CitizenStyles, PrintHeading, PrintTools } from './progress.tsx';

export interface ApplyFormViewModel {
  agency: ColumnAgency;
  csrf: string;
  /** what was typed (re-shown after an error) */
  values: Record<string, string>;
  errors: readonly FieldError[];
  applicantTypes: readonly (readonly [string, string])[];
  idKinds: readonly (readonly [string, string])[];
  deliveryForms: readonly (readonly [string, string])[];
  accept: string;
  maxMegabytes: number;
}

export const draftKey = (code: string): string => `gongkai-draft:${code}:apply`;

export function applyFormPage(vm: ApplyFormViewModel): string {
  const base = columnBase(vm.agency.code);
  const v = (name: string) => vm.values[name] ?? '';
  const e = (name: string) => errorFor(vm.errors, name);
  const reselect = vm.errors.length > 0 && !e('identityProof');
  return columnPage(
    vm.agency,
    'apply',
    '在线申请政府信息公开',
    <>
      <ErrorSummary errors={[...vm.errors]} />
      <h1>在线申请政府信息公开</h1>
      <p>
        向{vm.agency.name}申请获取政府信息，请填写本表（《中华人民共和国政府信息公开条例》第二十九条）。提交成功后，平台当即确认收到您的申请，并显示<strong>回执码</strong>和<strong>查询密码</strong>，凭此可以
        <a href={`${base}/status`}>查询办理进度</a>和答复文书。
      </p>
      <p class="hint">
        本页面不使用 JavaScript 也能填写和提交。启用 JavaScript 时，已填写的内容会作为草稿保存在本设备的浏览器中，刷新页面后自动恢复；身份证明文件号码和上传的文件不会保存。在公用电脑上填写的，请在提交后关闭浏览器。
      </p>
      <form method="post" action={`${base}/apply`} enctype="multipart/form-data" accept-charset="utf-8" novalidate data-draft={draftKey(vm.agency.code)}>
        <CsrfField token={vm.csrf} />
        <fieldset>
          <legend>申请人信息</legend>
          <Radios name="applicantType" label="申请人类型" required value={v('applicantType')} options={vm.applicantTypes} error={e('applicantType')} />
          <TextField name="applicantName" label="申请人姓名或名称" required value={v('applicantName')} maxlength={100} autocomplete="name" hint="自然人填写姓名；法人或者其他组织填写全称。" error={e('applicantName')} />
          <Radios name="idKind" label="身份证明文件类型" required value={v('idKind')} options={vm.idKinds} error={e('idKind')} />
          <TextField
            name="idNumber"
            label="身份证明文件号码"
            required
            value={v('idNumber')}
            maxlength={64}
            autocomplete="off"
            spellcheck={false}
            hint="居民身份证号码为18位；统一社会信用代码为18位。"
            error={e('idNumber')}
            noDraft
          />
          <FileField
            name="identityProof"
            label="身份证明文件"
            required
            accept={vm.accept}
            hint={`请上传身份证件或营业执照等证明文件的照片或扫描件：JPG、PNG 图片或 PDF 文件，不超过 ${vm.maxMegabytes} MB。${reselect ? '出于安全原因，浏览器不会保留已选择的文件，请重新选择。' : ''}`}
            error={e('identityProof')}
          />
        </fieldset>
        <fieldset>
          <legend>联系方式（联系电话和电子邮箱至少填写一项）</legend>
          <TextField name="phone" label="联系电话" type="tel" value={v('phone')} maxlength={30} autocomplete="tel" inputmode="tel" error={e('phone')} />
          <TextField name="email" label="电子邮箱" type="email" value={v('email')} maxlength={200} autocomplete="email" inputmode="email" spellcheck={false} error={e('email')} />
          <TextField name="address" label="通信地址" value={v('address')} maxlength={200} autocomplete="street-address" hint="选择邮寄的，必须填写。" error={e('address')} />
        </fieldset>
        <fieldset>
          <legend>所需政府信息</legend>
          <TextArea
            name="request"
            label="所需政府信息的名称、文号或者便于查询的其他特征性描述"
            required
            value={v('request')}
            maxlength={5000}
            rows={8}
            hint="例如：文件名称、文号、制作机关、大致时间、涉及的事项或地点等。"
            error={e('request')}
          />
          <Radios name="deliveryForm" label="获取政府信息的方式" required value={v('deliveryForm')} options={vm.deliveryForms} error={e('deliveryForm')} />
        </fieldset>
        <p class="hint">依申请提供政府信息不收取费用；申请的数量、频次明显超过合理范围的，可能收取信息处理费（条例第四十二条）。</p>
        <div class="actions">
          <button type="submit">提交申请</button>
        </div>
      </form>
      <p class="hint">
        认为本机关在政府信息公开工作中侵犯您的合法权益的，可以向上一级行政机关<a href={`${base}/complaint`}>投诉、举报</a>（条例第五十一条）。
      </p>
      <script src="/assets/draft.js" defer></script>
    </>,
    { errors: vm.errors.length > 0 },
  );
}

export interface ReceiptViewModel {
  agency: ColumnAgency;
  number: string;
  receivedOn: string;
  /** formatted: ABCD-EFGH-JKMN */
  receiptCode: string;
  password: string;
  /** the reply's due date (20 working days), null when the calendar cannot say */
  replyDue: string | null;
  /** 暂定: the due date falls in a year whose holiday arrangement is not yet published */
  replyDueProvisional?: boolean;
  /** a PDF of the receipt (without the password) can be printed on this server */
  pdf?: boolean;
}

export function receiptPage(vm: ReceiptViewModel): string {
  const base = columnBase(vm.agency.code);
  return columnPage(
    vm.agency,
    'apply',
    '申请已提交',
    <>
      <CitizenStyles />
      <PrintHeading agencyName={vm.agency.name} what="政府信息公开申请回执" />
      <h1>申请已提交</h1>
      <div class="notice" role="status">
        <p>
          本平台已于{chineseDay(vm.receivedOn)}确认收到您的申请。根据《中华人民共和国政府信息公开条例》第三十一条第（三）项，通过互联网渠道提交的申请，以双方确认之日为收到申请之日，即
          <strong>{chineseDay(vm.receivedOn)}</strong>。
        </p>
        <p>
          本机关将自收到申请之日起20个工作日内答复
          {vm.replyDue ? (
            vm.replyDueProvisional ? (
              <>（暂定为{chineseDay(vm.replyDue)}前：该年度节假日安排尚未公布，按法定节假日推算，公布后以查询页面显示的日期为准）</>
            ) : (
              <>（即{chineseDay(vm.replyDue)}前）</>
            )
          ) : null}
          ；需要延长答复期限的，经政府信息公开工作机构负责人同意并告知您，延长的期限最长不超过20个工作日（条例第三十三条）。
        </p>
      </div>
      <div class="warning">
        <p>
          <strong>请立即抄写、截图或打印本页的回执码和查询密码。</strong>
          它们只显示这一次：平台不保存查询密码的原文，刷新或离开本页后无法再次查看，也无法找回。
        </p>
      </div>
      <PrintTools />
      <Facts
        caption="申请回执"
        items={[
          ['申请编号', vm.number],
          ['收到申请日期', chineseDay(vm.receivedOn)],
          ['回执码', <span class="receipt-code">{vm.receiptCode}</span>],
          ['查询密码', <span class="receipt-code">{vm.password}</span>],
        ]}
      />
      <p>
        凭回执码和查询密码，可以在“<a href={`${base}/status`}>查询申请办理进度</a>”页面查看办理进度、答复期限和答复文书。
      </p>
      {vm.pdf ? (
        <p class="no-print">
          <a href={`${base}/apply/receipt.pdf`}>下载申请回执（PDF）</a>
          ：PDF 回执载有回执码、受理机关和日期，<strong>不含查询密码</strong>，请另行记下查询密码。10分钟内可以下载；之后可在查询页面下载。
        </p>
      ) : null}
      <div hidden data-draft-clear={`gongkai-draft:${vm.agency.code}:apply`}></div>
      <script src="/assets/draft.js" defer></script>
    </>,
  );
}

export function receiptGonePage(agency: ColumnAgency): string {
  const base = columnBase(agency.code);
  return columnPage(
    agency,
    'apply',
    '回执已显示过',
    <>
      <h1>回执已显示过</h1>
      <p>为保护您的信息，申请回执（回执码和查询密码）只显示一次，且只在提交后的短时间内可以查看。</p>
      <p>
        如果您已记下回执码和查询密码，请到“<a href={`${base}/status`}>查询申请办理进度</a>”页面查询。如果没有记下，请通过
        <a href={`${base}/guide`}>政府信息公开指南</a>中的联系方式联系本机关。
      </p>
    </>,
  );
}
