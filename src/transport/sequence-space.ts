/**
 * Sequence numbers of a given bit width as they appear on the wire. Senders and receivers keep
 * absolute numbers for their own bookkeeping and talk to each other only in wrapped numbers, so
 * a window too large for the width aliases exactly as a real protocol would.
 */
export class SequenceSpace {
  /** Distinct wire numbers: 2^bits. */
  readonly size: number;

  constructor(readonly bits: number) {
    this.size = 2 ** bits;
  }

  /** The wire number of absolute sequence number `absolute`. */
  wrap(absolute: number): number {
    return absolute % this.size;
  }

  /** How far `wire` lies ahead of absolute `from` on the wire circle: 0 .. size-1. */
  distance(from: number, wire: number): number {
    const difference = (wire - this.wrap(from)) % this.size;
    return difference < 0 ? difference + this.size : difference;
  }
}

/** Largest legal window of Go-Back-N with `bits`-bit sequence numbers: 2^k - 1. */
export function goBackNWindowLimit(bits: number): number {
  return 2 ** bits - 1;
}

/** Largest legal window of selective repeat with `bits`-bit sequence numbers: 2^(k-1). */
export function selectiveRepeatWindowLimit(bits: number): number {
  return 2 ** (bits - 1);
}
