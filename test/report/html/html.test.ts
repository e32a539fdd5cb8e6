import { describe, expect, it } from 'vitest';
import { reproduceCommand } from '../../../src/report/html/header-section.js';
import { escapeHtml, html, rawHtml } from '../../../src/report/html/html.js';
import { shellWord } from '../../../src/report/run-command-line.js';
import { smallRunResult } from '../fake-run-results.js';

describe('escapeHtml', () => {
  it('replaces the five characters that can end text or an attribute', () => {
    expect(escapeHtml(`<a href="x" title='y'>&amp;</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;',
    );
    expect(escapeHtml('plain text, µs and → stay')).toBe('plain text, µs and → stay');
  });
});

describe('html template', () => {
  it('escapes interpolated text and numbers, keeps its own markup and nested fragments', () => {
    const name = '<script>alert(1)</script>';
    const inner = html`<b>${name}</b>`;
    const page = html`<p title="${'"onmouseover="x'}">${inner} ${42} ${[html`<i>a</i>`, '&']}</p>`;
    expect(page.markup).toBe(
      '<p title="&quot;onmouseover=&quot;x"><b>&lt;script&gt;alert(1)&lt;/script&gt;</b> 42 <i>a</i>&amp;</p>',
    );
  });

  it('leaves out null, undefined and false, so a condition can stand in a template', () => {
    const shown = false;
    expect(html`a${null}b${undefined}c${shown && html`<hr>`}d`.markup).toBe('abcd');
  });

  it('inserts rawHtml as it is', () => {
    expect(html`${rawHtml('<br>')}`.markup).toBe('<br>');
  });
});

describe('the command that repeats a run', () => {
  it('quotes only the words the shell would split or expand', () => {
    expect(shellWord('scenarios/lossy-link.yaml')).toBe('scenarios/lossy-link.yaml');
    expect(shellWord('flows[0].workload.messages=500')).toBe("'flows[0].workload.messages=500'");
    expect(shellWord("name=it's")).toBe(`'name=it'\\''s'`);
  });

  it('names the file, the seed of the run and every override in order', () => {
    const { summary } = smallRunResult();
    const command = reproduceCommand(summary, {
      version: '0.0.0',
      scenarioFile: 'my scenario.yaml',
      overrides: ['links[0].loss=0.1', 'duration=5s'],
    });
    expect(command).toBe(
      "msgsim run 'my scenario.yaml' --seed 7 --set 'links[0].loss=0.1' --set duration=5s",
    );
    expect(reproduceCommand(summary, { version: '0.0.0' })).toBeNull();
  });

  it('repeats the replication after the seed when it is not 0, and leaves out replication 0', () => {
    const { summary } = smallRunResult();
    const context = { version: '0.0.0', scenarioFile: 'x.yaml', overrides: ['links[0].loss=0.1'] };
    expect(reproduceCommand({ ...summary, replication: 2 }, context, false)).toBe(
      "msgsim run x.yaml --seed 7 --replication 2 --set 'links[0].loss=0.1' --no-charts",
    );
    expect(reproduceCommand({ ...summary, replication: 0 }, context)).toBe(
      "msgsim run x.yaml --seed 7 --set 'links[0].loss=0.1'",
    );
  });

  it('repeats --no-charts, and a --max-events the run needed (more events than the default allows)', () => {
    const { summary } = smallRunResult();
    const context = { version: '0.0.0', scenarioFile: 'x.yaml' };
    expect(reproduceCommand(summary, context, false)).toBe('msgsim run x.yaml --seed 7 --no-charts');
    const limit = (maxEvents: number, defaultMaxEvents: number) => ({
      ...context,
      eventLimit: { maxEvents, defaultMaxEvents },
    });
    const needing = { ...summary, events: 1001 };
    expect(reproduceCommand(needing, limit(5000, 1000))).toBe('msgsim run x.yaml --seed 7 --max-events 5000');
    expect(reproduceCommand(needing, limit(5000, 1000), false)).toBe(
      'msgsim run x.yaml --seed 7 --no-charts --max-events 5000',
    );
    // Within the default: the limit changes nothing, raised or lowered.
    expect(reproduceCommand({ ...summary, events: 1000 }, limit(5000, 1000))).toBe(
      'msgsim run x.yaml --seed 7',
    );
    expect(reproduceCommand({ ...summary, events: 900 }, limit(950, 1000))).toBe(
      'msgsim run x.yaml --seed 7',
    );
  });
});
