import { createHash } from 'node:crypto';
import type { RunResult } from '../run/results.js';
import { overallVerdict } from './format.js';
import { escapeHtml } from './html-escape.js';
import {
  collectFindingGroups,
  groupAnchors,
  renderFindings,
  renderNotProven,
  renderObservations,
  renderSequences,
} from './html-findings.js';
import { REPORT_SCRIPT } from './html-script.js';
import {
  renderGrid,
  renderNotProvenBanner,
  renderReproduce,
  renderSummary,
} from './html-sections.js';
import { REPORT_STYLE } from './html-style.js';
import type { ReporterOptions } from './options.js';
import { redactRunResult, resolveReporterOptions } from './redaction.js';
import type { Reporter, RunEndState } from './types.js';
import { writeReport } from './write-report.js';

/** File name of the HTML report inside the reports folder. */
export const HTML_FILE = 'report.html';

function sha256(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/**
 * Builds the page's Content Security Policy: nothing may load, and only the page's own style and
 * script (by hash) may run. Should escaping ever miss a `<script>` from a response body, the
 * browser still refuses to run it.
 */
function contentSecurityPolicy(): string {
  return [
    "default-src 'none'",
    `style-src ${sha256(REPORT_STYLE)}`,
    `script-src ${sha256(REPORT_SCRIPT)}`,
    "img-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

function title(result: RunResult): string {
  const verdict = overallVerdict(result);
  let word = 'pass';
  if (verdict === 'fail') {
    word = 'FAIL';
  } else if (verdict === 'not-proven') {
    word = 'pass, not all proven';
  }
  return `partly-conformance: ${word} · ${result.target}`;
}

/**
 * Renders the run as one self-contained HTML page: inline style and script only, every string
 * from the run escaped, and a Content Security Policy that blocks every load.
 */
export function renderHtmlReport(result: RunResult): string {
  const groups = collectFindingGroups(result);
  const body = [
    renderSummary(result),
    renderNotProvenBanner(result),
    renderGrid(result, groupAnchors(groups)),
    renderFindings(groups),
    renderNotProven(result),
    renderSequences(result),
    renderObservations(result),
    renderReproduce(result),
    `<footer>partly-conformance ${escapeHtml(result.harnessVersion)} · spec ${escapeHtml(result.specVersion)} · this page loads nothing from the network</footer>`,
  ].filter((part) => part !== '');
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(contentSecurityPolicy())}">`,
    '<meta name="referrer" content="no-referrer">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title(result))}</title>`,
    `<style>${REPORT_STYLE}</style>`,
    '</head>',
    '<body>',
    '<main>',
    ...body,
    '</main>',
    `<script>${REPORT_SCRIPT}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** Creates the HTML reporter, which writes `report.html`. */
export function createHtmlReporter(options: ReporterOptions = {}): Reporter {
  const resolved = resolveReporterOptions(options);
  return {
    name: 'html',
    async onRunEnd(state: RunEndState): Promise<void> {
      const html = renderHtmlReport(redactRunResult(state.result, resolved.redact));
      await writeReport(state.reportsDir, HTML_FILE, html, resolved.redact);
    },
  };
}
