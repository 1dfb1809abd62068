// A gongkai server in a process of its own, for the tests that need several (test/web/two-servers.e2e.test.ts):
//
//   node --import tsx test/support/server-process.ts
//
// configured from the environment as `npm start` is (DATABASE_URL, PORT, GONGKAI_DATA_DIR …), with the
// clock fixed by GONGKAI_TEST_NOW (an ISO date-time, Beijing) when set — a test's variable, read here and
// never by src/. Prints "ready <url>" once it accepts connections; stops cleanly on SIGTERM.

import { createConnection } from 'node:net';
import { loadConfig } from '../../src/config.ts';
import { startServer } from '../../src/server.ts';

const loaded = loadConfig();
if (!loaded.ok) {
  console.error(`server-process: ${loaded.errors.join('; ')}`);
  process.exit(2);
}
const fixed = process.env['GONGKAI_TEST_NOW'];
const running = await startServer(loaded.config, fixed ? { now: () => fixed } : {});

const accepts = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = createConnection({ port, host: 'localhost' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
while (!(await accepts(loaded.config.port))) await new Promise((r) => setTimeout(r, 50));
console.log(`ready ${running.url}`);

let stopping = false;
process.on('SIGTERM', () => {
  if (stopping) return;
  stopping = true;
  void running.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
});
