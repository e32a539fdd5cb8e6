import { accessSync, constants, mkdirSync, mkdtempSync, rmdirSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * Why results could not be written to `folder` (checked before long runs, not after), or
 * undefined when it is, or can be made, a writable folder: the nearest existing ancestor must
 * be a writable folder.
 */
export function checkOutputFolder(folder: string): string | undefined {
  let existing = path.resolve(folder);
  for (;;) {
    try {
      const stats = statSync(existing);
      if (!stats.isDirectory()) return `${existing} is not a folder`;
      accessSync(existing, constants.W_OK);
      return existing === path.resolve(folder) ? undefined : canCreateFolderIn(existing);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // ENOTDIR: some ancestor is a file; walking up finds it and says so.
      if (code !== 'ENOENT' && code !== 'ENOTDIR') {
        return `${existing} is not writable (${code ?? (error as Error).message})`;
      }
      const parent = path.dirname(existing);
      if (parent === existing) return 'no part of the path exists';
      existing = parent;
    }
  }
}

/**
 * Why no folder can be made inside `parent`, or undefined when one can: access() says yes for
 * root almost everywhere, and pseudo file systems (/proc) refuse only an actual mkdir.
 */
function canCreateFolderIn(parent: string): string | undefined {
  try {
    rmdirSync(mkdtempSync(path.join(parent, '.msgsim-')));
    return undefined;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return `cannot create a folder in ${parent} (${code ?? (error as Error).message})`;
  }
}

/**
 * Creates `folder` and its missing parents one level at a time. Node's recursive mkdir loops
 * forever on some pseudo file systems (a path under /proc); this fails with their error instead.
 */
export function makeFolder(folder: string): void {
  const missing: string[] = [];
  let current = path.resolve(folder);
  for (;;) {
    try {
      if (statSync(current).isDirectory()) break;
      throw Object.assign(new Error(`${current} is not a folder`), { code: 'ENOTDIR' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      missing.push(current);
      const parent = path.dirname(current);
      if (parent === current) break;
      current = parent;
    }
  }
  for (const level of missing.reverse()) mkdirSync(level);
}
