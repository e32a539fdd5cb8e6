import { expect } from 'vitest';
import { ScenarioError, type ScenarioIssue } from '../../src/scenario/errors.js';

/** Runs `action`, expects a ScenarioError and returns its issues. */
export function issuesOf(action: () => unknown): ScenarioIssue[] {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(ScenarioError);
    return (error as ScenarioError).issues;
  }
  throw new Error('expected a ScenarioError, but nothing was thrown');
}

/** The issues as `path: message` lines, in the order reported. */
export function issueLines(issues: readonly ScenarioIssue[]): string[] {
  return issues.map((issue) => `${issue.path}: ${issue.message}`);
}

/** The one issue at `path`; fails when there is none or more than one. */
export function issueAt(issues: ScenarioIssue[], path: string): ScenarioIssue {
  const matching = issues.filter((issue) => issue.path === path);
  expect(matching, `issues at '${path}' among ${JSON.stringify(issues, null, 2)}`).toHaveLength(1);
  return matching[0];
}

/** The fixtures folder, resolved from the repository root where vitest runs. */
export const FIXTURES = 'test/fixtures';
