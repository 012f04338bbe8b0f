import { appendFile } from 'node:fs/promises';
import type { Finding } from '../checks/types.js';
import type { RunResult } from '../run/results.js';
import { cellKey, groupFindings, notProvenCells, plural } from './format.js';
import { renderJobSummary } from './github-summary.js';
import type { ReporterOptions } from './options.js';
import { redactRunResult, resolveReporterOptions } from './redaction.js';
import type { Reporter, RunEndState } from './types.js';

/** GitHub shows at most 10 error and 10 warning annotations per step; more are dropped. */
export const MAX_ANNOTATIONS_PER_KIND = 10;

/** One workflow command that annotates the run. */
export interface Annotation {
  kind: 'error' | 'warning' | 'notice';
  title: string;
  message: string;
}

/** Escapes the message of a workflow command: `%`, CR and LF. */
export function escapeCommandData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a workflow command property value: the data escapes plus `:` and `,`. */
export function escapeCommandProperty(text: string): string {
  return escapeCommandData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** Formats an annotation as a workflow command line, such as `::error title=...::message`. */
export function formatAnnotation(annotation: Annotation): string {
  const title = escapeCommandProperty(annotation.title);
  return `::${annotation.kind} title=${title}::${escapeCommandData(annotation.message)}`;
}

function describeFirst(findings: readonly Finding[], count: string): string {
  const first = findings[0];
  if (first === undefined) {
    return count;
  }
  const pointer = first.pointer === '' ? '(whole body)' : first.pointer;
  return [
    `${count}; first: ${first.message}`,
    `expected ${first.expected}, actual ${first.actual}, at ${pointer}`,
    first.curl,
  ].join('\n');
}

function cellAnnotations(result: RunResult): Annotation[] {
  const groups = groupFindings(result.findings);
  const annotations: Annotation[] = [];
  for (const method of result.methods) {
    for (const cell of method.checks) {
      const findings = groups.get(cellKey(method.method, cell.check)) ?? [];
      const title = `partly-conformance: ${method.method} ${cell.check}`;
      if (cell.verdict === 'fail') {
        const failures = findings.filter((finding) => finding.severity === 'failure');
        const reported = failures.length > 0 ? failures : findings;
        const message = describeFirst(reported, plural(cell.failures, 'failure'));
        annotations.push({ kind: 'error', title, message });
      } else if (cell.warnings > 0) {
        const warnings = findings.filter((finding) => finding.severity === 'warning');
        const message = describeFirst(warnings, plural(cell.warnings, 'warning'));
        annotations.push({ kind: 'warning', title, message });
      }
    }
  }
  return annotations;
}

function sequenceAnnotations(result: RunResult): Annotation[] {
  return result.sequences
    .filter((sequence) => sequence.verdict === 'fail')
    .map((sequence) => {
      const steps = sequence.steps.map((step) => step.curl);
      const message = [sequence.message ?? 'the sequence failed', ...steps].join('\n');
      return { kind: 'error', title: `partly-conformance: sequence ${sequence.name}`, message };
    });
}

function notProvenAnnotation(result: RunResult): Annotation[] {
  const cells = notProvenCells(result).length;
  const sequences = result.sequences.filter((sequence) => sequence.verdict === 'not-proven').length;
  if (cells === 0 && sequences === 0) {
    return [];
  }
  const message =
    `${plural(cells, 'method x check cell')} and ${plural(sequences, 'sequence')} ` +
    'have no evidence; see the job summary';
  return [{ kind: 'warning', title: 'partly-conformance: not proven', message }];
}

/**
 * Lists the annotations of a run: an error per failing method x check and sequence, a warning
 * per cell with warnings and one for everything unproven. Past the per-step cap a notice counts
 * the ones left out.
 */
export function collectAnnotations(result: RunResult): Annotation[] {
  const all = [
    ...notProvenAnnotation(result),
    ...sequenceAnnotations(result),
    ...cellAnnotations(result),
  ];
  const errors = all.filter((annotation) => annotation.kind === 'error');
  const warnings = all.filter((annotation) => annotation.kind === 'warning');
  const annotated = [
    ...errors.slice(0, MAX_ANNOTATIONS_PER_KIND),
    ...warnings.slice(0, MAX_ANNOTATIONS_PER_KIND),
  ];
  const dropped = all.length - annotated.length;
  if (dropped > 0) {
    annotated.push({
      kind: 'notice',
      title: 'partly-conformance: more annotations',
      message: `${plural(dropped, 'more annotation')} left out; see the job summary and the reports`,
    });
  }
  return annotated;
}

/**
 * Creates the GitHub Actions reporter. With `GITHUB_ACTIONS=true` it prints workflow commands
 * that annotate failures and warnings, and appends a Markdown summary to the file named by
 * `GITHUB_STEP_SUMMARY`. Elsewhere it prints one line and does nothing else.
 */
export function createGithubReporter(options: ReporterOptions = {}): Reporter {
  const resolved = resolveReporterOptions(options);

  function writeLine(line: string): void {
    resolved.stream.write(`${resolved.redact(line)}\n`);
  }

  return {
    name: 'github',
    async onRunEnd(state: RunEndState): Promise<void> {
      if (resolved.env.GITHUB_ACTIONS !== 'true') {
        writeLine('github reporter: GITHUB_ACTIONS is not true, so no annotations or job summary');
        return;
      }
      const result = redactRunResult(state.result, resolved.redact);
      for (const annotation of collectAnnotations(result)) {
        writeLine(formatAnnotation(annotation));
      }
      const summaryFile = resolved.env.GITHUB_STEP_SUMMARY;
      if (summaryFile === undefined || summaryFile === '') {
        writeLine('github reporter: GITHUB_STEP_SUMMARY is not set, so no job summary');
        return;
      }
      await appendFile(summaryFile, resolved.redact(renderJobSummary(result)), 'utf8');
    },
  };
}
