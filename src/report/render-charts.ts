/**
 * Renders chart definitions to PNG images with chartjs-node-canvas; the only module that touches
 * a canvas, so everything else in the report layer stays plain data.
 */
import type { ChartConfiguration, Plugin } from 'chart.js';
import type { ChartJSNodeCanvas } from 'chartjs-node-canvas';
import type { ChartDefinition, MissingValueLabels } from './chart-style.js';

/** Size of every rendered chart, in pixels. */
export const CHART_WIDTH_PX = 1000;
export const CHART_HEIGHT_PX = 600;

/** A rendered chart: the file name from its definition and the PNG bytes. */
export interface RenderedChart {
  fileName: string;
  png: Buffer;
}

/** Height of a row of missing-value labels, in pixels. */
const LABEL_ROW_PX = 18;

/**
 * Writes the labels of `options.plugins.missingValues` (MissingValueLabels) over the datasets:
 * each at its x on the `x` axis, just above the bottom of the `y` axis. Charts without them
 * draw nothing more.
 */
const MISSING_VALUES_PLUGIN: Plugin = {
  id: 'missingValues',
  afterDatasetsDraw(chart, _args, options: Partial<MissingValueLabels>) {
    const labels = options.labels ?? [];
    const { x, y } = chart.scales;
    if (labels.length === 0 || x === undefined || y === undefined) return;
    const { ctx } = chart;
    ctx.save();
    ctx.font = `bold 14px ${chart.options.font?.family ?? 'sans-serif'}`;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'bottom';
    const bottom = y.getPixelForValue(y.min);
    for (const label of labels) {
      ctx.fillStyle = label.colour;
      ctx.fillText(label.text, x.getPixelForValue(label.x), bottom - 4 - label.row * LABEL_ROW_PX);
    }
    ctx.restore();
  },
};

let renderer: Promise<ChartJSNodeCanvas> | undefined;

/**
 * The one renderer, created on first use: each instance loads its own copy of Chart.js, and the
 * native canvas module is only loaded when a chart is actually drawn (runs with charts off never
 * need it).
 */
function sharedRenderer(): Promise<ChartJSNodeCanvas> {
  renderer ??= import('chartjs-node-canvas').then(
    ({ ChartJSNodeCanvas }) =>
      new ChartJSNodeCanvas({
        width: CHART_WIDTH_PX,
        height: CHART_HEIGHT_PX,
        // Registers a plugin that paints the canvas white before each draw; PNGs are transparent otherwise.
        backgroundColour: 'white',
        chartCallback: (chartJs) => {
          chartJs.defaults.font.family = "'DejaVu Sans', 'Helvetica', 'Arial', sans-serif";
          chartJs.defaults.font.size = 14;
          chartJs.defaults.color = '#222222';
          chartJs.defaults.plugins.title.font = { size: 18, weight: 'bold' };
          chartJs.defaults.plugins.subtitle.font = { size: 13 };
          chartJs.defaults.plugins.subtitle.padding = { top: 2, bottom: 10 };
          chartJs.defaults.animation = false;
          // Keeps the rightmost bar and tick label off the image edge.
          chartJs.defaults.layout.padding = { top: 8, right: 20, bottom: 8, left: 8 };
          chartJs.register(MISSING_VALUES_PLUGIN);
        },
      }),
  );
  // Forget a failed start (e.g. canvas missing) so a later call tries again instead of replaying it.
  renderer.catch(() => {
    renderer = undefined;
  });
  return renderer;
}

/**
 * Renders one Chart.js configuration to a PNG of CHART_WIDTH_PX × CHART_HEIGHT_PX on a white
 * background, animation off. The configuration is copied first, because the renderer and
 * Chart.js write into it. Throws when the configuration is not structured-cloneable (e.g. holds
 * callbacks) or Chart.js rejects it.
 */
export async function renderChart(config: ChartConfiguration): Promise<Buffer> {
  const canvas = await sharedRenderer();
  const copy = structuredClone(config);
  copy.options = { ...copy.options, animation: false, responsive: false };
  return canvas.renderToBuffer(copy, 'image/png');
}

/**
 * Renders every definition to PNG, one after another in the given order (the canvas module
 * draws synchronously, so parallel calls would gain nothing). Throws on the first failure.
 */
export async function renderCharts(definitions: readonly ChartDefinition[]): Promise<RenderedChart[]> {
  const rendered: RenderedChart[] = [];
  for (const definition of definitions) {
    rendered.push({ fileName: definition.fileName, png: await renderChart(definition.config) });
  }
  return rendered;
}
