// Form fields with their label, hint and error message tied together (aria-describedby, aria-invalid),
// the GOV.UK way. Ids are given so several forms on one page never collide.

import type { Child } from 'hono/jsx';
import { CsrfField } from '../../csrf.ts';
import { ErrorSummary } from '../layout.tsx';

export interface FieldError {
  field: string;
  message: string;
}

interface Common {
  id: string;
  name: string;
  label: string;
  hint?: string;
  error?: string | undefined;
  required?: boolean;
}

export function describedBy(p: Pick<Common, 'id' | 'hint' | 'error'>): string | undefined {
  const ids = [p.hint ? `${p.id}-hint` : null, p.error ? `${p.id}-error` : null].filter((x) => x !== null);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

/** A field's label, hint and error around any control (give the control aria-describedby={describedBy(props)}). */
export function Frame(props: Omit<Common, 'name'> & { children: Child }) {
  return (
    <div class="field">
      <label for={props.id}>
        {props.label}
        {props.required ? '（必填）' : ''}
      </label>
      {props.hint ? (
        <p class="hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      ) : null}
      {props.error ? (
        <p class="field-error" id={`${props.id}-error`}>
          {props.error}
        </p>
      ) : null}
      {props.children}
    </div>
  );
}

/** Under a file field: the browser draws its chooser in its own language (an English one says "Choose File"). */
export function ChooserNote() {
  return <p class="hint">点击上方按钮（浏览器可能显示为“选择文件”或“Choose File”）选取文件，选好后按钮旁显示文件名。</p>;
}

/** A date field's format in words: the browser draws the field in its own language's order (an English one: mm/dd/yyyy). */
export const DATE_HINT = '日期格式：年-月-日，例如 2026-03-05（可点击日历图标选择）。';

export function TextField(props: Common & { value?: string; type?: 'text' | 'date' | 'number' | 'tel' | 'search' | 'email'; maxlength?: number; min?: number; max?: number; autocomplete?: string }) {
  if (props.type === 'date' && !/格式/.test(props.hint ?? '')) props = { ...props, hint: [props.hint, DATE_HINT].filter((h) => h !== undefined && h !== '').join(' ') };
  return (
    <Frame {...props}>
      <input
        type={props.type ?? 'text'}
        id={props.id}
        name={props.name}
        value={props.value ?? ''}
        maxlength={props.maxlength}
        min={props.min}
        max={props.max}
        autocomplete={props.autocomplete}
        required={props.required}
        aria-describedby={describedBy(props)}
        aria-invalid={props.error ? 'true' : undefined}
      />
    </Frame>
  );
}

export function TextArea(props: Common & { value?: string; maxlength?: number; rows?: number }) {
  return (
    <Frame {...props}>
      <textarea
        id={props.id}
        name={props.name}
        maxlength={props.maxlength}
        rows={props.rows ?? 5}
        required={props.required}
        aria-describedby={describedBy(props)}
        aria-invalid={props.error ? 'true' : undefined}
      >
        {props.value ?? ''}
      </textarea>
    </Frame>
  );
}

export function Select(props: Common & { value?: string; options: readonly (readonly [string, string])[]; placeholder?: string }) {
  return (
    <Frame {...props}>
      <select id={props.id} name={props.name} required={props.required} aria-describedby={describedBy(props)} aria-invalid={props.error ? 'true' : undefined}>
        {props.placeholder !== undefined ? <option value="">{props.placeholder}</option> : null}
        {props.options.map(([value, label]) => (
          <option value={value} selected={props.value === value}>
            {label}
          </option>
        ))}
      </select>
    </Frame>
  );
}

/** The hidden CSRF field every POST form carries (csrf.ts's `_csrf`). */
export const Csrf = CsrfField;

export const errorFor = (errors: readonly FieldError[], field: string): string | undefined => errors.find((e) => e.field === field)?.message;

/** What the last action did (a done message, role="status") and what is wrong with the form (the error summary), at the top of a page. */
export function FormOutcome(props: { done?: string | undefined; errors?: readonly FieldError[] }) {
  return (
    <>
      {props.done ? (
        <div class="notice" role="status">
          <p>{props.done}</p>
        </div>
      ) : null}
      {props.errors ? <ErrorSummary errors={[...props.errors]} /> : null}
    </>
  );
}
