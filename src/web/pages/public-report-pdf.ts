// The published annual report as PDF in the public column (/:agency/reports/:year.pdf): the PDF kept since
// its publication, or printed now and kept (services/report-pdf.ts). Where it cannot be printed (no
// browser or Chinese font on the server), the citizen is told to take the Word or web version instead —
// never what to install: that is for the staff and the README.

import type { Context } from 'hono';
import type { BrowserSettings } from '../../services/pdf/index.ts';
import { publishedPdf } from '../../services/report-pdf.ts';
import type { AppEnv } from '../context.ts';
import { GENERIC_MESSAGES } from '../http-errors.ts';
import { messagePage } from '../views/message.tsx';

export async function reportPdf(c: Context<AppEnv>, agencyCode: string, year: number, browser: BrowserSettings): Promise<Response> {
  const found = await publishedPdf(c.var.deps.db, agencyCode, year, browser);
  if (!found.ok) {
    if (found.error.code === 'NOT_FOUND') return c.html(messagePage({ title: '页面不存在', message: GENERIC_MESSAGES[404] ?? '', home: '/' }), 404);
    c.header('Cache-Control', 'no-store');
    c.header('Retry-After', '600');
    return c.html(
      messagePage({
        title: 'PDF版本暂时无法提供',
        message: `本年度报告的PDF版本暂时无法生成，请稍后再试，或在报告页面阅读网页版、下载Word版本。`,
        home: `/${encodeURIComponent(agencyCode)}/reports/${year}`,
      }),
      503,
    );
  }
  const { bytes, title, version } = found.value;
  c.header('Content-Type', 'application/pdf');
  c.header('Content-Disposition', `attachment; filename="${agencyCode}-report-${year}-v${version}.pdf"; filename*=UTF-8''${encodeURIComponent(`${title}.pdf`)}`);
  c.header('Cache-Control', 'public, max-age=300');
  return c.body(new Uint8Array(bytes));
}
