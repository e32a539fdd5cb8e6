/** Writes a result folder of data files and charts, shared by `msgsim compare` and `msgsim sweep`. */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { ChartDefinition } from './chart-style.js';
import { renderCharts } from './render-charts.js';
import { type PendingFile, writeFilesAtomically } from './write-files-atomically.js';

/**
 * Renders `charts` (none when null) in memory, then writes `dataFiles` and the PNGs into `outDir`
 * atomically (see writeFilesAtomically), and removes the files of `chartNames` this result did not
 * produce, so that charts of an earlier result with other measures do not linger. Returns the
 * paths written. Throws the rendering or file-system error.
 */
export async function writeResultFiles(
  outDir: string,
  dataFiles: readonly PendingFile[],
  charts: readonly ChartDefinition[] | null,
  chartNames: readonly string[],
): Promise<string[]> {
  const files = [...dataFiles];
  for (const chart of charts === null ? [] : await renderCharts(charts)) {
    files.push({ name: chart.fileName, contents: chart.png });
  }
  const written = await writeFilesAtomically(outDir, files);
  const names = new Set(files.map((file) => file.name));
  const stale = chartNames.filter((name) => !names.has(name));
  await Promise.all(stale.map((name) => rm(join(outDir, name), { force: true })));
  return written;
}
