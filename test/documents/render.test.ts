// Rendering the notices: every kind filled in (no "{{" left), the 复议前置 paragraph on every DENY_* and
// PARTIAL reply, escaping, the frame (文号, addressee, contact line, the seal block of signature and date),
// and the Word document with its page numbers.

import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { OUTCOMES, type Outcome } from '../../src/domain/applications/types.ts';
import {
  DATE_RIGHT_SPACE,
  DocumentError,
  documentNumber,
  prepareDocument,
  printedWidth,
  renderDocument,
  renderDocumentDocx,
  SEAL_LINES,
  signatureRightSpace,
  type DocumentInput,
} from '../../src/domain/documents/render.ts';
import { LINE, PAGE, SIZE } from '../../src/domain/office/gbt9704.ts';
import { FOOTER_DISTANCE } from '../../src/domain/office/gbt9704-docx.ts';
import { BUILT_IN_TEMPLATES, DOCUMENT_KINDS, PLACEHOLDERS, type DocumentKind } from '../../src/domain/documents/templates.ts';
import { pageFee, pieceFee, type FeeQuote } from '../../src/domain/fees/fees.ts';

const ALL_OUTCOMES = Object.keys(OUTCOMES) as Outcome[];

/** A value for every typed placeholder of every kind. */
const VALUES: Record<string, string> = {
  applicantName: '张三',
  receivedOn: '2024-03-01',
  request: '2023年某路段改造工程的立项批复',
  issuedOn: '2024-03-20',
  contact: '李四，0000-12345678',
  correctionItems: '请写明所需信息的名称、文号或者便于查询的其他特征性描述',
  correctionDeadline: '2024-03-15',
  reason: '所申请的信息数量较多，需要调取、审核',
  workingDays: '20',
  dueOn: '2024-04-30',
  consultee: '某建设有限公司',
  paymentMethod: '通过非税收入缴款平台缴纳',
  reviewBody: '某市人民政府',
  court: '某市某区人民法院',
  responsibleOrgan: '某市住房和城乡建设局',
  responsibleContact: '0000-87654321',
  disclosedPart: '批复正文',
  withheldPart: '附件中的个人身份信息',
  withheldBasis: '条例第十五条',
  deliveryMethod: '电子邮件',
  deliveryPlace: '申请时登记的电子邮箱',
  deliveryTime: '本答复送达之日起',
  // for outcome OTHER, which has no standard wording or basis
  finding: '您已于2024年3月10日撤回申请',
  decision: '本机关终止办理您的该政府信息公开申请',
  basis: '条例第二十九条',
};

/** What the service computes from the clocks (never typed). */
const COMPUTED: Record<string, string> = {
  correctionDeadline: '2024-03-15',
  correctionPeriod: '于2024年3月15日前',
  dueOn: '2024-04-30',
  replyPeriod: '于2024年4月30日前',
  responsePeriod: '自收到本函之日起15个工作日内',
};

const FEE: FeeQuote = (() => {
  const r = pieceFee(11, 25);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
})();

function input(kind: DocumentKind, extra: Partial<DocumentInput> = {}): DocumentInput {
  return {
    kind,
    number: documentNumber('某政公开', 2024, 12),
    agencyName: '某市交通运输局',
    values: { ...VALUES },
    computed: COMPUTED,
    ...(kind === 'fee_notice' ? { fee: FEE } : {}),
    ...(kind === 'reply' ? { outcome: 'OPEN_PROVIDE' as Outcome } : {}),
    ...extra,
  };
}

function refusal(i: DocumentInput) {
  const r = prepareDocument(i);
  if (r.ok) throw new Error('expected a refusal');
  return r.error;
}

