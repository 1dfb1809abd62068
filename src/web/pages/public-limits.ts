// Limits of the public status query besides the one per address (rate-limit.ts): failed queries per
// receipt code (5 an hour), so guessing one application's query password from many addresses is slow
// too. A code is counted whether it exists or not, so the limit tells nothing about it.

import { waitWords } from '../../services/accounts/throttle.ts';
import { Limiter } from '../../services/limits/limiter.ts';
import type { Rule } from '../../services/limits/limiter.ts';
import { normaliseReceiptCode } from '../../services/public-applications.ts';

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
  wait(agencyCode: string, typed: string, now: number): number {
    return this.limiter.retryAfter(this.key(agencyCode, typed), this.rule, now);
  }

  /** A failed query of this code. */
  failed(agencyCode: string, typed: string, now: number): void {
    this.limiter.hit(this.key(agencyCode, typed), this.rule, now);
  }
}

export const receiptCodeHeldBack = (seconds: number): string =>
  `该回执码的查询失败次数过多，请在 ${waitWords(Math.max(60, seconds))}后再试。如忘记查询密码，请持回执联系受理机关。`;
