// One item's public page, as gov.cn's 信息公开 pages: the metadata block (索引号, 主题分类, 发布机构,
// 成文日期, 发布日期, 文号, 有效性) above the title and body, then attachments, the 政策解读 both ways,
// the superseding/superseded documents, and the trace the law asks for: 已撤回 (date and reason, the
// body no longer shown) and 已更正 (date and note, the body shown). The body is the guide's markup as
// blocks (escaped), or imported HTML that the service has sanitised (the one place HTML is passed
// through). Pure.

import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import type { PageBlock } from '../../../services/column.ts';
import { Blocks } from './column.tsx';
import { columnPage } from './frame.tsx';
import type { ColumnAgency } from './frame.tsx';
import { chineseDay, DateText } from './fields.tsx';
import { categoryPath, itemPath } from './proactive.tsx';

export interface ItemLink {
  id: number;
  indexNumber: string;
  title: string;
  withdrawn: boolean;
}

export interface ItemViewModel {
  agency: ColumnAgency;
  item: {
    id: number;
    indexNumber: string;
    title: string;
    topic: string;
    publisher: string;
    writtenOn: string | null;
    publishedOn: string | null;
    docNumber: string;
    docType: string;
    validity: string;
    repealedOn: string | null;
    lapsedOn: string | null;
    revisedOn: string | null;
    summary: string;
    withdrawn: boolean;
    withdrawnAt: string | null;
    withdrawnReason: string | null;
    correctedAt: string | null;
    correctionNote: string | null;
    blocks: readonly PageBlock[];
    /** sanitised by the service (services/catalogue/public.ts publicHtml) */
    html: string;
    attachments: readonly { id: number; fileName: string; size: number }[];
    interprets: ItemLink | null;
    interpretations: readonly ItemLink[];
    supersededBy: ItemLink | null;
    supersedes: readonly ItemLink[];
  };
  category: { code: string; name: string } | null;
}

/** 有效性 with its date: 废止（2024年3月1日） */
function validityText(i: ItemViewModel['item']): string {
  if (i.validity === '') return '—';
  const on = i.validity === '废止' ? i.repealedOn : i.validity === '失效' ? i.lapsedOn : i.validity === '已修订' ? i.revisedOn : null;
  return on ? `${i.validity}（${chineseDay(on)}）` : i.validity;
}

/** A timestamp's day in Beijing time (the date a citizen reads). */
const beijingDay = (iso: string | null): string | null => {
  if (iso === null) return null;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso.slice(0, 10) : new Date(ms + 8 * 3600_000).toISOString().slice(0, 10);
};

const sizeText = (bytes: number): string => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);

function Meta(props: { term: string; children?: Child }) {
  return (
    <div>
      <dt>{props.term}</dt>
      <dd>{props.children}</dd>
    </div>
  );
}

function Links(props: { agencyCode: string; links: readonly ItemLink[] }) {
  return (
    <ul>
      {props.links.map((l) => (
        <li>
          <a href={itemPath(props.agencyCode, l.id)}>{l.title}</a>
          {l.withdrawn ? '（已撤回）' : ''}
        </li>
      ))}
    </ul>
  );
}

export function itemPage(vm: ItemViewModel): string {
  const i = vm.item;
  const code = vm.agency.code;
  const path = itemPath(code, i.id);
  return columnPage(
    vm.agency,
    'proactive',
    i.title,
    <>
      <dl class="meta" aria-label="信息基本情况">
        <Meta term="索引号">{i.indexNumber}</Meta>
        <Meta term="主题分类">{i.topic || '—'}</Meta>
        <Meta term="发布机构">{i.publisher}</Meta>
        <Meta term="信息类别">{vm.category ? <a href={categoryPath(code, vm.category.code)}>{vm.category.name}</a> : '—'}</Meta>
        <Meta term="成文日期">
          <DateText date={i.writtenOn} />
        </Meta>
        <Meta term="发布日期">
          <DateText date={i.publishedOn} />
        </Meta>
        <Meta term="文号">{i.docNumber || '—'}</Meta>
        <Meta term="有效性">{validityText(i)}</Meta>
      </dl>
      <h1>{i.title}</h1>
      {i.withdrawn ? (
        <div class="state-note" role="note">
          <p>
            <strong>已撤回</strong>：本信息已于
            <DateText date={beijingDay(i.withdrawnAt)} />
            撤回{i.withdrawnReason ? `，撤回原因：${i.withdrawnReason}` : ''}。原文不再公开。
          </p>
        </div>
      ) : null}
      {!i.withdrawn && i.correctedAt !== null ? (
        <div class="state-note corrected" role="note">
          <p>
            <strong>已更正</strong>：本信息已于
            <DateText date={beijingDay(i.correctedAt)} />
            更正{i.correctionNote ? `。更正说明：${i.correctionNote}` : '。'}
          </p>
        </div>
      ) : null}
      {i.supersededBy ? (
        <p class="notice">
          本文件已被<a href={itemPath(code, i.supersededBy.id)}>{i.supersededBy.title}</a>替代。
        </p>
      ) : null}
      {i.interprets ? (
        <p class="notice">
          本文是对<a href={itemPath(code, i.interprets.id)}>{i.interprets.title}</a>的解读。
        </p>
      ) : null}
      {i.withdrawn ? null : (
        <div class="item-body">
          {i.blocks.length > 0 ? <Blocks blocks={i.blocks} /> : i.html !== '' ? raw(i.html) : i.summary ? <p>{i.summary}</p> : null}
        </div>
      )}
      {i.attachments.length > 0 ? (
        <>
          <h2>附件</h2>
          <ul>
            {i.attachments.map((a) => (
              <li>
                <a href={`${path}/files/${a.id}`} download={a.fileName}>
                  {a.fileName}
                </a>
                <span class="hint">（{sizeText(a.size)}）</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {i.interpretations.length > 0 ? (
        <>
          <h2>政策解读</h2>
          <Links agencyCode={code} links={i.interpretations} />
        </>
      ) : null}
      {i.supersedes.length > 0 ? (
        <>
          <h2>本文件替代的文件</h2>
          <Links agencyCode={code} links={i.supersedes} />
        </>
      ) : null}
    </>,
  );
}
