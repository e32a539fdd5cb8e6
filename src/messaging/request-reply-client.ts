import type { RandomStream } from '../engine/random.js';
import { type EventHandle, RunawaySimulationError, type Simulator } from '../engine/simulator.js';
import type { Message, MessageFate } from '../net/message.js';
import type { Flow } from '../transport/flow.js';
import type { WorkloadSink } from '../workload/generator.js';
import { Deque } from './entry-deque.js';
import type { RequestReplyConfig } from './pattern-schema.js';
import type { RequestOutcome, RequestProbe } from './request-probe.js';
import { requestRecord } from './request-record.js';

interface PendingRequest {
  readonly id: number;
  readonly sizeBytes: number;
  sentAt: number;
  attempts: number;
  timeouts: number;
  /** Id of the request message of the latest attempt. */
  currentMessage: number;
  timer: EventHandle;
}

/** Requests the workload created and the client has not sent yet: counts with their sizes. */
interface BacklogEntry {
  count: number;
  size: () => number;
}

const REPLIED: RequestOutcome = { kind: 'replied' };
const CALLER_DOWN: RequestOutcome = { kind: 'failed', reason: 'callerDown' };

/** An attempt's timeout or failure that came due while the caller was down: acted on at recovery. */
interface DueAtRecovery {
  request: PendingRequest;
  reason: string;
  timedOut: boolean;
}

/** Paced requests held back at once before the run stops as runaway (each costs memory). */
export const MAX_HELD_BACK_REQUESTS = 4_000_000;

/** "request.linkLoss", "reply.gaveUp": which message of the exchange ended how. */
function reasonOf(direction: 'request' | 'reply', fate: MessageFate): string {
  const cause = fate.kind === 'lost' || fate.kind === 'dropped' ? fate.reason : 'gaveUp';
  return `${direction}.${cause}`;
}

/**
 * The two ends of a request-reply flow. The caller takes requests from the workload (it is the
 * workload's sink) and sends each one on the request flow: in sync mode one at a time (closed
 * loop, with think time), in async mode as they come, at most `maxOutstanding` awaiting a reply.
 * The server answers every request message its application receives — after the server node's
 * processing stage — with a reply message on the reverse flow. A request ends when a reply to
 * any of its attempts reaches the caller's application; an attempt fails when its timeout
 * expires, or without a timeout when its request or reply message ends undelivered; a failed
 * attempt is retried up to `retries` times, then the request fails with the attempt's reason.
 *
 * A down caller does nothing (DESIGN §2): it issues no request, and a request the workload
 * creates meanwhile fails at once (`callerDown`; its message is lost at the down node, as any
 * message made there). A crash ends the outstanding requests (`callerDown`) and cancels their
 * timers and its think time: volatile state. On a node marked persistent they survive, and a
 * timeout or a lost message that comes due while the node is down is acted on (retried or given
 * up) when it recovers. Requests held back by the mode wait for the recovery either way.
 */
export class RequestReplyClient implements WorkloadSink {
  /** Requests the mode holds back, in order (a deque: the backlog can be millions long). */
  private readonly backlog = new Deque<BacklogEntry>();
  private readonly outstanding = new Map<number, PendingRequest>();
  /** Request messages delivered to the server whose reply has not ended, by message id. */
  private readonly answered = new Map<number, Message>();
  private readonly limit: number;
  private nextRequestId = 0;
  private generatorDone = false;
  private thinking = false;
  private pumping = false;
  private finished = false;
  /** False while the caller's node is down. */
  private callerUp = true;
  /** Pending think time (sync), or -1. */
  private thinkTimer: EventHandle = -1;
  /** What came due while the caller was down (a persistent one keeps its requests), in order. */
  private dueAtRecovery: DueAtRecovery[] = [];
  /** When the last request ended and no more will be sent (s); NaN until then. */
  endedAt = Number.NaN;
  private readonly onTimeout = (request: PendingRequest): void => this.timedOut(request);
  private readonly onThinkEnd = (): void => {
    this.thinking = false;
    this.thinkTimer = -1;
    this.pump();
  };

