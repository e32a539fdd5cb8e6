import { z } from 'zod';
import { quoteValue } from '../../engine/quote-value.js';
import { parseQuantity, unitOf } from '../../engine/units.js';

/** An amount of buffer, in packets or in bytes: the other measure is Infinity (no limit). */
export interface BufferAmount {
  packets: number;
  bytes: number;
}

/** No limit at all. */
export const UNLIMITED: BufferAmount = { packets: Number.POSITIVE_INFINITY, bytes: Number.POSITIVE_INFINITY };

/**
 * An amount of buffer: a bare number counts packets (`100`); a size with a byte unit counts
 * bytes (`64KiB`, `1500B`). A bare number means packets here, unlike other sizes, because a
 * buffer of 64 meant 64 packets before buffers could be counted in bytes.
 */
export function bufferAmountSchema(
  packets: z.ZodNumber,
  what: string,
  options: { wholeBytes?: boolean } = {},
) {
  const inBytes = z.string().transform((text, ctx): BufferAmount => {
    if (unitOf(text) === undefined) {
      ctx.addIssue({
        code: 'custom',
        input: text,
        message: `expected ${what} in bytes with a unit, such as '64KiB' or '1500B', got ${quoteValue(text)} (a bare number counts packets)`,
      });
      return z.NEVER;
    }
    const parsed = parseQuantity(text, 'size');
    if (!parsed.ok) {
      ctx.addIssue({ code: 'custom', input: text, message: parsed.message });
      return z.NEVER;
    }
    if (options.wholeBytes && !Number.isInteger(parsed.value)) {
      ctx.addIssue({
        code: 'custom',
        input: text,
        message: `expected ${what} of whole bytes, got ${quoteValue(text)} (${parsed.value} B)`,
      });
      return z.NEVER;
    }
    return { packets: Number.POSITIVE_INFINITY, bytes: parsed.value };
  });
  const inPackets = packets.transform(
    (count): BufferAmount => ({ packets: count, bytes: Number.POSITIVE_INFINITY }),
  );
  return z.union([inPackets, inBytes]).meta({
    description: `${what}: packets (a bare number) or bytes (a size with a unit: 64KiB, 1500B)`,
  });
}

/** A buffer's capacity: whole packets or bytes that may wait behind the one in transmission. */
export const bufferCapacitySchema = bufferAmountSchema(
  // A refinement rather than .int(): zod reports a fraction as a wrong type, and the message
  // would then describe the whole union rather than say a count of packets is whole.
  z
    .number()
    .min(0)
    .refine(Number.isInteger, 'expected a whole number of packets (or bytes with a unit, such as 1500B)'),
  'a capacity',
  { wholeBytes: true },
);

/** Whether `amount` limits anything. */
export function isLimited(amount: BufferAmount): boolean {
  return Number.isFinite(amount.packets) || Number.isFinite(amount.bytes);
}
