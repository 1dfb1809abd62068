// Staff of one agency for the tests of personal data: a member of each role (or a platform administrator),
// with what each way in needs — the SessionUser the services take, a session cookie and CSRF token for
// the pages, an API token.

import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../src/db/schema.ts';
import { addMembership, createApiToken, createUser, sessionUser, startSession } from '../../src/services/accounts.ts';
import type { Role, SessionUser } from '../../src/services/accounts.ts';
import { submitOnline } from '../../src/services/public-applications.ts';
import { TEST_QUERY_KEY } from './query-key.ts';

export interface Person {
  user: SessionUser;
  /** `gk_session=…` */
  cookie: string;
  csrf: string;
  /** Bearer token of the API */
  token: string;
}

let counter = 0;

/** A user with `role` in the agency (null: no role; platformAdmin: a platform administrator). */
export async function person(db: Kysely<DB>, now: string, agencyId: number | null, role: Role | null, options: { name?: string; displayName?: string; platformAdmin?: boolean } = {}): Promise<Person> {
  counter += 1;
  const username = `${options.name ?? role ?? 'user'}-${counter}-${randomBytes(3).toString('hex')}`.toLowerCase();
  const password = `Pw-${randomBytes(12).toString('base64url')}-x9`;
  const created = await createUser(db, { username, displayName: options.displayName ?? `${username}姓名`, password, ...(options.platformAdmin ? { platformAdmin: true } : {}) }, now);
  if (!created.ok) throw new Error(created.error.message);
  if (agencyId !== null && role !== null) {
    const m = await addMembership(db, created.value.id, agencyId, role);
    if (!m.ok) throw new Error(m.error.message);
  }
  const s = await startSession(db, created.value.id, now);
  const user = await sessionUser(db, s.sessionToken, now);
  if (!user) throw new Error('no session user');
  const token = await createApiToken(db, created.value.id, 'test', now);
  if (!token.ok) throw new Error(token.error.message);
  return { user, cookie: `gk_session=${s.sessionToken}`, csrf: s.csrfToken, token: token.value.token };
}

/** An online application of 李四 (resident ID `idNumber`) with a PNG identity proof; its id. */
export async function submitWithProof(db: Kysely<DB>, agencyCode: string, idNumber: string, png: Uint8Array, now: string): Promise<number> {
  const online = await submitOnline(
    db,
    agencyCode,
    {
      applicantType: 'natural_person',
      applicantName: '李四',
      idKind: 'resident_id',
      idNumber,
      phone: '13800138000',
      email: '',
      address: '',
      request: '某项目环评批复',
      deliveryForm: 'on_site',
      identityProof: { bytes: png, type: 'image/png', name: '身份证.png' },
    },
    now,
    TEST_QUERY_KEY,
  );
  if (!online.ok) throw new Error(online.error.message);
  return online.value.applicationId;
}