describe('documentNumber', () => {
  it('writes 机关代字〔年份〕序号号', () => {
    expect(documentNumber('某政公开', 2024, 12)).toBe('某政公开〔2024〕12号');
    expect(documentNumber(' 某政公开 ', 2025, 1)).toBe('某政公开〔2025〕1号');
  });
  it.each([
    ['', 2024, 1],
    ['某', 24, 1],
    ['某', 2024, 0],
    ['某', 2024, 1.5],
  ])('refuses %j %i %i', (p, y, s) => {
    expect(() => documentNumber(p, y, s)).toThrow(RangeError);
  });
});

describe('renderDocument: every kind, all placeholders filled', () => {
  const cases: [string, DocumentInput][] = [
    ...DOCUMENT_KINDS.filter((k) => k !== 'reply').map((k): [string, DocumentInput] => [k, input(k)]),
    ['consultation_letter (agency)', input('consultation_letter', { consultee: 'agency' })],
    ['fee_notice (page)', input('fee_notice', { fee: (pageFee(150) as { ok: true; value: FeeQuote }).value })],
    ...ALL_OUTCOMES.map((o): [string, DocumentInput] => [`reply ${o}`, input('reply', { outcome: o })]),
  ];

  it.each(cases)('%s', (_name, i) => {
    const { title, html, text } = renderDocument(i);
    expect(text).not.toContain('{{');
    expect(html).not.toContain('{{');
    expect(text).not.toContain('}}');
    expect(text).not.toContain('undefined');
    expect(text).not.toContain('。。');
    const lines = text.split('\n');
    expect(lines[0]).toBe(title);
    expect(lines[1]).toBe('某政公开〔2024〕12号');
    expect(lines).toContain(i.kind === 'consultation_letter' ? '某建设有限公司：' : '张三：');
    expect(lines.at(-3)).toBe('某市交通运输局');
    expect(lines.at(-2)).toBe('2024年3月20日');
    expect(html).toMatch(/^<!doctype html>\n<html lang="zh-CN">/);
    expect(html).toContain(`<h1>${title}</h1>`);
    expect(html).toContain('@page { size: A4;');
    expect(html).toContain('方正小标宋简体');
    expect(html).toContain('仿宋_GB2312');
    expect(html).toMatch(/<div class="gk-seal">\n<p class="gk-seal-mark no-print" aria-hidden="true" style="right: [0-9.]+em">（印章）<\/p>\n<p class="gk-signature" style="padding-right: [0-9.]+em">某市交通运输局<\/p>\n<p class="gk-date">2024年3月20日<\/p>\n<\/div>\n<\/article>/);
    // no contact line was given: none is printed, and nothing stands in for it
    expect(html).not.toContain('gk-contact');
    expect(text).not.toContain('联系机构');
  });

  it('every placeholder a kind allows is exercised by the sample values or generated', () => {
    for (const kind of DOCUMENT_KINDS) {
      for (const p of PLACEHOLDERS[kind]) {
        if (p.source === 'value') expect(VALUES, `${kind}.${p.name}`).toHaveProperty(p.name);
      }
    }
  });

  it('prints ISO dates as Chinese dates', () => {
    const { text } = renderDocument(input('correction_notice'));
    expect(text).toContain('本机关于2024年3月1日收到');
    expect(text).toContain('请您于2024年3月15日前');
  });

  it('extension: N working days and the new due date, 第三十三条第二款', () => {
    const { text, title } = renderDocument(input('extension_notice', { values: { ...VALUES, workingDays: '15' } }));
    expect(title).toBe('政府信息公开申请延期答复告知书');
    expect(text).toContain('第三十三条第二款');
    expect(text).toContain('延长15个工作日，本机关将于2024年4月30日前作出答复');
  });

  it.each(['0', '21', '十', '-1', '2.5'])('extension refuses %j working days', (d) => {
    const e = refusal(input('extension_notice', { values: { ...VALUES, workingDays: d } }));
    expect(e.code).toBe('DOCUMENT_INVALID_VALUE');
    expect(e.field).toBe('workingDays');
  });

  it('consultation: 15 working days; silence → the organ decides (third party), deemed consent (agency)', () => {
    const third = renderDocument(input('consultation_letter'));
    expect(third.title).toBe('政府信息公开第三方意见征询函');
    expect(third.text).toContain('第三十二条');
    expect(third.text).toContain('自收到本函之日起15个工作日内');
    expect(third.text).toContain('逾期未提出意见的，由本机关依照');
    expect(third.text).not.toContain('张三'); // the applicant is not named to the third party
    const agency = renderDocument(input('consultation_letter', { consultee: 'agency' }));
    expect(agency.title).toBe('政府信息公开征求意见函');
    expect(agency.text).toContain('第三十四条');
    expect(agency.text).toContain('逾期未提出意见的，视为同意公开');
  });

  it('fee notice: basis, standard, amount with breakdown, 20 working days, deemed abandoned', () => {
    const { text } = renderDocument(input('fee_notice'));
    expect(text).toContain('国办函〔2020〕109号');
    expect(text).toContain('第四条');
    expect(text).toContain('按件计收');
    expect(text).toContain('人民币3000元（大写：叁仟元整）');
    expect(text).toContain('第11–30件：20件 × 100元 = 2000元；第31–35件：5件 × 200元 = 1000元');
    expect(text).toContain('缴费方式：通过非税收入缴款平台缴纳');
    expect(text).toContain('次日起20个工作日内');
    expect(text).toContain('视为放弃申请');
  });

  it('fee notice refuses a zero quote', () => {
    const zero = (pieceFee(1) as { ok: true; value: FeeQuote }).value;
    expect(refusal(input('fee_notice', { fee: zero })).code).toBe('DOCUMENT_INVALID_VALUE');
  });
});

