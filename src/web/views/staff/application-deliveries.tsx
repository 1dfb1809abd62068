// On the staff application page, after its documents: the delivery (送达) of each notice issued — how, when,
// and its evidence — and, for one not yet delivered, the form that records it (services/deliveries.ts). A
// form refused by the service opens again with its values and message. Pure.

import { DELIVERY_EVIDENCE_HINTS, DELIVERY_METHOD_LABELS, DELIVERY_METHODS } from '../../../domain/documents/delivery.ts';
import type { DeliveryMethod } from '../../../domain/documents/delivery.ts';
import { DOCUMENT_KIND_LABELS } from '../../../domain/documents/templates.ts';
import type { DocumentKind } from '../../../domain/documents/templates.ts';
import type { ApplicationView } from '../../../services/application-view.ts';
import { Csrf, errorFor, Select, TextArea, TextField } from './forms.tsx';
import type { FieldError } from './forms.tsx';

/** A delivery form refused: which document, what was typed, why. */
export interface FailedDelivery {
  documentId: number;
  values: Record<string, string>;
  errors: FieldError[];
}

export const DELIVERY_FIELDS = ['method', 'trackingNumber', 'deliveredOn', 'evidence'] as const;

const evidenceHint = `如：${DELIVERY_METHODS.map((m) => `${DELIVERY_METHOD_LABELS[m]}——${DELIVERY_EVIDENCE_HINTS[m]}`).join('；')}。`;

export function DocumentDeliveries(props: { documents: ApplicationView['documents']; base: string; applicationId: number; csrf: string; today: string; mayHandle: boolean; failed?: FailedDelivery | undefined }) {
  if (props.documents.length === 0) return null;
  return (
    <>
      <h2 id="deliveries">送达</h2>
      <p class="hint">答复告知书送达申请人之日起，计算申请人申请行政复议、提起行政诉讼的期限（见下方“行政复议和行政诉讼”）。</p>
      <ul>
        {props.documents.map((d) => {
          const label = `${DOCUMENT_KIND_LABELS[d.kind as DocumentKind] ?? d.title} ${d.number}`;
          const s = d.delivery;
          return (
            <li id={`delivery-${d.id}`}>
              {s ? (
                <>
                  {label}：{s.deliveredOn} {DELIVERY_METHOD_LABELS[s.method]}送达{s.trackingNumber ? `（邮件号码 ${s.trackingNumber}）` : ''}
                  {s.evidence !== '' ? `；凭证：${s.evidence}` : '；未说明凭证'}
                </>
              ) : (
                <>
                  {label}：尚未登记送达
                  {props.mayHandle ? <DeliveryForm {...props} documentId={d.id} label={label} failed={props.failed?.documentId === d.id ? props.failed : undefined} /> : null}
                </>
              )}
            </li>
          );
        })}
      </ul>
    </>
  );
}

function DeliveryForm(props: { base: string; applicationId: number; csrf: string; today: string; documentId: number; label: string; failed: FailedDelivery | undefined }) {
  const val = (f: string, d = '') => props.failed?.values[f] ?? d;
  const err = (f: string) => (props.failed ? errorFor(props.failed.errors, f) : undefined);
  const fid = (f: string) => `delivery-${props.documentId}-${f}`;
  return (
    <details open={props.failed !== undefined}>
      <summary>登记{props.label}的送达</summary>
      <form method="post" action={`${props.base}/applications/${props.applicationId}/deliveries`} id={`delivery-form-${props.documentId}`} aria-label={`登记${props.label}的送达`} novalidate>
        <Csrf token={props.csrf} />
        <input type="hidden" name="documentId" value={String(props.documentId)} />
        <Select id={fid('method')} name="method" label="送达方式" required value={val('method', 'post')} options={DELIVERY_METHODS.map((m: DeliveryMethod) => [m, DELIVERY_METHOD_LABELS[m]] as const)} error={err('method')} />
        <TextField id={fid('trackingNumber')} name="trackingNumber" label="邮件号码" value={val('trackingNumber')} maxlength={64} hint="邮寄送达的，填写挂号信或快递单号（必填）。" error={err('trackingNumber')} />
        <TextField id={fid('deliveredOn')} name="deliveredOn" type="date" label="送达日期" required value={val('deliveredOn', props.today)} hint="申请人签收或收到之日，不早于成文日期。" error={err('deliveredOn')} />
        <TextArea id={fid('evidence')} name="evidence" label="送达凭证" value={val('evidence')} maxlength={1000} rows={2} hint={evidenceHint} error={err('evidence')} />
        <button type="submit">登记送达</button>
      </form>
    </details>
  );
}
