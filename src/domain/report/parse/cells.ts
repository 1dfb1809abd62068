// Turning the table part of a report's text into one stream of cells, whatever layout the copy has:
// - tabs (a row per line, as copied from a web page or produced from HTML/DOCX),
// - pipes ("a | b | c |" on one line, or one cell per line ending in "|", or "|" lines for blank cells),
// - one cell per line, with or without blank lines between cells.
// An empty string in the stream is a blank cell: it keeps its position so no figure moves column.

export type Layout = 'tabs' | 'pipes' | 'lines' | 'spaced-lines';

export interface CellStream {
  layout: Layout;
  cells: string[];
}

const PIPE = /[|｜]/;

export function detectLayout(lines: readonly string[]): Layout {
  let tabs = 0;
  let pipes = 0;
  for (const line of lines) {
    if (line.includes('\t')) tabs++;
    else if (PIPE.test(line)) pipes++;
  }
  if (tabs >= 1 && tabs >= pipes) return 'tabs';
  if (pipes >= 1) return 'pipes';
  // One cell per line: are cells separated by blank lines? Count the gaps between content lines.
  let spaced = 0;
  let tight = 0;
  let run = 0;
  let seen = false;
  for (const line of lines) {
    if (line.trim() === '') {
      run++;
      continue;
    }
    if (seen) {
      if (run > 0) spaced++;
      else tight++;
    }
    seen = true;
    run = 0;
  }
  return spaced > tight ? 'spaced-lines' : 'lines';
}

export function toCells(lines: readonly string[], layout: Layout = detectLayout(lines)): CellStream {
  const cells: string[] = [];
  if (layout === 'tabs') {
    for (const line of lines) {
      if (line.includes('\t')) for (const c of line.split('\t')) cells.push(c.trim());
      else if (PIPE.test(line)) pushPipes(line, cells);
      else if (line.trim() !== '') cells.push(line.trim());
    }
  } else if (layout === 'pipes') {
    pushPipes(lines.join('\n'), cells);
  } else {
    // In 'spaced-lines' a single blank line separates two cells and each further blank line is a
    // blank cell; in 'lines' every blank line is a blank cell.
    const extra = layout === 'spaced-lines' ? 1 : 0;
    let run = 0;
    let seen = false;
    for (const line of lines) {
      const t = line.trim();
      if (t === '') {
        run++;
        continue;
      }
      if (seen) for (let i = run - extra; i > 0; i--) cells.push('');
      cells.push(t);
      seen = true;
      run = 0;
    }
  }
  return { layout, cells };
}

/** Every pipe ends a cell; the text between two pipes is one cell, or several when it spans lines. */
function pushPipes(text: string, cells: string[]): void {
  const pieces = text.split(PIPE);
  pieces.forEach((piece, i) => {
    const parts = piece.split('\n').map((p) => p.trim()).filter((p) => p !== '');
    // the text after the last pipe is not a cell unless it has content (a cut-off copy)
    if (parts.length === 0) {
      if (i < pieces.length - 1) cells.push('');
      return;
    }
    for (const p of parts) cells.push(p);
  });
}
