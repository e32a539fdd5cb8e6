import { readFileSync, statSync } from 'node:fs';

/** Bytes a scenario or a file it names may have, at most (a trace of millions of lines fits). */
const MAX_FILE_BYTES = 256 * 1024 * 1024;

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const lenientUtf8 = new TextDecoder('utf-8');

/**
 * The text of the regular file at `path`, which must be UTF-8 (a byte-order mark is dropped).
 * Why the checks: reading a device (`/dev/zero`) never ends, a file past V8's longest string
 * aborts the process instead of throwing, and a file in another encoding (UTF-16 from an
 * editor on Windows, Latin-1) would otherwise read as garbled keys the schema then reports.
 * @throws Error saying why, with `code` EISDIR for a directory (fs errors pass through).
 */
export function readTextFile(path: string): string {
  const stats = statSync(path);
  if (stats.isDirectory()) throw Object.assign(new Error('it is a directory'), { code: 'EISDIR' });
  if (!stats.isFile()) throw new Error('not a regular file');
  if (stats.size > MAX_FILE_BYTES) {
    throw new Error(
      `too large: ${stats.size.toLocaleString('en')} bytes (at most ${MAX_FILE_BYTES.toLocaleString('en')})`,
    );
  }
  return utf8Text(readFileSync(path));
}

/** `bytes` as UTF-8 text, or an error naming the encoding problem and where it is. */
export function utf8Text(bytes: Uint8Array): string {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new Error('it is UTF-16 text (it starts with a UTF-16 byte-order mark): save it as UTF-8');
  }
  // No text file holds NUL: UTF-16 without a byte-order mark (every other byte of ASCII text is
  // 0), or a binary file; read on, its NULs would be echoed into messages raw.
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    const line = bytes.subarray(0, nul).filter((byte) => byte === 0x0a).length + 1;
    throw new Error(
      `it is not UTF-8 text: line ${line} holds NUL bytes (UTF-16 without a byte-order mark, or not text at all); save it as UTF-8`,
    );
  }
  let text: string;
  try {
    text = strictUtf8.decode(bytes);
  } catch {
    const lenient = lenientUtf8.decode(bytes);
    const at = lenient.indexOf('\uFFFD');
    const line = lenient.slice(0, at).split('\n').length;
    throw new Error(`it is not UTF-8 text: line ${line} holds bytes UTF-8 does not allow; save it as UTF-8`);
  }
  return text;
}

/** Why a file could not be read, in words. */
export function readFailure(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'it is a directory';
  if (code === 'EACCES') return 'permission denied';
  return (error as Error)?.message ?? String(error);
}
