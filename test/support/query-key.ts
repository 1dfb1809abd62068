// A fixed query key for tests (services/query-key.ts): what a server loads from GONGKAI_QUERY_KEY or its
// data folder's key file, made here without either.

import { queryKeyOf } from '../../src/services/query-key.ts';

export const TEST_QUERY_KEY = queryKeyOf(Buffer.alloc(32, 0x5a));
