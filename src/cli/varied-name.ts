import { parsePath } from '../scenario/document-path.js';
import { quoteOption } from '../scenario/quote-option.js';

/** The options that make a study's variants (see VaryingOptions of replicated-study). */
interface Varying {
  texts: readonly string[];
  option: '--vary' | '--param';
  noun: string;
}

/**
 * Why a study cannot vary the scenario's `name`: one problem per `--vary` or `--param` of it. The
 * name changes nothing a run measures, only the output folder, and a study writes one folder
 * (`output/<name>/compare` or `/sweep`, named after the scenario with its --set options), so its
 * variants would run alike under names that name nothing.
 */
export function nameVaryProblems(varying: Varying): string[] {
  const { option, noun } = varying;
  return varying.texts
    .filter(isNameOption)
    .map(
      (varied) =>
        `${quoteOption(option, varied, 'list')} varies only the scenario's name, which names the output folder, ` +
        `so every ${noun} would run alike: drop this ${option} (--set name=... or --out names the folder)`,
    );
}

/** True when `text`, a `path=values` option, is about the scenario's `name` itself (`name`, `["name"]`). */
function isNameOption(text: string): boolean {
  const equals = text.indexOf('=');
  const parsed = parsePath(text.slice(0, equals < 0 ? text.length : equals).trim());
  return parsed.ok && parsed.path.length === 1 && parsed.path[0] === 'name';
}
