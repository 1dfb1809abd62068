// Applications in bulk for the search tests and bench/application-search.ts: generated in SQL (names from
// 40 surnames × 40 given names and 12 organisations, requests of two to four of PHRASES, dates over four
// years, deterministic hashes of the row number), then indexed as rows written before migration 0026 are
// (services/search/application-index.ts: the search documents made in JS, in batches).

import { sql, type Kysely } from 'kysely';
import type { DB } from '../../src/db/schema.ts';

const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡'];
const GIVEN = ['伟', '芳', '娜', '秀英', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀兰', '霞', '平', '刚', '桂英', '建华', '文', '华', '红', '玉兰', '志强', '建国', '海燕', '晓东', '国庆', '春梅', '子涵', '浩然', '雨轩', '一诺', '欣怡', '梓萱'];
const ORGANISATIONS = [
  '示范科技有限公司', '城南建筑工程有限公司', '示范律师事务所', '绿源环保科技有限公司', '示范县农业合作社', '华东地产开发有限公司',
  '示范大学法学院', '示范市消费者协会', '示范物流有限公司', '示范医药有限公司', '示范县个体劳动者协会', '示范新能源有限公司',
];
/** Request phrases; 桥梁维修 and 5G基站 are rare (one row in ~200), the others common. */
export const PHRASES = [
  '农村危房改造补助资金的分配情况', '2023年度部门预算执行情况', '城乡居民最低生活保障资金发放明细', '某项目环境影响评价批复',
  '老旧小区改造工程招标文件', '耕地地力保护补贴发放名单', '房屋征收补偿方案及评估报告', '防汛应急预案', '国有土地使用权出让合同',
  '行政处罚决定书', '建设工程规划许可证', '义务教育阶段学校招生计划', '城市道路拆迁安置方案', '医疗保险基金收支情况',
  '政府采购项目中标公告', '生态环境保护督察整改报告', '安全生产事故调查报告', '公共租赁住房分配名单', '扶贫项目资金使用明细',
  '企业环境信息公开', '河道治理工程验收报告', '食品安全抽检结果', '疫情防控物资采购合同', '集体土地征收公告',
];
const RARE = ['桥梁维修工程的批复', '5G基站建设规划'];

const textArray = (values: readonly string[]) => sql`array[${sql.join(values.map((v) => sql.lit(v)))}]::text[]`;

/**
 * Inserts applications g = from … to into the agency, without search documents: 编号 `${tag}-${g}` (unique),
 * received 2022–2025. Returns the number inserted.
 */
export async function insertApplications(db: Kysely<DB>, agencyId: number, from: number, to: number, tag = 'S'): Promise<number> {
  const h = (k: number) => sql`abs(hashint4(g * 7 + ${sql.lit(k)}))`;
  const result = await sql`insert into applications (agency_id, number, applicant_type, applicant_name, channel, submitted_on, received_on, request, state, created_at, updated_at)
    select ${agencyId}, ${tag} || '-' || g,
      case when ${h(1)} % 5 = 0 then 'commercial' else 'natural_person' end,
      case when ${h(1)} % 5 = 0 then (${textArray(ORGANISATIONS)})[1 + ${h(2)} % ${sql.lit(ORGANISATIONS.length)}]
        else (${textArray(SURNAMES)})[1 + ${h(2)} % ${sql.lit(SURNAMES.length)}] || (${textArray(GIVEN)})[1 + ${h(3)} % ${sql.lit(GIVEN.length)}] end,
      'in_person', d, d,
      (${textArray(PHRASES)})[1 + ${h(4)} % ${sql.lit(PHRASES.length)}] || '；' || (${textArray(PHRASES)})[1 + ${h(5)} % ${sql.lit(PHRASES.length)}]
        || case when ${h(6)} % 2 = 0 then '；' || (${textArray(PHRASES)})[1 + ${h(7)} % ${sql.lit(PHRASES.length)}] else '' end
        || case when ${h(8)} % 200 = 0 then '；' || (${textArray(RARE)})[1 + ${h(9)} % ${sql.lit(RARE.length)}] else '' end,
      'registered', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z'
    from (select g, date '2022-01-01' + ${h(10)} % 1461 as d from generate_series(${from}::int, ${to}::int) g) s`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}
