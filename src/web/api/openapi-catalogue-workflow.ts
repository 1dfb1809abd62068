// The OpenAPI description of the catalogue's workflow (api/catalogue-workflow.ts), joined into the
// document of openapi.ts: its request schemas and its paths.

import { DISCLOSURES, ITEM_STATES, SECRECY_CONCLUSIONS, WITHHOLDING_ARTICLES } from '../../domain/catalogue/vocab.ts';

const agency = { name: 'agency', in: 'query', required: false, description: '机关代码（用户属于多个机关时必填；上级机关审核下级报送的信息时为上级机关）', schema: { type: 'string' } } as const;
const id = { name: 'id', in: 'path', required: true, schema: { type: 'integer' }, description: '目录条目的编号' } as const;
const json = (ref: string) => ({ 'application/json': { schema: { $ref: `#/components/schemas/${ref}` } } });
const err = (description: string) => ({ description, content: json('Error') });
const common = {
  '400': err('请求无效（INVALID_JSON、INVALID_INPUT）'),
  '401': err('未认证'),
  '403': err('无权限（FORBIDDEN；审核环节不由您的角色审核：REVIEW_NOT_ALLOWED）'),
  '404': err('不存在（或不属于您的机关）'),
  '422': err('输入无效，如退回未写意见、定时发布时间已过'),
} as const;
const itemResponse = { description: '该条目的办理状态', content: json('CatalogueWorkflow') };
const conflict = err('当前状态不允许（ITEM_STATE、DISCLOSURE_REQUIRED、SECRECY_REVIEW_REQUIRED、SECRECY_NOT_CLEARED、SAME_PERSON、REVIEW_STALE、VERSION_CONFLICT）');

export const WORKFLOW_SCHEMAS = {
  CatalogueWorkflow: {
    type: 'object',
    description: '目录条目的审核与发布状态：公开属性、保密审查记录、审核经过、正在等待的环节、第二十六条期限、当前用户可进行的操作',
    properties: {
      item: {
        type: 'object',
        properties: {
          id: { type: 'integer' },
          indexNumber: { type: 'string' },
          title: { type: 'string' },
          state: { enum: [...ITEM_STATES] },
          version: { type: 'integer' },
          disclosure: { enum: [...DISCLOSURES, null] },
          publishAt: { type: ['string', 'null'], format: 'date-time' },
          clock: { type: ['object', 'null'], description: '条例第二十六条：自形成或变更之日起20个工作日内公开' },
          secrecyReviews: { type: 'array', items: { type: 'object' } },
          review: { type: 'object', properties: { waiting: { type: ['object', 'null'] }, history: { type: 'array', items: { type: 'object' } } } },
          actions: { type: 'array', items: { type: 'string' }, description: '当前用户现在可以进行的操作' },
        },
      },
    },
  },
  CatalogueDisclosure: {
    type: 'object',
    required: ['disclosure'],
    description: '公开属性认定（仅草稿）。依申请公开须写理由、不引用条款；不予公开须写理由并选择条款。',
    properties: {
      disclosure: { enum: [...DISCLOSURES] },
      reason: { type: 'string', maxLength: 1000 },
      article: { enum: WITHHOLDING_ARTICLES.map((a) => a.code), description: WITHHOLDING_ARTICLES.map((a) => `${a.code}：${a.label}`).join('；') },
    },
  },
  CatalogueSecrecyReview: {
    type: 'object',
    required: ['conclusion'],
    description: '对当前版本的保密审查（条例第十七条）；只有“不涉密”的主动公开信息可以送审和发布',
    properties: {
      conclusion: { enum: [...SECRECY_CONCLUSIONS] },
      note: { type: 'string', maxLength: 2000, description: '涉密或需报请审查时必填' },
      version: { type: 'integer', description: '审查的版本（已有新版本时 409 VERSION_CONFLICT）' },
    },
  },
  ReviewDecision: {
    type: 'object',
    required: ['decision'],
    properties: {
      decision: { enum: ['approve', 'return'] },
      comment: { type: 'string', maxLength: 2000, description: '审核意见；退回时必填' },
      stage: { type: 'integer', description: '所审核的环节（1起）；进度已变化时 409 REVIEW_STALE' },
    },
  },
  CataloguePublication: {
    type: 'object',
    properties: { publishAt: { type: 'string', description: '定时发布时间（ISO 8601，带时区；或北京时间 YYYY-MM-DDTHH:MM）；不填则立即发布' } },
  },
  CatalogueWithdrawal: { type: 'object', required: ['reason'], properties: { reason: { type: 'string', maxLength: 1000 } } },
  CatalogueCorrection: {
    type: 'object',
    required: ['fields', 'note'],
    properties: {
      fields: { type: 'object', additionalProperties: { type: 'string' }, description: '条目的全部字段（title、category、docType、writtenOn、formedOn、docNumber、body …），保存为新版本' },
      note: { type: 'string', maxLength: 1000, description: '更正说明，公开页面显示“已更正”' },
      expectedVersion: { type: 'integer' },
    },
  },
  ReviewChain: {
    type: 'object',
    required: ['stages', 'allowSamePerson'],
    properties: {
      stages: {
        type: 'array',
        items: {
          type: 'object',
          required: ['name', 'roles', 'agency'],
          properties: { name: { type: 'string', maxLength: 20 }, roles: { type: 'array', items: { enum: ['admin', 'handler', 'section_head', 'office', 'leader'] } }, agency: { enum: ['self', 'parent'] } },
        },
      },
      allowSamePerson: { type: 'boolean' },
    },
  },
} as const;

