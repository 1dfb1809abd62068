// `gongkai demo`: loads the demo agency (示范市自然资源和规划局, code demo) with a realistic year of
// applications and documents, and says where to look and how to sign in. Refused (exit 2) once loaded.

import { Command } from 'commander';
import type { ConfigResult } from '../config.ts';
import type { QueryKey } from '../services/query-key.ts';
import type { CalendarIo } from './calendar.ts';
import { textTable } from './output.ts';
import { databaseRunner, USAGE } from './run.ts';

export function demoCommand(io: CalendarIo, setExit: (code: number) => void, config: () => ConfigResult): Command {
  return new Command('demo')
    .description('载入演示机关（示范市自然资源和规划局，代码 demo）及其一年的申请、文书和年报，供体验平台；只能载入一次')
    .action(
      databaseRunner(io, setExit, config)(async ({ db }, c) => {
        // the services are loaded when the command runs (not for its --help)
        const [{ loadWorkingCalendar }, { loadDemo }, { loadQueryKey }, { needsSetup }] = await Promise.all([
          import('../services/calendar-store.ts'),
          import('../services/demo.ts'),
          import('../services/query-key.ts'),
          import('../services/setup.ts'),
        ]);
        const calendar = await loadWorkingCalendar(db);
        if (!calendar.ok) {
          io.err(`gongkai：${calendar.error}`);
          return USAGE;
        }
        let queryKey: QueryKey;
        try {
          queryKey = await loadQueryKey(c);
        } catch (e) {
          io.err(`gongkai：${e instanceof Error ? e.message : String(e)}`);
          return USAGE;
        }
        const firstStart = await needsSetup(db);
        const now = io.now();
        const started = Date.now();
        const r = await loadDemo(db, { today: now.slice(0, 10), now, calendar: calendar.value, queryKey });
        if (!r.ok) {
          io.err(`gongkai：${r.error.message}`);
          return USAGE;
        }
        const v = r.value;
        const seconds = ((Date.now() - started) / 1000).toFixed(1);
        io.out(`已载入演示机关：${v.agencyName}（代码 ${v.agencyCode}），用时 ${seconds} 秒。`);
        io.out(`  依申请公开 ${v.applications} 件（近12个月收到，其中在线提交 ${v.online} 件，仍在办理 ${v.open} 件，含即将到期和已超期的申请），文书 ${v.documents} 份；`);
        io.out(`  主动公开信息 ${v.catalogueItems} 条（行政规范性文件及其政策解读、各类法定主动公开内容；1条草稿，1条待科室负责人初审）；`);
        io.out(`  已填写的政府信息公开指南和制度，已发布的 ${v.reportYear} 年政府信息公开工作年度报告。`);
        io.out(`上级机关：${v.city.name}（代码 ${v.city.code}），下设 ${v.city.agencies} 个机关（含本演示机关），近两年的年度报告 ${v.city.reports} 份（有按时发布的、逾期发布的、表格总计空白的，也有尚未发布的），供政务公开办监督。`);
        io.out('');
        io.out(`启动服务（npm start，使用同一个${c.databaseUrl ? ' DATABASE_URL' : `数据目录 GONGKAI_DATA_DIR=${c.dataDir}`}）后访问：`);
        io.out(`  政府信息公开专栏：/${v.agencyCode}/`);
        io.out('  工作人员登录：    /staff/login');
        io.out(`  政务公开监督：    /staff/${v.city.code}/oversight（演示政务公开办账号）`);
        if (v.sample) io.out(`  申请人查询进度：  /${v.agencyCode}/status（示例：编号 ${v.sample.number}，回执码 ${v.sample.receiptCode}，查询密码 ${v.sample.password}）`);
        io.out('');
        io.out('演示账号：');
        io.out(textTable(['用户名', '密码', '角色', '姓名'], v.users.map((u) => [u.username, u.password, u.roleLabel, u.displayName])));
        io.out('');
        io.out('注意：以上密码是公开的演示密码，仅供体验。不要在正式环境中载入演示数据；如已载入，请立即修改这些账号的密码或停用它们。');
        if (firstStart) {
          io.out('本平台此前尚未完成初始设置：载入演示数据后，网页的首次设置（/setup）和 gongkai setup 将不再可用。正式使用请另用一个空的数据目录（GONGKAI_DATA_DIR）或数据库。');
        }
        return 0;
      }),
    );
}
