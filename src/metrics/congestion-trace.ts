import type { CongestionSnapshot } from '../net/probe.js';

/** Points a trace keeps at most; beyond, it keeps every other point and halves its rate. */
export const CONGESTION_TRACE_CAPACITY = 20_000;

/**
 * One sender's cwnd, ssthresh, SRTT and RTO over time, in bounded memory: while it has room it
 * keeps every change; when full it drops every other point and from then on keeps one change in
 * 2, 4, 8... (the same points whatever the machine, so traces stay deterministic).
 */
export class CongestionTrace {
  readonly time: number[] = [];
  readonly cwnd: number[] = [];
  readonly ssthresh: number[] = [];
  readonly srtt: number[] = [];
  readonly rto: number[] = [];
  readonly flight: number[] = [];
  private stride = 1;
  private seen = 0;

  get length(): number {
    return this.time.length;
  }

  add(time: number, state: CongestionSnapshot): void {
    if (this.seen++ % this.stride !== 0) return;
    if (this.time.length === CONGESTION_TRACE_CAPACITY) {
      for (const column of [this.time, this.cwnd, this.ssthresh, this.srtt, this.rto, this.flight]) {
        keepEveryOther(column);
      }
      this.stride *= 2;
      if ((this.seen - 1) % this.stride !== 0) return;
    }
    this.time.push(time);
    this.cwnd.push(state.cwnd);
    this.ssthresh.push(state.ssthresh);
    this.srtt.push(state.srtt);
    this.rto.push(state.rto);
    this.flight.push(state.flight);
  }
}

function keepEveryOther(column: number[]): void {
  let kept = 0;
  for (let index = 0; index < column.length; index += 2) column[kept++] = column[index];
  column.length = kept;
}
