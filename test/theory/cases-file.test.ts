import { describe, expect, it } from 'vitest';
import { theoryCase, theoryCasesFile, theoryCasesProblem } from '../helpers/theory-cases.js';

// The one place a missing or unreadable cases file fails; the suites that need it are skipped.
describe('the reference cases file', () => {
  it(`is readable at ${theoryCasesFile}`, () => {
    if (theoryCasesProblem !== undefined) expect.fail(theoryCasesProblem);
  });

  it.runIf(theoryCasesProblem === undefined)(
    'holds cases with an id, a kind, inputs and expected values',
    () => {
      const c01 = theoryCase('C01');
      expect(c01.id).toMatch(/^C01-/);
      expect(['exact', 'statistical']).toContain(c01.kind);
      expect(Object.keys(c01.inputs).length).toBeGreaterThan(0);
      expect(Object.keys(c01.expected).length).toBeGreaterThan(0);
    },
  );
});
