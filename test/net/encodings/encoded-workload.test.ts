import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../../src/scenario/build-simulation.js';
import { ScenarioError } from '../../../src/scenario/errors.js';
import { parseScenarioText } from '../../../src/scenario/load.js';
import type { ScenarioInput } from '../../../src/scenario/schema.js';
import { run, scenarioOf } from '../../helpers/scenario.js';
import { issueLines } from '../../scenario/issues.js';
import { recordingProbe } from '../recording-probe.js';

const SENSOR = { id: 42, name: 'sensor-7', readings: [20.5, 21.0] };
const SENSOR_SCHEMA = {
  id: { number: 1, type: 'int32' },
  name: { number: 2, type: 'string' },
  readings: { number: 3, type: 'double', repeated: true },
} as const;
// The sensor payload in each encoding (see the encoding tests for the byte counts).
const SENSOR_BYTES = { json: 48, xml: 99, protobuf: 30 };

type WorkloadInput = NonNullable<ScenarioInput['flows']>[number]['workload'];

function scenario(workload: Record<string, unknown>, extra: Partial<ScenarioInput> = {}): ScenarioInput {
  return {
    name: 'encoded',
    nodes: [{ id: 'a' }, { id: 'b' }],
    links: [{ between: ['a', 'b'], bandwidth: '1Mbps', delay: '5ms' }],
    flows: [{ from: 'a', to: 'b', workload: { messages: 5, ...workload } as WorkloadInput }],
    ...extra,
  };
}

/** The issues `parseScenarioText` reports for a scenario, as `path: message`. */
function issuesOf(input: ScenarioInput): string[] {
  try {
    parseScenarioText(JSON.stringify(input), 'test.json');
  } catch (error) {
    if (error instanceof ScenarioError) return issueLines(error.issues);
    throw error;
  }
  return [];
}

