/** Writes a run's result files (summary.json, timeseries.csv, PNG charts, report.html) into a folder. */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunResult } from '../metrics/summary.js';
import { CHART_FILE_NAMES, chartDefinitions } from './chart-definitions.js';
import { congestionTraceToCsv } from './congestion-trace-csv.js';
import { type ReportChart, type ReportContext, reportHtml } from './html/report-page.js';
import { MSGSIM_VERSION } from './msgsim-version.js';
import { renderCharts } from './render-charts.js';
import { timeseriesToCsv } from './timeseries-csv.js';
import { type PendingFile, writeFilesAtomically } from './write-files-atomically.js';

const CONGESTION_TRACE_FILE = 'congestion-trace.csv';

/** Options of writeResults. */
export interface WriteResultsOptions {
  /** Render and write the PNG charts (default true); without them report.html says so. */
  charts?: boolean;
  /** What report.html says of the run's inputs; by default only this msgsim's version. */
  report?: ReportContext;
}

/** The report's file name. */
export const REPORT_FILE = 'report.html';

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
 * newline), `timeseries.csv` (see timeseriesToCsv), `congestion-trace.csv` (with window
 * transports), unless `options.charts` is false the PNG charts of chartDefinitions, and
 * `report.html` (reportHtml: the same PNG buffers embedded, rendered once) into `outDir`,
 * creating it if missing. Returns the paths written, in that order.
 *
 * Everything is produced in memory first, so a failure while rendering writes nothing; each file
 * then goes to a temporary name in `outDir` and is renamed over its final name, so no reader ever
 * sees a half-written file. Chart and trace files of a previous run that this run does not produce
 * (charts off, a chart without data, no window transport) are removed, so the folder never mixes
 * two runs.
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
    files.push({ name: CONGESTION_TRACE_FILE, contents: congestionTraceToCsv(result.congestionTraces) });
  }
  let charts: ReportChart[] | null = null;
  if (options.charts ?? true) {
    const definitions = chartDefinitions(result);
    const rendered = await renderCharts(definitions);
    charts = rendered.map((chart, i) => ({ ...chart, caption: definitions[i].caption }));
    for (const chart of charts) files.push({ name: chart.fileName, contents: chart.png });
  }
  files.push({
    name: REPORT_FILE,
    contents: reportHtml(result.summary, charts, options.report ?? { version: MSGSIM_VERSION }),
  });

  await writeFilesAtomically(outDir, files);

  const written = new Set(files.map((file) => file.name));
  const stale = [...CHART_FILE_NAMES, CONGESTION_TRACE_FILE].filter((name) => !written.has(name));
  await Promise.all(stale.map((name) => rm(join(outDir, name), { force: true })));
  return files.map((file) => join(outDir, file.name));
}
