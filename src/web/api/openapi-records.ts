// The OpenAPI paths of the records API (api/records.ts), spread into openapi.ts's paths.

import { CASE_DOCUMENT_KINDS, CASE_DOCUMENT_LIMITS } from '../../domain/records/case-documents.ts';
import { CASE_TYPE_LABELS, CASE_TYPES, COUNT_KIND_LABELS, COUNT_KINDS, RESULTS, SOURCES, resultLabel } from '../../domain/records/vocab.ts';

const errorBody = { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } as const;
const errors = {
  '400': { description: '请求无效（INVALID_QUERY、INVALID_INPUT、INVALID_JSON、CONTROL_CHARACTERS）', content: errorBody },
  '401': { description: '未认证', content: errorBody },
  '403': { description: '无权限（写入需办理权限）', content: errorBody },
  '404': { description: '不存在（或不属于您的机关）', content: errorBody },
  '409': { description: '与已有记录冲突（CASE_NUMBER_TAKEN、CASE_HAS_LAWSUITS、CASE_HAS_DOCUMENTS）', content: errorBody },
  '413': { description: '文件过大（PAYLOAD_TOO_LARGE、CASE_DOCUMENT_TOO_LARGE、CASE_DOCUMENT_CASE_TOO_LARGE）', content: errorBody },
  '422': { description: '输入无效（INVALID_YEAR、INVALID_VALUE、INVALID_KIND、DATE_IN_FUTURE、RESULT_REQUIRED、APPLICATION_NOT_FOUND、RECONSIDERATION_NOT_FOUND …）', content: errorBody },
} as const;
const agency = { name: 'agency', in: 'query', required: false, description: '机关代码（用户属于多个机关时必填）', schema: { type: 'string' } } as const;
const json = (schema: object) => ({ 'application/json': { schema } });
const caseId = { name: 'id', in: 'path', required: true, schema: { type: 'integer' } } as const;

const kindText = COUNT_KINDS.map((k) => `${k}（${COUNT_KIND_LABELS[k]}）`).join('、');
const countIn = {
  type: 'object',
  required: ['year', 'kind', 'value'],
  properties: {
    year: { type: 'integer', minimum: 2008, description: '报告年度（不晚于今年）' },
    kind: { type: 'string', description: `类别：${kindText}；也可写中文名称` },
    value: { type: ['number', 'string'], description: '行政许可、处罚、强制：本年处理决定数量（非负整数）；行政事业性收费：本年收费金额（万元，最多6位小数，如 0.35）。按十进制精确保存' },
    note: { type: 'string', maxLength: 500, description: '说明（如数据来源）' },
  },
} as const;
const countEntry = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    year: { type: 'integer' },
    kind: { enum: [...COUNT_KINDS] },
    value: { type: 'string', description: '精确的十进制数字，如 "12"、"0.35"' },
    enteredAt: { type: 'string', format: 'date-time' },
    enteredBy: { type: ['integer', 'null'] },
    enteredByName: { type: 'string' },
    source: { enum: [...SOURCES], description: 'page 页面录入、import 文件导入、api 接口推送' },
    note: { type: 'string' },
  },
} as const;
const resultText = RESULTS.map((r) => `${r}（${resultLabel(r)}）`).join('、');
const caseIn = {
  type: 'object',
  required: ['caseNumber', 'type', 'receivedOn'],
  properties: {
    caseNumber: { type: 'string', maxLength: 100, description: '案号（本机关内唯一；按它新建或更新）' },
    type: { type: 'string', description: `类型：${CASE_TYPES.map((t) => `${t}（${CASE_TYPE_LABELS[t]}）`).join('、')}；也可写中文名称` },
    body: { type: 'string', maxLength: 100, description: '受理机关（复议机关）或人民法院' },
    applicationNumber: { type: 'string', description: '所涉政府信息公开申请的编号（本机关的）' },
    receivedOn: { type: 'string', format: 'date', description: '收到日期（不晚于今天）' },
    concludedOn: { type: ['string', 'null'], format: 'date', description: '结案日期（不早于收到日期，不晚于今天）；尚未审结的留空' },
    result: { type: ['string', 'null'], description: `结果（已结案的必填）：${resultText}；也可写中文（如 撤销、判决驳回原告诉讼请求、驳回起诉）` },
    notes: { type: 'string', maxLength: 2000 },
    reconsiderationCaseNumber: { type: ['string', 'null'], description: '复议后起诉：所经行政复议案件的案号（本机关的）' },
  },
} as const;
const reviewCase = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    caseNumber: { type: 'string' },
    type: { enum: [...CASE_TYPES] },
    body: { type: 'string' },
    applicationId: { type: ['integer', 'null'] },
    applicationNumber: { type: ['string', 'null'] },
    reconsiderationId: { type: ['integer', 'null'] },
    reconsiderationCaseNumber: { type: ['string', 'null'] },
    receivedOn: { type: 'string', format: 'date' },
    concludedOn: { type: ['string', 'null'], format: 'date' },
    result: { enum: [...RESULTS, null] },
    notes: { type: 'string' },
    version: { type: 'integer' },
    createdAt: { type: 'string', format: 'date-time' },
    updatedAt: { type: 'string', format: 'date-time' },
  },
} as const;
const caseDocument = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    caseId: { type: 'integer' },
    kind: { enum: [...CASE_DOCUMENT_KINDS] },
    title: { type: 'string' },
    documentDate: { type: ['string', 'null'], format: 'date' },
    fileName: { type: 'string' },
    mediaType: { type: 'string', description: '按文件内容识别：application/pdf、application/ofd、Word（.docx）、image/png、image/jpeg' },
    size: { type: 'integer' },
    sha256: { type: 'string' },
    uploadedAt: { type: 'string', format: 'date-time' },
    uploadedByName: { type: 'string' },
  },
} as const;
const documentId = { name: 'documentId', in: 'path', required: true, schema: { type: 'integer' } } as const;
const MB = 1024 * 1024;
const saved = { type: 'object', properties: { case: reviewCase, status: { enum: ['created', 'updated', 'unchanged'], description: 'unchanged：与登记相同，未写入' } } } as const;

