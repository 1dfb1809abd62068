// The fields of an agency's site identity (agency-site.ts): a leaf module, so that the command line
// can name them without loading the service.

/** The emblem's size limit (the column's header shows it at 48–64 px: 200 KB is generous). */
export const MAX_EMBLEM_BYTES = 200 * 1024;

export const SITE_TEXT_FIELDS = ['sponsor', 'officeName', 'address', 'postcode', 'phone', 'fax', 'hours', 'icp', 'policeRecord', 'siteCode'] as const;
export type SiteTextField = (typeof SITE_TEXT_FIELDS)[number];

export const SITE_FIELD_LABELS: Record<SiteTextField, string> = {
  sponsor: '主办单位',
  officeName: '政府信息公开工作机构',
  address: '办公地址',
  postcode: '邮政编码',
  phone: '联系电话',
  fax: '传真',
  hours: '办公时间',
  icp: 'ICP备案号',
  policeRecord: '公安机关备案号',
  siteCode: '网站标识码',
};
