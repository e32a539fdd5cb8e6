import { describe, expect, it } from 'vitest';
import { createRegistries } from '../../src/scenario/registries.js';
import { goBackN } from '../../src/transport/go-back-n.js';
import { selectiveRepeat } from '../../src/transport/selective-repeat.js';
import { AdversarialChannel, type CopyFate, milliseconds } from './adversarial-channel.js';

const registries = createRegistries();
const CALM: CopyFate = { kind: 'delivered', delaySeconds: milliseconds(10) };
/** The fourth ACK (sent at 30 ms, window 0) overtaken by the four window updates: it arrives at 72 ms. */
const OVERTAKEN: CopyFate = { kind: 'delivered', delaySeconds: milliseconds(42) };

/**
 * Window 4, receive buffer 4, 8 messages; a data copy takes 5 ms to leave and 10 ms to cross
 * (received 15 ms after hand-off), an ACK 10 ms. Segments 0-3 go at 0, 5, 10, 15 ms and are
 * received at 15, 20, 25, 30; their ACKs advertise 3, 2, 1 and, at 30 (the fourth ACK), 0. The
 * application takes 40, 36, 32, 28 ms over them (done at 55-58 ms), the rest at once; each frees
 * a place and the receiver sends a window update (cumulative 4, windows 1-4), arriving at 65-68.
 * The sender sends segment 4 at 65 (it leaves at 70) and segment 5 at 70 (leaves at 75): the
 * window of 4 lets 6 and 7 follow at 75 and 80, received at 90 and 95.
 */
function transfer(definition: typeof goBackN, fourthAck: CopyFate) {
  const config = definition.schema(registries).parse({
    protocol: definition.id,
    window: 4,
    sequenceBits: 16,
    timeout: '100ms',
    retries: 10,
    delayedAck: false,
    receiveBuffer: 4,
  });
  const channel = new AdversarialChannel(definition, config, {
    dataFates: [],
    ackFates: [CALM, CALM, CALM, fourthAck],
    calmDelaySeconds: milliseconds(10),
    transmissionSeconds: milliseconds(5),
    consumeDelaySeconds: [40, 36, 32, 28, 0, 0, 0, 0].map(milliseconds),
  });
  const messages = channel.transfer(8);
  return { channel, receivedMs: messages.map((message) => Math.round(message.receivedAt * 1e6) / 1e3) };
}

const ON_TIME_MS = [15, 20, 25, 30, 80, 85, 90, 95];

describe.each([goBackN, selectiveRepeat])('$id: an ACK overtaken by newer ones', (definition) => {
  it('when lost, costs nothing: the window updates open the window of 4 and segments 4-7 go back to back', () => {
    const { channel, receivedMs } = transfer(definition, { kind: 'lost' });
    expect(receivedMs).toEqual(ON_TIME_MS);
    expect(channel.dataCopiesSent).toBe(8);
  });

  it('when it arrives late (at 72 ms, zero window) it does not take back the window the newer updates gave', () => {
    // Taken, its window of 0 would stop the sender after segment 5 until segment 4's ACK (sent
    // at 80, arriving at 90) reopened it: 6 and 7 would be received at 105 and 110 ms.
    const { channel, receivedMs } = transfer(definition, OVERTAKEN);
    expect(channel.minAdvertised).toBe(0);
    expect(receivedMs).toEqual(ON_TIME_MS);
    expect(channel.dataCopiesSent).toBe(8);
    expect(channel.handedUp.map((message) => message.id)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });
});
