import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRegistries } from '../../src/scenario/registries.js';
import { goBackN } from '../../src/transport/go-back-n.js';
import { selectiveRepeat } from '../../src/transport/selective-repeat.js';
import type { TransportDefinition } from '../../src/transport/transport.js';
import type { WindowTransportConfig } from '../../src/transport/window-config.js';
import {
  AdversarialChannel,
  type ChannelScript,
  type CopyFate,
  milliseconds,
} from './adversarial-channel.js';

const registries = createRegistries();
type Protocol = 'go-back-n' | 'selective-repeat';

const definitions: Record<Protocol, TransportDefinition<WindowTransportConfig>> = {
  'go-back-n': goBackN,
  'selective-repeat': selectiveRepeat,
};

/** Retransmission timeout (fixed): above the calm round trip (1 + 1 + 1 ms, + a delayed ACK's 5 ms). */
const TIMEOUT_MS = 20;

/** Legal (sequenceBits, window) pairs, among them the limits of small widths. */
const windows: Record<Protocol, Array<[number, number]>> = {
  'go-back-n': [
    [1, 1],
    [2, 3],
    [3, 7],
    [3, 4],
    [4, 15],
    [16, 8],
  ],
  'selective-repeat': [
    [1, 1],
    [2, 2],
    [3, 4],
    [3, 3],
    [4, 8],
    [16, 8],
  ],
};

interface Setup {
  /** [sequenceBits, window] */
  window: [number, number];
  delayedAck: boolean;
  receiveBuffer: number | undefined;
  adaptive: boolean;
  congestion: string;
}

/**
 * Delays reach three timeouts, so copies overtake many others and timers expire spuriously; whole
 * milliseconds make simultaneous arrivals common.
 */
const delay = fc.integer({ min: 0, max: 3 * TIMEOUT_MS }).map(milliseconds);

const fate: fc.Arbitrary<CopyFate> = fc.oneof(
  { weight: 1, arbitrary: fc.constant({ kind: 'lost' } as const) },
  { weight: 3, arbitrary: delay.map((delaySeconds) => ({ kind: 'delivered', delaySeconds }) as const) },
  {
    weight: 1,
    arbitrary: fc.tuple(delay, delay).map((delaySeconds) => ({ kind: 'duplicated', delaySeconds }) as const),
  },
);

/** The adversary: fates of the first 80 data copies and 80 ACKs, and the application's pace. */
const adversary = fc.record({
  dataFates: fc.array(fate, { maxLength: 80 }),
  ackFates: fc.array(fate, { maxLength: 80 }),
  consumeDelaySeconds: fc.array(fc.integer({ min: 0, max: 40 }).map(milliseconds), {
    minLength: 1,
    maxLength: 8,
  }),
});

function setupOf(protocol: Protocol): fc.Arbitrary<Setup> {
  return fc.record({
    window: fc.constantFrom(...windows[protocol]),
    delayedAck: fc.boolean(),
    receiveBuffer: fc.option(fc.integer({ min: 1, max: 10 }), { nil: undefined }),
    adaptive: fc.boolean(),
    congestion: fc.constantFrom(...registries.congestion.ids()),
  });
}

function channelFor(
  protocol: Protocol,
  setup: Setup,
  script: Pick<ChannelScript, 'dataFates' | 'ackFates' | 'consumeDelaySeconds' | 'unboundedLifetime'>,
) {
  const [sequenceBits, window] = setup.window;
  const config = definitions[protocol].schema(registries).parse({
    protocol,
    window,
    sequenceBits,
    // An adaptive RTO learns from samples; its floor stays above the calm round trip.
    timeout: setup.adaptive
      ? { strategy: 'adaptive', initial: '20ms', min: '20ms', max: '1s' }
      : milliseconds(TIMEOUT_MS),
    retries: 1000,
    delayedAck: setup.delayedAck ? { every: 2, timeout: '5ms' } : false,
    receiveBuffer: setup.receiveBuffer,
    congestion: setup.congestion,
  });
  const channel = new AdversarialChannel(definitions[protocol], config, {
    ...script,
    calmDelaySeconds: milliseconds(1),
    transmissionSeconds: milliseconds(1),
  });
  return { channel, config };
}