export const WORKFLOW_PATHS = {
  '/catalogue/items/{id}/workflow': { get: { summary: '目录条目的审核与发布状态', parameters: [agency, id], responses: { '200': itemResponse, ...common } } },
  '/catalogue/items/{id}/disclosure': {
    put: { summary: '公开属性认定（草稿）', parameters: [agency, id], requestBody: { required: true, content: json('CatalogueDisclosure') }, responses: { '200': itemResponse, '409': conflict, ...common } },
  },
  '/catalogue/items/{id}/secrecy-reviews': {
    post: { summary: '记录对当前版本的保密审查', parameters: [agency, id], requestBody: { required: true, content: json('CatalogueSecrecyReview') }, responses: { '201': itemResponse, '409': conflict, ...common } },
  },
  '/catalogue/items/{id}/submission': {
    post: { summary: '提交审核：须已认定公开属性；主动公开须有当前版本“不涉密”的保密审查', parameters: [agency, id], responses: { '200': itemResponse, '409': conflict, ...common } },
  },
  '/catalogue/items/{id}/decisions': {
    post: {
      summary: '当前环节的审核决定：同意（最后一个环节同意即签发）或退回（须写意见，条目回到草稿）。同一人不能审核同一版本的两个环节，除非机关允许。',
      parameters: [agency, id],
      requestBody: { required: true, content: json('ReviewDecision') },
      responses: { '200': itemResponse, '409': conflict, ...common },
    },
  },
  '/catalogue/items/{id}/publication': {
    post: { summary: '发布已签发的主动公开信息：立即，或定时（publishAt）', parameters: [agency, id], requestBody: { required: false, content: json('CataloguePublication') }, responses: { '200': itemResponse, '409': conflict, ...common } },
  },
  '/catalogue/items/{id}/schedule': { delete: { summary: '取消定时发布（回到已签发）', parameters: [agency, id], responses: { '200': itemResponse, '409': conflict, ...common } } },
  '/catalogue/items/{id}/withdrawal': {
    post: { summary: '撤回已发布的信息（须科室负责人、分管领导或管理员；公开页面显示“已撤回”）', parameters: [agency, id], requestBody: { required: true, content: json('CatalogueWithdrawal') }, responses: { '200': itemResponse, '409': conflict, ...common } },
  },
  '/catalogue/items/{id}/correction': {
    post: {
      summary: '更正已发布的信息（新版本，须写更正说明；公开页面显示“已更正”）',
      parameters: [agency, id],
      requestBody: { required: true, content: json('CatalogueCorrection') },
      responses: { '200': itemResponse, '409': conflict, '413': err('请求体过大'), ...common },
    },
  },
  '/inbox': {
    get: {
      summary: '待我审核：等待当前用户在该机关审核的事项（按等待时间，键集分页）',
      parameters: [
        agency,
        { name: 'after', in: 'query', schema: { type: 'string' }, description: '下一页的游标（上一次的 next）' },
        { name: 'before', in: 'query', schema: { type: 'string' }, description: '上一页的游标（上一次的 prev）' },
        { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100 } },
      ],
      responses: { '200': { description: '{ rows, next, prev, total }' }, ...common },
    },
  },
  '/catalogue/review-chain': {
    get: { summary: '本机关主动公开信息的审核流程（未设置时为默认的初审、复审、签发）', parameters: [agency], responses: { '200': { description: '{ chain }' }, ...common } },
    put: { summary: '设置审核流程（管理员；只对此后提交的信息生效）', parameters: [agency], requestBody: { required: true, content: json('ReviewChain') }, responses: { '200': { description: '{ chain }' }, ...common } },
  },
} as const;
