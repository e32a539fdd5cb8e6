/** Writes a run's result files (summary.json, timeseries.csv, PNG charts) into a folder. */
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunResult } from '../metrics/summary.js';
import { CHART_FILE_NAMES, chartDefinitions } from './chart-definitions.js';
import { congestionTraceToCsv } from './congestion-trace-csv.js';
import { renderCharts } from './render-charts.js';
import { timeseriesToCsv } from './timeseries-csv.js';

/** Options of writeResults. */
export interface WriteResultsOptions {
  /** Render and write the PNG charts (default true). */
  charts?: boolean;
}

/** A result file held in memory until every file of the run is ready. */
interface PendingFile {
  name: string;
  contents: string | Buffer;
}

let temporaryFileCounter = 0;

/**
 * Node ids for the up_<node> columns: the nodes of the availability summary in their order, then
 * any other node the rows mention, so no measured column is silently left out.
 */
function timeseriesNodeIds(result: RunResult): string[] {
  const ids = new Set(Object.keys(result.summary.availability.nodes));
  for (const row of result.timeseries) {
    for (const id of Object.keys(row.nodesUp)) ids.add(id);
  }
  return [...ids];
}

/**
 * Writes `summary.json` (the summary as JSON, 2-space indent, keys in object order, trailing
 * newline), `timeseries.csv` (see timeseriesToCsv) and, unless `options.charts` is false, the PNG
 * charts of chartDefinitions into `outDir`, creating it if missing. Returns the paths written, in
 * that order.
 *
 * Everything is produced in memory first, so a failure while rendering writes nothing; each file
 * then goes to a temporary name in `outDir` and is renamed over its final name, so no reader ever
 * sees a half-written file. Chart files of a previous run that this run does not produce (charts
 * off, or a chart without data) are removed, so the folder never mixes two runs' pictures.
 * Throws the file-system or rendering error; temporary files are removed on failure.
 */
export async function writeResults(
  result: RunResult,
  outDir: string,
  options: WriteResultsOptions = {},
): Promise<string[]> {
  const files: PendingFile[] = [
    { name: 'summary.json', contents: `${JSON.stringify(result.summary, null, 2)}\n` },
    { name: 'timeseries.csv', contents: timeseriesToCsv(result.timeseries, timeseriesNodeIds(result)) },
  ];
  if (result.congestionTraces.length > 0) {
    files.push({ name: 'congestion-trace.csv', contents: congestionTraceToCsv(result.congestionTraces) });
  }
  if (options.charts ?? true) {
    for (const chart of await renderCharts(chartDefinitions(result))) {
      files.push({ name: chart.fileName, contents: chart.png });
    }
  }

  await mkdir(outDir, { recursive: true });
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

  const written = new Set(files.map((file) => file.name));
  const staleCharts = CHART_FILE_NAMES.filter((name) => !written.has(name));
  await Promise.all(staleCharts.map((name) => rm(join(outDir, name), { force: true })));
  return files.map((file) => join(outDir, file.name));
}
