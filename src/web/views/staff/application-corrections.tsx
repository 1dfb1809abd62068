// The 补正 the applicant sent online (issue #14; services/online-corrections.ts) on the staff's application
// page: when it arrived (the receive_correction step, from which the reply period runs again), the text
// as sent and the file to open. Nothing when there is none. Pure.

import type { OnlineCorrection } from '../../../services/online-corrections.ts';

const PRE = 'white-space:pre-wrap;overflow-wrap:anywhere';

export function OnlineCorrections(props: { corrections: readonly OnlineCorrection[]; base: string; applicationId: number }) {
  if (props.corrections.length === 0) return null;
  return (
    <>
      <h2 id="online-corrections">申请人在线补正</h2>
      {props.corrections.map((c) => (
        <div style="border-left:4px solid #0b4f9c;padding:.25rem .75rem;margin:0 0 1rem">
          <p style="margin:0">
            <strong>{c.receivedOn}</strong> 通过本平台在线提交（收到补正材料，答复期限自该日起重新计算）
          </p>
          {c.text ? <p style={`margin:.25rem 0;${PRE}`}>{c.text}</p> : <p class="hint">未填写补正内容，只上传了补正材料。</p>}
          {c.file ? (
            <p style="margin:.25rem 0">
              补正材料：
              <a href={`${props.base}/applications/${props.applicationId}/corrections/${c.file.id}`}>
                {c.file.fileName}（{Math.max(1, Math.round(c.file.size / 1024))} KB）
              </a>
            </p>
          ) : null}
        </div>
      ))}
    </>
  );
}
