import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHART_FILE_NAMES, chartDefinitions } from '../../src/report/chart-definitions.js';
import { CHART_HEIGHT_PX, CHART_WIDTH_PX, renderCharts } from '../../src/report/render-charts.js';
import { writeResults } from '../../src/report/write-results.js';
import { realisticRunResult, smallRunResult } from './fake-run-results.js';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'msgsim-report-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe('renderCharts', () => {
  it('renders every chart to a 1000 x 600 PNG', async () => {
    const rendered = await renderCharts(chartDefinitions(realisticRunResult()));
    expect(rendered.map((chart) => chart.fileName)).toEqual([...CHART_FILE_NAMES]);
    for (const { png } of rendered) {
      expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
      // The IHDR chunk right after the signature holds width and height, big-endian.
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([CHART_WIDTH_PX, CHART_HEIGHT_PX]);
    }
  });
});

describe('writeResults', () => {
  it('writes summary.json, timeseries.csv, the congestion trace, the charts and report.html, and nothing else', async () => {
    const outDir = join(scratch, 'nested', 'tiny');
    const result = smallRunResult();
    const written = await writeResults(result, outDir);
    const expectedNames = [
      'summary.json',
      'timeseries.csv',
      'congestion-trace.csv',
      ...CHART_FILE_NAMES,
      'report.html',
    ];
    expect(written).toEqual(expectedNames.map((name) => join(outDir, name)));
    expect((await readdir(outDir)).sort()).toEqual([...expectedNames].sort());
    expect(await readFile(join(outDir, 'summary.json'), 'utf8')).toBe(
      `${JSON.stringify(result.summary, null, 2)}\n`,
    );
    const csv = await readFile(join(outDir, 'timeseries.csv'), 'utf8');
    expect(csv.split('\n')[0]).toBe(
      'start_s,end_s,delivered,messages_per_s,goodput_bps,mean_latency_s,up_sender,up_server',
    );
    const png = await readFile(join(outDir, 'throughput.png'));
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    // The report embeds the very PNGs written beside it, in the same order.
    const report = await readFile(join(outDir, 'report.html'), 'utf8');
    const embedded = [...report.matchAll(/<img src="data:image\/png;base64,([^"]*)"/g)].map(
      (match) => match[1],
    );
    const files = await Promise.all(CHART_FILE_NAMES.map((name) => readFile(join(outDir, name))));
    expect(embedded).toEqual(files.map((file) => file.toString('base64')));
  });

  it('without charts writes the text files and removes charts of an earlier run', async () => {
    const outDir = join(scratch, 'no-charts');
    await writeResults(smallRunResult(), outDir);
    await writeFile(join(outDir, 'notes.txt'), 'kept');
    await writeResults(smallRunResult(), outDir, { charts: false });
    expect((await readdir(outDir)).sort()).toEqual([
      'congestion-trace.csv',
      'notes.txt',
      'report.html',
      'summary.json',
      'timeseries.csv',
    ]);
    expect(await readFile(join(outDir, 'report.html'), 'utf8')).not.toContain('<img');
  });

  it('removes the congestion trace of an earlier run when this run has no window transport', async () => {
    const outDir = join(scratch, 'no-trace');
    await writeResults(smallRunResult(), outDir, { charts: false });
    await writeResults({ ...smallRunResult(), congestionTraces: [] }, outDir, { charts: false });
    expect((await readdir(outDir)).sort()).toEqual(['report.html', 'summary.json', 'timeseries.csv']);
  });

  it('writes nothing when building the charts fails', async () => {
    const outDir = join(scratch, 'failed');
    const result = smallRunResult();
    result.latencies = Float64Array.from([0.01, Number.NaN]);
    await expect(writeResults(result, outDir)).rejects.toThrow(RangeError);
    await expect(readdir(outDir)).rejects.toThrow(/ENOENT/);
  });

  it('removes its temporary files when a rename fails', async () => {
    const outDir = join(scratch, 'blocked');
    // A directory where summary.json should go makes its rename fail.
    await mkdir(join(outDir, 'summary.json'), { recursive: true });
    await expect(writeResults(smallRunResult(), outDir, { charts: false })).rejects.toThrow();
    expect(await readdir(outDir)).toEqual(['summary.json']);
  });

  it('never leaves a half-written report: it goes to a temporary name first, removed on failure', async () => {
    const outDir = join(scratch, 'report-blocked');
    await mkdir(join(outDir, 'report.html'), { recursive: true });
    await expect(writeResults(smallRunResult(), outDir, { charts: false })).rejects.toThrow();
    const left = await readdir(outDir);
    expect(left.filter((name) => name.endsWith('.tmp'))).toEqual([]);
    expect((await stat(join(outDir, 'report.html'))).isDirectory()).toBe(true);
  });
});
