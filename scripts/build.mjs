// @ts-check
// Compiles src/ to dist/ with esbuild, file by file: dist/ mirrors src/ (src/db/migrate.ts becomes
// dist/db/migrate.js at the same depth, so URLs built from import.meta.url, such as ../../migrations/,
// resolve as they do from the sources). Each module is compiled on its own: its imports of other
// modules stay imports (.ts/.tsx rewritten to .js), packages stay imports of node_modules, and only a
// relative import of data (the JSON schema) is inlined. Other files of src/ (assets) are copied, but
// not its JavaScript: worker.mjs is how a parse worker loads the sources through tsx, and compiled,
// pool.js starts tasks.js instead. The result is built in a folder of its own and moved into place with the build stamp
// (scripts/build-stamp.mjs), so a half-written dist/ is never taken for current.
//
//   node scripts/build.mjs              build (npm run build; npm ci runs it as prepare)
//   node scripts/build.mjs --if-stale   build only when dist/ is missing or older than its sources

import { copyFileSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { ROOT, STAMP_FILE, buildInputs, buildIsCurrent, sourceStamp } from './build-stamp.mjs';

const TYPESCRIPT = /\.tsx?$/;
const JAVASCRIPT = /\.[cm]?js$/;

/** @type {import('esbuild').Plugin} */
const importsStayImports = {
  name: 'imports-stay-imports',
  setup(b) {
    b.onResolve({ filter: /^\.\.?\// }, (args) => {
      if (args.kind === 'entry-point' || !TYPESCRIPT.test(args.path)) return undefined;
      return { path: args.path.replace(TYPESCRIPT, '.js'), external: true };
    });
  },
};

/** Compiles src/ into dist/; returns the number of modules compiled. */
export async function buildDist(root = ROOT) {
  const started = performance.now();
  // the stamp of the sources as they are before compiling: a file changed during the build is stale after it
  const stamp = sourceStamp(root);
  const sources = buildInputs(root).filter((f) => f.startsWith('src/'));
  const out = join(root, `dist.tmp-${process.pid}`);
  rmSync(out, { recursive: true, force: true });
  await build({
    absWorkingDir: root,
    entryPoints: sources.filter((f) => TYPESCRIPT.test(f)),
    outbase: 'src',
    outdir: out,
    bundle: true,
    packages: 'external',
    plugins: [importsStayImports],
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // as tsx compiles them: names kept (class and function names in messages), text left readable
    keepNames: true,
    charset: 'utf8',
    logLevel: 'warning',
  });
  for (const file of sources.filter((f) => !TYPESCRIPT.test(f) && !JAVASCRIPT.test(f))) {
    const to = join(out, file.slice('src/'.length));
    mkdirSync(dirname(to), { recursive: true });
    copyFileSync(join(root, file), to);
  }
  writeFileSync(join(out, STAMP_FILE), `${stamp}\n`);
  const dist = join(root, 'dist');
  const old = join(root, `dist.old-${process.pid}`);
  try {
    rmSync(old, { recursive: true, force: true });
    try {
      renameSync(dist, old);
    } catch (e) {
      if (/** @type {NodeJS.ErrnoException} */ (e).code !== 'ENOENT') throw e;
    }
    renameSync(out, dist);
  } catch (e) {
    // another build (a second test run) moved its own dist/ into place meanwhile: fine if it is current
    if (!buildIsCurrent(root)) throw e;
  } finally {
    rmSync(out, { recursive: true, force: true });
    rmSync(old, { recursive: true, force: true });
  }
  const count = sources.filter((f) => TYPESCRIPT.test(f)).length;
  process.stderr.write(`gongkai：已编译 ${count} 个模块到 dist/（${((performance.now() - started) / 1000).toFixed(1)} 秒）\n`);
  return count;
}

/** Builds when dist/ is missing or stale; true when it built. */
export async function buildIfStale(root = ROOT) {
  if (buildIsCurrent(root)) return false;
  await buildDist(root);
  return true;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await (process.argv.includes('--if-stale') ? buildIfStale() : buildDist());
}
