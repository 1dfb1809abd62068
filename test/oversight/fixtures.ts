// The real reports of test/fixtures/reports, parsed by the project's parser, for the oversight tests.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseReportDocument } from '../../src/domain/report/document.ts';
import type { ParseResult } from '../../src/domain/report/types.ts';

export const REPORTS_DIR = join(import.meta.dirname, '../fixtures/reports');
export const SEED = 'zhongwei-jiguan-shiwu-2024';

export const fixtureText = (stem: string): string => readFileSync(join(REPORTS_DIR, `${stem}.txt`), 'utf8');

/** A text parsed as `gongkai report parse` would parse it; throws when unreadable (the fixtures are readable). */
export async function parseText(text: string, name = 'report.txt'): Promise<ParseResult> {
  const parsed = await parseReportDocument(new TextEncoder().encode(text), name);
  if (!parsed.ok) throw new Error(parsed.error);
  return { report: parsed.report, status: parsed.status, diagnostics: parsed.diagnostics };
}

export const parseFixture = (stem: string): Promise<ParseResult> => parseText(fixtureText(stem), `${stem}.txt`);

/** The seed report with its tables cut out: the headings 二、三、四 stay, every line of the tables goes. */
export function seedWithoutTables(): string {
  const lines = fixtureText(SEED).split('\n');
  const heading = (title: string) => lines.findIndex((l) => l.startsWith(title));
  const [two, three, four, five] = ['二、主动公开', '三、收到和处理', '四、政府信息公开行政复议', '五、存在的主要问题'].map(heading) as [number, number, number, number];
  if ([two, three, four, five].some((i) => i < 0)) throw new Error('the seed report changed: headings not found');
  const keep = new Set([two, three, four]);
  return lines.filter((_, i) => i < two || i >= five || keep.has(i)).join('\n');
}

/** A deep copy: tests change cells of a parsed report without touching another test's copy. */
export const clone = <T>(value: T): T => structuredClone(value);
