import type { MessageFate } from '../net/message.js';

/** How a broker's messages end when they reach no consumer (the reasons the ledger counts). */
export const LOST_NODE_DOWN: MessageFate = { kind: 'lost', reason: 'nodeDown' };
export const DROPPED_NODE_QUEUE: MessageFate = { kind: 'dropped', reason: 'nodeQueue' };
export const DROPPED_QUEUE_FULL: MessageFate = { kind: 'dropped', reason: 'queueFull' };
export const DROPPED_DROP_HEAD: MessageFate = { kind: 'dropped', reason: 'dropHead' };
export const DROPPED_DEAD_LETTERED: MessageFate = { kind: 'dropped', reason: 'deadLettered' };
export const DROPPED_UNROUTABLE: MessageFate = { kind: 'dropped', reason: 'unroutable' };