const CALM_SETUP: Setup = {
  window: [3, 4],
  delayedAck: false,
  receiveBuffer: undefined,
  adaptive: false,
  congestion: 'none',
};

describe.each(['go-back-n', 'selective-repeat'] as const)('%s through an adversarial channel', (protocol) => {
  it('hands every message up exactly once, in order; the sender ends with nothing outstanding', () => {
    fc.assert(
      fc.property(setupOf(protocol), adversary, fc.integer({ min: 1, max: 40 }), (setup, script, count) => {
        const { channel, config } = channelFor(protocol, setup, script);
        const messages = channel.transfer(count);

        expect(channel.handedUp.map((message) => message.id)).toEqual(messages.map((message) => message.id));
        expect(channel.handedUpAgain).toEqual([]);
        expect(channel.misdeliveries).toBe(0);
        expect(channel.releasedUnreceived).toEqual([]);
        expect(channel.abandoned).toEqual([]);
        expect(channel.sender.outstanding).toBe(0);
        expect(channel.consumed).toBe(count);
        const buffer = config.receiveBuffer;
        expect(channel.maxHeld).toBeLessThanOrEqual(buffer);
        expect(channel.minAdvertised).toBeGreaterThanOrEqual(0);
        if (Number.isFinite(buffer)) expect(channel.maxAdvertised).toBeLessThanOrEqual(buffer);
      }),
      {
        numRuns: 300,
        examples: [
          // A segment buffered out of order took the last place, and the missing one before it was
          // refused for good (selective repeat with a buffer of 1).
          [
            { ...CALM_SETUP, window: [3, 3], receiveBuffer: 1 },
            { dataFates: [], ackFates: [], consumeDelaySeconds: [milliseconds(1)] },
            3,
          ],
        ],
      },
    );
  });
});

describe('the adversarial channel itself', () => {
  it('without the lifetime bound, a late duplicate breaks even the alternating-bit protocol', () => {
    // Message k leaves at 3k ms and is handed up 2 ms later. A second copy of message 0 arrives at
    // 10.5 ms, when the 1-bit receiver expects wire number 0 again (for message 4): it takes the copy
    // as message 4, ACKs it, and the sender forgets message 4, which the receiver never had.
    const setup: Setup = { ...CALM_SETUP, window: [1, 1] };
    const late: CopyFate[] = [{ kind: 'duplicated', delaySeconds: [0, 0.0095] }];
    const script = { dataFates: late, ackFates: [], consumeDelaySeconds: [0] };
    const bounded = channelFor('go-back-n', setup, script).channel;
    bounded.transfer(5);
    expect(bounded.handedUp.map((message) => message.id)).toEqual([0, 1, 2, 3, 4]);
    expect(bounded.expired).toBe(1);
    const unbounded = channelFor('go-back-n', setup, { ...script, unboundedLifetime: true }).channel;
    unbounded.transfer(5);
    expect(unbounded.misdeliveries).toBe(1);
    expect(unbounded.releasedUnreceived.map((message) => message.id)).toEqual([4]);
    expect(unbounded.handedUp.map((message) => message.id)).toEqual([0, 1, 2, 3]);
  });

  it('selective repeat reads the SACK of an ACK that also moves the cumulative point', () => {
    // Segment 0 arrives but its ACK is lost; segment 1 is lost; segment 2 arrives at 3 ms and its
    // ACK (cumulative 1, SACK 2) acknowledges both 0 and 2: only segment 1 is sent again.
    const { channel } = channelFor('selective-repeat', CALM_SETUP, {
      dataFates: [
        { kind: 'delivered', delaySeconds: 0 },
        { kind: 'lost' },
        { kind: 'delivered', delaySeconds: 0 },
      ],
      ackFates: [{ kind: 'lost' }],
      consumeDelaySeconds: [0],
    });
    channel.transfer(3);
    expect(channel.handedUp.map((message) => message.id)).toEqual([0, 1, 2]);
    expect(channel.dataCopiesSent).toBe(4);
    expect(channel.duplicates).toBe(0);
    // Segment 2 waited out of order while each message was consumed as it was handed up.
    expect(channel.maxHeld).toBe(1);
  });
});
