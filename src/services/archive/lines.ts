// Lines of a byte stream, each at most `maxBytes` long: a hostile file with no line break cannot make the
// reader buffer more than that (readline and split2 buffer a line whatever its length, or count characters).

export class LineTooLong extends Error {
  constructor(
    readonly line: number,
    readonly maxBytes: number,
  ) {
    super(`line ${line} is longer than ${maxBytes} bytes`);
  }
}

/** The stream's lines (UTF-8, without the '\n'), numbered from 1; a last line without '\n' counts too. */
export async function* readLines(source: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>, maxBytes: number): AsyncGenerator<{ text: string; number: number }> {
  let parts: Buffer[] = [];
  let length = 0;
  let number = 0;
  for await (const piece of source) {
    const chunk = typeof piece === 'string' ? Buffer.from(piece) : Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);
    let start = 0;
    for (let nl = chunk.indexOf(0x0a, start); nl >= 0; nl = chunk.indexOf(0x0a, start)) {
      if (length + nl - start > maxBytes) throw new LineTooLong(number + 1, maxBytes);
      parts.push(chunk.subarray(start, nl));
      number += 1;
      yield { text: Buffer.concat(parts).toString('utf8'), number };
      parts = [];
      length = 0;
      start = nl + 1;
    }
    if (start < chunk.length) {
      length += chunk.length - start;
      if (length > maxBytes) throw new LineTooLong(number + 1, maxBytes);
      // a copy: the source may reuse its buffer
      parts.push(Buffer.from(chunk.subarray(start)));
    }
  }
  if (length > 0) yield { text: Buffer.concat(parts).toString('utf8'), number: number + 1 };
}