describe('workloads with an encoded payload', () => {
  it('size every message by the encoding of its payload', () => {
    for (const [encoding, bytes] of Object.entries(SENSOR_BYTES)) {
      const flow = scenarioOf(scenario({ payload: SENSOR, encoding, schema: SENSOR_SCHEMA })).flows[0];
      expect(flow.workload.size.isConstant).toBe(true);
      expect(flow.workload.size.mean).toBe(bytes);
      const { probe, created } = recordingProbe();
      run(scenario({ payload: SENSOR, encoding, schema: SENSOR_SCHEMA }), { probes: [probe] });
      expect(created.map((message) => message.payloadBytes)).toEqual([bytes, bytes, bytes, bytes, bytes]);
    }
  });

  it('frame XML with the configured root and declaration', () => {
    const flow = scenarioOf(
      scenario({ payload: SENSOR, encoding: 'xml', xml: { root: 'r', declaration: true } }),
    ).flows[0];
    expect(flow.workload.size.mean).toBe(99 - 12 + 38);
  });

  it('cycle through payloads in order, for paced and bulk workloads alike', () => {
    const payloads = [{ t: 'a' }, { t: 'bbb' }, { t: 'cc' }];
    // {"t":"a"} is 9 bytes; each extra letter adds one.
    const expected = [9, 11, 10, 9, 11, 10, 9];
    for (const workload of [
      { messages: 7, rate: 100, payloads, encoding: 'json' },
      { messages: 7, payloads, encoding: 'json' },
    ]) {
      const { probe, created } = recordingProbe();
      run(
        scenario(workload, {
          flows: [{ from: 'a', to: 'b', transport: { protocol: 'stop-and-wait', timeout: '1s' }, workload }],
        }),
        {
          probes: [probe],
        },
      );
      expect(created.map((message) => message.payloadBytes)).toEqual(expected);
    }
    const parsed = scenarioOf(scenario({ payloads, encoding: 'json' })).flows[0].workload;
    expect(parsed.size.isConstant).toBe(false);
    expect(parsed.size.mean).toBe(10);
  });

  it('add (encode + decode cost) × payload bytes to t_proc at the receiver, on top of its own processing', () => {
    // 10 a second: each message finds the link and the server idle.
    const workload = {
      rate: 10,
      payload: SENSOR,
      encoding: 'protobuf',
      schema: SENSOR_SCHEMA,
      encodeCost: '10ns',
      decodeCost: '30ns',
    };
    const { probe, resolved } = recordingProbe();
    run(
      {
        ...scenario(workload),
        nodes: [{ id: 'a' }, { id: 'b', processing: '1ms' }],
      },
      { probes: [probe] },
    );
    expect(resolved).toHaveLength(5);
    for (const message of resolved) {
      expect(message.fate.kind).toBe('delivered');
      expect(message.procSeconds).toBeCloseTo(1e-3 + 40e-9 * 30, 15);
      // 30 bytes at 1 Mbit/s, 5 ms of propagation, nothing else on an idle link.
      expect(message.latencySeconds).toBeCloseTo(240e-6 + 5e-3 + 1e-3 + 1.2e-6, 12);
    }
  });

  it('take a per-encoding cost for the encoding in use, and occupy the server while decoding', () => {
    const workload = {
      messages: 3,
      payload: SENSOR,
      encoding: 'json',
      decodeCost: { json: '1ms', xml: '1s' },
    };
    // All three arrive together (bulk over a fast link); one server decodes them one after the other.
    const { probe, resolved } = recordingProbe();
    run(
      { ...scenario(workload), links: [{ between: ['a', 'b'], bandwidth: '1Tbps', delay: 0 }] },
      { probes: [probe] },
    );
    expect(resolved.map((message) => message.procSeconds)).toEqual([0.048, 0.048, 0.048]);
    // Message i waits i × 384 ps for the transmitter, then for the decoding of those before it
    // less the i × 384 ps by which it arrived after the first: t_queue = i × 48 ms.
    const queues = resolved.map((message) => message.queueSeconds);
    expect(queues[0]).toBe(0);
    expect(queues[1]).toBeCloseTo(0.048, 15);
    expect(queues[2]).toBeCloseTo(0.096, 15);
  });

  it('keep every delivered latency split exactly into its components', () => {
    const arbitrary = fc.record({
      encoding: fc.constantFrom('json', 'xml', 'protobuf'),
      rate: fc.integer({ min: 50, max: 2000 }),
      decodeNs: fc.integer({ min: 0, max: 20000 }),
      processingUs: fc.integer({ min: 0, max: 500 }),
      servers: fc.integer({ min: 1, max: 3 }),
      seed: fc.integer({ min: 1, max: 1000 }),
    });
    fc.assert(
      fc.property(arbitrary, ({ encoding, rate, decodeNs, processingUs, servers, seed }) => {
        const workload = {
          messages: 40,
          rate,
          arrivals: 'poisson',
          payloads: [SENSOR, { id: -3, name: 'é€😀', readings: [] }],
          encoding,
          schema: SENSOR_SCHEMA,
          decodeCost: `${decodeNs}ns`,
        };
        const { probe, resolved } = recordingProbe();
        run(
          {
            ...scenario(workload, { seed }),
            nodes: [
              { id: 'a' },
              { id: 'b', processing: { dist: 'exponential', mean: `${processingUs + 1}us` }, servers },
            ],
          },
          { probes: [probe] },
        );
        for (const m of resolved) {
          if (m.fate.kind !== 'delivered') continue;
          expect(m.procSeconds).toBeGreaterThan(decodeNs * 1e-9 * m.payloadBytes);
          const total = m.transSeconds + m.propSeconds + m.queueSeconds + m.procSeconds + m.waitSeconds;
          expect(Math.abs(total - m.latencySeconds)).toBeLessThanOrEqual(1e-12);
        }
      }),
      { numRuns: 30 },
    );
  });
});

