// 公开属性认定 and 保密审查 of a catalogue item, as inputs with their meaning (plan-notes "#11 公开属性"):
// 主动公开 needs nothing more; 依申请公开 needs a reason and cites no article (条例第十三条: what is not
// withheld is disclosed); 不予公开 needs a reason and one of 第十四、十五、十六条. A 保密审查 (第十七条)
// concludes 不涉密, 涉密 or 需报请审查; only 不涉密 lets a 主动公开 item go forward. Pure.

import { z } from 'zod';
import type { DomainError, DomainResult } from '../applications/types.ts';
import { text } from '../text-rules.ts';
import { DISCLOSURES, SECRECY_CONCLUSIONS, WITHHOLDING_ARTICLES, type Disclosure, type SecrecyConclusion } from './vocab.ts';

export const disclosureInput = z.object({
  disclosure: text('公开属性', 20),
  reason: text('理由', 1000, { multiline: true }).optional(),
  article: text('依据条款', 20).optional(),
});
export type DisclosureInput = z.input<typeof disclosureInput>;

export interface DisclosureDecision {
  disclosure: Disclosure;
  reason: string | null;
  article: string | null;
}

const refusal = (code: string, message: string, field: string): { ok: false; error: DomainError } => ({ ok: false, error: { code, message, field } });

export function checkDisclosure(input: z.output<typeof disclosureInput>): DomainResult<DisclosureDecision> {
  const disclosure = input.disclosure.trim();
  if (!(DISCLOSURES as readonly string[]).includes(disclosure)) return refusal('UNKNOWN_DISCLOSURE', `公开属性应为：${DISCLOSURES.join('、')}。`, 'disclosure');
  const reason = (input.reason ?? '').trim();
  const article = (input.article ?? '').trim();
  if (disclosure === '主动公开') {
    if (article !== '') return refusal('ARTICLE_NOT_APPLICABLE', '主动公开的信息不引用不予公开的条款。', 'article');
    return { ok: true, value: { disclosure, reason: reason === '' ? null : reason, article: null } };
  }
  if (reason === '') return refusal('DISCLOSURE_REASON_REQUIRED', `认定为“${disclosure}”须写明理由。`, 'reason');
  if (disclosure === '依申请公开') {
    if (article !== '') return refusal('ARTICLE_NOT_APPLICABLE', '依申请公开不引用第十四、十五、十六条：条例第十三条规定，除这三条所列情形外的政府信息应当公开。请只写理由。', 'article');
    return { ok: true, value: { disclosure, reason, article: null } };
  }
  if (!WITHHOLDING_ARTICLES.some((a) => a.code === article)) {
    return refusal('WITHHOLDING_ARTICLE_REQUIRED', `认定为“不予公开”须选择依据：${WITHHOLDING_ARTICLES.map((a) => a.label).join('；')}。`, 'article');
  }
  return { ok: true, value: { disclosure: disclosure as Disclosure, reason, article } };
}

/** The label of a 不予公开 article code ('16-2' → 第十六条第二款（…）). */
export function articleLabel(code: string | null): string {
  return WITHHOLDING_ARTICLES.find((a) => a.code === code)?.label ?? code ?? '';
}

export const secrecyInput = z.object({
  conclusion: text('审查结论', 20),
  note: text('审查意见', 2000, { multiline: true }).optional(),
  /** the version reviewed, as the page showed it (a newer version makes the review stale: refused) */
  version: z.coerce.number({ message: '版本号应为整数' }).int('版本号应为整数').min(1).max(1_000_000).optional(),
});
export type SecrecyInput = z.input<typeof secrecyInput>;

export function checkSecrecy(input: z.output<typeof secrecyInput>): DomainResult<{ conclusion: SecrecyConclusion; note: string }> {
  const conclusion = input.conclusion.trim();
  if (!(SECRECY_CONCLUSIONS as readonly string[]).includes(conclusion)) return refusal('UNKNOWN_SECRECY_CONCLUSION', `保密审查结论应为：${SECRECY_CONCLUSIONS.join('、')}。`, 'conclusion');
  const note = (input.note ?? '').trim();
  if (conclusion !== '不涉密' && note === '') return refusal('SECRECY_NOTE_REQUIRED', `结论为“${conclusion}”时请写明审查意见（涉及的内容、报请审查的部门）。`, 'note');
  return { ok: true, value: { conclusion: conclusion as SecrecyConclusion, note } };
}
