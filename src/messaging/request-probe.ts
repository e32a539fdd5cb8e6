/** How a request ended: answered, or given up with a counted reason. */
export type RequestOutcome = { kind: 'replied' } | { kind: 'failed'; reason: string };

/**
 * One request of a request-reply flow, from its first hand-off to the transport until it
 * ended. For a replied request the components add up to `endedAt - sentAt`: the request and
 * reply messages' own components, plus, in `wait`, the time before the attempt whose reply
 * came back was sent (earlier attempts that timed out or failed).
 */
export interface RequestRecord {
  /** Index of the scenario flow. */
  readonly flowIndex: number;
  /** Number of the request within its flow, from 0. */
  readonly id: number;
  /** When its first attempt was handed to the transport (s). */
  readonly sentAt: number;
  /** When the reply reached the caller's application, or the request was given up (s). */
  readonly endedAt: number;
  /** Attempts made (1 + retries). */
  readonly attempts: number;
  /** Application timeouts that expired for this request. */
  readonly timeouts: number;
  readonly outcome: RequestOutcome;
  /** Latency components (s); zero for a failed request. */
  readonly transSeconds: number;
  readonly propSeconds: number;
  readonly queueSeconds: number;
  readonly procSeconds: number;
  readonly waitSeconds: number;
}

/** What request-reply clients report (metrics collect it; the clients never import metrics). */
export interface RequestProbe {
  /** A request's first attempt was handed to the transport (it now counts as sent). */
  requestSent(flowIndex: number, sentAt: number): void;
  /** A request ended (replied or failed), at that simulated instant. */
  requestEnded(record: RequestRecord): void;
  /** A reply came back for a request that had already ended (after its last timeout, or a second answer). */
  lateReply(flowIndex: number): void;
}

/** Forwards request reports to several probes, in order. */
export function fanOutRequestProbes(probes: readonly RequestProbe[]): RequestProbe {
  return {
    requestSent: (flowIndex, sentAt) => {
      for (const probe of probes) probe.requestSent(flowIndex, sentAt);
    },
    requestEnded: (record) => {
      for (const probe of probes) probe.requestEnded(record);
    },
    lateReply: (flowIndex) => {
      for (const probe of probes) probe.lateReply(flowIndex);
    },
  };
}
