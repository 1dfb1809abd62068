// `gongkai catalogue publish-due`: publishes the catalogue items whose scheduled moment has come — the
// server's runner does this every 30 seconds; the command is for a platform run without the server (a
// cron job) or to publish at once. Under the same database lock as the runner: never twice.

import { Command } from 'commander';
import type { ConfigResult } from '../config.ts';
import type { Io } from './report-shared.ts';
import { databaseRunner, USAGE } from './run.ts';

/** Now in Beijing (UTC+8), ISO. */
const beijingNow = (): string => new Date(Date.now() + 8 * 3600_000).toISOString().replace('Z', '+08:00');

export function publishDueCommand(io: Io, setExit: (code: number) => void, config: () => ConfigResult): Command {
  const run = databaseRunner(io, setExit, config);
  return new Command('publish-due')
    .description('发布定时发布时间已到的主动公开信息（服务运行时每30秒自动进行）')
    .option('--now <time>', '以此时间为“现在”（北京时间，如 2024-11-21T09:00），用于补发或核对')
    .action((opts: { now?: string }) =>
      run(async (database) => {
        // the service is loaded when the command runs (not for its --help)
        const { parsePublishAt, publishDue } = await import('../services/catalogue/publication.ts');
        const now = opts.now === undefined ? beijingNow() : parsePublishAt(opts.now);
        if (now === null) {
          io.err('gongkai：--now 时间无效，请写成 2024-11-21T09:00 的格式（北京时间）。');
          return USAGE;
        }
        const r = await publishDue(database.db, now);
        if (!r.ran) io.out('另一个进程正在发布定时信息，本次未做任何操作。');
        else if (r.published.length === 0) io.out('没有到期的定时发布信息。');
        else {
          io.out(`已发布 ${r.published.length} 条定时发布的信息：`);
          for (const p of r.published) io.out(`  ${p.indexNumber}`);
        }
        return 0;
      })(),
    );
}
