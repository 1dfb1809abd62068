// render → PDF → parse gives the same report (as the HTML and DOCX round trips of properties.test.ts):
// the renderer of services/pdf prints with Chromium, the reader of the parse pool reads the PDF back,
// and tables 二, 三 and 四 come back cell for cell — for a full report with every cell non-zero (and
// two blank cells; and through `gongkai report parse --json`, the PDF's cells = the HTML's), for the real 中卫市 report of test/fixtures/reports, and for a 2019 trial-format
// report. Needs Chromium and a CJK font (CI installs chromium and fonts-noto-cjk); skipped, saying so,
// only where no browser is installed.

import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { applicationRows, getAt } from '../../src/domain/report/layout.ts';
import { emptyReport, emptyTrial2019, type AnnualReport } from '../../src/domain/report/model.ts';
import { parseReportDocument } from '../../src/domain/report/document.ts';
import { closeParsePool, parsePool } from '../../src/services/parse-pool/index.ts';
import { findChromium, renderReportPdf } from '../../src/services/pdf/index.ts';
import { readPdfPages } from '../../src/services/pdf/read.ts';
import { closePdfBrowser, warmBrowserStats } from '../../src/services/pdf/warm-browser.ts';
import { normalisePdfText } from '../../src/domain/report/input/pdf-content.ts';
import { gongkai } from '../support/cli.ts';
import { closeInProcess, gongkaiInProcess } from '../support/cli-inprocess.ts';
import { renderHtml } from '../../src/domain/report/render/index.ts';

const browser = { chromiumPath: process.env['CHROMIUM_PATH'] || undefined, searchPath: process.env['PATH'] };
const found = findChromium(browser);
const title = found.ok
  ? 'render → PDF → parse'
  : 'render → PDF → parse — SKIPPED: no Chromium here (apt-get install -y --no-install-recommends chromium fonts-noto-cjk, or set CHROMIUM_PATH)';