describe('renderDocument: replies and the remedy notice', () => {
  const reconsiderationFirst = ALL_OUTCOMES.filter((o) => o.startsWith('DENY_') || o === 'PARTIAL');

  it('the DENY_* and PARTIAL outcomes are exactly those with reconsiderationFirst', () => {
    expect(reconsiderationFirst.sort()).toEqual(ALL_OUTCOMES.filter((o) => OUTCOMES[o].reconsiderationFirst).sort());
  });

  it.each(reconsiderationFirst)('%s carries 复议前置 and its basis', (o) => {
    const { text, html } = renderDocument(input('reply', { outcome: o }));
    expect(text).toContain('应当先申请行政复议');
    expect(text).toContain('《中华人民共和国行政复议法》第二十三条');
    expect(text).toContain('六十日内向某市人民政府申请行政复议');
    expect(text).toContain(OUTCOMES[o].basis);
    expect(html).toContain('应当先申请行政复议');
  });

  it.each(ALL_OUTCOMES.filter((o) => !OUTCOMES[o].reconsiderationFirst))('%s carries the ordinary remedy, not 复议前置', (o) => {
    const { text } = renderDocument(input('reply', { outcome: o }));
    expect(text).not.toContain('应当先申请行政复议');
    expect(text).toContain('六个月内依法向某市某区人民法院提起行政诉讼');
    expect(text).toContain(OUTCOMES[o].basis || VALUES.basis);
  });

  it('予以公开 tells how, where and when to obtain', () => {
    const { text } = renderDocument(input('reply', { outcome: 'OPEN_PROVIDE' }));
    expect(text).toContain('本机关决定予以公开');
    expect(text).toContain('获取方式：电子邮件；获取途径：申请时登记的电子邮箱；获取时间：本答复送达之日起');
    expect(text).not.toContain('应当先申请行政复议');
    expect(text).not.toContain('附件中的个人身份信息'); // the partial section is not printed
  });

  it('部分公开 gives the part disclosed and the reasons and article for the part withheld', () => {
    const { text } = renderDocument(input('reply', { outcome: 'PARTIAL' }));
    expect(text).toContain('对批复正文，本机关予以公开');
    expect(text).toContain('对附件中的个人身份信息，根据条例第十五条的规定不予公开，理由如下：所申请的信息数量较多，需要调取、审核。');
    expect(text).toContain('对本机关不予公开部分政府信息的决定不服的，应当先申请行政复议');
  });

  it('不予公开 gives the reason and the article', () => {
    const { text } = renderDocument(input('reply', { outcome: 'DENY_STATE_SECRET' }));
    expect(text).toContain('您申请获取的政府信息属于国家秘密，具体理由如下：所申请的信息数量较多，需要调取、审核。根据条例第十四条、第三十六条第（三）项的规定，本机关决定不予公开。');
  });

  it('a typed remedy or basis cannot replace the generated one', () => {
    const { text } = renderDocument(input('reply', { outcome: 'DENY_PROCESS_INFO', values: { ...VALUES, remedy: '不得申请复议', basis: '无' } }));
    expect(text).not.toContain('不得申请复议');
    expect(text).toContain('应当先申请行政复议');
    expect(text).toContain(OUTCOMES.DENY_PROCESS_INFO.basis);
  });

  it('an edited reply template without {{remedy}} is refused, and rendering it throws', () => {
    const template = '经审查，{{finding}}。根据{{basis}}的规定，{{decision}}。';
    const e = refusal(input('reply', { outcome: 'DENY_STATE_SECRET', template }));
    expect(e.code).toBe('DOCUMENT_TEMPLATE_REMEDY_MISSING');
    expect(() => renderDocument(input('reply', { outcome: 'DENY_STATE_SECRET', template }))).toThrow(DocumentError);
  });

  it('an edited reply template keeps the generated remedy', () => {
    const template = '{{#deny}}经审查，{{finding}}，理由：{{reason}}。{{decision}}。{{/deny}}\n{{#open}}予以公开。{{/open}}\n本答复依据{{basis}}作出。\n{{remedy}}\n联系人：{{contact}}';
    const deny = renderDocument(input('reply', { outcome: 'DENY_INTERNAL_AFFAIRS', template }));
    expect(deny.text).toContain('应当先申请行政复议');
    expect(deny.text).toContain('联系人：李四');
    expect(deny.text).not.toContain('予以公开。');
    const open = renderDocument(input('reply', { outcome: 'OPEN_PROVIDE', template }));
    expect(open.text).toContain('予以公开。\n　　本答复依据条例第三十六条第（二）项、第四十条作出。');
  });

  it('an unknown placeholder in an edited template is refused', () => {
    const e = refusal(input('extension_notice', { template: `${BUILT_IN_TEMPLATES.extension_notice}\n{{secretNote}}` }));
    expect(e.code).toBe('DOCUMENT_TEMPLATE_UNKNOWN_PLACEHOLDER');
  });

  it('a reply needs an outcome', () => {
    expect(refusal({ ...input('reply'), outcome: undefined }).code).toBe('DOCUMENT_OUTCOME_REQUIRED');
  });

  it('missing values are named; a missing 复议机关 is asked for, not the remedy', () => {
    const { reviewBody: _r, reason: _s, ...values } = VALUES;
    const e = refusal(input('reply', { outcome: 'DENY_STATE_SECRET', values }));
    expect(e.code).toBe('DOCUMENT_VALUES_MISSING');
    expect(e.message).toContain('行政复议机关（reviewBody）');
    expect(e.message).toContain('（reason）');
    expect(e.message).not.toContain('（remedy）');
    expect(() => renderDocument(input('reply', { outcome: 'DENY_STATE_SECRET', values }))).toThrow(/reviewBody/);
    expect(refusal(input('correction_notice', { agencyName: '  ' })).field).toBe('agencyName');
  });
});

