import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHtmlReporter, HTML_FILE, renderHtmlReport } from '../../../src/reporters/html.js';
import { escapeHtml } from '../../../src/reporters/html-escape.js';
import type { RunResult } from '../../../src/run/results.js';
import { CLEAN_RUN, MIXED_RUN } from '../../fixtures/reporters/runs.js';
import { endRun, makeTempDir } from './support.js';

function inlineBlocks(html: string, tag: 'script' | 'style'): string[] {
  return [...html.matchAll(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, 'g'))].map(
    (match) => match[1] ?? '',
  );
}

function hash(text: string): string {
  return `sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}`;
}

describe('html reporter', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  beforeEach(async () => {
    temp = await makeTempDir();
  });
  afterEach(async () => {
    await temp.remove();
  });

  it('writes report.html', async () => {
    await endRun(createHtmlReporter(), MIXED_RUN, temp.dir);
    const html = await readFile(join(temp.dir, HTML_FILE), 'utf8');
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('data-testid="grid"');
  });

  it('escapes a script in a response body', () => {
    const html = renderHtmlReport(MIXED_RUN);
    expect(html).not.toContain('<script>document.title');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;script&gt;document.title=&quot;pwned&quot;&lt;/script&gt;');
    expect(inlineBlocks(html, 'script')).toHaveLength(1);
  });

  it('escapes every field a target can fill', () => {
    const marker = '<b id="x">\'&';
    const hostile: RunResult = {
      ...MIXED_RUN,
      target: marker,
      command: marker,
      specHash: marker,
      sequences: [
        {
          name: marker,
          check: 'auth',
          verdict: 'fail',
          message: marker,
          steps: [{ method: marker, credential: marker, status: 200, curl: marker }],
        },
      ],
      findings: MIXED_RUN.findings.map((finding) => ({
        ...finding,
        message: marker,
        expected: marker,
        actual: marker,
        pointer: marker,
        caseId: marker,
        exchangeId: marker,
        curl: marker,
        requestBody: marker,
        responseBody: marker,
      })),
      methods: MIXED_RUN.methods.map((method) => ({
        ...method,
        checks: method.checks.map((cell) =>
          cell.verdict === 'not-proven' ? { ...cell, reason: marker } : cell,
        ),
      })),
      observations: [
        {
          method: marker,
          undocumentedFields: [marker],
          undocumentedStatuses: [],
          undocumentedVariants: [marker],
          strayExtensionMarker: false,
        },
      ],
    };
    const html = renderHtmlReport(hostile);
    expect(html).not.toContain('<b id="x">');
    expect(html).toContain(escapeHtml(marker));
  });

  it('loads nothing over http or https', () => {
    const html = renderHtmlReport(MIXED_RUN);
    expect(html).not.toMatch(
      /\b(src|href|action|poster|srcset|data|formaction)\s*=\s*["']?\s*(https?:)?\/\//i,
    );
    expect(html).not.toMatch(/<(link|iframe|img|object|embed|base|audio|video|source)\b/i);
    expect(html).not.toMatch(/@import|url\(/i);
    for (const script of inlineBlocks(html, 'script')) {
      expect(script).not.toMatch(/https?:|fetch\(|XMLHttpRequest|WebSocket|sendBeacon|import\(/);
    }
    const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((match) => match[1]);
    for (const href of hrefs) {
      expect(href).toMatch(/^#/);
    }
  });

  it('allows only its own style and script by hash', () => {
    const html = renderHtmlReport(MIXED_RUN);
    const policy = /http-equiv="Content-Security-Policy" content="([^"]*)"/
      .exec(html)?.[1]
      ?.replace(/&#39;/g, "'");
    expect(policy).toContain("default-src 'none'");
    const [style] = inlineBlocks(html, 'style');
    const [script] = inlineBlocks(html, 'script');
    expect(policy).toContain(`style-src '${hash(style ?? '')}'`);
    expect(policy).toContain(`script-src '${hash(script ?? '')}'`);
    expect(policy).not.toContain('unsafe-inline');
  });

  it('shows the run facts and the reproduce command', () => {
    const html = renderHtmlReport(MIXED_RUN);
    expect(html).toContain('<dd data-testid="summary-seed"><span class="mono">424242</span></dd>');
    expect(html).toContain('sha256:4be1c0ffee');
    expect(html).toContain('data-testid="summary-harness-version">0.1.0<');
    expect(html).toContain(
      'data-testid="reproduce-command">npx partly-conformance run --seed 424242 --cases 100 --target http://127.0.0.1:4010</pre>',
    );
  });

  it('shows the not-proven banner only when something is unproven', () => {
    expect(renderHtmlReport(MIXED_RUN)).toContain('data-testid="not-proven-banner"');
    expect(renderHtmlReport(CLEAN_RUN)).not.toContain('data-testid="not-proven-banner"');
  });

  it('renders a grid row per method and a finding per finding', () => {
    const html = renderHtmlReport(MIXED_RUN);
    expect(html.match(/<tr data-testid="grid-row"/g)).toHaveLength(17);
    expect(html.match(/<details class="finding" data-testid="finding"/g)).toHaveLength(
      MIXED_RUN.findings.length,
    );
    expect(html.match(/data-testid="finding-curl"/g)).toHaveLength(MIXED_RUN.findings.length);
  });

  it('labels verdicts with words as well as colours', () => {
    const html = renderHtmlReport(MIXED_RUN);
    expect(html).toContain('>✗ FAIL 3</a>');
    expect(html).toContain('>? n/p</span>');
    expect(html).toContain('>✓ pass</span>');
  });

  it('says so when there are no findings', () => {
    expect(renderHtmlReport(CLEAN_RUN)).toContain('data-testid="no-findings"');
  });
});
