// The OpenAPI 3.1 description of /api/v1, served at /api/v1/openapi.json.

import { EVENT_TYPES } from '../../domain/applications/transitions.ts';
import { APPLICANT_TYPES, CHANNELS, OPEN_STATES, STATE_LABELS } from '../../domain/applications/types.ts';
import { ANNUAL_REPORT_SCHEMA } from '../../domain/report/json.ts';

const error = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: { code: { type: 'string', description: '稳定的错误代码，如 ILLEGAL_TRANSITION' }, message: { type: 'string', description: '中文说明' }, field: { type: 'string' } },
    },
  },
} as const;

const errors = {
  '401': { description: '未认证', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
  '403': { description: '无权限', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
  '404': { description: '不存在（或不属于您的机关）', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
  '422': { description: '输入无效', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
} as const;

const agency = { name: 'agency', in: 'query', required: false, description: '机关代码（用户属于多个机关时必填）', schema: { type: 'string' } } as const;
const json = (ref: string) => ({ 'application/json': { schema: { $ref: `#/components/schemas/${ref}` } } });

export const OPENAPI = {
  openapi: '3.1.0',
  info: { title: 'gongkai API', version: '1', description: '政府信息公开工作平台的 JSON 接口。认证：Authorization: Bearer <访问令牌>。' },
  servers: [{ url: '/api/v1' }],
  security: [{ bearer: [] }],
  components: {
    securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
    schemas: {
      Error: error,
      NewApplication: {
        type: 'object',
        required: ['applicantType', 'applicantName', 'channel', 'submittedOn', 'request'],
        properties: {
          number: { type: 'string', description: '编号（不填则自动编号）' },
          applicantType: { enum: [...APPLICANT_TYPES] },
          applicantName: { type: 'string' },
          idKind: { enum: ['resident_id', 'uscc', 'other'] },
          idNumber: { type: 'string', description: '居民身份证号码或统一社会信用代码（校验位会被检查）' },
          contact: { type: 'string' },
          address: { type: 'string' },
          channel: { enum: [...CHANNELS] },
          submittedOn: { type: 'string', format: 'date' },
          receivedOn: { type: 'string', format: 'date', description: '条例第三十一条的收到日期（当面提交时可省略）' },
          request: { type: 'string' },
          deliveryForm: { type: 'string' },
        },
      },
      Event: {
        type: 'object',
        required: ['type', 'occurredOn'],
        properties: {
          type: { enum: [...EVENT_TYPES] },
          occurredOn: { type: 'string', format: 'date' },
          outcome: { type: 'string', description: '答复结果代码（作出答复时必填），如 OPEN_PROVIDE、PARTIAL、DENY_STATE_SECRET' },
          legalBasis: { type: 'string' },
          workingDays: { type: 'integer', minimum: 1, maximum: 20 },
          party: { enum: ['third_party', 'other_agency'] },
          handler: { type: 'string' },
          note: { type: 'string' },
        },
      },
      Application: { type: 'object', description: '申请记录（状态：' + Object.entries(STATE_LABELS).map(([k, v]) => `${k} ${v}`).join('，') + `；办理中的状态：${OPEN_STATES.join('、')}）` },
      AnnualReport: ANNUAL_REPORT_SCHEMA,
    },
  },
  paths: {
    '/applications': {
      get: {
        summary: '申请列表（分页、筛选、搜索）',
        parameters: [
          agency,
          { name: 'q', in: 'query', schema: { type: 'string' }, description: '编号、申请人或内容中的词' },
          { name: 'state', in: 'query', schema: { type: 'string' } },
          { name: 'receivedFrom', in: 'query', schema: { type: 'string', format: 'date' } },
          { name: 'receivedTo', in: 'query', schema: { type: 'string', format: 'date' } },
          { name: 'overdue', in: 'query', schema: { enum: ['1'] } },
          { name: 'page', in: 'query', schema: { type: 'integer', minimum: 1 } },
        ],
        responses: { '200': { description: '一页申请' }, ...errors },
      },
      post: {
        summary: '登记一件申请',
        parameters: [agency],
        requestBody: { required: true, content: json('NewApplication') },
        responses: { '201': { description: '已登记', content: json('Application') }, ...errors },
      },
    },
    '/applications/{id}': {
      get: {
        summary: '一件申请：记录、办理经过、法定期限、文书',
        parameters: [agency, { name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
        responses: { '200': { description: '申请' }, ...errors },
      },
    },
    '/applications/{id}/events': {
      post: {
        summary: '办理一步（补正、征求意见、延期、收费、答复、撤回、送达、归档…）',
        parameters: [agency, { name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
        requestBody: { required: true, content: json('Event') },
        responses: { '200': { description: '办理后的申请', content: json('Application') }, '409': { description: '当前状态不允许这一步' }, ...errors },
      },
    },
    '/reports/{year}': {
      get: {
        summary: '由申请记录计算的年度报告（交换格式 JSON；表三来自记录）',
        parameters: [agency, { name: 'year', in: 'path', required: true, schema: { type: 'integer' } }, { name: 'asOf', in: 'query', schema: { type: 'string', format: 'date' } }],
        responses: { '200': { description: '年度报告', content: json('AnnualReport') }, ...errors },
      },
    },
    '/reports/{year}/cells/{row}/{column}': {
      get: {
        summary: '表三某一单元格背后的申请',
        parameters: [
          agency,
          { name: 'year', in: 'path', required: true, schema: { type: 'integer' } },
          { name: 'row', in: 'path', required: true, schema: { type: 'string' } },
          { name: 'column', in: 'path', required: true, schema: { type: 'integer', minimum: 0, maximum: 6 } },
        ],
        responses: { '200': { description: '申请列表' }, ...errors },
      },
    },
  },
} as const;
