// Form fields of the public pages: label, hint, error and control tied together (for=, aria-describedby,
// aria-invalid), the GOV.UK way; radios in a fieldset with a legend. The first control of a field has
// the field's name as its id, so the error summary's links (#field) land on it. Pure.

import type { Child } from 'hono/jsx';

export interface FieldError {
  field: string;
  message: string;
}

export const errorFor = (errors: readonly FieldError[], field: string): string | undefined => errors.find((e) => e.field === field)?.message;

interface Common {
  name: string;
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  required?: boolean;
}

function describedBy(id: string, p: Common): string | undefined {
  const ids = [p.hint ? `${id}-hint` : null, p.error ? `${id}-error` : null].filter((x) => x !== null);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

function Label(props: { for: string; label: string; required?: boolean | undefined }) {
  return (
    <label for={props.for}>
      {props.label}
      {props.required ? <span class="hint">（必填）</span> : <span class="hint">（选填）</span>}
    </label>
  );
}

function HintAndError(props: { id: string; hint?: string | undefined; error?: string | undefined }) {
  return (
    <>
      {props.hint ? (
        <p class="hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      ) : null}
      {props.error ? (
        <p class="field-error" id={`${props.id}-error`}>
          <span class="visually-hidden">错误：</span>
          {props.error}
        </p>
      ) : null}
    </>
  );
}

export function TextField(
  props: Common & {
    value?: string;
    type?: 'text' | 'tel' | 'email' | 'password';
    maxlength?: number;
    autocomplete?: string;
    inputmode?: 'text' | 'tel' | 'email' | 'numeric';
    spellcheck?: boolean;
    autocapitalize?: 'off' | 'characters';
    /** never kept in the browser's draft (identity numbers, passwords) */
    noDraft?: boolean;
  },
) {
  const id = props.name;
  return (
    <div class="field">
      <Label for={id} label={props.label} required={props.required} />
      <HintAndError id={id} hint={props.hint} error={props.error} />
      <input
        type={props.type ?? 'text'}
        id={id}
        name={props.name}
        value={props.type === 'password' ? '' : (props.value ?? '')}
        maxlength={props.maxlength}
        autocomplete={props.autocomplete}
        inputmode={props.inputmode}
        spellcheck={props.spellcheck === false ? false : undefined}
        autocapitalize={props.autocapitalize}
        required={props.required}
        aria-describedby={describedBy(id, props)}
        aria-invalid={props.error ? 'true' : undefined}
        data-draft-skip={props.noDraft ? '' : undefined}
      />
    </div>
  );
}

export function TextArea(props: Common & { value?: string; maxlength?: number; rows?: number }) {
  const id = props.name;
  return (
    <div class="field">
      <Label for={id} label={props.label} required={props.required} />
      <HintAndError id={id} hint={props.hint} error={props.error} />
      <textarea
        id={id}
        name={props.name}
        maxlength={props.maxlength}
        rows={props.rows ?? 6}
        required={props.required}
        aria-describedby={describedBy(id, props)}
        aria-invalid={props.error ? 'true' : undefined}
      >
        {props.value ?? ''}
      </textarea>
    </div>
  );
}

export function Radios(props: Common & { value?: string; options: readonly (readonly [string, string])[] }) {
  const id = props.name;
  return (
    <div class="field">
      <fieldset aria-describedby={describedBy(id, props)} aria-invalid={props.error ? 'true' : undefined}>
        <legend>
          {props.label}
          {props.required ? <span class="hint">（必填）</span> : null}
        </legend>
        <HintAndError id={id} hint={props.hint} error={props.error} />
        {props.options.map(([value, label], i) => {
          const optionId = i === 0 ? id : `${id}-${value}`;
          return (
            <div class="choice">
              <input type="radio" id={optionId} name={props.name} value={value} checked={props.value === value} required={props.required} />
              <label for={optionId}>{label}</label>
            </div>
          );
        })}
      </fieldset>
    </div>
  );
}

export function FileField(props: Common & { accept: string }) {
  const id = props.name;
  return (
    <div class="field">
      <Label for={id} label={props.label} required={props.required} />
      <HintAndError id={id} hint={props.hint} error={props.error} />
      <input
        type="file"
        id={id}
        name={props.name}
        accept={props.accept}
        required={props.required}
        aria-describedby={describedBy(id, props)}
        aria-invalid={props.error ? 'true' : undefined}
      />
    </div>
  );
}

/** A record as a two-column table: a row header per fact (read as pairs by screen readers). */
export function Facts(props: { caption: string; items: readonly (readonly [string, Child])[] }) {
  return (
    <div class="table-wrap" role="region" aria-label={`${props.caption}（可横向滚动）`} tabindex={0}>
      <table>
        <caption>{props.caption}</caption>
        <tbody>
          {props.items.map(([term, value]) => (
            <tr>
              <th scope="row" class="term">
                {term}
              </th>
              <td>{value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** 2024-10-08 → 2024年10月8日, in a <time>. */
export function DateText(props: { date: string | null }) {
  if (props.date === null) return <>—</>;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(props.date);
  if (!m) return <>{props.date}</>;
  return <time datetime={`${m[1]}-${m[2]}-${m[3]}`}>{`${m[1]}年${Number(m[2])}月${Number(m[3])}日`}</time>;
}

export function chineseDay(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : date;
}
