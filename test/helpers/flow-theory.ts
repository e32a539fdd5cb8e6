import type { TheoryPrediction } from '../../src/metrics/summary.js';

/**
 * The entries of a summary's `theory` about flows: without the `bandwidth-delay:` entries of the
 * link directions their data crosses, which every flow over a link of constant delay brings.
 */
export function flowTheory(theory: Record<string, TheoryPrediction>): Record<string, TheoryPrediction> {
  return Object.fromEntries(Object.entries(theory).filter(([key]) => !key.startsWith('bandwidth-delay:')));
}
