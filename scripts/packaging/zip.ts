/**
 * A small, reproducible ZIP writer and reader for the packages `npm run zip` makes.
 *
 * Why not `wxt zip` or a library: the CRX and the XPI need a changed manifest.json inside
 * (the agency's key, an update URL), the store zip needs the `key` removed, and the CRX
 * signature covers the exact zip bytes — so the zip is written here, from the unpacked build,
 * with node:zlib. Every entry gets the same fixed timestamp and the entries a fixed order, so
 * the same build always gives the same bytes (and the same SHA256SUMS).
 *
 * Format: PKWARE APPNOTE 6.3 — local file headers, central directory, end of central
 * directory record. No ZIP64 (an extension is far below 4 GB), no data descriptors, no
 * directory entries (Chrome and Firefox create parent folders from the file paths).
 */
import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';

export interface ZipEntry {
  /** Path inside the archive, `/`-separated, no leading slash. */
  name: string;
  data: Buffer;
}

const LOCAL_SIG = 0x04034b50;
const CENTRAL_SIG = 0x02014b50;
const END_SIG = 0x06054b50;
/** 1980-01-01 00:00:00, the earliest MS-DOS date: fixed so that output is reproducible. */
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
const DOS_TIME = 0;
/** General-purpose flag bit 11: names are UTF-8. */
const FLAG_UTF8 = 0x0800;
const METHOD_STORE = 0;
const METHOD_DEFLATE = 8;
/** "Version made by": high byte 3 = Unix (so the external attributes carry a file mode), 2.0. */
const MADE_BY_UNIX = (3 << 8) | 20;
/** Regular file, rw-r--r--, in the high 16 bits of the external attributes. */
const UNIX_FILE_ATTRS = ((0o100644 << 16) >>> 0);
const MAX_32 = 0xffffffff;

/** Rejects names an unzipper could write outside its target folder, or that no platform allows. */
function checkName(name: string): void {
  if (
    name === '' ||
    name.startsWith('/') ||
    name.includes('\\') ||
    name.includes('\0') ||
    name.split('/').some((part) => part === '' || part === '.' || part === '..')
  ) {
    throw new Error(`zip: unsafe entry name "${name}"`);
  }
}

/** Writes the entries, in the order given, as one ZIP archive. */
export function writeZip(entries: ZipEntry[]): Buffer {
  const seen = new Set<string>();
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const { name, data } of entries) {
    checkName(name);
    if (seen.has(name)) throw new Error(`zip: duplicate entry "${name}"`);
    seen.add(name);
    const nameBytes = Buffer.from(name, 'utf8');
    const deflated = deflateRawSync(data, { level: 9 });
    // Small or already-compressed files (PNG) can grow when deflated: store them as they are.
    const method = deflated.length < data.length ? METHOD_DEFLATE : METHOD_STORE;
    const body = method === METHOD_DEFLATE ? deflated : data;
    const crc = crc32(data);
    if (data.length > MAX_32 || offset + body.length > MAX_32) throw new Error('zip: archive too large (no ZIP64 support)');

    const local = Buffer.alloc(30);
    local.writeUInt32LE(LOCAL_SIG, 0);
    local.writeUInt16LE(20, 4); // version needed to extract: 2.0 (deflate)
    local.writeUInt16LE(FLAG_UTF8, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    local.writeUInt16LE(0, 28); // extra field length
    locals.push(local, nameBytes, body);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(CENTRAL_SIG, 0);
    central.writeUInt16LE(MADE_BY_UNIX, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(FLAG_UTF8, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt16LE(DOS_TIME, 12);
    central.writeUInt16LE(DOS_DATE, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    // extra length (30), comment length (32), disk number (34), internal attributes (36): 0
    central.writeUInt32LE(UNIX_FILE_ATTRS, 38);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, nameBytes);

    offset += local.length + nameBytes.length + body.length;
  }
  const centralSize = centrals.reduce((n, b) => n + b.length, 0);
  if (entries.length > 0xffff || offset + centralSize > MAX_32) throw new Error('zip: archive too large (no ZIP64 support)');
  const end = Buffer.alloc(22);
  end.writeUInt32LE(END_SIG, 0);
  // disk numbers (4, 6): 0
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  // comment length (20): 0
  return Buffer.concat([...locals, ...centrals, end]);
}

/**
 * Reads every file of a ZIP archive through its central directory (so archives written by
 * other tools, such as a Mozilla-signed XPI, work too). Stored and deflated entries only;
 * each entry's CRC-32 is checked. Directory entries are skipped.
 */
export function readZip(zip: Buffer): ZipEntry[] {
  // The end record is at least 22 bytes and may be followed by a comment of up to 64 KiB.
  let end = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === END_SIG) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new Error('zip: no end of central directory record (not a ZIP file?)');
  const count = zip.readUInt16LE(end + 10);
  let p = zip.readUInt32LE(end + 16);
  const out: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (p + 46 > zip.length || zip.readUInt32LE(p) !== CENTRAL_SIG) throw new Error('zip: damaged central directory');
    const flags = zip.readUInt16LE(p + 8);
    const method = zip.readUInt16LE(p + 10);
    const crc = zip.readUInt32LE(p + 16);
    const compressedSize = zip.readUInt32LE(p + 20);
    const size = zip.readUInt32LE(p + 24);
    const nameLen = zip.readUInt16LE(p + 28);
    const extraLen = zip.readUInt16LE(p + 30);
    const commentLen = zip.readUInt16LE(p + 32);
    const localOffset = zip.readUInt32LE(p + 42);
    const name = zip.subarray(p + 46, p + 46 + nameLen).toString(flags & FLAG_UTF8 ? 'utf8' : 'latin1');
    p += 46 + nameLen + extraLen + commentLen;
    if (name.endsWith('/')) continue;
    if (flags & 1) throw new Error(`zip: "${name}" is encrypted`);
    if (localOffset + 30 > zip.length || zip.readUInt32LE(localOffset) !== LOCAL_SIG) throw new Error(`zip: damaged local header for "${name}"`);
    const start = localOffset + 30 + zip.readUInt16LE(localOffset + 26) + zip.readUInt16LE(localOffset + 28);
    const body = zip.subarray(start, start + compressedSize);
    if (body.length !== compressedSize) throw new Error(`zip: "${name}" is truncated`);
    let data: Buffer;
    if (method === METHOD_STORE) data = Buffer.from(body);
    else if (method === METHOD_DEFLATE) data = inflateRawSync(body);
    else throw new Error(`zip: "${name}" uses compression method ${method}, which is not supported`);
    if (data.length !== size || crc32(data) !== crc) throw new Error(`zip: "${name}" is corrupt (size or CRC-32 mismatch)`);
    out.push({ name, data });
  }
  return out;
}
