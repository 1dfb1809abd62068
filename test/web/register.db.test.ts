// 规范性文件登记 in the staff workspace (/staff/:agency/register) on one engine (support/db.ts webEngines): the register as of a
// date with its counts, filters and 下一页; table 二 第二十条第（一）项 with its drill-down, also on the
// annual report page; the 清理 pages — a handler opens a round and records conclusions, only a
// sign-off role concludes it, a refused conclusion leaves the database unchanged, concluding ends the
// documents; another agency's round is not found; CSRF.

import type { Hono } from 'hono';
import { beforeAll, describe, expect, it } from 'vitest';
import { getItem } from '../../src/services/catalogue/items.ts';
import type { AppEnv } from '../../src/web/context.ts';
import { webEngines, useDatabase } from '../support/db.ts';
import { publishedItem } from '../support/register.ts';
import { snapshot } from '../support/snapshot.ts';
import { appFor, get, NOW, post, TODAY, world, type World } from './staff-support.ts';

const actor = { userId: null, name: 'tester', now: NOW, today: TODAY };

describe.each(webEngines())('the register pages on %s', (engine) => {
  const t = useDatabase(engine);
  let app: Hono<AppEnv>;
  let w: World;
  const ids: number[] = [];

  beforeAll(async () => {
    app = appFor(t.db);
    w = await world(t.db, 'reg');
    for (let i = 1; i <= 23; i++) {
      const row = await publishedItem(t.db, w.a.id, { title: `关于规范行政执法的规定之${i}`, docType: i <= 3 ? '规章' : '行政规范性文件', writtenOn: `2023-${String((i % 12) + 1).padStart(2, '0')}-15`, docNumber: `示范规〔2023〕${i}号` }, actor);
      ids.push(Number(row.id));
    }
    await publishedItem(t.db, w.a.id, { title: '已废止的办法', docType: '行政规范性文件', writtenOn: '2022-03-01', validity: '废止', validityOn: '2024-02-01' }, actor);
    await publishedItem(t.db, w.a.id, { title: '草稿中的办法', docType: '行政规范性文件', writtenOn: '2024-03-01' }, actor, 'draft');
  });

  it('shows the register as of a date with counts, item links and 下一页', async () => {
    const res = await get(app, w.supervisor, `/staff/${w.a.code}/register`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('规章和行政规范性文件登记');
    expect(html).toContain(`/staff/${w.a.code}/catalogue/${ids[22]}`);
    expect(html).not.toContain('草稿中的办法');
    expect(html).toMatch(/aria-label="20件：行政规范性文件，现行有效"/);
    expect(html).toMatch(/aria-label="1件：行政规范性文件，已废止"/);
    const next = /href="([^"]*after=[^"]+)"/.exec(html)?.[1]?.replaceAll('&amp;', '&');
    expect(next).toBeDefined();
    const second = await (await get(app, w.supervisor, next as string)).text();
    expect(second).toContain('上一页');
    // as of a date before the 废止: in force then
    const before = await (await get(app, w.supervisor, `/staff/${w.a.code}/register?asOf=2023-12-31&status=in_force&year=2022&type=${encodeURIComponent('行政规范性文件')}`)).text();
    expect(before).toContain('已废止的办法');
    const bad = await get(app, w.supervisor, `/staff/${w.a.code}/register?asOf=2023-13-45&status=nope`);
    expect(bad.status).toBe(400);
    const badHtml = await bad.text();
    expect(badHtml).toContain('登记日期不是有效日期');
    expect(badHtml).toContain('状态无效');
  });

  it('shows table 二 (一) with its drill-down, and on the annual report page', async () => {
    const html = await (await get(app, w.supervisor, `/staff/${w.a.code}/register/table/2024`)).text();
    expect(html).toContain('aria-label="1件：行政规范性文件，本年废止件数"');
    expect(html).toContain('aria-label="20件：行政规范性文件，现行有效件数"');
    expect(html).toContain('aria-label="3件：规章，现行有效件数"');
    // 2023: 21 issued, 21 in force at 2023-12-31, 0 repealed → 2024: 21 − 1 = 20, consistent
    expect(html).toContain('相衔接');
    const cell = await get(app, w.supervisor, `/staff/${w.a.code}/register/table/2024/cell?row=normativeDocuments&column=repealed`);
    expect(cell.status).toBe(200);
    const cellHtml = await cell.text();
    expect(cellHtml).toContain('已废止的办法');
    expect(cellHtml).toContain('计入该格的文件共 <strong>1</strong> 件');
    expect((await get(app, w.supervisor, `/staff/${w.a.code}/register/table/2024/cell?row=x&column=repealed`)).status).toBe(404);
    expect((await get(app, w.supervisor, `/staff/${w.a.code}/register/table/2999`)).status).toBe(404);
    const report = await (await get(app, w.supervisor, `/staff/${w.a.code}/report/2024`)).text();
    expect(report).toContain('二、主动公开政府信息情况');
    expect(report).toContain(`/staff/${w.a.code}/register/table/2024/cell?row=normativeDocuments&amp;column=inForce`);
    // 第二十条第（五）（六）（八）项 come from the 年报数据 (issue #12): none entered here
    expect(report).toContain('第二十条第（五）（六）（八）项');
    expect(report).toContain('未录入');
  });

  it('runs a 清理 round: handler records conclusions, only a sign-off role concludes, refusals change nothing', async () => {
    const base = `/staff/${w.a.code}/register/cleanup`;
    expect((await post(app, w.supervisor, base, { title: '清理', asOf: '2024-06-30' })).status).toBe(403);
    expect((await post(app, w.handler, base, { title: '清理', asOf: '2024-06-30' }, { csrf: null })).status).toBe(403);
    const badDate = await post(app, w.handler, base, { title: '2024年清理', asOf: '2025-01-01' });
    expect(badDate.status).toBe(422);
    expect(await badDate.text()).toContain('清理基准日不能晚于今天');
    const created = await post(app, w.handler, base, { title: '2024年度行政规范性文件清理', asOf: '2024-06-30' });
    expect(created.status).toBe(303);
    const roundPath = created.headers.get('location') as string;
    const roundId = Number(/\/(\d+)$/.exec(roundPath)?.[1]);
    const page = await (await get(app, w.handler, roundPath)).text();
    expect(page).toContain('23件（基准日现行有效）');
    expect(page).toContain(`${roundPath}/entries/${ids[22]}`);
    // another agency does not find it
    expect((await get(app, w.handlerB, `/staff/${w.b.code}/register/cleanup/${roundId}`)).status).toBe(404);

    const before = await snapshot(t.db);
    const missing = await post(app, w.admin, `${roundPath}/conclude`, { summary: '清理完毕' });
    expect(missing.status).toBe(422);
    expect(await missing.text()).toContain('还有23份文件没有清理结论');
    const unknown = await post(app, w.handler, `${roundPath}/entries/${ids[0]}`, { conclusion: '作废' });
    expect(unknown.status).toBe(422);
    expect(await snapshot(t.db)).toEqual(before);

    for (const [i, id] of ids.entries()) {
      const r = await post(app, w.handler, `${roundPath}/entries/${id}`, { conclusion: i === 0 ? '废止' : i === 1 ? '宣布失效' : '继续有效', note: '经审查' });
      expect(r.status).toBe(303);
    }
    expect((await post(app, w.handler, `${roundPath}/conclude`, { summary: '清理完毕' })).status).toBe(403);
    const done = await post(app, w.admin, `${roundPath}/conclude`, { summary: '共清理23件，废止1件，宣布失效1件，其余继续有效。' });
    expect(done.status).toBe(303);
    expect((await getItem(t.db, w.a.id, ids[0] as number))?.repealedOn).toBe(TODAY);
    expect((await getItem(t.db, w.a.id, ids[1] as number))?.validity).toBe('失效');
    const list = await (await get(app, w.supervisor, base)).text();
    expect(list).toContain('2024年度行政规范性文件清理');
    expect(list).toContain(`已结束（${TODAY}）`);
    const concluded = await (await get(app, w.supervisor, `${roundPath}?done=concluded`)).text();
    expect(concluded).toContain('共清理23件');
    expect(concluded).not.toContain('保存结论');
  });
});
