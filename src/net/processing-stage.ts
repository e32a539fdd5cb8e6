import type { Distribution } from '../engine/distributions.js';
import type { RandomStream } from '../engine/random.js';
import type { EventHandle, Simulator } from '../engine/simulator.js';
import type { Message } from './message.js';

/** Where a processing stage sends what comes out of it. */
export interface ProcessingOutcomes {
  /** Processing finished: the message reaches the application now. */
  processed(message: Message): void;
  /** No room in the queue: the message is refused. */
  refused(message: Message): void;
  /** The node crashed while the message waited or was in service. */
  crashed(message: Message): void;
}

interface InService {
  message: Message;
  event: EventHandle;
}

/**
 * A node's processing stage: `servers` workers fed by one FIFO queue of bounded capacity. It
 * adds the time waited to the message's queue component and the service time to its proc one.
 */
export class ProcessingStage {
  private readonly waiting: Message[] = [];
  private waitingHead = 0;
  private readonly waitingSince: number[] = [];
  private readonly inService = new Set<InService>();
  private readonly onServiceEnd = (entry: InService): void => this.finish(entry);
  /** The node's own service takes no time (the default): only a payload's codec cost can. */
  private readonly instantService: boolean;

  constructor(
    private readonly simulator: Simulator,
    private readonly serviceTime: Distribution,
    private readonly random: RandomStream,
    private readonly servers: number,
    /** Messages that may wait (excluding those in service); Infinity for unbounded. */
    private readonly queueCapacity: number,
    private readonly outcomes: ProcessingOutcomes,
    /**
     * Service time (s) a message needs beyond the node's own draw, e.g. decoding its payload;
     * added to the draw, so it counts in t_proc and keeps a server busy.
     */
    private readonly extraServiceSeconds: (message: Message) => number = () => 0,
  ) {
    this.instantService = serviceTime.isConstant && serviceTime.mean === 0;
  }

  /** Messages waiting for a server. */
  get queueLength(): number {
    return this.waiting.length - this.waitingHead;
  }

  /** A message arrives now. */
  accept(message: Message): void {
    if (this.instantService && this.extraServiceSeconds(message) === 0) {
      this.outcomes.processed(message);
      return;
    }
    if (this.inService.size < this.servers) {
      this.serve(message);
    } else if (this.queueLength >= this.queueCapacity) {
      this.outcomes.refused(message);
    } else {
      this.waiting.push(message);
      this.waitingSince.push(this.simulator.now);
    }
  }

  /** The node crashed: everything waiting or in service is lost. */
  crash(): void {
    for (const entry of this.inService) {
      this.simulator.cancel(entry.event);
      this.outcomes.crashed(entry.message);
    }
    this.inService.clear();
    for (let i = this.waitingHead; i < this.waiting.length; i++) this.outcomes.crashed(this.waiting[i]);
    this.waiting.length = 0;
    this.waitingSince.length = 0;
    this.waitingHead = 0;
  }

  private serve(message: Message): void {
    const drawn = this.serviceTime.isConstant ? this.serviceTime.mean : this.serviceTime.sample(this.random);
    const seconds = drawn + this.extraServiceSeconds(message);
    message.procSeconds = seconds;
    const entry: InService = { message, event: -1 };
    entry.event = this.simulator.schedule(seconds, this.onServiceEnd, entry);
    this.inService.add(entry);
  }

  private finish(entry: InService): void {
    this.inService.delete(entry);
    this.outcomes.processed(entry.message);
    if (this.waitingHead < this.waiting.length) {
      const message = this.waiting[this.waitingHead];
      message.queueSeconds += this.simulator.now - this.waitingSince[this.waitingHead];
      this.waiting[this.waitingHead] = undefined as unknown as Message;
      this.waitingHead++;
      if (this.waitingHead === this.waiting.length) {
        this.waiting.length = 0;
        this.waitingSince.length = 0;
        this.waitingHead = 0;
      } else if (this.waitingHead >= 1024 && this.waitingHead * 2 >= this.waiting.length) {
        // A queue that never empties must not keep every message it ever held.
        this.waiting.splice(0, this.waitingHead);
        this.waitingSince.splice(0, this.waitingHead);
        this.waitingHead = 0;
      }
      this.serve(message);
    }
  }
}
