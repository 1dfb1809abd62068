// What a catalogue item (政府信息) may carry, one schema shared by the staff editor, the API and
// `gongkai catalogue import`: every field a string as a form sends it, with its longest length and the
// text rule. `checkItemFields` then checks the meaning (a known category and type, real dates in
// order, the 有效性 with its date) and returns the fields as stored, or a refusal naming the field.

import { z } from 'zod';
import { parseIsoDate } from '../calendar/dates.ts';
import type { DomainError, DomainResult } from '../applications/types.ts';
import { text } from '../text-rules.ts';
import { ARTICLE_20_ITEMS, DOC_TYPES, OWN_CATEGORY_PREFIX, REGISTER_DOC_TYPES, VALIDITIES, type DocType, type Validity } from './vocab.ts';

export const BODY_MAX = 200_000;

export const itemInput = z.object({
  title: text('标题', 300).optional(),
  summary: text('内容概述', 2000, { multiline: true }).optional(),
  docNumber: text('文号', 100).optional(),
  publisher: text('发布机构', 200).optional(),
  writtenOn: text('成文日期', 40).optional(),
  formedOn: text('形成或者变更日期', 40).optional(),
  publishedOn: text('发布日期', 40).optional(),
  topic: text('主题分类', 100).optional(),
  category: text('信息类别', 100).optional(),
  docType: text('文件类型', 40).optional(),
  validity: text('有效性', 20).optional(),
  validityOn: text('失效、废止或修订日期', 40).optional(),
  supersededBy: text('替代文件的索引号', 100).optional(),
  interprets: text('所解读文件的索引号', 100).optional(),
  body: text('正文', BODY_MAX, { multiline: true }).optional(),
});

export type ItemInput = z.input<typeof itemInput>;

/** The fields of an item as stored (the references still as 索引号, resolved by the service). */
export interface ItemFields {
  title: string;
  summary: string;
  docNumber: string;
  publisher: string;
  writtenOn: string | null;
  formedOn: string;
  publishedOn: string | null;
  topic: string;
  category: string;
  docType: DocType;
  validity: Validity | '';
  repealedOn: string | null;
  lapsedOn: string | null;
  revisedOn: string | null;
  supersededBy: string | null;
  interprets: string | null;
  body: string;
}

export interface FieldContext {
  /** today (YYYY-MM-DD): no date may be later, except 发布日期 of a scheduled item */
  today: string;
  /** the agency's own category codes (without 'own:') */
  ownCategories: readonly string[];
  /** the 主题分类 allowed: the agency's list, or the default */
  topics: readonly string[];
  /** the 发布机构 when none is given: the agency's name */
  defaultPublisher: string;
}

const refuse = (field: string, code: string, message: string): { ok: false; error: DomainError } => ({ ok: false, error: { code, message, field } });

function date(field: string, label: string, value: string | undefined, today: string): DomainResult<string | null> {
  const v = (value ?? '').trim();
  if (v === '') return { ok: true, value: null };
  if (parseIsoDate(v) === null) return refuse(field, 'INVALID_DATE', `${label}不是有效日期，请写成 YYYY-MM-DD（例如 2024-03-15）。`);
  if (v > today) return refuse(field, 'DATE_IN_FUTURE', `${label}不能晚于今天（${today}）。`);
  return { ok: true, value: v };
}

/** The category code of what a person wrote: a code ('a20-1', 'own:x'), '第二十条第（一）项', '（一）', or an own category's name. */
export function resolveCategory(value: string, own: readonly { code: string; name: string }[]): string | null {
  const v = value.trim();
  if (ARTICLE_20_ITEMS.some((c) => c.code === v)) return v;
  if (v.startsWith(OWN_CATEGORY_PREFIX) && own.some((c) => `${OWN_CATEGORY_PREFIX}${c.code}` === v)) return v;
  const numeral = /^(?:第二十条)?第?[（(]([一二三四五六七八九十]+)[）)]项?/.exec(v)?.[1];
  if (numeral) return ARTICLE_20_ITEMS.find((c) => c.numeral === numeral)?.code ?? null;
  const byName = ARTICLE_20_ITEMS.find((c) => c.name === v);
  if (byName) return byName.code;
  const ownByName = own.find((c) => c.name === v || c.code === v);
  return ownByName ? `${OWN_CATEGORY_PREFIX}${ownByName.code}` : null;
}

