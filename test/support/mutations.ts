// Random damage to a report's bytes, of the kinds real copies suffer: lines deleted, duplicated or
// swapped, separators changed, text cut off, random bytes. Used by the robustness test and the bench.

import fc from 'fast-check';

export type Mutation =
  | { kind: 'deleteLine'; at: number }
  | { kind: 'duplicateLine'; at: number }
  | { kind: 'swapLines'; a: number; b: number }
  | { kind: 'separators'; from: number; to: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'randomBytes'; at: number; bytes: number[] }
  | { kind: 'deleteBytes'; at: number; count: number };

const SEPARATORS = ['\t', '|', '\n', '\n\n', ' ', '', '｜', '，'];

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('deleteLine' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('duplicateLine' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('swapLines' as const), a: fc.nat(), b: fc.nat() }),
  fc.record({ kind: fc.constant('separators' as const), from: fc.nat({ max: SEPARATORS.length - 1 }), to: fc.nat({ max: SEPARATORS.length - 1 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('randomBytes' as const), at: fc.nat(), bytes: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 64 }) }),
  fc.record({ kind: fc.constant('deleteBytes' as const), at: fc.nat(), count: fc.integer({ min: 1, max: 200 }) }),
);

export function applyMutation(input: Uint8Array, steps: readonly Mutation[]): Uint8Array {
  let bytes = input;
  for (const m of steps) bytes = applyOne(bytes, m);
  return bytes;
}

function applyOne(bytes: Uint8Array, m: Mutation): Uint8Array {
  switch (m.kind) {
    case 'randomBytes': {
      const at = bytes.length === 0 ? 0 : m.at % bytes.length;
      return concat(bytes.subarray(0, at), Uint8Array.from(m.bytes), bytes.subarray(at));
    }
    case 'deleteBytes': {
      const at = bytes.length === 0 ? 0 : m.at % bytes.length;
      return concat(bytes.subarray(0, at), bytes.subarray(at + m.count));
    }
    case 'truncate':
      return bytes.subarray(0, bytes.length === 0 ? 0 : m.at % bytes.length);
    default:
      break;
  }
  const text = Buffer.from(bytes).toString('utf8');
  if (m.kind === 'separators') {
    const from = SEPARATORS[m.from] ?? '\t';
    const to = SEPARATORS[m.to] ?? '|';
    return new TextEncoder().encode(from === '' ? text : text.split(from).join(to));
  }
  const lines = text.split('\n');
  if (lines.length === 0) return bytes;
  if (m.kind === 'deleteLine') lines.splice(m.at % lines.length, 1);
  else if (m.kind === 'duplicateLine') lines.splice(m.at % lines.length, 0, lines[m.at % lines.length] ?? '');
  else {
    const a = m.a % lines.length;
    const b = m.b % lines.length;
    [lines[a], lines[b]] = [lines[b] ?? '', lines[a] ?? ''];
  }
  return new TextEncoder().encode(lines.join('\n'));
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
