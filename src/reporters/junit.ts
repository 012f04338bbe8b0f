import { stripVTControlCharacters } from 'node:util';
import junitModule, { type TestCase, type TestSuite } from 'junit-report-builder';
import type { Finding } from '../checks/types.js';
import type { CheckResult, MethodResult, RunResult, SequenceResult } from '../run/results.js';
import { cellKey, groupFindings, plural } from './format.js';
import type { ReporterOptions } from './options.js';
import { redactRunResult, resolveReporterOptions } from './redaction.js';
import type { Reporter, RunEndState } from './types.js';
import { writeReport } from './write-report.js';

// The package's runtime export is the builder itself, while its types declare a default export.
const junit = junitModule as unknown as typeof junitModule.default;

/** File name of the JUnit report inside the reports folder. */
export const JUNIT_FILE = 'junit.xml';

/** Name of the test suite that contains the stateful sequences. */
export const SEQUENCES_SUITE = 'sequences';

type XmlElement = ReturnType<TestCase['build']>;

/** Removes ANSI escapes; junit-report-builder would drop ESC but keep the rest of the code. */
function clean(text: string): string {
  return stripVTControlCharacters(text);
}

function describeFinding(finding: Finding): string {
  const lines = [
    `[${finding.severity}] ${finding.message}`,
    `  expected: ${finding.expected}`,
    `  actual: ${finding.actual}`,
    `  pointer: ${finding.pointer === '' ? '(whole body)' : finding.pointer}`,
    `  case: ${finding.caseId}, exchange: ${finding.exchangeId}`,
  ];
  if (finding.responseStatus !== undefined) {
    lines.push(`  response status: ${finding.responseStatus}`);
  }
  if (finding.responseBody !== undefined) {
    lines.push(`  response body: ${finding.responseBody}`);
  }
  lines.push(`  ${finding.curl}`);
  return clean(lines.join('\n'));
}

/**
 * Marks a test case skipped with a `message` attribute. The builder's `skipped()` takes no
 * message, so the element it builds gets the attribute afterwards.
 */
function skipWithMessage(testCase: TestCase, message: string): void {
  testCase.skipped();
  const build = testCase.build.bind(testCase);
  testCase.build = (parent: XmlElement): XmlElement => {
    const element = build(parent);
    for (const child of element.children) {
      if ((child as { name?: unknown }).name === 'skipped') {
        (child as XmlElement).att('message', message);
      }
    }
    return element;
  };
}

function failureMessage(cell: CheckResult, findings: readonly Finding[]): string {
  const first = findings.find((finding) => finding.severity === 'failure') ?? findings[0];
  const count = plural(cell.failures, 'failure');
  if (first === undefined) {
    return `${count}, ${plural(cell.warnings, 'warning')} counted as failures`;
  }
  return clean(`${count}; first: ${first.message}`);
}

function addCheckCase(
  suite: TestSuite,
  method: MethodResult,
  cell: CheckResult,
  findings: readonly Finding[],
): void {
  const testCase = suite.testCase().className(`partly.${method.method}`).name(cell.check).time(0);
  const failures = findings.filter((finding) => finding.severity === 'failure');
  const warnings = findings.filter((finding) => finding.severity === 'warning');
  if (cell.verdict === 'fail') {
    // In a strict run warnings count as failures, so they belong in the failure body too.
    const body = (failures.length > 0 ? [...failures, ...warnings] : findings).map(describeFinding);
    testCase.failure(failureMessage(cell, findings), cell.check).stacktrace(body.join('\n\n'));
  } else if (cell.verdict === 'not-proven') {
    skipWithMessage(testCase, clean(`not proven: ${cell.reason ?? 'no exchange was judged'}`));
  }
  if (cell.verdict !== 'fail' && warnings.length > 0) {
    testCase.standardOutput(warnings.map(describeFinding).join('\n\n'));
  }
}

function addRunProperties(suite: TestSuite, result: RunResult): void {
  suite
    .property('target', clean(result.target))
    .property('seed', String(result.seed))
    .property('profile', result.profile)
    .property('specVersion', result.specVersion)
    .property('specHash', result.specHash)
    .property('harnessVersion', result.harnessVersion)
    .property('command', clean(result.command));
}

function addMethodSuite(builder: JunitBuilder, result: RunResult, method: MethodResult): void {
  // NOTE: checks are judged together per exchange and not timed apart, so every time is 0.
  const suite = builder.testSuite().name(method.method).timestamp(result.startedAt).time(0);
  addRunProperties(suite, result);
  const groups = groupFindings(result.findings);
  for (const cell of method.checks) {
    addCheckCase(suite, method, cell, groups.get(cellKey(method.method, cell.check)) ?? []);
  }
}

function describeSequence(sequence: SequenceResult): string {
  const lines = sequence.message === undefined ? [] : [sequence.message];
  sequence.steps.forEach((step, index) => {
    const status = step.status === undefined ? 'no response' : `status ${step.status}`;
    lines.push(`${index + 1}. ${step.method} as ${step.credential}: ${status}`, `   ${step.curl}`);
  });
  return clean(lines.join('\n'));
}

function addSequenceSuite(builder: JunitBuilder, result: RunResult): void {
  const suite = builder.testSuite().name(SEQUENCES_SUITE).timestamp(result.startedAt).time(0);
  addRunProperties(suite, result);
  for (const sequence of result.sequences) {
    const testCase = suite
      .testCase()
      .className('partly.sequences')
      .name(clean(sequence.name))
      .time(0);
    if (sequence.verdict === 'fail') {
      const message = clean(sequence.message ?? `sequence ${sequence.name} failed`);
      testCase.failure(message, sequence.check).stacktrace(describeSequence(sequence));
    } else if (sequence.verdict === 'not-proven') {
      skipWithMessage(
        testCase,
        clean(`not proven: ${sequence.message ?? 'the sequence could not run'}`),
      );
    }
  }
}

type JunitBuilder = ReturnType<typeof junit.newBuilder>;

/**
 * Renders the run as JUnit XML: a `testsuite` per method (and one for the sequences), a
 * `testcase` per check. A failing check gets a `failure` with its findings and curl lines. A
 * check that is not proven is `skipped` with the reason, never a pass.
 */
export function renderJunitXml(result: RunResult): string {
  const builder = junit.newBuilder().name('partly-conformance');
  for (const method of result.methods) {
    addMethodSuite(builder, result, method);
  }
  if (result.sequences.length > 0) {
    addSequenceSuite(builder, result);
  }
  return `${builder.build()}\n`;
}

/** Creates the JUnit reporter, which writes `junit.xml`. */
export function createJunitReporter(options: ReporterOptions = {}): Reporter {
  const resolved = resolveReporterOptions(options);
  return {
    name: 'junit',
    async onRunEnd(state: RunEndState): Promise<void> {
      const xml = renderJunitXml(redactRunResult(state.result, resolved.redact));
      await writeReport(state.reportsDir, JUNIT_FILE, xml, resolved.redact);
    },
  };
}
