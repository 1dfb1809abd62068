// 政务公开监督 → the office's settings (issue #13): the scoring rubric as JSON in a textarea (checked by
// checkRubric; every problem listed in Chinese at the field), or the default rubric; the due date of
// 乡镇/街道 reports (a local rule). The finding codes a rule may name are listed below the form. Pure JSX.

import { FINDING_CODES } from '../../../domain/oversight/index.ts';
import { Csrf, errorFor, FormOutcome, TextArea, TextField } from './forms.tsx';
import type { FieldError } from './forms.tsx';
import { staffPage } from './frame.tsx';
import type { StaffFrame } from './frame.tsx';
import { oversightBase, OversightNav } from './oversight.tsx';

export const SETTINGS_FIELDS = { rubric: 'rubric-json', townshipDue: 'township-due', useDefault: 'rubric-default' } as const;

export interface SettingsPageProps {
  year: number;
  rubricJson: string;
  customRubric: boolean;
  rubricTitle: string;
  townshipDue: string;
  useDefault: boolean;
  updatedAt: string | null;
  csrf: string;
  errors: FieldError[];
  /** every problem of a refused rubric */
  problems: string[];
  done?: string | undefined;
}

export function settingsPage(frame: StaffFrame, p: SettingsPageProps): string {
  const office = frame.agency as { code: string; name: string };
  const base = oversightBase(office.code, p.year);
  return staffPage(
    frame,
    '评分细则与截止日期',
    <>
      <h1>政务公开监督：评分细则与截止日期</h1>
      <OversightNav base={base} current="settings" />
      <FormOutcome done={p.done} errors={p.errors} />
      <p>
        现用评分细则：{p.rubricTitle}（{p.customRubric ? '本办设置' : '默认评分细则'}）{p.updatedAt ? `，最近修改于${p.updatedAt.slice(0, 10)}` : ''}。修改后，看板、各机关的得分和汇总即按新设置计算（各年度都按现行设置）。
      </p>
      <form method="post" action={`${base}/settings`}>
        <Csrf token={p.csrf} />
        <TextField
          id={SETTINGS_FIELDS.townshipDue}
          name="townshipDue"
          label="乡镇、街道年度报告的截止日期（月-日）"
          value={p.townshipDue}
          maxlength={5}
          hint="按本地规定，写作“月-日”，如01-31（次年1月31日）。部门（1月31日）和本级政府（3月31日）的截止日期由条例第四十九条规定，不可修改。"
          error={errorFor(p.errors, SETTINGS_FIELDS.townshipDue)}
        />
        <div class="field">
          <input type="checkbox" id={SETTINGS_FIELDS.useDefault} name="useDefault" value="1" checked={p.useDefault} />{' '}
          <label for={SETTINGS_FIELDS.useDefault} style="display:inline">
            恢复为默认评分细则（忽略下面的内容）
          </label>
        </div>
        <TextArea
          id={SETTINGS_FIELDS.rubric}
          name="rubric"
          label="评分细则（JSON）"
          rows={24}
          maxlength={20000}
          value={p.rubricJson}
          hint="满分、及格分、单项否决规则、扣分类别和扣分规则。每条规则列出所适用的结论代码（见下表）。“没有任何统计表格”（NO_TABLES）必须列入单项否决。"
          error={errorFor(p.errors, SETTINGS_FIELDS.rubric)}
        />
        {p.problems.length > 1 ? (
          <div class="field-error" id="rubric-problems">
            <p>评分细则有{p.problems.length}处问题：</p>
            <ol>
              {p.problems.map((m) => (
                <li>{m}</li>
              ))}
            </ol>
          </div>
        ) : null}
        <button type="submit">保存设置</button>
      </form>
      <details>
        <summary>可用的结论代码</summary>
        <div class="table-wrap" role="region" aria-label="结论代码（可横向滚动）" tabindex={0}>
          <table>
            <caption>结论代码、严重程度和含义</caption>
            <thead>
              <tr>
                <th scope="col">代码</th>
                <th scope="col">默认严重程度</th>
                <th scope="col">含义</th>
              </tr>
            </thead>
            <tbody>
              {Object.entries(FINDING_CODES).map(([code, info]) => (
                <tr>
                  <th scope="row">{code}</th>
                  <td>{info.severity === 'error' ? '错误' : info.severity === 'warning' ? '警告' : '提示'}</td>
                  <td>{info.title}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </>,
  );
}
