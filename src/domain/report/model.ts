// The annual report (政府信息公开工作年度报告) as data.
// Format: 国办公开办函〔2021〕30号 (sections 一–六, tables in 二, 三, 四), and the 2019 trial
// format of 国办公开办函〔2019〕60号 for reports on 2019 and 2020.
// The JSON shape is the interchange format of schemas/annual-report.v1.schema.json.

/** A table cell: a non-negative number, or null where the report gives none. Never 0 for "missing". */
export type Cell = number | null;

/** 三: one row, by applicant column [自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计]. */
export type ApplicantRow = Cell[];

/** 四: one group [结果维持, 结果纠正, 其他结果, 尚未审结, 总计]. */
export type ReviewRow = Cell[];

export type ReportFormat = '2021' | '2019' | 'mixed';

export const APPLICANT_COLUMN_KEYS = [
  'naturalPerson',
  'commercial',
  'research',
  'socialWelfare',
  'legalService',
  'other',
  'total',
] as const;
export type ApplicantColumnKey = (typeof APPLICANT_COLUMN_KEYS)[number];

export interface DocumentCounts {
  /** 本年制发件数 (2019: 本年新制作数量) */
  issued: Cell;
  /** 本年废止件数 (no 2019 equivalent) */
  repealed: Cell;
  /** 现行有效件数 (2019: 对外公开总数量) */
  inForce: Cell;
}

/** 二、主动公开政府信息情况 */
export interface ActiveDisclosure {
  /** 第二十条第（一）项 规章 */
  regulations: DocumentCounts;
  /** 第二十条第（一）项 行政规范性文件 (2019: 规范性文件) */
  normativeDocuments: DocumentCounts;
  /** 第二十条第（五）项 行政许可 本年处理决定数量 */
  licensing: Cell;
  /** 第二十条第（六）项 行政处罚 本年处理决定数量 */
  punishment: Cell;
  /** 第二十条第（六）项 行政强制 本年处理决定数量 */
  enforcement: Cell;
  /** 第二十条第（八）项 行政事业性收费 本年收费金额（万元）; may be a decimal */
  feesWanYuan: Cell;
}

/** 三（三）不予公开 1–8 */
export interface DeniedRows {
  stateSecret: ApplicantRow;
  lawProhibited: ApplicantRow;
  threeSecurityOneStability: ApplicantRow;
  thirdPartyRights: ApplicantRow;
  internalAffairs: ApplicantRow;
  processInformation: ApplicantRow;
  enforcementFiles: ApplicantRow;
  administrativeQuery: ApplicantRow;
}

/** 三（四）无法提供 1–3 */
export interface UnableToProvideRows {
  notHeld: ApplicantRow;
  needsCreation: ApplicantRow;
  stillUnclear: ApplicantRow;
}

/** 三（五）不予处理 1–5 */
export interface NotProcessedRows {
  petitionComplaint: ApplicantRow;
  duplicate: ApplicantRow;
  publication: ApplicantRow;
  massRepeated: ApplicantRow;
  confirmOrReissue: ApplicantRow;
}

/** 三（六）其他处理 1–3. The 2019 format has one row only: it goes to `other`, the two others are null. */
export interface OtherHandlingRows {
  noCorrection: ApplicantRow | null;
  unpaidFee: ApplicantRow | null;
  other: ApplicantRow;
}

export interface ApplicationRows {
  /** 一、本年新收政府信息公开申请数量 */
  newReceived: ApplicantRow;
  /** 二、上年结转政府信息公开申请数量 */
  carriedOver: ApplicantRow;
  /** 三（一）予以公开 */
  granted: ApplicantRow;
  /** 三（二）部分公开 */
  partlyGranted: ApplicantRow;
  denied: DeniedRows;
  unableToProvide: UnableToProvideRows;
  notProcessed: NotProcessedRows;
  otherHandling: OtherHandlingRows;
  /** 三（七）总计 */
  totalHandled: ApplicantRow;
  /** 四、结转下年度继续办理 */
  carriedForward: ApplicantRow;
}

/** 三、收到和处理政府信息公开申请情况 */
export interface Applications {
  columns: ApplicantColumnKey[];
  rows: ApplicationRows;
}

/** 四、政府信息公开行政复议、行政诉讼情况 */
export interface Review {
  /** 行政复议 */
  reconsideration: ReviewRow;
  /** 行政诉讼 未经复议直接起诉 */
  litigationDirect: ReviewRow;
  /** 行政诉讼 复议后起诉 */
  litigationAfterReconsideration: ReviewRow;
}

/** The prose sections as found (paragraphs joined by "\n"), or null. */
export interface ReportText {
  /** 一、总体情况 */
  overview: string | null;
  /** 五、存在的主要问题及改进情况 */
  problems: string | null;
  /** 六、其他需要报告的事项 */
  other: string | null;
}

/** Item counts of the 2019 trial format: 上一年项目数量 and 本年增/减 (signed, may be negative). */
export interface TrialItemCounts {
  previousYear: Cell;
  change: Cell;
}

