// Where the browser that prints PDFs is, and the refusals when it is not there: CHROMIUM_PATH when set,
// else `chromium` (or `chromium-browser`) looked up in PATH as `command -v chromium` does — both read
// by src/config.ts and handed in. Nothing here runs at start: `npm start` and everything but printing
// work without a browser.

import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';
import type { Config } from '../../config.ts';
import type { DomainError, DomainResult } from '../../domain/applications/types.ts';

/** CHROMIUM_PATH and PATH, as src/config.ts reads them. */
export type BrowserSettings = Pick<Config, 'chromiumPath' | 'searchPath'>;

export const PDF_BROWSER_MISSING = 'PDF_BROWSER_MISSING';
export const PDF_BROWSER_FAILED = 'PDF_BROWSER_FAILED';
export const PDF_FONT_MISSING = 'PDF_FONT_MISSING';

/** The browser names looked up in PATH: Debian's, then Ubuntu's. */
const NAMES = ['chromium', 'chromium-browser'];

/** What to install: the same words on every channel (README names the packages too). */
export const INSTALL_HINT = '请在服务器上安装 Debian 软件包 chromium 和 fonts-noto-cjk（中文字体），或用环境变量 CHROMIUM_PATH 指明浏览器的位置；其他功能不受影响。';

/**
 * The flags for a quiet headless print on a server: no sandbox (the page is our own HTML, and the
 * sandbox needs user namespaces many containers lack), no GPU, no network services of the browser's own.
 */
export const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-extensions',
];

function executable(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

const missing = (what: string): DomainError => ({ code: PDF_BROWSER_MISSING, message: `无法生成PDF：${what}。${INSTALL_HINT}` });

/** The browser's executable, or the refusal that says what to install. */
export function findChromium(settings: BrowserSettings): DomainResult<string> {
  const configured = settings.chromiumPath?.trim();
  if (configured) {
    return executable(configured) ? { ok: true, value: configured } : { ok: false, error: missing(`环境变量 CHROMIUM_PATH 指定的浏览器“${configured}”不存在或不能执行`) };
  }
  for (const dir of (settings.searchPath ?? '').split(delimiter)) {
    if (!dir || !isAbsolute(dir)) continue;
    for (const name of NAMES) {
      const candidate = join(dir, name);
      if (executable(candidate)) return { ok: true, value: candidate };
    }
  }
  return { ok: false, error: missing('服务器上没有找到用于打印PDF的Chromium浏览器') };
}

export const browserFailed = (): DomainError => ({
  code: PDF_BROWSER_FAILED,
  message: `无法生成PDF：Chromium浏览器未能启动或打印。请检查服务器上的 chromium 能否运行（例如重新安装 chromium 软件包）。${INSTALL_HINT}`,
});

export const fontMissing = (): DomainError => ({
  code: PDF_FONT_MISSING,
  message: '无法生成PDF：服务器上没有中文字体，PDF中的汉字会显示为方框。请在服务器上安装 Debian 软件包 fonts-noto-cjk 后重试。',
});