  constructor(
    private readonly simulator: Simulator,
    private readonly config: RequestReplyConfig,
    /** Index of the scenario flow (for reports). */
    private readonly flowIndex: number,
    private readonly requests: Flow,
    private readonly replies: Flow,
    private readonly random: { replySizes: RandomStream; think: RandomStream },
    private readonly probe: RequestProbe,
  ) {
    this.limit = config.mode === 'sync' ? 1 : (config.maxOutstanding ?? Number.POSITIVE_INFINITY);
    requests.attach({
      messageEnded: (message) => this.requestMessageEnded(message),
      // No request message is left that the server could still answer.
      flowCompleted: () => replies.finishWorkload(),
    });
    replies.attach({ messageEnded: (message) => this.replyMessageEnded(message) });
  }

  createMessage(payloadBytes: number): void {
    if (this.backlog.length >= MAX_HELD_BACK_REQUESTS) {
      throw new RunawaySimulationError(
        `more than ${MAX_HELD_BACK_REQUESTS.toLocaleString('en')} requests are held back by the caller at ` +
          `t=${this.simulator.now} s (${this.config.mode} mode, at most ${this.limit} outstanding): they are ` +
          'created faster than the outstanding ones are answered; lower the rate, raise maxOutstanding, ' +
          'or shorten the duration',
        this.simulator.now,
      );
    }
    if (!this.callerUp) {
      this.failWhileDown(payloadBytes);
      return;
    }
    this.backlog.push({ count: 1, size: () => payloadBytes });
    this.pump();
  }

  createBulk(count: number, size: () => number): void {
    this.backlog.push({ count, size });
    this.pump();
  }

  finishWorkload(): void {
    this.generatorDone = true;
    this.checkFinished();
  }

  /**
   * The caller's node went down; called before anything on the node is lost, so that the
   * losses its crash causes find the requests already ended (or, `persistent`, kept).
   */
  callerCrashed(persistent: boolean): void {
    this.callerUp = false;
    if (persistent) return;
    if (this.thinkTimer !== -1) this.simulator.cancel(this.thinkTimer);
    this.thinkTimer = -1;
    this.thinking = false;
    for (const request of [...this.outstanding.values()]) this.end(request, CALLER_DOWN, null);
  }

  /** The caller's node is up again (its transports have recovered): it acts on what came due, then sends on. */
  callerRecovered(): void {
    this.callerUp = true;
    const due = this.dueAtRecovery;
    this.dueAtRecovery = [];
    const handled = new Set<PendingRequest>();
    for (const { request, reason, timedOut } of due) {
      // One failure per attempt: a second report of the same attempt starts no second retry.
      if (handled.has(request) || !this.outstanding.has(request.id)) continue;
      handled.add(request);
      if (timedOut) request.timeouts++;
      this.attemptFailed(request, reason);
    }
    this.pump();
  }

  /**
   * A request created while the caller is down: counted, tried once (its message is lost at the
   * down node) and failed at once, without retries.
   */
  private failWhileDown(payloadBytes: number): void {
    const request = { id: this.nextRequestId++, sentAt: this.simulator.now, attempts: 1, timeouts: 0 };
    this.probe.requestSent(this.flowIndex, request.sentAt);
    // Not outstanding: the loss of its message, reported inside createMessage, is not an attempt's.
    this.requests.createMessage(payloadBytes, request.sentAt, request.id);
    this.probe.requestEnded(requestRecord(this.flowIndex, request, request.sentAt, CALLER_DOWN, null));
  }

  /** Sends requests from the backlog while the mode allows; loops rather than recursing. */
  private pump(): void {
    if (this.pumping) return;
    this.pumping = true;
    while (this.callerUp && !this.thinking && this.outstanding.size < this.limit && this.backlog.length > 0) {
      const entry = this.backlog.peek()!;
      if (--entry.count === 0) this.backlog.shift();
      const request: PendingRequest = {
        id: this.nextRequestId++,
        sizeBytes: entry.size(),
        sentAt: this.simulator.now,
        attempts: 0,
        timeouts: 0,
        currentMessage: -1,
        timer: -1,
      };
      this.outstanding.set(request.id, request);
      this.probe.requestSent(this.flowIndex, request.sentAt);
      this.attempt(request);
    }
    this.pumping = false;
    this.checkFinished();
  }

