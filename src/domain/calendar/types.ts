// The holiday arrangement of a year as the State Council publishes it (国务院办公厅关于XXXX年部分节假日
// 安排的通知): rest blocks (statutory holidays with the rest days swapped into them) and the weekend
// days made working days (调休上班). Keyed by date: a year's first block may start in December.

import type { IsoDate } from './dates.ts';

export interface HolidayBlock {
  /** first and last rest day, inclusive */
  start: IsoDate;
  end: IsoDate;
  /** 元旦, 春节, 国庆节、中秋节 … */
  name: string;
}

export interface MakeUpDay {
  /** a Saturday or Sunday that is a working day */
  date: IsoDate;
  /** the holiday it pays for */
  name: string;
}

export interface YearArrangement {
  year: number;
  /** the notice(s) it comes from: title, document number, address */
  sources: string[];
  holidays: HolidayBlock[];
  makeUpDays: MakeUpDay[];
  /** estimated on the statutory holidays, no notice published yet (暂定): provisional.ts */
  provisional?: true;
}

/** Rest days an agency adds on top of the national calendar (a local holiday, a closure). */
export interface LocalRestDay {
  date: IsoDate;
  name: string;
}
