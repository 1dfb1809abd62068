// GB/T 9704 (党政机关公文格式) conventions shared by the annual report and the notices: A4, margins
// 37/26/35/28 mm, 22 lines a page, title 方正小标宋简体 二号 (22pt), body 仿宋_GB2312 三号 (16pt),
// headings 黑体. OOXML cannot list fallback fonts: each Chinese face is written with the face Word may
// take in its place (fontTable altName); Latin text is Times New Roman. The Word packing (page numbers,
// the section) is gbt9704-docx.ts: it loads the docx library, which HTML and PDF never need.

export const LATIN = 'Times New Roman';

export const DOCX_FONTS = {
  title: { ascii: LATIN, hAnsi: LATIN, cs: LATIN, eastAsia: '方正小标宋简体' },
  heading: { ascii: LATIN, hAnsi: LATIN, cs: LATIN, eastAsia: '黑体' },
  body: { ascii: LATIN, hAnsi: LATIN, cs: LATIN, eastAsia: '仿宋_GB2312' },
} as const;

/** Chinese faces of the font table, with the face Word may take in their place. */
const FONT_TABLE: { name: string; altName: string; family: string; pitch: string }[] = [
  { name: '仿宋_GB2312', altName: '仿宋', family: 'modern', pitch: 'fixed' },
  { name: '方正小标宋简体', altName: '宋体', family: 'script', pitch: 'fixed' },
  { name: '黑体', altName: 'SimHei', family: 'modern', pitch: 'fixed' },
  { name: '宋体', altName: 'SimSun', family: 'auto', pitch: 'variable' },
  { name: LATIN, altName: 'Times', family: 'roman', pitch: 'variable' },
];

/** Sizes in half-points: 二号 22pt, 三号 16pt, 四号 14pt (the page number), tables 五号 10.5pt. */
export const SIZE = { title: 44, body: 32, pageNumber: 28, table: 21 } as const;

export const mm = (v: number): number => Math.round((v * 1440) / 25.4);

/** A4 and the margins (top 37mm, bottom 35mm, left 28mm, right 26mm), in twips. */
export const PAGE = { width: 11906, height: 16838, top: mm(37), bottom: mm(35), left: mm(28), right: mm(26) };

/** 22 lines to the 225mm text height. */
export const LINE = Math.round(mm(297 - 37 - 35) / 22);

export const xml = (s: string): string => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);

export function fontTableXml(): string {
  const fonts = FONT_TABLE.map(
    (f) =>
      `<w:font w:name="${xml(f.name)}"><w:altName w:val="${xml(f.altName)}"/>` +
      `<w:charset w:val="${f.name === LATIN ? '00' : '86'}"/><w:family w:val="${f.family}"/><w:pitch w:val="${f.pitch}"/></w:font>`,
  ).join('');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">${fonts}</w:fonts>`;
}

/** Document properties without the creation time the docx library would take from the clock. */
export function corePropertiesXml(title: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><cp:coreProperties ' +
    'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" ' +
    'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:title>${xml(title)}</dc:title><dc:language>zh-CN</dc:language></cp:coreProperties>`
  );
}

/** The printable page's CSS for an article of class `cls`, with its title's bottom margin. */
export function pageCss(cls: string, titleMargin: string): string {
  return `
@page { size: A4; margin: 37mm 26mm 35mm 28mm; }
html { background: #fff; color: #000; }
body { margin: 0; }
.${cls} { max-width: 156mm; margin: 0 auto; padding: 2em 1em;
  font-family: "仿宋_GB2312", "FangSong_GB2312", "仿宋", FangSong, STFangsong, "Times New Roman", serif;
  font-size: 16pt; line-height: 1.75; }
.${cls} h1 { font-family: "方正小标宋简体", "FZXiaoBiaoSong-B05S", "华文中宋", STZhongsong, "宋体", SimSun, serif;
  font-size: 22pt; font-weight: normal; text-align: center; line-height: 1.5; margin: ${titleMargin}; }
.${cls} p { margin: 0; text-indent: 2em; text-align: justify; }`;
}
