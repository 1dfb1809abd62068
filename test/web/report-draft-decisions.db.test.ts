// Table 二's decisions and fees from 年报数据 to the draft, on one engine (support/db.ts webEngines): figures entered on the records
// page (a figure changed keeps its history, the latest in force; a 0; a kind never entered) give the
// draft's sentence in 一（一）, whose sources are table 二's cells and the entries in force, linked to 年报数据
// on the draft page — and `report check`'s P1 finds nothing in the report as drafted.

import { describe, expect, it } from 'vitest';
import { draftFor } from '../../src/services/report-draft.ts';
import { webEngines, useDatabase } from '../support/db.ts';
import { appFor, get, post, world } from './staff-support.ts';

describe.each(webEngines())('table 二’s decisions and fees in the draft on %s', (engine) => {
  const t = useDatabase(engine);

  it('states the figures in force, sourced to their entries; says nothing of a 0 or of a kind never entered', async () => {
    const w = await world(t.db, 'dd');
    const app = appFor(t.db);
    const records = `/staff/${w.a.code}/records/2024/counts`;
    for (const [kind, value] of [['licensing', '10'], ['licensing', '12'], ['punishment', '0'], ['fees', '0.35']]) {
      expect((await post(app, w.handler, records, { kind: kind as string, value: value as string, note: '' })).status).toBe(303);
    }
    const entries = await t.db.selectFrom('reportCounts').select(['id', 'kind', 'value']).where('agencyId', '=', w.a.id).orderBy('id').execute();
    const licensing = entries.filter((e) => e.kind === 'licensing').at(-1);
    const fees = entries.find((e) => e.kind === 'fees');

    const drafted = await draftFor(t.db, w.a.code, 2024);
    if (!drafted.ok) throw new Error(drafted.error.message);
    const s = drafted.value.draft.sections.flatMap((x) => x.paragraphs.flatMap((p) => p.sentences)).find((x) => x.id === 'overview.active.decisions');
    expect(s?.text).toBe('全年共办理行政许可12件，收取行政事业性收费0.35万元。');
    expect(s?.sources.filter((x) => x.kind === 'counts').map((x) => (x.kind === 'counts' ? x.entryIds : []))).toEqual([[Number(licensing?.id)], [Number(fees?.id)]]);
    expect(drafted.value.report.activeDisclosure).toMatchObject({ licensing: 12, punishment: 0, enforcement: null, feesWanYuan: 0.35 });
    expect(drafted.value.report.text?.overview).not.toMatch(/行政处罚|行政强制/);
    // the report as drafted passes P1, the prose-against-tables check of `report check`
    expect(drafted.value.findings).toEqual([]);

    const page = await (await get(app, w.supervisor, `/staff/${w.a.code}/report-facts/2024/draft`)).text();
    expect(page).toContain('全年共办理行政许可12件，收取行政事业性收费0.35万元。');
    expect(page).toContain(`<a href="/staff/${w.a.code}/records/2024#counts">年报数据：行政许可12件（handler显示名页面录入）</a>`);
    expect(page).toContain(`<a href="/staff/${w.a.code}/report/2024#table-two">表二 第二十条第（五）项、第（八）项</a>`);
  });
});
