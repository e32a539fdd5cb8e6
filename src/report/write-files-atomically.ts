import { rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeFolder } from './output-folder.js';

/** A file held in memory until every file of a result is ready. */
export interface PendingFile {
  name: string;
  contents: string | Buffer;
}

let temporaryFileCounter = 0;

/**
 * Writes `files` into `outDir` (created if missing): each first to a temporary name in `outDir`,
 * then all renamed over their final names, so no reader ever sees a half-written file. Returns the
 * paths written, in order. Throws the file-system error after removing the temporary files.
 */
export async function writeFilesAtomically(outDir: string, files: readonly PendingFile[]): Promise<string[]> {
  makeFolder(outDir);
  const temporaryPaths: string[] = [];
  try {
    for (const file of files) {
      temporaryFileCounter += 1;
      const temporaryPath = join(outDir, `.${file.name}.${process.pid}-${temporaryFileCounter}.tmp`);
      temporaryPaths.push(temporaryPath);
      await writeFile(temporaryPath, file.contents);
    }
    for (const [index, file] of files.entries()) {
      await rename(temporaryPaths[index], join(outDir, file.name));
    }
  } catch (error) {
    // After a successful rename the temporary path no longer exists; force ignores it.
    await Promise.all(temporaryPaths.map((path) => rm(path, { force: true })));
    throw error;
  }
  return files.map((file) => join(outDir, file.name));
}
