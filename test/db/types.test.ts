// The text forms PostgreSQL sends, parsed the same way on both engines (pure: no database).

import { describe, expect, it } from 'vitest';
import { parseArray, timestamptzToIso } from '../../src/db/types.ts';

describe('timestamptzToIso', () => {
  it.each([
    ['2024-10-08 09:30:00+00', '2024-10-08T09:30:00.000Z'],
    ['2024-10-08 17:30:00+08', '2024-10-08T09:30:00.000Z'],
    ['2024-10-08 00:30:00.5+08', '2024-10-07T16:30:00.500Z'],
    ['2024-10-08 09:30:00.123456+00', '2024-10-08T09:30:00.123Z'],
    ['2024-10-08 09:30:00.999999+00', '2024-10-08T09:30:00.999Z'],
    ['2024-10-08 15:00:00+05:30', '2024-10-08T09:30:00.000Z'],
    ['1900-01-01 08:05:43+08:05:43', '1900-01-01T00:00:00.000Z'],
    ['2024-10-08 04:30:00-05', '2024-10-08T09:30:00.000Z'],
    ['2024-10-08T09:30:00Z', '2024-10-08T09:30:00.000Z'],
    ['0050-01-01 00:00:00+00', '0050-01-01T00:00:00.000Z'],
    ['0001-01-01 00:00:00+00 BC', '0000-01-01T00:00:00.000Z'],
    ['infinity', 'infinity'],
    ['-infinity', '-infinity'],
  ])('%s → %s', (text, iso) => {
    expect(timestamptzToIso(text)).toBe(iso);
  });
});

describe('parseArray', () => {
  it.each([
    ['{}', []],
    ['{1,2,NULL}', [1, 2, null]],
    ['{{1,2},{3,4}}', [
      [1, 2],
      [3, 4],
    ]],
    ['[0:1]={5,6}', [5, 6]],
  ])('%s', (text, expected) => {
    expect(parseArray(text, Number)).toEqual(expected);
  });

  it('reads quoted elements with escapes; a quoted NULL is text', () => {
    expect(parseArray('{"2024-01-01 00:00:00+08","a \\"b\\" \\\\ c","NULL",NULL}', (s) => s)).toEqual(['2024-01-01 00:00:00+08', 'a "b" \\ c', 'NULL', null]);
  });
});
