import { describe, expect, it } from 'vitest';
import { QUOTED_VALUE_LIMIT, quoteOption, quoteValue } from '../../src/scenario/quote-option.js';

const numbers = (count: number) => Array.from({ length: count }, (_, index) => String(index + 1)).join(',');

describe('quoteOption', () => {
  it('quotes a short option whole', () => {
    expect(quoteOption('--vary', 'links[0].loss=0,0.1', 'list')).toBe('--vary links[0].loss=0,0.1');
    const justFits = `seed=${'1'.repeat(QUOTED_VALUE_LIMIT)}`;
    expect(quoteOption('--set', justFits, 'single')).toBe(`--set ${justFits}`);
  });

  it('quotes a text with blanks at either end, or none, so that what was given shows', () => {
    expect(quoteOption('--set', ' seed=4', 'single')).toBe("--set ' seed=4'");
    expect(quoteOption('--set', 'seed=4 ', 'single')).toBe("--set 'seed=4 '");
    expect(quoteOption('--vary', '', 'list')).toBe("--vary ''");
    expect(quoteOption('--set', " name='x'", 'single')).toBe(`--set " name='x'"`);
    // Blanks inside show as they are.
    expect(quoteOption('--set', 'links[0]={between: [a, b]}', 'single')).toBe(
      '--set links[0]={between: [a, b]}',
    );
  });

  it('cuts a long list after the last whole value that fits, and counts the values', () => {
    expect(quoteOption('--vary', `seed=${numbers(10_001)}`, 'list')).toBe(
      '--vary seed=1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,… (10001 values in all)',
    );
    // Commas inside a flow collection do not separate values.
    const objects = Array.from({ length: 3 }, (_, index) => `{protocol: go-back-n, window: ${index + 100}}`);
    expect(quoteOption('--vary', `flows[0].transport=${objects.join(',')}`, 'list')).toBe(
      '--vary flows[0].transport={protocol: go-back-n, window: 100},… (3 values in all)',
    );
  });

  it('cuts one long value inside it, counting characters, the path always whole', () => {
    const list = `[${numbers(1000)}]`;
    expect(quoteOption('--set', `links[0].loss=${list}`, 'single')).toBe(
      `--set links[0].loss=${list.slice(0, QUOTED_VALUE_LIMIT)}… (${list.length} characters in all)`,
    );
    expect(quoteOption('--vary', `x=${'a'.repeat(100)}`, 'list')).toBe(
      `--vary x=${'a'.repeat(QUOTED_VALUE_LIMIT)}… (100 characters in all)`,
    );
    // Characters, not UTF-16 units: no emoji is cut in half.
    expect(quoteOption('--set', `name=${'😀'.repeat(61)}`, 'single')).toBe(
      `--set name=${'😀'.repeat(60)}… (61 characters in all)`,
    );
  });
});

describe('quoteValue', () => {
  it('quotes a value, a long one by its start and its length', () => {
    expect(quoteValue('abc')).toBe("'abc'");
    expect(quoteValue('9'.repeat(200))).toBe(`'${'9'.repeat(QUOTED_VALUE_LIMIT)}…' (200 characters in all)`);
  });
});
