// The editable pages of an agency's column (column.ts): a leaf module, so that the command line can
// name them without loading the service.

export type ColumnPage = 'guide' | 'rules';

export const COLUMN_PAGES: readonly ColumnPage[] = ['guide', 'rules'];

export const COLUMN_PAGE_TITLES: Record<ColumnPage, string> = {
  guide: '政府信息公开指南',
  rules: '政府信息公开制度',
};
