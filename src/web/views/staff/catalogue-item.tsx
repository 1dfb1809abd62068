// The staff page of one catalogue item (/staff/:agency/catalogue/:id): the metadata block (索引号, 标题,
// 文号, 发布机构, 成文日期, 发布日期, 主题分类, 信息类别, 文件类型, 有效性, 公开属性), the 第二十六条
// clock, the body (the guide's markup, or imported HTML already sanitised), attachments, the actions the
// user may take now, the 保密审查 records, the review history with comments, and the versions. Pure.

import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import { articleLabel } from '../../../domain/catalogue/disclosure.ts';
import { ITEM_STATE_LABELS } from '../../../domain/catalogue/vocab.ts';
import type { ItemState } from '../../../domain/catalogue/vocab.ts';
import { DECISION_LABELS } from '../../../services/review/rounds.ts';
import type { ItemView } from '../../../services/catalogue/item-view.ts';
import { pageBlocks } from '../../../services/column.ts';
import type { PageBlock } from '../../../services/column.ts';
import { STAGE_AGENCY_LABELS } from '../../../domain/review/chain.ts';
import { ActionForms } from './catalogue-actions.tsx';
import type { FailedAction } from './catalogue-actions.tsx';
import { ClockBadge, CLOCK_STATE_LABELS, daysLeftText, Facts, PRE, ROLE_LABELS, staffBase, staffPage } from './frame.tsx';
import type { StaffFrame } from './frame.tsx';
import { FormOutcome } from './forms.tsx';

export type { FailedAction };

export interface ItemPageProps {
  view: ItemView;
  csrf: string;
  done?: string | undefined;
  failed?: FailedAction | undefined;
}

function Blocks(props: { blocks: readonly PageBlock[] }) {
  return (
    <>
      {props.blocks.map((b) => {
        if (b.kind === 'heading') return b.level === 2 ? <h3>{b.text}</h3> : <h4>{b.text}</h4>;
        if (b.kind === 'list')
          return (
            <ul>
              {b.items.map((i) => (
                <li>{i}</li>
              ))}
            </ul>
          );
        return <p>{b.text}</p>;
      })}
    </>
  );
}

const time = (iso: string | null | undefined): string => (iso ? iso.replace('T', ' ').slice(0, 16) : '—');
const size = (n: number): string => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);

function validityText(view: ItemView): string {
  const i = view.item;
  if (i.validity === '') return '';
  const date = i.repealedOn ?? i.lapsedOn ?? i.revisedOn;
  const by = view.supersededBy ? `，修订后为 ${view.supersededBy.indexNumber}《${view.supersededBy.title}》` : '';
  return date ? `${i.validity}（${date}${by}）` : i.validity;
}

function disclosureText(view: ItemView): string {
  const i = view.item;
  if (i.disclosure === null) return '尚未认定';
  const parts = [i.disclosure];
  if (i.disclosureArticle) parts.push(`依据：${articleLabel(i.disclosureArticle)}`);
  if (i.disclosureReason) parts.push(`理由：${i.disclosureReason}`);
  return parts.join('；');
}

