// On the applicant's status page, once the reply is delivered: the last day to apply for 行政复议 and to
// sue (or the 复议前置 note instead of the direct-suit date), counted from the day after the delivery
// (services/public-remedies.ts). Pure.

import type { PublicRemedies } from '../../../services/public-remedies.ts';
import { DateText, Facts } from './fields.tsx';

export function RemedySection(props: { remedies: PublicRemedies | null }) {
  const r = props.remedies;
  if (r === null) return null;
  return (
    <>
      <h2 id="remedies">申请行政复议和提起行政诉讼的期限</h2>
      <p>
        答复告知书已于<DateText date={r.deliveredOn} />
        送达。您对答复不服的，可以在下列期限内申请行政复议或者提起行政诉讼（期间自送达之日的次日起算，届满日为法定休假日的，顺延至其后第一个工作日）：
      </p>
      {r.deadlines.map((d) => (
        <div>
          <Facts
            caption={`${d.title}（${d.basis}）`}
            items={[
              [
                '最后一日',
                d.provisional ? (
                  <>
                    <DateText date={d.due} />（暂定：该年度节假日安排尚未公布，公布后以重新计算的日期为准）
                  </>
                ) : (
                  <DateText date={d.due} />
                ),
              ],
            ]}
          />
          {d.explain.length > 0 ? (
            <ul>
              {d.explain.map((line) => (
                <li>{line}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ))}
      {r.note ? <p>{r.note}</p> : null}
    </>
  );
}
