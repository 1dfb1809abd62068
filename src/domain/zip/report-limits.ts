// The limits of a bulk upload of annual report files (issue #13), apart from report-files.ts so that the
// web's body limits read them without loading the ZIP reader. Pure.

import { ZIP_LIMITS } from './limits.ts';

const MB = 1024 * 1024;

export const REPORT_FILE_LIMITS = {
  /** files in one upload, loose or inside ZIPs */
  maxFiles: 300,
  /** one report file */
  maxFileBytes: ZIP_LIMITS.reports.maxEntryBytes,
  /** what one upload carries (the request's body limit adds the form around it) */
  maxUploadBytes: 100 * MB,
} as const;
