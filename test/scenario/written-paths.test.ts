import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePath } from '../../src/scenario/document-path.js';
import { applyOverrides } from '../../src/scenario/overrides.js';
import { expandVariants, parseVary } from '../../src/scenario/variants.js';
import { issuesOf } from './issues.js';

const document = {
  name: 'doc',
  seed: 1,
  nodes: [{ id: 'a' }, { id: 'b' }],
  links: [{ between: ['a', 'b'], bandwidth: '1Mbps', delay: '1ms' }],
  flows: [{ from: 'a', to: 'b', transport: { protocol: 'stop-and-wait', timeout: '10ms' } }],
};

/** The one message applying `text` to `doc` gives, without its `--set ...: ` quote. */
function problemOf(text: string, doc: unknown = document): string {
  const issues = issuesOf(() => applyOverrides(doc, [text]));
  expect(issues).toHaveLength(1);
  const prefix = `--set ${text}: `;
  expect(issues[0].message.startsWith(prefix), issues[0].message).toBe(true);
  return issues[0].message.slice(prefix.length);
}

/** The paths a message suggests writing: after `like ` or `: `, up to a comma, parenthesis or end. */
function suggested(message: string): string[] {
  return [...message.matchAll(/(?:like|quotes:|brackets,) ([^\s,()]+)/g)].map((match) => match[1]);
}

const plainKey = fc.stringMatching(/^[a-z][a-zA-Z]{0,7}$/);

describe('a key in a written path', () => {
  it('is the same key after a dot, in double quotes or in single quotes in brackets', () => {
    fc.assert(
      fc.property(plainKey, plainKey, fc.nat({ max: 99 }), (first, key, index) => {
        const path = [first, index, key];
        for (const text of [
          `${first}[${index}].${key}`,
          `${first}[${index}]["${key}"]`,
          `${first}[${index}]['${key}']`,
          `["${first}"][${index}]['${key}']`,
          `['${first}'][${index}].${key}`,
        ]) {
          expect(parsePath(text), text).toEqual({ ok: true, path });
        }
      }),
    );
    // Single quotes take the key as it stands; double quotes read a JSON string.
    expect(parsePath(`a['x.y "z"']`)).toEqual({ ok: true, path: ['a', 'x.y "z"'] });
    expect(parsePath('a["it\'s \\"q\\""]')).toEqual({ ok: true, path: ['a', 'it\'s "q"'] });
  });

  it('in quotes after a dot, or first, is refused, suggesting two paths that both work', () => {
    fc.assert(
      fc.property(plainKey, fc.constantFrom('"', "'"), (key, quote) => {
        for (const [text, doc] of [
          [`links[0].${quote}${key}${quote}`, document],
          [`${quote}${key}${quote}`, document],
        ] as const) {
          const message = problemOf(`${text}=1`, doc);
          expect(message).toContain('a quoted key goes in brackets');
          const paths = suggested(message);
          expect(paths, message).toHaveLength(2);
          for (const path of paths) {
            expect(parsePath(path), path).toMatchObject({ ok: true });
            expect(() => applyOverrides(doc, [`${path}=1`]), path).not.toThrow();
          }
        }
      }),
    );
    expect(problemOf("links[0].'loss'=0.1")).toBe(
      `cannot read the path "links[0].'loss'" at ".'loss'" (a quoted key goes in brackets, links[0]["loss"], ` +
        'and a plain one needs no quotes: links[0].loss)',
    );
    expect(problemOf('"seed"=3')).toBe(
      `cannot read the path '"seed"' at '"seed"' (a quoted key goes in brackets, ["seed"], and a plain one ` +
        'needs no quotes: seed)',
    );
    expect(problemOf('links[0]["a\\x"]=1')).toBe(
      `cannot read the path 'links[0]["a\\x"]' at '["a\\x"]' (a key in double quotes is a JSON string: write a ` +
        'backslash as \\\\, a quote as \\")',
    );
    expect(problemOf("links[0]['loss=1")).toContain(
      '(a key in brackets is quoted whole, like ["a.b"] or [\'a.b\'])',
    );
  });

  it('in brackets without quotes, into an object, is refused with a path that works', () => {
    fc.assert(
      fc.property(plainKey, (key) => {
        const message = problemOf(`links[0][${key}].forward=0.1`);
        expect(message).toBe(
          `'links[0]' is an object, not a list: write the key after a dot, like links[0].${key}.forward`,
        );
        const [path] = suggested(message);
        expect(() => applyOverrides(document, [`${path}=0.1`])).not.toThrow();
      }),
    );
    expect(problemOf('links[0][a b]=1')).toBe(
      `'links[0]' is an object, not a list: write the key quoted in brackets, like links[0]["a b"]`,
    );
    // Quoted as written, readably: double quotes around a text with a single one.
    expect(problemOf("links[0][it's]=1")).toBe(
      `'links[0]' is an object, not a list: write the key quoted in brackets, like links[0]["it's"]`,
    );
    expect(issuesOf(() => parseVary("links[it's].loss=0"))[0].message).toBe(
      `--vary links[it's].loss=0: index "it's" of 'links' must be a whole number from 0 (a key in brackets ` +
        `is quoted: links["it's"].loss)`,
    );
  });
});

