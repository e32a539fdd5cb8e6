/** The version of msgsim, from its package.json, for the result files that name what made them. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The `version` of the nearest package.json named msgsim above this module: the same file
 * whether the module runs from src (tests) or from dist (the built CLI), whose depths differ.
 * "unknown" when there is none (a copy of the modules outside the package).
 */
function readVersion(): string {
  let folder = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(folder, 'package.json');
    if (existsSync(candidate)) {
      const manifest = JSON.parse(readFileSync(candidate, 'utf8')) as { name?: unknown; version?: unknown };
      if (manifest.name === 'msgsim' && typeof manifest.version === 'string') return manifest.version;
    }
    const parent = dirname(folder);
    if (parent === folder) return 'unknown';
    folder = parent;
  }
}

/** msgsim's version, e.g. "0.1.0". */
export const MSGSIM_VERSION = readVersion();
