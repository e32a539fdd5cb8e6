/** Shared look of the charts: colours, titles, axis titles, and the chart definition type. */
import type { ChartConfiguration } from 'chart.js';

/** One chart to draw: the PNG file name it is saved under and its Chart.js configuration. */
export interface ChartDefinition {
  fileName: string;
  config: ChartConfiguration;
}

/** Colours shared by all charts, fixed so the pictures of two runs compare side by side. */
export const CHART_COLOURS = {
  primary: 'rgb(31, 119, 180)',
  primaryFill: 'rgba(31, 119, 180, 0.6)',
  secondary: 'rgb(255, 127, 14)',
  secondaryFill: 'rgba(255, 127, 14, 0.7)',
  up: 'rgba(44, 160, 44, 0.55)',
  down: 'rgb(214, 39, 40)',
} as const;

/** Title and subtitle options, shared so every chart names its scenario the same way. */
export function chartTitles(scenario: string, title: string, subtitle?: string) {
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
