import { expectExact, type TheoryCase } from '../../helpers/theory-cases.js';

/** The list `metric` of an exact case (the shared helper reads single numbers only). */
export function expectedList(c: TheoryCase, metric: string): number[] {
  const value = c.expected[metric];
  if (!Array.isArray(value)) throw new Error(`${c.id}: expected ${metric} is not a list`);
  return value;
}

/** Asserts element `index` of an exact case's list metric, with the case's own tolerance. */
export function expectExactAt(c: TheoryCase, metric: string, index: number, actual: number): void {
  const single: TheoryCase = { ...c, expected: { [metric]: expectedList(c, metric)[index] } };
  expectExact(single, metric, actual);
}

/** A list input of a case (e.g. C09's rtt_samples). */
export function inputList(c: TheoryCase, name: string): number[] {
  const value = c.inputs[name]?.value;
  if (!Array.isArray(value)) throw new Error(`${c.id}: input ${name} is not a list`);
  return value;
}
