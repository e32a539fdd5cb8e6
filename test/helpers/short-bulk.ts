import type { Summary } from '../../src/metrics/summary.js';
import { run } from './scenario.js';

/**
 * Ten 1000-byte messages of a bulk transfer, all created at t = 0, sent back to back over an
 * 8 Mbit/s link without delay: ten 1 ms transmissions, so the run ends at 10 ms. A warm-up
 * longer than that empties the measurement interval; one of 2.5 ms leaves T but no latency,
 * which covers only the messages created after the warm-up. The fixture of the tests of empty
 * and partly empty figures.
 */
export function shortBulkSummary(warmup: number): Summary {
  return run({
    name: 'short',
    warmup,
    nodes: [{ id: 'a' }, { id: 'b' }],
    links: [{ between: ['a', 'b'], bandwidth: '8Mbps', delay: 0 }],
    flows: [{ id: 'f', from: 'a', to: 'b', workload: { messages: 10, size: '1000B' } }],
  }).summary;
}
