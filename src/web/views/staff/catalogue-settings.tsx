// 目录设置 (the agency's 管理员): 统一社会信用代码, 索引号 format with the next number previewed, the
// 主题分类 list and the agency's own 信息类别; and the import page (a file upload, the errors by row).
// Pure.

import type { CatalogueSettingsForm } from '../../../domain/catalogue/settings-input.ts';
import type { ImportError } from '../../../domain/catalogue/import-file.ts';
import { ImportErrors } from './import-errors.tsx';
import { CATALOGUE_COLUMNS, REQUIRED_COLUMNS } from '../../../domain/catalogue/import-file.ts';
import { Csrf, errorFor, FormOutcome, TextArea, TextField, type FieldError } from './forms.tsx';
import { staffBase, staffPage } from './frame.tsx';
import type { StaffFrame } from './frame.tsx';
import { ChooserNote } from './forms.tsx';

export interface SettingsProps {
  csrf: string;
  form: CatalogueSettingsForm;
  preview: string;
  defaultTopics: readonly string[];
  errors: FieldError[];
  done?: string;
}

export function catalogueSettingsPage(frame: StaffFrame, props: SettingsProps): string {
  const base = `${staffBase(frame.agency?.code ?? '')}/catalogue`;
  const e = (field: string) => errorFor(props.errors, field);
  return staffPage(
    frame,
    '目录设置',
    <>
      <p>
        <a href={base}>返回主动公开列表</a>
      </p>
      <h1>目录设置</h1>
      <FormOutcome done={props.done} errors={props.errors} />
      <form method="post" action={`${base}/settings`} novalidate>
        <Csrf token={props.csrf} />
        <TextField id="creditCode" name="creditCode" label="统一社会信用代码" value={props.form.creditCode} maxlength={30} error={e('creditCode')} hint="18位，用于生成索引号。不填则用机关代码。" />
        <TextField
          id="indexFormat"
          name="indexFormat"
          label="索引号格式"
          value={props.form.indexFormat}
          maxlength={80}
          error={e('indexFormat')}
          hint={`可用占位符：{org} 统一社会信用代码，{year} 年份，{cat} 类别代码，{seq} 序号（{seq:5} 表示补足5位）。不填则为 {org}/{year}-{seq:5}。按当前设置，下一个索引号为：${props.preview}`}
        />
        <TextArea
          id="topics"
          name="topics"
          label="主题分类"
          value={props.form.topics}
          rows={8}
          error={e('topics')}
          hint={`每行一个。不填则使用国务院公文主题分类：${props.defaultTopics.join('、')}。`}
        />
        <TextArea
          id="categories"
          name="categories"
          label="本机关自定信息类别"
          value={props.form.categories}
          rows={6}
          error={e('categories')}
          hint="条例第二十条所列十五项之外，本机关自定的类别。每行一个：先写代码（字母或数字，用于索引号），空格后写名称，例如“gzdt 工作动态”。从旧网站导入的栏目（如工作动态、通知公告）请在这里添加。"
        />
        <button type="submit">保存设置</button>
      </form>
    </>,
  );
}

export interface ImportProps {
  csrf: string;
  errors: ImportError[];
  fileError?: string;
  done?: string;
  maxMb: number;
}

export function catalogueImportPage(frame: StaffFrame, props: ImportProps): string {
  const base = `${staffBase(frame.agency?.code ?? '')}/catalogue`;
  const summary: FieldError[] = props.fileError ? [{ field: 'file', message: props.fileError }] : [];
  return staffPage(
    frame,
    '导入政府信息目录',
    <>
      <p>
        <a href={base}>返回主动公开列表</a>
      </p>
      <h1>导入政府信息目录</h1>
      <FormOutcome done={props.done} errors={summary} />
      <p>
        从旧网站导出的目录（CSV 或 Excel .xlsx）一次导入，导入的信息均为“已发布、主动公开”。第1行为表头，可包含：{CATALOGUE_COLUMNS.join('、')}；其中{REQUIRED_COLUMNS.join('、')}必填。索引号留空则自动生成；正文可以是旧网站的网页代码（只保留安全的排版）。任何一行有问题，整个文件都不导入。
      </p>
      {props.errors.length > 0 ? (
        <ImportErrors errors={props.errors} what="信息" />
      ) : null}
      <form method="post" action={`${base}/import`} enctype="multipart/form-data">
        <Csrf token={props.csrf} />
        <div class="field">
          <label for="file">目录文件</label>
          <p class="hint" id="file-hint">
            CSV（UTF-8 或 GBK）或 Excel（.xlsx），不超过 {props.maxMb} MB。更大的文件请由管理员在服务器上导入。
          </p>
          {props.fileError ? (
            <p class="field-error" id="file-error">
              {props.fileError}
            </p>
          ) : null}
          <input type="file" id="file" name="file" style="min-height:44px" accept=".csv,.xlsx" aria-describedby="file-hint" />
<ChooserNote />
        </div>
        <div class="field">
          <label>
            <input type="checkbox" name="addCategories" value="1" /> 把文件中本机关尚未定义的信息类别（如旧网站的“工作动态”“通知公告”）添加为本机关自定类别
          </label>
        </div>
        <button type="submit">导入</button>
      </form>
    </>,
  );
}