describe('a --set path in messages', () => {
  it('is shown as written, whatever the problem', () => {
    const written = ['links.0.loss', 'seed["x"]', "['seed'].x", 'nodes[0].id[007]', 'links[0]["loss"][2]'];
    for (const path of written) {
      const [issue] = issuesOf(() => applyOverrides(document, [`${path}=1`]));
      expect(issue.path, path).toBe(path);
    }
    expect(problemOf('links.0.loss=0.1')).toBe("'links' is a list: use an index, like links[0].loss");
    expect(problemOf('nodes.id=x')).toBe("'nodes' is a list: use an index, like nodes[0].id");
    expect(problemOf('seed["x"]=1')).toBe(
      "'seed' is number 1, not an object or a list, so it has no key 'x'",
    );
    expect(problemOf("['seed'].x=1")).toBe(
      `"['seed']" is number 1, not an object or a list, so it has no key 'x'`,
    );
  });
});

describe('what a path meets', () => {
  const badIndexes = ['007', '-1', '1.5', 'x', ' 0', '99999999999999999999', ''];

  it('is named before how an index into it is written', () => {
    fc.assert(
      fc.property(fc.constantFrom(...badIndexes, '7'), (written) => {
        expect(problemOf(`nodes[0].id[${written}]=1`)).toBe(
          `'nodes[0].id' is string 'a', not an object or a list, so it has no [${written}]`,
        );
        expect(problemOf(`flows[0].transport.timeout[${written}]=1`)).toBe(
          `'flows[0].transport.timeout' is string '10ms', not an object or a list, so it has no [${written}]`,
        );
        expect(problemOf(`faults[${written}].at=1s`)).toBe(
          "there is no list at 'faults' (give the whole list first: --set 'faults=[...]')",
        );
      }),
    );
    expect(
      issuesOf(() => parseVary('flows[*].transport.window[007]=1,2', 'f.yaml', { document }))[0].message,
    ).toBe(
      "--vary flows[*].transport.window[007]=1,2: there is no list at 'flows[0].transport.window' " +
        "(give the whole list first: --set 'flows[0].transport.window=[...]')",
    );
  });

  it('a missing list says how to give one, and that way works', () => {
    const message = problemOf('faults[0]={at: 1s, crash: b}');
    expect(message).toBe("there is no list at 'faults' (give the whole list first: --set 'faults=[...]')");
    expect(applyOverrides(document, ['faults=[]', 'faults[0]={at: 1s, crash: b}'])).toMatchObject({
      faults: [{ at: '1s', crash: 'b' }],
    });
    // An empty list: the index that appends.
    expect(problemOf('faults[0].at=1s', { ...document, faults: [] })).toBe(
      "'faults' has no items, so it has no index 0 (--set 'faults[0]=...' adds one)",
    );
    expect(issuesOf(() => parseVary('faults[*].at=1s,2s', 'f.yaml', { document }))[0]).toEqual({
      file: 'f.yaml',
      path: 'faults[*].at',
      message:
        "--vary faults[*].at=1s,2s: there is no list at 'faults' (give the whole list first: --set 'faults=[...]')",
    });
  });
});

describe('an index a list does not have', () => {
  it('gets one wording, giving the range, however it is written', () => {
    const list = (length: number) => Array.from({ length }, (_, index) => ({ id: `n${index}` }));
    const outside = fc.oneof(
      fc.bigInt({ min: 0n, max: 10n ** 25n }).map(String),
      fc.integer({ min: -1000, max: -1 }).map(String),
      fc.nat({ max: 999 }).map((n) => `0${n}`),
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), outside, fc.boolean(), (length, written, atEnd) => {
        const fits = /^(0|[1-9]\d*)$/.test(written) && BigInt(written) < BigInt(length + (atEnd ? 1 : 0));
        fc.pre(!fits);
        const doc = { nodes: list(length) };
        const text = atEnd ? `nodes[${written}]={id: z}` : `nodes[${written}].id=z`;
        const items = `'nodes' has ${length} item${length === 1 ? '' : 's'}`;
        const zeros = /^0\d/.test(written) ? ', written without leading zeros' : '';
        expect(problemOf(text, doc)).toBe(
          atEnd
            ? `index ${written} of 'nodes' must be a whole number from 0 to ${length}${zeros} (${items}; index ${length} adds one)`
            : `index ${written} of 'nodes' must be a whole number from 0 to ${length - 1}${zeros} (${items})`,
        );
      }),
    );
  });
});

describe("a variant's overrides", () => {
  it('keep the path as the option wrote it, each [*] the index of its element', () => {
    const twoLinks = {
      ...document,
      links: [document.links[0], { ...document.links[0], between: ['b', 'a'] }],
    };
    const [variant] = expandVariants(twoLinks, [parseVary(`links[*]['loss'].forward=0.1`)], 'f.yaml');
    expect(variant.overrides).toEqual([`links[0]['loss'].forward=0.1`, `links[1]['loss'].forward=0.1`]);
    // A key that holds [*] is a key, not every element.
    const keyed = { a: [{ '[*]': 1 }, { '[*]': 2 }] };
    expect(expandVariants(keyed, [parseVary('a[*]["[*]"]=3')], 'f.yaml')[0].overrides).toEqual([
      'a[0]["[*]"]=3',
      'a[1]["[*]"]=3',
    ]);
  });
});
