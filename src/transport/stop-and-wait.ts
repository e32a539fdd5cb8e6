import { z } from 'zod';
import { quantitySchema } from '../engine/schemas.js';
import type { EventHandle, LaneId } from '../engine/simulator.js';
import type { Message } from '../net/message.js';
import type { Packet } from '../net/packet.js';
import { dropSpentSlots } from './backlog.js';
import { fixedTimeoutSeconds } from './rto/fixed.js';
import type { RetransmissionTimeout } from './rto/rto-strategy.js';
import { timeoutSchema } from './strategy-schemas.js';
import type {
  FlowPort,
  TransportDefinition,
  TransportReceiver,
  TransportSender,
  TransportStrategies,
} from './transport.js';

const schemaFor = (strategies: TransportStrategies) =>
  z.strictObject({
    protocol: z.literal('stop-and-wait'),
    timeout: timeoutSchema(strategies.rto).meta({
      description:
        'retransmission timeout, measured from the hand-off of each (re)transmission: a time (fixed), ' +
        `or { strategy: ${strategies.rto.ids().join(' | ')}, ...params }`,
    }),
    ackSize: quantitySchema('size').default(40).meta({ description: 'size of an ACK packet on the wire' }),
    headerSize: quantitySchema('size')
      .default(0)
      .meta({ description: 'header bytes added to each data packet' }),
    retries: z
      .number()
      .int()
      .min(0)
      .max(1000)
      .default(15)
      .meta({ description: 'retransmissions of one message before it counts as failed' }),
  });

export type StopAndWaitConfig = z.output<ReturnType<typeof schemaFor>>;

/**
 * Sends one message at a time and waits for its ACK; on timeout sends it again, up to
 * `retries` times, then gives it up as failed and goes on with the next. The timer is armed
 * with the RTO estimator's current value; only the ACK of a message sent once gives the
 * estimator an RTT sample (Karn's rule).
 */
class StopAndWaitSender implements TransportSender {
  private readonly backlog: Message[] = [];
  private backlogHead = 0;
  private current: Message | null = null;
  private currentSequence = -1;
  private retransmissionsOfCurrent = 0;
  /** Hand-off time of the current message's first copy (s), the start of its RTT sample. */
  private currentFirstSentAt = 0;
  /** Whether any copy of the current message after the first went out (Karn: no RTT sample). */
  private currentResent = false;
  private estimator: RetransmissionTimeout;
  /** The delay lane of a constant RTO, -1 for one that adapts (its timers go through the heap). */
  private timerLane: LaneId = -1;
  private timer: EventHandle = -1;
  private nextSequence = 0;
  private down = false;
  private readonly onTimeout = (): void => this.timeout();

  constructor(
    private readonly port: FlowPort,
    private readonly config: StopAndWaitConfig,
    private readonly strategies: TransportStrategies,
  ) {
    this.estimator = this.createEstimator();
  }

  get outstanding(): number {
    return this.backlog.length - this.backlogHead + (this.current ? 1 : 0);
  }

  submit(message: Message): void {
    const idle = !this.current && !this.down;
    // With nothing waiting, the message goes out at once: pushed and taken back, it made the
    // emptied backlog allocate a new store for each message of a flow that hands its messages
    // over one at a time (see Flow.topUpBulk). The backlog can be non-empty while the sender is
    // idle only inside a timeout (the given-up message's end brings the next one to life).
    if (idle && this.backlogHead === this.backlog.length) {
      this.start(message);
      return;
    }
    this.backlog.push(message);
    if (idle) this.sendNext();
  }

  onAck(packet: Packet): void {
    if (this.current === null || packet.ackNumber !== this.currentSequence) return;
    this.port.simulator.cancel(this.timer);
    if (!this.currentResent) {
      this.estimator.onRttSample(this.port.simulator.now - this.currentFirstSentAt);
    }
    this.current = null;
    this.sendNext();
  }

  onDataLost(): void {}

  crash(persistent: boolean): void {
    this.down = true;
    this.port.simulator.cancel(this.timer);
    if (persistent) return;
    // The RTT estimate is volatile protocol state like the rest.
    this.estimator = this.createEstimator();
    const lost = { kind: 'lost', reason: 'nodeDown' } as const;
    const abandoned = this.backlog.slice(this.backlogHead);
    if (this.current) abandoned.unshift(this.current);
    this.current = null;
    this.backlog.length = 0;
    this.backlogHead = 0;
    for (const message of abandoned) this.port.abandon(message, lost);
    this.port.senderIdle();
  }

