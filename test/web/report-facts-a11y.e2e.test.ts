// The pages of 年报素材 with data and with refused forms, through axe-core (WCAG 2.1 A/AA, serious and
// critical) in headless Chromium, as staff-a11y.e2e.test.ts does for the rest of the workspace. Skipped
// without Chromium locally; in CI it runs.

import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formValues } from '../../src/domain/report/facts/kinds.ts';
import { axeOnHtml, chromiumPath, formatViolations, hasChromium, launchBrowser } from '../support/browser.ts';
import { useDatabase } from '../support/db.ts';
import { seedFacts } from '../support/draft-input.ts';
import { appFor, get, post, world } from './staff-support.ts';

const runHere = hasChromium() || Boolean(process.env['CI']);
if (!runHere) console.warn(`年报素材 accessibility tests skipped: no Chromium at ${chromiumPath()}`);

describe.skipIf(!runHere)('年报素材 pages pass axe (WCAG 2.1 AA)', () => {
  const t = useDatabase('pglite');
  let browser: Browser | undefined;

  beforeAll(async () => {
    browser = await launchBrowser();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  async function check(label: string, html: string): Promise<void> {
    if (!browser) throw new Error('no browser');
    const { violations } = await axeOnHtml(browser, html);
    expect(violations.map((v) => `${v.impact} ${v.id}`), `axe on ${label}:\n${formatViolations(violations)}`).toEqual([]);
  }


  it('facts, a refused fact, a fact’s edit page, the delete confirmation, the draft with a warning, a sentence’s edit page', async () => {
    const w = await world(t.db, 'rfa11y');
    const app = appFor(t.db);
    const base = `/staff/${w.a.code}/report-facts/2024`;
    let eventId = '';
    let factId = '';
    for (const f of seedFacts()) {
      const fields = formValues(f.kind, f.data as unknown as Record<string, string | number | boolean>);
      if (f.kind === 'suggestion') fields['parentId'] = eventId;
      const r = await post(app, w.handler, `${base}/facts/${f.kind}`, fields);
      expect(r.status, f.kind).toBe(303);
      factId = /#fact-(\d+)$/.exec(r.headers.get('location') ?? '')?.[1] ?? '';
      if (f.kind === 'event') eventId = factId;
    }
    await post(app, w.handler, `${base}/draft/edit`, { sentence: 'overview.applications.received', text: '本机关全年共受理政府信息公开申请3件。' });
    const pages: [string, () => Promise<Response>][] = [
      ['facts', () => get(app, w.handler, base)],
      ['facts (supervisor)', () => get(app, w.supervisor, base)],
      ['fact refused', () => post(app, w.handler, `${base}/facts/training`, { topic: '', date: '2023-01-01', participants: 'x' })],
      ['fact edit', () => get(app, w.handler, `${base}/facts/${eventId}/edit`)],
      ['fact edit refused', () => post(app, w.handler, `${base}/facts/${eventId}/edit`, { name: '', date: '', participants: '', version: '1' })],
      ['delete confirmation', () => post(app, w.handler, `${base}/facts/${eventId}/delete`, {})],
      ['draft', () => get(app, w.handler, `${base}/draft`)],
      ['sentence edit', () => get(app, w.handler, `${base}/draft/edit?sentence=overview.opening`)],
      ['sentence edit refused', () => post(app, w.handler, `${base}/draft/edit`, { sentence: 'overview.opening', text: '长'.repeat(4001) })],
    ];
    for (const [label, load] of pages) {
      const r = await load();
      expect(r.status, label).toBeLessThan(500);
      await check(label, await r.text());
    }
  }, 120_000);
});
