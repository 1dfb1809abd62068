// `gongkai catalogue search --agency <code> <query> [--json] [--limit N] [--all]`: the catalogue search
// (services/search/catalogue-search.ts) from the command line, ranked, staff scope (drafts too) unless
// --published. Each hit: 索引号, 标题, 文号, state, score. Exit 0 (also when nothing is found), 2 on a
// refusal (unknown agency, empty query) as other commands.

import { Command, Option } from 'commander';
import type { ConfigResult } from '../config.ts';
import { ITEM_STATE_LABELS, type ItemState } from '../domain/catalogue/vocab.ts';
import type { CalendarIo } from './calendar.ts';
import { textTable } from './output.ts';
import { databaseRunner, USAGE } from './run.ts';

/** Adds `search` to the `catalogue` command group (made here when none is given). */
export function catalogueSearchCommand(io: CalendarIo, setExit: (code: number) => void, config: () => ConfigResult, catalogue = new Command('catalogue').description('政府信息公开目录')): Command {
  const withDatabase = databaseRunner(io, setExit, config);
  catalogue
    .command('search')
    .description('检索本机关的政府信息公开目录（按相关度排序，含草稿）')
    .argument('<query>', '检索词：词语、文号（如 〔2024〕3号）或索引号')
    .requiredOption('--agency <code>', '机关代码')
    .addOption(new Option('--limit <n>', '显示条数（1–100）').default('20'))
    .option('--published', '只检索已公开的信息（公众所见）')
    .option('--json', '输出 JSON')
    .action((query: string, opts: { agency: string; limit: string; published?: boolean; json?: boolean }) =>
      withDatabase(async ({ db }) => {
        const limit = Number(opts.limit);
        if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
          io.err('gongkai：--limit 应为 1 到 100 之间的整数。');
          return USAGE;
        }
        // the services are loaded when the command runs (not for its --help)
        const [{ findAgency }, { searchCatalogue }] = await Promise.all([import('../services/agencies.ts'), import('../services/search/catalogue-search.ts')]);
        const a = await findAgency(db, opts.agency);
        if (!a.ok) {
          io.err(`gongkai：${a.error.message}`);
          return USAGE;
        }
        const r = await searchCatalogue(db, { agencyId: a.value.id, query, scope: opts.published ? 'public' : 'staff', limit });
        if (r.empty) {
          io.err('gongkai：检索词为空，请给出词语、文号或索引号。');
          return USAGE;
        }
        if (opts.json) {
          io.out(JSON.stringify({ total: r.total, capped: r.capped, hits: r.hits.map((h) => ({ indexNumber: h.indexNumber, title: h.title, docNumber: h.docNumber, state: h.state, publishedOn: h.publishedOn, score: Number(h.score.toFixed(4)) })) }, null, 1));
          return 0;
        }
        if (r.hits.length === 0) {
          io.out(`没有找到与“${query}”相关的信息。`);
          return 0;
        }
        io.out(`共 ${r.capped ? `${r.total} 条以上` : `${r.total} 条`}，显示前 ${r.hits.length} 条（按相关度）：`);
        io.out(textTable(['索引号', '标题', '文号', '状态', '相关度'], r.hits.map((h) => [h.indexNumber, h.title, h.docNumber, ITEM_STATE_LABELS[h.state as ItemState] ?? h.state, h.score.toFixed(3)])));
        return 0;
      })(),
    );
  return catalogue;
}
