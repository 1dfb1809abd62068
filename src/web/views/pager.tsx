// 上一页 / 下一页 of a keyset-paginated list (services/keyset.ts), keeping the list's other query
// parameters. Pure.

export interface PagerProps {
  /** the list's path */
  path: string;
  /** the query parameters to keep (filters); cursor parameters are replaced */
  query: Record<string, string | undefined>;
  next: string | null;
  prev: string | null;
  /** e.g. “共约 1,234 条” (an estimate) or “共 37 条” */
  total?: string;
}

function href(path: string, query: Record<string, string | undefined>, cursor: Record<string, string>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '' && k !== 'after' && k !== 'before') params.set(k, v);
  for (const [k, v] of Object.entries(cursor)) params.set(k, v);
  const qs = params.toString();
  return qs === '' ? path : `${path}?${qs}`;
}

export function Pager(props: PagerProps) {
  if (props.next === null && props.prev === null && props.total === undefined) return null;
  return (
    <nav class="pager" aria-label="翻页">
      {props.total !== undefined ? <span class="pager-total">{props.total}</span> : null}
      {props.prev !== null ? <a rel="prev" href={href(props.path, props.query, { before: props.prev })}>上一页</a> : null}
      {props.next !== null ? <a rel="next" href={href(props.path, props.query, { after: props.next })}>下一页</a> : null}
    </nav>
  );
}
