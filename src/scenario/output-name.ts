/**
 * A scenario's `name` names its output folder (`output/<name>/`): what a name may be, and why a
 * name is refused, in words that say what the folder would be.
 */

/** Letters, digits, `.`, `_`, `-`, beginning with a letter or digit: a folder inside output/. */
export const OUTPUT_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * Why `name` cannot name an output folder (OUTPUT_NAME refused it), as a schema message: a name
 * of the allowed characters is refused for how it begins, and `.` and `..` say which folder they
 * would name instead (output/ itself, or the one holding it).
 */
export function outputNameProblem(name: unknown): string {
  if (typeof name !== 'string' || !/^[A-Za-z0-9._-]+$/.test(name)) {
    return 'expected a name of letters, digits, . _ - (it names the output folder)';
  }
  const start = 'expected a name beginning with a letter or digit (it names the output folder';
  if (name === '..') return `${start}: .. would name a folder outside output/, the one holding it)`;
  if (name === '.') return `${start}: . would name output/ itself)`;
  return `${start})`;
}
