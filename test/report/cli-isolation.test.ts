// `gongkai report parse|check` on the bombs of issue #10: the command answers with exit code 2 and a
// Chinese message naming the part over the limit, within a heap of 512 MB for the command's own
// thread (the parse runs in the parse pool's worker), and never crashes. Before the parse pool and the
// ZIP limits the same files ran for minutes and ended in "FATAL ERROR: Reached heap limit".

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { gongkai } from '../support/cli.ts';
import { docxBomb, mainBinBomb } from '../support/zip-bombs.ts';

const dir = mkdtempSync(join(tmpdir(), 'gongkai-bombs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const BOMB = join(dir, 'bomb.docx');
const MAIN_BIN = join(dir, 'main-bin.docx');
writeFileSync(BOMB, docxBomb());
writeFileSync(MAIN_BIN, mainBinBomb());

/** The command with its heap capped: a parse in the command's own thread would end in a crash. */
const run = (args: string[]) => gongkai(args, { env: { NODE_OPTIONS: '--max-old-space-size=512' } });

describe('gongkai report on ZIP bombs', () => {
  it('report parse bomb.docx: exit 2, the part and the limit named in Chinese', async () => {
    const r = await run(['report', 'parse', BOMB]);
    expect(r.stderr).not.toMatch(/FATAL|heap|Error:/);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('无法读取');
    expect(r.stdout).toContain('word/document.xml');
    expect(r.stdout).toContain('16 MB');
  });

  it('report parse --json main-bin.docx: exit 2, word/main.bin named', async () => {
    const r = await run(['report', 'parse', '--json', MAIN_BIN]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('word/main.bin');
    expect(r.stderr).toContain('过于复杂');
  });

  it('report check on the folder: exit 2, both files unreadable', async () => {
    const r = await run(['report', 'check', dir]);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('共2个文件：0个通过，0个有错误，2个无法读取。');
  });
});
