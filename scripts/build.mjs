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

import { copyFileSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
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

/**
 * What the file-by-file build and the bundle share: Node 20 ESM, and as tsx compiles them — names kept
 * (class and function names in messages), text left readable.
 * @type {import('esbuild').BuildOptions}
 */
const COMMON = { platform: 'node', format: 'esm', target: 'node20', keepNames: true, charset: 'utf8', logLevel: 'warning' };

/** The entries bundled for a fast start (bin/launch.mjs loads dist/bundle/ENTRY.js when it is there). */
const ENTRIES = ['src/server.ts', 'src/cli.ts'];
/**
 * Pure-ESM packages of many small modules, bundled in: loading kysely (263 modules), zod (95) and hono
 * (55) one module at a time cost more than the rest of the start. Every other package stays an import.
 */
const BUNDLED_PACKAGES = new Set(['kysely', 'zod', 'hono', '@hono/node-server']);

/**
 * The server and the command line bundled into dist/bundle/: one module per entry plus the chunks the
 * commands share, instead of ~800 modules read one by one (a start ~0.3 s shorter). A dynamic import
 * stays lazy (its chunk loads when it runs), and the file-by-file dist/ beside it stays: the worker
 * threads start from it, and each source's `import.meta.url` is rewritten to the URL of its own compiled
 * file there, so that migrations, workers and package lookups resolve exactly as from dist/.
 * @param {string} root
 * @param {string[]} sources
 * @param {string} out the folder being built (dist/ once moved into place)
 */
async function bundleEntries(root, sources, out) {
  const entries = ENTRIES.filter((e) => sources.includes(e));
  if (entries.length === 0) return;
  const bundle = join(out, 'bundle');
  const srcDir = join(root, 'src');
  /** @type {import('esbuild').Plugin} */
  const ownUrl = {
    name: 'own-import-meta-url',
    setup(b) {
      b.onLoad({ filter: TYPESCRIPT }, async (args) => {
        if (!args.path.startsWith(srcDir + sep)) return undefined;
        const text = readFileSync(args.path, 'utf8');
        if (!text.includes('import.meta.url')) return undefined;
        const compiled = join(out, relative(srcDir, args.path).replace(TYPESCRIPT, '.js'));
        const url = `new URL(${JSON.stringify(relative(bundle, compiled).split(sep).join('/'))}, import.meta.url).href`;
        return { contents: text.replaceAll('import.meta.url', url), loader: args.path.endsWith('.tsx') ? 'tsx' : 'ts', resolveDir: dirname(args.path) };
      });
    },
  };
  /** @type {import('esbuild').Plugin} */
  const packagesOutside = {
    name: 'packages-outside',
    setup(b) {
      b.onResolve({ filter: /^[^./]/ }, (args) => {
        const name = args.path.startsWith('@') ? args.path.split('/').slice(0, 2).join('/') : args.path.split('/')[0];
        return BUNDLED_PACKAGES.has(name ?? '') ? undefined : { path: args.path, external: true };
      });
    },
  };
  const built = await build({
    absWorkingDir: root,
    entryPoints: entries,
    outdir: bundle,
    metafile: true,
    bundle: true,
    splitting: true,
    plugins: [ownUrl, packagesOutside],
    ...COMMON,
  });
  // which sources each file of the bundle holds (what a test of "loads only what it runs" reads)
  /** @type {Record<string, string[]>} */
  const inputs = {};
  for (const [file, output] of Object.entries(built.metafile?.outputs ?? {})) {
    inputs[relative(bundle, join(root, file)).split(sep).join('/')] = Object.keys(output.inputs).filter((i) => i.startsWith('src/')).sort();
  }
  writeFileSync(join(bundle, 'inputs.json'), `${JSON.stringify(inputs, null, 1)}\n`);
}

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
    ...COMMON,
  });
  await bundleEntries(root, sources, out);
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
