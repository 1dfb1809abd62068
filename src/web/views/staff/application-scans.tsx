// On the application page: the scanned paper application kept at registration (services/application-
// scans.ts) — listed to everyone who reads the page, opened by whom may see the applicant's personal
// data (the opening is audited). Pure.

import type { StoredUpload } from '../../../services/uploads.ts';
import { beijingTime } from './application-parts.tsx';

const MEDIA_LABELS: Record<string, string> = { 'image/png': 'PNG 图片', 'image/jpeg': 'JPG 图片', 'application/pdf': 'PDF 文件' };

function size(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

export function ApplicationScans(props: { base: string; applicationId: number; channel: string; scans: readonly StoredUpload[]; mayView: boolean }) {
  if (props.scans.length === 0 && props.channel === 'online') return null;
  return (
    <section aria-labelledby="scans-heading">
      <h2 id="scans-heading">申请书扫描件</h2>
      {props.scans.length === 0 ? (
        <p>登记时没有上传申请书扫描件。</p>
      ) : (
        <>
          <ul>
            {props.scans.map((s) => (
              <li>
                {props.mayView ? (
                  <a href={`${props.base}/applications/${props.applicationId}/scans/${s.id}`} target="_blank" rel="noopener">
                    {s.fileName}
                  </a>
                ) : (
                  s.fileName
                )}
                （{MEDIA_LABELS[s.mediaType] ?? s.mediaType}，{size(s.size)}，{beijingTime(s.createdAt)}上传）
              </li>
            ))}
          </ul>
          <p class="hint">{props.mayView ? '扫描件含申请人的个人信息，打开会记入审计日志，请仅在办理需要时查看。' : '扫描件含申请人的个人信息，仅供该申请的承办人、科室负责人、分管领导和管理员查看。'}</p>
        </>
      )}
    </section>
  );
}
