// The national holiday arrangements 2019–2026, from the State Council notices (domain.md Appendix A:
// machine-read from the gov.cn notices by NateScarlet/holiday-cn, each year cross-checked against an
// independent reproduction of the notice). 2027: not yet published; add it with
// `gongkai calendar import-notice` (or 平台管理 → 工作日历) when 国务院办公厅 publishes it; until then the
// year after the last one here is estimated on the statutory holidays (provisional.ts).

import type { YearArrangement } from './types.ts';

export const NATIONAL_ARRANGEMENTS: readonly YearArrangement[] = [
  {
    year: 2019,
    sources: ['国务院办公厅关于2019年部分节假日安排的通知；国务院办公厅关于调整2019年劳动节假期安排的通知（国办发明电〔2019〕3号）', 'http://www.gov.cn/zhengce/zhengceku/2018-12/06/content_5346276.htm', 'http://www.gov.cn/zhengce/zhengceku/2019-03/22/content_5375877.htm'],
    holidays: [
      { start: '2018-12-30', end: '2019-01-01', name: '元旦' },
      { start: '2019-02-04', end: '2019-02-10', name: '春节' },
      { start: '2019-04-05', end: '2019-04-05', name: '清明节' },
      { start: '2019-05-01', end: '2019-05-04', name: '劳动节' }, // revised 2019-03-22 (originally 05-01 only)
      { start: '2019-06-07', end: '2019-06-07', name: '端午节' },
      { start: '2019-09-13', end: '2019-09-13', name: '中秋节' },
      { start: '2019-10-01', end: '2019-10-07', name: '国庆节' },
    ],
    makeUpDays: [
      { date: '2018-12-29', name: '元旦' },
      { date: '2019-02-02', name: '春节' },
      { date: '2019-02-03', name: '春节' },
      { date: '2019-04-28', name: '劳动节' },
      { date: '2019-05-05', name: '劳动节' },
      { date: '2019-09-29', name: '国庆节' },
      { date: '2019-10-12', name: '国庆节' },
    ],
  },
  {
    year: 2020,
    sources: ['国务院办公厅关于2020年部分节假日安排的通知（国办发明电〔2019〕16号）；国务院办公厅关于延长2020年春节假期的通知（国办发明电〔2020〕1号）', 'http://www.gov.cn/zhengce/zhengceku/2019-11/21/content_5454164.htm', 'http://www.gov.cn/zhengce/zhengceku/2020-01/27/content_5472352.htm'],
    holidays: [
      { start: '2020-01-01', end: '2020-01-01', name: '元旦' },
      { start: '2020-01-24', end: '2020-02-02', name: '春节' }, // originally 01-24..01-30; extended to 02-02 (COVID, 国办发明电〔2020〕1号)
      { start: '2020-04-04', end: '2020-04-06', name: '清明节' },
      { start: '2020-05-01', end: '2020-05-05', name: '劳动节' },
      { start: '2020-06-25', end: '2020-06-27', name: '端午节' },
      { start: '2020-10-01', end: '2020-10-08', name: '国庆节、中秋节' },
    ],
    makeUpDays: [
      { date: '2020-01-19', name: '春节' },
      { date: '2020-04-26', name: '劳动节' },
      { date: '2020-05-09', name: '劳动节' },
      { date: '2020-06-28', name: '端午节' },
      { date: '2020-09-27', name: '国庆节、中秋节' },
      { date: '2020-10-10', name: '国庆节、中秋节' },
    ],
  },
  {
    year: 2021,
    sources: ['国务院办公厅关于2021年部分节假日安排的通知', 'http://www.gov.cn/zhengce/zhengceku/2020-11/25/content_5564127.htm'],
    holidays: [
      { start: '2021-01-01', end: '2021-01-03', name: '元旦' },
      { start: '2021-02-11', end: '2021-02-17', name: '春节' },
      { start: '2021-04-03', end: '2021-04-05', name: '清明节' },
      { start: '2021-05-01', end: '2021-05-05', name: '劳动节' },
      { start: '2021-06-12', end: '2021-06-14', name: '端午节' },
      { start: '2021-09-19', end: '2021-09-21', name: '中秋节' },
      { start: '2021-10-01', end: '2021-10-07', name: '国庆节' },
    ],
    makeUpDays: [
      { date: '2021-02-07', name: '春节' },
      { date: '2021-02-20', name: '春节' },
      { date: '2021-04-25', name: '劳动节' },
      { date: '2021-05-08', name: '劳动节' },
      { date: '2021-09-18', name: '中秋节' },
      { date: '2021-09-26', name: '国庆节' }, // the 2021 notice lists it under 七、国庆节
      { date: '2021-10-09', name: '国庆节' },
    ],
  },
  {
    year: 2022,
    sources: ['国务院办公厅关于2022年部分节假日安排的通知', 'http://www.gov.cn/zhengce/zhengceku/2021-10/25/content_5644835.htm'],
    holidays: [
      { start: '2022-01-01', end: '2022-01-03', name: '元旦' },
      { start: '2022-01-31', end: '2022-02-06', name: '春节' },
      { start: '2022-04-03', end: '2022-04-05', name: '清明节' },
      { start: '2022-04-30', end: '2022-05-04', name: '劳动节' },
      { start: '2022-06-03', end: '2022-06-05', name: '端午节' },
      { start: '2022-09-10', end: '2022-09-12', name: '中秋节' },
      { start: '2022-10-01', end: '2022-10-07', name: '国庆节' },
    ],
    makeUpDays: [
      { date: '2022-01-29', name: '春节' },
      { date: '2022-01-30', name: '春节' },
      { date: '2022-04-02', name: '清明节' },
      { date: '2022-04-24', name: '劳动节' },
      { date: '2022-05-07', name: '劳动节' },
      { date: '2022-10-08', name: '国庆节' },
      { date: '2022-10-09', name: '国庆节' },
    ],
  },
  {
    year: 2023,
    sources: ['国务院办公厅关于2023年部分节假日安排的通知', 'http://www.gov.cn/zhengce/zhengceku/2022-12/08/content_5730844.htm'],
    holidays: [
      { start: '2022-12-31', end: '2023-01-02', name: '元旦' },
      { start: '2023-01-21', end: '2023-01-27', name: '春节' },
      { start: '2023-04-05', end: '2023-04-05', name: '清明节' },
      { start: '2023-04-29', end: '2023-05-03', name: '劳动节' },
      { start: '2023-06-22', end: '2023-06-24', name: '端午节' },
      { start: '2023-09-29', end: '2023-10-06', name: '中秋节、国庆节' },
    ],
    makeUpDays: [
      { date: '2023-01-28', name: '春节' },
      { date: '2023-01-29', name: '春节' },
      { date: '2023-04-23', name: '劳动节' },
      { date: '2023-05-06', name: '劳动节' },
      { date: '2023-06-25', name: '端午节' },
      { date: '2023-10-07', name: '中秋节、国庆节' },
      { date: '2023-10-08', name: '中秋节、国庆节' },
    ],
  },
  {
    year: 2024,
    sources: ['国务院办公厅关于2024年部分节假日安排的通知（国办发明电〔2023〕7号）', 'https://www.gov.cn/zhengce/zhengceku/202310/content_6911528.htm'],
    holidays: [
      { start: '2024-01-01', end: '2024-01-01', name: '元旦' },
      { start: '2024-02-10', end: '2024-02-17', name: '春节' }, // 除夕 02-09 is a normal working day
      { start: '2024-04-04', end: '2024-04-06', name: '清明节' },
      { start: '2024-05-01', end: '2024-05-05', name: '劳动节' },
      { start: '2024-06-10', end: '2024-06-10', name: '端午节' },
      { start: '2024-09-15', end: '2024-09-17', name: '中秋节' },
      { start: '2024-10-01', end: '2024-10-07', name: '国庆节' },
    ],
    makeUpDays: [
      { date: '2024-02-04', name: '春节' },
      { date: '2024-02-18', name: '春节' },
      { date: '2024-04-07', name: '清明节' },
      { date: '2024-04-28', name: '劳动节' },
      { date: '2024-05-11', name: '劳动节' },
      { date: '2024-09-14', name: '中秋节' },
      { date: '2024-09-29', name: '国庆节' },
      { date: '2024-10-12', name: '国庆节' },
    ],
  },
  {
    year: 2025,
    sources: ['国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号）', 'https://www.gov.cn/zhengce/zhengceku/202411/content_6986383.htm'],
    holidays: [
      { start: '2025-01-01', end: '2025-01-01', name: '元旦' },
      { start: '2025-01-28', end: '2025-02-04', name: '春节' },
      { start: '2025-04-04', end: '2025-04-06', name: '清明节' },
      { start: '2025-05-01', end: '2025-05-05', name: '劳动节' },
      { start: '2025-05-31', end: '2025-06-02', name: '端午节' },
      { start: '2025-10-01', end: '2025-10-08', name: '国庆节、中秋节' },
    ],
    makeUpDays: [
      { date: '2025-01-26', name: '春节' },
      { date: '2025-02-08', name: '春节' },
      { date: '2025-04-27', name: '劳动节' },
      { date: '2025-09-28', name: '国庆节、中秋节' },
      { date: '2025-10-11', name: '国庆节、中秋节' },
    ],
  },
  {
    year: 2026,
    sources: ['国务院办公厅关于2026年部分节假日安排的通知', 'https://www.gov.cn/zhengce/zhengceku/202511/content_7047091.htm'],
    holidays: [
      { start: '2026-01-01', end: '2026-01-03', name: '元旦' },
      { start: '2026-02-15', end: '2026-02-23', name: '春节' }, // 9 days, starts 腊月二十八
      { start: '2026-04-04', end: '2026-04-06', name: '清明节' },
      { start: '2026-05-01', end: '2026-05-05', name: '劳动节' },
      { start: '2026-06-19', end: '2026-06-21', name: '端午节' },
      { start: '2026-09-25', end: '2026-09-27', name: '中秋节' },
      { start: '2026-10-01', end: '2026-10-07', name: '国庆节' },
    ],
    makeUpDays: [
      { date: '2026-01-04', name: '元旦' },
      { date: '2026-02-14', name: '春节' },
      { date: '2026-02-28', name: '春节' },
      { date: '2026-05-09', name: '劳动节' },
      { date: '2026-09-20', name: '国庆节' }, // the notice lists it under 七、国庆节
      { date: '2026-10-10', name: '国庆节' },
    ],
  },
];
