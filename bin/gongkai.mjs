#!/usr/bin/env node
// @ts-check
// The `gongkai` command: the compiled CLI (dist/cli.js), or src/cli.ts through tsx when dist/ is
// missing or older than the sources (bin/launch.mjs).
import { loadEntry } from './launch.mjs';

const { main } = await loadEntry('cli');
process.exitCode = await main(process.argv.slice(2));
