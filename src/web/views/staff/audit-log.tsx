// The audit log: an agency's (/staff/:agency/audit), or the platform's (平台管理: the entries of no agency),
// in words (audit-words.ts): the time in Beijing time, who by name, what as a sentence, the object as a
// link to its page, and the address as a small detail (本机 for loopback).

import type { AuditEntry } from '../../../services/audit.ts';
import { beijingTime } from './application-parts.tsx';
import { auditLine } from './audit-words.ts';
import { PLATFORM_PATH, staffBase, staffPage } from './frame.tsx';
import type { StaffFrame } from './frame.tsx';

/**
 * The audit log of an agency, or (platform) the entries of no agency: setup, agencies created, account
 * administration from 平台管理 or the command line, sign-ins.
 */
export function auditPage(frame: StaffFrame, props: { entries: AuditEntry[]; next: number | null; platform?: boolean }): string {
  const base = props.platform ? PLATFORM_PATH : staffBase(frame.agency?.code ?? '');
  const title = props.platform ? '平台审计日志' : '审计日志';
  return staffPage(
    frame,
    title,
    <>
      <h1>{title}</h1>
      {props.entries.length === 0 ? (
        <p>没有记录。</p>
      ) : (
        <div class="table-wrap" role="region" aria-label={`${props.platform ? '不属于某个机关的操作记录：初始设置、创建机关、账号管理、登录等（由近及远，北京时间）' : '本机关的操作记录（由近及远，北京时间）'}（可横向滚动）`} tabindex={0}>
          <table>
            <caption>{props.platform ? '不属于某个机关的操作记录：初始设置、创建机关、账号管理、登录等（由近及远，北京时间）' : '本机关的操作记录（由近及远，北京时间）'}</caption>
            <thead>
              <tr>
                <th scope="col">时间</th>
                <th scope="col">操作人</th>
                <th scope="col">操作</th>
                <th scope="col">对象</th>
              </tr>
            </thead>
            <tbody>
              {props.entries.map((entry) => {
                const line = auditLine(entry, props.platform ? null : base);
                return (
                  <tr>
                    <td style="white-space:nowrap">{beijingTime(entry.at)}</td>
                    <td>
                      {line.who}
                      {line.ip !== null ? (
                        <>
                          <br />
                          <span class="hint">来自{line.ip}</span>
                        </>
                      ) : null}
                    </td>
                    <td>{line.what}</td>
                    <td>{line.object === null ? '—' : line.object.href !== null ? <a href={line.object.href}>{line.object.text}</a> : line.object.text}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {props.next !== null ? (
        <p>
          <a href={`${base}/audit?before=${props.next}`}>更早的记录</a>
        </p>
      ) : null}
    </>,
  );
}
