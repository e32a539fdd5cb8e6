/** Shared look of the charts: colours, titles, axis titles, and the chart definition type. */
import type { ChartConfiguration, ChartType } from 'chart.js';

/** One chart to draw: the PNG file name it is saved under and its Chart.js configuration. */
export interface ChartDefinition {
  fileName: string;
  config: ChartConfiguration;
}

/** A chart of one run's results, with a caption saying what it shows (under it in report.html). */
export interface RunChartDefinition extends ChartDefinition {
  /** One or two sentences of plain text: what is drawn, on which axes, what to look for. */
  caption: string;
}

/** Colours shared by all charts, fixed so the pictures of two runs compare side by side. */
export const CHART_COLOURS = {
  primary: 'rgb(31, 119, 180)',
  primaryFill: 'rgba(31, 119, 180, 0.6)',
  secondary: 'rgb(255, 127, 14)',
  secondaryFill: 'rgba(255, 127, 14, 0.7)',
  up: 'rgba(44, 160, 44, 0.55)',
  down: 'rgb(214, 39, 40)',
  /**
   * Stretches of failures too close to draw apart, by the share of time down (the classes of
   * DOWN_SHARE_LEVELS): pale yellow through orange to dark brown (ColorBrewer YlOrBr), apart
   * from the red of a down bar and the purple of a fault window.
   */
  downShares: [
    'rgb(255, 237, 160)',
    'rgb(254, 196, 79)',
    'rgb(254, 153, 41)',
    'rgb(217, 95, 14)',
    'rgb(140, 45, 4)',
  ],
  /** A partition or a link degradation in force (Tableau purple: neither up nor down). */
  faultWindow: 'rgba(148, 103, 189, 0.8)',
} as const;

/** Title and subtitle options, shared so every chart names its scenario the same way. */
export function chartTitles(scenario: string, title: string, subtitle?: string | string[]) {
  return {
    title: { display: true, text: `${scenario}: ${title}` },
    subtitle: { display: subtitle !== undefined, text: subtitle ?? '' },
  };
}

/** An axis title option. */
export function axisTitle(text: string) {
  return { display: true, text };
}

/**
 * A legend whose samples are lines that show their dataset's dash pattern: a box of height 0 is
 * stroked as a line with the dataset's borderDash (point-style samples take the point's style,
 * which has no dash, so a dashed series would look solid).
 */
export const LINE_LEGEND = {
  labels: { boxWidth: 40, boxHeight: 0 },
};

/** Tableau 10, the series colours of every chart with several series, in order. */
const SERIES_RGB: ReadonlyArray<readonly [number, number, number]> = [
  [31, 119, 180],
  [255, 127, 14],
  [44, 160, 44],
  [214, 39, 40],
  [148, 103, 189],
  [140, 86, 75],
  [227, 119, 194],
  [127, 127, 127],
  [188, 189, 34],
  [23, 190, 207],
];

/** The colour of series `index` (repeating after ten), opaque or with the given alpha. */
export function seriesColour(index: number, alpha?: number): string {
  const [red, green, blue] = SERIES_RGB[index % SERIES_RGB.length];
  return alpha === undefined ? `rgb(${red}, ${green}, ${blue})` : `rgba(${red}, ${green}, ${blue}, ${alpha})`;
}

/**
 * Labels written on a chart where a value is missing, so that an empty slot does not read as 0:
 * `text` (`n/a`) just above the bottom of the y axis at `x` on the chart's `x` axis, in
 * `colour`, `row` labels up (several series at one x). Drawn by the renderer's `missingValues`
 * plugin (render-charts.ts), set as `options.plugins.missingValues`: plain data, which a
 * configuration can carry where a plugin function cannot.
 */
export interface MissingValueLabels {
  labels: Array<{ x: number; text: string; colour: string; row: number }>;
}

declare module 'chart.js' {
  interface PluginOptionsByType<TType extends ChartType> {
    missingValues?: MissingValueLabels;
  }
}

/** The colour of the `n/a` labels of missing values. */
export const MISSING_COLOUR = 'rgb(90, 90, 90)';

/** The colour of confidence whiskers. */
export const WHISKER_COLOUR = 'rgb(34, 34, 34)';

/**
 * Points of one confidence whisker at `x` from `low` to `high` with caps `cap` wide each side,
 * for a line dataset: null y values break the line between the cap, stem and cap.
 */
export function whiskerPoints(
  x: number,
  low: number,
  high: number,
  cap: number,
): Array<{ x: number; y: number | null }> {
  return [
    { x: x - cap, y: low },
    { x: x + cap, y: low },
    { x, y: null },
    { x, y: low },
    { x, y: high },
    { x, y: null },
    { x: x - cap, y: high },
    { x: x + cap, y: high },
    { x, y: null },
  ];
}
