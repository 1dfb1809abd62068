// Traditional → Simplified Chinese, only when the text is Traditional: a cheap count of common
// Traditional-only characters decides; opencc-js (t2cn build, Taiwan variants) converts.

import * as OpenCC from 'opencc-js/t2cn';

/**
 * Frequent characters whose Simplified form differs, none of them used in Simplified text
 * (each converts under OpenCC t→cn; none occurs in the Simplified report fixtures).
 */
const TRADITIONAL_ONLY = new Set(
  '與體開請數處國關這會從說實際報條項審結變議權發總類應為們來時過還當後無點現對進區況務資經機構門辦並個規範產層領導屬據償論專'.split(''),
);

/** At least this many Traditional-only characters… */
const MIN_TRADITIONAL = 2;
/** …making up at least this share of the CJK characters. */
const MIN_SHARE = 0.02;

let converter: ((text: string) => string) | undefined;

function convert(text: string): string {
  const run = converter ?? (converter = OpenCC.Converter({ from: 'tw', to: 'cn' }));
  return run(text);
}

export function isTraditional(text: string): boolean {
  let cjk = 0;
  let traditional = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x3400 || code > 0x9fff) continue;
    cjk++;
    if (TRADITIONAL_ONLY.has(text.charAt(i))) traditional++;
  }
  return traditional >= MIN_TRADITIONAL && traditional >= cjk * MIN_SHARE;
}

export function toSimplified(text: string): { text: string; converted: boolean } {
  if (typeof text !== 'string' || !isTraditional(text)) return { text, converted: false };
  try {
    return { text: convert(text), converted: true };
  } catch {
    return { text, converted: false };
  }
}