describe('escaping', () => {
  const evil = '<script>alert("x")</script><b>粗</b>&amp;';

  it('markup typed into a value prints as text in the HTML, as typed in the text', () => {
    const values = { ...VALUES, request: evil, applicantName: '<img src=x onerror=alert(1)>' };
    const { html, text } = renderDocument(input('reply', { outcome: 'DENY_STATE_SECRET', values, agencyName: '某局<i>' }));
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<i>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;b&gt;粗&lt;/b&gt;&amp;amp;');
    expect(html).toContain('<p class="gk-addressee">&lt;img src=x onerror=alert(1)&gt;：</p>');
    expect(text).toContain(evil);
  });

  it('a value is not expanded again ({{…}} typed into a field stays as typed)', () => {
    const { text } = renderDocument(input('correction_notice', { values: { ...VALUES, request: '{{applicantName}}' } }));
    expect(text).toContain('您申请获取“{{applicantName}}”');
  });

  it('markup in an edited template prints as text', () => {
    const { html } = renderDocument(input('extension_notice', { template: '<h2>注意</h2>答复期限延长{{workingDays}}个工作日，至{{dueOn}}。' }));
    expect(html).toContain('<p>&lt;h2&gt;注意&lt;/h2&gt;答复期限延长20个工作日，至2024年4月30日。</p>');
  });

  it('a line break in a value starts a paragraph', () => {
    const { text } = renderDocument(input('correction_notice', { values: { ...VALUES, correctionItems: '\n1.写明文号；\n2.提供身份证明\n' } }));
    expect(text).toContain('补正的事项如下：1.写明文号；\n　　2.提供身份证明。\n');
  });
});

