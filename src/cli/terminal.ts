// Reading a password from the terminal without echo, or from standard input (scripts): what
// `gongkai setup` and `gongkai user reset-password` ask with. Injectable for tests.

export interface PasswordInput {
  /** all of standard input */
  readStdin: () => Promise<string>;
  /** asks on the terminal without echo */
  promptHidden: (question: string) => Promise<string>;
}

async function readProcessStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString('utf8');
}

function promptProcessHidden(question: string): Promise<string> {
  const { stdin, stderr } = process;
  stderr.write(question);
  return new Promise((resolve, reject) => {
    let value: string[] = [];
    const finish = () => {
      stdin.off('data', onData);
      if (stdin.isTTY) stdin.setRawMode(false);
      stdin.pause();
      stderr.write('\n');
    };
    const onData = (chunk: Buffer | string) => {
      for (const ch of String(chunk)) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') {
          finish();
          resolve(value.join(''));
          return;
        }
        if (ch === '\u0003') {
          finish();
          reject(new Error('已取消。'));
          return;
        }
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else value.push(ch);
      }
    };
    if (stdin.isTTY) stdin.setRawMode(true);
    stdin.setEncoding('utf8');
    stdin.on('data', onData);
    stdin.resume();
  });
}

export const processInput: PasswordInput = { readStdin: readProcessStdin, promptHidden: promptProcessHidden };
