// The problems a report named in its section 五 (存在的主要问题及改进情况), read from its prose so next
// year's report can say what became of each. Real reports enumerate them "一是……。二是……。" before the
// improvement measures ("下一步……", "改进措施……"); the measures are not problems and are left out. A text
// that enumerates nothing gives nothing (the office enters the problems by hand). Pure.

const ORDINALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** Where the measures begin: the problems are before it. */
const MEASURES = /下一步|下步工作|改进措施|整改措施|今后|针对上述问题|针对以上问题/;

/** A part of the text with its formatting (Markdown bold, spaces) removed. */
function clean(s: string): string {
  return s
    .replace(/\*+/g, '')
    .replace(/[ \t\u00a0\u3000]+/g, '')
    .replace(/^[：:，,、。；;]+/, '')
    .trim();
}

/** "一是X。二是Y。" → [X, Y]: each item up to the next ordinal, its closing 。 kept off. */
function enumerated(text: string): string[] {
  const marks: { at: number; len: number; n: number }[] = [];
  for (const m of text.matchAll(/(?:^|[。；;：:\n*\s])\**([一二三四五六七八九十])是/g)) {
    const n = ORDINALS.indexOf(m[1] as string);
    const at = (m.index ?? 0) + m[0].length - 2;
    marks.push({ at, len: 2, n });
  }
  // a run starting at 一 and counting up
  const run: typeof marks = [];
  for (const m of marks) {
    if (m.n === run.length) run.push(m);
    else if (m.n === 0 && run.length < 2) run.splice(0, run.length, m);
  }
  if (run.length === 0) return [];
  return run.map((m, i) => {
    const end = i + 1 < run.length ? (run[i + 1] as { at: number }).at : text.length;
    return clean(text.slice(m.at + m.len, end)).replace(/[。；;，,\s*]+$/, '');
  });
}

/** The problems section 五 named (before its measures), in order; [] when it enumerates none. */
export function problemsNamed(section: string | null | undefined): string[] {
  if (!section) return [];
  const text = section;
  const cut = text.search(MEASURES);
  const before = cut > 0 ? text.slice(0, cut) : text;
  return enumerated(before).filter((p) => p.length >= 4);
}
