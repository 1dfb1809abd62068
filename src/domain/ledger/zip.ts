// The total uncompressed size of a zip archive (an .xlsx), read from its central directory without
// inflating anything: a guard against a small file that would expand to gigabytes in memory. Pure.

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const EOCD_SIZE = 22;

/**
 * The sum of the uncompressed sizes the central directory declares; Infinity for a ZIP64 archive
 * (sizes beyond 4 GB); null when there is no readable central directory (not a zip).
 */
export function zipUncompressedSize(bytes: Uint8Array): number | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = bytes.byteLength;
  if (n < EOCD_SIZE) return null;
  // the end-of-central-directory record, followed by a comment of at most 65535 bytes
  let eocd = -1;
  for (let p = n - EOCD_SIZE; p >= Math.max(0, n - EOCD_SIZE - 0xffff); p--) {
    if (view.getUint32(p, true) === EOCD_SIGNATURE) {
      eocd = p;
      break;
    }
  }
  if (eocd < 0) return null;
  const entries = view.getUint16(eocd + 10, true);
  const offset = view.getUint32(eocd + 16, true);
  if (entries === 0xffff || offset === 0xffffffff) return Infinity;
  let total = 0;
  let p = offset;
  for (let i = 0; i < entries; i++) {
    if (p + 46 > n || view.getUint32(p, true) !== CENTRAL_SIGNATURE) return null;
    const size = view.getUint32(p + 24, true);
    if (size === 0xffffffff) return Infinity;
    total += size;
    p += 46 + view.getUint16(p + 28, true) + view.getUint16(p + 30, true) + view.getUint16(p + 32, true);
  }
  return total;
}
