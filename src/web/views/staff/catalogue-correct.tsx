// 更正 of a published catalogue item (/staff/:agency/catalogue/:id/correct): the item's fields filled in
// as they stand, the correction note (shown on the public page with 已更正) and the version the form was
// made from (a correction made meanwhile is refused). Pure.

import { ARTICLE_20_ITEMS, DOC_TYPES, OWN_CATEGORY_PREFIX, VALIDITIES } from '../../../domain/catalogue/vocab.ts';
import { BODY_MAX } from '../../../domain/catalogue/item-input.ts';
import type { Vocab } from '../../../services/catalogue/items.ts';
import type { ItemView } from '../../../services/catalogue/item-view.ts';
import { Csrf, errorFor, FormOutcome, Select, TextArea, TextField } from './forms.tsx';
import type { FieldError } from './forms.tsx';
import { staffBase, staffPage } from './frame.tsx';
import type { StaffFrame } from './frame.tsx';

export const CORRECTION_FIELDS = ['title', 'summary', 'docNumber', 'publisher', 'writtenOn', 'formedOn', 'publishedOn', 'topic', 'category', 'docType', 'validity', 'validityOn', 'supersededBy', 'interprets', 'body'] as const;

/** The form's values from the item as it stands. */
export function correctionValues(view: ItemView): Record<string, string> {
  const i = view.item;
  return {
    title: i.title,
    summary: i.summary,
    docNumber: i.docNumber,
    publisher: i.publisher,
    writtenOn: i.writtenOn ?? '',
    formedOn: i.formedOn,
    publishedOn: i.publishedOn ?? '',
    topic: i.topic,
    category: i.category,
    docType: i.docType,
    validity: i.validity,
    validityOn: i.repealedOn ?? i.lapsedOn ?? i.revisedOn ?? '',
    supersededBy: view.supersededBy?.indexNumber ?? '',
    interprets: view.interprets?.indexNumber ?? '',
    body: i.body,
    note: '',
    expectedVersion: String(i.version),
  };
}

export function correctionPage(frame: StaffFrame, props: { view: ItemView; vocab: Vocab; values: Record<string, string>; errors: FieldError[]; csrf: string }): string {
  const { view, values, errors } = props;
  const here = `${staffBase(frame.agency?.code ?? '')}/catalogue/${view.item.id}`;
  const v = (f: string) => values[f] ?? '';
  const e = (f: string) => errorFor(errors, f);
  const categories = [...ARTICLE_20_ITEMS.map((c) => [c.code, `第二十条第（${c.numeral}）项 ${c.name}`] as const), ...props.vocab.own.map((c) => [`${OWN_CATEGORY_PREFIX}${c.code}`, c.name] as const)];
  return staffPage(
    frame,
    `更正：${view.item.title}`,
    <>
      <p>
        <a href={here}>返回信息页面</a>
      </p>
      <h1>更正已发布的信息</h1>
      <p>
        {view.item.indexNumber}（当前第{view.item.version}版）。更正保存为新版本，公开页面显示“已更正”及更正说明和时间。
      </p>
      <FormOutcome errors={errors} />
      <form method="post" action={`${here}/correct`}>
        <Csrf token={props.csrf} />
        <input type="hidden" name="expectedVersion" value={v('expectedVersion')} />
        <TextArea id="note" name="note" label="更正说明" required hint="更正了什么、为什么（公开页面显示）" rows={3} maxlength={1000} value={v('note')} error={e('note')} />
        <TextField id="title" name="title" label="标题" required maxlength={300} value={v('title')} error={e('title')} />
        <TextField id="docNumber" name="docNumber" label="文号" maxlength={100} value={v('docNumber')} error={e('docNumber')} />
        <TextField id="publisher" name="publisher" label="发布机构" maxlength={200} value={v('publisher')} error={e('publisher')} />
        <TextField id="writtenOn" name="writtenOn" label="成文日期" type="date" value={v('writtenOn')} error={e('writtenOn')} />
        <TextField id="formedOn" name="formedOn" label="形成或者变更日期" type="date" value={v('formedOn')} error={e('formedOn')} />
        <TextField id="publishedOn" name="publishedOn" label="发布日期" type="date" value={v('publishedOn')} error={e('publishedOn')} />
        <Select id="topic" name="topic" label="主题分类" placeholder="（未分类）" options={props.vocab.topics.map((t) => [t, t] as const)} value={v('topic')} error={e('topic')} />
        <Select id="category" name="category" label="信息类别" required options={categories} value={v('category')} error={e('category')} />
        <Select id="docType" name="docType" label="文件类型" options={DOC_TYPES.map((d) => [d, d] as const)} value={v('docType')} error={e('docType')} />
        <Select id="validity" name="validity" label="有效性" placeholder="（不适用）" options={VALIDITIES.map((d) => [d, d] as const)} value={v('validity')} error={e('validity')} />
        <TextField id="validityOn" name="validityOn" label="失效、废止或修订日期" type="date" value={v('validityOn')} error={e('validityOn')} />
        <TextField id="supersededBy" name="supersededBy" label="替代文件的索引号" maxlength={100} value={v('supersededBy')} error={e('supersededBy')} />
        <TextField id="interprets" name="interprets" label="所解读文件的索引号" maxlength={100} value={v('interprets')} error={e('interprets')} />
        <TextArea id="summary" name="summary" label="内容概述" rows={3} maxlength={2000} value={v('summary')} error={e('summary')} />
        <TextArea id="body" name="body" label="正文" hint="“## ”开头为标题，“- ”开头为列表项，空行分段" rows={16} maxlength={BODY_MAX} value={v('body')} error={e('body')} />
        <button type="submit">保存更正</button> <a href={here}>取消</a>
      </form>
    </>,
  );
}
