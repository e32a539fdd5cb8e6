import { describe, expect, it } from 'vitest';
import { ComponentState } from '../../src/faults/component-state.js';

describe('ComponentState', () => {
  it('reports each transition once, up only when no cause holds', () => {
    const log: string[] = [];
    const state = new ComponentState(
      () => log.push('down'),
      () => log.push('up'),
    );
    state.hold('random');
    state.hold('scripted');
    state.hold('random');
    expect(state.isUp).toBe(false);
    state.release('random');
    expect(state.isUp).toBe(false);
    state.release('random'); // not held any more: no effect
    state.release('scripted');
    expect(state.isUp).toBe(true);
    state.release('scripted');
    expect(log).toEqual(['down', 'up']);
  });
});
