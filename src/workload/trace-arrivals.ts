import { z } from 'zod';
import type { ArrivalDefinition } from './arrival-pattern.js';
import { parseSendTrace } from './trace-file.js';

/** The resolved `arrivals: { trace: FILE }`: the file's name and what it lists. */
export interface TraceParameters {
  /** The file as the scenario names it. */
  file: string;
  /** Send times (s after the workload's start), non-decreasing. */
  timesSeconds: readonly number[];
  /** Payload sizes (bytes) of the messages in turn, when the file has a size column. */
  sizesBytes?: readonly number[];
}

/** Messages at the times a trace file lists (after the workload's start), in order. */
export const trace: ArrivalDefinition<TraceParameters> = {
  id: 'trace',
  description:
    'the send times a file lists, one per line (time, or time,size), after start; messages default to their number',
  usesRate: false,
  allAtOnce: false,
  parameters: ({ readFile }) =>
    z
      .string()
      .min(1, 'expected the name of a trace file')
      .transform((file, ctx): TraceParameters => {
        let text: string;
        try {
          text = readFile(file);
        } catch (error) {
          ctx.addIssue({
            code: 'custom',
            message: `cannot read the trace file '${file}': ${(error as Error).message}`,
          });
          return z.NEVER;
        }
        const parsed = parseSendTrace(text);
        if (!parsed.ok) {
          for (const issue of parsed.issues) {
            const where = issue.line === undefined ? file : `${file} line ${issue.line}`;
            ctx.addIssue({ code: 'custom', message: `${where}: ${issue.message}` });
          }
          return z.NEVER;
        }
        return { file, ...parsed.trace };
      })
      .meta({
        description:
          'a file of send times, relative to the scenario file: one per line, time or time,size (see README)',
      }),
  length: (parameters) => parameters.timesSeconds.length,
  sizesBytes: (parameters) => parameters.sizesBytes,
  create: ({ parameters }) => {
    const times = parameters.timesSeconds;
    let origin = 0;
    let index = 0;
    return {
      firstTime: (start) => {
        origin = start;
        index = 0;
        return start + times[0];
      },
      nextTime: () => (++index < times.length ? origin + times[index] : Number.POSITIVE_INFINITY),
    };
  },
};
