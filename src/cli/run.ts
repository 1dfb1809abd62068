// Running a command body with the configuration: a configuration problem becomes a Chinese message
// and exit 2; otherwise the body's exit code is the command's.

import type { Config, ConfigResult } from '../config.ts';
import type { Io } from './report.ts';

export const USAGE = 2;

export type Body = (config: Config) => Promise<number>;

export function runner(io: Pick<Io, 'err'>, setExit: (code: number) => void, config: () => ConfigResult) {
  return (body: Body) => async (): Promise<void> => {
    const c = config();
    if (!c.ok) {
      io.err(`gongkai：${c.errors.join('；')}`);
      setExit(USAGE);
      return;
    }
    setExit(await body(c.config));
  };
}