  recover(): void {
    this.down = false;
    if (this.current) this.transmit(true);
    else this.sendNext();
  }

  private sendNext(): void {
    if (this.backlogHead === this.backlog.length) {
      // Skipped when already empty (every message of a flow that hands them over one by one).
      if (this.backlogHead > 0) {
        this.backlog.length = 0;
        this.backlogHead = 0;
      }
      this.port.senderIdle();
      return;
    }
    const message = this.backlog[this.backlogHead];
    this.backlog[this.backlogHead++] = undefined as unknown as Message;
    this.backlogHead = dropSpentSlots(this.backlog, this.backlogHead);
    this.start(message);
  }

  /** Makes `message` the current one and sends its first copy. */
  private start(message: Message): void {
    this.current = message;
    this.currentSequence = this.nextSequence++;
    this.retransmissionsOfCurrent = 0;
    this.currentResent = false;
    this.currentFirstSentAt = this.port.simulator.now;
    this.transmit(false);
  }

  private createEstimator(): RetransmissionTimeout {
    const timeout = this.config.timeout;
    const estimator = this.strategies.rto.get(timeout.strategy).create(timeout);
    this.timerLane = estimator.isConstant ? this.port.simulator.lane(estimator.rto) : -1;
    return estimator;
  }

  private transmit(isRetransmission: boolean): void {
    if (isRetransmission) this.currentResent = true;
    this.port.sendData(this.current!, this.currentSequence, isRetransmission);
    // One timer armed and (mostly) cancelled per message: through a lane that is O(1) both ways
    // instead of two heap operations, at the same instant and in the same order.
    const simulator = this.port.simulator;
    this.timer =
      this.timerLane >= 0
        ? simulator.scheduleInLane(this.timerLane, this.onTimeout)
        : simulator.schedule(this.estimator.rto, this.onTimeout);
  }

  private timeout(): void {
    this.port.retransmissionTimerExpired();
    this.estimator.onExpiry();
    if (this.retransmissionsOfCurrent >= this.config.retries) {
      const message = this.current!;
      this.current = null;
      this.port.abandon(message, { kind: 'failed' });
      // Abandoning can bring the next bulk message to life, which may already have started it.
      if (!this.current) this.sendNext();
      return;
    }
    this.retransmissionsOfCurrent++;
    this.transmit(true);
  }
}

/**
 * Delivers each new sequence number once and acknowledges every copy it gets. An older number
 * is a copy of a message it has (a duplicate) or, on a link that reorders, a late copy of one the
 * sender gave up and went past: that one is discarded, and is no duplicate.
 */
class StopAndWaitReceiver implements TransportReceiver {
  private highestDelivered = -1;

  constructor(private readonly port: FlowPort) {}

  onData(packet: Packet): void {
    // A sender that gave a message up moves on, so any higher number is new.
    if (packet.sequence > this.highestDelivered) {
      this.highestDelivered = packet.sequence;
      this.port.deliver(packet.message!, packet);
    } else if (!Number.isNaN(packet.message!.receivedAt)) {
      this.port.duplicate(packet);
    }
    this.port.sendAck(packet.sequence);
  }

  crash(persistent: boolean): void {
    if (!persistent) this.highestDelivered = -1;
  }

  recover(): void {}
}

/** `stop-and-wait`: one message in flight, ACK per message, resent after a retransmission timeout. */
export const stopAndWait: TransportDefinition<StopAndWaitConfig> = {
  id: 'stop-and-wait',
  description: 'one message in flight; each is acknowledged; resent after a retransmission timeout',
  acknowledged: true,
  keepsDataPackets: false,
  // sendNext calls senderIdle when the backlog is empty, and submit to an idle sender sends.
  asksWhenIdle: true,
  closedForm: (config) => ({
    model: 'stop-and-wait',
    ackBytes: typeof config.ackSize === 'number' ? config.ackSize : 0,
    // The formula charges each loss one constant timeout: none for an adaptive one.
    timeoutSeconds: fixedTimeoutSeconds(config.timeout) ?? Number.NaN,
  }),
  schema: schemaFor,
  createSender: (port, config, strategies) => new StopAndWaitSender(port, config, strategies),
  createReceiver: (port) => new StopAndWaitReceiver(port),
};
