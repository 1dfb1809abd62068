// `npm run bench [reports|calendar]`: every figure next to a baseline measured in the same run.

import { benchCalendar } from './calendar.ts';
import { benchReports } from './report.ts';

const only = process.argv[2];
if (!only || only === 'calendar') benchCalendar();
if (!only || only === 'reports') await benchReports(Number(process.argv[3] ?? 10_000));
