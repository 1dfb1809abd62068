// The interchange JSON (schemas/annual-report.v1.schema.json): validating what comes in, so a
// report read from JSON is as trustworthy as one parsed from text.

import type { Ajv2020 as Ajv2020Class, ValidateFunction } from 'ajv/dist/2020.js';
import schema from '../../../schemas/annual-report.v1.schema.json' with { type: 'json' };
import type { AnnualReport } from './model.ts';
import { loadPackage } from '../packages.ts';

export const ANNUAL_REPORT_SCHEMA: object = schema;

let validator: ValidateFunction | null = null;

function validate(): ValidateFunction {
  // ajv loads on the first JSON read (not with every command and page that imports this module)
  if (validator === null) {
    const { Ajv2020 } = loadPackage<{ Ajv2020: typeof Ajv2020Class }>('ajv/dist/2020.js');
    validator = new Ajv2020({ allErrors: true, strict: false }).compile(schema);
  }
  return validator;
}

export type JsonReading = { ok: true; report: AnnualReport } | { ok: false; errors: string[] };

/** Check a value against the interchange schema; errors name the JSON path in Chinese. */
export function readReportJson(value: unknown): JsonReading {
  const check = validate();
  if (!check(value)) {
    const errors = (check.errors ?? []).slice(0, 20).map((e) => {
      const where = e.instancePath ? e.instancePath.replace(/^\//, '').replace(/\//g, '.') : '（根对象）';
      return `${where}：${e.message ?? '不符合格式'}`;
    });
    return { ok: false, errors };
  }
  const { inconsistencies: _i, ambiguous: _a, ...report } = value as AnnualReport & { inconsistencies?: unknown; ambiguous?: unknown };
  return { ok: true, report: report as AnnualReport };
}

/** Whether a report validates: for tests and for every JSON gongkai prints. */
export function isValidReportJson(value: unknown): boolean {
  return validate()(value) === true;
}
