import { z } from 'zod';
import type { CongestionConfigBase } from '../congestion/congestion-control.js';
import { positiveQuantitySchema, quantitySchema } from '../engine/schemas.js';
import { fixedTimeoutSeconds } from './rto/fixed.js';
import type { RtoConfigBase } from './rto/rto-strategy.js';
import { congestionSchema, timeoutSchema } from './strategy-schemas.js';
import type { ClosedFormBehaviour, TransportStrategies } from './transport.js';

/** Configuration shared by Go-Back-N and selective repeat. */
export interface WindowTransportConfig {
  protocol: string;
  window: number;
  sequenceBits: number;
  allowUnsafeWindow: boolean;
  timeout: RtoConfigBase;
  congestion: CongestionConfigBase;
  retries: number;
  ackSize: number;
  headerSize: number;
  delayedAck: { every: number; timeout: number } | null;
  receiveBuffer: number;
}

/**
 * The schema of a window transport `protocol`, whose legal window is `windowLimit(bits)`
 * (written `limitFormula` in messages); a larger one is refused unless `allowUnsafeWindow`.
 */
export function windowTransportSchema(
  protocol: string,
  strategies: TransportStrategies,
  windowLimit: (bits: number) => number,
  limitFormula: string,
) {
  return z
    .strictObject({
      protocol: z.literal(protocol),
      window: z
        .number()
        .int()
        .min(1)
        .max(1_000_000)
        .default(8)
        .meta({ description: 'sender window: segments sent and not yet acknowledged, at most' }),
      sequenceBits: z
        .number()
        .int()
        .min(1)
        .max(32)
        .default(16)
        .meta({ description: 'width k of the sequence number field; numbers wrap around at 2^k' }),
      allowUnsafeWindow: z
        .boolean()
        .default(false)
        .meta({
          description: `accept a window above ${limitFormula} to demonstrate the failure (misdelivery)`,
        }),
      timeout: timeoutSchema(strategies.rto).prefault({ strategy: 'adaptive' }).meta({
        description: 'retransmission timeout: a time (fixed) or { strategy, ... }; default adaptive',
      }),
      congestion: congestionSchema(strategies.congestion).prefault('none'),
      retries: z.number().int().min(0).max(1000).default(15).meta({
        description: 'retransmissions of one segment before the connection is reset (its messages fail)',
      }),
      ackSize: quantitySchema('size').default(40).meta({ description: 'size of an ACK packet on the wire' }),
      headerSize: quantitySchema('size')
        .default(0)
        .meta({ description: 'header bytes added to each data packet' }),
      delayedAck: z
        .union([
          z.literal(false),
          z.strictObject({
            every: z.number().int().min(2).max(64).default(2).meta({
              description: 'acknowledge every n-th in-order segment',
            }),
            timeout: positiveQuantitySchema('time').default(0.2).meta({
              description: 'longest an ACK is held back',
            }),
          }),
        ])
        .default(false)
        .transform((value) => (value === false ? null : value))
        .meta({ description: 'delayed ACKs (RFC 1122/5681): false, or { every, timeout }' }),
      receiveBuffer: z
        .number()
        .int()
        .min(1)
        .optional()
        .transform((value) => value ?? Number.POSITIVE_INFINITY)
        .meta({
          description:
            'messages the receiver can hold (out of order or not yet processed): bounds the advertised window; default unbounded',
        }),
    })
    .superRefine((config, ctx) => {
      const limit = windowLimit(config.sequenceBits);
      if (config.window > limit && !config.allowUnsafeWindow) {
        ctx.addIssue({
          code: 'custom',
          path: ['window'],
          message:
            `window ${config.window} is too large for ${config.sequenceBits}-bit sequence numbers: ` +
            `${protocol} needs W <= ${limitFormula} = ${limit} (raise sequenceBits, or set ` +
            'allowUnsafeWindow: true to demonstrate the failure)',
        });
      }
    });
}

/**
 * A window transport's textbook model `model` under `config`, or `none` with the setting its
 * formulas do not cover: a congestion control that is not a fixed window (it asks the
 * registered strategy), delayed ACKs, a receive buffer smaller than the window (flow control
 * would hold the sender), or a window too large for the sequence numbers (misdelivery). A
 * timeout that is not fixed is NaN: the formulas charge each loss one constant timeout.
 */
export function windowClosedForm(
  model: 'go-back-n' | 'selective-repeat',
  config: WindowTransportConfig,
  strategies: TransportStrategies,
  windowLimit: (bits: number) => number,
): ClosedFormBehaviour {
  const none = (why: string): ClosedFormBehaviour => ({ model: 'none', why });
  if (strategies.congestion.get(config.congestion.strategy).fixedWindow !== true)
    return none(
      `its congestion control (${config.congestion.strategy}) changes the window: the formulas take a fixed one`,
    );
  if (config.delayedAck !== null) return none('it delays ACKs: the formulas take an ACK per frame');
  if (config.receiveBuffer < config.window) {
    return none(
      `its receive buffer (${config.receiveBuffer}) is smaller than its window (${config.window}): flow control holds the sender`,
    );
  }
  const limit = windowLimit(config.sequenceBits);
  if (config.window > limit) {
    return none(
      `its window (${config.window}) is too large for ${config.sequenceBits}-bit sequence numbers (at most ${limit}): old and new frames are confused`,
    );
  }
  return {
    model,
    window: config.window,
    ackBytes: config.ackSize,
    timeoutSeconds: fixedTimeoutSeconds(config.timeout) ?? Number.NaN,
  };
}
