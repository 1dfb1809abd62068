#!/usr/bin/env node
// @ts-check
// `npm start`: the web platform, compiled (dist/server.js), or src/server.ts through tsx when dist/
// is missing or older than the sources (bin/launch.mjs).
import { loadEntry } from './launch.mjs';

const { main } = await loadEntry('server');
await main();
