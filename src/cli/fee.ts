// `gongkai fee piece|pages`: quote the 信息处理费 of 国办函〔2020〕109号 — parse the arguments, call the
// domain, print.

import { Command } from 'commander';
import { pageFee, pieceFee } from '../domain/fees/fees.ts';
import type { FeeQuote, FeeResult } from '../domain/fees/fees.ts';
import type { Io } from './report.ts';

/** 0 quoted; 2 invalid input (as for commander's own usage errors). */
export const FEE_EXIT = { ok: 0, invalidInput: 2 } as const;

/** A whole number as typed ("12", "-3"), or null for anything else ("abc", "1.5", "1e3"). */
function wholeNumber(text: string): number | null {
  return /^[+-]?\d+$/.test(text.trim()) ? Number(text.trim()) : null;
}

export function feeCommand(io: Io, setExit: (code: number) => void): Command {
  const fee = new Command('fee').description('计算信息处理费（国办函〔2020〕109号，超额累进）：按件计收或按量计收，一件申请只用其中一种');

  const print = (result: FeeResult, heading: (q: FeeQuote) => string, json: boolean | undefined): void => {
    if (!result.ok) {
      io.err(`gongkai：${result.error.message}`);
      setExit(FEE_EXIT.invalidInput);
      return;
    }
    const q = result.value;
    if (json) io.out(JSON.stringify({ method: q.method, yuan: q.yuan, breakdown: q.breakdown, basis: q.basis }, null, 1));
    else io.out([`${heading(q)}，应收信息处理费 ${q.yuan}元`, ...q.breakdown.map((l) => `  ${l.text}`), `依据：${q.basis}`].join('\n'));
    setExit(FEE_EXIT.ok);
  };

  const refuse = (what: string, text: string): void => {
    io.err(`gongkai：${what}必须是正整数，收到“${text}”。`);
    setExit(FEE_EXIT.invalidInput);
  };

  fee
    .command('piece')
    .description('按件计收（第四条）：同一申请人在同一自然月内第n件申请的信息处理费；--count 计算自第n件起连续k件的合计')
    .argument('<n>', '本自然月内的第几件申请（从1起，累计）')
    .option('--count <k>', '件数（自第n件起连续计算）', '1')
    .option('--json', '输出 JSON')
    .action((nText: string, opts: { count: string; json?: boolean }) => {
      const n = wholeNumber(nText);
      if (n === null) return refuse('申请序号', nText);
      const count = wholeNumber(opts.count);
      if (count === null) return refuse('件数', opts.count);
      const last = n + count - 1;
      print(pieceFee(n, count), () => (count === 1 ? `按件计收：本自然月第${n}件申请` : `按件计收：本自然月第${n}–${last}件申请（共${count}件）`), opts.json);
    });

  fee
    .command('pages')
    .description('按量计收（第五条）：一件申请共n页的信息处理费')
    .argument('<n>', '该件申请的页数')
    .option('--json', '输出 JSON')
    .action((nText: string, opts: { json?: boolean }) => {
      const n = wholeNumber(nText);
      if (n === null) return refuse('页数', nText);
      print(pageFee(n), () => `按量计收：一件申请共${n}页`, opts.json);
    });

  return fee;
}
