// 转为主动公开 (条例第四十四条): the small form on an application answered 予以公开 or 部分公开 — the catalogue
// category (the agency's), the title prefilled from the requested information, the date formed (the reply's)
// — that makes a catalogue draft linked to the application. Pure.

import { categoryOptions } from './catalogue-list.tsx';
import { Csrf, errorFor, FormOutcome, Select, TextArea, TextField } from './forms.tsx';
import type { FieldError } from './forms.tsx';
import { staffPage } from './frame.tsx';
import type { StaffFrame } from './frame.tsx';

export const PROACTIVE_FIELDS = ['category', 'title', 'summary', 'formedOn'] as const;
export type ProactiveValues = Partial<Record<(typeof PROACTIVE_FIELDS)[number], string>>;

export interface ProactivePageProps {
  base: string;
  csrf: string;
  application: { id: number; number: string; request: string; outcomeLabel: string; closedOn: string | null };
  own: readonly { code: string; name: string }[];
  values: ProactiveValues;
  errors: FieldError[];
}

export function proactivePage(frame: StaffFrame, p: ProactivePageProps): string {
  const a = p.application;
  const e = (f: string) => errorFor(p.errors, f);
  return staffPage(
    frame,
    `转为主动公开 ${a.number}`,
    <>
      <h1>转为主动公开：{a.number}</h1>
      <FormOutcome errors={p.errors} />
      <p>
        条例第四十四条：多个申请人就相同政府信息向同一行政机关提出公开申请，且该政府信息属于可以公开的，行政机关可以纳入主动公开的范围。本操作生成一条主动公开目录草稿（公开属性为“主动公开”），与本申请关联；草稿经保密审查后提交审核流程，签发后发布。
      </p>
      <p>
        答复结果：{a.outcomeLabel}；答复日期：{a.closedOn ?? '—'}。 <a href={`${p.base}/applications/${a.id}`}>返回申请</a>
      </p>
      <form method="post" action={`${p.base}/applications/${a.id}/proactive`} aria-label="转为主动公开" novalidate>
        <Csrf token={p.csrf} />
        <Select id="category" name="category" label="信息类别" required value={p.values.category ?? ''} placeholder="请选择" options={categoryOptions(p.own)} error={e('category')} hint="条例第二十条所列类别，或本机关在“目录设置”中定义的类别。" />
        <TextField id="title" name="title" label="标题" required value={p.values.title ?? ''} maxlength={300} error={e('title')} />
        <TextArea id="summary" name="summary" label="内容概述" value={p.values.summary ?? ''} maxlength={2000} rows={3} hint="不填则写明来源申请的编号和申请内容。" error={e('summary')} />
        <TextField id="formedOn" name="formedOn" type="date" label="形成日期" value={p.values.formedOn ?? a.closedOn ?? ''} hint="默认为答复日期。" error={e('formedOn')} />
        <button type="submit">生成主动公开目录草稿</button>
      </form>
    </>,
  );
}
