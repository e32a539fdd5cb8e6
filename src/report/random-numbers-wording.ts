import type { Comparison } from '../metrics/compare.js';
import { parsePath } from '../scenario/document-path.js';

/** The scenario's `seed` itself, however the path spells it (`seed`, `["seed"]`). */
export function isSeedPath(path: string): boolean {
  const parsed = parsePath(path.trim());
  return parsed.ok && parsed.path.length === 1 && parsed.path[0] === 'seed';
}

/** True when `text`, a `path=value` of --set, --vary or --param, is about the scenario's `seed` itself. */
export function isSeedOption(text: string): boolean {
  const equals = text.indexOf('=');
  return isSeedPath(text.slice(0, equals < 0 ? text.length : equals));
}

/**
 * How the variants' random numbers relate, for titles and subtitles: the same streams for
 * every variant (common random numbers), unless a varied parameter is the seed itself.
 */
export function randomNumbersWording(variedPaths: readonly string[], noun: 'variant' | 'point'): string {
  return variedPaths.some(isSeedPath) ? `each ${noun} from its own seed` : 'common random numbers';
}

/** The paths the comparison's variants set. */
export function variedPaths(comparison: Comparison): string[] {
  return [
    ...new Set(comparison.variants.flatMap((variant) => variant.settings.map((setting) => setting.path))),
  ];
}