const CONTACT = '联系机构：示范市人民政府办公室；地址：示范市人民路1号（邮政编码：755000）；联系电话：0955-7012345';

/** The paragraphs of document.xml: their properties and their text. */
function paragraphsOf(xml: string): { props: string; text: string }[] {
  return [...xml.matchAll(/<w:p>(?:<w:pPr>(.*?)<\/w:pPr>)?(.*?)<\/w:p>/g)].map((m) => ({
    props: m[1] ?? '',
    text: [...(m[2] ?? '').matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''),
  }));
}

describe('the contact line and the seal position (GB/T 9704 §7.3.5.1)', () => {
  it('prints the contact line after the body, in HTML, text and DOCX', async () => {
    const i = input('correction_notice', { contactLine: CONTACT });
    const { html, text } = renderDocument(i);
    expect(html).toContain(`<p>特此告知。</p>\n<p class="gk-contact">${CONTACT}</p>\n<div class="gk-seal">`);
    const lines = text.split('\n');
    expect(lines.at(-5)).toBe(`　　${CONTACT}`);
    expect(lines.at(-3)).toBe('某市交通运输局');
    const paragraphs = paragraphsOf(await (await JSZip.loadAsync(await renderDocumentDocx(i))).file('word/document.xml')!.async('string'));
    const at = paragraphs.findIndex((p) => p.text === CONTACT);
    expect(at).toBeGreaterThan(0);
    expect(paragraphs[at - 1]?.text).toBe('特此告知。');
    // kept with the seal block: the name and the date never start a page alone
    expect(paragraphs[at]?.props).toContain('<w:keepNext/>');
    expect(paragraphs[at + 1]?.text).toBe('某市交通运输局');
  });

  it('a blank or absent contact line prints nothing', () => {
    for (const contactLine of [null, undefined, '', '  ']) {
      const { html, text } = renderDocument(input('reply', { outcome: 'OPEN_PROVIDE', ...(contactLine === undefined ? {} : { contactLine }) }));
      expect(html).not.toContain('gk-contact');
      expect(text).not.toContain('联系机构');
      expect(text).not.toMatch(/　　\n/);
    }
  });

  it('the contact line is escaped like every value', () => {
    const { html } = renderDocument(input('correction_notice', { contactLine: '联系电话：<b>1</b>' }));
    expect(html).toContain('<p class="gk-contact">联系电话：&lt;b&gt;1&lt;/b&gt;</p>');
  });

  it('centres the name over the date, the date four characters from the right, with room for the seal above', async () => {
    // "2024年3月20日": three characters and seven half-width digits
    expect(printedWidth('2024年3月20日')).toBe(6.5);
    expect(signatureRightSpace('某市交通运输局', '2024年3月20日')).toBe(DATE_RIGHT_SPACE + (6.5 - 7) / 2);
    // a name much longer than the date ends at the margin
    expect(signatureRightSpace('某某省某某市某某区人民政府办公室政务公开科', '2024年3月20日')).toBe(0);

    const i = input('extension_notice', { agencyName: '示范市人民政府办公室' });
    const { html } = renderDocument(i);
    expect(html).toContain(`<p class="gk-signature" style="padding-right: 2.25em">示范市人民政府办公室</p>`);
    expect(html).toContain(`.gk-notice p.gk-date { padding-right: ${DATE_RIGHT_SPACE}em; }`);
    expect(html).toContain(`.gk-notice .gk-seal { position: relative; margin-top: ${1.75 * SEAL_LINES}em;`);
    // the seal mark shows on screen only
    expect(html).toContain('@media print { .gk-notice { max-width: none; padding: 0; } .no-print { display: none !important; } }');

    const paragraphs = paragraphsOf(await (await JSZip.loadAsync(await renderDocumentDocx(i))).file('word/document.xml')!.async('string'));
    const char = SIZE.body * 10;
    const [signature, date] = paragraphs.slice(-2);
    expect(signature?.text).toBe('示范市人民政府办公室');
    expect(signature?.props).toContain('<w:jc w:val="right"/>');
    expect(signature?.props).toContain(`<w:ind w:right="${2.25 * char}"/>`);
    expect(signature?.props).toContain(`<w:spacing w:before="${SEAL_LINES * LINE}" w:line="${LINE}" w:lineRule="exact"/>`);
    expect(signature?.props).toContain('<w:keepNext/>');
    expect(date?.text).toBe('2024年3月20日');
    expect(date?.props).toContain('<w:jc w:val="right"/>');
    expect(date?.props).toContain(`<w:ind w:right="${DATE_RIGHT_SPACE * char}"/>`);
  });
});

