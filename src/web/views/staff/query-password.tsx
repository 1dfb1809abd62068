// 重置查询密码 on the staff side: the button under an online application's record, and the page that shows
// the new password once (answered to the confirmed POST, never kept by a cache). Pure.

import { Csrf } from './forms.tsx';
import { Facts, staffBase, staffPage } from './frame.tsx';
import type { StaffFrame } from './frame.tsx';
import type { QueryPasswordReset } from '../../../services/public-grants.ts';
import { formatReceiptCode } from '../../../services/public-grants.ts';

/** The consequences the confirmation page states. */
export const RESET_CONSEQUENCES = [
  '平台生成新的查询密码，只在下一页显示一次；原查询密码立即失效，申请人已打开的查询页面也随之失效。',
  '回执码不变。请在核实申请人身份后，当面或通过申请人留下的联系方式告知新的查询密码。',
  '本次重置记入审计日志。',
];

/** Under an online application's record, for those who may handle it. */
export function QueryPasswordPanel(props: { agencyCode: string; applicationId: number; csrf: string }) {
  return (
    <section aria-labelledby="query-password-heading">
      <h3 id="query-password-heading">回执码和查询密码</h3>
      <p class="hint">申请人遗失查询密码，或平台迁移到新服务器后原查询密码无法使用的，可以在核实申请人身份后为其重置查询密码。</p>
      <form method="post" action={`${staffBase(props.agencyCode)}/applications/${props.applicationId}/query-password`}>
        <Csrf token={props.csrf} />
        <button type="submit" class="secondary">
          重置查询密码
        </button>
      </form>
    </section>
  );
}

/** The new password, shown once. */
export function queryPasswordResetPage(frame: StaffFrame, reset: QueryPasswordReset): string {
  const back = `${staffBase(frame.agency?.code ?? '')}/applications/${reset.applicationId}`;
  return staffPage(
    frame,
    `申请 ${reset.number} 的新查询密码`,
    <>
      <p>
        <a href={back}>返回申请 {reset.number}</a>
      </p>
      <h1>申请 {reset.number} 的新查询密码</h1>
      <div class="notice" role="status">
        <p>查询密码已重置，原查询密码已失效。新的查询密码只显示这一次，离开或刷新本页后无法再次查看。</p>
      </div>
      <Facts
        caption="回执码和新的查询密码"
        items={[
          ['编号', reset.number],
          ['回执码', formatReceiptCode(reset.receiptCode)],
          ['查询密码', reset.password],
        ]}
      />
      <p class="hint">请当面或通过申请人留下的联系方式告知申请人；不要通过他人转告，也不要保存在共用的电脑或文件中。本次重置已记入审计日志。</p>
    </>,
  );
}
