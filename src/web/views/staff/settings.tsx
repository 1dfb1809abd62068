// 栏目与设置: the agency's name and 文号 prefix (机关代字), and the column's own pages — 政府信息公开指南
// (条例第十二条) and 政府信息公开制度 — edited as plain text with ##, ### and - marks. Pure.

import type { PageView } from '../../../services/column.ts';
import { PAGE_MAX_LENGTH } from '../../../services/column.ts';
import { beijingTime } from './application.tsx';
import { Csrf, errorFor, FormOutcome, TextArea, TextField } from './forms.tsx';
import type { FieldError } from './forms.tsx';
import { staffPage } from './frame.tsx';
import type { StaffFrame } from './frame.tsx';

export interface SettingsPageProps {
  base: string;
  agencyCode: string;
  csrf: string;
  /** the agency form's values (as saved, or as typed when refused) */
  agency: AgencyForm;
  /** the prefix derived from the name (what an empty field gives) */
  defaultPrefix: string;
  /** the prefix the next 文号 will use */
  prefixInUse: string;
  year: number;
  /** whether the platform sends e-mail (GONGKAI_SMTP_URL set) */
  mailConfigured: boolean;
  pages: PageView[];
  /** a page's text as typed when refused, by page */
  typed: Partial<Record<string, string>>;
  errors: FieldError[];
  done?: string;
}

/** Field ids (the error summary links to them). */
export const SETTINGS_FIELDS = {
  name: 'agency-name',
  documentPrefix: 'agency-prefix',
  reconsiderationBody: 'agency-review-body',
  court: 'agency-court',
  contactEmail: 'agency-contact-email',
  amendmentWorkingDays: 'agency-amendment-days',
  withheldReviewMonths: 'agency-withheld-months',
  archiveRetentionYears: 'agency-retention-years',
  page: (page: string) => `page-${page}`,
} as const;

/** The agency form: name, 机关代字, the remedy bodies of its replies, the DERIVED readings ('1' = on). */
export interface AgencyForm {
  name: string;
  documentPrefix: string;
  reconsiderationBody: string;
  court: string;
  extensionWithinPeriod: string;
  feeWindowFromReceipt: string;
  /** table 四 (UNCONFIRMED practice): 'received' | 'concluded' */
  reviewCountYear: string;
  /** '1': 驳回诉讼请求/驳回复议请求 count as 维持 */
  reviewRejectionUpheld: string;
  /** '' (by level), 'own' or 'subtree' */
  reportScope: string;
  /** the disclosure office's e-mail ('' none) */
  contactEmail: string;
  /** 更正 (条例第四十一条): working days for a decision, as typed */
  amendmentWorkingDays: string;
  /** 条例第十八条: months between reviews of withheld information, as typed */
  withheldReviewMonths: string;
  /** 归档 (条例第四十五条): the 保管期限 of archived case files in years, as typed */
  archiveRetentionYears: string;
}

