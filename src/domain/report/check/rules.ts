// The rules a report is checked against: severity, title and source of each (domain.md §2.6).

import type { RuleId, Severity } from '../types.ts';

export interface RuleInfo {
  severity: Severity;
  /** in Chinese */
  title: string;
  /** where the rule comes from */
  source: string;
}

export const RULES: Record<RuleId, RuleInfo> = {
  R1: {
    severity: 'error',
    title: '第一项加第二项之和等于第三项加第四项之和（表三每一列）',
    source: '国办公开办函〔2021〕30号 表三表头注（domain.md §2.6 R1）',
  },
  R2: {
    severity: 'error',
    title: '区分处理的只计入“部分公开”，不计其他情形（仅凭表格数字无法核对）',
    source: '国办公开办函〔2021〕30号 表三（二）行注（domain.md §2.6 R2）',
  },
  R3: { severity: 'error', title: '表三每一行的总计等于各类申请人之和', source: 'DERIVED domain.md §2.6 R3' },
  R4: { severity: 'error', title: '表三（七）总计等于（一）至（六）各项办理结果之和', source: 'DERIVED domain.md §2.6 R4' },
  R5: {
    severity: 'error',
    title: '本年“结转下年度继续办理”等于下一年度“上年结转”（跨年度核对，见X1）',
    source: 'DERIVED domain.md §2.6 R5',
  },
  R6: { severity: 'error', title: '表四每组的总计等于结果维持、结果纠正、其他结果、尚未审结之和', source: 'DERIVED domain.md §2.6 R6' },
  R7: {
    severity: 'error',
    title: '单元格为非负整数（收费金额可为小数，2019年格式“本年增/减”可为负数）',
    source: 'DERIVED domain.md §2.6 R7, §2.7',
  },
  BLANK: { severity: 'error', title: '单元格未填写数字', source: 'DERIVED domain.md §2.3–2.5（空白单元格无法核对）' },
  MISSING: { severity: 'warning', title: '单元格在文本中缺失（文本截断或表格为图片）', source: '解析结果 CellStatus missing（types.ts）' },
  X1: {
    severity: 'error',
    title: '上一年度“结转下年度继续办理”等于本年度“上年结转”',
    source: 'DERIVED domain.md §2.6 R5',
  },
  X2: {
    severity: 'warning',
    title: '现行有效件数 ≈ 上年现行有效件数 + 本年制发件数 − 本年废止件数',
    source: 'DERIVED domain.md §2.3（有效期届满、修订等可造成差异）',
  },
  P1: { severity: 'warning', title: '正文所述数字与表格不符', source: 'DERIVED（正文与表格应一致）' },
  SECTION: {
    severity: 'error',
    title: '“一、总体情况”“五、存在的主要问题及改进情况”“六、其他需要报告的事项”须有内容（发布时检查）',
    source: '条例第五十条；国办公开办函〔2021〕30号（domain.md §1.5、§2.2）',
  },
};

