// 索引号: generated per agency and year from the agency's 统一社会信用代码 (or its code), the category
// and a sequence that only grows (services/catalogue/items.ts takes it from the counters table, so a
// number is never reused, even when a draft is deleted). The format is an agency setting.

/** The default: 11640500MB1234567X/2024-00017 (the common form on government portals). */
export const DEFAULT_INDEX_FORMAT = '{org}/{year}-{seq:5}';

export interface IndexNumberParts {
  /** the 统一社会信用代码, or the agency's code when it has none */
  org: string;
  year: number;
  /** the 信息类别 code: 'a20-1' … or 'own:<code>' */
  category: string;
  seq: number;
}

const PLACEHOLDER = /\{(org|year|cat|seq)(?::(\d{1,2}))?\}/g;

/** Why a format cannot be used (Chinese), or null when it can. It must hold {seq} and {year} so numbers never repeat. */
export function indexFormatProblem(format: string): string | null {
  if (format.length === 0 || format.length > 80) return '索引号格式的长度应为1至80个字符。';
  if (!format.includes('{seq')) return '索引号格式必须包含序号 {seq}（可写作 {seq:5}，表示补足5位），否则索引号会重复。';
  if (!format.includes('{year}')) return '索引号格式必须包含年份 {year}：序号按年编排，没有年份的索引号会重复。';
  const stripped = format.replace(PLACEHOLDER, '');
  if (/[{}]/.test(stripped)) return '索引号格式中只能使用 {org}、{year}、{cat}、{seq} 或 {seq:位数} 这几个占位符。';
  if (/[\s<>"'&]/.test(stripped)) return '索引号格式中不能含有空格或 < > " \' & 等字符。';
  return null;
}

/** A category code as it appears in a 索引号: '01' … '15' for 第二十条's items, the own code otherwise. */
export function categoryToken(category: string): string {
  const m = /^a20-(\d{1,2})$/.exec(category);
  if (m) return m[1]!.padStart(2, '0');
  return category.startsWith('own:') ? category.slice(4) : category;
}

/** The 索引号 of the parts under a format (assumed valid: indexFormatProblem(format) === null). */
export function formatIndexNumber(format: string, parts: IndexNumberParts): string {
  return format.replace(PLACEHOLDER, (_all, name: string, width: string | undefined) => {
    const w = width === undefined ? 0 : Number(width);
    switch (name) {
      case 'org':
        return parts.org;
      case 'year':
        return String(parts.year);
      case 'cat':
        return categoryToken(parts.category);
      default:
        return String(parts.seq).padStart(w, '0');
    }
  });
}
