// The OpenAPI 3.1 description of /api/v1, served at /api/v1/openapi.json.

import { EVENT_TYPES } from '../../domain/applications/transitions.ts';
import { DOCUMENT_KINDS } from '../../domain/documents/templates.ts';
import { APPLICANT_TYPES, CHANNELS, OPEN_STATES, STATE_LABELS } from '../../domain/applications/types.ts';
import { ANNUAL_REPORT_SCHEMA } from '../../domain/report/json.ts';
import { DELIVERY_SCHEMAS } from './openapi-deliveries.ts';
import { REGISTER_PATHS } from './openapi-register.ts';
import { RECORDS_PATHS } from './openapi-records.ts';
import { WORKFLOW_PATHS, WORKFLOW_SCHEMAS } from './openapi-catalogue-workflow.ts';
import { PUBLIC_CATALOGUE_PATHS } from './openapi-public.ts';
import { CATALOGUE_PATHS, CATALOGUE_SCHEMAS } from './catalogue-openapi.ts';

const errors = {
  '400': { description: '请求无效：查询参数不合规则（INVALID_QUERY），或字段超长、含控制字符（INVALID_INPUT、CONTROL_CHARACTERS）', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
  '401': { description: '未认证', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
  '403': { description: '无权限', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
  '404': { description: '不存在（或不属于您的机关）', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
  '422': { description: '输入无效', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
} as const;

const agency = { name: 'agency', in: 'query', required: false, description: '机关代码（用户属于多个机关时必填）', schema: { type: 'string' } } as const;
/** A finding of the report's checks (src/domain/report/types.ts Finding). */
const finding = {
  type: 'object',
  required: ['rule', 'severity', 'message'],
  properties: {
    rule: { type: 'string', description: '检查规则，如 R1、BLANK、P1' },
    severity: { enum: ['error', 'warning'] },
    message: { type: 'string', description: '中文说明（含单元格位置）' },
    cells: { type: 'array', items: { type: 'object' } },
    expected: { type: ['number', 'null'] },
    found: { type: ['number', 'null'] },
  },
} as const;

const error = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string', description: '稳定的错误代码，如 ILLEGAL_TRANSITION' },
        message: { type: 'string', description: '中文说明' },
        field: { type: 'string' },
        errors: { type: 'array', items: finding, description: '发布年报被拒（REPORT_CHECK_FAILED）：错误级问题' },
        crossYear: { type: 'array', items: finding, description: '发布年报：与相邻年度已发布报告不衔接之处（X1），须附说明' },
        warnings: { type: 'array', items: finding, description: '发布年报：须确认的警告' },
      },
    },
  },
} as const;

const json = (ref: string) => ({ 'application/json': { schema: { $ref: `#/components/schemas/${ref}` } } });

export const OPENAPI = {
  openapi: '3.1.0',
  info: { title: 'gongkai API', version: '1', description: '政府信息公开工作平台的 JSON 接口。认证：Authorization: Bearer <访问令牌>。' },
  servers: [{ url: '/api/v1' }],
  security: [{ bearer: [] }],
  components: {
    securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
    schemas: {
      ...CATALOGUE_SCHEMAS,
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
          workingDays: { type: 'integer', minimum: 1, maximum: 60, description: '批准延期：延长的工作日数（1–20，须在答复期限届满前决定，否则 409 EXTENSION_AFTER_DUE）；发出补正告知：补正期限（1–60，默认15）' },
          party: { enum: ['third_party', 'other_agency'], description: '征求意见对象类型（第三方：条例第三十二条；其他机关：第三十四条）' },
          partyName: { type: 'string', description: '被征求意见方名称（征求意见函的抬头）' },
          letterReceivedOn: { type: 'string', format: 'date', description: '对方收到征求意见函的日期（15个工作日自此起算；未知时按发函之日计算）' },
          delivery: { enum: ['in_person', 'post', 'electronic'], description: '收费通知送达方式：当面、邮寄（签收）、电子（确认）' },
          noticeReceivedOn: { type: 'string', format: 'date', description: '申请人收到收费通知的日期（当面送达时为当日；缴费期限自次日起算）' },
          handler: { type: 'string' },
          note: { type: 'string', description: '备注；更正答复（correct_reply）时为更正理由，必填' },
        },
      },
      NewDocument: {
        type: 'object',
        required: ['kind'],
        description: '文书随其办理步骤出具（step：登记该步骤并出具，同一事务），或为已登记而未出具文书的步骤出具。文书中的日期由期限计算，不接受填写；暂定的日期写作法定期间。',
        properties: {
          kind: { enum: [...DOCUMENT_KINDS] },
          issuedOn: { type: 'string', format: 'date', description: '成文日期（随步骤出具时默认为步骤日期）' },
          values: { type: 'object', additionalProperties: { type: 'string' }, description: '需要填写的内容（reason、correctionItems、reviewBody、court、responsibleOrgan、responsibleContact …）' },
          outcome: { type: 'string', description: '答复告知书：须与登记的答复结果一致' },
          fee: { type: 'object', properties: { method: { enum: ['piece', 'page'] }, units: { type: 'integer', minimum: 1 } } },
          step: { type: 'object', description: '同时登记的办理步骤（结构同 Event），与文书在同一事务中' },
        },
      },
      ...DELIVERY_SCHEMAS,
      Application: {
        type: 'object',
        description:
          '申请记录，证件号码 idNumber 部分隐藏（状态：' +
          Object.entries(STATE_LABELS)
            .map(([k, v]) => `${k} ${v}`)
            .join('，') +
          `；办理中的状态：${OPEN_STATES.join('、')}）。以 due 开头的字段（dueOn 等）及 pausedDueOn、replyDueOn 是由办理记录和工作日历算出、随记录保存的期限（供列表和工作台排序），期限以 GET /applications/{id} 的 clocks 为准`,
      },
      AnnualReport: ANNUAL_REPORT_SCHEMA,
      PublishedReport: {
        type: 'object',
        required: ['year', 'title', 'publishedAt', 'correctedAt', 'url'],
        properties: {
          year: { type: 'integer', description: '统计年度' },
          title: { type: 'string' },
          publishedAt: { type: 'string', format: 'date-time', description: '首次发布时间（更正不改变）' },
          correctedAt: { type: ['string', 'null'], format: 'date-time', description: '最近一次更正的时间；未更正为 null' },
          url: { type: 'string', description: '公开专栏中的页面' },
        },
      },
      Finding: finding,
      ...WORKFLOW_SCHEMAS,
      Publication: {
        type: 'object',
        required: ['publication'],
        properties: {
          publication: {
            type: 'object',
            required: ['year', 'title', 'publishedAt', 'replaced', 'version', 'warnings', 'crossYear', 'notes', 'url'],
            properties: {
              year: { type: 'integer' },
              title: { type: 'string' },
              publishedAt: { type: 'string', format: 'date-time', description: '首次发布时间（更正时保留）' },
              replaced: { type: 'boolean', description: '是否为更正（替换已发布的报告）' },
              version: { type: 'integer', minimum: 1, description: '本次发布的版本：1 为首次发布，每次更正加 1' },
              warnings: { type: 'array', items: finding, description: '已确认的警告级问题' },
              crossYear: {
                description: '与相邻年度已发布报告不衔接之处及随报告公布的说明；衔接一致时为 null',
                anyOf: [
                  { type: 'null' },
                  { type: 'object', required: ['explanation', 'findings'], properties: { explanation: { type: 'string' }, findings: { type: 'array', items: finding } } },
                ],
              },
              notes: { type: 'array', items: { type: 'string' } },
              url: { type: 'string' },
            },
          },
        },
      },
    },
  },
  paths: {
    ...PUBLIC_CATALOGUE_PATHS,
    ...CATALOGUE_PATHS,
    '/agencies/{code}/catalogue/search': {
      get: {
        summary: '检索政府信息公开目录（按相关度排序，含草稿等未公开的信息）',
        description: '检索词可为词语、文号（如 〔2024〕3号）或索引号。hits 按 score 由高到低；titleMarked、snippet 为分段文字，mark 为 true 的段落是命中的词。下一页：after=<上一页的 next>。',
        parameters: [
          { name: 'code', in: 'path', required: true, description: '机关代码', schema: { type: 'string' } },
          { name: 'q', in: 'query', required: true, schema: { type: 'string', maxLength: 100 } },
          { name: 'category', in: 'query', description: '信息类别：a20-1 … a20-15 或 own:<代码>', schema: { type: 'string' } },
          { name: 'docType', in: 'query', description: '文件类型', schema: { type: 'string' } },
          { name: 'year', in: 'query', description: '成文日期（无则形成日期）的年份', schema: { type: 'integer' } },
          { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 } },
          { name: 'after', in: 'query', description: '翻页游标（上一页的 next）', schema: { type: 'string' } },
        ],
        responses: { '200': { description: '{ hits, next, total, capped, empty }：total 计至 500，capped 表示更多' }, ...errors },
      },
    },
    '/applications': {
      get: {
        summary: '申请列表（分页、筛选、搜索）',
        parameters: [
          agency,
          { name: 'q', in: 'query', schema: { type: 'string' }, description: '编号、申请人或内容中的词' },
          { name: 'state', in: 'query', schema: { type: 'string' } },
          { name: 'receivedFrom', in: 'query', schema: { type: 'string', format: 'date' } },
          { name: 'receivedTo', in: 'query', schema: { type: 'string', format: 'date' } },
          { name: 'overdue', in: 'query', schema: { enum: ['1', '0'] }, description: '1：只看已超期（同 clock=overdue）' },
          { name: 'clock', in: 'query', schema: { enum: ['overdue', 'due_soon', 'paused', 'running'] }, description: '按工作台的期限状态筛选办理中申请：已超期、3个工作日内到期、期限中止、正常办理' },
          { name: 'sort', in: 'query', schema: { enum: ['received', 'due', 'number', 'state'] }, description: '排序：收到日期（默认）、到期日、编号、办理状态' },
          { name: 'direction', in: 'query', schema: { enum: ['asc', 'desc'] } },
          { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100, default: 50 }, description: '每页件数' },
          { name: 'after', in: 'query', schema: { type: 'string' }, description: '下一页：上一次回答中的 next' },
          { name: 'before', in: 'query', schema: { type: 'string' }, description: '上一页：上一次回答中的 prev' },
          { name: 'page', in: 'query', schema: { type: 'integer', minimum: 1 }, description: '页码（不带 after/before 时；总数较小时才有意义）' },
        ],
        responses: {
          '200': {
            description:
              '一页申请：{ items, total, exact, offset, page, pages, pageSize, next, prev, sort, direction }。next/prev 为翻页游标（没有下一页/上一页时为 null）；total 在不超过1000件时为准确数（exact 为 true），否则为估计数。办理中申请的 summary 为其期限状态。',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['items', 'total', 'exact', 'next', 'prev'],
                  properties: {
                    items: { type: 'array', items: { type: 'object' } },
                    total: { type: 'integer' },
                    exact: { type: 'boolean' },
                    next: { type: ['string', 'null'], description: '下一页的游标：作为 after 传回' },
                    prev: { type: ['string', 'null'], description: '上一页的游标：作为 before 传回' },
                  },
                },
              },
            },
          },
          ...errors,
        },
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
        description: '证件号码 idNumber 部分隐藏（如 6401**********1234）。承办人、科室负责人、分管领导和管理员可加 reveal=idNumber 取得完整号码，每次取得记入审计日志。',
        parameters: [
          agency,
          { name: 'id', in: 'path', required: true, schema: { type: 'integer' } },
          { name: 'reveal', in: 'query', description: '取得完整证件号码（记入审计日志）', schema: { type: 'string', enum: ['idNumber'] } },
        ],
        responses: { '200': { description: '申请' }, ...errors, '400': { description: 'reveal 参数无效' } },
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
    '/applications/{id}/documents': {
      post: {
        summary: '出具文书（补正告知书、延期答复告知书、征求意见函、收费通知书、答复告知书）',
        parameters: [agency, { name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
        requestBody: { required: true, content: json('NewDocument') },
        responses: {
          '201': { description: '出具的文书（文号、成文日期、所属步骤 eventSeq、所取代的答复 supersedes）' },
          '409': { description: '当前状态或记录不允许（NOTICE_STEP_NOT_ALLOWED、NOTICE_ALREADY_ISSUED、ILLEGAL_TRANSITION、EXTENSION_AFTER_DUE …）' },
          ...errors,
        },
      },
    },
    '/applications/{id}/deliveries': {
      post: {
        summary: '登记文书的送达（当面、邮寄、电子邮件、在线）及其凭证',
        parameters: [agency, { name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
        requestBody: { required: true, content: json('NewDelivery') },
        responses: {
          '201': { description: '登记的送达（documentId、method、deliveredOn、evidence、eventSeq：同时登记的送达步骤）' },
          '409': { description: '已登记过送达（ALREADY_DELIVERED）、与办理记录中的送达日期不一致、申请已归档' },
          ...errors,
        },
      },
    },
    '/reports/{year}': {
      get: {
        summary: '由申请记录计算的年度报告（交换格式 JSON；表三来自记录）',
        parameters: [agency, { name: 'year', in: 'path', required: true, schema: { type: 'integer' } }, { name: 'asOf', in: 'query', schema: { type: 'string', format: 'date' } }],
        responses: { '200': { description: '年度报告', content: json('AnnualReport') }, ...errors },
      },
    },
    '/published-reports': {
      get: {
        summary: '本机关在公开专栏已发布的年度报告（新的在前）',
        parameters: [agency],
        responses: {
          '200': {
            description: '已发布的年度报告',
            content: { 'application/json': { schema: { type: 'object', required: ['reports'], properties: { reports: { type: 'array', items: { $ref: '#/components/schemas/PublishedReport' } } } } } },
          },
          ...errors,
        },
      },
    },
    '/published-reports/{year}': {
      put: {
        summary:
          '发布（或更正）某一年度的年度报告（须管理员、科室负责人或分管领导）：先按交换格式检查，再做 gongkai report check 的全部检查（R1–R7、空白单元格、正文与表格）、一、五、六部分是否有内容，以及与本机关已发布的相邻年度报告的衔接（X1、X2）。错误级问题拒绝（REPORT_CHECK_FAILED）；与相邻年度不衔接须附说明 explanation（REPORT_CROSS_YEAR_UNEXPLAINED），说明随报告公布；有警告须 acknowledgeWarnings（REPORT_WARNINGS_NOT_ACKNOWLEDGED）。',
        parameters: [
          agency,
          { name: 'year', in: 'path', required: true, schema: { type: 'integer' }, description: '统计年度，须与报告中的年度一致，且该年度已结束' },
          { name: 'replace', in: 'query', required: false, schema: { enum: ['1', '0', 'true', 'false'] }, description: '1：更正（替换）已发布的报告，保留首次发布时间' },
          { name: 'changeNote', in: 'query', required: false, schema: { type: 'string', maxLength: 500 }, description: '更正说明（更正已发布的报告时必填，也可写在请求体中）' },
          { name: 'acknowledgeWarnings', in: 'query', required: false, schema: { enum: ['1', '0', 'true', 'false'] }, description: '1：已核实并确认报告的警告' },
        ],
        requestBody: {
          required: true,
          description: '年度报告（交换格式 JSON），或 { "report": 年度报告, "replace": true, "acknowledgeWarnings": true, "explanation": "与相邻年度不衔接的说明" }',
          content: {
            'application/json': {
              schema: {
                anyOf: [
                  { $ref: '#/components/schemas/AnnualReport' },
                  {
                    type: 'object',
                    required: ['report'],
                    properties: {
                      report: { $ref: '#/components/schemas/AnnualReport' },
                      replace: { type: 'boolean' },
                      acknowledgeWarnings: { type: 'boolean', description: '已核实并确认报告的警告' },
                      explanation: { type: 'string', maxLength: 2000, description: '与相邻年度已发布报告不衔接的书面说明，随报告公布' },
                      changeNote: { type: 'string', maxLength: 500, description: '更正说明（replace 已发布的报告时必填）：更正了什么、为什么更正，与更正日期一并公布' },
                    },
                  },
                ],
              },
            },
          },
        },
        responses: {
          '200': { description: '已更正', content: json('Publication') },
          '201': { description: '已发布', content: json('Publication') },
          '409': { description: '该年度已发布（REPORT_ALREADY_PUBLISHED）：更正请加 replace=1', content: json('Error') },
          '413': { description: '请求体过大', content: json('Error') },
          ...errors,
        },
      },
      delete: {
        summary: '撤回某一年度已发布的年度报告（须管理员、科室负责人或分管领导）',
        parameters: [agency, { name: 'year', in: 'path', required: true, schema: { type: 'integer' } }],
        responses: {
          '200': {
            description: '已撤回',
            content: { 'application/json': { schema: { type: 'object', required: ['withdrawn'], properties: { withdrawn: { type: 'object', properties: { year: { type: 'integer' }, publishedAt: { type: 'string', format: 'date-time' } } } } } } },
          },
          ...errors,
        },
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
          { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100, default: 50 }, description: '每页件数' },
          { name: 'after', in: 'query', schema: { type: 'string' }, description: '下一页：上一次回答中的 next' },
          { name: 'before', in: 'query', schema: { type: 'string' }, description: '上一页：上一次回答中的 prev' },
        ],
        responses: {
          '200': {
            description: '一页申请，按收到日期、编号排列：{ applications, total, next, prev }；total 为该单元格的数字',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['applications', 'total', 'next', 'prev'],
                  properties: {
                    applications: { type: 'array', items: { type: 'object' } },
                    total: { type: 'integer' },
                    next: { type: ['string', 'null'], description: '下一页的游标：作为 after 传回' },
                    prev: { type: ['string', 'null'], description: '上一页的游标：作为 before 传回' },
                  },
                },
              },
            },
          },
          ...errors,
        },
      },
    },
    ...REGISTER_PATHS,
    ...RECORDS_PATHS,
    ...WORKFLOW_PATHS,
  },
} as const;
