import { describe, expect, it } from 'vitest';
import { Message } from '../../src/net/message.js';

/** A message's timing figures, in the order the tests list them. */
function timingOf(message: Message): number[] {
  return [
    message.receivedAt,
    message.handedOffAt,
    message.deliveredAt,
    message.transSeconds,
    message.propSeconds,
    message.queueSeconds,
    message.procSeconds,
    message.waitSeconds,
  ];
}

describe('Message timing figures', () => {
  it('reads as not received, no components, before any is written', () => {
    const message = new Message(3, 1, 1000, 2.5);
    expect([message.id, message.flowIndex, message.payloadBytes, message.createdAt]).toEqual([
      3, 1, 1000, 2.5,
    ]);
    expect([message.receivedAt, message.handedOffAt, message.deliveredAt]).toEqual([NaN, NaN, NaN]);
    expect([
      message.transSeconds,
      message.propSeconds,
      message.queueSeconds,
      message.procSeconds,
      message.waitSeconds,
    ]).toEqual([0, 0, 0, 0, 0]);
    expect(message.isPending).toBe(true);
    expect(message.passedOn).toBe(false);
  });

  it('keeps each figure apart once written, whichever comes first', () => {
    const message = new Message(0, 0, 100, 1);
    message.queueSeconds = 0.25;
    expect(message.receivedAt).toBeNaN();
    expect(message.transSeconds).toBe(0);
    message.receivedAt = 1.75;
    message.handedOffAt = 1.125;
    message.transSeconds = 0.5;
    message.propSeconds = 0.125;
    message.procSeconds = 0.5;
    message.waitSeconds = 0.125;
    message.deliveredAt = 2.5;
    expect(timingOf(message)).toEqual([1.75, 1.125, 2.5, 0.5, 0.125, 0.25, 0.5, 0.125]);
    // 0.125 + 0.5 + 0.125 + 0.25 + 0.5 = 1.5 = deliveredAt - createdAt
    expect(message.latencySeconds).toBe(1.5);
  });

  it('writes the figures of a receipt at once, leaving processing and delivery to come', () => {
    const message = new Message(0, 0, 100, 1);
    message.received(1.75, 1.125, 0.5, 0.125, 0.25, 0.125);
    expect(timingOf(message)).toEqual([1.75, 1.125, NaN, 0.5, 0.125, 0.25, 0, 0.125]);
    message.procSeconds = 0.5;
    message.deliveredAt = 2.5;
    // 0.125 + 0.5 + 0.125 + 0.25 + 0.5 = 1.5 = deliveredAt - createdAt
    expect(message.latencySeconds).toBe(1.5);
  });

  it('writes a receipt over figures written before it as the setters would', () => {
    const message = new Message(0, 0, 100, 1);
    message.procSeconds = 0.5;
    message.queueSeconds = 9;
    message.received(1.75, 1.125, 0.5, 0.125, 0.25, 0.125);
    expect(timingOf(message)).toEqual([1.75, 1.125, NaN, 0.5, 0.125, 0.25, 0.5, 0.125]);
  });
});
