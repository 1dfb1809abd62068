// The OpenAPI description of the public, read-only catalogue API (api/public-catalogue.ts): no token.

const error = { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } as const;

const code = { name: 'code', in: 'path', required: true, description: '机关代码', schema: { type: 'string' } } as const;

const link = {
  type: ['object', 'null'],
  properties: { id: { type: 'integer' }, indexNumber: { type: 'string' }, title: { type: 'string' }, state: { enum: ['published', 'withdrawn'] }, url: { type: 'string' } },
} as const;

const listItem = {
  type: 'object',
  required: ['id', 'indexNumber', 'title', 'publisher', 'category', 'docType', 'state', 'url'],
  properties: {
    id: { type: 'integer' },
    indexNumber: { type: 'string', description: '索引号' },
    title: { type: 'string', description: '名称' },
    summary: { type: 'string', description: '内容概述（已撤回的为空）' },
    docNumber: { type: 'string', description: '文号（无则为空）' },
    publisher: { type: 'string', description: '发布机构' },
    writtenOn: { type: ['string', 'null'], format: 'date', description: '成文日期' },
    publishedOn: { type: ['string', 'null'], format: 'date', description: '发布日期' },
    category: { type: 'string', description: '信息类别：a20-1…a20-15（条例第二十条第（一）…（十五）项）或 own:<代码>' },
    docType: { type: 'string', description: '文件类型' },
    validity: { type: 'string', description: '有效性：有效、失效、废止、已修订，或空' },
    state: { enum: ['published', 'withdrawn'], description: '已发布 / 已撤回' },
    corrected: { type: 'boolean', description: '是否已更正' },
    updatedAt: { type: 'string', format: 'date-time', description: '公众可见的最近变化（发布、更正、撤回）' },
    url: { type: 'string', description: '公开页面的路径' },
  },
} as const;

const item = {
  allOf: [
    listItem,
    {
      type: 'object',
      properties: {
        topic: { type: 'string', description: '主题分类' },
        repealedOn: { type: ['string', 'null'], format: 'date' },
        lapsedOn: { type: ['string', 'null'], format: 'date' },
        revisedOn: { type: ['string', 'null'], format: 'date' },
        withdrawal: { type: ['object', 'null'], properties: { at: { type: 'string', format: 'date-time' }, reason: { type: 'string' } }, description: '撤回的时间和原因' },
        correction: { type: ['object', 'null'], properties: { at: { type: 'string', format: 'date-time' }, note: { type: 'string' } }, description: '更正的时间和说明' },
        blocks: { type: 'array', description: '正文（纯文本分块：heading / paragraph / list，显示时须转义）；已撤回的为空', items: { type: 'object' } },
        html: { type: 'string', description: '导入的正文 HTML（已净化）；正文为分块时为空' },
        attachments: { type: 'array', items: { type: 'object', properties: { id: { type: 'integer' }, fileName: { type: 'string' }, mediaType: { type: 'string' }, size: { type: 'integer' }, url: { type: 'string' } } } },
        interprets: link,
        interpretations: { type: 'array', items: link, description: '本文件的政策解读' },
        supersededBy: link,
        supersedes: { type: 'array', items: link },
      },
    },
  ],
} as const;

export const PUBLIC_CATALOGUE_PATHS = {
  '/public/agencies/{code}/items': {
    get: {
      summary: '机关主动公开的政府信息（公开、只读、无需令牌），按发布日期从新到旧，游标分页',
      security: [],
      parameters: [
        code,
        { name: 'category', in: 'query', required: false, schema: { type: 'string' }, description: '信息类别代码' },
        { name: 'year', in: 'query', required: false, schema: { type: 'string', pattern: '^\\d{4}$' }, description: '发布年份' },
        { name: 'docNumber', in: 'query', required: false, schema: { type: 'string' }, description: '文号或其尾部，如〔2024〕3号' },
        { name: 'limit', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 } },
        { name: 'after', in: 'query', required: false, schema: { type: 'string' }, description: '上一次结果的 next（下一页）' },
        { name: 'before', in: 'query', required: false, schema: { type: 'string' }, description: '上一次结果的 prev（上一页）' },
      ],
      responses: {
        '200': {
          description: '一页信息',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['agency', 'items', 'next', 'prev'],
                properties: {
                  agency: { type: 'object', properties: { code: { type: 'string' }, name: { type: 'string' } } },
                  items: { type: 'array', items: listItem },
                  next: { type: ['string', 'null'] },
                  prev: { type: ['string', 'null'] },
                },
              },
            },
          },
        },
        '400': { description: '查询参数无效（INVALID_QUERY）', content: error },
        '404': { description: '机关不存在', content: error },
      },
    },
  },
  '/public/agencies/{code}/items/{id}': {
    get: {
      summary: '一条主动公开的政府信息（含正文、附件、政策解读、撤回和更正记录）',
      security: [],
      parameters: [code, { name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
      responses: {
        '200': { description: '信息', content: { 'application/json': { schema: { type: 'object', required: ['item'], properties: { item } } } } },
        '404': { description: '不存在或未公开', content: error },
      },
    },
  },
} as const;
