// Published 规章/行政规范性文件 for register tests: parseItem + insertItem with state 'published' in a
// transaction (the quickest way to a register item), and a seeded random register across years.

import type { Kysely } from 'kysely';
import type { DB } from '../../src/db/schema.ts';
import type { ItemInput } from '../../src/domain/catalogue/item-input.ts';
import { insertItem, parseItem, type CatalogueActor, type ItemRow } from '../../src/services/catalogue/items.ts';
import type { ItemState } from '../../src/domain/catalogue/vocab.ts';

export async function publishedItem(db: Kysely<DB>, agencyId: number, input: ItemInput, actor: CatalogueActor, state: ItemState = 'published'): Promise<ItemRow> {
  const parsed = await parseItem(db, agencyId, { category: 'a20-1', ...input }, actor.today);
  if (!parsed.ok) throw new Error(`${parsed.error.code}: ${parsed.error.message}`);
  return db.transaction().execute((trx) => insertItem(trx, parsed.value, actor, { state, publishedAt: state === 'published' ? actor.now : null }));
}

/** A small deterministic PRNG (mulberry32). */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface GeneratedItem {
  id: number;
  docType: string;
  state: string;
  writtenOn: string;
  repealedOn: string | null;
  lapsedOn: string | null;
  revisedOn: string | null;
}

const pad = (n: number) => String(n).padStart(2, '0');
const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * `count` items with random 成文日期 in [fromYear, toYear], random endings (none, 废止, 失效, 已修订 on a
 * later random day, sometimes the next 01-01 after a 12-31), random types (the two register types and
 * another) and random states (mostly published). Returns what was inserted, as the test counts it.
 */
export async function generateRegister(db: Kysely<DB>, agencyId: number, actor: CatalogueActor, options: { seed: number; count: number; fromYear: number; toYear: number }): Promise<GeneratedItem[]> {
  const rnd = random(options.seed);
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const day = (year: number): string => {
    const m = Math.floor(rnd() * 12);
    return `${year}-${pad(m + 1)}-${pad(1 + Math.floor(rnd() * (DAYS[m] as number)))}`;
  };
  const anchor = await publishedItem(db, agencyId, { title: '修订后的文件', docType: '其他文件', writtenOn: `${options.fromYear}-01-01` }, actor);
  const out: GeneratedItem[] = [{ id: Number(anchor.id), docType: '其他文件', state: 'published', writtenOn: `${options.fromYear}-01-01`, repealedOn: null, lapsedOn: null, revisedOn: null }];
  for (let i = 0; i < options.count; i++) {
    const year = options.fromYear + Math.floor(rnd() * (options.toYear - options.fromYear + 1));
    const edge = rnd() < 0.08;
    const writtenOn = edge ? `${year}-12-31` : pick([day(year), day(year), `${year}-01-01`, `${year}-12-31`]);
    const docType = pick(['规章', '行政规范性文件', '行政规范性文件', '行政规范性文件', '其他文件']);
    const state = pick(['published', 'published', 'published', 'published', 'published', 'draft', 'in_review', 'withdrawn']) as ItemState;
    let validity = pick(['有效', '有效', '废止', '失效', '已修订']);
    if (edge) validity = '废止';
    const endYear = Math.min(year + Math.floor(rnd() * 4), options.toYear + 1);
    let validityOn: string | null = null;
    if (validity !== '有效') {
      validityOn = edge ? `${year + 1}-01-01` : day(endYear);
      if (validityOn < writtenOn) validityOn = writtenOn;
      if (validityOn > actor.today) validity = '有效';
    }
    if (docType === '其他文件') validity = '';
    const input: ItemInput = {
      title: `${docType}第${i + 1}号：关于规范行政执法的若干规定`,
      docType,
      writtenOn,
      validity,
      ...(validity !== '有效' && validity !== '' ? { validityOn: validityOn ?? '' } : {}),
      ...(validity === '已修订' ? { supersededBy: anchor.indexNumber } : {}),
    };
    const row = await publishedItem(db, agencyId, input, actor, state);
    out.push({ id: Number(row.id), docType, state, writtenOn, repealedOn: row.repealedOn, lapsedOn: row.lapsedOn, revisedOn: row.revisedOn });
  }
  return out;
}
