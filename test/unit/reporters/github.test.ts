import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  collectAnnotations,
  createGithubReporter,
  escapeCommandData,
  escapeCommandProperty,
  formatAnnotation,
  MAX_ANNOTATIONS_PER_KIND,
} from '../../../src/reporters/github.js';
import {
  codeBlock,
  escapeMarkdown,
  renderJobSummary,
} from '../../../src/reporters/github-summary.js';
import type { RunResult } from '../../../src/run/results.js';
import { CLEAN_RUN, MIXED_RUN } from '../../fixtures/reporters/runs.js';
import { captureStream, endRun, makeTempDir } from './support.js';

function commandLines(text: string): string[] {
  return text.split('\n').filter((line) => line.startsWith('::'));
}

describe('github reporter', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  beforeEach(async () => {
    temp = await makeTempDir();
  });
  afterEach(async () => {
    await temp.remove();
  });

  it('escapes percent, CR and LF in messages', () => {
    expect(escapeCommandData('100% done\r\nnext')).toBe('100%25 done%0D%0Anext');
  });

  it('escapes colon and comma in properties', () => {
    expect(escapeCommandProperty('a: b, c%\n')).toBe('a%3A b%2C c%25%0A');
  });

  it('keeps a hostile message on one command line', () => {
    const line = formatAnnotation({
      kind: 'error',
      title: 'x, y: z',
      message: 'body\n::add-mask::secret\r\n::stop-commands::end',
    });
    expect(line).toBe(
      '::error title=x%2C y%3A z::body%0A::add-mask::secret%0D%0A::stop-commands::end',
    );
    expect(line.split('\n')).toHaveLength(1);
  });

  it('annotates failures as errors and warnings as warnings', () => {
    const annotations = collectAnnotations(MIXED_RUN);
    const errors = annotations.filter((annotation) => annotation.kind === 'error');
    const warnings = annotations.filter((annotation) => annotation.kind === 'warning');
    expect(errors.map((annotation) => annotation.title)).toEqual([
      'partly-conformance: sequence role-matrix',
      'partly-conformance: repairer.jobs.baskets.latest.get no-offer-currency',
      'partly-conformance: repairer.jobs.insert not-server-error',
      'partly-conformance: repairer.jobs.parts.insert error-bare-string',
      'partly-conformance: supplier.procurements.confirm status-code',
    ]);
    expect(warnings.map((annotation) => annotation.title)).toEqual([
      'partly-conformance: not proven',
      'partly-conformance: repairer.procurements.insert status-code',
      'partly-conformance: uploads.prepare negative-rejected',
    ]);
    const baskets = errors[1];
    expect(baskets?.message).toContain('1 failure; first: offer carries currency');
    expect(baskets?.message).toContain('at /basket/offers/0/currency');
    expect(baskets?.message).toContain(
      'curl -sS -g -X POST http://127.0.0.1:4010/api/2026-01/repairer.jobs.baskets.latest.get ',
    );
  });

  it('caps annotations and says how many were left out', () => {
    const many: RunResult = {
      ...MIXED_RUN,
      methods: MIXED_RUN.methods.map((method) => ({
        ...method,
        checks: method.checks.map((cell) => ({ ...cell, verdict: 'fail', failures: 1 })),
      })),
    };
    const annotations = collectAnnotations(many);
    expect(annotations.filter((annotation) => annotation.kind === 'error')).toHaveLength(
      MAX_ANNOTATIONS_PER_KIND,
    );
    const notice = annotations.find((annotation) => annotation.kind === 'notice');
    expect(notice?.message).toMatch(/^\d+ more annotations left out/);
  });

  it('prints one line outside GitHub Actions', async () => {
    const stream = captureStream();
    await endRun(createGithubReporter({ stream, env: {} }), MIXED_RUN, temp.dir);
    expect(stream.text()).toBe(
      'github reporter: GITHUB_ACTIONS is not true, so no annotations or job summary\n',
    );
  });

  it('writes commands and appends the job summary in GitHub Actions', async () => {
    const summaryFile = join(temp.dir, 'step-summary.md');
    await writeFile(summaryFile, '# earlier step\n', 'utf8');
    const stream = captureStream();
    const env = { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summaryFile };
    await endRun(createGithubReporter({ stream, env }), MIXED_RUN, temp.dir);
    const lines = commandLines(stream.text());
    expect(lines.filter((line) => line.startsWith('::error title='))).toHaveLength(5);
    expect(lines.filter((line) => line.startsWith('::warning title='))).toHaveLength(3);
    expect(
      stream
        .text()
        .split('\n')
        .filter((line) => line !== ''),
    ).toEqual(lines);
    const summary = await readFile(summaryFile, 'utf8');
    expect(summary.startsWith('# earlier step\n## partly-conformance: ❌ FAIL')).toBe(true);
  });

  it('writes no job summary without GITHUB_STEP_SUMMARY', async () => {
    const stream = captureStream();
    await endRun(
      createGithubReporter({ stream, env: { GITHUB_ACTIONS: 'true' } }),
      CLEAN_RUN,
      temp.dir,
    );
    expect(stream.text()).toBe(
      'github reporter: GITHUB_STEP_SUMMARY is not set, so no job summary\n',
    );
  });
});

describe('job summary', () => {
  it('shows the grid, the not-proven note and the reproduce command', () => {
    const summary = renderJobSummary(MIXED_RUN);
    expect(summary).toContain('> [!WARNING]');
    expect(summary).toContain(
      '> - tier1.prepare negative-rejected: no invalid request could be built',
    );
    expect(summary).toContain('| repairer.jobs.parts.insert | 206 |');
    expect(summary.match(/^\| [a-z0-9-]+\.[a-z0-9.-]+ \| [\d,]+ \|/gm)).toHaveLength(17);
    expect(summary).toContain(
      '```sh\nnpx partly-conformance run --seed 424242 --cases 100 --target http://127.0.0.1:4010\n```',
    );
  });

  it('escapes markup and table breaks from the target', () => {
    const summary = renderJobSummary(MIXED_RUN);
    expect(summary).not.toContain('<script>');
    expect(summary).toContain('&lt;script&gt;');
    expect(escapeMarkdown('a | b <i> `c`\nd')).toBe('a \\| b &lt;i&gt; \\`c\\` d');
  });

  it('fences code longer than any backtick run inside', () => {
    expect(codeBlock('a ``` b', 'sh')).toBe('````sh\na ``` b\n````');
  });

  it('says pass for a clean run', () => {
    const summary = renderJobSummary(CLEAN_RUN);
    expect(summary.startsWith('## partly-conformance: ✅ pass')).toBe(true);
    expect(summary).not.toContain('[!WARNING]');
    expect(summary).not.toContain('### Failures');
  });
});
