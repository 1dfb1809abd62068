// The catalogue's fixed vocabularies: the fifteen items of 条例第二十条 (信息类别), the 文件类型, the
// 有效性 values, the 公开属性 and the articles a 不予公开 decision cites, and the common
// 国务院公文主题分类 that is every agency's 主题分类 until it sets its own list.

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五'];

/** 条例第二十条第（一）…（十五）项, as 信息类别 codes 'a20-1' … 'a20-15'. */
export const ARTICLE_20_ITEMS: readonly { code: string; numeral: string; name: string }[] = [
  '行政法规、规章和规范性文件',
  '机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名',
  '国民经济和社会发展规划、专项规划、区域规划及相关政策',
  '国民经济和社会发展统计信息',
  '办理行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果',
  '实施行政处罚、行政强制的依据、条件、程序以及本行政机关认为具有一定社会影响的行政处罚决定',
  '财政预算、决算信息',
  '行政事业性收费项目及其依据、标准',
  '政府集中采购项目的目录、标准及实施情况',
  '重大建设项目的批准和实施情况',
  '扶贫、教育、医疗、社会保障、促进就业等方面的政策、措施及其实施情况',
  '突发公共事件的应急预案、预警信息及应对情况',
  '环境保护、公共卫生、安全生产、食品药品、产品质量的监督检查情况',
  '公务员招考的职位、名额、报考条件等事项以及录用结果',
  '法律、法规、规章和国家有关规定规定应当主动公开的其他政府信息',
].map((name, i) => ({ code: `a20-${i + 1}`, numeral: NUMERALS[i]!, name }));

/** A category code's label: '第二十条第（一）项 行政法规、规章和规范性文件' or the agency's own name. */
export function article20Label(code: string): string | null {
  const item = ARTICLE_20_ITEMS.find((c) => c.code === code);
  return item ? `第二十条第（${item.numeral}）项` : null;
}

export const OWN_CATEGORY_PREFIX = 'own:';

/** 文件类型. 规章 and 行政规范性文件 make the register (table 二, 第二十条第（一）项). */
export const DOC_TYPES = ['规章', '行政规范性文件', '其他文件', '工作动态', '政策解读', '通知公告', '规划计划', '统计数据', '财政信息', '人事信息', '其他'] as const;
export type DocType = (typeof DOC_TYPES)[number];
export const REGISTER_DOC_TYPES: readonly DocType[] = ['规章', '行政规范性文件'];
export const INTERPRETATION_DOC_TYPE: DocType = '政策解读';

/** 有效性 of a 规章/行政规范性文件. */
export const VALIDITIES = ['有效', '失效', '废止', '已修订'] as const;
export type Validity = (typeof VALIDITIES)[number];

/** 公开属性 (国办发〔2016〕80号 实施细则: set at drafting). */
export const DISCLOSURES = ['主动公开', '依申请公开', '不予公开'] as const;
export type Disclosure = (typeof DISCLOSURES)[number];

/** The articles a 不予公开 decision cites (第十四、十五、十六条); 依申请公开 cites none (第十三条). */
export const WITHHOLDING_ARTICLES: readonly { code: string; label: string }[] = [
  { code: '14', label: '第十四条（国家秘密、法律行政法规禁止公开、危及“三安全一稳定”）' },
  { code: '15', label: '第十五条（商业秘密、个人隐私等，公开会对第三方合法权益造成损害）' },
  { code: '16-1', label: '第十六条第一款（内部事务信息）' },
  { code: '16-2', label: '第十六条第二款（过程性信息、行政执法案卷信息）' },
];

/** 保密审查 conclusions (第十七条). Only 不涉密 lets an item be published. */
export const SECRECY_CONCLUSIONS = ['不涉密', '涉密', '需报请审查'] as const;
export type SecrecyConclusion = (typeof SECRECY_CONCLUSIONS)[number];

/** 清理 conclusions per document. */
export const CLEANUP_CONCLUSIONS = ['继续有效', '修改', '废止', '宣布失效'] as const;
export type CleanupConclusion = (typeof CLEANUP_CONCLUSIONS)[number];

/** States of an item. */
export const ITEM_STATES = ['draft', 'in_review', 'approved', 'scheduled', 'published', 'withdrawn'] as const;
export type ItemState = (typeof ITEM_STATES)[number];
export const ITEM_STATE_LABELS: Record<ItemState, string> = {
  draft: '草稿',
  in_review: '审核中',
  approved: '已签发',
  scheduled: '定时发布',
  published: '已发布',
  withdrawn: '已撤回',
};

/** The common 国务院公文主题分类 (first level), the default 主题分类 list. */
export const DEFAULT_TOPICS: readonly string[] = [
  '综合政务',
  '国民经济管理、国有资产监管',
  '财政、金融、审计',
  '国土资源、能源',
  '农业、林业、水利',
  '工业、交通',
  '商贸、海关、旅游',
  '市场监管、安全生产监管',
  '城乡建设、环境保护',
  '科技、教育',
  '文化、广电、新闻出版',
  '卫生、体育',
  '人口与计划生育、妇女儿童工作',
  '劳动、人事、监察',
  '公安、安全、司法',
  '民政、扶贫、救灾',
  '民族、宗教',
  '对外事务',
  '港澳台侨工作',
  '国防',
  '其他',
];
