// The editor of a catalogue item (草稿): the fields of domain/catalogue/item-input.ts with selects for
// 信息类别, 主题分类, 文件类型 and 有效性, the body in the guide's markup (## headings, - lists,
// paragraphs), each error next to its field with what was typed kept; on an existing draft, its
// attachments (download, delete) and the upload form. Works without JavaScript. Pure.

import { ATTACHMENT_ACCEPT, ATTACHMENT_LIMITS } from '../../../domain/catalogue/attachments.ts';
import { BODY_MAX } from '../../../domain/catalogue/item-input.ts';
import { DOC_TYPES, VALIDITIES } from '../../../domain/catalogue/vocab.ts';
import type { AttachmentInfo } from '../../../services/catalogue/attachments.ts';
import { Csrf, errorFor, FormOutcome, Select, TextArea, TextField, type FieldError } from './forms.tsx';
import { staffBase, staffPage } from './frame.tsx';
import type { StaffFrame } from './frame.tsx';
import { categoryOptions } from './catalogue-list.tsx';
import { ChooserNote } from './forms.tsx';

/** The form's fields as typed (strings). */
export interface ItemForm {
  title: string;
  summary: string;
  docNumber: string;
  publisher: string;
  writtenOn: string;
  formedOn: string;
  topic: string;
  category: string;
  docType: string;
  validity: string;
  validityOn: string;
  supersededBy: string;
  interprets: string;
  body: string;
}

export const ITEM_FORM_FIELDS: readonly (keyof ItemForm)[] = ['title', 'summary', 'docNumber', 'publisher', 'writtenOn', 'formedOn', 'topic', 'category', 'docType', 'validity', 'validityOn', 'supersededBy', 'interprets', 'body'];

export interface EditorProps {
  csrf: string;
  /** null: a new draft */
  item: { id: number; indexNumber: string; version: number } | null;
  form: ItemForm;
  topics: readonly string[];
  own: readonly { code: string; name: string }[];
  agencyName: string;
  errors: FieldError[];
  attachments: AttachmentInfo[];
  done?: string;
}

export const BODY_HINT = '正文按以下写法排版：以“## ”开头的行是一级标题，“### ”开头的是二级标题，“- ”开头的是列表项，空一行分段，其余各行是段落。不能使用网页代码。';

const kb = (n: number): string => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);

