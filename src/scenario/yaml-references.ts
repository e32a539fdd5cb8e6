/**
 * The checks of a YAML document's anchors, aliases and merge keys that the `yaml` package makes
 * only while converting it to data, where it throws without a position (`Unresolved alias ...`,
 * `Merge sources must be maps ...`), or not at all (an alias inside the value it names makes a
 * circular value, which crashed the payload encoders). Each problem found here has its offset in
 * the text, so the loader reports it as `file:line:column` like any other syntax error.
 */
import {
  type Alias,
  type Document,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  type Node,
  type Pair,
  visit,
} from 'yaml';
import { quoteValue } from './quote-option.js';

/** A problem at an offset of the YAML text. */
export interface YamlReferenceProblem {
  offset: number;
  message: string;
}

/**
 * Most values a document may hold with every alias counted as a copy of the value it names:
 * a scenario is validated (and its values copied) as that expanded data, so a "billion laughs"
 * document of nested aliases is refused instead of filling memory. yaml's own limit (100 uses of
 * one anchor) refused a scenario that merged one link's settings into 150 links.
 */
export const MAX_EXPANDED_VALUES = 1_000_000;

/** Where a position is told in words: `line 2, column 4`. */
export type DescribePosition = (offset: number) => string;

/**
 * The problems of `document` (parsed from `text` without syntax errors, `merge: true`), in text
 * order; none when it converts to data as it should:
 * - an alias whose anchor is not set before it (set later, or nowhere);
 * - an anchor set twice (an alias would take the later one silently);
 * - an alias inside the value its anchor marks (a value holding itself);
 * - a merge key `<<` whose value is not a mapping, an alias of one, or a list of those;
 * - aliases expanding the document past MAX_EXPANDED_VALUES values.
 * The first two are reported alone, as the others depend on which anchor an alias names.
 */
export function yamlReferenceProblems(
  document: Document,
  text: string,
  describe: DescribePosition,
): YamlReferenceProblem[] {
  const anchors = new Map<string, Node>();
  const problems: YamlReferenceProblem[] = [];
  const unresolved: Alias[] = [];
  const anchorOffset = (node: Node) => {
    // The node's range starts at its value; its `&name` stands before it.
    const start = node.range?.[0] ?? 0;
    const at = text.lastIndexOf(`&${node.anchor}`, start);
    return at >= 0 ? at : start;
  };
  // In the order yaml resolves aliases in: an anchor counts from where it is set on.
  visit(document, {
    Node: (_, node) => {
      if (isAlias(node)) {
        if (!anchors.has(node.source)) unresolved.push(node);
        return;
      }
      if (!node.anchor) return;
      const first = anchors.get(node.anchor);
      if (first) {
        problems.push({
          offset: anchorOffset(node),
          message:
            `the anchor &${node.anchor} is set twice (first at ${describe(anchorOffset(first))}): an alias ` +
            'would name the later one, so give each anchor its own name',
        });
      } else anchors.set(node.anchor, node);
    },
  });
  for (const alias of unresolved) {
    const later = anchors.get(alias.source);
    problems.push({
      offset: offsetOf(alias),
      message: later
        ? `the alias *${alias.source} comes before its anchor &${alias.source} (at ${describe(anchorOffset(later))}): ` +
          'set an anchor before the aliases that name it'
        : `the alias *${alias.source} names no anchor: set &${alias.source} on a value before it`,
    });
  }
  if (problems.length > 0) return sortedByOffset(problems);
  return sortedByOffset(expansionProblems(document, anchors));
}

/**
 * Circular aliases, merge keys of a wrong value and a document that aliases expand past
 * MAX_EXPANDED_VALUES, for a document whose aliases each name one anchor set before them.
 */
function expansionProblems(document: Document, anchors: ReadonlyMap<string, Node>): YamlReferenceProblem[] {
  const problems: YamlReferenceProblem[] = [];
  const sizes = new Map<unknown, number>();
  const inProgress = new Set<unknown>();
  let tooLarge = false;
  const target = (node: unknown) => (isAlias(node) ? anchors.get(node.source) : node);

  const checkMerge = (pair: Pair) => {
    const merged = target(pair.value);
    const sources = isSeq(merged) ? merged.items : [merged];
    for (const source of sources) {
      if (isMap(target(source))) continue;
      problems.push({
        // `<<:` with nothing after it has no value node: point at the key.
        offset: offsetOf(source ?? pair.key),
        message: `a merge key << takes a mapping, an alias of one, or a list of those; got ${kindOf(target(source))}`,
      });
    }
  };

  // The values under `node`, each alias counted as a copy of its anchor's value, capped just past
  // the limit. An anchor comes before its aliases, so its value is counted (and, if too large,
  // reported) where it is written, before any alias of it is met.
  const sizeOf = (node: unknown): number => {
    if (isAlias(node)) {
      const anchored = anchors.get(node.source);
      if (inProgress.has(anchored)) {
        problems.push({
          offset: offsetOf(node),
          message: `the alias *${node.source} lies inside the value its anchor marks: a value cannot hold itself`,
        });
        return 1;
      }
      return sizeOf(anchored);
    }
    if (!isMap(node) && !isSeq(node)) return 1;
    const known = sizes.get(node);
    if (known !== undefined) return known;
    inProgress.add(node);
    let size = 1;
    for (const item of node.items) {
      let written: unknown = item;
      if (isPair(item)) {
        if (isScalar(item.key) && typeof item.key.value === 'symbol') checkMerge(item);
        size += sizeOf(item.key);
        written = item.value;
      }
      size += sizeOf(written);
      if (size > MAX_EXPANDED_VALUES) {
        if (!tooLarge) {
          tooLarge = true;
          const by = isAlias(written) ? `with the alias *${written.source} ` : '';
          problems.push({
            offset: offsetOf(written),
            message:
              `${by}the document holds more than ${MAX_EXPANDED_VALUES} values here, each alias counted ` +
              'as a copy of what it names: use fewer aliases of large values',
          });
        }
        size = MAX_EXPANDED_VALUES + 1;
        break;
      }
    }
    inProgress.delete(node);
    sizes.set(node, size);
    return size;
  };
  sizeOf(document.contents);
  return problems;
}

function offsetOf(node: unknown): number {
  return (node as Node | null)?.range?.[0] ?? 0;
}

function kindOf(node: unknown): string {
  if (node === undefined || node === null) return 'nothing';
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) return node.value === null ? 'nothing' : quoteValue(String(node.source ?? node.value));
  return 'another value';
}

function sortedByOffset(problems: YamlReferenceProblem[]): YamlReferenceProblem[] {
  return [...problems].sort((a, b) => a.offset - b.offset);
}
