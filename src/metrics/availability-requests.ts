import type { Message } from '../net/message.js';

/** Outcomes of the requests to one replicated service. */
export interface ServiceRequestCounts {
  /** Requests that reached a final state (created after the warm-up). */
  requests: number;
  /** Delivered while the service was up. */
  succeeded: number;
  /** The others, by reason: `serviceDown` (delivered while fewer than k members were up), `gaveUp` (the transport gave up), or the loss or drop reason. */
  failed: Record<string, number>;
}

/**
 * The request-level view of replicated services. A message of a flow addressed to a member of a
 * service is a request to that service: it succeeds when it is delivered while the service is
 * up (at least k of its n members up); delivered while the service is down, it fails with
 * `serviceDown`; not delivered, it fails with its message's reason (`lost.nodeDown`, ...).
 */
export class ServiceRequestCounter {
  readonly counts: ServiceRequestCounts[];
  private readonly servicesOfFlow: number[][];
  private readonly up: Uint8Array;

  /** `flowsOfService[s]`: indices of the flows whose requests go to service s. */
  constructor(
    flowCount: number,
    flowsOfService: readonly (readonly number[])[],
    private readonly warmupSeconds: number,
  ) {
    this.counts = flowsOfService.map(() => ({ requests: 0, succeeded: 0, failed: {} }));
    this.servicesOfFlow = Array.from({ length: flowCount }, () => []);
    flowsOfService.forEach((flows, service) => {
      for (const flow of flows) this.servicesOfFlow[flow].push(service);
    });
    this.up = new Uint8Array(flowsOfService.length).fill(1);
  }

  serviceChanged(service: number, up: boolean): void {
    this.up[service] = up ? 1 : 0;
  }

  /** A message reached its final state (called at that instant). */
  resolved(message: Message): void {
    const services = this.servicesOfFlow[message.flowIndex];
    if (services === undefined || services.length === 0 || message.createdAt < this.warmupSeconds) return;
    const fate = message.fate;
    for (const service of services) {
      const counts = this.counts[service];
      counts.requests++;
      let reason: string;
      if (fate.kind === 'delivered') {
        if (this.up[service] === 1) {
          counts.succeeded++;
          continue;
        }
        reason = 'serviceDown';
      } else {
        reason = fate.kind === 'lost' || fate.kind === 'dropped' ? fate.reason : 'gaveUp';
      }
      counts.failed[reason] = (counts.failed[reason] ?? 0) + 1;
    }
  }
}
