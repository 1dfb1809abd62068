// One report file checked where it is parsed (the parse pool's worker, for `gongkai report check`): the
// parse, every check of one report (checkAll), and what the output and the cross-year checks need —
// never the model itself, so a check over tens of thousands of files keeps a few cells of each.
// Pure: bytes in, values out (the PDF reader is given).

import { checkAll, pairFacts } from './checks.ts';
import type { PairFacts } from './checks.ts';
import { parseReportDocument } from './document.ts';
import type { InputReaders } from './input/index.ts';
import type { ReportFormat } from './model.ts';
import type { Diagnostic, Finding } from './types.ts';

export type DocumentCheck =
  | {
      ok: true;
      format: ReportFormat;
      year: number | null;
      agency: string | null;
      findings: Finding[];
      diagnostics: Diagnostic[];
      /** what checkPair reads of this report */
      pair: PairFacts;
    }
  | { ok: false; error: string };

export async function checkReportDocument(bytes: Uint8Array, fileName: string | undefined, readers: InputReaders = {}): Promise<DocumentCheck> {
  const r = await parseReportDocument(bytes, fileName, readers);
  if (!r.ok) return { ok: false, error: r.error };
  const { report } = r;
  return {
    ok: true,
    format: report.format,
    year: report.year,
    agency: report.agency,
    findings: checkAll(report, { status: r.status }),
    diagnostics: r.diagnostics,
    pair: pairFacts(report),
  };
}