describe('encoded payload validation', () => {
  it('locates a payload that does not fit its protobuf schema', () => {
    expect(
      issuesOf(scenario({ payload: { ...SENSOR, id: 'x' }, encoding: 'protobuf', schema: SENSOR_SCHEMA })),
    ).toEqual(['flows[0].workload.payload.id: protobuf: expected a number (int32), got the text "x"']);
    expect(
      issuesOf(
        scenario({
          payloads: [SENSOR, { ...SENSOR, extra: 1 }],
          encoding: 'protobuf',
          schema: SENSOR_SCHEMA,
        }),
      ),
    ).toEqual([
      "flows[0].workload.payloads[1].extra: protobuf: field 'extra' is not in the schema (known: id, name, readings)",
    ]);
    expect(issuesOf(scenario({ payload: { 'a b': 1 }, encoding: 'xml' }))).toEqual([
      'flows[0].workload.payload["a b"]: xml: the key "a b" is not an XML element name',
    ]);
  });

  it('asks for what is missing and refuses what conflicts', () => {
    expect(issuesOf(scenario({ payload: SENSOR, encoding: 'protobuf' }))).toEqual([
      "flows[0].workload.schema: encoding 'protobuf' needs a field schema: { name: { number: 1, type: int32 }, ... }",
    ]);
    expect(issuesOf(scenario({ payload: SENSOR }))).toEqual([
      'flows[0].workload.encoding: a payload needs an encoding (json | xml | protobuf)',
    ]);
    expect(issuesOf(scenario({ payload: SENSOR, encoding: 'json', size: '100B' }))).toEqual([
      'flows[0].workload.size: give size or a payload, not both: an encoded payload has its own size',
    ]);
    expect(issuesOf(scenario({ payload: SENSOR, payloads: [SENSOR], encoding: 'json' }))).toEqual([
      'flows[0].workload.payloads: give payload (one for every message) or payloads (in turn), not both',
    ]);
    expect(issuesOf(scenario({ encoding: 'json' }))).toEqual([
      'flows[0].workload.encoding: encoding describes payloads: give payload or payloads',
    ]);
    expect(issuesOf(scenario({ payload: SENSOR, encoding: 'xml', decodeCost: { json: '1ns' } }))).toEqual([
      "flows[0].workload.decodeCost: no decodeCost for encoding 'xml' (given for: json)",
    ]);
    expect(issuesOf(scenario({ payload: SENSOR, encoding: 'yaml' }))[0]).toMatch(
      /^flows\[0\]\.workload\.encoding: expected one of: json, xml, protobuf/,
    );
    expect(issuesOf(scenario({ payload: SENSOR, encoding: 'json', encodeCost: '-1ns' }))).toEqual([
      "flows[0].workload.encodeCost: expected a non-negative time such as '15ms' (a bare number is in s), got a negative value -1ns",
    ]);
  });

  it('keeps a plain size (default 1000 B) and a decode cost without a payload', () => {
    const workload = scenarioOf(scenario({ decodeCost: '1ns' })).flows[0].workload;
    expect(workload.size.mean).toBe(1000);
    expect(workload.codecSecondsPerByte).toBeCloseTo(1e-9, 18);
  });
});

describe('the bundled encodings scenario', () => {
  const text = readFileSync(new URL('../../../scenarios/encodings.yaml', import.meta.url), 'utf8');
  const variant = (encoding: string) =>
    parseScenarioText(text, 'scenarios/encodings.yaml', {
      overrides: [`flows[0].workload.encoding=${encoding}`],
    });

  it('sizes the same readings as its description says, and the smallest encoding wins on the slow link', () => {
    const results = Object.fromEntries(
      ['json', 'xml', 'protobuf'].map((encoding) => {
        const parsed = variant(encoding);
        return [
          encoding,
          { sizes: parsed.flows[0].workload.sizeCycleBytes, summary: simulate(parsed).summary },
        ];
      }),
    );
    expect(results.json.sizes).toEqual([146, 145, 124]);
    expect(results.xml.sizes).toEqual([270, 269, 167]);
    expect(results.protobuf.sizes).toEqual([65, 65, 44]);
    // XML offers 40 × 263.33 B/s to an 8000 B/s link, which is never idle: its 400 × 790 B take
    // 39.5 s, then the last (167 B) message propagates 20 ms and is decoded in 167 × 40 ns.
    expect(results.xml.summary.throughput.messagesPerSecond).toBeCloseTo(1200 / (39.52 + 167 * 40e-9), 9);
    expect(results.json.summary.throughput.messagesPerSecond).toBeGreaterThan(39.9);
    expect(results.protobuf.summary.throughput.messagesPerSecond).toBeGreaterThan(39.9);
    const latency = (encoding: string) => results[encoding].summary.latency.mean ?? Number.NaN;
    expect(latency('protobuf')).toBeLessThan(latency('json'));
    expect(latency('json')).toBeLessThan(0.05);
    expect(latency('xml')).toBeGreaterThan(1);
  });
});