/** Checks the meaning of an item's fields; `own` are the agency's own categories (code and name). */
export function checkItemFields(input: z.output<typeof itemInput>, ctx: FieldContext & { own: readonly { code: string; name: string }[] }): DomainResult<ItemFields> {
  const title = (input.title ?? '').trim();
  if (title === '') return refuse('title', 'TITLE_REQUIRED', '请填写标题。');
  const docType = (input.docType ?? '').trim() || '其他文件';
  if (!(DOC_TYPES as readonly string[]).includes(docType)) return refuse('docType', 'UNKNOWN_DOC_TYPE', `文件类型应为以下之一：${DOC_TYPES.join('、')}。`);
  const categoryText = (input.category ?? '').trim();
  if (categoryText === '') return refuse('category', 'CATEGORY_REQUIRED', '请选择信息类别（条例第二十条所列类别或本机关自定类别）。');
  const category = resolveCategory(categoryText, ctx.own);
  if (category === null) return refuse('category', 'UNKNOWN_CATEGORY', `信息类别“${categoryText}”不存在：请选用条例第二十条第（一）至（十五）项或本机关在“目录设置”中定义的类别。`);
  const topic = (input.topic ?? '').trim();
  if (topic !== '' && !ctx.topics.includes(topic)) return refuse('topic', 'UNKNOWN_TOPIC', `主题分类“${topic}”不在本机关的主题分类表中。`);

  const written = date('writtenOn', '成文日期', input.writtenOn, ctx.today);
  if (!written.ok) return written;
  const published = date('publishedOn', '发布日期', input.publishedOn, ctx.today);
  if (!published.ok) return published;
  const formed = date('formedOn', '形成或者变更日期', input.formedOn, ctx.today);
  if (!formed.ok) return formed;
  const formedOn = formed.value ?? written.value ?? ctx.today;
  if (written.value !== null && published.value !== null && published.value < written.value) return refuse('publishedOn', 'PUBLISHED_BEFORE_WRITTEN', '发布日期不能早于成文日期。');

  const register = (REGISTER_DOC_TYPES as readonly string[]).includes(docType);
  const validityText = (input.validity ?? '').trim();
  let validity: Validity | '' = '';
  if (validityText !== '') {
    if (!(VALIDITIES as readonly string[]).includes(validityText)) return refuse('validity', 'UNKNOWN_VALIDITY', `有效性应为以下之一：${VALIDITIES.join('、')}。`);
    validity = validityText as Validity;
  } else if (register) validity = '有效';
  if (register && written.value === null) return refuse('writtenOn', 'WRITTEN_ON_REQUIRED', `${docType}须填写成文日期：规章和行政规范性文件登记按成文日期统计本年制发件数。`);
  const validityOn = date('validityOn', '失效、废止或修订日期', input.validityOn, ctx.today);
  if (!validityOn.ok) return validityOn;
  if (validity !== '' && validity !== '有效' && validityOn.value === null) return refuse('validityOn', 'VALIDITY_DATE_REQUIRED', `有效性为“${validity}”时，请填写${validity === '已修订' ? '修订' : validity}日期。`);
  if (validity === '有效' && validityOn.value !== null) return refuse('validityOn', 'VALIDITY_DATE_UNEXPECTED', '有效的文件不填写失效、废止或修订日期。');
  if (validityOn.value !== null && written.value !== null && validityOn.value < written.value) return refuse('validityOn', 'VALIDITY_BEFORE_WRITTEN', '失效、废止或修订日期不能早于成文日期。');

  const ref = (v: string | undefined) => ((v ?? '').trim() === '' ? null : (v ?? '').trim());
  const supersededBy = ref(input.supersededBy);
  if (validity === '已修订' && supersededBy === null) return refuse('supersededBy', 'SUPERSEDING_REQUIRED', '有效性为“已修订”时，请填写修订后文件的索引号。');
  const interprets = ref(input.interprets);
  if (docType === '政策解读' && interprets === null) return refuse('interprets', 'INTERPRETED_REQUIRED', '政策解读须关联所解读的文件（填写其索引号），做到文件与解读同步公开。');

  return {
    ok: true,
    value: {
      title,
      summary: (input.summary ?? '').trim(),
      docNumber: (input.docNumber ?? '').trim(),
      publisher: (input.publisher ?? '').trim() || ctx.defaultPublisher,
      writtenOn: written.value,
      formedOn,
      publishedOn: published.value,
      topic,
      category,
      docType: docType as DocType,
      validity,
      repealedOn: validity === '废止' ? validityOn.value : null,
      lapsedOn: validity === '失效' ? validityOn.value : null,
      revisedOn: validity === '已修订' ? validityOn.value : null,
      supersededBy,
      interprets,
      body: input.body ?? '',
    },
  };
}
