// How a notice reaches its addressee (送达, issue #17): 当面, 邮寄 (with the tracking number of the registered
// letter or parcel), 电子邮件, 在线 (the applicant's own page on this platform). The words a clerk types are
// read in Chinese or as the codes. Pure.

export type DeliveryMethod = 'in_person' | 'post' | 'email' | 'online';

export const DELIVERY_METHODS: readonly DeliveryMethod[] = ['in_person', 'post', 'email', 'online'];

export const DELIVERY_METHOD_LABELS: Record<DeliveryMethod, string> = {
  in_person: '当面',
  post: '邮寄',
  email: '电子邮件',
  online: '在线',
};

/** What the evidence of each method usually is (the form's hint). */
export const DELIVERY_EVIDENCE_HINTS: Record<DeliveryMethod, string> = {
  in_person: '申请人签收（签名）',
  post: '邮政或快递签收记录',
  email: '邮件发送记录或已读回执',
  online: '申请人在本平台查看答复的记录',
};

/** A method from its code or its Chinese word (邮寄, 电子 for 电子邮件), or null. */
export function parseDeliveryMethod(text: string): DeliveryMethod | null {
  const t = text.trim();
  if ((DELIVERY_METHODS as readonly string[]).includes(t)) return t as DeliveryMethod;
  const found = DELIVERY_METHODS.find((m) => DELIVERY_METHOD_LABELS[m] === t);
  if (found) return found;
  if (t === '电子' || t === '邮件') return 'email';
  return null;
}
