// The sizes every page is checked at (test/web/every-page.e2e.test.ts) and the check itself: a phone
// (360 × 740) and an office screen (1366 × 900), each at a scale — 200% text on the phone (WCAG 1.4.4),
// 400% zoom of the office screen (320 CSS px, WCAG 1.4.10 reflow) — and the layout audit
// (support/layout-audit.ts) with axe on top. With PAGE_SCREENSHOTS=1 each check also writes a full-page
// PNG to test-artifacts/pages/<size>/ for a reviewer.

import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { checkAccessibility, formatViolations } from './browser.ts';
import { ROOT } from './cli.ts';
import { auditLayout } from './layout-audit.ts';

export interface Size {
  name: string;
  context: BrowserContextOptions;
  /** the screen's width (CSS px) nothing may cross */
  screen: number;
  /** the browser's default text size (px; 16 is 100%) */
  text?: number;
}

export const PHONE: Size = { name: 'phone-360', screen: 360, context: { locale: 'zh-CN', viewport: { width: 360, height: 740 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true } };
export const DESKTOP: Size = { name: 'desktop-1366', screen: 1366, context: { locale: 'zh-CN', viewport: { width: 1366, height: 900 }, deviceScaleFactor: 1 } };
/** the phone at 200% text size (WCAG 1.4.4) */
export const TEXT_200: Size = { ...PHONE, name: 'phone-360-text-200', text: 32 };
/** a 1280 × 1024 screen zoomed to 400%: 320 × 256 CSS px (WCAG 1.4.10 reflow); the layout in CSS px is the zoom's, the pixels are not needed */
export const ZOOM_400: Size = { ...DESKTOP, name: 'zoom-400', screen: 320, context: { ...DESKTOP.context, viewport: { width: 320, height: 256 } } };

/**
 * The two layouts the pages have, each checked with axe, and each at a scale: the 200% text of the phone
 * and the 400% zoom (a 320 px window) of the office screen. A page is loaded once per layout and checked
 * at its scale by changing the text size or the window in place — what a reader does, and the layout a
 * page loaded at that scale gets (the pages' layout is CSS; their scripts measure nothing).
 */
export const LAYOUTS: readonly { base: Size; scaled: Size }[] = [
  { base: PHONE, scaled: TEXT_200 },
  { base: DESKTOP, scaled: ZOOM_400 },
];
/** Chromium's default text size (px) */
const DEFAULT_TEXT = 16;

const SHOTS = process.env['PAGE_SCREENSHOTS'] ? join(ROOT, 'test-artifacts', 'pages') : null;

const ensureDir = async (dir: string): Promise<string> => {
  await mkdir(dir, { recursive: true });
  return dir;
};

const slug = (path: string): string => path.replace(/^\//, '').replace(/[^A-Za-z0-9_-]+/g, '_').slice(0, 120) || 'portal';

/** With PAGE_SCREENSHOTS=1: the page as a full-page PNG in test-artifacts/pages/<folder>/. */
export async function screenshot(page: Page, folder: string, label: string): Promise<void> {
  if (SHOTS) await writeFile(join(await ensureDir(join(SHOTS, folder)), `${slug(label)}.png`), await page.screenshot({ fullPage: true }));
}

/** A page of the layout's context, and how to show it at the layout's base size or at its scale. */
export async function openAtSizes(context: BrowserContext, base: Size): Promise<{ page: Page; show: (size: Size) => Promise<void> }> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  let shown = base;
  const setText = async (px: number) => {
    await cdp.send('Page.setFontSizes', { fontSizes: { standard: px, fixed: Math.round(px * 0.8125) } });
    // the renderer takes the new text size after the call returns
    await page.waitForFunction(`Math.abs(parseFloat(getComputedStyle(document.body).fontSize) / ${px} - 1) < 0.5`);
  };
  const show = async (size: Size) => {
    if ((size.text ?? DEFAULT_TEXT) !== (shown.text ?? DEFAULT_TEXT)) await setText(size.text ?? DEFAULT_TEXT);
    const viewport = size.context.viewport;
    if (viewport && (viewport.width !== shown.context.viewport?.width || viewport.height !== shown.context.viewport?.height)) await page.setViewportSize(viewport);
    shown = size;
  };
  return { page, show };
}

/** The layout audit of the page as shown at `size` (and axe's WCAG A/AA rules and best practices with `axe`): the problems, one line each. */
export async function checkPage(page: Page, size: Size, label: string, axe: boolean): Promise<string[]> {
  const a = await page.evaluate(auditLayout, { screen: size.screen, minControl: 40, minChoice: 24, minText: 12 });
  const problems: string[] = [];
  if (a.scrollWidth > size.screen + 1) problems.push(`${label}: the page is ${a.scrollWidth} px wide on a ${size.screen} px screen`);
  for (const o of a.overflowing) problems.push(`${label}: sticks out: ${o}`);
  for (const c of a.narrowCells) problems.push(`${label}: narrow cell: ${c}`);
  for (const s of a.stackedText) problems.push(`${label}: ${s}`);
  for (const t of a.tinyText) problems.push(`${label}: text under 12px: ${t}`);
  for (const c of a.smallControls) problems.push(`${label}: too small to tap: ${c}`);
  if (size.text !== undefined && a.bodyFontSize < size.text * 0.99) problems.push(`${label}: body text ${a.bodyFontSize}px at 200% (expected ${size.text}px)`);
  if (axe) {
    const violations = await checkAccessibility(page, { bestPractice: true });
    if (violations.length > 0) problems.push(`${label}: axe:\n${formatViolations(violations)}`);
  }
  await screenshot(page, size.name, label);
  return problems;
}
