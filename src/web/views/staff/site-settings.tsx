// 网站标识与联系方式 (/staff/:agency/settings/site, the agency's 管理员): the header's emblem, the footer's
// 主办单位, contact details and 备案 numbers, and the contact line every notice prints. Pure.

import type { SiteProfile, SiteTextField } from '../../../services/agency-site.ts';
import { SITE_FIELD_LABELS, SITE_TEXT_FIELDS, contactLine } from '../../../services/agency-site.ts';
import { Csrf, errorFor, FormOutcome, TextField } from './forms.tsx';
import type { FieldError } from './forms.tsx';
import { staffPage } from './frame.tsx';
import type { StaffFrame } from './frame.tsx';
import { ChooserNote } from './forms.tsx';

export const siteFieldId = (field: SiteTextField | 'emblem'): string => `site-${field}`;

const HINTS: Record<SiteTextField, string> = {
  sponsor: '页脚的“主办单位”。留空则为本机关名称。',
  officeName: '受理政府信息公开申请的工作机构，写在告知书的联系方式中，例如“示范市人民政府办公室”。',
  address: '写在页脚和告知书的联系方式中。',
  postcode: '6位数字。',
  phone: '写在页脚和告知书的联系方式中，例如 0955-7012345。',
  fax: '写在页脚中。',
  hours: '例如“工作日上午9:00—12:00，下午13:30—17:30（法定节假日除外）”。',
  icp: '例如“宁ICP备05000612号-1”，页脚链接到工业和信息化部备案管理系统。',
  policeRecord: '例如“宁公网安备64050202000123号”，页脚链接到全国互联网安全管理服务平台。',
  siteCode: '10位，全国政府网站信息报送系统分配的网站标识码，例如 6405000001。',
};

const MAX: Record<SiteTextField, number> = { sponsor: 100, officeName: 100, address: 200, postcode: 6, phone: 60, fax: 60, hours: 200, icp: 40, policeRecord: 40, siteCode: 10 };

export interface SitePageProps {
  base: string;
  csrf: string;
  agencyCode: string;
  agencyName: string;
  profile: SiteProfile;
  /** what was typed, after a refusal */
  typed?: Partial<Record<SiteTextField, string>>;
  errors: FieldError[];
  done?: string;
}

const valueOf = (profile: SiteProfile, field: SiteTextField): string => (field === 'sponsor' ? (profile.sponsorSet ? profile.sponsor : '') : (profile[field] ?? ''));

export function sitePage(frame: StaffFrame, props: SitePageProps): string {
  const e = (field: SiteTextField | 'emblem') => errorFor(props.errors, siteFieldId(field));
  const line = contactLine(props.profile);
  return staffPage(
    frame,
    '网站标识与联系方式',
    <>
      <p class="breadcrumb">
        <a href={`${props.base}/settings`}>栏目与设置</a> › 网站标识与联系方式
      </p>
      <h1>网站标识与联系方式</h1>
      <FormOutcome done={props.done} errors={props.errors} />
      <p>这些信息显示在本机关政府信息公开专栏每一页的页头和页脚，联系方式同时写在出具给申请人的告知书中。未填写的项目不显示。</p>
      <section aria-labelledby="site-texts">
        <h2 id="site-texts">主办单位、联系方式和备案信息</h2>
        <form method="post" action={`${props.base}/settings/site`} novalidate>
          <Csrf token={props.csrf} />
          {SITE_TEXT_FIELDS.map((field) => (
            <TextField
              id={siteFieldId(field)}
              name={field}
              label={SITE_FIELD_LABELS[field]}
              type={field === 'phone' || field === 'fax' ? 'tel' : 'text'}
              value={props.typed?.[field] ?? valueOf(props.profile, field)}
              maxlength={MAX[field]}
              hint={HINTS[field]}
              error={e(field)}
            />
          ))}
          <p class="hint">告知书中的联系方式现为：{line ?? '（未设置：请填写政府信息公开工作机构、办公地址和联系电话）'}</p>
          <div class="actions">
            <button type="submit">保存</button>
          </div>
        </form>
      </section>
      <section aria-labelledby="site-emblem">
        <h2 id="site-emblem">页头标识</h2>
        {props.profile.emblem ? (
          <p>
            现在的标识：
            <img src={`/${encodeURIComponent(props.agencyCode)}/emblem?v=${props.profile.emblem.slice(0, 16)}`} alt={`${props.agencyName}的标识`} width="64" height="64" style="vertical-align:middle;background:#a8170f;padding:4px" />
          </p>
        ) : (
          <p>尚未设置标识：页头只显示机关名称。</p>
        )}
        <form method="post" action={`${props.base}/settings/emblem`} enctype="multipart/form-data" novalidate>
          <Csrf token={props.csrf} />
          <div class="field">
            <label for={siteFieldId('emblem')}>选择标识图片</label>
            <p class="hint" id={`${siteFieldId('emblem')}-hint`}>
              PNG 或 JPG 格式，不超过 200 KB；显示在红色页头上，约64像素见方，建议使用透明背景的 PNG 图片。
            </p>
            {e('emblem') ? (
              <p class="field-error" id={`${siteFieldId('emblem')}-error`}>
                {e('emblem')}
              </p>
            ) : null}
            <input type="file" id={siteFieldId('emblem')} name="emblem" accept=".png,.jpg,.jpeg,image/png,image/jpeg" aria-describedby={`${siteFieldId('emblem')}-hint${e('emblem') ? ` ${siteFieldId('emblem')}-error` : ''}`} />
<ChooserNote />
          </div>
          <div class="actions">
            <button type="submit">上传标识</button>
            {props.profile.emblem ? (
              <button type="submit" name="remove" value="1" class="secondary">
                删除标识
              </button>
            ) : null}
          </div>
        </form>
      </section>
    </>,
  );
}
