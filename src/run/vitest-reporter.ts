import type {
  SerializedError,
  TestCase,
  TestModule,
  Vitest,
  Reporter as VitestReporter,
} from 'vitest/node';
import type { ResolvedOptions } from '../config/options.js';
import { createReporters } from '../reporters/index.js';
import type { Reporter } from '../reporters/types.js';
import { loadCatalogue } from '../spec/index.js';
import { buildRunResult, type CollectedMeta, describeTarget } from './build-result.js';
import type { PartlyMeta } from './meta.js';
import type { RunResult } from './results.js';

export interface PartlyReporterOptions {
  /** Given by the CLI; under plain vitest they come from the suites' global setup. */
  inputs?: { options: ResolvedOptions; targetUrl: string; embedded: boolean };
  /** Reporters to call; default: the ones the options name. */
  reporters?: Reporter[];
  /** Methods in the catalogue, for the progress line. */
  methodsTotal?: number;
  /** Cases the run plans, for the start line. */
  plannedCases?: number;
}

/**
 * The vitest reporter of a conformance run: it collects the verdicts the suites attach to their
 * tests, builds the run's result and hands it to the harness's own reporters.
 */
export default class PartlyVitestReporter implements VitestReporter {
  /** The result of the finished run; undefined until the run ends. */
  result: RunResult | undefined;
  /** The reason the run itself failed (a suite crashed); it ends the run with exit code 2. */
  runError: string | undefined;
  /** The run error is a harness error with its own one-line message, such as a rejected key. */
  runErrorIsHarness = false;

  private vitest: Vitest | undefined;
  private readonly collected: CollectedMeta = { cells: [], sequences: [], budgetExhausted: false };
  private readonly startedAt = new Date();
  private methodsDone = new Set<string>();
  private exchanges = new Map<string, number>();
  private findings = 0;

  constructor(private readonly settings: PartlyReporterOptions = {}) {}

  onInit(vitest: Vitest): void {
    this.vitest = vitest;
  }

  onTestRunStart(): void {
    const inputs = this.settings.inputs ?? this.providedInputs();
    if (!inputs) {
      return;
    }
    for (const reporter of this.settings.reporters ?? []) {
      reporter.onRunStart?.({
        target: describeTarget(inputs.targetUrl, inputs.embedded),
        seed: inputs.options.seed,
        profile: inputs.options.profile,
        methods: this.settings.methodsTotal ?? 0,
        plannedCases: this.settings.plannedCases ?? 0,
      });
    }
  }

  onTestCaseResult(testCase: TestCase): void {
    const meta = (testCase.meta() as { partly?: PartlyMeta }).partly;
    const state = testCase.result().state;
    if (!meta) {
      if (state === 'failed') {
        this.noteRunError(testCase.fullName, testCase.result().errors?.[0]);
      }
      return;
    }
    if (meta.kind === 'cell') {
      this.collected.cells.push(meta);
      this.collected.budgetExhausted ||= meta.budgetExhausted === true;
      this.exchanges.set(meta.method, meta.methodExchanges);
      this.methodsDone.add(meta.method);
      this.findings += meta.result.failures + meta.result.warnings;
    } else {
      this.collected.sequences.push(meta);
    }
    this.emitProgress();
  }

  /**
   * Keeps the first error that ended the run. A harness error already names what to fix; any
   * other error is prefixed with the test or file where it happened.
   */
  private noteRunError(
    where: string | undefined,
    error: { name?: string; message?: string } | undefined,
  ): void {
    if (this.runError !== undefined) {
      return;
    }
    const message = (error?.message ?? 'unknown error').split('\n')[0] ?? '';
    this.runErrorIsHarness = error?.name === 'HarnessError';
    this.runError =
      this.runErrorIsHarness || where === undefined ? message : `${where}: ${message}`;
  }

  private emitProgress(): void {
    const exchanges = [...this.exchanges.values()].reduce((sum, count) => sum + count, 0);
    const seconds = Math.max((Date.now() - this.startedAt.getTime()) / 1000, 0.001);
    for (const reporter of this.settings.reporters ?? []) {
      reporter.onProgress?.({
        methodsDone: this.methodsDone.size,
        methodsTotal: this.settings.methodsTotal ?? this.methodsDone.size,
        exchanges,
        findings: this.findings,
        rate: exchanges / seconds,
      });
    }
  }

  async onTestRunEnd(
    modules: ReadonlyArray<TestModule>,
    unhandledErrors: ReadonlyArray<SerializedError>,
  ): Promise<void> {
    for (const module of modules) {
      const error = module.errors()[0];
      if (error) {
        this.noteRunError(module.moduleId, error);
      }
    }
    const unhandled = unhandledErrors[0];
    if (unhandled) {
      this.noteRunError(undefined, unhandled);
    }
    if (this.runError !== undefined) {
      return;
    }
    const inputs = this.settings.inputs ?? this.providedInputs();
    if (!inputs) {
      this.runError = 'the suites ran without run inputs; start them with partly-conformance run';
      return;
    }
    const catalogue = await loadCatalogue({
      spec: inputs.options.spec,
      extensionsSpec: inputs.options.extensionsSpec,
    });
    this.result = buildRunResult({
      collected: this.collected,
      catalogue,
      options: inputs.options,
      targetUrl: inputs.targetUrl,
      embedded: inputs.embedded,
      startedAt: this.startedAt,
      durationMs: Date.now() - this.startedAt.getTime(),
    });
    const reporters = this.settings.reporters ?? createReporters(inputs.options.reporters, {});
    for (const reporter of reporters) {
      await reporter.onRunEnd?.({
        result: this.result,
        reportsDir: inputs.options.reports,
        options: inputs.options,
      });
    }
  }

  private providedInputs(): PartlyReporterOptions['inputs'] {
    const provided = this.vitest?.getProvidedContext().partlyRun;
    if (!provided) {
      return undefined;
    }
    return { ...provided, embedded: provided.options.target === undefined };
  }
}
