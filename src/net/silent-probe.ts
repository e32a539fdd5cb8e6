import type { NetworkProbe } from './probe.js';

/**
 * A probe that hears everything and keeps nothing: for runs that measure the models alone (the
 * pingpong benchmark) and for tests that need one more probe attached.
 */
export const silentProbe: NetworkProbe = {
  messageCreated() {},
  messageResolved() {},
  duplicateReceived() {},
  misdelivered() {},
  congestionState() {},
  retransmissionTimerExpired() {},
  packetSent() {},
  packetTransmitted() {},
  packetQueued() {},
  packetLeftQueue() {},
  transmissionAborted() {},
  wireCarried() {},
  wireCut() {},
  packetDropped() {},
  packetLost() {},
  packetDuplicated() {},
  packetReordered() {},
  nodeStateChanged() {},
  linkStateChanged() {},
  serviceStateChanged() {},
  partitionChanged() {},
  linkConditionChanged() {},
};
