// What the `gongkai report` commands share: the io they print through, their exit codes, the words of a
// finding's severity, a long path shortened for a progress bar or a table.

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  /** whether standard error is a terminal (progress bars) */
  tty: boolean;
}

export const EXIT = { ok: 0, findings: 1, unreadable: 2 } as const;

export const SEVERITY = { error: '错误', warning: '警告', info: '提示' } as const;

export function shortName(file: string): string {
  return file.length > 40 ? `…${file.slice(-39)}` : file;
}
