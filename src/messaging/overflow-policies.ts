import { Registry } from '../engine/registry.js';

/** What a full queue can do with an arriving message. */
export interface OverflowActions<Entry> {
  /** Refuses the arriving message: it ends dropped (`queueFull`), and the publisher is told no. */
  reject(arriving: Entry): void;
  /** Drops the oldest ready message (`dropHead`) and takes the arriving one. */
  dropOldestAndAdmit(arriving: Entry): void;
  /** Sends the arriving message to the queue's dead-letter queue. */
  deadLetter(arriving: Entry): void;
}

/** A bounded queue's policy when a message arrives and it is full. */
export interface OverflowPolicyDefinition {
  readonly id: string;
  readonly description: string;
  /** True when the queue must name a dead-letter queue. */
  readonly needsDeadLetterQueue: boolean;
  /**
   * True when a full queue only refuses the arriving message, touching neither the messages it
   * holds nor another queue: the one kind of policy a queue of ended dead letters can have.
   */
  readonly onlyRefuses: boolean;
  onFull<Entry>(arriving: Entry, actions: OverflowActions<Entry>): void;
}

const reject: OverflowPolicyDefinition = {
  id: 'reject',
  description: 'the arriving message is refused (dropped.queueFull)',
  needsDeadLetterQueue: false,
  onlyRefuses: true,
  onFull: (arriving, actions) => actions.reject(arriving),
};

const dropHead: OverflowPolicyDefinition = {
  id: 'drop-head',
  description: 'the oldest ready message is dropped (dropped.dropHead) to make room',
  needsDeadLetterQueue: false,
  onlyRefuses: false,
  onFull: (arriving, actions) => actions.dropOldestAndAdmit(arriving),
};

const deadLetter: OverflowPolicyDefinition = {
  id: 'dead-letter',
  description: 'the arriving message goes to the queue named by deadLetter',
  needsDeadLetterQueue: true,
  onlyRefuses: false,
  onFull: (arriving, actions) => actions.deadLetter(arriving),
};

/** The registry of built-in overflow policies. */
export function createOverflowPolicyRegistry(): Registry<OverflowPolicyDefinition> {
  return new Registry<OverflowPolicyDefinition>('overflow policy')
    .register(reject)
    .register(dropHead)
    .register(deadLetter);
}
