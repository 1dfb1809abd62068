// The OpenAPI description of the catalogue's endpoints (api/catalogue.ts), spread into openapi.ts.

import { DISCLOSURES, DOC_TYPES, ITEM_STATES, VALIDITIES } from '../../domain/catalogue/vocab.ts';

const err = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });
const errors = {
  '400': err('请求无效（INVALID_QUERY、INVALID_INPUT、CONTROL_CHARACTERS）'),
  '401': err('未认证'),
  '403': err('无权限'),
  '404': err('不存在（或不属于您的机关）'),
  '422': err('输入无效：字段的含义不对（如未知的信息类别、日期晚于今天），field 指明字段'),
} as const;
const agency = { name: 'agency', in: 'query', required: false, description: '机关代码（用户属于多个机关时必填）', schema: { type: 'string' } } as const;
const id = { name: 'id', in: 'path', required: true, schema: { type: 'integer' } } as const;
const attachmentId = { name: 'attachmentId', in: 'path', required: true, schema: { type: 'integer' } } as const;
const json = (ref: string) => ({ 'application/json': { schema: { $ref: `#/components/schemas/${ref}` } } });

const inputProperties = {
  title: { type: 'string', maxLength: 300, description: '标题（必填）' },
  summary: { type: 'string', maxLength: 2000, description: '内容概述' },
  docNumber: { type: 'string', maxLength: 100, description: '文号' },
  publisher: { type: 'string', maxLength: 200, description: '发布机构（不填为本机关）' },
  writtenOn: { type: 'string', format: 'date', description: '成文日期' },
  formedOn: { type: 'string', format: 'date', description: '形成或者变更日期' },
  publishedOn: { type: 'string', format: 'date', description: '发布日期' },
  topic: { type: 'string', description: '主题分类（本机关的主题分类表中的一项）' },
  category: { type: 'string', description: '信息类别：a20-1 … a20-15（条例第二十条第（一）…（十五）项）或 own:<代码>（本机关自定类别）' },
  docType: { enum: [...DOC_TYPES], description: '文件类型' },
  validity: { enum: ['', ...VALIDITIES], description: '有效性' },
  validityOn: { type: 'string', format: 'date', description: '失效、废止或修订日期' },
  supersededBy: { type: 'string', description: '修订后文件的索引号（有效性为已修订时）' },
  interprets: { type: 'string', description: '所解读文件的索引号（政策解读必填）' },
  body: { type: 'string', maxLength: 200000, description: '正文：## 标题、- 列表项、空行分段' },
} as const;

export const CATALOGUE_SCHEMAS = {
  CatalogueItemInput: { type: 'object', required: ['title', 'category'], properties: inputProperties },
  CatalogueItemUpdate: { type: 'object', required: ['title', 'category', 'version'], properties: { ...inputProperties, version: { type: 'integer', minimum: 1, description: '读取时的版本号；已被他人修改时 409 VERSION_CONFLICT' } } },
  CatalogueItem: {
    type: 'object',
    properties: {
      id: { type: 'integer' },
      indexNumber: { type: 'string', description: '索引号' },
      state: { enum: [...ITEM_STATES] },
      disclosure: { type: ['string', 'null'], enum: [...DISCLOSURES, null] },
      version: { type: 'integer' },
      ...inputProperties,
    },
  },
  CatalogueAttachment: {
    type: 'object',
    properties: {
      id: { type: 'integer' },
      itemId: { type: 'integer' },
      position: { type: 'integer' },
      fileName: { type: 'string' },
      mediaType: { type: 'string' },
      size: { type: 'integer' },
      sha256: { type: 'string' },
      createdAt: { type: 'string', format: 'date-time' },
      textLength: { type: 'integer', description: '读出的可检索文字的字数（图片为0）' },
    },
  },
} as const;

export const CATALOGUE_PATHS = {
  '/catalogue/items': {
    get: {
      summary: '政府信息目录（按编号倒序，键集分页：next/prev 为游标，用 after/before 取下一页/上一页）',
      parameters: [
        agency,
        { name: 'state', in: 'query', schema: { enum: [...ITEM_STATES] } },
        { name: 'category', in: 'query', schema: { type: 'string' } },
        { name: 'docType', in: 'query', schema: { enum: [...DOC_TYPES] } },
        { name: 'year', in: 'query', schema: { type: 'string', pattern: '^\\d{4}$' } },
        { name: 'disclosure', in: 'query', schema: { enum: [...DISCLOSURES, 'none'] } },
        { name: 'after', in: 'query', schema: { type: 'string' } },
        { name: 'before', in: 'query', schema: { type: 'string' } },
        { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100 } },
      ],
      responses: {
        '200': {
          description: '一页信息',
          content: { 'application/json': { schema: { type: 'object', properties: { items: { type: 'array', items: { $ref: '#/components/schemas/CatalogueItem' } }, next: { type: ['string', 'null'] }, prev: { type: ['string', 'null'] } } } } },
        },
        ...errors,
      },
    },
    post: {
      summary: '新建草稿（须经办权限）',
      parameters: [agency],
      requestBody: { required: true, content: json('CatalogueItemInput') },
      responses: { '201': { description: '已新建', content: { 'application/json': { schema: { type: 'object', properties: { item: { $ref: '#/components/schemas/CatalogueItem' } } } } } }, '413': err('请求体过大'), ...errors },
    },
  },
  '/catalogue/items/{id}': {
    get: {
      summary: '一条信息及其附件',
      parameters: [agency, id],
      responses: { '200': { description: '信息', content: { 'application/json': { schema: { type: 'object', properties: { item: { $ref: '#/components/schemas/CatalogueItem' }, attachments: { type: 'array', items: { $ref: '#/components/schemas/CatalogueAttachment' } } } } } } }, ...errors },
    },
    patch: {
      summary: '修改草稿（整体替换各字段；须带读取时的 version）',
      parameters: [agency, id],
      requestBody: { required: true, content: json('CatalogueItemUpdate') },
      responses: { '200': { description: '已保存（version 加一）' }, '409': err('已被他人修改（VERSION_CONFLICT）或不是草稿（ITEM_NOT_EDITABLE）'), '413': err('请求体过大'), ...errors },
    },
  },
  '/catalogue/items/{id}/attachments': {
    get: {
      summary: '附件列表',
      parameters: [agency, id],
      responses: { '200': { description: '附件', content: { 'application/json': { schema: { type: 'object', properties: { attachments: { type: 'array', items: { $ref: '#/components/schemas/CatalogueAttachment' } } } } } } }, ...errors },
    },
    post: {
      summary: '上传附件（草稿；PDF、DOCX、XLSX、PNG、JPEG，按文件内容识别类型；文字读出供检索）',
      parameters: [agency, id],
      requestBody: { required: true, content: { 'multipart/form-data': { schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } } } },
      responses: {
        '201': { description: '已上传', content: { 'application/json': { schema: { type: 'object', properties: { attachment: { $ref: '#/components/schemas/CatalogueAttachment' } } } } } },
        '409': err('不是草稿'),
        '413': err('文件过大'),
        '503': err('解析队列已满，请稍后再试'),
        ...errors,
      },
    },
  },
  '/catalogue/items/{id}/attachments/{attachmentId}': {
    get: { summary: '下载附件', parameters: [agency, id, attachmentId], responses: { '200': { description: '文件内容' }, ...errors } },
    delete: { summary: '删除附件（草稿）', parameters: [agency, id, attachmentId], responses: { '200': { description: '已删除' }, '409': err('不是草稿'), ...errors } },
  },
} as const;
