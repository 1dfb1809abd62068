// The environment the platform starts from (src/config.ts): an empty variable is an unset one (as env
// files and service managers write them), and what is wrong stops the start with a Chinese sentence.

import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';

describe('loadConfig', () => {
  it('takes an empty DATABASE_URL, GONGKAI_DATA_DIR or PORT as unset: PGlite in ./data on port 3000', () => {
    const loaded = loadConfig({ DATABASE_URL: '', GONGKAI_DATA_DIR: ' ', PORT: '' });
    expect(loaded.ok && { url: loaded.config.databaseUrl, dir: loaded.config.dataDir, port: loaded.config.port }).toEqual({ url: undefined, dir: './data', port: 3000 });
  });

  it.each([
    [{ PORT: 'x' }, '环境变量 PORT 无效：应为1到65535之间的端口号'],
    [{ PORT: '70000' }, '环境变量 PORT 无效：应为1到65535之间的端口号'],
    [{ PORT: '80.5' }, '环境变量 PORT 无效：应为1到65535之间的端口号'],
    [{ GONGKAI_SECURE_COOKIES: 'yes' }, '环境变量 GONGKAI_SECURE_COOKIES 无效：应为 1（通过 HTTPS 访问）或 0'],
  ])('%o is refused in Chinese', (env, message) => {
    expect(loadConfig(env)).toEqual({ ok: false, errors: [message] });
  });
});
