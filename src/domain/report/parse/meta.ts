// The reporting year, the agency and the sections of a report's text.

import { recognise, squeeze } from './labels.ts';

export interface Sections {
  /** line index of each section heading 一…六 (1-based keys), when found */
  heading: Partial<Record<1 | 2 | 3 | 4 | 5 | 6, number>>;
}

const NUMERALS = ['一', '二', '三', '四', '五', '六'];

/** Find the headings 一、总体情况 … 六、其他需要报告的事项 (each the first time it stands on its own line). */
export function findSections(lines: readonly string[]): Sections {
  const heading: Sections['heading'] = {};
  lines.forEach((line, i) => {
    if (line.length > 60 || line.includes('\t')) return;
    const s = squeeze(line.replace(/[|｜]/g, ''));
    const m = /^([一二三四五六])[、.．]/.exec(s);
    if (!m) return;
    const n = (NUMERALS.indexOf(m[1] ?? '') + 1) as 1 | 2 | 3 | 4 | 5 | 6;
    const label = recognise(s);
    if (label?.kind === 'section' && Number(label.id) === n && heading[n] === undefined) heading[n] = i;
  });
  return { heading };
}

/** The prose between two headings: paragraphs (non-empty lines, trimmed) joined by "\n"; null when absent. */
export function prose(lines: readonly string[], from: number | undefined, to: number | undefined): string | null {
  if (from === undefined) return null;
  const body = lines
    .slice(from + 1, to ?? lines.length)
    .map((l) => l.trim())
    .filter((l) => l !== '');
  return body.length > 0 ? body.join('\n') : null;
}

const YEAR_RANGE = (y: number) => y >= 2008 && y <= 2100;

/** The reporting year (统计期限), not the year of publication. */
export function findYear(text: string, overview: string | null): number | null {
  const t = text.normalize('NFKC').replace(/[ \t\u00a0\u3000]+/g, '');
  const candidates: RegExp[] = [
    // 统计期限自2023年1月1日起至2023年12月31日止
    /(\d{4})年1月1日(?:起)?(?:至|到|—|-|~)(?:(\d{4})年)?12月31日/,
    // 中卫市机关事务服务中心2024年政府信息公开工作年度报告
    /(\d{4})年度?(?:政府信息公开|政务公开|信息公开)(?:工作)?(?:年度)?(?:报告|年报)/,
    // 截止2023年12月31日
    /(?:截止|截至|截止到)(\d{4})年12月31日/,
  ];
  for (const re of candidates) {
    const m = re.exec(t);
    const y = m ? Number(m[2] ?? m[1]) : NaN;
    if (YEAR_RANGE(y)) return y;
  }
  // "2023年,我局…" — the first year the overview speaks of
  const m = /(20\d{2})年/.exec((overview ?? '').normalize('NFKC'));
  const y = m ? Number(m[1]) : NaN;
  return YEAR_RANGE(y) ? y : null;
}

const REPORT_TITLE = /^\s*(?:关于)?[《<]?\s*(.{2,40}?)\s*[\(（]?\s*(\d{4})\s*[\)）]?\s*年度?\s*(?:政府信息公开|政务公开|信息公开)(?:工作)?(?:年度)?(?:报告|年报)/;
const REPORT_MENTION = /(?:编制|公布|发布|印发|公开|现将|特将)[了]?《?([^《》，。,、\s]{2,40}?)\s*(\d{4})\s*年度?\s*(?:政府信息公开|政务公开|信息公开)(?:工作)?(?:年度)?(?:报告|年报)/;

/** The reporting agency as the report names itself: from its title, or from the sentence that presents it. */
export function findAgency(lines: readonly string[], head: number): string | null {
  for (const line of lines.slice(0, head)) {
    if (line.length > 80) continue;
    const m = REPORT_TITLE.exec(line.normalize('NFKC'));
    const name = clean(m?.[1]);
    if (name) return name;
  }
  for (const line of lines.slice(0, head)) {
    const m = REPORT_MENTION.exec(line.normalize('NFKC'));
    const name = clean(m?.[1]);
    if (name) return name;
  }
  return null;
}

function clean(name: string | undefined): string | null {
  if (!name) return null;
  const n = name.replace(/^[《<"“\s]+|[》>"”\s]+$/g, '').replace(/\s+/g, '');
  // words that are not a name: the title of a generic page, a date, a site path
  if (n.length < 2 || /[>:：]|首页|当前位置|^\d|^本|^我/.test(n)) return null;
  return n;
}
