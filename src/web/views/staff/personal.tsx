// The applicant's personal data on the staff side: on the application page, the way to see the whole ID
// number (a button: a deliberate, audited act) and the identity proofs, for those who may; the page that
// shows the number once revealed; the ledger export. Pure.

import type { PersonalDataPanel } from '../../../services/personal-data.ts';
import type { RevealedIdentity } from '../../../services/personal-data.ts';
import { Csrf } from './forms.tsx';
import { Facts, staffBase, staffPage } from './frame.tsx';
import type { StaffFrame } from './frame.tsx';

export const ID_KIND_LABELS: Record<string, string> = { resident_id: '居民身份证', uscc: '统一社会信用代码', other: '其他证件' };

const MEDIA_LABELS: Record<string, string> = { 'image/png': 'PNG 图片', 'image/jpeg': 'JPEG 图片', 'application/pdf': 'PDF 文件' };

function size(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** Under the application's record: the reveal button and the identity proofs, or who may see them. */
export function IdentityPanel(props: { agencyCode: string; applicationId: number; hasIdNumber: boolean; panel: PersonalDataPanel; csrf: string }) {
  const base = `${staffBase(props.agencyCode)}/applications/${props.applicationId}`;
  if (!props.panel.mayView) {
    return <p class="hint">证件号码已部分隐藏。完整号码和身份证明文件仅供该申请的承办人、科室负责人、分管领导和管理员查看。</p>;
  }
  return (
    <section aria-labelledby="identity-heading">
      <h3 id="identity-heading">申请人身份信息</h3>
      <p class="hint">证件号码已部分隐藏。查看完整号码或打开身份证明文件会记入审计日志，请仅在办理需要时查看。</p>
      {props.hasIdNumber ? (
        <form method="post" action={`${base}/identity`}>
          <Csrf token={props.csrf} />
          <button type="submit" class="secondary">
            查看完整证件号码
          </button>
        </form>
      ) : null}
      {props.panel.proofs.length === 0 ? (
        <p>申请人没有在线上传身份证明文件。</p>
      ) : (
        <ul>
          {props.panel.proofs.map((p) => (
            <li>
              <a href={`${base}/identity-proof/${p.id}`} target="_blank" rel="noopener">
                身份证明文件：{p.fileName}
              </a>
              （{MEDIA_LABELS[p.mediaType] ?? p.mediaType}，{size(p.size)}）
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The whole number, shown once in answer to the button (never stored by a cache: no-store). */
export function revealedPage(frame: StaffFrame, identity: RevealedIdentity): string {
  const back = `${staffBase(frame.agency?.code ?? '')}/applications/${identity.id}`;
  return staffPage(
    frame,
    `申请 ${identity.number} 的证件号码`,
    <>
      <p>
        <a href={back}>返回申请 {identity.number}</a>
      </p>
      <h1>申请 {identity.number} 的证件号码</h1>
      <Facts
        caption="申请人身份信息"
        items={[
          ['申请人', identity.applicantName],
          ['证件类型', ID_KIND_LABELS[identity.idKind ?? ''] ?? identity.idKind ?? ''],
          ['证件号码', identity.idNumber ?? '（未登记）'],
        ]}
      />
      <p class="hint">本次查看已记入审计日志。请勿截屏、抄录或转发申请人的证件号码。</p>
    </>,
  );
}

/** Under the list: the agency's ledger (台账) to download — ID numbers masked, or whole for the leaders. */
export function LedgerLinks(props: { base: string; mayFull: boolean }) {
  return (
    <section aria-labelledby="ledger-heading">
      <h2 id="ledger-heading">导出台账</h2>
      <p>
        本机关全部申请的台账（证件号码部分隐藏）：<a href={`${props.base}/ledger.xlsx`}>Excel（XLSX）</a>、<a href={`${props.base}/ledger.csv`}>CSV</a>
      </p>
      {props.mayFull ? (
        <p>
          含完整证件号码（导出记入审计日志，请妥善保管）：<a href={`${props.base}/ledger.xlsx?full=1`}>Excel（XLSX）</a>、<a href={`${props.base}/ledger.csv?full=1`}>CSV</a>
        </p>
      ) : null}
    </section>
  );
}
