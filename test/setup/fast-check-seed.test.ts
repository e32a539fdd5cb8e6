import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

describe('the property tests seed', () => {
  it('is the fixed one unless MSGSIM_FC_SEED says otherwise', () => {
    const chosen = process.env.MSGSIM_FC_SEED;
    const seed = fc.readConfigureGlobal().seed;
    if (chosen === undefined || chosen === '') expect(seed).toBe(20261204);
    else if (chosen === 'random') expect(seed).toBeUndefined();
    else expect(seed).toBe(Number(chosen));
  });
});
