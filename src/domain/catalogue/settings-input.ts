// The catalogue settings of an agency as a form sends them: the 统一社会信用代码 (GB 32100-2015, with its
// check character), the 索引号 format, the 主题分类 list (one a line; empty: the default list) and the
// agency's own 信息类别 (one a line: a code and a name, e.g. "gzdt 工作动态"). Pure: strings in, the
// settings or a refusal naming the field.

import type { DomainError, DomainResult } from '../applications/types.ts';
import { validateUscc } from '../applications/identity.ts';
import { hasControlCharacters } from '../text-rules.ts';
import { indexFormatProblem } from './index-number.ts';

export interface CatalogueSettingsForm {
  creditCode: string;
  indexFormat: string;
  /** one 主题分类 a line */
  topics: string;
  /** one category a line: "code name" */
  categories: string;
}

export interface CatalogueSettings {
  creditCode: string | null;
  indexFormat: string | null;
  /** [] : the default list */
  topics: string[];
  categories: { code: string; name: string }[];
}

export const MAX_TOPICS = 200;
export const MAX_CATEGORIES = 100;

const refuse = (field: keyof CatalogueSettingsForm, code: string, message: string): { ok: false; error: DomainError } => ({ ok: false, error: { code, message, field } });

const lines = (text: string): string[] =>
  text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');

export function parseCatalogueSettings(form: CatalogueSettingsForm): DomainResult<CatalogueSettings> {
  for (const [field, label] of [
    ['creditCode', '统一社会信用代码'],
    ['indexFormat', '索引号格式'],
  ] as const) {
    if (form[field].length > 200 || hasControlCharacters(form[field])) return refuse(field, 'INVALID_INPUT', `${label}过长或含有控制字符。`);
  }
  for (const [field, label] of [
    ['topics', '主题分类'],
    ['categories', '自定信息类别'],
  ] as const) {
    if (form[field].length > 20_000 || hasControlCharacters(form[field], { multiline: true })) return refuse(field, 'INVALID_INPUT', `${label}过长或含有控制字符。`);
  }
  let creditCode: string | null = null;
  if (form.creditCode.trim() !== '') {
    const checked = validateUscc(form.creditCode);
    if (!checked.ok) return refuse('creditCode', checked.error.code, `${checked.error.message}。`);
    creditCode = checked.value;
  }
  let indexFormat: string | null = null;
  if (form.indexFormat.trim() !== '') {
    const problem = indexFormatProblem(form.indexFormat.trim());
    if (problem !== null) return refuse('indexFormat', 'INDEX_FORMAT', problem);
    indexFormat = form.indexFormat.trim();
  }
  const topics = lines(form.topics);
  if (topics.length > MAX_TOPICS) return refuse('topics', 'TOO_MANY_TOPICS', `主题分类最多${MAX_TOPICS}个。`);
  const long = topics.find((t) => t.length > 100);
  if (long !== undefined) return refuse('topics', 'TOPIC_TOO_LONG', `主题分类“${long.slice(0, 20)}…”过长（最长100个字）。`);
  const dupTopic = topics.find((t, i) => topics.indexOf(t) !== i);
  if (dupTopic !== undefined) return refuse('topics', 'TOPIC_DUPLICATE', `主题分类“${dupTopic}”重复。`);

  const categories: { code: string; name: string }[] = [];
  for (const [i, line] of lines(form.categories).entries()) {
    const m = /^([A-Za-z0-9-]{1,20})\s+(.{1,50})$/u.exec(line);
    if (!m) return refuse('categories', 'CATEGORY_LINE', `自定信息类别第${i + 1}行“${line.slice(0, 30)}”的写法不对：每行写一个类别，先写代码（字母、数字或连字符，最长20个），空格后写名称（最长50个字），例如“gzdt 工作动态”。`);
    const code = m[1]!.toLowerCase();
    const name = m[2]!.trim();
    if (categories.some((c) => c.code === code)) return refuse('categories', 'CATEGORY_DUPLICATE', `自定信息类别的代码“${code}”重复。`);
    if (categories.some((c) => c.name === name)) return refuse('categories', 'CATEGORY_DUPLICATE', `自定信息类别的名称“${name}”重复。`);
    categories.push({ code, name });
  }
  if (categories.length > MAX_CATEGORIES) return refuse('categories', 'TOO_MANY_CATEGORIES', `自定信息类别最多${MAX_CATEGORIES}个。`);
  return { ok: true, value: { creditCode, indexFormat, topics, categories } };
}
