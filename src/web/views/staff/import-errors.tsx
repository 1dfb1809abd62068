// The problems of a refused file import (all or nothing: nothing was imported), each by row and column
// — the catalogue's and the records' imports alike. Pure.

import type { ImportError } from '../../../domain/tabular/table-file.ts';

/** The most problems listed. */
const SHOWN = 500;

/** what: what the file holds ('信息', '数据'), in the heading "未导入任何…" */
export function ImportErrors(props: { errors: readonly ImportError[]; what: string }) {
  return (
    <div class="error-summary" role="alert" tabindex={-1}>
      <h2>
        未导入任何{props.what}：文件有{props.errors.length}处问题
      </h2>
      <div class="table-wrap" role="region" aria-label="导入时发现的问题（可横向滚动）" tabindex={0}>
        <table>
          <thead>
            <tr>
              <th scope="col">行</th>
              <th scope="col">列</th>
              <th scope="col">问题</th>
            </tr>
          </thead>
          <tbody>
            {props.errors.slice(0, SHOWN).map((x) => (
              <tr>
                <td>{x.line === 0 ? '整个文件' : `第${x.line}行`}</td>
                <td>{x.column || '—'}</td>
                <td>{x.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {props.errors.length > SHOWN ? <p>只显示前{SHOWN}处问题。</p> : null}
    </div>
  );
}
