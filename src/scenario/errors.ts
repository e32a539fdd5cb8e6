/** One problem in a scenario file, located as precisely as known. */
export interface ScenarioIssue {
  /** The file as the user named it. */
  file: string;
  /** Path inside the document, like `links[2].bandwidth` (empty for the whole document). */
  path: string;
  /** 1-based line and column when known. */
  line?: number;
  column?: number;
  /** What was wrong and what was expected. */
  message: string;
}

/** Bad scenario input: the CLI prints every issue and exits with code 2. */
export class ScenarioError extends Error {
  constructor(readonly issues: ScenarioIssue[]) {
    super(issues.map(formatIssue).join('\n'));
    this.name = 'ScenarioError';
  }
}

/** `file:line:column: path: message`, leaving out what is unknown. */
export function formatIssue(issue: ScenarioIssue): string {
  const where = [issue.file, issue.line, issue.line !== undefined ? issue.column : undefined]
    .filter((part) => part !== undefined)
    .join(':');
  return `${where}: ${issue.path ? `${issue.path}: ` : ''}${issue.message}`;
}
