/**
 * How the `yaml` package reads scenario text: files (parseSource) and the values of `--set`,
 * `--vary` and `--param` (readYamlValue) alike, so a value means on the command line what it
 * means in a file.
 */
import type { DocumentOptions, ParseOptions, SchemaOptions } from 'yaml';

/**
 * Errors without a code frame (messages locate them themselves), a key twice in one mapping
 * refused, and merge keys (`<<: *defaults`), which let scenarios reuse settings.
 */
export const SCENARIO_YAML_OPTIONS: ParseOptions & DocumentOptions & SchemaOptions = {
  prettyErrors: false,
  uniqueKeys: true,
  merge: true,
};
