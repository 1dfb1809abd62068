// The codes of report-publish.ts's refusals: a leaf module, so that the command line can name them
// without loading the publishing service.

export const REPORT_ALREADY_PUBLISHED = 'REPORT_ALREADY_PUBLISHED';
export const REPORT_CHECK_FAILED = 'REPORT_CHECK_FAILED';
export const REPORT_CROSS_YEAR_UNEXPLAINED = 'REPORT_CROSS_YEAR_UNEXPLAINED';
export const REPORT_WARNINGS_NOT_ACKNOWLEDGED = 'REPORT_WARNINGS_NOT_ACKNOWLEDGED';
export const REPORT_CHANGE_NOTE_MISSING = 'REPORT_CHANGE_NOTE_MISSING';

/** The refusals that are about the report's findings (the command exits 1 on them, as `report check`). */
export const FINDING_REFUSALS: readonly string[] = [REPORT_CHECK_FAILED, REPORT_CROSS_YEAR_UNEXPLAINED, REPORT_WARNINGS_NOT_ACKNOWLEDGED];