export function catalogueEditorPage(frame: StaffFrame, props: EditorProps): string {
  const base = `${staffBase(frame.agency?.code ?? '')}/catalogue`;
  const f = props.form;
  const e = (field: string) => errorFor(props.errors, field);
  const title = props.item === null ? '新建信息' : `修改草稿：${props.item.indexNumber}`;
  const action = props.item === null ? `${base}/new` : `${base}/${props.item.id}/edit`;
  const topicOptions = props.topics.map((t) => [t, t] as const);
  const fieldErrors = props.errors.filter((x) => x.field !== 'file');
  return staffPage(
    frame,
    title,
    <>
      <p>
        <a href={props.item === null ? base : `${base}/${props.item.id}`}>{props.item === null ? '返回主动公开列表' : '返回这条信息'}</a>
      </p>
      <h1>{title}</h1>
      <FormOutcome done={props.done} errors={fieldErrors} />
      <form method="post" action={action} novalidate>
        <Csrf token={props.csrf} />
        {props.item !== null ? <input type="hidden" name="version" value={String(props.item.version)} /> : null}
        <TextField id="title" name="title" label="标题" required value={f.title} maxlength={300} error={e('title')} />
        <Select id="category" name="category" label="信息类别" required value={f.category} options={categoryOptions(props.own)} placeholder="请选择" error={e('category')} hint="条例第二十条所列类别，或本机关在“目录设置”中定义的类别。" />
        <Select id="docType" name="docType" label="文件类型" value={f.docType || '其他文件'} options={DOC_TYPES.map((d) => [d, d] as const)} error={e('docType')} hint="规章和行政规范性文件进入规范性文件登记，须填写成文日期。" />
        <Select id="topic" name="topic" label="主题分类" value={f.topic} options={topicOptions} placeholder="（不选）" error={e('topic')} />
        <TextField id="docNumber" name="docNumber" label="文号" value={f.docNumber} maxlength={100} error={e('docNumber')} hint="例如：示范自然资规〔2024〕3号。没有文号的不填。" />
        <TextField id="publisher" name="publisher" label="发布机构" value={f.publisher} maxlength={200} error={e('publisher')} hint={`不填则为本机关（${props.agencyName}）。`} />
        <TextField id="writtenOn" name="writtenOn" type="date" label="成文日期" value={f.writtenOn} error={e('writtenOn')} />
        <TextField id="formedOn" name="formedOn" type="date" label="形成或者变更日期" value={f.formedOn} error={e('formedOn')} hint="条例第二十六条：自形成或者变更之日起20个工作日内公开。不填则为成文日期，没有成文日期的为今天。" />
        <Select id="validity" name="validity" label="有效性" value={f.validity} options={VALIDITIES.map((v) => [v, v] as const)} placeholder="（不适用）" error={e('validity')} hint="规章和行政规范性文件填写；不填时按“有效”。" />
        <TextField id="validityOn" name="validityOn" type="date" label="失效、废止或修订日期" value={f.validityOn} error={e('validityOn')} hint="有效性为失效、废止或已修订时填写。" />
        <TextField id="supersededBy" name="supersededBy" label="修订后文件的索引号" value={f.supersededBy} maxlength={100} error={e('supersededBy')} hint="有效性为“已修订”时填写替代它的文件的索引号。" />
        <TextField id="interprets" name="interprets" label="所解读文件的索引号" value={f.interprets} maxlength={100} error={e('interprets')} hint="文件类型为“政策解读”时必填：填写所解读文件的索引号，文件与解读同步公开。" />
        <TextArea id="summary" name="summary" label="内容概述" value={f.summary} maxlength={2000} rows={3} error={e('summary')} hint="目录中显示的简要说明（条例第十二条）。" />
        <TextArea id="body" name="body" label="正文" value={f.body} maxlength={BODY_MAX} rows={16} error={e('body')} hint={BODY_HINT} />
        <button type="submit">{props.item === null ? '保存草稿' : '保存修改'}</button>
      </form>
      {props.item !== null ? (
        <section aria-labelledby="attachments-title">
          <h2 id="attachments-title">附件</h2>
          {props.attachments.length === 0 ? (
            <p>还没有附件。</p>
          ) : (
            <div class="table-wrap" role="region" aria-label="已上传的附件（可横向滚动）" tabindex={0}>
              <table>
                <caption>已上传的附件</caption>
                <thead>
                  <tr>
                    <th scope="col">文件</th>
                    <th scope="col">大小</th>
                    <th scope="col">可检索文字</th>
                    <th scope="col">操作</th>
                  </tr>
                </thead>
                <tbody>
                  {props.attachments.map((a) => (
                    <tr>
                      <td>
                        <a href={`${base}/${a.itemId}/attachments/${a.id}`}>{a.fileName}</a>
                      </td>
                      <td style="white-space:nowrap">{kb(a.size)}</td>
                      <td style="white-space:nowrap">{a.textLength > 0 ? `${a.textLength} 字` : '无（图片或扫描件）'}</td>
                      <td>
                        <form method="post" action={`${base}/${a.itemId}/attachments/${a.id}/delete`}>
                          <Csrf token={props.csrf} />
                          <button type="submit" class="secondary">
                            删除
                          </button>
                        </form>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <form method="post" action={`${base}/${props.item.id}/attachments`} enctype="multipart/form-data">
            <Csrf token={props.csrf} />
            <div class="field">
              <label for="file">上传附件</label>
              <p class="hint" id="file-hint">
                PDF、Word（.docx）、Excel（.xlsx）或 PNG、JPG 图片，每个不超过 {ATTACHMENT_LIMITS.maxFileBytes / 1024 / 1024} MB，每条信息最多 {ATTACHMENT_LIMITS.maxFiles} 个、合计不超过{' '}
                {ATTACHMENT_LIMITS.maxItemBytes / 1024 / 1024} MB。文件中的文字可被检索。
              </p>
              {e('file') ? (
                <p class="field-error" id="file-error">
                  {e('file')}
                </p>
              ) : null}
              <input type="file" id="file" name="file" style="min-height:44px" accept={ATTACHMENT_ACCEPT} aria-describedby={e('file') ? 'file-hint file-error' : 'file-hint'} aria-invalid={e('file') ? 'true' : undefined} />
<ChooserNote />
            </div>
            <button type="submit">上传</button>
          </form>
        </section>
      ) : null}
    </>,
  );
}