  private attempt(request: PendingRequest): void {
    request.attempts++;
    if (this.config.timeout !== undefined) {
      request.timer = this.simulator.schedule(this.config.timeout, this.onTimeout, request);
    }
    // The message may end inside createMessage (the caller's node is down): -1 stands for
    // "the attempt being made", so that ending is taken as this attempt's.
    request.currentMessage = -1;
    const message = this.requests.createMessage(request.sizeBytes, this.simulator.now, request.id);
    if (request.currentMessage === -1) request.currentMessage = message.id;
  }

  private requestMessageEnded(message: Message): void {
    if (message.fate.kind === 'delivered') {
      // The server's application has the request: it answers at once, on the reverse path.
      this.answered.set(message.id, message);
      const size = this.config.replySize;
      const bytes = size.isConstant ? size.mean : size.sample(this.random.replySizes);
      this.replies.createMessage(bytes, this.simulator.now, message.id);
      return;
    }
    const request = this.outstanding.get(message.correlation);
    if (request === undefined || this.config.timeout !== undefined) return;
    if (request.currentMessage === -1 || request.currentMessage === message.id) {
      request.currentMessage = message.id;
      this.attemptFailed(request, reasonOf('request', message.fate));
    }
  }

  private replyMessageEnded(reply: Message): void {
    const requestMessage = this.answered.get(reply.correlation)!;
    this.answered.delete(reply.correlation);
    const request = this.outstanding.get(requestMessage.correlation);
    if (reply.fate.kind === 'delivered') {
      if (request === undefined) this.probe.lateReply(this.flowIndex);
      else this.replied(request, requestMessage, reply);
      return;
    }
    if (request === undefined || this.config.timeout !== undefined) return;
    if (request.currentMessage === requestMessage.id)
      this.attemptFailed(request, reasonOf('reply', reply.fate));
  }

  private timedOut(request: PendingRequest): void {
    request.timer = -1;
    if (!this.callerUp) {
      this.dueAtRecovery.push({ request, reason: 'timeout', timedOut: true });
      return;
    }
    request.timeouts++;
    this.attemptFailed(request, 'timeout');
  }

  private attemptFailed(request: PendingRequest, reason: string): void {
    if (!this.callerUp) {
      // Only a persistent caller has requests while down; it learns of the failure on recovery.
      this.dueAtRecovery.push({ request, reason, timedOut: false });
      return;
    }
    if (request.timer !== -1) this.simulator.cancel(request.timer);
    request.timer = -1;
    if (request.attempts <= this.config.retries) this.attempt(request);
    else this.end(request, { kind: 'failed', reason }, null);
  }

  private replied(request: PendingRequest, requestMessage: Message, reply: Message): void {
    this.end(request, REPLIED, { request: requestMessage, reply });
  }

  private end(
    request: PendingRequest,
    outcome: RequestOutcome,
    exchange: { request: Message; reply: Message } | null,
  ): void {
    if (request.timer !== -1) this.simulator.cancel(request.timer);
    this.outstanding.delete(request.id);
    this.probe.requestEnded(requestRecord(this.flowIndex, request, this.simulator.now, outcome, exchange));
    const think = this.config.think;
    // A caller that crashed starts afresh on recovery: no think time after the requests its crash ended.
    if (this.callerUp && think !== undefined && !(think.isConstant && think.mean === 0)) {
      this.thinking = true;
      this.thinkTimer = this.simulator.schedule(
        think.isConstant ? think.mean : think.sample(this.random.think),
        this.onThinkEnd,
      );
    }
    this.pump();
  }

  private checkFinished(): void {
    if (this.finished || !this.generatorDone || this.backlog.length > 0 || this.outstanding.size > 0) return;
    this.finished = true;
    this.endedAt = this.simulator.now;
    this.requests.finishWorkload();
  }
}
