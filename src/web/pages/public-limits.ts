// Limits of the public column besides the ones per address (rate-limit.ts):
//   - failed status queries per receipt code (5 an hour), so guessing one application's query password
//     from many addresses is slow too. A code is counted whether it exists or not, so the limit tells
//     nothing about it;
//   - online applications per applicant (the platform administrator's setting, services/limits/
//     settings.ts), counted by a keyed hash of the 证件号码 (services/limits/applicant.ts): a place taken
//     before an application is registered, given back if it is not. It holds for trusted addresses
//     too: a service hall's NAT address is exempt from the limit per address, never from this one.
// Both count in the app's shared store when it has one (the database's: every process together).

import type { Context } from 'hono';
import { waitWords } from '../../services/accounts/throttle.ts';
import { applicantKey } from '../../services/limits/applicant.ts';
import { Limiter } from '../../services/limits/limiter.ts';
import type { Rule } from '../../services/limits/limiter.ts';
import { ruleOf } from '../../services/limits/settings.ts';
import { normaliseReceiptCode } from '../../services/public-applications.ts';
import { secretOf } from '../auth.ts';
import type { AppEnv } from '../context.ts';
import { limiterFor, publicLimitsOf } from '../rate-limit.ts';

type C = Context<AppEnv>;

export const RECEIPT_CODE_FAILURES: Rule = { limit: 5, windowMs: 3600_000 };

export class ReceiptCodeLimits {
  constructor(
    private readonly rule: Rule = RECEIPT_CODE_FAILURES,
    private readonly limiter: Limiter = new Limiter(),
  ) {}

  private key(agencyCode: string, typed: string): string {
    return `receipt:${agencyCode}:${normaliseReceiptCode(typed).slice(0, 40)}`;
  }

  /** Seconds before this code may be tried again (0: now). */
  wait(c: C, agencyCode: string, typed: string, now: number): Promise<number> {
    return limiterFor(c, this.limiter).retryAfter(this.key(agencyCode, typed), this.rule, now);
  }

  /** A failed query of this code. */
  async failed(c: C, agencyCode: string, typed: string, now: number): Promise<void> {
    await limiterFor(c, this.limiter).hit(this.key(agencyCode, typed), this.rule, now);
  }
}

export const receiptCodeHeldBack = (seconds: number): string =>
  `该回执码的查询失败次数过多，请在 ${waitWords(Math.max(60, seconds))}后再试。如忘记查询密码，请持回执联系受理机关。`;

/** An applicant's place under the limit: their counter's key and the rule in force. */
export interface ApplicantCheck {
  key: string;
  rule: Rule;
  /** 0: a place was taken (give it back if the application is not registered); else the seconds before they may apply again */
  seconds: number;
}

/**
 * Online applications per applicant: a place is taken before a valid application is registered — in one
 * step, so two submissions at once never both have the last place — and given back when it is not
 * registered after all (a refused form is not an application).
 */
export class ApplicantLimits {
  constructor(private readonly limiter: Limiter = new Limiter()) {}

  /** Takes this applicant's place for one application now, or says how long to wait (nothing counted). */
  async take(c: C, idNumber: string, now: number): Promise<ApplicantCheck> {
    const [secret, { limits }] = await Promise.all([secretOf(c.var.deps.db), publicLimitsOf(c)]);
    const key = applicantKey(secret, idNumber);
    const rule = ruleOf(limits.applyPerApplicant);
    return { key, rule, seconds: await limiterFor(c, this.limiter).take(key, rule, now) };
  }

  /** The place taken for an application that was not registered. */
  async giveBack(c: C, taken: ApplicantCheck, now: number): Promise<void> {
    await limiterFor(c, this.limiter).giveBack(taken.key, now);
  }
}

/** The refusal of one applicant's application over the limit (what to do, and when). */
export const applicantHeldBack = (seconds: number, rule: Rule): string => {
  const minutes = Math.round(rule.windowMs / 60_000);
  const window = minutes % 60 === 0 ? `${minutes / 60}小时` : `${minutes}分钟`;
  return `同一身份证明文件号码在${window}内最多提交${rule.limit}件申请，已达上限，请在 ${waitWords(seconds)}后再提交。如需一次提出多项内容，可以在一件申请的“所需信息的内容描述”中逐项写明。`;
};
