// Installs jieba (@node-rs/jieba with its bundled dictionary, read from disk on first use, ~0.3 s) as the
// segmenter of domain/search/segment.ts, which stays pure. Imported for its effect by the search services.

import { createRequire } from 'node:module';
import { installSegmenter, type JiebaLike } from '../../domain/search/segment.ts';

installSegmenter(() => {
  const require = createRequire(import.meta.url);
  const { Jieba } = require('@node-rs/jieba') as { Jieba: { withDict(dict: Uint8Array): JiebaLike } };
  const { dict } = require('@node-rs/jieba/dict') as { dict: Uint8Array };
  return Jieba.withDict(dict);
});
