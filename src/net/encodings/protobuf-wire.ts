/** proto3 wire types (the low three bits of a field's tag). */
export const WIRE_TYPE = { varint: 0, i64: 1, len: 2, i32: 5 } as const;
export type WireType = (typeof WIRE_TYPE)[keyof typeof WIRE_TYPE];

/** Bytes a negative int32/int64/enum takes as a varint: sign-extended to 64 bits, 10 groups of 7. */
export const NEGATIVE_VARINT_BYTES = 10;

/**
 * Bytes of `value` as a base-128 varint: one per started group of 7 bits, at least one.
 * `value` is a non-negative integer; dividing by 128 is exact in float64 for every safe
 * integer, and beyond (up to 2^64) it still counts the groups right.
 */
export function varintSize(value: number): number {
  let bytes = 1;
  let rest = value;
  while (rest >= 128) {
    rest = Math.floor(rest / 128);
    bytes++;
  }
  return bytes;
}

/** ZigZag mapping of sint32/sint64: 0 → 0, −1 → 1, 1 → 2, −2 → 3… (exact for safe integers). */
export function zigzag(value: number): number {
  return value >= 0 ? 2 * value : -2 * value - 1;
}

/** Bytes of a field's tag: the varint of `fieldNumber << 3 | wireType`. */
export function tagSize(fieldNumber: number, wireType: WireType): number {
  // Multiplication, not <<: field numbers reach 2^29 − 1, past what a 32-bit shift keeps.
  return varintSize(fieldNumber * 8 + wireType);
}

/** Bytes of a length-delimited record's body with its length prefix. */
export function lengthDelimitedSize(bodyBytes: number): number {
  return varintSize(bodyBytes) + bodyBytes;
}
