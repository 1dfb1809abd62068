// `gongkai fee` as a user runs it: once a real process through bin/gongkai.mjs (its exit code, its
// outputs), the other runs in this process (support/cli-inprocess.ts), printing the same.

import { describe, expect, it } from 'vitest';
import { gongkai as spawnGongkai } from './support/cli.ts';
import { gongkaiInProcess } from './support/cli-inprocess.ts';

const gongkai = (...args: string[]) => gongkaiInProcess(args);

describe('gongkai fee, a real process', () => {
  it('fee pages -3: exit 2, a Chinese message on standard error, nothing on standard output', async () => {
    const { code, stdout, stderr } = await spawnGongkai(['fee', 'pages', '-3']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('页数');
    expect(stderr).toMatch(/^gongkai：[^\n]*[\u4e00-\u9fff][^\n]*\n$/);
  });
});

describe('gongkai fee', () => {
  it('is listed in the help', async () => {
    const { code, stdout } = await gongkai('--help');
    expect(code).toBe(0);
    expect(stdout).toContain('fee');
    const fee = await gongkai('fee', '--help');
    expect(fee.stdout).toContain('piece');
    expect(fee.stdout).toContain('pages');
  });

  it('pages 150 --json: 0 + 70×10 + 50×20 = 1700', async () => {
    const { code, stdout } = await gongkai('fee', 'pages', '150', '--json');
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(json.method).toBe('page');
    expect(json.yuan).toBe(1700);
    expect(json.breakdown.map((l: { from: number; to: number; yuan: number }) => [l.from, l.to, l.yuan])).toEqual([
      [1, 30, 0],
      [31, 100, 700],
      [101, 150, 1000],
    ]);
    expect(json.basis).toContain('第五条');
  });

  it('piece 1 --count 45 --json: 5500', async () => {
    const { code, stdout } = await gongkai('fee', 'piece', '1', '--count', '45', '--json');
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(json.method).toBe('piece');
    expect(json.yuan).toBe(5500);
    expect(json.breakdown).toHaveLength(4);
    expect(json.basis).toContain('第四条');
  });

  it('piece 31 in words: the total and one line per tier', async () => {
    const { code, stdout } = await gongkai('fee', 'piece', '31');
    expect(code).toBe(0);
    expect(stdout).toContain('应收信息处理费 200元');
    expect(stdout).toContain('第31件：1件 × 200元 = 200元');
  });

  it('pages 201 in words', async () => {
    const { code, stdout } = await gongkai('fee', 'pages', '201');
    expect(code).toBe(0);
    expect(stdout).toContain('2740元');
    expect(stdout).toContain('第1–30页：免费');
    expect(stdout).toContain('第201页：1页 × 40元 = 40元');
  });

  it.each([
    [['fee', 'pages', '-3'], '页数'],
    [['fee', 'pages', 'abc'], '页数'],
    [['fee', 'pages', '0'], '页数'],
    [['fee', 'pages', '1.5'], '页数'],
    [['fee', 'pages', '2000000'], '上限'],
    [['fee', 'piece', 'x'], '申请序号'],
    [['fee', 'piece', '3', '--count', '0'], '件数'],
  ])('%j → exit 2 with a Chinese message', async (args, word) => {
    const { code, stdout, stderr } = await gongkai(...args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(word);
    expect(stderr).toMatch(/[\u4e00-\u9fff]/);
  });
});
