// The default rubric (默认评分细则): what an office starts from and may edit (rubric.ts validates the
// edit). The weights are judgement, not law: docs/oversight-rubric.md gives the reason for each and
// marks the readings. Vetoes (单项否决, score 0): nothing to score (not published, unreadable, the wrong
// year, no table at all). Deductions by category, each category capped, so that one kind of fault
// cannot alone take the whole score: completeness 60, timeliness 30, accuracy 40, consistency 20.
// Not deducted: PARSE (how our parser read the text, not the agency's doing), DATE_UNKNOWN and
// PUBLISHED_EARLY (the office establishes the date; the warning asks it to), NO_PREVIOUS and
// NOT_YET_DUE's information.

import type { Rubric } from './rubric.ts';

export const DEFAULT_RUBRIC: Rubric = {
  version: 1,
  title: '政府信息公开工作年度报告质量评分细则（默认）',
  full: 100,
  passMark: 60,
  vetoes: [
    {
      id: 'no-report',
      label: '未发布年度报告，或报告无法读取',
      codes: ['NOT_PUBLISHED', 'NOT_YET_DUE', 'UNREADABLE'],
      basis: '条例第四十九条；解读：没有可核对的报告就无从评分',
    },
    { id: 'wrong-year', label: '所收集的不是该年度的报告', codes: ['YEAR_MISMATCH'], basis: '解读：不能以其他年度的报告评分' },
    {
      id: 'no-tables',
      label: '报告没有任何统计表格',
      codes: ['NO_TABLES'],
      basis: '条例第五十条；国办公开办函〔2021〕30号（年度报告格式的表二、表三、表四）',
    },
  ],
  categories: [
    { id: 'completeness', label: '完整性', max: 60 },
    { id: 'timeliness', label: '及时性', max: 30 },
    { id: 'accuracy', label: '准确性', max: 40 },
    { id: 'consistency', label: '一致性', max: 20 },
  ],
  rules: [
    {
      id: 'table-missing',
      label: '缺少统计表或整表空白（每张表）',
      category: 'completeness',
      codes: ['TABLE_MISSING', 'TABLE_BLANK'],
      per: 'finding',
      points: 25,
      max: 50,
      basis: '国办公开办函〔2021〕30号（表二、表三、表四）',
    },
    {
      id: 'section-missing',
      label: '缺少“总体情况”“存在的主要问题及改进情况”或“其他需要报告的事项”（每部分）',
      category: 'completeness',
      codes: ['SECTION'],
      per: 'finding',
      points: 10,
      max: 30,
      basis: '条例第五十条；国办公开办函〔2021〕30号（六个部分）',
    },
    {
      id: 'blank-cells',
      label: '单元格空白、未填写数字（每行）',
      category: 'completeness',
      codes: ['BLANK'],
      per: 'finding',
      points: 2,
      max: 20,
      basis: '解读：空白不等于0，无法核对（domain.md §2.3–2.5）',
    },
    {
      id: 'missing-cells',
      label: '单元格在文本中缺失（每处）',
      category: 'completeness',
      codes: ['MISSING'],
      per: 'finding',
      points: 2,
      max: 10,
      basis: '解读：表格部分为图片或被截断，无法核对',
    },
    {
      id: 'late',
      label: '逾期发布（每逾期1天）',
      category: 'timeliness',
      codes: ['LATE'],
      per: 'day',
      points: 1,
      max: 30,
      basis: '条例第四十九条（部门1月31日前、本级政府3月31日前；乡镇、街道按本地规定）',
    },
    {
      id: 'arithmetic',
      label: '表内勾稽关系不成立（每处）',
      category: 'accuracy',
      codes: ['R1', 'R3', 'R4', 'R6'],
      per: 'finding',
      points: 5,
      max: 30,
      basis: '国办公开办函〔2021〕30号表三表头注（R1）；解读：由表格结构推出的R3、R4、R6',
    },
    {
      id: 'invalid-values',
      label: '数值无效：负数、件数为小数或不是数字（每处）',
      category: 'accuracy',
      codes: ['R7'],
      per: 'finding',
      points: 3,
      max: 15,
      basis: '解读：件数为非负整数，收费金额可为小数（domain.md §2.6 R7）',
    },
    {
      id: 'carried-over',
      label: '与上一年度“结转下年度继续办理”不衔接（每列）',
      category: 'consistency',
      codes: ['X1'],
      per: 'finding',
      points: 5,
      max: 15,
      basis: '解读：上年“四、结转下年度继续办理”应等于本年“二、上年结转”（domain.md §2.6 R5）',
    },
    {
      id: 'in-force',
      label: '现行有效件数与上一年度不衔接（每行）',
      category: 'consistency',
      codes: ['X2'],
      per: 'finding',
      points: 2,
      max: 4,
      basis: '解读：现行有效 ≈ 上年现行有效 + 本年制发 − 本年废止（有效期届满等可造成差异）',
    },
    {
      id: 'prose-vs-tables',
      label: '正文所述数字与表格不符（每处）',
      category: 'consistency',
      codes: ['P1'],
      per: 'finding',
      points: 2,
      max: 10,
      basis: '解读：正文与表格应一致',
    },
  ],
};
