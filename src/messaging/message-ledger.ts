import type { Simulator } from '../engine/simulator.js';
import type { Message, MessageFate } from '../net/message.js';
import type { Network } from '../net/network.js';
import type { NetworkProbe } from '../net/probe.js';
import type { BrokerProbe } from './broker-probe.js';

/**
 * The message ledger as brokers see it: the flows of the producers own the messages, brokers
 * only say how each ends.
 */
export interface MessageLedger {
  /** A fanout copy of `original`, a message of its own in the same flow (created now). */
  copy(original: Message): Message;
  /** The consuming application has the message (its latency components are complete). */
  delivered(message: Message): void;
  /** The message ends without reaching a consumer. */
  resolve(message: Message, fate: MessageFate): void;
  /** The broker took the message from its producer's transport (frees the receive window). */
  passedOn(message: Message): void;
}

/** What a broker needs from the simulation around it. */
export interface BrokerEnvironment {
  readonly simulator: Simulator;
  readonly network: Network;
  /** Hears the packets and the duplicates (counted under the producer's flow). */
  readonly probe: NetworkProbe;
  readonly brokerProbe: BrokerProbe;
  readonly ledger: MessageLedger;
  /** Hands a message to the processing stage of `node` (a consumer processes it there). */
  process(node: number, message: Message): void;
}
