/**
 * `--param PATH=VALUES` of `msgsim sweep`: the values a comma list, as `--vary` takes them, or a
 * numeric range `from:to:step` (`0:0.2:0.05`, `10ms:50ms:10ms`). A range is computed in exact
 * decimals, so its points read as written (`0.15`, never `0.15000000000000002`).
 */
import { alignDecimals, type Decimal, formatDecimal, parseDecimal } from '../engine/decimal.js';
import { dimensionOfUnit } from '../engine/units.js';
import { quoteValue } from './quote-option.js';
import { splitOutside, splitValueList } from './split-outside.js';
import { parseVary, type VarySpec } from './variants.js';

/** Most points a range may have: more is a typo in the step, and would run for hours. */
export const MAX_RANGE_POINTS = 1000;

/**
 * How close (as a share of the step) `to` may fall to a point of the range for that point to be
 * `to` itself: decimal texts such as `0:1:0.3333333333333` mean to land on `to`.
 */
export const RANGE_TOLERANCE = 1e-9;
const STEPS_PER_TOLERANCE = 1_000_000_000n;

/**
 * Parses one `--param`: its values are a range when the text after `=` holds exactly two colons
 * and no comma (outside brackets, braces and quotes), else a comma list.
 * `document`, the scenario swept, when known, lets a bad index say how long its list is.
 * @throws ScenarioError with one issue naming `--param` and `file`, like parseVary's, and for a
 * range that cannot be expanded (see expandRange).
 */
export function parseSweepParam(text: string, file = '--param', document?: unknown): VarySpec {
  return parseVary(text, file, {
    document,
    option: '--param',
    readValues: (written) => {
      if (!isRange(written)) return splitValueList(written);
      const range = expandRange(written);
      return range.ok ? range.values : { problem: range.problem };
    },
    isRange,
  });
}

/** True when `written` is meant as `from:to:step`. */
export function isRange(written: string): boolean {
  return splitValueList(written).length === 1 && splitOutside(written, ':').length === 3;
}

/** The points of a range, as value texts, or what is wrong with it. */
export type ExpandedRange = { ok: true; values: string[] } | { ok: false; problem: string };

/** A part of a range: a number in decimal notation with an optional unit. */
const RANGE_PART = /^([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)\s*(\S*)$/;

/**
 * The points `from + k·step` (k = 0, 1, ...) up to `to`, inclusive of `to` when a point lands on
 * it or within RANGE_TOLERANCE·step of it (that point is then `to` as written). The three parts
 * are numbers in decimal notation, all without a unit or all with the same known unit
 * (`10ms:50ms:10ms`; each point keeps it; a bare 0 takes the others' unit: `0:50ms:10ms`). Refused: another number of parts, a part that is no
 * number, an unknown unit (named, with the part it is in), mixed units, a step of 0 or less, `from` above `to`, and more than
 * MAX_RANGE_POINTS points.
 */
export function expandRange(written: string): ExpandedRange {
  const fail = (problem: string): ExpandedRange => ({ ok: false, problem });
  const example = 'write a range as from:to:step, like 0:0.2:0.05 or 10ms:50ms:10ms';
  const texts = splitOutside(written, ':').map((part) => part.trim());
  if (texts.length !== 3) return fail(`cannot read ${quoteValue(written)} as a range (${example})`);
  const names = ['from', 'to', 'step'];
  const parts: Array<{ decimal: Decimal; unit: string }> = [];
  for (const [index, text] of texts.entries()) {
    const match = RANGE_PART.exec(text);
    const decimal = match && parseDecimal(match[1]);
    if (!match || !decimal) {
      return fail(`the range's ${names[index]} ${quoteValue(text)} is not a number (${example})`);
    }
    parts.push({ decimal, unit: match[2] });
  }
  // An unknown unit is named before units are compared: `1ms:5ms:1xx` has a typo, not two units.
  const unknown = parts.findIndex((part) => part.unit !== '' && dimensionOfUnit(part.unit) === undefined);
  if (unknown >= 0) {
    return fail(
      `unknown unit '${parts[unknown].unit}' in the range's ${names[unknown]} '${texts[unknown]}' ` +
        '(write a unit of time, bandwidth or size, such as ms, Mbps or KiB)',
    );
  }
  // Zero is zero in every unit, so `0:50ms:10ms` needs no unit on its 0.
  const unit = parts.find((part) => part.unit !== '')?.unit ?? '';
  if (parts.some((part) => part.unit !== unit && !(part.unit === '' && part.decimal.digits === 0n))) {
    return fail(`write from, to and step in one unit, or all without one (got ${quoteValue(written)})`);
  }
  const [from, to, step] = parts.map((part) => part.decimal);
  if (step.digits <= 0n) return fail(`the range's step must be greater than 0, got ${quoteValue(texts[2])}`);
  const {
    integers: [first, last, stride],
    exponent,
  } = alignDecimals([from, to, step]);
  if (first > last) {
    return fail(`the range's from ${quoteValue(texts[0])} is above its to ${quoteValue(texts[1])}`);
  }

  // Whole steps from `from` to `to`, and how far `to` lies past the last of them.
  let steps = (last - first) / stride;
  const remainder = last - first - steps * stride;
  const slack = stride / STEPS_PER_TOLERANCE;
  const landsOnTo = remainder === 0n || remainder <= slack || stride - remainder <= slack;
  if (remainder !== 0n && stride - remainder <= slack) steps += 1n;
  const count = steps + 1n;
  if (count > BigInt(MAX_RANGE_POINTS)) {
    const counted = count < 1_000_000_000n ? `${count} points, more than` : 'more points than';
    return fail(`the range ${quoteValue(written)} has ${counted} ${MAX_RANGE_POINTS} (take a larger step)`);
  }
  const values: string[] = [];
  for (let k = 0n; k <= steps; k++) {
    const point = k === steps && landsOnTo ? to : { digits: first + k * stride, exponent };
    values.push(`${formatDecimal(point)}${unit}`);
  }
  return { ok: true, values };
}
