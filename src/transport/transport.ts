import type { z } from 'zod';
import type { CongestionDefinition } from '../congestion/congestion-control.js';
import type { Registry } from '../engine/registry.js';
import type { Simulator } from '../engine/simulator.js';
import type { Message, MessageFate } from '../net/message.js';
import type { Packet } from '../net/packet.js';
import type { CongestionSnapshot } from '../net/probe.js';
import type { RtoStrategyDefinition } from './rto/rto-strategy.js';

/**
 * What a transport sees of the world: its flow's two ends on the network, the clock, and the
 * ledger where messages are resolved. Given to both the sender and receiver halves.
 */
export interface FlowPort {
  readonly simulator: Simulator;
  readonly flowIndex: number;
  /**
   * Puts a data copy of `message` on the network at the source; returns the packet sent (it may
   * be gone already, dropped on the way out, and recycled unless the transport
   * `keepsDataPackets`). `header` sets the wire fields of window transports (wrapped sequence
   * number, epoch).
   */
  sendData(message: Message, sequence: number, isRetransmission: boolean, header?: DataHeader): Packet;
  /** Sends an acknowledgement from the receiver back to the sender. */
  sendAck(ackNumber: number, header?: AckHeader): void;
  /**
   * The receiver accepted a copy in place of another message (its sequence number aliased an
   * older one after wraparound): counted, never handed to the application.
   */
  misdelivered(packet: Packet): void;
  /**
   * The sender considers `message` acknowledged and forgets it. If the receiver never got it
   * (an aliased ACK), the message ends as lost for that reason.
   */
  released(message: Message): void;
  /** The sender's congestion window, threshold and RTT estimates changed (for traces). */
  congestionState(state: CongestionSnapshot): void;
  /** A retransmission timer of the sender expired (counted in the results). */
  retransmissionTimerExpired(): void;
  /** Hands a received message up to the receiving node (processing, then the application). */
  deliver(message: Message, packet: Packet): void;
  /** Records a copy of an already delivered message reaching the receiver. */
  duplicate(packet: Packet): void;
  /**
   * The sender gives a message up (retry limit, crash): it ends with `fate` — unless it already
   * reached the receiver, or a copy still on its way does (then it is delivered after all).
   */
  abandon(message: Message, fate: MessageFate): void;
  /** Tells the flow the sender has nothing outstanding (completion is checked then). */
  senderIdle(): void;
}

/** Wire fields of a data packet of a window transport. */
export interface DataHeader {
  wireSequence: number;
  epoch: number;
  synchronize: boolean;
}

/** Fields of an acknowledgement beyond its (cumulative) number. */
export interface AckHeader {
  /** Wire sequence number acknowledged individually (selective repeat); -1 for none. */
  selectiveAck?: number;
  epoch?: number;
  advertisedWindow?: number;
  reset?: boolean;
}

/** The sending half: accepts messages from the application and gets them across. */
export interface TransportSender {
  /** The application offers a message; the sender is up. */
  submit(message: Message): void;
  /** An ACK for this flow arrived at the sender. */
  onAck(packet: Packet): void;
  /** A data copy of this flow finished transmission on its first link (paced senders send on). */
  onDataDeparted?(packet: Packet): void;
  /** A data copy of this flow was lost or dropped on the way (reliable transports ignore it). */
  onDataLost(packet: Packet, fate: MessageFate): void;
  /** The sender's node crashed; `persistent` keeps protocol state for `recover`. */
  crash(persistent: boolean): void;
  /** The sender's node came back. */
  recover(): void;
  /** Messages accepted and not yet acknowledged or given up. */
  readonly outstanding: number;
}

/** The receiving half: turns arriving copies into deliveries and ACKs. */
export interface TransportReceiver {
  onData(packet: Packet): void;
  /** The receiving application finished with a message this receiver handed up (flow control). */
  consumed?(message: Message): void;
  crash(persistent: boolean): void;
  recover(): void;
}

/** Fields every transport's configuration has. */
export interface TransportConfigBase {
  protocol: string;
  /** Bytes of header added to each data packet. */
  headerSize: number;
}

/** The strategies a transport's configuration can name (RTO estimators, congestion controls). */
export interface TransportStrategies {
  readonly rto: Registry<RtoStrategyDefinition>;
  readonly congestion: Registry<CongestionDefinition>;
}

/**
 * A transport's behaviour in the terms of a closed-form model, so that the formula's
 * prediction can be shown beside the result: `stop-and-wait` (one message in flight, a constant
 * timeout per loss; NaN when the timeout is not constant), `unacknowledged` (each message sent
 * once, nothing comes back), or a textbook window protocol, `go-back-n` (cumulative ACKs, the
 * receiver takes frames in order only, one timer for the oldest frame, all resent from it on
 * expiry) or `selective-repeat` (each frame acknowledged, timed and resent alone): a fixed
 * window, an ACK per frame, recovery by timeout only, a receiver with room for the window.
 * `none`: settings outside the transport's textbook model, and which one, in words.
 */
export type ClosedFormBehaviour =
  | { model: 'none'; why: string }
  | { model: 'stop-and-wait'; ackBytes: number; timeoutSeconds: number }
  | { model: 'unacknowledged' }
  | { model: 'go-back-n' | 'selective-repeat'; window: number; ackBytes: number; timeoutSeconds: number };

/**
 * A registered reliable-delivery strategy: its id, its configuration schema (an object whose
 * `protocol` is the id literal, built from the registered strategies it can name) and how to
 * build its two halves.
 */
export interface TransportDefinition<Config extends TransportConfigBase = TransportConfigBase> {
  readonly id: string;
  readonly description: string;
  /** True when the sender waits for ACKs (completion = last ACK). */
  readonly acknowledged: boolean;
  /**
   * True when the sender or receiver keeps data packets after the call that hands them over
   * (a window sender's latest copy of each segment, a reorder buffer): the flow then never
   * recycles its data packets (see PacketPool). No sender may keep an ACK past `onAck`.
   */
  readonly keepsDataPackets: boolean;
  /**
   * True when the sender asks for its next message: whenever it is up and has nothing to send
   * it calls `senderIdle`, and a message submitted then is sent at once. Its flow may then keep
   * bulk messages unmade until the sender asks for them (see Flow.topUpBulk).
   */
  readonly asksWhenIdle?: boolean;
  /** How it behaves under `config` as a textbook model; absent or null when no formula fits. */
  closedForm?(config: Config, strategies: TransportStrategies): ClosedFormBehaviour | null;
  schema(strategies: TransportStrategies): z.ZodType<Config>;
  createSender(port: FlowPort, config: Config, strategies: TransportStrategies): TransportSender;
  createReceiver(port: FlowPort, config: Config, strategies: TransportStrategies): TransportReceiver;
}
