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
 * PDFs name each glyph by the lowest code point that maps to it, so 一 comes out as the Kangxi radical ⼀
 * (U+2F00), 人 as ⼈, 民 as ⺠, 页 as ⻚, 户 as ⼾ … RADICAL_PAIRS maps every radical (Kangxi radicals
 * and the CJK radicals supplement) to the ideograph sharing its glyph in the Simplified Chinese faces of
 * fonts-noto-cjk (read from their cmaps) — NFKC would give 戶 for ⼾, and the supplement has no NFKC form;
 * CJK compatibility ideographs and Latin ligatures are NFKC-normalised. The rest of the text is left as it
 * is: the full-width punctuation of Chinese prose (，（）：) is what the report wrote, and NFKC would make
 * it ASCII.
 */
const RADICAL_PAIRS =
  '⺂乛⺃乚⺅亻⺇𠘨⺉刂⺋㔾⺍𭕄⺎兀⺏尣⺐尢⺒巳⺓幺⺔彑⺕彐⺖忄⺘扌⺙攵⺛旡⺞歺⺟母⺠民⺡氵⺣灬⺤爫⺦丬⺨犭⺩𤣩⺫罒⺭礻⺮𥫗⺯糹⺰纟⺱罓⺲罒⺳㓁⺹耂⺺肀⺽𦥑⺾艹⻁虎⻂衤⻃覀⻅见⻆角⻇𧢲⻈讠⻉贝⻊𧾷⻋车⻌辶⻐钅⻑長⻒镸⻓长⻔门⻕𨸏⻖阝⻘青⻙韦⻚页⻛风⻜飞⻝食⻞𩙿⻟飠⻠饣⻡𩠐⻢马⻣骨⻤鬼⻥鱼⻦鸟⻧卤⻨麦⻩黄⻪黾⻫斉⻬齐⻮齿⻯竜⻰龙⻱龜⻲亀⻳龟⼀一⼁丨⼂丶⼃丿⼄乙⼅亅⼆二⼇亠⼈人⼉儿⼊入⼋八⼌冂⼍冖⼎冫⼏几⼐凵⼑刀⼒力⼓勹⼔匕⼕匚⼖匸⼗十⼘卜⼙卩⼚厂⼛厶⼜又⼝口⼞囗⼟土⼠士⼡夂⼢夊⼣夕⼤大⼥女⼦子⼧宀⼨寸⼩小⼪尢⼫尸⼬屮⼭山⼮巛⼯工⼰己⼱巾⼲干⼳幺⼴广⼵廴⼶廾⼷弋⼸弓⼺彡⼻彳⼼心⼽戈⼾户⼿手⽀支⽁攴⽂文⽃斗⽄斤⽅方⽆无⽇日⽈曰⽉月⽊木⽋欠⽌止⽍歹⽎殳⽏毋⽐比⽑毛⽒氏⽓气⽔水⽕火⽖爪⽗父⽘爻⽙爿⽚片⽛牙⽜牛⽝犬⽞玄⽟玉⽠瓜⽡瓦⽢甘⽣生⽤用⽥田⽦疋⽧疒⽨癶⽩白⽪皮⽫皿⽬目⽭矛⽮矢⽯石⽰示⽱禸⽲禾⽳穴⽴立⽵竹⽶米⽷糸⽸缶⽹网⽺羊⽻羽⽼老⽽而⽾耒⽿耳⾀聿⾁肉⾂臣⾃自⾄至⾅臼⾆舌⾇舛⾈舟⾉艮⾊色⾋艸⾌虍⾍虫⾎血⾏行⾐衣⾑襾⾒見⾔言⾕谷⾖豆⾗豕⾘豸⾙貝⾚赤⾛走⾜足⾝身⾞車⾟辛⾠辰⾡辵⾢邑⾣酉⾤釆⾥里⾦金⾧長⾨門⾩阜⾪隶⾫隹⾬雨⾭靑⾮非⾯面⾰革⾱韋⾲韭⾳音⾴頁⾵風⾶飛⾷食⾸首⾹香⾺馬⾼高⾽髟⾾鬥⾿鬯⿀鬲⿁鬼⿂魚⿃鳥⿄鹵⿅鹿⿆麥⿇麻⿈黃⿉黍⿊黑⿋黹⿌黽⿍鼎⿎鼓⿏鼠⿐鼻⿑齊⿒齒⿓龍⿕龠';

const RADICALS: ReadonlyMap<string, string> = (() => {
  const chars = [...RADICAL_PAIRS];
  const map = new Map<string, string>();
  for (let i = 0; i + 1 < chars.length; i += 2) map.set(chars[i] ?? '', chars[i + 1] ?? '');
  return map;
})();

const COMPATIBILITY = /[\u2e80-\u2fdf\uf900-\ufaff\ufb00-\ufb06]|[\u{2f800}-\u{2fa1f}]/gu;

export function normalisePdfText(text: string): string {
  return text.replace(COMPATIBILITY, (c) => RADICALS.get(c) ?? c.normalize('NFKC'));
}

/** What a PDF reader (services/pdf/read.ts) answers: the pages, or why the file cannot be read. */
export type PdfReading = { ok: true; pages: PdfPageContent[] } | { ok: false; error: { code: string; message: string } };

/** Reads a PDF's pages; given to the pure readers by the caller (the parse worker), which owns pdfjs-dist. */
export type PdfReader = (bytes: Uint8Array) => Promise<PdfReading>;