const dir = mkdtempSync(join(tmpdir(), 'gongkai-pdf-trip-'));
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await closePdfBrowser();
  await closeParsePool();
  await closeInProcess();
});

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/reports/${name}`, import.meta.url));

/** The real report of 中卫市机关事务服务中心 as the parser reads it from its published text. */
async function zhongwei(): Promise<AnnualReport> {
  const parsed = await parseReportDocument(readFileSync(fixture('zhongwei-jiguan-shiwu-2024.txt')), 'zhongwei.txt');
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.report;
}

/** The same report with every cell of 二, 三 and 四 a different non-zero figure, two blank, a decimal fee. */
async function full(): Promise<AnnualReport> {
  const r = structuredClone(await zhongwei());
  r.activeDisclosure.regulations = { issued: 1, repealed: 2, inForce: 13 };
  r.activeDisclosure.normativeDocuments = { issued: 4, repealed: 5, inForce: 46 };
  r.activeDisclosure.licensing = 1520;
  r.activeDisclosure.punishment = 37;
  r.activeDisclosure.enforcement = null;
  r.activeDisclosure.feesWanYuan = 0.35;
  applicationRows('2021').forEach((spec, k) => {
    const row = getAt(r, spec.path) as (number | null)[];
    for (let i = 0; i < 7; i++) row[i] = k === 6 && i === 3 ? null : 100 + k * 10 + i;
  });
  r.review.reconsideration = [1, 2, 3, 4, 10];
  r.review.litigationDirect = [5, 6, 7, 8, 26];
  r.review.litigationAfterReconsideration = [9, 11, 12, 14, 46];
  return r;
}

function trial(): AnnualReport {
  const r = emptyReport('2019');
  r.agency = '某县人民政府办公室';
  r.year = 2019;
  r.activeDisclosure.regulations = { issued: 2, repealed: null, inForce: 9 };
  r.activeDisclosure.normativeDocuments = { issued: 3, repealed: null, inForce: 21 };
  r.activeDisclosure.licensing = 5;
  r.activeDisclosure.punishment = 6;
  r.activeDisclosure.enforcement = 7;
  r.activeDisclosure.feesWanYuan = null; // no cell of the 2019 format
  r.trial2019 = emptyTrial2019();
  r.trial2019.regulationsPublished = 2;
  r.trial2019.normativeDocumentsPublished = 3;
  r.trial2019.licensing = { previousYear: 3, change: -2 };
  r.trial2019.otherServices = { previousYear: 8, change: 4, decisions: 11 };
  r.trial2019.punishment = { previousYear: 1, change: 1 };
  r.trial2019.enforcement = { previousYear: 2, change: 0 };
  r.trial2019.fees = { previousYear: 4, change: -1 };
  r.trial2019.procurement = { projects: 6, amount: '160.5964万元' };
  applicationRows('2019').forEach((spec, k) => {
    const row = getAt(r, spec.path) as (number | null)[];
    for (let i = 0; i < 7; i++) row[i] = 10 + k + i;
  });
  r.review.reconsideration = [1, 0, 0, 0, 1];
  r.review.litigationDirect = [0, 1, 0, 0, 1];
  r.review.litigationAfterReconsideration = [0, 0, 1, 1, 2];
  r.text = { overview: '本年度我办主动公开政府信息。', problems: '存在的问题是公开时效性不够强。', other: '无。' };
  return r;
}

/** What must come back unchanged: everything but the prose of 六, which gains the 落款. */
const tables = (r: AnnualReport) => ({ format: r.format, year: r.year, agency: r.agency, activeDisclosure: r.activeDisclosure, applications: r.applications, review: r.review, trial2019: r.trial2019 });

async function roundTrip(report: AnnualReport, issuedOn: string): Promise<{ pdf: Uint8Array; back: AnnualReport }> {
  const printed = await renderReportPdf(report, { browser, issuedOn });
  if (!printed.ok) throw new Error(printed.error.message);
  const read = await parsePool().parseReport(printed.value, 'report.pdf');
  if (!read.ok) throw new Error(read.error.message);
  if (!read.value.ok) throw new Error(read.value.error);
  expect(read.value.source).toBe('pdf');
  return { pdf: printed.value, back: read.value.report };
}

describe.skipIf(!found.ok)(title, () => {
  it('a full report: tables 二 三 四 cell for cell, the prose, the 落款 at the end of 六; `report parse --json` of the PDF = of the HTML', async () => {
    const report = await full();
    const { pdf, back } = await roundTrip(report, '2025-01-20');
    expect(new TextDecoder().decode(pdf.subarray(0, 5))).toBe('%PDF-');
    expect(tables(back)).toEqual(tables(report));
    expect(back.text?.overview).toBe(report.text?.overview);
    expect(back.text?.problems).toBe(report.text?.problems);
    expect(back.text?.other).toBe(`${report.text?.other}\n中卫市机关事务服务中心\n2025年1月20日`);

    // as a user runs it: gongkai report parse --json on the HTML and on the PDF printed from it, the same cells
    const html = join(dir, 'full.html');
    const printed = join(dir, 'full.pdf');
    writeFileSync(html, renderHtml(report));
    writeFileSync(printed, pdf);
    const fromHtml = await gongkaiInProcess(['report', 'parse', html, '--json']);
    const fromPdf = await gongkaiInProcess(['report', 'parse', printed, '--json']);
    expect([fromHtml.code, fromPdf.code], fromPdf.stderr).toEqual([0, 0]);
    const a = JSON.parse(fromHtml.stdout) as AnnualReport;
    expect(tables(JSON.parse(fromPdf.stdout) as AnnualReport)).toEqual(tables(a));
    expect(tables(a)).toEqual(tables(report));
  }, 180_000);

  it('the real 中卫市 report of the fixtures, every page numbered "第 N 页 共 M 页"', async () => {
    const report = await zhongwei();
    const { pdf, back } = await roundTrip(report, '2025-01-15');
    expect(tables(back)).toEqual(tables(report));
    const pages = await readPdfPages(pdf);
    if (!pages.ok) throw new Error(pages.error.message);
    const footers = pages.pages.map((p) => normalisePdfText(p.items.map((i) => i.text).join('')).replace(/\s+/g, ''));
    footers.forEach((text, i) => expect(text).toContain(`第${i + 1}页共${pages.pages.length}页`));
    expect(pages.pages.length).toBeGreaterThan(1);
  }, 180_000);

  it('a report in the 2019 trial format', async () => {
    const report = trial();
    const { back } = await roundTrip(report, '2020-01-31');
    expect(tables(back)).toEqual(tables(report));
  }, 180_000);

  it('prints in a row share one browser, kept after the last print until closed; a print that runs out of time closes it', async () => {
    await closePdfBrowser();
    const before = warmBrowserStats().launched;
    const report = trial();
    for (const issuedOn of ['2020-01-29', '2020-01-30', '2020-01-31']) expect((await renderReportPdf(report, { browser, issuedOn })).ok).toBe(true);
    expect(warmBrowserStats()).toEqual({ launched: before + 1, kept: true });
    // too short a deadline for a print (the kept browser needs no start): refused, and the browser goes
    const late = await renderReportPdf(report, { browser, issuedOn: '2020-01-31', deadlineMs: 20 });
    expect(late.ok ? 'printed' : late.error.code).toBe('PDF_TIMEOUT');
    expect(warmBrowserStats()).toEqual({ launched: before + 1, kept: false });
    // the next print starts a new one
    expect((await renderReportPdf(report, { browser, issuedOn: '2020-01-31' })).ok).toBe(true);
    expect(warmBrowserStats()).toEqual({ launched: before + 2, kept: true });
    await closePdfBrowser();
    expect(warmBrowserStats().kept).toBe(false);
  }, 180_000);

  it('gongkai report render --to pdf refuses where the browser has no Chinese font (exit 2, no file)', async () => {
    const conf = join(dir, 'no-fonts.conf');
    writeFileSync(conf, `<?xml version="1.0"?>\n<fontconfig><dir>${join(dir, 'no-fonts')}</dir><cachedir>${join(dir, 'fc-cache')}</cachedir></fontconfig>\n`);
    const out = join(dir, 'boxes.pdf');
    const r = await gongkai(['report', 'render', fixture('zhongwei-jiguan-shiwu-2024.txt'), '--to', 'pdf', '--out', out], { env: { FONTCONFIG_FILE: conf } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('没有中文字体');
    expect(r.stderr).toContain('fonts-noto-cjk');
    expect(existsSync(out)).toBe(false);
  }, 180_000);
});