describe('page numbers (GB/T 9704 §7.5: "— n —", odd pages right, even pages left)', () => {
  it('the footers hold a PAGE field between two dashes; Word is told odd and even pages differ', async () => {
    const zip = await JSZip.loadAsync(await renderDocumentDocx(input('reply', { outcome: 'PARTIAL' })));
    const doc = await zip.file('word/document.xml')!.async('string');
    const rels = await zip.file('word/_rels/document.xml.rels')!.async('string');
    const footer = async (type: 'default' | 'even') => {
      const id = new RegExp(`<w:footerReference w:type="${type}" r:id="([^"]+)"/>`).exec(doc)?.[1];
      const target = id === undefined ? undefined : new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ?? new RegExp(`Target="([^"]+)"[^>]*Id="${id}"`).exec(rels)?.[1];
      expect(target, `${type} footer`).toBeDefined();
      return zip.file(`word/${target}`)!.async('string');
    };
    for (const [type, jc, ind] of [
      ['default', 'right', 'w:right'],
      ['even', 'left', 'w:left'],
    ] as const) {
      const xml = await footer(type);
      expect(xml).toContain('<w:fldChar w:fldCharType="begin"/>');
      expect(xml).toMatch(/<w:instrText[^>]*>PAGE<\/w:instrText>/);
      expect(xml).toContain('<w:t xml:space="preserve">— </w:t>');
      expect(xml).toContain('<w:t xml:space="preserve"> —</w:t>');
      expect(xml).toContain(`<w:jc w:val="${jc}"/>`);
      expect(xml).toContain(`<w:ind ${ind}="${SIZE.pageNumber * 10}"/>`);
      expect(xml).toContain('w:eastAsia="宋体"');
      expect(xml).toContain('<w:sz w:val="28"/>');
    }
    expect(await zip.file('word/settings.xml')!.async('string')).toContain('<w:evenAndOddHeaders/>');
    // the number's line begins 7 mm under the type area
    expect(doc).toContain(`w:bottom="${PAGE.bottom}"`);
    expect(doc).toContain(`w:footer="${FOOTER_DISTANCE}"`);
    expect(PAGE.bottom - FOOTER_DISTANCE - SIZE.pageNumber * 10).toBe(Math.round((7 * 1440) / 25.4));
  });
});

