// A confirmation step before an action that cannot simply be undone (withdrawing a published report,
// disabling an account), without JavaScript: the action's form posts first without `confirm`, the
// route answers with this page, whose button posts the same fields again with confirm=1. Pure.

import { Csrf } from './forms.tsx';
import { staffPage } from './frame.tsx';
import type { StaffFrame } from './frame.tsx';

export interface ConfirmProps {
  title: string;
  /** what will happen, in plain words */
  consequences: string[];
  /** the action's URL and the fields it is posted with (confirm=1 is added) */
  action: string;
  fields: Record<string, string>;
  confirmLabel: string;
  cancel: { href: string; label: string };
  csrf: string;
}

/** Whether a posted form carries the confirmation (confirm=1). */
export const confirmed = (form: Record<string, string>): boolean => form['confirm'] === '1';

export function confirmPage(frame: StaffFrame, props: ConfirmProps): string {
  return staffPage(
    frame,
    props.title,
    <>
      <h1>{props.title}</h1>
      <div class="notice" role="alert">
        <ul>
          {props.consequences.map((line) => (
            <li>{line}</li>
          ))}
        </ul>
      </div>
      <form method="post" action={props.action}>
        <Csrf token={props.csrf} />
        {Object.entries(props.fields).map(([name, value]) => (
          <input type="hidden" name={name} value={value} />
        ))}
        <input type="hidden" name="confirm" value="1" />
        <button type="submit">{props.confirmLabel}</button> <a href={props.cancel.href}>{props.cancel.label}</a>
      </form>
    </>,
  );
}
