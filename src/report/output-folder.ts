import { accessSync, constants, statSync } from 'node:fs';
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
      return undefined;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT') return `${existing} is not writable (${code ?? (error as Error).message})`;
      const parent = path.dirname(existing);
      if (parent === existing) return 'no part of the path exists';
      existing = parent;
    }
  }
}