describe('renderDocumentDocx', () => {
  it('is a Word document with the same text, A4 and the GB/T 9704 fonts', async () => {
    const i = input('reply', { outcome: 'PARTIAL', values: { ...VALUES, request: '<script>x</script>' } });
    const bytes = await renderDocumentDocx(i);
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect(String.fromCharCode(bytes[0] ?? 0, bytes[1] ?? 0)).toBe('PK');
    const zip = await JSZip.loadAsync(bytes);
    const doc = await zip.file('word/document.xml')!.async('string');
    const runs = [...doc.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) =>
      (m[1] ?? '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&'),
    );
    const { text } = renderDocument(i);
    const expected = text
      .split('\n')
      .map((l) => l.replace(/^　　/, ''))
      .filter((l) => l !== '');
    expect(runs).toEqual(expected);
    expect(doc).toContain('应当先申请行政复议');
    expect(doc).toContain('&lt;script&gt;x&lt;/script&gt;');
    expect(doc).toContain('w:eastAsia="方正小标宋简体"');
    expect(doc).toContain('w:eastAsia="仿宋_GB2312"');
    expect(doc).toContain('<w:sz w:val="44"/>');
    expect(doc).toContain('<w:sz w:val="32"/>');
    expect(doc).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(await zip.file('word/fontTable.xml')!.async('string')).toContain('<w:altName w:val="仿宋"/>');
    expect(await zip.file('docProps/core.xml')!.async('string')).toContain('<dc:title>政府信息公开申请答复告知书</dc:title>');
  });

  it('throws DocumentError on a refused input', async () => {
    await expect(renderDocumentDocx(input('reply', { outcome: 'DENY_STATE_SECRET', template: '{{basis}}' }))).rejects.toThrow(DocumentError);
  });
});

describe('issue #9: 第三十六条第（五）项, the court, periods never typed', () => {
  it('NOT_RESPONSIBLE names the responsible organ and its contact, or says it cannot be determined', () => {
    const { text } = renderDocument(input('reply', { outcome: 'NOT_RESPONSIBLE' }));
    expect(text).toContain('该政府信息由某市住房和城乡建设局负责公开，联系方式：0000-87654321');
    expect(text).toContain('条例第三十六条第（五）项');
    const { responsibleOrgan: _o, ...values } = VALUES;
    expect(refusal(input('reply', { outcome: 'NOT_RESPONSIBLE', values })).code).toBe('RESPONSIBLE_ORGAN_REQUIRED');
    const unknown = renderDocument(input('reply', { outcome: 'NOT_RESPONSIBLE', values: { ...values, responsibleOrganUnknown: '1' } }));
    expect(unknown.text).toContain('无法确定负责公开该政府信息的行政机关');
    // an edited template without the placeholder still names it
    const edited = renderDocument(input('reply', { outcome: 'NOT_RESPONSIBLE', template: '{{finding}}。根据{{basis}}，{{decision}}。\n{{remedy}}' }));
    expect(edited.text).toContain('某市住房和城乡建设局负责公开');
  });

  it('the remedy names the court set for the agency; 不予公开 keeps 复议前置', () => {
    const { text } = renderDocument(input('reply', { outcome: 'DENY_PROCESS_INFO' }));
    expect(text).toContain('十五日内依法向某市某区人民法院提起行政诉讼');
    expect(text).toContain('应当先申请行政复议');
  });

  it('a typed date cannot replace a computed one', () => {
    const { text } = renderDocument(input('extension_notice', { values: { ...VALUES, replyPeriod: '于2027年8月1日前', dueOn: '2027-08-01' } }));
    expect(text).not.toContain('2027');
    expect(text).toContain('本机关将于2024年4月30日前作出答复');
  });
});
