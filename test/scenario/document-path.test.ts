import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeBadIndex, formatPath, parsePath } from '../../src/scenario/document-path.js';

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

  it('say that an index must be a whole number from 0, below the length of a list they know', () => {
    expect(parsePath('links[-1].loss')).toEqual({
      ok: false,
      message: "index -1 of 'links' must be a whole number from 0",
      badIndex: { offset: 5, end: 9, written: '-1' },
    });
    const message = (text: string, list?: unknown[]) => {
      const parsed = parsePath(text);
      if (parsed.ok || !parsed.badIndex) throw new Error(`${text} has no bad index`);
      return describeBadIndex(text, parsed.badIndex, list);
    };
    expect(message('links[-1].loss', [{}])).toBe(
      "index -1 of 'links' must be a whole number from 0 to 0 ('links' has 1 item)",
    );
    expect(message('links[1.5].loss', [{}, {}, {}])).toBe(
      "index 1.5 of 'links' must be a whole number from 0 to 2 ('links' has 3 items)",
    );
    // An index that ends the path may be the length, which appends.
    expect(message('links[-1]', [{}])).toBe(
      "index -1 of 'links' must be a whole number from 0 to 1 ('links' has 1 item; index 1 adds one)",
    );
    // An empty list has no index there at all, but one at the end of a path adds an item.
    expect(message('faults[-1].at', [])).toBe(
      "'faults' has no items, so it has no index -1 (--set 'faults[0]=...' adds one)",
    );
    expect(message('faults[-1]', [])).toBe(
      "index -1 of 'faults' must be a whole number from 0 to 0 ('faults' has no items; index 0 adds one)",
    );
    // Not a number at all: perhaps a key, where no list is there.
    expect(message('links[0][x].forward')).toBe(
      "index 'x' of 'links[0]' must be a whole number from 0 (a key goes after a dot: links[0].x.forward)",
    );
    expect(message('links[0][a b]')).toBe(
      `index 'a b' of 'links[0]' must be a whole number from 0 (a key in brackets is quoted: links[0]["a b"])`,
    );
    expect(message('flows[*].x', [{}])).toBe(
      "index '*' of 'flows' must be a whole number from 0 to 0 ('flows' has 1 item; [*], every element, is for --vary and --param)",
    );
    expect(message('[-1]')).toBe('index -1 of the document must be a whole number from 0');
  });

  it('name a bad index as written: blanks quoted, a number too large to be exact in full', () => {
    const message = (text: string, list?: unknown[]) => {
      const parsed = parsePath(text);
      if (parsed.ok || !parsed.badIndex) throw new Error(`${text} has no bad index`);
      return describeBadIndex(text, parsed.badIndex, list);
    };
    expect(message('links[ 0].loss', [{}])).toBe(
      "index ' 0' of 'links' must be a whole number from 0 to 0 ('links' has 1 item)",
    );
    expect(message('links[0 ]', [{}])).toBe(
      "index '0 ' of 'links' must be a whole number from 0 to 1 ('links' has 1 item; index 1 adds one)",
    );
    expect(message('links[99999999999999999999].loss', [{}])).toBe(
      "index 99999999999999999999 of 'links' must be a whole number from 0 to 0 ('links' has 1 item)",
    );
    // Without a list to bound it, the bound of an exact number.
    expect(parsePath('links[9007199254740992]')).toEqual({
      ok: false,
      message: "index 9007199254740992 of 'links' must be a whole number from 0 to 9007199254740991",
      badIndex: { offset: 5, end: 23, written: '9007199254740992' },
    });
    expect(parsePath('links[9007199254740991]')).toEqual({ ok: true, path: ['links', 9007199254740991] });
  });
});
