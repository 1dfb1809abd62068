// The 信息类别 and 发布年份 selects of the column's GET forms (the 目录's filters, the search page). Pure.

import type { CategoryEntry } from './proactive.tsx';

export interface CategoryYearProps {
  /** prefix of the fields' ids ('' or 'search-'): two forms on one page keep their ids apart */
  idPrefix: string;
  categories: readonly Pick<CategoryEntry, 'code' | 'name'>[];
  years: readonly number[];
  category: string | undefined;
  year: string | undefined;
}

export function CategoryYearFields(props: CategoryYearProps) {
  return (
    <>
      <div class="field">
        <label for={`${props.idPrefix}category`}>信息类别</label>
        <select id={`${props.idPrefix}category`} name="category">
          <option value="">全部类别</option>
          {props.categories.map((c) => (
            <option value={c.code} selected={c.code === props.category}>
              {c.name}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for={`${props.idPrefix}year`}>发布年份</label>
        <select id={`${props.idPrefix}year`} name="year">
          <option value="">全部年份</option>
          {props.years.map((y) => (
            <option value={String(y)} selected={String(y) === props.year}>
              {y}年
            </option>
          ))}
        </select>
      </div>
    </>
  );
}