/**
 * Cells of the 2019 trial format (国办公开办函〔2019〕60号) that have no place in the 2021 format.
 * The cells that do (本年新制作数量 → issued, 对外公开总数量 → inForce, 处理决定数量 → licensing …)
 * live in activeDisclosure as the interchange schema prescribes.
 */
export interface Trial2019 {
  /** 第（一）项 本年新公开数量 */
  regulationsPublished: Cell;
  normativeDocumentsPublished: Cell;
  /** 第（五）项 行政许可 (its 处理决定数量 is activeDisclosure.licensing) */
  licensing: TrialItemCounts;
  /** 第（五）项 其他对外管理服务事项, with its 处理决定数量 */
  otherServices: TrialItemCounts & { decisions: Cell };
  /** 第（六）项 行政处罚, 行政强制 (处理决定数量 in activeDisclosure) */
  punishment: TrialItemCounts;
  enforcement: TrialItemCounts;
  /** 第（八）项 行政事业性收费: item counts, not money */
  fees: TrialItemCounts;
  /** 第（九）项 政府集中采购 */
  procurement: { projects: Cell; amount: string | null };
}

export interface AnnualReport {
  format: ReportFormat;
  /** the reporting year (统计期限), not the publication year */
  year: number | null;
  agency: string | null;
  activeDisclosure: ActiveDisclosure;
  applications: Applications;
  review: Review;
  text?: ReportText;
  trial2019?: Trial2019;
}

const nulls = (n: number): Cell[] => Array.from({ length: n }, () => null);

export function emptyTrial2019(): Trial2019 {
  const items = (): TrialItemCounts => ({ previousYear: null, change: null });
  return {
    regulationsPublished: null,
    normativeDocumentsPublished: null,
    licensing: items(),
    otherServices: { ...items(), decisions: null },
    punishment: items(),
    enforcement: items(),
    fees: items(),
    procurement: { projects: null, amount: null },
  };
}

/**
 * The format of a report on `year`: the 2019 trial format (国办公开办函〔2019〕60号) for the reports on
 * 2019 and 2020, 国办公开办函〔2021〕30号 from the 2021 reports on (domain.md §2.1). Earlier years had
 * no unified tables; the trial format is the nearest.
 */
export function formatOfYear(year: number): '2021' | '2019' {
  return year <= 2020 ? '2019' : '2021';
}

/**
 * A 2021-format report in the 2019 trial format: its single （六）其他处理 row holds what the 2021
 * format splits into 1–3 (逾期不补正, 逾期未缴费, 其他), the two 2021-only rows become null, and the
 * trial format's own cells of table 二 are added (null: not held).
 */
export function toTrialFormat(report: AnnualReport): AnnualReport {
  const { noCorrection, unpaidFee, other } = report.applications.rows.otherHandling;
  const folded = other.map((v, i) => {
    const parts = [v, noCorrection?.[i] ?? 0, unpaidFee?.[i] ?? 0];
    return parts.some((p) => p === null) ? null : parts.reduce<number>((s, p) => s + (p ?? 0), 0);
  });
  return {
    ...report,
    format: '2019',
    applications: { ...report.applications, rows: { ...report.applications.rows, otherHandling: { noCorrection: null, unpaidFee: null, other: folded } } },
    trial2019: report.trial2019 ?? emptyTrial2019(),
  };
}

/** A report with every cell null: what a parser starts from. */
export function emptyReport(format: ReportFormat = '2021'): AnnualReport {
  const row = () => nulls(7);
  return {
    format,
    year: null,
    agency: null,
    activeDisclosure: {
      regulations: { issued: null, repealed: null, inForce: null },
      normativeDocuments: { issued: null, repealed: null, inForce: null },
      licensing: null,
      punishment: null,
      enforcement: null,
      feesWanYuan: null,
    },
    applications: {
      columns: [...APPLICANT_COLUMN_KEYS],
      rows: {
        newReceived: row(),
        carriedOver: row(),
        granted: row(),
        partlyGranted: row(),
        denied: {
          stateSecret: row(),
          lawProhibited: row(),
          threeSecurityOneStability: row(),
          thirdPartyRights: row(),
          internalAffairs: row(),
          processInformation: row(),
          enforcementFiles: row(),
          administrativeQuery: row(),
        },
        unableToProvide: { notHeld: row(), needsCreation: row(), stillUnclear: row() },
        notProcessed: {
          petitionComplaint: row(),
          duplicate: row(),
          publication: row(),
          massRepeated: row(),
          confirmOrReissue: row(),
        },
        otherHandling:
          format === '2019'
            ? { noCorrection: null, unpaidFee: null, other: row() }
            : { noCorrection: row(), unpaidFee: row(), other: row() },
        totalHandled: row(),
        carriedForward: row(),
      },
    },
    review: { reconsideration: nulls(5), litigationDirect: nulls(5), litigationAfterReconsideration: nulls(5) },
  };
}
