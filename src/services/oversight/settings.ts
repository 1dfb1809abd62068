// The office's own settings (issue #13, migration 0020): its scoring rubric (checked by checkRubric, every
// refusal in Chinese; none: the default rubric of docs/oversight-rubric.md) and the due date of 乡镇/街道
// reports (a local rule; plan-notes "#13 timeliness"). collectedReports scores with them. One row per
// overseeing agency; each save is one transaction with its audit entry, a refusal writes nothing.

import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { DomainError, DomainResult } from '../../domain/applications/types.ts';
import { checkRubric, DEFAULT_RUBRIC, DEFAULT_TIMELINESS, timelinessSettingsSchema, type Rubric, type RubricProblem, type TimelinessSettings } from '../../domain/oversight/index.ts';
import { record } from '../audit.ts';
import type { OversightActor } from './common.ts';

export interface OfficeSettings {
  rubric: Rubric;
  /** whether the office set its own rubric (else the default) */
  customRubric: boolean;
  timeliness: TimelinessSettings;
  updatedAt: string | null;
}

/** The office's settings, the defaults where it set none. A stored rubric that no longer checks falls back to the default. */
export async function officeSettings(db: Kysely<DB>, overseerId: number): Promise<OfficeSettings> {
  const row = await db.selectFrom('oversightSettings').selectAll().where('overseerId', '=', overseerId).executeTakeFirst();
  const checked = row?.rubric ? checkRubric(row.rubric) : null;
  return {
    rubric: checked?.ok ? checked.value : DEFAULT_RUBRIC,
    customRubric: checked?.ok === true,
    timeliness: row?.townshipDue ? { townshipDue: row.townshipDue } : DEFAULT_TIMELINESS,
    updatedAt: row?.updatedAt ?? null,
  };
}

export interface SettingsInput {
  /** the rubric (parsed JSON) or null for the default rubric */
  rubric: unknown;
  /** MM-DD */
  townshipDue: string;
}

export type SettingsRefusal = { ok: false; error: DomainError; problems: RubricProblem[] };

/** Saves the office's settings; refused (nothing written) with every problem in Chinese. */
export async function saveOfficeSettings(db: Kysely<DB>, overseerId: number, input: SettingsInput, actor: OversightActor): Promise<DomainResult<OfficeSettings> | SettingsRefusal> {
  const due = timelinessSettingsSchema.safeParse({ townshipDue: input.townshipDue });
  if (!due.success) {
    const message = due.error.issues[0]?.message ?? '截止日期有误';
    return { ok: false, error: { code: 'INVALID_DUE', message, field: 'townshipDue' }, problems: [{ field: 'townshipDue', message }] };
  }
  let rubric: Rubric | null = null;
  if (input.rubric !== null) {
    const checked = checkRubric(input.rubric);
    if (!checked.ok) return checked;
    rubric = checked.value;
  }
  const values = { rubric: rubric === null ? null : JSON.stringify(rubric), townshipDue: due.data.townshipDue, updatedAt: actor.now, updatedBy: actor.userId };
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('oversightSettings')
      .values({ overseerId, ...values })
      .onConflict((oc) => oc.column('overseerId').doUpdateSet(values))
      .execute();
    await record(trx, {
      userId: actor.userId,
      agencyId: overseerId,
      action: 'oversight.settings',
      target: `agency:${overseerId}`,
      detail: { rubric: rubric === null ? 'default' : rubric.title, townshipDue: due.data.townshipDue },
      ip: actor.ip ?? null,
      at: actor.now,
    });
  });
  return { ok: true, value: { rubric: rubric ?? DEFAULT_RUBRIC, customRubric: rubric !== null, timeliness: due.data, updatedAt: actor.now } };
}
