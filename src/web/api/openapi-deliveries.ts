// The OpenAPI schema of a delivery (送达, issue #17) posted to /applications/{id}/deliveries (api/index.ts),
// spread into openapi.ts's components.

import { DELIVERY_METHOD_LABELS, DELIVERY_METHODS } from '../../domain/documents/delivery.ts';
import { DOCUMENT_KINDS } from '../../domain/documents/templates.ts';

export const DELIVERY_SCHEMAS = {
  NewDelivery: {
    type: 'object',
    required: ['method', 'deliveredOn'],
    description: '文书的送达（条例第三十一条；行政复议、行政诉讼期限自答复送达之日起算，见 GET /applications/{id} 的 remedies）。每份文书登记一次；送达的是现行答复且申请处于已答复时，同时登记“送达”步骤。',
    properties: {
      documentId: { type: 'integer', description: '送达的文书；省略时为 documentKind 种类的最新一份，默认现行的答复告知书' },
      documentKind: { enum: [...DOCUMENT_KINDS] },
      method: { enum: [...DELIVERY_METHODS], description: DELIVERY_METHODS.map((m) => `${m} ${DELIVERY_METHOD_LABELS[m]}`).join('，') },
      trackingNumber: { type: 'string', maxLength: 64, description: '邮件号码（邮寄送达时必填）' },
      deliveredOn: { type: 'string', format: 'date', description: '送达日期：不早于文书的成文日期，不晚于今天' },
      evidence: { type: 'string', maxLength: 1000, description: '送达凭证的说明：签收、邮政签收记录、阅读回执' },
    },
  },
} as const;