export const RECORDS_PATHS = {
  '/records/counts': {
    get: {
      summary: '年度报告表二第二十条第（五）（六）（八）项的数字：各类别现行数字（最近一次录入）及全部录入历史；没有录入的类别为 null（报告中该格为空）',
      parameters: [agency, { name: 'year', in: 'query', required: true, schema: { type: 'integer' } }, { name: 'asOf', in: 'query', description: '按该日结束时的录入计算', schema: { type: 'string', format: 'date' } }],
      responses: {
        '200': { description: '数字', content: json({ type: 'object', properties: { year: { type: 'integer' }, figures: { type: 'object', properties: Object.fromEntries(COUNT_KINDS.map((k) => [k, { anyOf: [countEntry, { type: 'null' }] }])) }, history: { type: 'array', items: countEntry } } }) },
        ...errors,
      },
    },
    post: {
      summary: '推送数字（需办理权限）：一项 { year, kind, value } 或多项 { counts: [...] }（最多400项），全部通过才写入；与现行数字相同的不重复录入（status: unchanged），可重复推送',
      parameters: [agency],
      requestBody: { required: true, content: json({ oneOf: [countIn, { type: 'object', required: ['counts'], properties: { counts: { type: 'array', maxItems: 400, items: countIn } } }] }) },
      responses: {
        '201': { description: '有新录入', content: json({ type: 'object', properties: { entries: { type: 'array', items: { type: 'object', properties: { year: { type: 'integer' }, kind: { type: 'string' }, value: { type: 'string' }, status: { enum: ['created', 'unchanged'] }, entry: countEntry } } } } }) },
        '200': { description: '全部与现行数字相同，未写入' },
        ...errors,
      },
    },
  },
  '/records/cases': {
    get: {
      summary: '行政复议、行政诉讼案件（按收到日期新的在前；year：该年度内收到或在办的）',
      parameters: [
        agency,
        { name: 'year', in: 'query', schema: { type: 'integer' } },
        { name: 'type', in: 'query', schema: { enum: [...CASE_TYPES] } },
        { name: 'pending', in: 'query', description: '1：只列尚未审结的', schema: { enum: ['1', '0'] } },
        { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 } },
        { name: 'after', in: 'query', description: '上一次回答的 next（下一页）', schema: { type: 'string' } },
        { name: 'before', in: 'query', description: '上一次回答的 prev（上一页）', schema: { type: 'string' } },
      ],
      responses: { '200': { description: '案件', content: json({ type: 'object', properties: { cases: { type: 'array', items: reviewCase }, next: { type: ['string', 'null'] }, prev: { type: ['string', 'null'] } } }) }, ...errors },
    },
    post: {
      summary: '按案号新建或更新案件（需办理权限）：已有该案号的更新，内容相同的不写入（可重复推送）',
      parameters: [agency],
      requestBody: { required: true, content: json(caseIn) },
      responses: { '201': { description: '已新建', content: json(saved) }, '200': { description: '已更新或未变', content: json(saved) }, ...errors },
    },
  },
  '/records/cases/{id}': {
    get: {
      summary: '一个案件及其全部版本（每次修改的快照）',
      parameters: [agency, caseId],
      responses: { '200': { description: '案件', content: json({ type: 'object', properties: { case: reviewCase, versions: { type: 'array' }, documents: { type: 'array', items: caseDocument } } }) }, ...errors },
    },
    put: {
      summary: '修改一个案件（含其案号；需办理权限）',
      parameters: [agency, caseId],
      requestBody: { required: true, content: json(caseIn) },
      responses: { '200': { description: '已修改或未变', content: json(saved) }, ...errors },
    },
    delete: {
      summary: '删除误登记的案件（需办理权限；保留其版本记录）；有复议后起诉案件关联的、有文书的不能删除',
      parameters: [agency, caseId, { name: 'reason', in: 'query', required: true, description: '删除原因，如“重复登记”', schema: { type: 'string', maxLength: 500 } }],
      responses: { '200': { description: '已删除' }, ...errors },
    },
  },
  '/records/cases/{id}/documents': {
    get: {
      summary: '案件的文书（不含文件内容）',
      parameters: [agency, caseId],
      responses: { '200': { description: '文书', content: json({ type: 'object', properties: { documents: { type: 'array', items: caseDocument } } }) }, ...errors },
    },
    post: {
      summary: `上传一份文书（需办理权限）：PDF、OFD、Word（.docx）、PNG 或 JPG，按文件内容识别，每份不超过 ${CASE_DOCUMENT_LIMITS.maxFileBytes / MB} MB，每案最多 ${CASE_DOCUMENT_LIMITS.maxFiles} 份、合计不超过 ${CASE_DOCUMENT_LIMITS.maxCaseBytes / MB} MB；记入审计日志`,
      parameters: [agency, caseId],
      requestBody: {
        required: true,
        content: {
          'multipart/form-data': {
            schema: {
              type: 'object',
              required: ['file', 'kind'],
              properties: {
                file: { type: 'string', format: 'binary' },
                kind: { enum: [...CASE_DOCUMENT_KINDS], description: '文书种类' },
                title: { type: 'string', maxLength: 200 },
                documentDate: { type: 'string', format: 'date', description: '文书日期（不晚于今天；不知道的不填）' },
              },
            },
          },
        },
      },
      responses: { '201': { description: '已上传', content: json({ type: 'object', properties: { document: caseDocument } }) }, ...errors },
    },
  },
  '/records/cases/{id}/documents/{documentId}': {
    get: {
      summary: '下载一份文书（文件内容，Content-Type 为其类型）',
      parameters: [agency, caseId, documentId],
      responses: { '200': { description: '文件', content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } } }, ...errors },
    },
    delete: {
      summary: '删除一份文书（需办理权限；记入审计日志）',
      parameters: [agency, caseId, documentId],
      responses: { '200': { description: '已删除', content: json({ type: 'object', properties: { deleted: caseDocument } }) }, ...errors },
    },
  },
} as const;