export function settingsPage(frame: StaffFrame, props: SettingsPageProps): string {
  const e = (field: string) => errorFor(props.errors, field);
  return staffPage(
    frame,
    '栏目与设置',
    <>
      <h1>栏目与设置</h1>
      <FormOutcome done={props.done} errors={props.errors} />
      <p>
        <a href={`${props.base}/settings/site`}>网站标识与联系方式</a>：专栏页头的标识，页脚的主办单位、联系方式、ICP备案号、公安机关备案号和网站标识码，以及告知书中的联系方式。
      </p>

      <section aria-labelledby="agency-settings">
        <h2 id="agency-settings">机关信息</h2>
        <form method="post" action={`${props.base}/settings/agency`} novalidate>
          <Csrf token={props.csrf} />
          <TextField id={SETTINGS_FIELDS.name} name="name" label="机关名称" required value={props.agency.name} maxlength={100} error={e(SETTINGS_FIELDS.name)} hint={`机关代码 ${props.agencyCode} 不能修改。名称显示在政府信息公开栏目和所有文书上。`} />
          <TextField
            id={SETTINGS_FIELDS.documentPrefix}
            name="documentPrefix"
            label="文号前缀（机关代字）"
            value={props.agency.documentPrefix}
            maxlength={20}
            error={e(SETTINGS_FIELDS.documentPrefix)}
            hint={`告知书等文书的文号为“前缀〔年份〕序号号”。现在使用：${props.prefixInUse}〔${props.year}〕1号。留空则按机关名称建议（${props.defaultPrefix}）。已出具的文书文号不变。`}
          />
          <TextField
            id={SETTINGS_FIELDS.reconsiderationBody}
            name="reconsiderationBody"
            label="行政复议机关"
            value={props.agency.reconsiderationBody}
            maxlength={100}
            error={e(SETTINGS_FIELDS.reconsiderationBody)}
            hint="答复告知书的救济途径告知中写明的行政复议机关，例如“示范市人民政府”。每份答复可另行修改。不予公开、部分公开的答复同时告知应当先申请行政复议（行政复议法第二十三条）。"
          />
          <TextField
            id={SETTINGS_FIELDS.court}
            name="court"
            label="人民法院"
            value={props.agency.court}
            maxlength={100}
            error={e(SETTINGS_FIELDS.court)}
            hint="救济途径告知中写明的有管辖权的人民法院，例如“示范市示范区人民法院”。留空则写“人民法院”。"
          />
          <TextField
            id={SETTINGS_FIELDS.contactEmail}
            name="contactEmail"
            type="email"
            label="政务公开工作联系邮箱"
            value={props.agency.contactEmail}
            maxlength={254}
            error={e(SETTINGS_FIELDS.contactEmail)}
            hint={`上级政务公开办催报年度报告时，${props.mailConfigured ? '除在工作台首页提醒外，同时向此邮箱发送邮件' : '本平台现未配置邮件服务器，只在工作台首页提醒；配置后同时向此邮箱发送邮件'}。只写地址，例如 gongkai@example.gov.cn；留空则不发邮件。`}
          />
          <fieldset>
            <legend>条例条文的理解（默认采用较稳妥的理解）</legend>
            <div class="field">
              <label>
                <input type="checkbox" name="extensionWithinPeriod" value="1" checked={props.agency.extensionWithinPeriod === '1'} /> 延期答复须在答复期限届满前决定并告知申请人（对条例第三十三条第二款的理解）；不勾选时，超期的延期仍登记，但标注为超期
              </label>
            </div>
            <div class="field">
              <label>
                <input type="checkbox" name="feeWindowFromReceipt" value="1" checked={props.agency.feeWindowFromReceipt === '1'} /> 缴费期限自申请人收到收费通知之日的次日起算，收到日期按条例第三十一条的规则确定（当面送达、邮寄签收、电子方式确认）；不勾选时自发出之日起算
              </label>
            </div>
          </fieldset>
          <TextField
            id={SETTINGS_FIELDS.amendmentWorkingDays}
            name="amendmentWorkingDays"
            type="number"
            min={1}
            max={60}
            label="更正申请的办理期限（工作日）"
            value={props.agency.amendmentWorkingDays}
            error={e(SETTINGS_FIELDS.amendmentWorkingDays)}
            hint="条例第四十一条未规定更正的办理期限，各地做法不一；默认参照第三十三条的答复期限，为收到之日的次日起20个工作日。修改后，办理中的更正申请按新期限重新计算。"
          />
          <TextField
            id={SETTINGS_FIELDS.withheldReviewMonths}
            name="withheldReviewMonths"
            type="number"
            min={1}
            max={60}
            label="不予公开信息的评估审查周期（月）"
            value={props.agency.withheldReviewMonths}
            error={e(SETTINGS_FIELDS.withheldReviewMonths)}
            hint="条例第十八条要求对不予公开的政府信息定期评估审查，未规定周期；默认每12个月审查一次，自作出不予公开决定或上一次审查之日起算。"
          />
          <TextField
            id={SETTINGS_FIELDS.archiveRetentionYears}
            name="archiveRetentionYears"
            type="number"
            min={1}
            max={100}
            label="归档案卷的保管期限（年）"
            value={props.agency.archiveRetentionYears}
            error={e(SETTINGS_FIELDS.archiveRetentionYears)}
            hint="依申请公开案卷的保管期限由各地档案管理规定确定（常见10年、30年或永久），请按本机关的规定填写；默认10年，自归档之年的次年起算。永久保管的填100。"
          />
          <fieldset id="review-settings">
            <legend>年度报告表四的统计口径（各地做法不一，未见明文规定）</legend>
            <div class="field">
              <label>
                <input type="radio" name="reviewCountYear" value="received" checked={props.agency.reviewCountYear !== 'concluded'} /> 案件计入收到的年度，结果按当年12月31日的状态统计（当年未结的计入“尚未审结”，次年结案的不再计入次年）
              </label>
            </div>
            <div class="field">
              <label>
                <input type="radio" name="reviewCountYear" value="concluded" checked={props.agency.reviewCountYear === 'concluded'} /> 案件计入结案的年度；年末尚未审结的，每年都计入“尚未审结”
              </label>
            </div>
            <div class="field">
              <label>
                <input type="checkbox" name="reviewRejectionUpheld" value="1" checked={props.agency.reviewRejectionUpheld === '1'} /> 判决驳回原告诉讼请求、驳回行政复议请求（行政复议法第六十九条）计入“结果维持”；不勾选时计入“其他结果”
              </label>
            </div>
          </fieldset>
          <fieldset id="report-scope">
            <legend>年度报告的数据范围（表二、表三、表四）</legend>
            <p class="hint">人民政府的年度报告通常汇总本级和所属部门、乡镇（街道）的数据；选择“含下级机关”时，年报素材中的表格为本机关的记录加上政务公开监督中收集到的下级机关年度报告的合计，上级汇总时不再重复计算这些下级机关。</p>
            <div class="field">
              <label>
                <input type="radio" name="reportScope" value="" checked={props.agency.reportScope === ''} /> 按机关类别（人民政府含下级机关，其他机关只统计本机关）
              </label>
            </div>
            <div class="field">
              <label>
                <input type="radio" name="reportScope" value="own" checked={props.agency.reportScope === 'own'} /> 只统计本机关的记录
              </label>
            </div>
            <div class="field">
              <label>
                <input type="radio" name="reportScope" value="subtree" checked={props.agency.reportScope === 'subtree'} /> 本机关的记录加上所属下级机关年度报告的汇总
              </label>
            </div>
          </fieldset>
          <button type="submit">保存机关信息</button>
        </form>
      </section>

      {props.pages.map((page) => {
        const id = SETTINGS_FIELDS.page(page.page);
        const typed = props.typed[page.page];
        return (
          <section aria-labelledby={`${id}-title`}>
            <h2 id={`${id}-title`}>{page.title}</h2>
            <p>
              {page.isDefault ? '现在显示平台生成的通用文本。' : `本机关的文本，最后修改于 ${page.updatedAt ? beijingTime(page.updatedAt) : '—'}。`}
              {page.placeholders > 0 ? <strong>还有 {page.placeholders} 处“【待填写】”需要补充。</strong> : null}{' '}
              <a href={`/${encodeURIComponent(props.agencyCode)}/${page.page}`}>查看公开页面</a>
            </p>
            <form method="post" action={`${props.base}/settings/pages/${page.page}`} novalidate>
              <Csrf token={props.csrf} />
              <TextArea
                id={id}
                name="body"
                label={`${page.title}正文`}
                rows={20}
                maxlength={PAGE_MAX_LENGTH}
                value={typed ?? page.body}
                error={e(id)}
                hint="以“## ”开头的行是一级标题，“### ”开头的是二级标题，“- ”开头的是列表项，其余各行是段落。清空后保存，恢复平台生成的通用文本。保存后立即在公开栏目显示。"
              />
              <button type="submit">保存并发布{page.title}</button>
            </form>
          </section>
        );
      })}
    </>,
  );
}
