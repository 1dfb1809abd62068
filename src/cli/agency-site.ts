// `gongkai agency site <code>`: the site's identity and the notices' contact line (services/agency-site.ts):
// 主办单位, 政府信息公开工作机构, 地址, 邮编, 电话, 传真, 办公时间, ICP备案号, 公安机关备案号, 网站标识码,
// and the header's emblem (a PNG or JPEG file). Without options: prints what is set.

import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { DomainError } from '../domain/applications/types.ts';
import { MAX_EMBLEM_BYTES, SITE_FIELD_LABELS, SITE_TEXT_FIELDS } from '../services/agency-site-fields.ts';
import type { SiteTextField } from '../services/agency-site-fields.ts';
import type { SiteInput, SiteProfile } from '../services/agency-site.ts';
import type { databaseRunner } from './run.ts';

const OPTIONS: Record<SiteTextField, string> = {
  sponsor: '--sponsor <name>',
  officeName: '--office-name <name>',
  address: '--address <text>',
  postcode: '--postcode <digits>',
  phone: '--phone <number>',
  fax: '--fax <number>',
  hours: '--hours <text>',
  icp: '--icp <number>',
  policeRecord: '--police-record <number>',
  siteCode: '--site-code <code>',
};

export function describeSite(p: SiteProfile, contactLine: (p: SiteProfile) => string | null): string {
  const lines = SITE_TEXT_FIELDS.map((f) => {
    const v = f === 'sponsor' ? (p.sponsorSet ? p.sponsor : null) : p[f];
    return `${SITE_FIELD_LABELS[f]}：${v ?? (f === 'sponsor' ? `（未设置，显示机关名称“${p.sponsor}”）` : '（未设置）')}`;
  });
  lines.push(`页头标识：${p.emblem ? `已设置（${p.emblem.slice(0, 12)}…）` : '（未设置）'}`);
  lines.push(`告知书中的联系方式：${contactLine(p) ?? '（未设置）'}`);
  return lines.join('\n');
}

export function addSiteCommand(
  agency: Command,
  tools: { withDatabase: ReturnType<typeof databaseRunner>; refused: (e: DomainError) => number; now: () => string; out: (text: string) => void; servedNote: string },
): void {
  const command = agency
    .command('site')
    .description('查看或设置专栏的网站标识与联系方式：页脚的主办单位、联系方式、ICP备案号、公安机关备案号、网站标识码，页头标识，以及告知书中的联系方式')
    .argument('<code>', '机关代码');
  for (const f of SITE_TEXT_FIELDS) command.option(OPTIONS[f], `${SITE_FIELD_LABELS[f]}；空字符串表示清除`);
  command
    .option('--emblem <file>', `页头标识：PNG 或 JPG 图片文件（不超过 ${MAX_EMBLEM_BYTES / 1024} KB）`)
    .option('--no-emblem', '删除页头标识')
    .action((code: string, opts: Partial<Record<SiteTextField, string>> & { emblem?: string | boolean }) =>
      tools.withDatabase(async ({ db }) => {
        // the service is loaded when the command runs (not for its --help)
        const { contactLine, setEmblem, siteProfileOf, updateSite } = await import('../services/agency-site.ts');
        const input: SiteInput = {};
        for (const f of SITE_TEXT_FIELDS) if (opts[f] !== undefined) input[f] = opts[f];
        const actor = { userId: null };
        let changed = false;
        if (Object.keys(input).length > 0) {
          const r = await updateSite(db, code, input, actor, tools.now());
          if (!r.ok) return tools.refused(r.error);
          changed = true;
        }
        if (typeof opts.emblem === 'string' || opts.emblem === false) {
          let bytes: Uint8Array | null = null;
          if (typeof opts.emblem === 'string') {
            try {
              bytes = new Uint8Array(await readFile(opts.emblem));
            } catch (e) {
              const errno = (e as NodeJS.ErrnoException).code;
              return tools.refused({ code: 'FILE', message: errno === 'ENOENT' ? `找不到文件 ${opts.emblem}。` : `无法读取文件 ${opts.emblem}（${errno ?? String(e)}）。` });
            }
          }
          const r = await setEmblem(db, code, bytes, actor, tools.now());
          if (!r.ok) return tools.refused(r.error);
          changed = true;
        }
        const shown = await siteProfileOf(db, code);
        if (!shown.ok) return tools.refused(shown.error);
        tools.out(changed ? `已保存网站标识与联系方式：\n${describeSite(shown.value, contactLine)}${tools.servedNote}` : describeSite(shown.value, contactLine));
        return 0;
      })(),
    );
}
