// 待我审核 (/staff/:agency/inbox): what waits for the signed-in person in this agency, oldest first, with
// 上一页/下一页 (keyset). Each subject links to its page in this agency (a department's item sent up is
// opened here too). Pure.

import { REVIEW_SUBJECT_LABELS } from '../../../domain/review/chain.ts';
import type { InboxEntry } from '../../../services/review/inbox.ts';
import { Pager } from '../pager.tsx';
import { staffBase, staffPage } from './frame.tsx';
import type { StaffFrame } from './frame.tsx';

/** Where a subject is handled in the workspace (subjects join here as they join the chain). */
export function subjectHref(agencyCode: string, entry: Pick<InboxEntry, 'subject' | 'subjectId'>): string | null {
  const base = staffBase(agencyCode);
  if (entry.subject === 'catalogue') return `${base}/catalogue/${entry.subjectId}`;
  if (entry.subject === 'annual_report') return `${base}/report-signoff/${entry.subjectId}`;
  return null;
}

export function inboxPage(frame: StaffFrame, props: { entries: InboxEntry[]; total: number; next: string | null; prev: string | null; mayConfigure: boolean }): string {
  const code = frame.agency?.code ?? '';
  const base = staffBase(code);
  return staffPage(
    frame,
    '待我审核',
    <>
      <h1>待我审核</h1>
      <p>
        等待您审核的事项共 <strong>{props.total}</strong> 件（按等待时间，先到先列）。
        {props.mayConfigure ? (
          <>
            {' '}
            审核流程设置：<a href={`${base}/catalogue/chain`}>主动公开信息</a> · <a href={`${base}/report-chain`}>年度报告</a>
          </>
        ) : null}
      </p>
      {props.entries.length === 0 ? (
        <p>目前没有等待您审核的事项。</p>
      ) : (
        <div class="table-wrap" role="region" aria-label="待审核事项（可横向滚动）" tabindex={0}>
          <table>
            <caption>待审核事项</caption>
            <thead>
              <tr>
                <th scope="col">类别</th>
                <th scope="col">标题</th>
                <th scope="col">机关</th>
                <th scope="col">环节</th>
                <th scope="col">提交人</th>
                <th scope="col">等待自</th>
              </tr>
            </thead>
            <tbody>
              {props.entries.map((e) => {
                const href = subjectHref(code, e);
                return (
                  <tr>
                    <td>{REVIEW_SUBJECT_LABELS[e.subject] ?? e.subject}</td>
                    <td>{href ? <a href={href}>{e.title}</a> : e.title}</td>
                    <td>{e.agencyCode === code ? '本机关' : e.agencyName}</td>
                    <td>
                      {e.stageName}（第{e.stage}/{e.stageCount}环节）
                    </td>
                    <td>{e.submittedByName}</td>
                    <td>{e.waitingSince.replace('T', ' ').slice(0, 16)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <Pager path={`${base}/inbox`} query={{}} next={props.next} prev={props.prev} />
    </>,
  );
}
