/**
 * Whether two values of a `--vary` (or `--param`) option are one scenario value written two ways:
 * `0` and `0.0`, `10ms` and `0.01`, `{a: 1, b: 2}` and `{b: 2, a: 1}`. Two such values would make
 * two variants that run the same scenario, and two points at one x of a sweep.
 */
import { type Dimension, dimensionOfUnit, parseQuantity, unitOf } from '../engine/units.js';

/** A value as read from YAML, with every text that is a quantity with a known unit in SI. */
export type CanonicalValue =
  | { kind: 'number'; value: number }
  | { kind: 'quantity'; dimension: Dimension; value: number }
  | { kind: 'list'; items: CanonicalValue[] }
  | { kind: 'object'; entries: Map<string, CanonicalValue> }
  | { kind: 'other'; value: unknown };

/**
 * `value` (as YAML gives it: numbers, texts, lists, objects) with texts such as `10ms` read as
 * quantities in SI units. A bare number is in the base unit of any dimension (as the scenario
 * schema reads it), so `0.01` equals `10ms`; texts that are no quantity stay texts.
 */
export function canonicalValue(value: unknown): CanonicalValue {
  if (typeof value === 'number') return { kind: 'number', value };
  if (typeof value === 'string') {
    const unit = unitOf(value);
    const dimension = unit === undefined ? undefined : dimensionOfUnit(unit);
    if (dimension !== undefined) {
      const parsed = parseQuantity(value, dimension);
      if (parsed.ok) return { kind: 'quantity', dimension, value: parsed.value };
    }
    return { kind: 'other', value };
  }
  if (Array.isArray(value)) return { kind: 'list', items: value.map(canonicalValue) };
  if (value !== null && typeof value === 'object') {
    return {
      kind: 'object',
      entries: new Map(Object.entries(value).map(([key, entry]) => [key, canonicalValue(entry)])),
    };
  }
  return { kind: 'other', value };
}

/**
 * True when `a` and `b` (canonicalValue's) are the same value: equal numbers; a quantity and a
 * number equal in SI; quantities of one dimension equal in SI; lists equal item by item; objects
 * with the same keys (in any order) and equal values; anything else identical.
 */
export function sameCanonicalValue(a: CanonicalValue, b: CanonicalValue): boolean {
  if (a.kind === 'number' || a.kind === 'quantity') {
    if (b.kind === 'number') return a.value === b.value;
    if (b.kind === 'quantity')
      return a.kind === 'number' ? a.value === b.value : a.dimension === b.dimension && a.value === b.value;
    return false;
  }
  if (a.kind === 'list') {
    return (
      b.kind === 'list' &&
      a.items.length === b.items.length &&
      a.items.every((item, index) => sameCanonicalValue(item, b.items[index]))
    );
  }
  if (a.kind === 'object') {
    if (b.kind !== 'object' || a.entries.size !== b.entries.size) return false;
    for (const [key, entry] of a.entries) {
      const other = b.entries.get(key);
      if (other === undefined || !sameCanonicalValue(entry, other)) return false;
    }
    return true;
  }
  return b.kind === 'other' && Object.is(a.value, b.value);
}
