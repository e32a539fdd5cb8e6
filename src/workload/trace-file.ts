import { quoteValue } from '../engine/quote-value.js';
import { parseQuantity } from '../engine/units.js';

/** The send times (and maybe sizes) a trace file lists. */
export interface SendTrace {
  /** Send times (s after the workload's start), non-decreasing. */
  timesSeconds: number[];
  /** Payload size (bytes) of each message, when the file has a size column. */
  sizesBytes?: number[];
}

/** A problem with a trace file: on a line (1-based), or with the file as a whole. */
export interface TraceLineIssue {
  line?: number;
  message: string;
}

export type ParsedTrace = { ok: true; trace: SendTrace } | { ok: false; issues: TraceLineIssue[] };

/** Bad lines reported one by one; the rest are counted. */
const REPORTED_LINES = 5;

const HEADERS = [['time'], ['time', 'size']];

/** Characters of a message about one line, at most: a line can be megabytes of anything. */
const MESSAGE_CHARACTERS = 200;

/** `message` cut to MESSAGE_CHARACTERS, with control characters (a binary file's) shown as `?`. */
function printable(message: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
  const shown = message.slice(0, MESSAGE_CHARACTERS).replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
  return message.length > MESSAGE_CHARACTERS ? `${shown}… (${message.length} characters in all)` : shown;
}

/**
 * Reads a trace of send times: one message per line, `time` or `time,size` (a time with a unit
 * or bare seconds; a size with a unit or bare bytes). `#` starts a comment to the end of the
 * line; blank lines are skipped; the first other line may be a header, `time` or `time,size`. Every line has
 * the columns the first one has; times never decrease (equal times send together).
 * Pure: the loader reads the file.
 */
export function parseSendTrace(text: string): ParsedTrace {
  const times: number[] = [];
  const sizes: number[] = [];
  const issues: TraceLineIssue[] = [];
  let bad = 0;
  const report = (line: number, message: string) => {
    if (++bad <= REPORTED_LINES) issues.push({ line, message: printable(message) });
  };
  let columns: number | undefined;
  // The last good time: a bad line between two good ones does not hide that they decrease.
  let previous: { time: number; line: number } | undefined;
  const lines = text.split(/\r?\n/);
  for (let index = 0; index < lines.length; index++) {
    const comment = lines[index].indexOf('#');
    const content = (comment < 0 ? lines[index] : lines[index].slice(0, comment)).trim();
    if (content === '') continue;
    const line = index + 1;
    const fields = content.split(',').map((field) => field.trim());
    if (columns === undefined) {
      columns = fields.length;
      const header = HEADERS.find(
        (names) =>
          names.length === fields.length && names.every((name, i) => fields[i].toLowerCase() === name),
      );
      if (header) continue;
    }
    if (fields.length !== columns || columns > 2) {
      const expected = columns > 2 ? 'time or time,size' : columns === 1 ? 'time' : 'time,size';
      report(
        line,
        `expected ${fields.length === 1 ? 'a line' : 'the columns'} ${expected}, got ${quoteValue(content)}`,
      );
      continue;
    }
    const time = parseQuantity(fields[0], 'time');
    if (!time.ok) {
      report(line, `send time: ${time.message}`);
      continue;
    }
    if (previous !== undefined && time.value < previous.time) {
      report(
        line,
        `send times must not decrease: ${fields[0]} (${time.value} s) comes after ${previous.time} s on line ${previous.line}`,
      );
    }
    previous = { time: time.value, line };
    times.push(time.value);
    if (columns === 2) {
      const size = parseQuantity(fields[1], 'size');
      if (size.ok) sizes.push(size.value);
      else report(line, `size: ${size.message}`);
    }
  }
  if (bad > REPORTED_LINES) {
    issues.push({ message: `${bad - REPORTED_LINES} more bad lines after these` });
  }
  if (issues.length > 0) return { ok: false, issues };
  if (times.length === 0) {
    return { ok: false, issues: [{ message: 'expected at least one send time, found none' }] };
  }
  return {
    ok: true,
    trace: columns === 2 ? { timesSeconds: times, sizesBytes: sizes } : { timesSeconds: times },
  };
}
