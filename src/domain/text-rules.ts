// The rule every text a person types obeys, wherever it is typed (forms, the API, sign-in): no control
// characters — NUL above all, which PostgreSQL refuses in text (22021) — except tab and line breaks in
// multi-line fields. A refusal names the field so the message says what to fix.

import { z } from 'zod';

/** C0 controls and DEL; multi-line fields keep \t \n \r. */
const CONTROL = /[\u0000-\u001f\u007f]/;
const CONTROL_MULTILINE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** The code of the issue (zod `params.code`) and of the refusal: the request carries what no form sends. */
export const CONTROL_CHARACTERS = 'CONTROL_CHARACTERS';

export function hasControlCharacters(text: string, options: { multiline?: boolean } = {}): boolean {
  return (options.multiline ? CONTROL_MULTILINE : CONTROL).test(text);
}

/** “申请人姓名含有不可见的控制字符，请删除后重新提交” */
export function controlCharactersMessage(label: string): string {
  return `${label}含有不可见的控制字符，请删除后重新提交。`;
}

/** The first control character problem of a set of labelled values, or null: for routes that read fields by hand. */
export function controlCharacterProblem(fields: Record<string, { label: string; value: string; multiline?: boolean }>): { field: string; message: string } | null {
  for (const [field, f] of Object.entries(fields)) if (hasControlCharacters(f.value, { multiline: f.multiline ?? false })) return { field, message: controlCharactersMessage(f.label) };
  return null;
}

/** Refuses control characters in a string schema with the field's message. */
export function plain<T extends z.ZodType<string>>(schema: T, label: string, options: { multiline?: boolean } = {}) {
  return schema.refine((s) => !hasControlCharacters(s, options), { message: controlCharactersMessage(label), params: { code: CONTROL_CHARACTERS } });
}

/** A text field: a string of at most `max` characters without control characters, each refusal naming the field. */
export function text(label: string, max: number, options: { multiline?: boolean } = {}) {
  return plain(z.string({ message: `${label}应为文字` }).max(max, `${label}最长${max}个字，请删减后重新提交。`), label, options);
}

/**
 * How a refusal of an input schema is answered: 400 when the request carries what no form sends (wrong
 * type, longer than the field allows, control characters), 422 when it is well-formed but invalid (an
 * unknown choice …). The first such issue gives the message and the field (its path, dotted).
 */
export function inputRefusal(error: z.ZodError): { status: 400 | 422; code: string; message: string; field: string } {
  const control = (i: z.core.$ZodIssue) => i.code === 'custom' && (i.params as { code?: string } | undefined)?.code === CONTROL_CHARACTERS;
  const malformed = (i: z.core.$ZodIssue) => i.code === 'too_big' || i.code === 'invalid_type' || control(i);
  // what no form sends first: the sender learns the request itself is wrong
  const issue = error.issues.find(malformed) ?? error.issues[0];
  const field = issue?.path.map(String).join('.') ?? '';
  const message = issue?.message ?? '提交的内容有误，请按提示修改。';
  return { status: issue !== undefined && malformed(issue) ? 400 : 422, code: issue !== undefined && control(issue) ? CONTROL_CHARACTERS : 'INVALID_INPUT', message, field };
}