export function catalogueItemPage(frame: StaffFrame, props: ItemPageProps): string {
  const { view } = props;
  const item = view.item;
  const base = staffBase(frame.agency?.code ?? '');
  const own = `${staffBase(view.agency.code)}/catalogue/${item.id}`;
  const here = `${base}/catalogue/${item.id}`;
  const clock = view.clock;
  return staffPage(
    frame,
    item.title,
    <>
      <p>
        <a href={`${base}/catalogue`}>主动公开目录</a>
        {view.own ? null : <> · 来自{view.agency.name}，送本机关审核</>}
      </p>
      <h1>{item.title}</h1>
      <p>
        <span class={`badge ${item.state}`}>{ITEM_STATE_LABELS[item.state as ItemState] ?? item.state}</span> 第{item.version}版
      </p>
      <FormOutcome done={props.done} errors={props.failed?.errors} />
      {item.state === 'withdrawn' ? (
        <div class="notice" role="note">
          <p>
            已撤回（{time(item.withdrawnAt)}）：{item.withdrawnReason}
          </p>
        </div>
      ) : null}
      {item.correctedAt ? (
        <div class="notice" role="note">
          <p>
            已更正（{time(item.correctedAt)}）：{item.correctionNote}
          </p>
        </div>
      ) : null}
      <Facts
        caption="基本信息"
        items={[
          ['索引号', item.indexNumber],
          ['标题', item.title],
          ['文号', item.docNumber],
          ['发布机构', item.publisher],
          ['成文日期', item.writtenOn ?? ''],
          ['发布日期', item.publishedOn ?? ''],
          ['主题分类', item.topic],
          ['信息类别', view.categoryLabel],
          ['文件类型', item.docType],
          ['有效性', validityText(view)],
          ['公开属性', disclosureText(view)],
          ['内容概述', item.summary],
          ['形成或变更日期', item.formedOn],
          ...(view.interprets ? [['所解读的文件', <a href={`${staffBase(view.agency.code)}/catalogue/${view.interprets.id}`}>{`${view.interprets.indexNumber}《${view.interprets.title}》`}</a>] as [string, Child]] : []),
          ...(item.publishAt ? [['定时发布时间', time(item.publishAt)] as [string, Child]] : []),
          ...(view.sourceApplication ? [['来源', <>依申请公开 <a href={`${staffBase(view.agency.code)}/applications/${view.sourceApplication.id}`}>{view.sourceApplication.number}</a></>] as [string, Child]] : []),
        ]}
      />
      <h2 id="clock">主动公开期限</h2>
      {clock ? (
        <p>
          <ClockBadge state={clock.state} label={CLOCK_STATE_LABELS[clock.state] ?? clock.state} /> {clock.due ? `应于${clock.due}前公开` : ''}
          {clock.provisional ? '（暂定）' : ''} {daysLeftText(clock.workingDaysLeft, clock.state)}
          {clock.state === 'stopped' ? (clock.met ? '，已按期公开。' : '，公开晚于期限。') : ''}
          <br />
          <span class="hint">{clock.explain.join(' ')}</span>
        </p>
      ) : (
        <p>{view.clockError ?? '该信息不属于主动公开，或已撤回：不计算第二十六条的公开期限。'}</p>
      )}
      <h2 id="actions">办理</h2>
      <ActionForms view={view} csrf={props.csrf} failed={props.failed} action={(p) => `${here}/${p}`} editHref={`${own}/edit`} correctHref={`${here}/correct`} />
      <h2 id="body">正文</h2>
      <div class="item-body">
        {item.bodyHtml !== '' ? raw(item.bodyHtml) : item.body.trim() === '' ? <p>（无正文）</p> : <Blocks blocks={pageBlocks(item.body)} />}
      </div>
      <h2 id="attachments">附件</h2>
      {view.attachments.length === 0 ? (
        <p>没有附件。</p>
      ) : (
        <ul>
          {view.attachments.map((a) => (
            <li>
              <a href={`${here}/attachments/${a.id}`}>{a.fileName}</a>（{size(a.size)}）
            </li>
          ))}
        </ul>
      )}
      <h2 id="secrecy">保密审查记录</h2>
      {view.secrecy.length === 0 ? (
        <p>尚无保密审查记录。</p>
      ) : (
        <div class="table-wrap" role="region" aria-label="保密审查（可横向滚动）" tabindex={0}>
          <table>
            <caption>保密审查（新的在前）</caption>
            <thead>
              <tr>
                <th scope="col">时间</th>
                <th scope="col">版本</th>
                <th scope="col">结论</th>
                <th scope="col">审查人</th>
                <th scope="col">审查意见</th>
              </tr>
            </thead>
            <tbody>
              {view.secrecy.map((s) => (
                <tr>
                  <td>{time(s.reviewedAt)}</td>
                  <td>
                    第{s.version}版{s.version !== item.version ? '（旧版本）' : ''}
                  </td>
                  <td>{s.conclusion}</td>
                  <td>{s.reviewerName}</td>
                  <td style={PRE}>{s.note || '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2 id="review">审核记录</h2>
      {view.round ? (
        <p>
          正在“{view.round.stages[view.round.stage - 1]?.name ?? ''}”环节等待审核（{view.agencyNames[view.round.stageAgencyId] ?? ''}
          {(view.round.stages[view.round.stage - 1]?.roles ?? []).map((r) => ROLE_LABELS[r] ?? r).join('或')}），自{time(view.round.waitingSince)}起。
        </p>
      ) : (
        <p>
          审核流程：
          {view.chain.stages.map((s) => `${s.name}（${s.agency === 'parent' ? `${STAGE_AGENCY_LABELS.parent}的` : ''}${s.roles.map((r) => ROLE_LABELS[r] ?? r).join('或')}）`).join(' → ')}
          {view.chain.allowSamePerson ? '；允许同一人审核多个环节' : '；同一人不能审核同一版本的两个环节'}。
        </p>
      )}
      {view.history.length === 0 ? (
        <p>尚未提交审核。</p>
      ) : (
        <div class="table-wrap" role="region" aria-label="审核经过（可横向滚动）" tabindex={0}>
          <table>
            <caption>审核经过</caption>
            <thead>
              <tr>
                <th scope="col">时间</th>
                <th scope="col">环节</th>
                <th scope="col">决定</th>
                <th scope="col">人员</th>
                <th scope="col">意见</th>
              </tr>
            </thead>
            <tbody>
              {view.history.map((h) => (
                <tr>
                  <td>{time(h.decidedAt)}</td>
                  <td>
                    {h.stageName}
                    {h.stageAgencyId !== null && h.stageAgencyId !== item.agencyId ? `（${view.agencyNames[h.stageAgencyId] ?? '上级机关'}）` : ''}
                  </td>
                  <td>{DECISION_LABELS[h.decision] ?? h.decision}</td>
                  <td>{h.actorName}</td>
                  <td style={PRE}>
                    {h.comment || '—'}
                    {h.version !== item.version ? `（第${h.version}版）` : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2 id="versions">版本</h2>
      <div class="table-wrap" role="region" aria-label="保存的版本（可横向滚动）" tabindex={0}>
        <table>
          <caption>保存的版本（新的在前）</caption>
          <thead>
            <tr>
              <th scope="col">版本</th>
              <th scope="col">时间</th>
              <th scope="col">人员</th>
              <th scope="col">说明</th>
            </tr>
          </thead>
          <tbody>
            {view.versions.map((v) => (
              <tr>
                <td>第{v.version}版</td>
                <td>{time(v.savedAt)}</td>
                <td>{v.savedBy ?? '—'}</td>
                <td style={PRE}>{v.reason || '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>,
  );
}
