// A ZIP's entries in another order, for a reader that goes through an archive from its first byte to its
// last (exceljs's streaming workbook reader): the parts it needs before the worksheets — the workbook, its
// relationships, the styles, the shared strings — moved ahead of them, so that the worksheet is read as it
// streams by instead of being set aside until the end. Each entry (its local header, its data, its data
// descriptor) is copied as it is, nothing is inflated again: the pieces are views of the same bytes.
// Pure: bytes in, views of them out.

import { readDirectory } from './limits.ts';

/**
 * The archive's entries as consecutive pieces, those named in `first` first (in that order), the others as
 * they were; null when the archive's directory cannot be read (the reader then gets the bytes as they are).
 */
export function entriesFirst(bytes: Uint8Array, first: readonly string[]): Uint8Array[] | null {
  const read = readDirectory(bytes);
  if (read === null || read === 'zip64') return null;
  const starts = [...new Set(read.entries.map((e) => e.localOffset))].sort((a, b) => a - b);
  if (starts.some((s) => s >= read.offset)) return null;
  // an entry's bytes run from its local header to the next entry's, or to the central directory
  const pieces = starts.map((start, i) => ({ start, end: starts[i + 1] ?? read.offset }));
  const nameAt = new Map(read.entries.map((e) => [e.localOffset, e.name]));
  const rank = (start: number): number => {
    const i = first.indexOf(nameAt.get(start) ?? '');
    return i < 0 ? first.length : i;
  };
  return pieces
    .map((piece, order) => ({ ...piece, order, rank: rank(piece.start) }))
    .sort((a, b) => a.rank - b.rank || a.order - b.order)
    .map((p) => bytes.subarray(p.start, p.end));
}
