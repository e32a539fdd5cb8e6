import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatPath, parsePath } from '../../src/scenario/document-path.js';

describe('formatPath and parsePath', () => {
  it('write paths the way users read them', () => {
    expect(formatPath(['links', 2, 'bandwidth'])).toBe('links[2].bandwidth');
    expect(formatPath(['flows', 0, 'transport', 'protocol'])).toBe('flows[0].transport.protocol');
    expect(formatPath(['nodes', 0, 'a b'])).toBe('nodes[0]["a b"]');
    expect(formatPath([])).toBe('');
  });

  it('read what they write, for any path', () => {
    const segment = fc.oneof(fc.string(), fc.nat());
    fc.assert(
      fc.property(fc.array(segment, { minLength: 1, maxLength: 6 }), (path) => {
        expect(parsePath(formatPath(path))).toEqual({ ok: true, path });
      }),
    );
  });

  it('reject malformed paths', () => {
    for (const text of ['', '.seed', 'a..b', 'a.', 'a[x]', 'a[-1]', 'a[1']) {
      expect(parsePath(text).ok, text).toBe(false);
    }
  });
});
