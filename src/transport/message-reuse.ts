import type { Message, MessageFate } from '../net/message.js';

/** A message's fields as `renewMessage`, which alone holds an ended message it reuses, rewrites them. */
type Renewable = { -readonly [Field in keyof Message]: Message[Field] };

const PENDING: MessageFate = { kind: 'pending' };

/**
 * Turns `message`, which has ended and which nobody holds any more, into a new message of its
 * flow with these figures: afterwards every field and figure reads as on `new Message(id,
 * message.flowIndex, payloadBytes, createdAt)`.
 *
 * Why reuse at all: a stop-and-wait bulk flow makes one message per exchange (see
 * Flow.topUpBulk), and each was two objects for the garbage collector, the message (128 B) and
 * its timing array (112 B, made when the receiver hands it up); V8 also pretenured that array's
 * allocation site (the first arrays it saw lived long), so every delivery put 112 B in old space
 * for a mark-compact to clear. A renewed message keeps its array, and its figures are
 * overwritten in place.
 *
 * Ownership rule (what "nobody holds it" means; Flow checks it before renewing): the message
 * has ended (its fate is final, so the ledger and the probes are done with it: the metrics
 * collector copies what it needs during `messageResolved`); no copy of it is on the network
 * (`copiesInFlight === 0`: a data packet references its message until it arrives or fails,
 * and a released packet drops the reference); its sender holds nothing (`outstanding === 0`);
 * and the run has nothing else that may keep messages (no further probes, no brokers, no
 * application listening to the flow). A field added to Message must be reset here too: the
 * test in test/transport/message-reuse.test.ts compares a renewed message with a new one.
 */
export function renewMessage(message: Message, id: number, payloadBytes: number, createdAt: number): void {
  const renewed = message as Renewable;
  renewed.id = id;
  renewed.payloadBytes = payloadBytes;
  renewed.createdAt = createdAt;
  renewed.fate = PENDING;
  renewed.transmissions = 0;
  renewed.copiesInFlight = 0;
  renewed.abandonedFate = null;
  renewed.correlation = -1;
  renewed.passedOn = false;
  renewed.receivedAt = Number.NaN;
  renewed.handedOffAt = Number.NaN;
  renewed.deliveredAt = Number.NaN;
  renewed.transSeconds = 0;
  renewed.propSeconds = 0;
  renewed.queueSeconds = 0;
  renewed.procSeconds = 0;
  renewed.waitSeconds = 0;
}
