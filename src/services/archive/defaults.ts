// A leaf module, so that `gongkai import --help` can show the default without loading the archive code.

/** `gongkai import` refuses an archive (its file, and its unpacked lines) larger than this by default. */
export const DEFAULT_MAX_GB = 50;
