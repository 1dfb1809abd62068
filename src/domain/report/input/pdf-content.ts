// What a PDF page holds for the report reader, as plain data: the positioned text items and the ruling
// lines (table borders) that services/pdf/read.ts takes out of the file with pdfjs-dist. Coordinates are
// PDF user space in points: x to the right, y upwards from the bottom of the page.

export interface PdfTextItem {
  text: string;
  /** left end of the item */
  x: number;
  /** baseline */
  y: number;
  width: number;
  /** font size (the glyphs' height) */
  height: number;
}

/** A filled thin rectangle or a stroked straight segment: a table border, an underline. */
export interface PdfRule {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface PdfPageContent {
  width: number;
  height: number;
  items: PdfTextItem[];
  rules: PdfRule[];
}

/**
 * Characters PDF text extraction gives for the ideographs a CJK font draws with the same glyph: Chromium's
 * PDFs map 一 to the Kangxi radical ⼀ (U+2F00), 人 to ⼈, 民 to ⺠, 页 to ⻚ … (the lowest code point of the
 * glyph). Kangxi radicals, CJK compatibility ideographs and Latin ligatures are NFKC-normalised; the CJK
 * radicals supplement has no NFKC form, so its radicals go to the ideograph Noto CJK draws them as (the
 * table below, read from the fonts' cmaps). The rest of the text is left as it is: the full-width
 * punctuation of Chinese prose (，（）：) is what the report wrote, and NFKC would make it ASCII.
 */
const COMPATIBILITY = /[\u2f00-\u2fdf\uf900-\ufaff\ufb00-\ufb06]|[\u{2f800}-\u{2fa1f}]/gu;

/** Pairs: radical, ideograph (fonts-noto-cjk, SC/TC/JP/KR/HK faces). */
const RADICAL_PAIRS = '⺂乛⺃乚⺅亻⺇𠘨⺉刂⺋㔾⺍𭕄⺎兀⺏尣⺐尢⺒巳⺓幺⺔彑⺕彐⺖忄⺘扌⺙攵⺛旡⺞歺⺠民⺡氵⺣灬⺤爫⺦丬⺨犭⺩𤣩⺫罒⺭礻⺮𥫗⺯糹⺰纟⺱罓⺲罒⺳㓁⺹耂⺺肀⺽𦥑⺾艹⺿艹⻁虎⻂衤⻃覀⻄西⻅见⻆角⻇𧢲⻈讠⻉贝⻊𧾷⻋车⻌辶⻍辶⻎辶⻐钅⻑長⻒镸⻓长⻔门⻕𨸏⻖阝⻘青⻙韦⻚页⻛风⻜飞⻝食⻞𩙿⻟飠⻠饣⻡𩠐⻢马⻣骨⻤鬼⻥鱼⻦鸟⻧卤⻨麦⻩黄⻪黾⻫斉⻬齐⻭歯⻮齿⻯竜⻰龙⻱龜⻲亀';

const RADICALS: ReadonlyMap<string, string> = (() => {
  const chars = [...RADICAL_PAIRS];
  const map = new Map<string, string>();
  for (let i = 0; i + 1 < chars.length; i += 2) map.set(chars[i] ?? '', chars[i + 1] ?? '');
  return map;
})();

const SUPPLEMENT = /[\u2e80-\u2eff]/gu;

export function normalisePdfText(text: string): string {
  return text.replace(COMPATIBILITY, (c) => c.normalize('NFKC')).replace(SUPPLEMENT, (c) => RADICALS.get(c) ?? c.normalize('NFKC'));
}

/** What a PDF reader (services/pdf/read.ts) answers: the pages, or why the file cannot be read. */
export type PdfReading = { ok: true; pages: PdfPageContent[] } | { ok: false; error: { code: string; message: string } };

/** Reads a PDF's pages; given to the pure readers by the caller (the parse worker), which owns pdfjs-dist. */
export type PdfReader = (bytes: Uint8Array) => Promise<PdfReading>;
