// The 1月31日 deadline of the annual report is 条例第四十九条; 第五十条 is about the report's contents
// and its format. A line of src/ or docs/ that cites 第五十条 must not be about the deadline.

import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return files(path);
    return /\.(ts|tsx|md)$/.test(e.name) ? [path] : [];
  });
}

/** Words of a deadline: the date, "deadline", 期限, 前发布/公布. */
const DEADLINE = /1月31日|31 January|deadline|期限|前(?:发布|公布)/i;

describe('citations of the annual report’s deadline', () => {
  it('cite 第四十九条, never 第五十条', () => {
    const wrong: string[] = [];
    for (const file of [...files(join(ROOT, 'src')), ...files(join(ROOT, 'docs')), join(ROOT, 'README.md')]) {
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          // 第五十条 alone (not within 第四十九条、第五十条, which cites both for the report as a whole)
          const alone = line.replace(/第四十九(?:条)?[、，和及]第?五十条/g, '');
          if (alone.includes('第五十条') && DEADLINE.test(line)) wrong.push(`${relative(ROOT, file)}:${i + 1}: ${line.trim()}`);
        });
    }
    expect(wrong).toEqual([]);
  });
});
