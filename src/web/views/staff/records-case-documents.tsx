// 年报数据 → a case → 案件文书: the case's documents (kind, title, date, file, who uploaded it and when),
// each a download link; for a handler, the form that uploads one (multipart, works without JavaScript)
// and a removal button per document (a confirmation page follows). Pure.

import { CASE_DOCUMENT_ACCEPT, CASE_DOCUMENT_KINDS, CASE_DOCUMENT_LIMITS, CASE_DOCUMENT_TITLE_MAX } from '../../../domain/records/case-documents.ts';
import type { CaseDocument } from '../../../services/records/case-documents.ts';
import { beijingTime } from './application.tsx';
import { Csrf, errorFor, Select, TextField } from './forms.tsx';
import type { FieldError } from './forms.tsx';
import { ChooserNote } from './forms.tsx';

/** The upload form's fields as typed ('' when empty); the file itself is never sent back. */
export interface CaseDocumentForm {
  kind: string;
  title: string;
  documentDate: string;
}

export const emptyCaseDocumentForm = (): CaseDocumentForm => ({ kind: '', title: '', documentDate: '' });

export const CASE_DOCUMENT_FORM_FIELDS = ['kind', 'title', 'documentDate', 'file'] as const;

/** The ids of the upload form's fields (errors are placed at them). */
export const documentFieldId = (f: string): string => `document-${f}`;

const size = (n: number): string => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);
const MB = 1024 * 1024;

export interface CaseDocumentsProps {
  /** the case's URL: /staff/:agency/records/cases/:id */
  caseHref: string;
  documents: CaseDocument[];
  mayHandle: boolean;
  csrf: string;
  form: CaseDocumentForm;
  errors: FieldError[];
}

export function CaseDocuments(props: CaseDocumentsProps) {
  const e = (f: string) => errorFor(props.errors, documentFieldId(f));
  const fileError = e('file');
  return (
    <section aria-labelledby="documents-title">
      <h2 id="documents-title">案件文书</h2>
      {props.documents.length === 0 ? (
        <p>还没有上传本案的文书。</p>
      ) : (
        <div class="table-wrap" role="region" aria-label="本案的文书（可横向滚动）" tabindex={0}>
          <table>
            <caption>本案的文书（点击文件名下载）</caption>
            <thead>
              <tr>
                <th scope="col">种类</th>
                <th scope="col">标题</th>
                <th scope="col">文书日期</th>
                <th scope="col">文件</th>
                <th scope="col">上传</th>
                {props.mayHandle ? <th scope="col">操作</th> : null}
              </tr>
            </thead>
            <tbody>
              {props.documents.map((d) => (
                <tr id={`document-${d.id}`}>
                  <td>{d.kind}</td>
                  <td>{d.title === '' ? '—' : d.title}</td>
                  <td style="white-space:nowrap">{d.documentDate ?? '未填'}</td>
                  <td>
                    <a href={`${props.caseHref}/documents/${d.id}`}>{d.fileName}</a>（{size(d.size)}）
                  </td>
                  <td>
                    {beijingTime(d.uploadedAt)} {d.uploadedByName}
                  </td>
                  {props.mayHandle ? (
                    <td>
                      <form method="post" action={`${props.caseHref}/documents/${d.id}/delete`}>
                        <Csrf token={props.csrf} />
                        <button type="submit" class="secondary">
                          删除
                        </button>
                      </form>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {props.mayHandle ? (
        <form method="post" action={`${props.caseHref}/documents#documents-title`} enctype="multipart/form-data" novalidate>
          <Csrf token={props.csrf} />
          <h3>上传文书</h3>
          <Select id={documentFieldId('kind')} name="kind" label="文书种类" required value={props.form.kind} placeholder="请选择" options={CASE_DOCUMENT_KINDS.map((k) => [k, k] as const)} error={e('kind')} />
          <TextField id={documentFieldId('title')} name="title" label="标题（可不填）" value={props.form.title} maxlength={CASE_DOCUMENT_TITLE_MAX} error={e('title')} hint="如“（2024）宁0502行初12号行政判决书”；不填的，列表中显示种类和文件名。" />
          <TextField id={documentFieldId('documentDate')} name="documentDate" label="文书日期（可不填）" type="date" value={props.form.documentDate} error={e('documentDate')} hint="文书落款的日期；不晚于今天。" />
          <div class="field">
            <label for={documentFieldId('file')}>文件</label>
            <p class="hint" id="document-file-hint">
              PDF、OFD、Word（.docx）或 PNG、JPG 图片，每份不超过 {CASE_DOCUMENT_LIMITS.maxFileBytes / MB} MB；每个案件最多 {CASE_DOCUMENT_LIMITS.maxFiles} 份、合计不超过 {CASE_DOCUMENT_LIMITS.maxCaseBytes / MB} MB。旧版 Word（.doc）请另存为 .docx 或 PDF。
            </p>
            {fileError ? (
              <p class="field-error" id="document-file-error">
                {fileError}
              </p>
            ) : null}
            <input
              type="file"
              id={documentFieldId('file')}
              name="file"
              style="min-height:44px"
              accept={CASE_DOCUMENT_ACCEPT}
              aria-describedby={fileError ? 'document-file-hint document-file-error' : 'document-file-hint'}
              aria-invalid={fileError ? 'true' : undefined}
            />
<ChooserNote />
          </div>
          <button type="submit">上传文书</button>
        </form>
      ) : null}
    </section>
  );
}
