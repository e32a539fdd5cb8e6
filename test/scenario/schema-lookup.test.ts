import { describe, expect, it } from 'vitest';
import { scenarioSchemaOf } from '../../src/scenario/load.js';
import { numberDimensionAt } from '../../src/scenario/schema-lookup.js';

const document = {
  name: 'doc',
  nodes: [{ id: 'a', processing: '1ms' }, { id: 'b' }],
  links: [{ between: ['a', 'b'], bandwidth: '1Mbps', delay: '1ms', buffer: 5, loss: 0.1 }],
  flows: [
    {
      from: 'a',
      to: 'b',
      transport: { protocol: 'stop-and-wait' },
      workload: { messages: 5, size: '1000B' },
    },
    { from: 'a', to: 'b', transport: { protocol: 'datagram' }, workload: { messages: 5 } },
  ],
};

describe('numberDimensionAt', () => {
  const schema = scenarioSchemaOf();
  const at = (path: Array<string | number>) => numberDimensionAt(schema, path, document);

  it('tells the dimension a bare number is read in, beside other forms such as distributions', () => {
    // A time or a distribution: a number is a constant in seconds.
    expect(at(['links', 0, 'delay'])).toBe('time');
    expect(at(['nodes', 0, 'processing'])).toBe('time');
    expect(at(['links', 0, 'bandwidth'])).toBe('bandwidth');
    expect(at(['flows', 0, 'workload', 'size'])).toBe('size');
    // A time or { strategy: ... }, in the stop-and-wait form the flow has.
    expect(at(['flows', 0, 'transport', 'timeout'])).toBe('time');
    expect(at(['duration'])).toBe('time');
  });

  it('says nothing where a number is no quantity, or means another thing than the base unit', () => {
    // Takes sizes (64KiB), but a bare 5 counts packets.
    expect(at(['links', 0, 'buffer'])).toBeUndefined();
    expect(at(['links', 0, 'loss'])).toBeUndefined();
    expect(at(['flows', 0, 'workload', 'messages'])).toBeUndefined();
    expect(at(['seed'])).toBeUndefined();
    expect(at(['name'])).toBeUndefined();
    // A datagram flow has no timeout.
    expect(at(['flows', 1, 'transport', 'timeout'])).toBeUndefined();
  });
});
