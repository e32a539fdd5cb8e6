/**
 * A value given on the command line (`--set path=VALUE`, each value of `--vary` and `--param`),
 * read as YAML: a scalar or a flow collection, `7`, `20ms`, `{protocol: datagram}`.
 */
import { parseDocument } from 'yaml';
import type { DocumentPath } from './document-path.js';
import { scalarSourceAt } from './source-document.js';
import { SCENARIO_YAML_OPTIONS } from './yaml-options.js';
import { yamlReferenceProblems } from './yaml-references.js';

/**
 * The value as data, with the source text of each scalar in it (`writtenAt([])` for a scalar
 * value itself; see scalarSourceAt), or what yaml could not read in it.
 */
export type ReadYamlValue =
  | { ok: true; value: unknown; writtenAt: (path: DocumentPath) => string | undefined }
  | { ok: false; problem: string };

/**
 * Reads `text` as a YAML value with the options of a file (SCENARIO_YAML_OPTIONS: merge keys
 * `<<` merge, a key twice is refused); an empty text is null, as in YAML. Refused with the first
 * problem: a syntax error or warning, and the anchor, alias and merge-key problems of a file (an
 * alias naming no anchor before it, an anchor set twice, an alias inside the value it names, a
 * merge key of anything but a mapping: see yamlReferenceProblems), which yaml would throw on
 * while converting, or pass on as a circular value.
 */
export function readYamlValue(text: string): ReadYamlValue {
  const document = parseDocument(text, SCENARIO_YAML_OPTIONS);
  const problem = [...document.errors, ...document.warnings][0];
  if (problem) return { ok: false, problem: problem.message };
  // An option value is one line: a position in it is a character.
  const [reference] = yamlReferenceProblems(document, text, (offset) => `character ${offset + 1}`);
  if (reference) return { ok: false, problem: reference.message };
  return {
    ok: true,
    value: document.toJS({ maxAliasCount: -1 }),
    writtenAt: (path) => scalarSourceAt(document, path),
  };
}
