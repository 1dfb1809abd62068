// The OpenAPI paths of the register's API (api/register.ts), spread into openapi.ts's paths.

import { REGISTER_STATUSES, TABLE_TWO_COLUMNS } from '../../domain/catalogue/register.ts';
import { CLEANUP_CONCLUSIONS } from '../../domain/catalogue/vocab.ts';

const errorBody = { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } as const;
const errors = {
  '400': { description: '请求无效（INVALID_QUERY、INVALID_INPUT、INVALID_JSON）', content: errorBody },
  '401': { description: '未认证', content: errorBody },
  '403': { description: '无权限', content: errorBody },
  '404': { description: '不存在（或不属于您的机关）', content: errorBody },
  '422': { description: '输入无效，或此时不能这样做（如 CONCLUSIONS_MISSING、ROUND_CONCLUDED、ITEM_NO_LONGER_IN_FORCE）', content: errorBody },
} as const;
const agency = { name: 'agency', in: 'query', required: false, description: '机关代码（用户属于多个机关时必填）', schema: { type: 'string' } } as const;
const paging = [
  { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 } },
  { name: 'after', in: 'query', description: '上一次回答的 next（下一页）', schema: { type: 'string' } },
  { name: 'before', in: 'query', description: '上一次回答的 prev（上一页）', schema: { type: 'string' } },
] as const;
const year = { name: 'year', in: 'path', required: true, schema: { type: 'integer', minimum: 2008 } } as const;
const roundId = { name: 'id', in: 'path', required: true, schema: { type: 'integer' } } as const;
const json = (schema: object) => ({ 'application/json': { schema } });

const item = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    indexNumber: { type: 'string', description: '索引号' },
    title: { type: 'string' },
    docNumber: { type: 'string', description: '文号' },
    docType: { enum: ['规章', '行政规范性文件'] },
    publisher: { type: 'string' },
    writtenOn: { type: 'string', format: 'date', description: '成文日期' },
    publishedOn: { type: ['string', 'null'], format: 'date' },
    validity: { type: 'string', description: '现在的有效性' },
    repealedOn: { type: ['string', 'null'], format: 'date' },
    lapsedOn: { type: ['string', 'null'], format: 'date' },
    revisedOn: { type: ['string', 'null'], format: 'date' },
    status: { enum: [...REGISTER_STATUSES], description: '截至所查日期的状态' },
  },
} as const;
const counts = { type: 'object', properties: { issued: { type: 'integer' }, repealed: { type: 'integer' }, inForce: { type: 'integer' } } } as const;
const round = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    title: { type: 'string' },
    asOf: { type: 'string', format: 'date', description: '清理基准日' },
    summary: { type: 'string' },
    state: { enum: ['open', 'concluded'] },
    concludedOn: { type: ['string', 'null'], format: 'date' },
    entries: { type: 'integer' },
    concluded: { type: 'integer', description: '已作结论的文件数' },
    byConclusion: { type: 'object', additionalProperties: { type: 'integer' } },
  },
} as const;

export const REGISTER_PATHS = {
  '/register': {
    get: {
      summary: '规章和行政规范性文件登记（已发布的）：截至某日的各类状态件数和文件列表（按成文日期新的在前）',
      parameters: [
        agency,
        { name: 'asOf', in: 'query', description: '截至日期，默认今天', schema: { type: 'string', format: 'date' } },
        { name: 'type', in: 'query', schema: { enum: ['规章', '行政规范性文件'] } },
        { name: 'status', in: 'query', schema: { enum: [...REGISTER_STATUSES] } },
        { name: 'year', in: 'query', description: '成文年度', schema: { type: 'integer' } },
        ...paging,
      ],
      responses: { '200': { description: '登记', content: json({ type: 'object', properties: { asOf: { type: 'string' }, counts: { type: 'array' }, items: { type: 'array', items: item }, next: { type: ['string', 'null'] }, prev: { type: ['string', 'null'] } } }) }, ...errors },
    },
  },
  '/register/table-two/{year}': {
    get: {
      summary: '年度报告表二第二十条第（一）项（本年制发按成文日期、本年废止按废止日期、现行有效为12月31日），含与上年衔接的提示',
      parameters: [agency, year],
      responses: {
        '200': {
          description: '表二（一）',
          content: json({ type: 'object', properties: { year: { type: 'integer' }, regulations: counts, normativeDocuments: counts, previousInForce: { type: 'object' }, warnings: { type: 'array', items: { type: 'string' } } } }),
        },
        ...errors,
      },
    },
  },
  '/register/table-two/{year}/cells/{row}/{column}': {
    get: {
      summary: '表二（一）某一单元格背后的文件',
      parameters: [agency, year, { name: 'row', in: 'path', required: true, schema: { enum: ['regulations', 'normativeDocuments'] } }, { name: 'column', in: 'path', required: true, schema: { enum: [...TABLE_TWO_COLUMNS] } }, ...paging],
      responses: { '200': { description: '文件列表', content: json({ type: 'object', properties: { count: { type: 'integer' }, items: { type: 'array', items: item }, next: { type: ['string', 'null'] }, prev: { type: ['string', 'null'] } } }) }, ...errors },
    },
  },
  '/register/cleanup': {
    get: {
      summary: '清理记录（新的在前）',
      parameters: [agency, ...paging],
      responses: { '200': { description: '清理记录', content: json({ type: 'object', properties: { rounds: { type: 'array', items: round }, next: { type: ['string', 'null'] }, prev: { type: ['string', 'null'] } } }) }, ...errors },
    },
    post: {
      summary: '开始一次清理：列出基准日现行有效的文件（需办理权限）',
      parameters: [agency],
      requestBody: { required: true, content: json({ type: 'object', required: ['title', 'asOf'], properties: { title: { type: 'string', maxLength: 200 }, asOf: { type: 'string', format: 'date' } } }) },
      responses: { '201': { description: '已开始', content: json({ type: 'object', properties: { round } }) }, ...errors },
    },
  },
  '/register/cleanup/{id}': {
    get: {
      summary: '一次清理及其文件和结论',
      parameters: [agency, roundId, ...paging],
      responses: { '200': { description: '清理', content: json({ type: 'object', properties: { round, entries: { type: 'array' }, next: { type: ['string', 'null'] }, prev: { type: ['string', 'null'] } } }) }, ...errors },
    },
  },
  '/register/cleanup/{id}/entries/{item}': {
    put: {
      summary: '记录（或修改）一份文件的清理结论（清理进行中；需办理权限）',
      parameters: [agency, roundId, { name: 'item', in: 'path', required: true, schema: { type: 'integer' } }],
      requestBody: { required: true, content: json({ type: 'object', required: ['conclusion'], properties: { conclusion: { enum: [...CLEANUP_CONCLUSIONS] }, note: { type: 'string', maxLength: 1000 } } }) },
      responses: { '200': { description: '已记录' }, ...errors },
    },
  },
  '/register/cleanup/{id}/conclude': {
    post: {
      summary: '结束清理（需签发权限）：全部文件须有结论；结论为废止、宣布失效的文件即登记为废止、失效（日期为今天），同一事务',
      parameters: [agency, roundId],
      requestBody: { required: false, content: json({ type: 'object', properties: { summary: { type: 'string', maxLength: 5000, description: '清理情况总结；没有文件时默认“未发现行政规范性文件”' } } }) },
      responses: { '200': { description: '已结束', content: json({ type: 'object', properties: { round, ended: { type: 'array' } } }) }, ...errors },
    },
  },
} as const;
